"""文件 › 导出…: choose scope, format and file, export in a worker with progress and 取消.

The document is copied before the worker starts, so the clerk can go on editing while a whole
county is written.  :func:`perfdesk.export.service.export_document` replaces the target
atomically: a failed or cancelled export leaves no file behind.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QWidget,
)

from perfdesk.export.service import ExportCancelled, ExportError, ExportResult, export_document
from perfdesk.models.checks import check_document
from perfdesk.models.document import Document
from perfdesk.ui import dialogs
from perfdesk.ui.core.paths import settings
from perfdesk.ui.core.worker import Task, run_with_progress
from perfdesk.ui.dialogs.exportdialog import ExportRequest
from perfdesk.ui.dialogs.scopes import ScopeChoice

MAX_WARNINGS_SHOWN = 30


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("exporting", text)


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


def open_location(path: Path, what: str, parent: QWidget | None = None) -> bool:
    """Open the exported file ("file") or its folder ("folder") with the system's program.

    When no program opens the file (no PDF viewer installed), say so and offer the folder.
    """
    target = path if what == "file" else path.parent
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        return True
    if what == "file":
        question = tr("这台电脑上没有可以打开 {kind} 文件的程序。\n\n要打开文件所在的文件夹吗？").format(
            kind=path.suffix.lstrip(".").upper()
        )
        if dialogs.confirm(parent, tr("无法打开文件"), question):
            return open_location(path, "folder", parent)
        return False
    dialogs.show_error(parent, tr("无法打开文件夹"), tr("无法打开文件夹：{folder}").format(folder=path.parent))
    return False


class ExportActions(QObject):
    """文件 › 导出… of one main window (a child of it: results of a closed window are dropped)."""

    def __init__(
        self, window: QWidget, document: Callable[[], Document | None], path: Callable[[], Path | None],
        choices: Callable[[], list[ScopeChoice]], show_checks: Callable[[], object] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self.show_checks = show_checks
        self.document = document
        self.document_path = path
        self.choices = choices
        self.last_result: ExportResult | None = None
        self.last_task: Task | None = None
        self.pending: ExportRequest | None = None

    def export(self) -> Task | None:
        """Ask what and where, then export in a worker thread."""
        doc = self.document()
        if doc is None or not self._errors_accepted(doc):
            return None
        request = dialogs.ask_export(self.window, doc, self.choices(), default_folder(self.document_path()))
        if request is None:
            return None
        copied = copy.deepcopy(doc)
        if request.orientation is not None:  # chosen in the dialog for this export only
            copied.unit.printing.orientation = request.orientation
        return self.start(copied, request)

    def _errors_accepted(self, doc: Document) -> bool:
        """A document with 审核 errors is exported only when the clerk says so (审核 shows them)."""
        errors = sum(1 for finding in check_document(doc) if finding.is_error)
        if not errors:
            return True
        answer = dialogs.ask_export_with_errors(self.window, errors)
        if answer == "check" and self.show_checks is not None:
            self.show_checks()
        return answer == "export"

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
            open_location(result.path, answer, self.window)

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
