"""The 文件 and 项目 menu entries for export, print, workbook import and 汇总, for one main window.

:func:`add_file_actions` and :func:`add_project_actions` are the only calls the main window
makes; the work is done by :mod:`exporting`, :mod:`printing`, :mod:`importing` and
:mod:`mergewindow`.  The actions follow the window's document: they are enabled while one is
open (and, for adding project tables, editable).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from perfdesk.models.document import Document
from perfdesk.ui.core.style import icon, shortcuts
from perfdesk.ui.dialogs.scopes import ScopeChoice, choices_for
from perfdesk.ui.transfer.exporting import ExportActions
from perfdesk.ui.transfer.importing import ImportActions
from perfdesk.ui.transfer.printing import PrintActions

if TYPE_CHECKING:
    from perfdesk.ui.shell.mainwindow import MainWindow

_DOCUMENT_ACTIONS = ("export", "print_preview", "print")


class DocumentTransfer(QObject):
    """Export, print and import for one main window; a child of the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.exporting = ExportActions(window, self.document, self.document_path, self.choices)
        self.printing = PrintActions(window, self.document, self.choices)
        self.importing = ImportActions(window)
        self._watched: object = None
        # A document was opened or closed; closing switches pages before the session is gone,
        # so look again once the window has finished.
        window.stack.currentChanged.connect(self.update)
        window.stack.currentChanged.connect(self.update, Qt.ConnectionType.QueuedConnection)

    def document(self) -> Document | None:
        """The window's document, if any."""
        return self.window.session.document if self.window.session is not None else None

    def document_path(self) -> Path | None:
        """The window's file, if saved."""
        return self.window.session.path if self.window.session is not None else None

    def choices(self) -> list[ScopeChoice]:
        """The whole document, then what the front tab shows."""
        doc = self.document()
        if doc is None:
            return []
        page = self.window.view.current_page() if self.window.view is not None else None
        return choices_for(doc, page.node if page is not None else None)

    def action(self, name: str, text: str, slot: Callable[[], object], icon_name: str = "") -> QAction:
        """A window action with the shortcut of :data:`perfdesk.ui.core.style.SHORTCUTS`."""
        action = QAction(text, self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcuts(shortcuts(name))
        action.setStatusTip(text.replace("…", ""))
        action.triggered.connect(lambda *_args: slot())
        self.window.addAction(action)
        self.window.actions_by_name[name] = action
        return action

    def update(self, *_args: object) -> None:
        """Enable what the window's document allows."""
        session = self.window.session
        names = self.window.actions_by_name
        for name in _DOCUMENT_ACTIONS:
            if name in names:
                names[name].setEnabled(session is not None)
        if "import_projects" in names:
            names["import_projects"].setEnabled(session is not None and not session.read_only)
        if session is not None and self._watched is not session:
            self._watched = session
            session.file_changed.connect(self.update)  # read-only state may change (另存为)


def _transfer(window: MainWindow) -> DocumentTransfer:
    found = window.findChild(DocumentTransfer)
    return found if isinstance(found, DocumentTransfer) else DocumentTransfer(window)


def add_file_actions(window: MainWindow, menu: QMenu) -> None:
    """文件: 导入工作簿…, 导出…, 打印预览…, 打印…, 汇总多个单位…."""
    from perfdesk.ui.transfer.mergewindow import open_merge_window

    t = _transfer(window)
    tr = window.tr
    menu.addSeparator()
    menu.addAction(t.action("import_workbook", tr("导入工作簿…"), t.importing.import_workbook, "open"))
    menu.addAction(t.action("export", tr("导出…"), t.exporting.export, "save_as"))
    menu.addSeparator()
    menu.addAction(t.action("print_preview", tr("打印预览…"), t.printing.preview))
    menu.addAction(t.action("print", tr("打印…"), t.printing.print_document))
    menu.addSeparator()
    menu.addAction(t.action("merge", tr("汇总多个单位…"), lambda: open_merge_window(type(window)), "folder_open"))
    t.update()


def add_project_actions(window: MainWindow, menu: QMenu) -> None:
    """项目: 从工作簿导入项目表…."""
    t = _transfer(window)
    menu.addSeparator()
    menu.addAction(t.action("import_projects", window.tr("从工作簿导入项目表…"), t.importing.import_projects))
    t.update()


def transfer_of(window: MainWindow) -> DocumentTransfer:
    """The export/print/import helpers of a window (tests reach the workers through it)."""
    return _transfer(window)
