"""The checks panel: findings live as the clerk types; double-click jumps to the field or cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from perfdesk.models.checks import describe
from perfdesk.models.findings import Finding
from perfdesk.ui.core.style import COLORS, icon
from perfdesk.ui.grid.headermodel import HeaderTableModel
from perfdesk.ui.shell.checkrunner import CheckRunner

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole
FindingRole = Qt.ItemDataRole.UserRole + 10


class FindingsModel(HeaderTableModel):
    """The findings as rows: 级别, 位置, 说明."""

    HEADERS = ("级别", "位置", "说明")

    def __init__(self, runner: CheckRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.findings: list[Finding] = []
        self._error_icon = icon("error")
        self._warning_icon = icon("warning")

    def set_findings(self, findings: list[Finding]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per finding."""
        return 0 if parent.isValid() else len(self.findings)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Severity with icon and colour, place, message."""
        f = self.findings[index.row()]
        col = index.column()
        if role == FindingRole:
            return f
        if role == DR.DisplayRole:
            if col == 0:
                return f.severity.value
            if col == 1:
                return self.place_text(f)
            return f.message
        if role == DR.DecorationRole and col == 0:
            return self._error_icon if f.is_error else self._warning_icon
        if role == DR.ForegroundRole and col == 0:
            return COLORS["error"] if f.is_error else COLORS["warning"]
        if role == DR.BackgroundRole:
            return COLORS["error_bg"] if f.is_error else COLORS["warning_bg"]
        if role == DR.ToolTipRole and col in (1, 2):
            return self.place_text(f) if col == 1 else f.message
        return None

    def place_text(self, finding: Finding) -> str:
        """Where a finding is, in words (a project's 自评表 is named as such by describe())."""
        return describe(finding.place, self.runner.session.document)


class _Filter(QSortFilterProxyModel):
    """Shows errors, warnings or both, optionally only those of the current tab."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.severity: bool | None = None  # True errors only, False warnings only
        self.predicate: Callable[[Finding], bool] | None = None

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Apply the severity and page filters."""
        model = self.sourceModel()
        assert isinstance(model, FindingsModel)
        f = model.findings[source_row]
        if self.severity is not None and f.is_error != self.severity:
            return False
        return self.predicate is None or self.predicate(f)

    def refilter(self) -> None:
        """Re-apply the filters."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)


class _FindingsView(QTableView):
    """Enter opens the finding like a double-click."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter/Return jumps."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.doubleClicked.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class ChecksPanel(QWidget):
    """审核结果: a filterable list of findings."""

    activated = Signal(object)  # Finding

    def __init__(self, runner: CheckRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = FindingsModel(runner, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = _FindingsView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setShowGrid(False)
        header = self.view.horizontalHeader()
        header.resizeSection(0, 80)
        header.resizeSection(1, 420)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.all_button = QRadioButton(self.tr("全部"))
        self.errors_button = QRadioButton(self.tr("只看错误"))
        self.warnings_button = QRadioButton(self.tr("只看警告"))
        self.all_button.setChecked(True)
        group = QButtonGroup(self)
        for i, button in enumerate((self.all_button, self.errors_button, self.warnings_button)):
            group.addButton(button, i)
        group.idClicked.connect(self._on_severity)
        self.current_only = QCheckBox(self.tr("只看当前标签页"))
        self.current_only.toggled.connect(lambda _on: self.set_page_filter(self.page_filter))
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addWidget(self.title)
        bar.addStretch(1)
        for widget in (self.all_button, self.errors_button, self.warnings_button, self.current_only):
            bar.addWidget(widget)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        self.page_filter: Callable[[Finding], bool] | None = None
        runner.updated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the runner's current findings, keeping the scroll position."""
        bar = self.view.verticalScrollBar()
        position = bar.value()
        self.model.set_findings(self.runner.findings)
        bar.setValue(position)
        self._update_title()

    def set_page_filter(self, predicate: Callable[[Finding], bool] | None) -> None:
        """Which findings belong to the current tab (for 只看当前标签页)."""
        self.page_filter = predicate
        self.proxy.predicate = predicate if self.current_only.isChecked() else None
        self.proxy.refilter()
        self._update_title()

    def _on_severity(self, button_id: int) -> None:
        self.proxy.severity = {0: None, 1: True, 2: False}[button_id]
        self.proxy.refilter()
        self._update_title()

    def _update_title(self) -> None:
        errors, warnings = self.runner.counts()
        if not errors and not warnings:
            self.title.setText(self.tr("审核结果：未发现问题"))
        else:
            self.title.setText(self.tr("审核结果：{e} 个错误，{w} 个警告").format(e=errors, w=warnings))

    def visible_findings(self) -> list[Finding]:
        """The findings shown after filtering (in order)."""
        return [self.proxy.index(r, 0).data(FindingRole) for r in range(self.proxy.rowCount())]

    def _on_double_clicked(self, index: QModelIndex) -> None:
        finding = index.siblingAtColumn(0).data(FindingRole)
        if finding is not None:
            self.activated.emit(finding)
