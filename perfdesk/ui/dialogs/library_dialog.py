"""The indicator library picker: filter by 一级/二级, search, and take one entry.

Open it with :meth:`LibraryDialog.pick` (modal; returns the chosen
:class:`~perfdesk.library.Entry` or None), or construct it and read :meth:`chosen_entry`
after ``exec()``.  The grid fills the row from the entry in one undo step, exactly as for
the type-ahead (see :mod:`perfdesk.ui.grid.library_completer`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from perfdesk.library import Entry, Library, Source
from perfdesk.library.entry import level1_names, level2_names
from perfdesk.models.document import Framework
from perfdesk.ui.grid.library_completer import EntryRole, EntryRows

Index = QModelIndex | QPersistentModelIndex
DISPLAY_LIMIT = 2000  # rows shown at most; a search narrows the rest


def tr(text: str) -> str:
    """Translate a user-visible text of this module."""
    return QCoreApplication.translate("LibraryDialog", text)


def source_name(source: Source) -> str:
    """共性指标, or 本机文档 for what was learned from the documents on this PC."""
    return tr("共性指标") if source is Source.COMMON else tr("本机文档")


class EntryTableModel(EntryRows, QAbstractTableModel):
    """The entries as table rows: 三级, 指标值, 依据, 二级, 一级, 描述, 来源, 使用次数."""

    FIELDS = ("name", "value", "basis", "level2", "level1", "description", "source", "uses")
    HEADERS = ("三级指标", "指标值", "指标值确定依据", "二级指标", "一级指标", "绩效指标描述", "来源", "使用次数")
    WIDTHS = (200, 90, 110, 120, 90, 280, 50, 70)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries = []

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number of columns."""
        return 0 if parent.isValid() else len(self.FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the description as tooltip, or the Entry (:data:`EntryRole`)."""
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        field = self.FIELDS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(entry, field)
            if field == "source":
                return source_name(value)
            if field == "uses":
                return str(value) if entry.source is Source.OWN else ""
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.description or None
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "uses":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == EntryRole:
            return entry
        return None


class LibraryDialog(QDialog):
    """Modal picker over the indicator library."""

    def __init__(
        self,
        library: Library,
        *,
        framework: Framework | None = None,
        level1: str | None = None,
        level2: str | None = None,
        query: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.framework = framework
        self.setWindowTitle(self.tr("指标库"))
        self.resize(960, 560)
        self.model = EntryTableModel(self)
        self._build()
        self._fill_level1(level1)
        self._fill_level2(level2)
        self.search_edit.setText(query)
        self.refresh()

    def _build(self) -> None:
        self.level1_combo = QComboBox(self)
        self.level2_combo = QComboBox(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("输入关键字查找，如：满意、覆盖、及时"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("一级指标"), self))
        filters.addWidget(self.level1_combo)
        filters.addWidget(QLabel(self.tr("二级指标"), self))
        filters.addWidget(self.level2_combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.count_label)
        self.table = self._make_table()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("填入"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.level1_combo.currentIndexChanged.connect(self._on_level1_changed)
        self.level2_combo.currentIndexChanged.connect(self.refresh)
        self.search_edit.textChanged.connect(self.refresh)
        self.search_edit.installEventFilter(self)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().currentRowChanged.connect(self._update_ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        for col, width in enumerate(EntryTableModel.WIDTHS):
            table.setColumnWidth(col, width)
        header.setSectionResizeMode(EntryTableModel.FIELDS.index("description"), QHeaderView.ResizeMode.Stretch)
        return table

    def _fill_level1(self, level1: str | None) -> None:
        combo = self.level1_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部"), None)
        for name in level1_names(self.framework):
            combo.addItem(name, name)
        combo.setCurrentIndex(max(combo.findData(level1), 0) if level1 else 0)
        combo.blockSignals(False)

    def _fill_level2(self, level2: str | None = None) -> None:
        combo = self.level2_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部"), None)
        for name in level2_names(self.level1_combo.currentData(), self.framework):
            combo.addItem(name, name)
        combo.setCurrentIndex(max(combo.findData(level2), 0) if level2 else 0)
        combo.blockSignals(False)

    def _on_level1_changed(self) -> None:
        self._fill_level2(self.level2_combo.currentData())
        self.refresh()

    def set_filters(self, level1: str | None = None, level2: str | None = None) -> None:
        """Select the 一级/二级 filters (canonical names; None for 全部)."""
        self._fill_level1(level1)
        self._fill_level2(level2)
        self.refresh()

    def refresh(self) -> None:
        """Run the search for the current filters and text and show the results."""
        found = self.library.search(
            self.search_edit.text(),
            level1=self.level1_combo.currentData(),
            level2=self.level2_combo.currentData(),
            framework=self.framework,
        )
        self.model.set_entries(found[:DISPLAY_LIMIT])
        shown = self.tr("共 %1 条").replace("%1", str(len(found)))
        if len(found) > DISPLAY_LIMIT:
            shown += self.tr("（显示前 %1 条）").replace("%1", str(DISPLAY_LIMIT))
        self.count_label.setText(shown)
        if found:
            self.table.selectRow(0)
        self._update_ok()

    def results(self) -> list[Entry]:
        """The entries currently listed."""
        return list(self.model.entries)

    def chosen_entry(self) -> Entry | None:
        """The selected entry (after OK: the one the clerk chose)."""
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        return index.data(EntryRole) if index.isValid() else None

    def select_entry(self, entry: Entry) -> bool:
        """Select a listed entry; False if it is not in the results."""
        for row, listed in enumerate(self.model.entries):
            if listed.key == entry.key:
                self.table.selectRow(row)
                return True
        return False

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.chosen_entry() is not None)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.accept()

    def accept(self) -> None:
        """Close with the selected entry (nothing happens with no selection)."""
        if self.chosen_entry() is not None:
            super().accept()

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        """Down/Up in the search box move through the results without leaving it."""
        if watched is self.search_edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.model.entries:
                row = max(0, min(len(self.model.entries) - 1, self.table.currentIndex().row() + step))
                self.table.selectRow(row)
                return True
        return super().eventFilter(watched, event)

    @classmethod
    def pick(
        cls,
        library: Library,
        *,
        framework: Framework | None = None,
        level1: str | None = None,
        level2: str | None = None,
        query: str = "",
        parent: QWidget | None = None,
    ) -> Entry | None:
        """Show the dialog modally; the chosen entry, or None if cancelled."""
        dialog = cls(library, framework=framework, level1=level1, level2=level2, query=query, parent=parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.chosen_entry()
            return None
        finally:
            dialog.deleteLater()
