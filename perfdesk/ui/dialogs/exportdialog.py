"""The export dialog: 范围, 格式 and 文件 of 文件 › 导出… (the file name follows the choices)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from perfdesk.export.service import FORMATS, Scope, page_setup_text, typeface_text
from perfdesk.models.document import Document, Orientation
from perfdesk.ui import dialogs
from perfdesk.ui.core.paths import settings
from perfdesk.ui.dialogs.scopes import ScopeBox, ScopeChoice, file_stem

SUFFIXES = list(FORMATS)  # .pdf, .xlsx, .docx
ORIENTATION_LABELS = {
    Orientation.AUTO: "自动（表格版式下，过宽的表横向）",
    Orientation.PORTRAIT: "纵向",
    Orientation.LANDSCAPE: "横向（每张表）",
}
FORMAT_LABELS = {".pdf": "PDF 文件（.pdf）", ".xlsx": "Excel 工作簿（.xlsx）", ".docx": "Word 文档（.docx）"}


@dataclass(frozen=True)
class ExportRequest:
    """What the clerk chose: the file (its suffix decides the format) and the scope."""

    path: Path
    scope: Scope
    label: str = ""
    orientation: Orientation | None = None  # 表格方向 for this export (None: the document's)


class ExportDialog(QDialog):
    """范围, 格式 and 文件 of an export; the file name follows unit, year, scope and format."""

    def __init__(self, doc: Document, choices: list[ScopeChoice], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出"))
        self.setMinimumWidth(620)
        self.doc = doc
        self.folder = folder
        self.scopes = ScopeBox(choices)
        self.format = QComboBox()
        for suffix in SUFFIXES:
            self.format.addItem(self.tr(FORMAT_LABELS[suffix]), suffix)
        last = str(settings().value("export/suffix", ".pdf"))
        self.format.setCurrentIndex(SUFFIXES.index(last) if last in SUFFIXES else 0)
        self.file = QLineEdit()
        self.file.setClearButtonEnabled(True)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("范围"), self.scopes)
        form.addRow(self.tr("格式"), self.format)
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("版式"), QLabel(page_setup_text(doc, with_orientation=False)))  # 单位信息 › 打印
        self.orientation = QComboBox()  # starts at the document's choice (单位信息 › 打印)
        for value, label in ORIENTATION_LABELS.items():
            self.orientation.addItem(self.tr(label), value)
        self.orientation.setCurrentIndex(list(ORIENTATION_LABELS).index(doc.unit.printing.orientation))
        self.orientation.setToolTip(self.tr("只用于这次导出；文档的设置在“单位信息 › 打印”中修改。"))
        form.addRow(self.tr("表格方向"), self.orientation)
        self.faces = QLabel(typeface_text())  # one typeface set for PDF, Excel and Word on this PC
        self.faces.setWordWrap(True)
        form.addRow(self.tr("字体"), self.faces)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.buttons)
        self._named = ""  # the last name we suggested; typed names are kept when the scope changes
        self.scopes.group.idToggled.connect(lambda *_: self._suggest())
        self.format.currentIndexChanged.connect(lambda *_: self._set_suffix())
        self.file.textChanged.connect(self._update)
        self._suggest()

    def suffix(self) -> str:
        """The chosen format's suffix."""
        return str(self.format.currentData())

    def path(self) -> Path:
        """The target file, with the suffix of the chosen format."""
        text = self.file.text().strip()
        path = Path(text) if text else Path()
        if not path.is_absolute():
            path = self.folder / path
        return path if path.suffix.lower() == self.suffix() else path.with_name(path.name + self.suffix())

    def request(self) -> ExportRequest:
        """The clerk's choice."""
        choice = self.scopes.chosen()
        turn = Orientation(self.orientation.currentData())
        chosen = None if turn is self.doc.unit.printing.orientation else turn
        return ExportRequest(self.path(), choice.scope, choice.label, chosen)

    def _suggest(self) -> None:
        if self.file.text().strip() and self.file.text() != self._named:
            return
        folder = self.path().parent if self.file.text().strip() else self.folder
        self._named = str(folder / (file_stem(self.doc, self.scopes.chosen()) + self.suffix()))
        self.file.setText(self._named)

    def _set_suffix(self) -> None:
        text = self.file.text().strip()
        if not text:
            self._suggest()
            return
        path = Path(text)
        if path.suffix.lower() in SUFFIXES:
            path = path.with_suffix("")
        new = str(path.with_name(path.name + self.suffix()))
        if text == self._named:
            self._named = new
        self.file.setText(new)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.file.text().strip()))

    def browse(self) -> None:
        """Pick the file with the system's save dialog."""
        suffix = self.suffix()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出到"), str(self.path()), f"{self.tr(FORMAT_LABELS[suffix])} (*{suffix})"
        )
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        """Check the folder, ask before replacing a file, remember the choices."""
        path = self.path()
        if not path.parent.is_dir():
            dialogs.show_error(self, self.tr("导出"), self.tr("文件夹不存在：{folder}").format(folder=path.parent))
            return
        if path.exists():
            question = self.tr("{name} 已存在，要替换它吗？").format(name=path.name)
            if not dialogs.confirm(self, self.tr("替换文件"), question):
                return
        store = settings()
        store.setValue("export/suffix", self.suffix())
        store.setValue("export/folder", str(path.parent))
        super().accept()


def ask_export(parent: QWidget | None, doc: Document, choices: list[ScopeChoice], folder: Path) -> ExportRequest | None:
    """The export dialog; None when cancelled."""
    dialog = ExportDialog(doc, choices, folder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.request()
