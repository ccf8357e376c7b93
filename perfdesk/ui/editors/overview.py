"""项目一览: all projects of the document in one read-only table; double-click opens one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from perfdesk.models.document import Project
from perfdesk.models.findings import Finding, Form
from perfdesk.models.money import format_money
from perfdesk.ui.core.nodes import NodeRef
from perfdesk.ui.core.session import DocumentSession, ListChange
from perfdesk.ui.core.style import COLORS, SPACING
from perfdesk.ui.editors.base import EditorPage, page_title
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.headermodel import HeaderTableModel

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole


class ProjectsModel(HeaderTableModel):
    """One row per project: codes, amounts, indicator count and findings."""

    HEADERS = ("项目编码", "项目名称", "预算数（万元）", "财政资金", "其他资金", "指标数", "错误", "警告")

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.counts: dict[int, tuple[int, int]] = {}
        session.list_changed.connect(self._on_list_changed)
        session.value_changed.connect(self._on_value_changed)

    @property
    def projects(self) -> list[Project]:
        """The document's projects."""
        return self.session.document.projects

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per project."""
        return 0 if parent.isValid() else len(self.projects)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DR.DisplayRole) -> Any:
        """Column titles and project numbers."""
        if role != DR.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return str(section + 1)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Cell values; findings counts in colour."""
        p = self.projects[index.row()]
        col = index.column()
        errors, warnings = self.counts.get(index.row(), (0, 0))
        if role == DR.DisplayRole:
            values = (p.code, p.name, format_money(p.budget_total), format_money(p.budget_fiscal),
                      format_money(p.budget_other), str(len(p.indicators)), str(errors or ""), str(warnings or ""))  # fmt: skip
            return values[col]
        if role == DR.TextAlignmentRole and col >= 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == DR.ForegroundRole and col == 6 and errors:
            return COLORS["error"]
        if role == DR.ForegroundRole and col == 7 and warnings:
            return COLORS["warning"]
        return None

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        """Findings per project index."""
        if counts != self.counts:
            self.counts = counts
            if self.projects:
                self.dataChanged.emit(self.index(0, 6), self.index(len(self.projects) - 1, 7))

    def _on_list_changed(self, items: list[Any], _change: ListChange) -> None:
        if items is self.projects or any(items is p.indicators for p in self.projects):
            self.beginResetModel()
            self.endResetModel()

    def _on_value_changed(self, target: Any, _key: Any) -> None:
        for row, p in enumerate(self.projects):
            if p is target:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
                return


class ProjectsOverview(EditorPage):
    """The 项目 node: every project at a glance."""

    open_project = Signal(object)

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        box = QVBoxLayout(self)
        margin = SPACING["page_margin"]
        box.setContentsMargins(margin, margin, margin, margin)
        box.addWidget(page_title(self.tr("项目一览")))
        box.addWidget(
            FormBuilder.hint(
                self.tr("双击一行打开该项目。在左侧项目树中可添加、复制、删除、重命名项目，拖动可调整顺序。")
            )
        )
        self.model = ProjectsModel(session, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        for col, width in enumerate((190, 320, 110, 100, 100, 70, 60, 60)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.open_project.emit(self.model.projects[index.row()]))
        box.addWidget(self.view, 1)

    def apply_findings(self, findings: list[Finding]) -> None:
        """Count errors and warnings per project."""
        counts: dict[int, list[int]] = {}
        for f in findings:
            if f.place.form is Form.PROJECT and f.place.project is not None:
                pair = counts.setdefault(f.place.project, [0, 0])
                pair[0 if f.is_error else 1] += 1
        self.model.set_counts({k: (v[0], v[1]) for k, v in counts.items()})
