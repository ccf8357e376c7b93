"""The main window: menus, toolbar, status bar, and the file operations around one document."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QToolBar, QToolButton, QWidget

from perfdesk import __version__
from perfdesk.models.document import Document
from perfdesk.samples import sample
from perfdesk.store.backups import newest_good_backup
from perfdesk.store.file import DamagedFile, DocumentFileError
from perfdesk.ui import dialogs
from perfdesk.ui.core import fileaccess
from perfdesk.ui.core.paths import (
    add_recent_file,
    clear_recent_files,
    recent_files,
    remember_folder,
    settings,
    start_folder,
)
from perfdesk.ui.core.recovery import Journal, Orphan
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.core.style import WINDOW_SIZE, icon, shortcuts
from perfdesk.ui.shell import toolsmenu
from perfdesk.ui.shell.documentview import DocumentView
from perfdesk.ui.shell.startpage import StartPage
from perfdesk.ui.transfer import fileactions

_WINDOWS: list[MainWindow] = []
MAX_NOTES_SHOWN = 30  # of the places cleaned on opening; the rest are counted


def open_windows() -> list[MainWindow]:
    """The main windows of this process."""
    return list(_WINDOWS)


class MainWindow(QMainWindow):
    """One window, one document (or the start page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: DocumentSession | None = None
        self.journal: Journal | None = None
        self.view: DocumentView | None = None
        self.closes_with_document = False  # opened for one document (a second window, a 汇总 unit)
        self.resize(*WINDOW_SIZE)
        geometry = settings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.start_page = StartPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        toolsmenu.install(self)  # 工具 (指标库, 2021 版指标框架) and 文件 › 由现有文档新建下一年度…
        self._build_toolbar()
        self._build_status_bar()
        self.start_page.new_requested.connect(self.new_document)
        self.start_page.open_requested.connect(self.open_file)
        self.start_page.sample_requested.connect(self.open_sample)
        _WINDOWS.append(self)
        self._update_ui()

    # ------------------------------------------------------------------ actions, menus, toolbar

    def _action(
        self, name: str, text: str, slot: Callable[[], object], icon_name: str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcuts(shortcuts(name))
        action.setStatusTip(tip or text.replace("…", ""))
        action.triggered.connect(lambda *_args: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        a, v = self._action, self._view_call
        a("new", self.tr("新建…"), self.new_document, "new", self.tr("新建一个单位、一个年度的文档"))
        a("open", self.tr("打开…"), self.open_file, "open")
        a("save", self.tr("保存"), self.save, "save")
        a("save_as", self.tr("另存为…"), self.save_as, "save_as")
        a("close_tab", self.tr("关闭标签页"), v(lambda view: view.close_current_tab()))
        a("close_document", self.tr("关闭文档"), self.close_document_command)
        a("quit", self.tr("退出"), quit_all)
        a("undo", self.tr("撤销"), lambda: self.session and self.session.undo_group.undo(), "undo")
        a("redo", self.tr("重做"), lambda: self.session and self.session.undo_group.redo(), "redo")
        a("find", self.tr("查找…"), v(lambda view: view.find_bar.start(view.session.document)), "find")
        a("find_next", self.tr("查找下一个"), v(lambda view: view.find_bar.next()))
        a("add_project", self.tr("添加项目"), v(lambda view: view.add_project()), "add")
        a("duplicate_project", self.tr("复制项目"), v(lambda view: view.duplicate_project()), "duplicate")
        a("rename_project", self.tr("重命名项目"), v(lambda view: view.start_rename()), "rename")
        a("delete_project", self.tr("删除项目…"), v(lambda view: view.delete_project()), "delete")
        a("project_up", self.tr("项目上移"), v(lambda view: view.move_project(-1)), "up")
        a("project_down", self.tr("项目下移"), v(lambda view: view.move_project(1)), "down")
        a("add_dept_table", self.tr("添加部门整体预算绩效目标表"), v(lambda view: view.add_part("dept_table")))
        a("add_self_report", self.tr("添加自评报告"), v(lambda view: view.add_part("self_report")))
        a("checks", self.tr("审核结果"), v(lambda view: view.checks.setVisible(not view.checks.isVisible())), "checks")
        a("tree", self.tr("项目树"), v(lambda view: view.tree.setVisible(not view.tree.isVisible())))
        a("next_tab", self.tr("下一个标签页"), v(lambda view: _cycle(view, 1)))
        a("previous_tab", self.tr("上一个标签页"), v(lambda view: _cycle(view, -1)))
        a("help", self.tr("使用帮助"), lambda: dialogs.show_help(self), "help")
        a("about", self.tr("关于 perfdesk"), self.about)
        for name in ("checks", "tree"):
            self.actions_by_name[name].setCheckable(True)
            self.actions_by_name[name].setChecked(True)

    def _view_call(self, func: Callable[[DocumentView], object]) -> Callable[[], object]:
        return lambda: func(self.view) if self.view is not None else None

    def _build_menus(self) -> None:
        bar = self.menuBar()
        names = self.actions_by_name
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addActions([names["new"], names["open"]])
        self.recent_menu = file_menu.addMenu(self.tr("最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([names["save"], names["save_as"]])
        fileactions.add_file_actions(self, file_menu)  # 导入工作簿, 导出, 打印预览, 打印, 汇总
        file_menu.addSeparator()
        file_menu.addActions([names["close_tab"], names["close_document"]])
        file_menu.addSeparator()
        file_menu.addAction(names["quit"])
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([names["undo"], names["redo"]])
        edit_menu.addSeparator()
        edit_menu.addActions([names["find"], names["find_next"]])
        project_menu = bar.addMenu(self.tr("项目(&P)"))
        self.project_actions = [names["add_project"], names["duplicate_project"], names["rename_project"], names["delete_project"],
                                None, names["project_up"], names["project_down"]]  # fmt: skip
        _fill(project_menu, self.project_actions)
        project_menu.addSeparator()
        project_menu.addActions([names["add_dept_table"], names["add_self_report"]])
        fileactions.add_project_actions(self, project_menu)  # 从工作簿导入项目表
        view_menu = bar.addMenu(self.tr("视图(&V)"))
        view_menu.addActions([names["tree"], names["checks"]])
        view_menu.addSeparator()
        view_menu.addActions([names["next_tab"], names["previous_tab"]])
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addActions([names["help"], names["about"]])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(toolbar.toolButtonStyle().ToolButtonTextBesideIcon)
        names = self.actions_by_name
        groups = [["new", "open", "save"], ["undo", "redo"], ["add_project", "delete_project"], ["find", "checks"]]
        for i, group in enumerate(groups):
            if i:
                toolbar.addSeparator()
            toolbar.addActions([names[n] for n in group])
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet("color: #b26a00; font-weight: bold; padding: 0 8px;")
        self.errors_button = QToolButton()
        self.warnings_button = QToolButton()
        for button, name in ((self.errors_button, "error"), (self.warnings_button, "warning")):
            button.setIcon(icon(name))
            button.setAutoRaise(True)
            button.setToolButtonStyle(button.toolButtonStyle().ToolButtonTextBesideIcon)
            button.clicked.connect(self.show_checks)
        self.pending_button = QToolButton()  # 待填: empty required fields of forms not touched yet
        self.pending_button.setAutoRaise(True)
        self.pending_button.setToolTip(self.tr("尚未填写的必填项（未编辑过的表）。点击运行审核，显示全部问题。"))
        self.pending_button.clicked.connect(self.audit)
        self.path_label = QLabel()
        self.path_label.setStyleSheet("color: #666; padding: 0 8px;")
        widgets = (self.read_only_label, self.pending_button, self.errors_button, self.warnings_button, self.path_label)
        for widget in widgets:
            status.addPermanentWidget(widget)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for i, path in enumerate(files):
            action = self.recent_menu.addAction(f"&{i + 1} {path.name}    {path.parent}")
            action.triggered.connect(lambda *_args, p=path: self.open_file(p))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("清除列表"), clear_recent_files)
        else:
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    # ------------------------------------------------------------------ document lifecycle

    def set_session(self, session: DocumentSession, journal_folder: Path | None = None) -> None:
        """Show a document in this window (which must have none)."""
        assert self.session is None
        self.session = session
        session.setParent(self)
        self.journal = Journal(session, journal_folder, self)
        self.view = DocumentView(session)
        self.view.tree.context_actions = self.project_actions
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        group = session.undo_group
        group.canUndoChanged.connect(self._update_undo)
        group.canRedoChanged.connect(self._update_undo)
        group.undoTextChanged.connect(self._update_undo)
        group.redoTextChanged.connect(self._update_undo)
        session.modified_changed.connect(self._update_ui)
        session.file_changed.connect(self._update_ui)
        self.view.runner.updated.connect(self._update_counts)
        self.view.save_as_requested.connect(self.save_as)
        self.view.open_node(self._first_node())
        self._update_ui()
        self._update_counts()

    def _first_node(self) -> object:
        from perfdesk.ui.core.nodes import NodeKind, NodeRef

        doc = self.session.document if self.session else Document()
        if doc.projects:
            return NodeRef(NodeKind.PROJECT, doc.projects[0])
        if doc.dept_table is not None:
            return NodeRef(NodeKind.DEPT)
        if doc.self_report is not None:
            return NodeRef(NodeKind.SELF)
        return NodeRef(NodeKind.UNIT)

    def _target_window(self) -> MainWindow:
        if self.session is None:
            return self
        window = MainWindow()
        window.closes_with_document = True
        window.show()
        return window

    def new_document(self, document: Document | None = None) -> MainWindow | None:
        """Ctrl+N: ask for unit, year, framework and template, then open the new document."""
        doc = document if document is not None else dialogs.ask_new_document(self)
        if not isinstance(doc, Document):
            return None
        window = self._target_window()
        session = DocumentSession(doc)
        session.untitled_name = self.tr("{unit}{year}年（未保存）").format(
            unit=doc.unit.name, year=doc.unit.fiscal_year
        )
        session.mark_modified()  # not on disk: closing asks, and a crash journals it
        window.set_session(session)
        window.activateWindow()
        return window

    def open_sample(self, name: str) -> MainWindow | None:
        """Open a bundled sample as an unsaved copy."""
        doc = sample(name).load()
        window = self.new_document(doc)
        return window

    def open_file(self, path: Path | str | None = None) -> MainWindow | None:
        """Ctrl+O: open a file (in this window when it is empty, else in a new one)."""
        if path is None:
            path = dialogs.ask_open_path(self, start_folder(self.session.path if self.session else None))
            if path is None:
                return None
        path = Path(path).absolute()
        for window in _WINDOWS:
            if window.session is not None and window.session.path == path:
                window.raise_()
                window.activateWindow()
                return window
        try:
            session = DocumentSession.open(path)
        except DamagedFile as exc:
            return self._offer_backup(path, exc)
        except DocumentFileError as exc:
            dialogs.show_error(self, self.tr("无法打开文件"), f"{exc.path}\n\n{exc.reason}")
            return None
        window = self._target_window()
        window.set_session(session)
        add_recent_file(path)
        remember_folder(path)
        self.start_page.refresh()
        if session.read_only:
            window.statusBar().showMessage(self.tr("以只读方式打开"), 8000)
        if session.open_notes:
            window.tell_open_notes(session.open_notes)
        return window

    def tell_open_notes(self, notes: list[str]) -> None:
        """Say what was cleaned on opening (nothing else in the file was changed)."""
        shown = notes[:MAX_NOTES_SHOWN]
        more = len(notes) - len(shown)
        lines = "\n".join(f"• {n}" for n in shown)
        if more:
            lines += "\n" + self.tr("…… 另有 {n} 处").format(n=more)
        after = (
            self.tr("文件为只读，未作改动。")
            if self.session is not None and self.session.read_only
            else self.tr("保存后文件中也将删除这些字符。")
        )
        text = self.tr("打开时删除了以下位置的不可见控制字符或无效字符（其余文字未改动）：\n\n{lines}\n\n{after}")
        dialogs.show_info(self, self.tr("打开时作了调整"), text.format(lines=lines, after=after))

    def _offer_backup(self, path: Path, error: DamagedFile) -> MainWindow | None:
        """A damaged file is never overwritten: offer its newest good backup as an unsaved copy."""
        found = newest_good_backup(path)
        if found is None:
            dialogs.show_error(self, self.tr("无法打开文件"), f"{error.path}\n\n{error.reason}")
            return None
        backup, opened = found
        when = datetime.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        question = self.tr("{path}\n\n{reason}\n\n本机保存有此文件 {when} 的备份。要打开这份备份吗？"
                           "（打开后为未保存的副本，原损坏文件不会被改动。）").format(path=path, reason=error.reason, when=when)  # fmt: skip
        if not dialogs.confirm(self, self.tr("文件已损坏"), question):
            return None
        window = self.new_document(opened.document)
        if window is not None and window.session is not None:
            window.session.untitled_name = self.tr("{name}（{when} 的备份）").format(name=path.stem, when=when)
            window.session.mark_modified()
        return window

    def restore(self, orphan: Orphan) -> MainWindow | None:
        """Reopen a document from a crash-recovery journal, with its unsaved edits."""
        try:
            doc = orphan.load()
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, self.tr("无法恢复"), self.tr("恢复文件已损坏：{e}").format(e=exc))
            return None
        path = orphan.path if orphan.path and orphan.path.exists() else None
        access = fileaccess.acquire(path) if path else fileaccess.Access(None, None)
        if path and access.lock is None and access.read_only_reason and "另一个" in access.read_only_reason:
            path, access = None, fileaccess.Access(None, None)  # the file is in use: recover as a new copy
        session = DocumentSession(doc, path, lock=access.lock, read_only_reason=access.read_only_reason)
        session.untitled_name = self.tr("{title}（已恢复）").format(title=orphan.title)
        session.mark_modified()
        window = self._target_window()
        window.set_session(session)
        if window.journal is not None:
            window.journal.write_now()
        orphan.discard()
        window.statusBar().showMessage(self.tr("已恢复未保存的修改，请检查后保存"), 10000)
        return window

    def save(self) -> bool:
        """Ctrl+S (Save As for a new or read-only document)."""
        if self.session is None:
            return False
        if self.session.path is None or self.session.read_only:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        """Ctrl+Shift+S: save under a new name; the window then edits that file."""
        if self.session is None:
            return False
        doc = self.session.document
        folder = start_folder(None if self.session.read_only else self.session.path)
        suggested = folder / f"{doc.unit.name or self.tr('未命名')}{doc.unit.fiscal_year}年.perfdesk"
        path = dialogs.ask_save_path(self, suggested)
        if path is None:
            return False
        return self._save_to(path)

    def _save_to(self, path: Path | None) -> bool:
        assert self.session is not None
        if self.view is not None:
            self.session.seal()
            problems = [p for page in self.view.pages.values() for p in page.invalid_inputs()]
            if problems:
                listed = "\n".join(f"• {p}" for p in problems[:12])
                question = self.tr(
                    "以下输入无法识别（显示为红色），保存的文件中这些栏目将保持原值或为空：\n\n{items}\n\n仍要保存吗？"
                )
                if not dialogs.confirm(self, self.tr("有无法识别的输入"), question.format(items=listed)):
                    return False
        try:
            self.session.save(path)
        except (DocumentFileError, OSError) as exc:
            target = path or self.session.path
            reason = exc.reason if isinstance(exc, DocumentFileError) else (exc.strerror or str(exc))
            text = self.tr("无法保存到 {path}：\n{reason}\n\n文档仍在窗口中，可以“另存为”保存到别处。")
            dialogs.show_error(self, self.tr("保存失败"), text.format(path=target, reason=reason))
            return False
        if self.session.path:
            add_recent_file(self.session.path)
            remember_folder(self.session.path)
        self.statusBar().showMessage(self.tr("已保存 {path}").format(path=self.session.path), 5000)
        return True

    def close_document(self) -> bool:
        """Close the document (asking about unsaved edits); False if the clerk cancels."""
        session = self.session
        if session is None:
            return True
        if session.is_modified():
            answer = dialogs.ask_unsaved(self, session.display_name())
            if answer == "cancel" or (answer == "save" and not self.save()):
                return False
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        if self.view is not None:
            self.view.close_all()
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        session.close()
        session.deleteLater()
        self.session = None
        self.start_page.refresh()
        self.stack.setCurrentWidget(self.start_page)
        self._update_ui()
        return True

    def close_document_command(self) -> bool:
        """关闭文档: a window opened for this one document closes with it (no empty start page left)."""
        if not self.close_document():
            return False
        if self.closes_with_document and self._others_open():
            self.close()
        return True

    def _others_open(self) -> bool:
        from perfdesk.ui.transfer.mergewindow import merge_windows

        return any(w is not self for w in _WINDOWS) or any(w.isVisible() for w in merge_windows())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window closes its document first."""
        if not self.close_document():
            event.ignore()
            return
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.sync()
        if self in _WINDOWS:
            _WINDOWS.remove(self)
        event.accept()

    def crash_for_test(self) -> None:
        """Drop the document the way a crash would (journal and lock left behind)."""
        if self.journal is not None:
            self.journal.abandon()
        if self.session is not None:
            self.session.close()
        if self in _WINDOWS:
            _WINDOWS.remove(self)
        self.session = None

    # ------------------------------------------------------------------ state display

    def _update_ui(self, *_args: object) -> None:
        session = self.session
        has_doc = session is not None
        for name in ("save", "save_as", "close_tab", "close_document", "find", "find_next", "add_project",
                     "duplicate_project", "rename_project", "delete_project", "project_up", "project_down",
                     "add_dept_table", "add_self_report", "checks", "tree", "next_tab", "previous_tab"):  # fmt: skip
            self.actions_by_name[name].setEnabled(has_doc)
        if session is None:
            self.setWindowTitle("perfdesk")
            self.setWindowModified(False)
            self.read_only_label.setText("")
            self.path_label.setText("")
            self.errors_button.hide()
            self.warnings_button.hide()
            self.pending_button.hide()
            self._update_undo()
            return
        editable = not session.read_only
        for name in (
            "add_project",
            "duplicate_project",
            "rename_project",
            "delete_project",
            "project_up",
            "project_down",
        ):
            self.actions_by_name[name].setEnabled(editable)
        doc = session.document
        self.actions_by_name["add_dept_table"].setEnabled(editable and doc.dept_table is None)
        self.actions_by_name["add_self_report"].setEnabled(editable and doc.self_report is None)
        suffix = self.tr("（只读）") if session.read_only else ""
        unit = f"{doc.unit.name} {doc.unit.fiscal_year}年" if doc.unit.name else ""
        name = session.display_name()
        if doc.unit.name in name and str(doc.unit.fiscal_year) in name:
            unit = ""  # the name says it already (a new, imported or next-year document)
        self.setWindowTitle(" — ".join(x for x in (f"{name}[*]{suffix}", unit, "perfdesk") if x))
        self.setWindowModified(session.is_modified())
        self.read_only_label.setText(self.tr("只读") if session.read_only else "")
        if session.path:
            self.path_label.setText(str(session.path))
        else:  # a view (汇总) is not "not yet saved": it is not meant to be saved
            self.path_label.setText(self.tr("只读视图，不对应文件") if session.read_only else self.tr("尚未保存"))
        self._update_undo()

    def _update_undo(self, *_args: object) -> None:
        undo, redo = self.actions_by_name["undo"], self.actions_by_name["redo"]
        group = self.session.undo_group if self.session else None
        undo.setEnabled(bool(group and group.canUndo()))
        redo.setEnabled(bool(group and group.canRedo()))
        undo_text = group.undoText() if group else ""
        redo_text = group.redoText() if group else ""
        undo.setText(self.tr("撤销 {what}").format(what=undo_text).strip() if undo_text else self.tr("撤销"))
        redo.setText(self.tr("重做 {what}").format(what=redo_text).strip() if redo_text else self.tr("重做"))

    def _update_counts(self) -> None:
        if self.view is None:
            return
        errors, warnings = self.view.runner.counts()
        self.errors_button.setText(self.tr("{n} 个错误").format(n=errors))
        self.warnings_button.setText(self.tr("{n} 个警告").format(n=warnings))
        self.errors_button.show()
        self.warnings_button.show()
        pending = len(self.view.runner.pending)
        self.pending_button.setText(self.tr("{n} 项待填").format(n=pending))
        self.pending_button.setVisible(pending > 0)
        self._update_ui()

    def audit(self) -> None:
        """审核: show every finding, 待填 ones included, and the checks panel."""
        if self.view is not None:
            self.view.runner.audit()
            self.show_checks()

    def show_checks(self) -> None:
        """Show the checks panel (审核) and put the focus in it."""
        if self.view is not None:
            self.view.checks.show()
            self.actions_by_name["checks"].setChecked(True)
            self.view.checks.view.setFocus()

    def about(self) -> None:
        """关于."""
        dialogs.show_info(self, self.tr("关于 perfdesk"), self.tr(
            "perfdesk {version}\n预算绩效目标填报、审核与保存。\n\n"
            "文档保存为 .perfdesk 文件（SQLite 数据库），可放在U盘上使用。").format(version=__version__))  # fmt: skip

    def ready(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the window has been painted and the event loop is idle."""
        QTimer.singleShot(0, callback)


def quit_all() -> bool:
    """Ctrl+Q: close every window (each asks about its unsaved edits); False if one stays open."""
    if not all(window.close() for window in reversed(open_windows())):
        return False
    from perfdesk.ui.transfer.mergewindow import merge_windows  # only loaded if a 汇总 window was opened

    for window in merge_windows():
        window.close()  # a 汇总 holds no unsaved edits of its own
    return True


def _fill(menu: QMenu, actions: list[QAction | None]) -> None:
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def _cycle(view: DocumentView, step: int) -> None:
    count = view.tabs.count()
    if count:
        view.tabs.setCurrentIndex((view.tabs.currentIndex() + step) % count)
