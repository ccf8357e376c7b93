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
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from perfdesk.export.service import FORMATS, Scope
from perfdesk.models.document import Document
from perfdesk.ui import dialogs
from perfdesk.ui.core.paths import settings
from perfdesk.ui.dialogs.scopes import ScopeBox, ScopeChoice, file_stem

SUFFIXES = list(FORMATS)  # .pdf, .xlsx, .docx
FORMAT_LABELS = {".pdf": "PDF 文件（.pdf）", ".xlsx": "Excel 工作簿（.xlsx）", ".docx": "Word 文档（.docx）"}


@dataclass(frozen=True)
class ExportRequest:
    """What the clerk chose: the file (its suffix decides the format) and the scope."""

    path: Path
    scope: Scope
    label: str = ""


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
        return ExportRequest(self.path(), choice.scope, choice.label)

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
