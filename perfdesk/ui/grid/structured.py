"""Structured indicator columns in the grids: 指标性质, 计算符号, 指标值, 计量单位, 权重 … (issue 11).

An indicator row keeps its one-cell 指标值 as typed (``value``; ``target`` on a 自评表 row,
``annual_value`` on the 部门整体 table) and optional split fields.  :class:`StructuredMixin`
makes a :class:`~perfdesk.ui.grid.tablemodel.ListTableModel` show the structure whichever way
it was typed: a split cell the clerk left blank shows the part read from the one-cell value (in
grey), and the one-cell column shows the value composed from typed parts.  Typing keeps the two
encodings from contradicting each other, each edit one undo step: a one-cell value clears the
typed 计算符号/指标值/计量单位 (they are read from it again), and a split part writes down the
others as they read and empties the one-cell value (which is then composed from the parts).
Text with a sign or unit typed into the split 指标值 column (``≥90.00(%)``) is split the same way.

:func:`install_column_menu` gives a grid's header a context menu to show or hide the optional
columns of the document (``UnitInfo.indicator_columns``), one undo step each.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QMenu

from perfdesk.export.families import Family, toggle_column
from perfdesk.models.document import INDICATOR_DETAIL_FIELDS, ColumnTitles
from perfdesk.models.values import indicator_parts, one_cell_value, split_value
from perfdesk.ui.core import commands
from perfdesk.ui.core.style import COLORS
from perfdesk.ui.grid.tablemodel import Column, Index, ListTableModel

DR = Qt.ItemDataRole
SPLIT = ("operator", "number", "unit")
DERIVED = ("kind", *SPLIT)
KIND_CHOICES = ["定量", "定性"]
OPERATOR_CHOICES = ["", "≥", "≤", "=", "＞", "＜"]
DIRECTION_CHOICES = ["", "正向", "反向"]


def tr(text: str) -> str:
    """Translate a column title of this module."""
    return QCoreApplication.translate("structured", text)


def detail_column(name: str, title: str) -> Column:
    """The grid column of one optional indicator field."""
    if name == "kind":
        return Column(name, title, 70, "choice", choices=lambda _row: KIND_CHOICES)
    if name == "operator":
        return Column(name, title, 70, "choice", choices=lambda _row: OPERATOR_CHOICES)
    if name == "direction":
        return Column(name, title, 80, "choice", choices=lambda _row: DIRECTION_CHOICES)
    if name == "weight":
        return Column(name, title, 60, "score")
    widths = {"number": 90, "unit": 80, "explanation": 200, "scoring": 200, "note": 120}
    return Column(name, title, widths[name])


class StructuredMixin:
    """Structure-aware cells for a ListTableModel subclass whose rows are indicator rows.

    ``value_field`` names the one-cell 指标值 attribute; ``column_source`` rebuilds the columns
    when the document's layout or chosen columns change.
    """

    value_field = "value"
    column_source: Callable[[], list[Column]] | None = None

    # -- display ------------------------------------------------------------------------

    def _field_at(self: Any, col: int) -> str | None:
        return self.columns[col].field

    def derived(self: Any, row: int, col: int) -> bool:
        """True when the cell shows a part read from the other encoding (not typed itself)."""
        if self.is_blank_row(row):
            return False
        field, item = self._field_at(col), self.items[row]
        if field in DERIVED:
            return not getattr(item, field) and bool(self.cell_text(row, col))
        if field == self.value_field:
            return not getattr(item, field) and bool(self.cell_text(row, col))
        return False

    def cell_text(self: Any, row: int, col: int) -> str:
        """Typed text, else the part read from the other encoding."""
        text = super().cell_text(row, col)  # type: ignore[misc]
        if text or self.is_blank_row(row) or self.cell_error(row, col):
            return text
        field, item = self._field_at(col), self.items[row]
        if field in DERIVED:
            return str(getattr(indicator_parts(item, self.value_field), field))
        if field == self.value_field:
            return one_cell_value(item, self.value_field)
        return text

    def data(self: Any, index: Index, role: int = DR.DisplayRole) -> Any:
        """Derived parts in grey, with a tool tip saying where they come from."""
        if role in (DR.ForegroundRole, DR.ToolTipRole) and self.derived(index.row(), index.column()):
            if role == DR.ForegroundRole:
                return COLORS["muted"]
            if self._field_at(index.column()) == self.value_field:
                return tr("由计算符号、指标值、计量单位组成")
            return tr("从“指标值”读出；在此输入即分列填写")
        return super().data(index, role)  # type: ignore[misc]

    # -- edits --------------------------------------------------------------------------

    def _set(self: Any, batch: commands.Batch, row: int, col: int, text: str, *, merge: bool = False) -> bool:
        """One cell; a split part or a one-cell value also sets what keeps the row consistent.

        ``merge`` (an open editor's keystrokes) is passed on to the cell's own command; the
        commands that keep the row consistent make the batch a step of its own.
        """
        field, item = self._field_at(col), self.items[row]
        view = pending_view(batch, item)  # the row as the batch leaves it so far (a pasted block)
        if field == self.value_field:
            before = len(batch.commands)
            changed = super()._set(batch, row, col, text, merge=merge)  # type: ignore[misc]
            main = batch.commands[-1] if len(batch.commands) > before else None
            for part in SPLIT:
                if getattr(view, part):
                    if isinstance(main, commands.SetValue) and main.target is item:
                        main.also(part, "")  # one command: an open editor's keystrokes merge
                    else:
                        batch.add(commands.SetValue(self.session, item, part, "", scope=self.scope))
                    changed = True
            return changed
        if field not in SPLIT:
            return super()._set(batch, row, col, text, merge=merge)  # type: ignore[misc]
        parts = indicator_parts(view, self.value_field)
        wanted = {"operator": parts.operator, "number": parts.number, "unit": parts.unit}
        typed = split_value(text) if field == "number" else None
        if typed is not None and typed.kind == "定量" and (typed.operator or typed.unit):
            wanted.update(operator=typed.operator, number=typed.number, unit=typed.unit)
        else:
            wanted[field] = text
        # one command for the typed part, carrying the others (an open editor's keystrokes merge)
        command = commands.SetValue(self.session, item, field, wanted[field], scope=self.scope, merge=merge)
        changed = getattr(view, field) != wanted[field]
        for part, value in wanted.items():
            if part != field and getattr(view, part) != value:
                command.also(part, value)
                changed = True
        if getattr(view, self.value_field):
            command.also(self.value_field, "")
            changed = True
        if changed:
            batch.add(command)
        return changed

    def _build_item(self: Any, above: Any, cells: dict[int, str]) -> Any:
        """A new row typed into the blank row: a sign or unit typed into 指标值 is split too."""
        item = super()._build_item(above, cells)  # type: ignore[misc]
        number = getattr(item, "number", "")
        typed = split_value(number) if number else None
        if typed is not None and typed.kind == "定量" and (typed.operator or typed.unit):
            item.operator, item.number, item.unit = typed.operator, typed.number, typed.unit
        return item

    # -- the columns follow the document ------------------------------------------------

    def _on_value_changed(self: Any, target: Any, key: Any) -> None:
        super()._on_value_changed(target, key)  # type: ignore[misc]
        retitled = isinstance(target, ColumnTitles)  # 单位信息 › 指标表列标题
        if self.column_source is not None and (key in ("layout", "indicator_columns") or retitled):
            self.set_columns(self.column_source())
        if key in (*SPLIT, self.value_field):  # a part changed: its siblings' derived text changes too
            for row, item in enumerate(self.items):
                if item is target:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def set_columns(self: Any, columns: list[Column]) -> None:
        """Show another set of columns (the data stays where it is)."""
        if [(c.field, c.header, c.item) for c in columns] == [(c.field, c.header, c.item) for c in self.columns]:
            return
        self.beginResetModel()
        self.columns = columns
        self._invalid.clear()
        self.endResetModel()


def pending_view(batch: commands.Batch, item: Any) -> Any:
    """A copy of ``item`` with the values the batch's commands will set on it (the item itself if none)."""
    pending = [c for c in batch.commands if isinstance(c, commands.SetValue) and c.target is item]
    if not pending:
        return item
    view = copy.copy(item)
    for command in pending:
        setattr(view, command.key, command.new)
        for key, value in command.also_new.items():
            setattr(view, key, value)
    return view


class StructuredTableModel(StructuredMixin, ListTableModel):
    """A ListTableModel over indicator rows with structure-aware cells."""

    def __init__(
        self, *args: Any, value_field: str = "value", column_source: Callable[[], list[Column]] | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.value_field = value_field
        self.column_source = column_source


def install_column_menu(model: ListTableModel, grid: Any, family: Callable[[], Family]) -> None:
    """Right-click on the grid's column header: show or hide the optional indicator columns."""
    header = grid.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(pos: QPoint) -> None:
        menu = column_menu(model, family(), grid)
        menu.exec(header.mapToGlobal(pos))

    header.customContextMenuRequested.connect(show_menu)
    grid.column_menu = lambda: column_menu(model, family(), grid)


def column_menu(model: ListTableModel, fam: Family, parent: Any) -> QMenu:
    """The menu of optional columns, each checked when shown."""
    menu = QMenu(parent)
    menu.setTitle(tr("显示的列"))
    shown = {c.field for c in model.columns}
    for name in INDICATOR_DETAIL_FIELDS:
        action = menu.addAction(fam.column_title(name, model.session.document.unit.column_titles))
        action.setCheckable(True)
        action.setChecked(name in shown)
        action.setEnabled(not model.session.read_only)
        action.setData(name)
        action.toggled.connect(lambda on, name=name: set_column_shown(model, fam, name, on))
    return menu


def set_column_shown(model: ListTableModel, fam: Family, name: str, show: bool) -> None:
    """Show or hide an optional column in every indicator grid of the document (one undo step)."""
    unit = model.session.document.unit
    new = toggle_column(fam, list(unit.indicator_columns), name, show)
    if new == unit.indicator_columns:
        return
    verb = tr("显示") if show else tr("隐藏")
    text = tr("{verb}“{title}”列").format(
        verb=verb, title=fam.column_title(name, model.session.document.unit.column_titles)
    )
    model.session.push(
        model.stack_key, commands.SetValue(model.session, unit, "indicator_columns", new, text=text), model.keep
    )
