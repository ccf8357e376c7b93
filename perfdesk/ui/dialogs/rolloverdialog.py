"""文件 › 由现有文档新建下一年度…: choose the source document and what to carry over.

:class:`RolloverDialog` asks which document to start from (the open one, or a ``.perfdesk``
file) and whether to keep the budget amounts and the spending plans; :func:`new_year_from`
runs :func:`perfdesk.models.rollover.rollover` and opens the result in a new, unsaved window.
Texts that mention the old year are not rewritten: the checks list each of them
(``year-reference``) so the clerk can review them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from perfdesk.models.document import Document
from perfdesk.models.rollover import rollover, year_references
from perfdesk.store.file import DocumentFileError, open_document
from perfdesk.ui import dialogs
from perfdesk.ui.core.style import SPACING
from perfdesk.ui.forms.formbuilder import FormBuilder

if TYPE_CHECKING:
    from perfdesk.ui.shell.mainwindow import MainWindow


@dataclass(frozen=True)
class RolloverChoice:
    """What the clerk chose: the source file (None: the open document) and what to keep."""

    path: Path | None
    keep_amounts: bool = True
    keep_plans: bool = True


class RolloverDialog(QDialog):
    """由现有文档新建下一年度: source document and the two carry-over options."""

    def __init__(self, current: Document | None, current_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("由现有文档新建下一年度"))
        self.setMinimumWidth(560)
        self.current = current
        self.path: Path | None = None
        box = QVBoxLayout(self)
        box.setSpacing(SPACING["row_gap"])
        box.addWidget(self._heading(self.tr("以哪份文档为基础")))
        self.use_current = QRadioButton(self._current_text(current, current_name))
        self.use_file = QRadioButton(self.tr("其他文件："))
        self.file_label = QLabel(self.tr("（未选择）"))
        self.file_label.setProperty("role", "hint")
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self.browse)
        group = QButtonGroup(self)
        group.addButton(self.use_current)
        group.addButton(self.use_file)
        self.use_current.setEnabled(current is not None)
        (self.use_current if current is not None else self.use_file).setChecked(True)
        line = QHBoxLayout()
        line.addWidget(self.use_file)
        line.addWidget(self.file_label, 1)
        line.addWidget(browse)
        box.addWidget(self.use_current)
        box.addLayout(line)
        box.addSpacing(SPACING["row_gap"])
        box.addWidget(self._heading(self.tr("结转内容")))
        box.addWidget(FormBuilder.hint(self.tr("单位信息、文本、项目和绩效指标全部结转；自评报告和自评表不结转。")))
        self.keep_amounts = QCheckBox(self.tr("保留预算金额（预算数、财政资金、其他资金及部门整体表金额）"))
        self.keep_plans = QCheckBox(self.tr("保留资金支出计划（3月底、6月底、10月底、12月底）"))
        self.keep_amounts.setChecked(True)
        self.keep_plans.setChecked(True)
        box.addWidget(self.keep_amounts)
        box.addWidget(self.keep_plans)
        self.year_hint = FormBuilder.hint("")
        box.addWidget(self.year_hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        group.buttonToggled.connect(lambda *_args: self._update())
        self._update()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "section")
        return label

    def _current_text(self, doc: Document | None, name: str) -> str:
        if doc is None:
            return self.tr("当前文档（没有打开的文档）")
        unit = doc.unit.name or self.tr("未命名单位")
        return self.tr("当前文档：{unit} {year}年　{name}").format(unit=unit, year=doc.unit.fiscal_year, name=name)

    def browse(self) -> None:
        """Pick the .perfdesk file to start from."""
        path = dialogs.ask_open_path(self)
        if path is not None:
            self.path = path
            self.file_label.setText(str(path))
            self.use_file.setChecked(True)
        self._update()

    def _update(self) -> None:
        ok = self.use_current.isChecked() or self.path is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if self.use_current.isChecked() and self.current is not None:
            year = self.current.unit.fiscal_year
            self.year_hint.setText(
                self.tr(
                    "新文档为 {new} 年度（未保存）。文中提到 {old} 年的地方不会自动修改，会在审核结果中逐条列出，请核对。"
                ).format(new=year + 1, old=year)
            )
        else:
            self.year_hint.setText(self.tr("新文档的年度为所选文档的下一年，提到原年度的文字会在审核结果中列出。"))

    def choice(self) -> RolloverChoice:
        """The clerk's choice (after OK)."""
        path = None if self.use_current.isChecked() else self.path
        return RolloverChoice(path, self.keep_amounts.isChecked(), self.keep_plans.isChecked())


def new_year_from(window: MainWindow) -> MainWindow | None:
    """由现有文档新建下一年度…: the rolled-over document in a new, unsaved window."""
    session = window.session
    current = session.document if session is not None else None
    choice = dialogs.ask_rollover(window, current, session.display_name() if session is not None else "")
    if choice is None:
        return None
    if choice.path is None:
        if current is None:
            return None
        source = current
    else:
        try:
            source = open_document(choice.path).document
        except DocumentFileError as exc:
            dialogs.show_error(window, window.tr("无法打开文件"), f"{exc.path}\n\n{exc.reason}")
            return None
    new = rollover(source, keep_amounts=choice.keep_amounts, keep_plans=choice.keep_plans)
    target = window.new_document(new)
    if target is None or target.session is None:
        return target
    old = source.unit.fiscal_year
    target.session.untitled_name = window.tr("{unit}{year}年（由{old}年结转，未保存）").format(
        unit=new.unit.name, year=new.unit.fiscal_year, old=old
    )
    target.session.file_changed.emit()  # the title shows the new name
    count = len(year_references(new, old))
    message = window.tr("已由 {old} 年文档生成 {year} 年文档").format(old=old, year=new.unit.fiscal_year)
    if count:
        message += window.tr("；{n} 处文字提到 {old} 年，已列在审核结果中，请逐条核对").format(n=count, old=old)
        if target.view is not None:
            target.view.checks.show()
    target.statusBar().showMessage(message, 15000)
    return target
