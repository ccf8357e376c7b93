"""使用帮助 (F1): the keys and the everyday workflow on one page."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_HTML = """
<h2>perfdesk 使用帮助</h2>
<p>左侧项目树列出文档的各个部分，单击即在右侧以标签页打开；标签页上的 ● 表示有未保存的修改。
下方“审核结果”随输入实时更新，双击一条即跳到对应的栏目或单元格。</p>
<h3>指标表（与 Excel 相同的操作）</h3>
<table cellpadding="4">
<tr><td><b>直接输入</b></td><td>替换单元格内容；F2 或双击在原内容后继续输入</td></tr>
<tr><td><b>Enter / Shift+Enter</b></td><td>确认并移到下一行 / 上一行</td></tr>
<tr><td><b>Tab / Shift+Tab</b></td><td>确认并移到右边 / 左边一格</td></tr>
<tr><td><b>Alt+Enter</b></td><td>在单元格内换行</td></tr>
<tr><td><b>Delete</b></td><td>清除所选单元格</td></tr>
<tr><td><b>Ctrl+C / Ctrl+V</b></td><td>复制为制表符分隔文本；粘贴从 Excel、WPS 或 Word 表格复制的整块内容，
合并的一级、二级指标会自动向下填充，行不够时自动增加</td></tr>
<tr><td><b>Ctrl+Insert / Ctrl+-</b></td><td>插入行 / 删除行</td></tr>
<tr><td><b>Alt+↑ / Alt+↓</b></td><td>上移 / 下移所选行</td></tr>
</table>
<p>表格最下面标有“＋”的空行用于添加新行：在其中输入即新增一行。</p>
<h3>快捷键</h3>
<table cellpadding="4">
<tr><td>Ctrl+N</td><td>新建文档</td><td>Ctrl+O</td><td>打开</td></tr>
<tr><td>Ctrl+S</td><td>保存</td><td>Ctrl+Shift+S</td><td>另存为</td></tr>
<tr><td>Ctrl+Z</td><td>撤销（当前标签页）</td><td>Ctrl+Y</td><td>重做</td></tr>
<tr><td>Ctrl+F / F3</td><td>查找 / 查找下一个</td><td>Ctrl+W</td><td>关闭标签页</td></tr>
<tr><td>Ctrl+Shift+N</td><td>添加项目</td><td>F8</td><td>显示/隐藏审核结果</td></tr>
</table>
<h3>金额</h3>
<p>金额以万元填写，最多两位小数；可以输入“69.2万”或“692000元”，会自动换算。输入有误时，文字会保留并以红色提示原因。</p>
<h3>安全</h3>
<p>未保存的修改每隔几秒自动记录，断电或程序意外退出后，下次启动时会提示恢复。
同一个文件在另一个 perfdesk 中打开时，本窗口以只读方式打开；写保护的U盘上的文件同样只读，可“另存为”到本机。</p>
"""


class HelpDialog(QDialog):
    """The help page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用帮助"))
        self.resize(760, 680)
        browser = QTextBrowser()
        browser.setHtml(self.tr(HELP_HTML))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(browser)
        box.addWidget(buttons)
