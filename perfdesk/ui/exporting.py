"""文件 › 导出…: choose scope, format and file, export in a worker with progress and 取消.

The document is copied before the worker starts, so the clerk can go on editing while a whole
county is written.  :func:`perfdesk.export.service.export_document` replaces the target
atomically: a failed or cancelled export leaves no file behind.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices
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

from perfdesk.export.service import (
    FORMATS,
    ExportCancelled,
    ExportError,
    ExportResult,
    Scope,
    export_document,
    page_setup_text,
    typeface_text,
)
from perfdesk.models.document import Document
from perfdesk.ui import dialogs
from perfdesk.ui.paths import settings
from perfdesk.ui.scopes import ScopeBox, ScopeChoice, file_stem
from perfdesk.ui.worker import Task, run_with_progress

SUFFIXES = list(FORMATS)  # .pdf, .xlsx, .docx
FORMAT_LABELS = {".pdf": "PDF 文件（.pdf）", ".xlsx": "Excel 工作簿（.xlsx）", ".docx": "Word 文档（.docx）"}
MAX_WARNINGS_SHOWN = 30


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("exporting", text)


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
        form.addRow(self.tr("版式"), QLabel(page_setup_text(doc)))  # set in 单位信息 › 打印
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


def default_folder(document_path: Path | None) -> Path:
    """Where exports go: the last export folder, else the document's folder, else home."""
    last = settings().value("export/folder")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    if document_path is not None and document_path.parent.is_dir():
        return document_path.parent
    return Path.home()


def warnings_text(result: ExportResult) -> str:
    """The export's warnings, one a line (the first few dozen)."""
    lines = [f"• {w}" for w in result.warnings[:MAX_WARNINGS_SHOWN]]
    if len(result.warnings) > MAX_WARNINGS_SHOWN:
        lines.append(tr("…… 另有 {n} 条").format(n=len(result.warnings) - MAX_WARNINGS_SHOWN))
    return "\n".join(lines)


def open_location(path: Path, what: str) -> bool:
    """Open the exported file ("file") or its folder ("folder") with the system's program."""
    target = path if what == "file" else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


class ExportActions(QObject):
    """文件 › 导出… of one main window (a child of it: results of a closed window are dropped)."""

    def __init__(
        self, window: QWidget, document: Callable[[], Document | None], path: Callable[[], Path | None],
        choices: Callable[[], list[ScopeChoice]],
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self.document = document
        self.document_path = path
        self.choices = choices
        self.last_result: ExportResult | None = None
        self.last_task: Task | None = None
        self.pending: ExportRequest | None = None

    def export(self) -> Task | None:
        """Ask what and where, then export in a worker thread."""
        doc = self.document()
        if doc is None:
            return None
        request = dialogs.ask_export(self.window, doc, self.choices(), default_folder(self.document_path()))
        if request is None:
            return None
        return self.start(copy.deepcopy(doc), request)

    def start(self, doc: Document, request: ExportRequest) -> Task:
        """Export ``doc`` (a copy the GUI no longer touches) with a progress dialog and 取消."""

        def work(task: Task) -> ExportResult:
            def progress(done: int, total: int) -> None:
                task.report(done, total, tr("正在导出 {name}…（{done}/{total}）").format(
                    name=request.path.name, done=done, total=total))  # fmt: skip

            return export_document(doc, request.path, scope=request.scope, progress=progress, cancelled=task.cancelled)

        task = Task(work)
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)
        self.last_task, self.pending = task, request
        label = tr("正在导出 {name}…").format(name=request.path.name)
        run_with_progress(self.window, task, tr("导出"), label)
        return task

    def _done(self, result: ExportResult) -> None:
        self.last_result = result
        self._status(result.summary())
        text = tr("已导出{kind}：\n{path}").format(kind=result.kind, path=result.path)
        if result.pages is not None:
            text += tr("\n共 {pages} 页。").format(pages=result.pages)
        details = ""
        if result.warnings:
            text += tr("\n\n导出时有 {n} 条提示，请核对：").format(n=len(result.warnings))
            details = warnings_text(result)
        answer = dialogs.ask_after_export(self.window, tr("导出完成"), text, details)
        if answer in ("file", "folder"):
            open_location(result.path, answer)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ExportCancelled):
            self._status(tr("已取消导出，没有写入文件"))
            return
        if isinstance(exc, ExportError):
            text = str(exc)
        else:
            text = tr("导出时发生意外错误（{kind}：{e}）。文件没有写入。").format(kind=type(exc).__name__, e=exc)
        self._status(tr("导出失败"))
        dialogs.show_error(self.window, tr("导出失败"), tr("无法导出到 {path}：\n\n{reason}").format(
            path=self.pending.path if self.pending else "", reason=text))  # fmt: skip

    def _status(self, text: str) -> None:
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(text, 10000)
