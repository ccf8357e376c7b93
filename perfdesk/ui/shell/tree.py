"""The project tree: 单位信息, 部门整体绩效目标 (three parts), 部门整体表, 项目 (one node each), 自评.

自评 holds the 自评报告 and one 自评表 per project.  Its project rows follow a snapshot of the project
list that is updated between begin/end calls of their own, after the 项目 rows have changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QWidget

from perfdesk.models.document import Project
from perfdesk.models.findings import Finding, Form
from perfdesk.ui.core.nodes import OVERALL_CHILDREN, TITLES, NodeKind, NodeRef, project_label
from perfdesk.ui.core.session import DocumentSession, ListChange, begin_rows, end_rows
from perfdesk.ui.core.style import COLORS, icon

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole
NodeRole = Qt.ItemDataRole.UserRole + 20
_TOP, _OVERALL_CHILD, _PROJECT_CHILD, _EVAL_CHILD = 0, 1, 2, 3
_MIME = "application/x-perfdesk-project-row"
_ICONS = {
    NodeKind.UNIT: "unit",
    NodeKind.OVERALL: "folder",
    NodeKind.SUMMARY: "text",
    NodeKind.SUBTARGETS: "form",
    NodeKind.MEASURES: "form",
    NodeKind.DEPT: "form",
    NodeKind.PROJECTS: "folder",
    NodeKind.SELF: "text",
    NodeKind.EVALS: "folder",
}


class DocumentTreeModel(QAbstractItemModel):
    """The document's structure as a tree; projects can be renamed and reordered by drag."""

    rename_requested = Signal(object, str)  # project, new name
    move_requested = Signal(int, int)  # source index, final index

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.counts: dict[int, tuple[int, int]] = {}
        self.eval_counts: dict[int, tuple[int, int]] = {}
        self._eval_projects: list[Project] = list(session.document.projects)  # rows 1… of 自评
        self._icons = {name: icon(name) for name in {*_ICONS.values(), "error", "warning", "ok"}}
        session.list_about_to_change.connect(self._on_about_to_change)
        session.list_changed.connect(self._on_list_changed)
        session.value_changed.connect(self._on_value_changed)

    @property
    def projects(self) -> list[Project]:
        """The document's projects."""
        return self.session.document.projects

    def top_kinds(self) -> list[NodeKind]:
        """The top-level nodes present in this document."""
        kinds = [NodeKind.UNIT, NodeKind.OVERALL]
        if self.session.document.dept_table is not None:
            kinds.append(NodeKind.DEPT)
        return [*kinds, NodeKind.PROJECTS, NodeKind.EVALS]

    # ------------------------------------------------------------------ structure

    def index_of(self, kind: NodeKind, project: Project | None = None) -> QModelIndex:
        """The index of a node (invalid if absent)."""
        if kind is NodeKind.PROJECT:
            row = next((i for i, p in enumerate(self.projects) if p is project), -1)
            return self.index(row, 0, self.index_of(NodeKind.PROJECTS)) if row >= 0 else QModelIndex()
        if kind is NodeKind.SELF:
            return self.index(0, 0, self.index_of(NodeKind.EVALS))
        if kind is NodeKind.EVALUATION:
            row = next((i for i, p in enumerate(self._eval_projects) if p is project), -1)
            return self.index(row + 1, 0, self.index_of(NodeKind.EVALS)) if row >= 0 else QModelIndex()
        if kind in OVERALL_CHILDREN:
            return self.index(OVERALL_CHILDREN.index(kind), 0, self.index_of(NodeKind.OVERALL))
        kinds = self.top_kinds()
        return self.index(kinds.index(kind), 0) if kind in kinds else QModelIndex()

    def node(self, index: Index) -> NodeRef | None:
        """The node at an index."""
        if not index.isValid():
            return None
        group = index.internalId()
        if group == _TOP:
            return NodeRef(self.top_kinds()[index.row()])
        if group == _OVERALL_CHILD:
            return NodeRef(OVERALL_CHILDREN[index.row()])
        if group == _EVAL_CHILD:
            if index.row() == 0:
                return NodeRef(NodeKind.SELF)
            return NodeRef(NodeKind.EVALUATION, self._eval_projects[index.row() - 1])
        return NodeRef(NodeKind.PROJECT, self.projects[index.row()])

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Top-level rows carry id 0, children of 部门整体绩效目标 id 1, projects id 2, 自评 children id 3."""
        if row < 0 or column != 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self.top_kinds()) else QModelIndex()
        kind = self.node(parent)
        if kind is None or parent.internalId() != _TOP:
            return QModelIndex()
        if kind.kind is NodeKind.OVERALL and row < len(OVERALL_CHILDREN):
            return self.createIndex(row, 0, _OVERALL_CHILD)
        if kind.kind is NodeKind.PROJECTS and row < len(self.projects):
            return self.createIndex(row, 0, _PROJECT_CHILD)
        if kind.kind is NodeKind.EVALS and row <= len(self._eval_projects):
            return self.createIndex(row, 0, _EVAL_CHILD)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """Children point back to their group node."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        group = {_OVERALL_CHILD: NodeKind.OVERALL, _EVAL_CHILD: NodeKind.EVALS}.get(
            index.internalId(), NodeKind.PROJECTS
        )
        return self.createIndex(self.top_kinds().index(group), 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Children per node."""
        if not parent.isValid():
            return len(self.top_kinds())
        if parent.internalId() != _TOP:
            return 0
        kind = self.top_kinds()[parent.row()]
        if kind is NodeKind.OVERALL:
            return len(OVERALL_CHILDREN)
        if kind is NodeKind.PROJECTS:
            return len(self.projects)
        if kind is NodeKind.EVALS:
            return 1 + len(self._eval_projects)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    # ------------------------------------------------------------------ data

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Names, icons (with findings for projects) and tool tips."""
        node = self.node(index)
        if node is None:
            return None
        if role == NodeRole:
            return node
        if node.kind is NodeKind.PROJECT:
            return self._project_data(index.row(), node.project, role)  # type: ignore[arg-type]
        if node.kind is NodeKind.EVALUATION:
            return self._evaluation_data(index.row() - 1, node.project, role)  # type: ignore[arg-type]
        if role == DR.DisplayRole:
            if node.kind is NodeKind.PROJECTS:
                return self.tr("项目（{n}）").format(n=len(self.projects))
            return self.tr(TITLES[node.kind])
        if role == DR.DecorationRole:
            return self._icons[_ICONS[node.kind]]
        return None

    def _project_data(self, row: int, project: Project, role: int) -> Any:
        errors, warnings = self.counts.get(row, (0, 0))
        if role == DR.DisplayRole:
            return project_label(project, row)
        if role == DR.EditRole:
            return project.name
        if role == DR.DecorationRole:
            return self._icons["error" if errors else "warning" if warnings else "ok"]
        if role == DR.ToolTipRole:
            if errors or warnings:
                return self.tr("{name}\n{e} 个错误，{w} 个警告").format(name=project.name, e=errors, w=warnings)
            return project.name
        return None

    def _evaluation_data(self, row: int, project: Project, role: int) -> Any:
        """A project's 自评表: grey until it has been generated, then marked like a project."""
        if role == DR.DisplayRole:
            return project_label(project, row)
        if role == DR.ForegroundRole and project.evaluation is None:
            return COLORS["muted"]
        if role == DR.DecorationRole:
            if project.evaluation is None:
                return self._icons["form"]
            errors, warnings = self.eval_counts.get(row, (0, 0))
            return self._icons["error" if errors else "warning" if warnings else "ok"]
        if role == DR.ToolTipRole:
            if project.evaluation is None:
                return self.tr("{name}\n尚未生成自评表").format(name=project.name)
            errors, warnings = self.eval_counts.get(row, (0, 0))
            return self.tr("{name} 自评表\n{e} 个错误，{w} 个警告").format(name=project.name, e=errors, w=warnings)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Projects can be renamed and dragged; the 项目 node accepts drops."""
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session.read_only:
            return base
        if node.kind is NodeKind.PROJECT:
            return base | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        if node.kind is NodeKind.PROJECTS:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def setData(self, index: Index, value: Any, role: int = DR.EditRole) -> bool:
        """Renaming a project in the tree asks the window to push a command."""
        node = self.node(index)
        if role != DR.EditRole or node is None or node.kind is not NodeKind.PROJECT:
            return False
        name = str(value).strip()
        if not name or name == node.project.name:  # type: ignore[union-attr]
            return False
        self.rename_requested.emit(node.project, name)
        return True

    def set_findings(self, findings: list[Finding]) -> None:
        """Count errors and warnings per project (and per 自评表) for the icons."""
        counts: dict[Form, dict[int, list[int]]] = {Form.PROJECT: {}, Form.EVALUATION: {}}
        for f in findings:
            if f.place.form in counts and f.place.project is not None:
                counts[f.place.form].setdefault(f.place.project, [0, 0])[0 if f.is_error else 1] += 1
        new = {k: (v[0], v[1]) for k, v in counts[Form.PROJECT].items()}
        if new != self.counts:
            self.counts = new
            parent = self.index_of(NodeKind.PROJECTS)
            if self.projects:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(self.projects) - 1, 0, parent))
        new = {k: (v[0], v[1]) for k, v in counts[Form.EVALUATION].items()}
        if new != self.eval_counts:
            self.eval_counts = new
            self._eval_rows_changed()

    def _eval_rows_changed(self) -> None:
        parent = self.index_of(NodeKind.EVALS)
        if self._eval_projects:
            self.dataChanged.emit(self.index(1, 0, parent), self.index(len(self._eval_projects), 0, parent))

    # ------------------------------------------------------------------ drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        """Projects are moved, never copied, by drag."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """Our own row format."""
        return [_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """The dragged project's row."""
        data = QMimeData()
        rows = [i.row() for i in indexes if i.internalId() == _PROJECT_CHILD]
        if rows:
            data.setData(_MIME, QByteArray(str(rows[0]).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Drops land between projects (or on a project: before it)."""
        node = self.node(parent)
        return data.hasFormat(_MIME) and node is not None and node.kind in (NodeKind.PROJECTS, NodeKind.PROJECT)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Ask the window to move the project (one undo step)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = int(bytes(data.data(_MIME).data()).decode())
        node = self.node(parent)
        if node is not None and node.kind is NodeKind.PROJECT:
            row = parent.row()
        if row < 0:
            row = len(self.projects)
        final = row if row <= source else row - 1
        if final != source:
            self.move_requested.emit(source, final)
        return False  # the move is done by the command; the view must not remove anything

    # ------------------------------------------------------------------ session signals

    def _on_about_to_change(self, items: list[Any], change: ListChange) -> None:
        if items is not self.projects:
            return
        begin_rows(self, self.index_of(NodeKind.PROJECTS), change)

    def _on_list_changed(self, items: list[Any], change: ListChange) -> None:
        if items is not self.projects:
            return
        end_rows(self, change)
        parent = self.index_of(NodeKind.PROJECTS)
        self.dataChanged.emit(parent, parent)
        if self.projects:  # numbers in the labels shift
            self.dataChanged.emit(self.index(0, 0, parent), self.index(len(self.projects) - 1, 0, parent))
        self._follow_projects(change)

    def _follow_projects(self, change: ListChange) -> None:
        """Apply a change of the project list to the 自评 group's snapshot (rows 1…)."""
        begin_rows(self, self.index_of(NodeKind.EVALS), change, offset=1)
        self._eval_projects = list(self.projects)
        end_rows(self, change)
        self._eval_rows_changed()  # numbers in the labels shift

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.session.document and key in ("dept_table", "self_report"):
            self.beginResetModel()
            self._eval_projects = list(self.projects)
            self.endResetModel()
            return
        if key in ("name", "evaluation") and isinstance(target, Project):
            for kind in (NodeKind.PROJECT, NodeKind.EVALUATION):
                index = self.index_of(kind, target)
                if index.isValid():
                    self.dataChanged.emit(index, index)


class ProjectTree(QTreeView):
    """The tree view: click opens a node, F2 renames a project, drag reorders projects."""

    open_requested = Signal(object)  # NodeRef

    def __init__(self, model: DocumentTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAnimated(True)
        self.setIndentation(18)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.context_actions: list[Any] = []
        self.clicked.connect(self._open)
        self.activated.connect(self._open)
        self.expandAll()
        model.modelReset.connect(self.expandAll)

    def tree_model(self) -> DocumentTreeModel:
        """The model, typed."""
        model = self.model()
        assert isinstance(model, DocumentTreeModel)
        return model

    def current_node(self) -> NodeRef | None:
        """The selected node."""
        return self.tree_model().node(self.currentIndex())

    def select_node(self, node: NodeRef) -> None:
        """Make a node current (without opening it)."""
        index = self.tree_model().index_of(node.kind, node.project)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _open(self, index: QModelIndex) -> None:
        node = self.tree_model().node(index)
        if node is not None:
            self.open_requested.emit(node)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the node (also on platforms where activation needs a double-click)."""
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The project actions of the main window."""
        if not self.context_actions:
            return
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(event.globalPos())
