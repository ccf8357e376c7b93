"""The document area of the main window: project tree, tabbed editors, find bar and checks panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from perfdesk.models.document import Project
from perfdesk.models.findings import Finding, Form, Place
from perfdesk.ui import dialogs
from perfdesk.ui.core import commands
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.core.session import STRUCTURE, DocumentSession, ListChange
from perfdesk.ui.core.style import CHECKS_HEIGHT, TREE_WIDTH, WINDOW_SIZE, icon
from perfdesk.ui.dialogs.newdoc import new_project
from perfdesk.ui.editors import EditorPage, create_editor
from perfdesk.ui.editors.overview import ProjectsOverview
from perfdesk.ui.shell.checkrunner import CheckRunner
from perfdesk.ui.shell.checks_panel import ChecksPanel
from perfdesk.ui.shell.find import FindBar
from perfdesk.ui.shell.tree import DocumentTreeModel, ProjectTree

_FORM_NODES = {Form.UNIT: NodeKind.UNIT, Form.DEPT_TABLE: NodeKind.DEPT, Form.SELF_REPORT: NodeKind.SELF}
_PROJECT_FORMS = {Form.PROJECT: NodeKind.PROJECT, Form.EVALUATION: NodeKind.EVALUATION}


class DocumentView(QWidget):
    """Everything below the toolbar while a document is open."""

    save_as_requested = Signal()

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = CheckRunner(session, self)
        self.pages: dict[NodeRef, EditorPage] = {}
        self.tree_model = DocumentTreeModel(session, self)
        self.tree = ProjectTree(self.tree_model)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setUsesScrollButtons(True)
        self.find_bar = FindBar()
        self.banner = self._make_banner()
        self.checks = ChecksPanel(self.runner)
        editor_area = QWidget()
        box = QVBoxLayout(editor_area)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addWidget(self.find_bar)
        box.addWidget(self.tabs, 1)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(editor_area)
        self.right.addWidget(self.checks)
        self.right.setStretchFactor(0, 1)
        self.right.setSizes([WINDOW_SIZE[1] - CHECKS_HEIGHT, CHECKS_HEIGHT])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([TREE_WIDTH, WINDOW_SIZE[0] - TREE_WIDTH])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._connect()
        self.update_read_only()
        self.runner.run()

    def _connect(self) -> None:
        """All signal wiring of the document area, in one place."""
        s = self.session
        self.tree.open_requested.connect(self.open_node)
        self.tree_model.rename_requested.connect(self.rename_project)
        self.tree_model.move_requested.connect(self.move_project_to, Qt.ConnectionType.QueuedConnection)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._on_current_tab)
        self.checks.activated.connect(lambda f: self.jump(f.place))
        self.find_bar.jump.connect(self.jump)
        self.runner.updated.connect(self.apply_findings)
        s.value_changed.connect(self._on_value_changed)
        s.list_changed.connect(self._on_list_changed)
        s.file_changed.connect(self.update_read_only)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)  # type: ignore[union-attr]

    def _make_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("readOnlyBanner")
        banner.setStyleSheet("#readOnlyBanner { background: #fff4ce; border-bottom: 1px solid #e6c768; }")
        row = QHBoxLayout(banner)
        row.setContentsMargins(12, 8, 12, 8)
        lock = QLabel()
        lock.setPixmap(icon("lock").pixmap(20, 20))
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        save_as = QPushButton(icon("save_as"), self.tr("另存为…"))
        save_as.clicked.connect(self.save_as_requested)
        row.addWidget(lock, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.banner_text, 1)
        row.addWidget(save_as, 0, Qt.AlignmentFlag.AlignTop)
        return banner

    # ------------------------------------------------------------------ tabs

    def open_node(self, node: NodeRef) -> EditorPage | None:
        """Open a node's editor in a tab, or bring its tab to the front."""
        if node.kind is NodeKind.OVERALL:
            node = NodeRef(NodeKind.SUMMARY)
        elif node.kind is NodeKind.EVALS:
            node = NodeRef(NodeKind.SELF)
        page = self.pages.get(node)
        if page is None:
            page = create_editor(self.session, node)
            if isinstance(page, ProjectsOverview):
                page.open_project.connect(lambda p: self.open_node(NodeRef(NodeKind.PROJECT, p)))
            self.pages[node] = page
            page.clean_changed.connect(lambda _clean, p=page: self._update_tab_title(p))
            self.tabs.addTab(page, self._tab_icon(node), page.title())
            self._apply_page_findings(page)
        self.tabs.setCurrentWidget(page)
        self.tree.select_node(node)
        self._update_tab_title(page)
        return page

    def _tab_icon(self, node: NodeRef) -> Any:
        return icon("form" if node.kind in (NodeKind.PROJECT, NodeKind.DEPT, NodeKind.EVALUATION) else "text")

    def current_page(self) -> EditorPage | None:
        """The editor in front."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, EditorPage) else None

    def close_tab(self, index: int) -> None:
        """Close a tab (its undo history stays with the document)."""
        page = self.tabs.widget(index)
        if not isinstance(page, EditorPage):
            return
        page.close_editor()
        self.tabs.removeTab(index)
        self.pages.pop(page.node, None)
        page.deleteLater()

    def close_current_tab(self) -> None:
        """Ctrl+W."""
        if self.tabs.currentIndex() >= 0:
            self.close_tab(self.tabs.currentIndex())

    def _close_node(self, node: NodeRef) -> bool:
        page = self.pages.get(node)
        if page is None:
            return False
        self.close_tab(self.tabs.indexOf(page))
        return True

    def _update_tab_title(self, page: EditorPage) -> None:
        index = self.tabs.indexOf(page)
        if index < 0:
            return
        dirty = not page.stack.isClean()
        self.tabs.setTabText(index, page.title() + (" ●" if dirty else ""))
        self.tabs.setTabToolTip(index, page.title() + (self.tr("（有未保存的修改）") if dirty else ""))

    def tab_titles(self) -> list[str]:
        """The titles of the open tabs, in order."""
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def _on_current_tab(self, _index: int) -> None:
        page = self.current_page()
        if page is not None:
            self.tree.select_node(page.node)
            self.checks.set_page_filter(lambda f, p=page: self._belongs(f, p))
        self._sync_undo_stack(QApplication.focusWidget())

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and (self.tree.isAncestorOf(new) or new is self.tree or self.tabs.isAncestorOf(new)):
            self._sync_undo_stack(new)

    def sync_undo(self) -> None:
        """Re-pick the stack Ctrl+Z works on (after a push from the tree or a menu)."""
        self._sync_undo_stack(QApplication.focusWidget())

    def _sync_undo_stack(self, focus: QWidget | None) -> None:
        """Ctrl+Z undoes the tab in front.  From the tree it undoes whichever came last: the tree's
        own edits (add, delete, rename, reorder projects) or the front tab's."""
        in_tree = focus is not None and (focus is self.tree or self.tree.isAncestorOf(focus))
        page = self.current_page()
        key: object = STRUCTURE
        if page is not None:
            key = self.session.most_recent(STRUCTURE, page.node.key) if in_tree else page.node.key
        keep = page.node.project if page is not None and key == page.node.key else None
        self.session.undo_group.setActiveStack(self.session.stack(key, keep))  # type: ignore[arg-type]

    # ------------------------------------------------------------------ findings and jumps

    def node_for(self, place: Place) -> NodeRef | None:
        """The tree node whose editor shows a place."""
        if place.form is Form.PROJECT:
            projects = self.session.document.projects
            if place.project is None or place.project >= len(projects):
                return NodeRef(NodeKind.PROJECTS)
            return NodeRef(NodeKind.PROJECT, projects[place.project])
        if place.form is Form.OVERALL:
            field = place.field or ""
            if field.startswith("sub_targets"):
                return NodeRef(NodeKind.SUBTARGETS)
            return NodeRef(NodeKind.MEASURES if field.startswith("measures") else NodeKind.SUMMARY)
        if place.form is Form.EVALUATION and place.project is not None:
            projects = self.session.document.projects
            if place.project >= len(projects):
                return NodeRef(NodeKind.EVALS)
            return NodeRef(NodeKind.EVALUATION, projects[place.project])
        kind = _FORM_NODES.get(place.form)
        return NodeRef(kind) if kind is not None else None

    def jump(self, place: Place) -> bool:
        """Open the editor of a place and put the cursor there."""
        node = self.node_for(place)
        if node is None:
            return False
        page = self.open_node(node)
        return page is not None and page.focus_place(place)

    def _belongs(self, finding: Finding, page: EditorPage) -> bool:
        node = page.node
        place = finding.place
        if node.kind is NodeKind.PROJECTS:
            return place.form is Form.PROJECT
        found = self.node_for(place)
        return found == node

    def _apply_page_findings(self, page: EditorPage, by_node: dict[Any, list[Finding]] | None = None) -> None:
        if by_node is None:
            by_node = self._findings_by_node()
        if page.node.kind is NodeKind.PROJECTS:
            page.apply_findings([f for f in self.runner.findings if f.place.form is Form.PROJECT])
        else:
            page.apply_findings(by_node.get(page.node.key, []))

    def _findings_by_node(self) -> dict[Any, list[Finding]]:
        """The findings grouped by the key of the node whose editor shows them."""
        projects = self.session.document.projects
        grouped: dict[Any, list[Finding]] = {}
        for f in self.runner.findings:
            place = f.place
            if place.form in _PROJECT_FORMS and place.project is not None and place.project < len(projects):
                key: Any = (_PROJECT_FORMS[place.form].value, id(projects[place.project]))
            else:
                node = self.node_for(place)
                key = node.key if node is not None else None
            grouped.setdefault(key, []).append(f)
        return grouped

    def apply_findings(self) -> None:
        """Spread fresh findings over the tree and the open editors."""
        self.tree_model.set_findings(self.runner.findings)
        by_node = self._findings_by_node()
        for page in self.pages.values():
            self._apply_page_findings(page, by_node)

    # ------------------------------------------------------------------ project actions

    def _project_index(self) -> int | None:
        node = self.tree.current_node() if self.tree.hasFocus() else None
        if node is None or node.kind is not NodeKind.PROJECT:
            page = self.current_page()
            node = page.node if page is not None else node
        if node is None or node.kind is not NodeKind.PROJECT:
            node = self.tree.current_node()
        if node is None or node.kind is not NodeKind.PROJECT:
            return None
        return next((i for i, p in enumerate(self.session.document.projects) if p is node.project), None)

    def _push_structure(self, command: Any) -> None:
        self.session.push(STRUCTURE, command)
        self.sync_undo()

    def add_project(self) -> Project:
        """Add a project after the current one (or at the end) and open it."""
        projects = self.session.document.projects
        index = self._project_index()
        at = len(projects) if index is None else index + 1
        project = new_project(self.session.document.unit.framework, self.tr("新项目"))
        self._push_structure(commands.InsertItems(self.session, projects, at, [project], text=self.tr("添加项目")))
        self.open_node(NodeRef(NodeKind.PROJECT, project))
        return project

    def duplicate_project(self) -> Project | None:
        """Copy the current project (with its indicators) right after it."""
        index = self._project_index()
        if index is None:
            return None
        projects = self.session.document.projects
        copy = commands.duplicate(projects[index])
        copy.name = self.tr("{name}（副本）").format(name=copy.name)
        self._push_structure(commands.InsertItems(self.session, projects, index + 1, [copy], text=self.tr("复制项目")))
        self.open_node(NodeRef(NodeKind.PROJECT, copy))
        return copy

    def delete_project(self) -> bool:
        """Delete the current project after asking (undoable)."""
        index = self._project_index()
        if index is None:
            return False
        project = self.session.document.projects[index]
        question = self.tr("删除项目“{name}”及其全部绩效指标？\n（可用“撤销”恢复）").format(
            name=project.name or self.tr("未命名")
        )
        if not dialogs.confirm(self, self.tr("删除项目"), question):
            return False
        self._push_structure(
            commands.RemoveItems(self.session, self.session.document.projects, index, 1, text=self.tr("删除项目"))
        )
        return True

    def rename_project(self, project: Project, name: str) -> None:
        """Rename from the tree."""
        self._push_structure(
            commands.SetValue(self.session, project, "name", name, scope=project, text=self.tr("重命名项目"))
        )

    def start_rename(self) -> None:
        """Edit the current project's name in the tree (F2)."""
        index = self._project_index()
        if index is None:
            return
        self.tree.select_node(NodeRef(NodeKind.PROJECT, self.session.document.projects[index]))
        self.tree.setFocus()
        self.tree.edit(self.tree.currentIndex())

    def move_project(self, delta: int) -> None:
        """Move the current project up or down."""
        index = self._project_index()
        if index is not None:
            self.move_project_to(index, index + delta)

    def move_project_to(self, source: int, dest: int) -> None:
        """Move a project to a new position (drag and drop, or the menu)."""
        projects = self.session.document.projects
        if source == dest or not (0 <= source < len(projects) and 0 <= dest < len(projects)):
            return
        self._push_structure(commands.MoveItem(self.session, projects, source, dest, text=self.tr("移动项目")))
        self.tree.select_node(NodeRef(NodeKind.PROJECT, projects[dest]))

    def add_part(self, attr: str) -> None:
        """Add the Guangdong table or the self-evaluation report."""
        from perfdesk.models.document import DeptTable, SelfReport

        doc = self.session.document
        if getattr(doc, attr) is not None:
            return
        value: Any = (
            SelfReport(year=doc.unit.fiscal_year) if attr == "self_report" else DeptTable(dept_name=doc.unit.name)
        )
        self._push_structure(commands.SetValue(self.session, doc, attr, value, text=self.tr("添加表格")))
        self.open_node(NodeRef(NodeKind.SELF if attr == "self_report" else NodeKind.DEPT))

    # ------------------------------------------------------------------ document changes

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.session.document and key in ("dept_table", "self_report"):
            node = NodeRef(NodeKind.DEPT if key == "dept_table" else NodeKind.SELF)
            was_current = self.current_page() is self.pages.get(node)
            if self._close_node(node) and was_current and getattr(target, key) is not None:
                self.open_node(node)
        elif isinstance(target, Project) and key == "name":
            for kind in (NodeKind.PROJECT, NodeKind.EVALUATION):
                page = self.pages.get(NodeRef(kind, target))
                if page is not None:
                    self._update_tab_title(page)

    def _on_list_changed(self, items: list[Any], change: ListChange) -> None:
        if items is not self.session.document.projects:
            return
        alive = {id(p) for p in items}
        gone = [n for n in self.pages if n.project is not None and id(n.project) not in alive]
        for node in gone:
            self._close_node(node)
        for page in self.pages.values():
            self._update_tab_title(page)

    def update_read_only(self) -> None:
        """Show or hide the read-only notice and switch the editors."""
        reason = self.session.read_only_reason
        self.banner.setVisible(reason is not None)
        self.banner_text.setText(reason or "")
        for page in self.pages.values():
            page.set_read_only(self.session.read_only)
        self.tree_model.layoutChanged.emit()

    def close_all(self) -> None:
        """Close every tab (the document is being closed)."""
        while self.tabs.count():
            self.close_tab(0)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.disconnect(self._on_focus_changed)  # type: ignore[attr-defined]
