"""文件 › 导入工作簿… and 项目 › 从工作簿导入项目表…: workbooks read in a worker thread.

A whole workbook becomes a new, unsaved document in its own window; project tables chosen from
a workbook are added to the open document as one undo step.  What the importer could not read
(problems) or derived (notes) is listed with its sheet and cell, in a table the clerk can copy.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from perfdesk.importer.preflight import WorkbookRefused
from perfdesk.importer.result import ImportResult, Level, ProjectImport
from perfdesk.ui import dialogs
from perfdesk.ui.core import commands
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.core.paths import remember_folder, start_folder
from perfdesk.ui.core.session import STRUCTURE
from perfdesk.ui.core.worker import Task, run_with_progress
from perfdesk.ui.dialogs.importdialogs import ask_units, report_intro

if TYPE_CHECKING:
    from perfdesk.ui.shell.mainwindow import MainWindow

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("importing", text)


# ---------------------------------------------------------------------- the two commands


class ImportActions(QObject):
    """The import commands of one main window (a child of it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_window: MainWindow | None = None
        self.last_task: Task | None = None
        self.pending = Path()

    def _folder(self) -> Path:
        session = self.window.session
        return start_folder(session.path if session is not None else None)

    def _run(self, label: str, work: Callable[[Task], Any], done: Callable[[Any], None], path: Path) -> Task:
        task = Task(work)
        task.succeeded.connect(done)
        task.failed.connect(self._failed)
        self.last_task, self.pending = task, path
        run_with_progress(self.window, task, tr("导入"), label.format(name=path.name))
        return task

    def import_workbook(self, path: Path | None = None) -> Task | None:
        """文件 › 导入工作簿…: the workbook becomes a new, unsaved document in a window."""
        path = path or dialogs.ask_open_workbook(self.window, self._folder())
        if path is None:
            return None
        remember_folder(path)
        from perfdesk.importer.reader import import_workbook  # openpyxl loads on first use, not at start-up

        return self._run(tr("正在读取 {name}…"), lambda _t: import_workbook(path), self._opened, path)

    def _opened(self, result: ImportResult) -> None:
        source = result.source or Path(tr("工作簿"))
        if result.questions:  # amounts no label gave a unit for: asked before the document opens
            ask_units(self.window, result)
        window = self.window.new_document(result.document)
        if window is None or window.session is None:
            return
        self.last_window = window
        window.session.untitled_name = tr("{name}（导入，未保存）").format(name=source.stem)
        window.session.mark_modified()
        window.statusBar().showMessage(tr("已导入 {name}，请检查后保存").format(name=source.name), 10000)
        if result.problems or result.notes:
            intro = report_intro(len(result.problems), len(result.notes), source, len(result.unread()))
            dialogs.show_import_report(window, tr("导入的问题与说明"), intro, result.all_messages())

    def import_projects(self, path: Path | None = None) -> Task | None:
        """项目 › 从工作簿导入项目表…: pick tables of a workbook and add them as one undo step."""
        session = self.window.session
        if session is None or session.read_only:
            return None
        path = path or dialogs.ask_open_workbook(self.window, self._folder())
        if path is None:
            return None
        remember_folder(path)
        from perfdesk.importer.reader import import_project_tables

        return self._run(tr("正在查找 {name} 中的项目表…"), lambda _t: import_project_tables(path), self._choose, path)

    def _choose(self, found: list[ProjectImport]) -> None:
        chosen = dialogs.ask_project_tables(self.window, found, self.pending)
        if chosen:
            self.add_projects([found[i] for i in chosen], self.pending)

    def add_projects(self, items: Sequence[ProjectImport], source: Path) -> bool:
        """Append the projects of ``items`` to the document as one undo step."""
        window, session = self.window, self.window.session
        if session is None or window.view is None or not items or session.read_only:
            return False
        projects = session.document.projects
        new = [copy.deepcopy(item.project) for item in items]
        text = tr("从工作簿导入 {n} 个项目").format(n=len(new))
        session.push(STRUCTURE, commands.InsertItems(session, projects, len(projects), new, text=text))
        window.view.sync_undo()
        window.view.open_node(NodeRef(NodeKind.PROJECT, new[0]))
        window.statusBar().showMessage(tr("已从 {name} 导入 {n} 个项目（可撤销）").format(
            name=source.name, n=len(new)), 10000)  # fmt: skip
        problems = [p for item in items for p in (*item.problems, *item.notes)]
        if problems:
            count = sum(p.level is not Level.NOTE for p in problems)
            unread = sum(p.level is Level.UNREAD for p in problems)
            intro = report_intro(count, len(problems) - count, source, unread)
            dialogs.show_import_report(window, tr("导入的问题与说明"), intro, problems)
        return True

    def _failed(self, exc: BaseException) -> None:
        path = self.pending
        if isinstance(exc, WorkbookRefused):
            text = tr("{path}\n\n{reason}").format(path=path, reason=exc.reason)
        else:
            text = tr("{path}\n\n读取时发生意外错误（{kind}：{e}），文档没有改动。").format(
                path=path, kind=type(exc).__name__, e=exc)  # fmt: skip
        dialogs.show_error(self.window, tr("无法导入工作簿"), text)
