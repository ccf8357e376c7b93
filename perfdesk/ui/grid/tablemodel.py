"""A table model over a list of the document (indicator rows, tasks, goals, team members …).

Columns are described once (:class:`Column`); cells are edited only through undo commands.
A blank row at the bottom lets the clerk keep typing downwards, as in Excel.  Text that does
not parse in a number column is kept and shown in red with the reason, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from perfdesk.models.document import Project
from perfdesk.ui.core import commands
from perfdesk.ui.core.inputs import InputError, parse_input, parse_text, show_number
from perfdesk.ui.core.session import DocumentSession, ListChange, begin_rows, end_rows, same_value
from perfdesk.ui.core.style import COLORS
from perfdesk.ui.grid.clipboard import Block, fill_down

ChoicesRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole


@dataclass(frozen=True)
class Column:
    """One column: the attribute it shows (None: the item itself is the text), header, kind."""

    field: str | None
    header: str
    width: int = 120
    kind: str = "text"  # text, choice, money, percent, count, score
    unit: str = "万元"
    choices: Callable[[Any], list[str]] | None = None
    fill_down: bool = False  # a merged label column (一级/二级): blanks take the value above
    stretch: bool = False
    item: int | None = None  # one item of a ``list[str]`` field (a per-recipient value), "" past its end

    @property
    def numeric(self) -> bool:
        """True for number columns (right-aligned, parsed)."""
        return self.kind in ("money", "percent", "count", "score")


def with_item(values: list[str], index: int, value: str) -> list[str]:
    """A copy of ``values`` with item ``index`` set (padded with blanks; trailing blanks dropped)."""
    out = [*values, *([""] * (index + 1 - len(values)))]
    out[index] = value
    while out and not out[-1]:
        out.pop()
    return out


class ListTableModel(QAbstractTableModel):
    """Rows are the items of one list of the document; edits become undo commands."""

    def __init__(
        self,
        session: DocumentSession,
        items: list[Any],
        columns: list[Column],
        *,
        factory: Callable[[], Any],
        stack_key: Hashable,
        keep: object = None,
        scope: Project | None = None,
        row_label: Callable[[int], str] | None = None,
        noun: str = "行",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.items = items
        self.columns = columns
        self.factory = factory
        self.stack_key = stack_key
        self.keep = keep
        self.scope = scope
        self.row_label = row_label or (lambda n: str(n + 1))
        self.noun = noun
        self._invalid: dict[tuple[int, int], tuple[str, str]] = {}  # (id(item), col) → (text, message)
        self._marks: dict[tuple[int, str | None], tuple[bool, str]] = {}  # (row, field) → (is_error, text)
        self._appending = False
        self.new_rows: list[int] = []  # where the last paste put the rows it added
        session.value_changed.connect(self._on_value_changed)
        session.list_about_to_change.connect(self._on_about_to_change)
        session.list_changed.connect(self._on_list_changed)

    # ------------------------------------------------------------------ Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Items plus the blank row for new entries (when editable)."""
        if parent.isValid():
            return 0
        return len(self.items) + (0 if self.session.read_only else 1)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def is_blank_row(self, row: int) -> bool:
        """True for the trailing row that only exists to type a new item into."""
        return row >= len(self.items)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Cell text, alignment, colours and tool tips."""
        row, col = index.row(), index.column()
        column = self.columns[col]
        if role in (DR.DisplayRole, DR.EditRole):
            return self.cell_text(row, col)
        if role == DR.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if self.is_blank_row(row):
            return None
        invalid = self._invalid.get((id(self.items[row]), col))
        mark = self._marks.get((row, column.field))
        if role == DR.ForegroundRole:
            if invalid:
                return COLORS["error"]
            if column.fill_down and row > 0 and self._repeats(row, col):
                return COLORS["muted"]
        if role == DR.BackgroundRole:
            if invalid:
                return COLORS["invalid_bg"]
            if mark:
                return COLORS["error_bg"] if mark[0] else COLORS["warning_bg"]
        if role == DR.ToolTipRole:
            if invalid:
                return invalid[1]
            if mark:
                return mark[1]
            text = self.cell_text(row, col)
            return text if len(text) > 40 else None
        if role == ChoicesRole and column.choices is not None:
            return column.choices(self.items[row])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DR.DisplayRole) -> Any:
        """Column titles; row numbers (＋ marks the row for new entries)."""
        if role != DR.DisplayRole:
            if role == DR.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
                return Qt.AlignmentFlag.AlignCenter
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return "＋" if self.is_blank_row(section) else self.row_label(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Editable unless the document is read-only."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.session.read_only else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = DR.EditRole) -> bool:
        """Typing into a cell: one undo step."""
        if role != DR.EditRole or not index.isValid():
            return False
        return self.set_cell(index.row(), index.column(), "" if value is None else str(value))

    # ------------------------------------------------------------------ cell values

    def _value(self, item: Any, column: Column) -> Any:
        if column.item is not None:
            values = getattr(item, column.field or "")
            return values[column.item] if column.item < len(values) else ""
        return item if column.field is None else getattr(item, column.field)

    def cell_text(self, row: int, col: int) -> str:
        """The text shown in a cell (a rejected entry shows as typed)."""
        if self.is_blank_row(row):
            return ""
        item = self.items[row]
        invalid = self._invalid.get((id(item), col))
        if invalid:
            return invalid[0]
        value = self._value(item, self.columns[col])
        return show_number(value) if self.columns[col].numeric else (value or "")

    def _repeats(self, row: int, col: int) -> bool:
        column = self.columns[col]
        text = self._value(self.items[row], column)
        return bool(text) and text == self._value(self.items[row - 1], column)

    def _parse(self, col: int, text: str) -> Any:
        column = self.columns[col]
        if column.numeric:
            return parse_input(column.kind, text, column.unit)
        return parse_text(text, column.field or "")

    def cell_error(self, row: int, col: int) -> str | None:
        """The message of a rejected entry in a cell, if any."""
        if self.is_blank_row(row):
            return None
        hit = self._invalid.get((id(self.items[row]), col))
        return hit[1] if hit else None

    def invalid_cells(self) -> list[str]:
        """Rejected entries as "第3行 拟投入的资金（元）：reason" lines."""
        rows = {id(item): row for row, item in enumerate(self.items)}
        found = []
        for (item_id, col), (_text, message) in sorted(
            self._invalid.items(), key=lambda kv: (rows.get(kv[0][0], -1), kv[0][1])
        ):
            if item_id in rows:
                header = self.columns[col].header
                found.append(
                    self.tr("第{row}行 {header}：{message}").format(
                        row=rows[item_id] + 1, header=header, message=message
                    )
                )
        return found

    # ------------------------------------------------------------------ edits (undo commands)

    def _set(self, batch: commands.Batch, row: int, col: int, text: str, *, merge: bool = False) -> bool:
        """Add a child command setting one cell; False if nothing changes."""
        column = self.columns[col]
        item = self.items[row]
        key = (id(item), col)
        try:
            value = self._parse(col, text)
        except InputError as exc:
            self._invalid[key] = (text, str(exc))
            self._emit_cell(row, col)
            return False
        had_invalid = self._invalid.pop(key, None) is not None
        if had_invalid:
            self._emit_cell(row, col)
        target, attr = (self.items, row) if column.field is None else (item, column.field)
        if column.item is not None:  # one item of a list field: the field gets a new list
            if same_value(self._value(item, column), value):
                return False
            value = with_item(getattr(item, attr), column.item, value)
        elif same_value(self.session.get_value(target, attr), value):
            return False
        text = self.tr("编辑“{header}”").format(header=column.header)
        batch.add(commands.SetValue(self.session, target, attr, value, scope=self.scope, text=text, merge=merge))
        return True

    def _new_item(self, above: Any) -> Any:
        """A fresh item; merged label columns carry on from the item above."""
        item = self.factory()
        if above is not None and not isinstance(item, str):
            for column in self.columns:
                if column.fill_down and column.field:
                    setattr(item, column.field, getattr(above, column.field))
        return item

    def _build_item(self, above: Any, cells: dict[int, str]) -> Any:
        """A new item holding typed cells (rejected text is kept beside it, shown in red)."""
        item = self._new_item(above)
        rejected: list[tuple[int, str, str]] = []
        for col, text in cells.items():
            column = self.columns[col]
            try:
                value = self._parse(col, text)
            except InputError as exc:
                rejected.append((col, text, str(exc)))
                continue
            if column.field is None:
                item = value
            elif column.item is not None:
                setattr(item, column.field, with_item(getattr(item, column.field), column.item, value))
            else:
                setattr(item, column.field, value)
        for col, text, message in rejected:
            self._invalid[(id(item), col)] = (text, message)
        return item

    def _push(self, command: Any) -> None:
        if isinstance(command, commands.Batch):
            self.session.push_batch(self.stack_key, command, self.keep)
        else:
            self.session.push(self.stack_key, command, self.keep)

    def set_cell(self, row: int, col: int, text: str, *, merge: bool = False) -> bool:
        """Set one cell from typed text; a new row is created when typing into the blank row.

        ``merge``: the text of a cell editor that is still open, handed over keystroke by keystroke
        (so nothing typed is lost in a crash); the keystrokes of one burst are one undo step.
        """
        if self.session.read_only:
            return False
        header = self.columns[col].header
        if self.is_blank_row(row):
            if not text.strip():
                return False
            above = self.items[-1] if self.items else None
            item = self._build_item(above, {col: text})
            insert_text = self.tr("新增{noun}").format(noun=self.noun)
            self._push(
                commands.InsertItems(
                    self.session, self.items, len(self.items), [item], scope=self.scope, text=insert_text
                )
            )
            return True
        cmd = commands.Batch(self.tr("编辑“{header}”").format(header=header))
        if not self._set(cmd, row, col, text, merge=merge):
            return self.cell_error(row, col) is not None
        # one keystroke of an open editor merges with the one before; a batch that keeps a row
        # consistent (a structured row's parts) is a step of its own
        self._push(cmd.commands[0] if merge and len(cmd.commands) == 1 else cmd)
        return True

    def clear_cells(self, cells: list[tuple[int, int]]) -> None:
        """Empty the given cells (Del) as one undo step."""
        cmd = commands.Batch(self.tr("清除单元格"))
        for row, col in cells:
            if not self.is_blank_row(row):
                self._set(cmd, row, col, "")
        self._push(cmd)

    def paste(self, row: int, col: int, block: Block) -> tuple[int, int]:
        """Paste a block of cells at (row, col), adding rows as needed; returns (rows, cols) used."""
        if self.session.read_only or not block:
            return 0, 0
        row = min(row, len(self.items))
        width = min(max(len(r) for r in block), len(self.columns) - col)
        fill = [c - col for c in range(col, col + width) if self.columns[c].fill_down]
        above = [self.cell_text(row - 1, c) for c in range(col, col + width)] if row > 0 else None
        block = fill_down([r[:width] for r in block], fill, above)
        cmd = commands.Batch(self.tr("粘贴 {n} 行").format(n=len(block)))
        new: list[Any] = []
        previous = self.items[row - 1] if row > 0 else None
        for r, cells in enumerate(block):
            if row + r < len(self.items):
                for c, text in enumerate(cells):
                    self._set(cmd, row + r, col + c, text)
                previous = self.items[row + r]
            else:
                previous = self._build_item(previous, {col + c: text for c, text in enumerate(cells)})
                new.append(previous)
        placed = self._placed(new)
        for at, item in placed:
            cmd.add(commands.InsertItems(self.session, self.items, at, [item], scope=self.scope))
        self._push(cmd)
        ids = {id(item) for item in new}
        self.new_rows = [r for r, item in enumerate(self.items) if id(item) in ids]
        return len(block), width

    def _placed(self, new: list[Any]) -> list[tuple[int, Any]]:
        """Where pasted new rows go: after the last row of their 一级 group (the first merged-label
        column), so a group is never split in two; rows of a new group go to the end.  The
        positions count the rows inserted before them."""
        field = next((c.field for c in self.columns if c.fill_down and c.field), None)
        if field is None:
            return [(len(self.items) + i, item) for i, item in enumerate(new)]
        keys = [str(getattr(item, field, "") or "").strip() for item in self.items]
        placed = []
        for item in new:
            key = str(getattr(item, field, "") or "").strip()
            at = max((i + 1 for i, k in enumerate(keys) if k == key), default=len(keys)) if key else len(keys)
            keys.insert(at, key)
            placed.append((at, item))
        return placed

    def paste_many(self, cells: list[tuple[int, int]], text: str) -> None:
        """Put one value into every selected cell (one undo step)."""
        cmd = commands.Batch(self.tr("粘贴"))
        for row, col in cells:
            if not self.is_blank_row(row):
                self._set(cmd, row, col, text)
        self._push(cmd)

    def block(self, rows: list[int], cols: list[int]) -> Block:
        """The text of a rectangle of cells (for copying)."""
        return [[self.cell_text(r, c) for c in cols] for r in rows if not self.is_blank_row(r)]

    def insert_rows(self, row: int, count: int = 1) -> None:
        """Insert blank rows before ``row``."""
        row = min(row, len(self.items))
        above = self.items[row - 1] if row > 0 else None
        new = [self._new_item(above) for _ in range(count)]
        text = self.tr("插入{noun}").format(noun=self.noun)
        self._push(commands.InsertItems(self.session, self.items, row, new, scope=self.scope, text=text))

    def remove_rows(self, rows: list[int]) -> None:
        """Delete the given rows as one undo step."""
        rows = sorted({r for r in rows if not self.is_blank_row(r)})
        if not rows:
            return
        cmd = commands.Batch(self.tr("删除 {n} {noun}").format(n=len(rows), noun=self.noun))
        for first, count in reversed(_runs(rows)):
            cmd.add(commands.RemoveItems(self.session, self.items, first, count, scope=self.scope))
        self._push(cmd)

    def move_rows(self, first: int, last: int, delta: int) -> bool:
        """Move the rows first..last up (-1) or down (+1) by one."""
        last = min(last, len(self.items) - 1)
        if first > last or first + delta < 0 or last + delta >= len(self.items):
            return False
        source, dest = (first - 1, last) if delta < 0 else (last + 1, first)
        text = self.tr("上移") if delta < 0 else self.tr("下移")
        self._push(commands.MoveItem(self.session, self.items, source, dest, scope=self.scope, text=text))
        return True

    # ------------------------------------------------------------------ findings overlay

    def set_marks(self, marks: dict[tuple[int, str | None], tuple[bool, str]]) -> None:
        """Colour cells that have findings: (row, field) → (is_error, message)."""
        if marks == self._marks:
            return
        self._marks = marks
        if self.items:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self.items) - 1, len(self.columns) - 1),
                [DR.BackgroundRole, DR.ToolTipRole],
            )

    def column_of(self, field: str | None) -> int | None:
        """The column showing a field."""
        return next((i for i, c in enumerate(self.columns) if c.field == field), None)

    # ------------------------------------------------------------------ session signals

    def _emit_cell(self, row: int, col: int) -> None:
        index = self.index(row, col)
        self.dataChanged.emit(index, index)

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.items:
            self.dataChanged.emit(self.index(key, 0), self.index(key, len(self.columns) - 1))
            return
        for row, item in enumerate(self.items):
            if item is target:
                col = self.column_of(key)
                if col is not None:
                    self._invalid.pop((id(item), col), None)
                    self._emit_cell(row, col)
                    if self.columns[col].fill_down and row + 1 < len(self.items):
                        self._emit_cell(row + 1, col)
                return

    def _on_about_to_change(self, items: list[Any], change: ListChange) -> None:
        if items is not self.items:
            return
        self._appending = change.kind == "insert" and change.first == len(items) and not self.session.read_only
        # When appending, the blank row becomes the first new item, so the current cell stays where the clerk typed.
        begin_rows(self, QModelIndex(), change, offset=1 if self._appending else 0)

    def _on_list_changed(self, items: list[Any], change: ListChange) -> None:
        if items is not self.items:
            return
        end_rows(self, change)
        if self._appending:
            self.dataChanged.emit(self.index(change.first, 0), self.index(change.first, len(self.columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, self.rowCount() - 1))

    def refresh_read_only(self) -> None:
        """The document became editable or read-only: the blank row appears or goes."""
        self.beginResetModel()
        self.endResetModel()


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, count) runs."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and runs[-1][0] + runs[-1][1] == r:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((r, 1))
    return runs
