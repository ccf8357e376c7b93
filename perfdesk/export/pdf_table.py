"""Tables on PDF pages: cut a layout table into page-sized chunks and draw them.

Platypus keeps a row-span block on one page and fails when it is taller than a page, so the
cutting is done here: rows are placed until the page is full; a row that does not fit moves whole
to the next page, and only a row taller than a fresh page can hold is split between its lines; the header rows of the current section are repeated at the
top of the next page; a merged cell cut by the page break is drawn on both pages, as
``产出指标（续）`` on the second.  Row heights are recomputed for every chunk, so a continued
label always has room for its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.export.layout import Align, Cell, FontRole, Table, continued_text, section_titles
from perfdesk.export.pages import FRAME_HEIGHT, Op, RectOp
from perfdesk.export.pdf_text import FontBook, Line, line_op

PAD_X = 3.0
PAD_Y = 4.0
LEADING = 1.3  # line height / font size inside cells
FRESH_PAGE = 0.9  # share of a page a continued table can fill below its 〈title〉（续） heading
CENTER_SHIFT = 0.38  # the middle of a CJK glyph above its baseline, per 1 pt of size


@dataclass
class _Cell:
    """A table cell prepared for drawing: position, width and wrapped lines."""

    row: int
    rowspan: int
    x: float
    width: float
    cell: Cell
    role: FontRole
    lines: list[Line]
    cont: list[Line]


@dataclass(frozen=True)
class Slot:
    """A row, or the part of a split row between line offsets, placed on a page."""

    row: int
    start: tuple[int, ...] | None = None  # first line of each single-row cell (None: from the top)
    end: tuple[int, ...] | None = None  # line after the last one shown (None: to the end)
    repeated: bool = False  # a header row repeated on a continuation page

    @property
    def first(self) -> bool:
        """True if this slot shows the beginning of its row."""
        return self.start is None or not any(self.start)


@dataclass
class Chunk:
    """The slots of one page with their heights."""

    slots: list[Slot]
    heights: list[float]

    @property
    def height(self) -> float:
        """Total height in points."""
        return sum(self.heights)


class TableFlow:
    """A table being laid out over pages; :meth:`take` returns the next page's chunk."""

    def __init__(
        self, table: Table, book: FontBook, width: float, page_height: float = FRAME_HEIGHT, orphans: int = 2
    ) -> None:
        self.table = table
        self.page_height = page_height
        self.orphans = orphans
        self.book = book
        self.size = table.font_size
        self.leading = self.size * LEADING
        scale = width / sum(table.widths)
        xs = [0.0]
        for w in table.widths:
            xs.append(xs[-1] + w * scale)
        n = len(table.rows)
        self.singles: list[list[_Cell]] = [[] for _ in range(n)]
        self.spans: list[_Cell] = []
        self.covering: list[list[int]] = [[] for _ in range(n)]
        for r, c, cell in table.origins():
            prepared = self._prepare(r, c, cell, xs)
            if cell.rowspan > 1:
                for rr in range(r, min(n, r + cell.rowspan)):
                    self.covering[rr].append(len(self.spans))
                self.spans.append(prepared)
            else:
                self.singles[r].append(prepared)
        self.headers = _header_groups(table)
        self.titles = section_titles(table)
        self.row = 0
        self.offsets: tuple[int, ...] | None = None
        self.started = False
        self._base_cache: dict[Slot, float] = {}

    def _prepare(self, r: int, c: int, cell: Cell, xs: list[float]) -> _Cell:
        width = xs[c + cell.colspan] - xs[c]
        role = FontRole.HEADING if cell.bold else FontRole.BODY
        inner = width - 2 * PAD_X
        wrap = self.book.wrap_balanced if cell.align is Align.CENTER else self.book.wrap
        lines = wrap(cell.text, inner, role, self.size) if cell.text else []
        cont_text = continued_text(cell) if cell.rowspan > 1 else cell.continued
        cont = wrap(cont_text, inner, role, self.size) if cont_text else []
        return _Cell(r, cell.rowspan, xs[c], width, cell, role, lines, cont)

    @property
    def done(self) -> bool:
        """True once every row has been placed."""
        return self.row >= len(self.table.rows)

    # ------------------------------------------------------------ heights

    def _base(self, slot: Slot) -> float:
        cached = self._base_cache.get(slot)
        if cached is None:
            lines = 1
            for i, pc in enumerate(self.singles[slot.row]):
                lines = max(lines, len(self._window(slot, i, pc)))
            cached = self._base_cache[slot] = lines * self.leading + 2 * PAD_Y
        return cached

    def _window(self, slot: Slot, i: int, pc: _Cell) -> list[Line]:
        """The lines of a single-row cell shown in a slot; a label says （续） where the row goes on."""
        a = slot.start[i] if slot.start else 0
        b = slot.end[i] if slot.end else len(pc.lines)
        if a >= len(pc.lines) and a > 0 and pc.cont:
            return pc.cont
        return pc.lines[a:b]

    def _visible_spans(self, slots: list[Slot]) -> list[tuple[_Cell, list[int], bool]]:
        seen: dict[int, list[int]] = {}
        for i, slot in enumerate(slots):
            for k in self.covering[slot.row]:
                seen.setdefault(k, []).append(i)
        out = []
        for k, idx in seen.items():
            pc = self.spans[k]
            head = slots[idx[0]]
            out.append((pc, idx, head.row == pc.row and head.first and not head.repeated))
        return out

    def heights(self, slots: list[Slot]) -> list[float]:
        """Heights of the slots on one page, tall enough for every merged cell shown."""
        hs = [self._base(s) for s in slots]
        for pc, idx, first in self._visible_spans(slots):
            lines = pc.lines if first else pc.cont
            need = max(len(lines), 1) * self.leading + 2 * PAD_Y
            have = sum(hs[i] for i in range(idx[0], idx[-1] + 1))
            if need > have + 0.01:
                hs[idx[-1]] += need - have
        return hs

    def min_start_height(self) -> float:
        """Height of the first rows, which must share a page with the title above the table."""
        first = [Slot(r) for r in range(min(3, len(self.table.rows)))]
        return sum(self.heights(first)) if first else 0.0

    # ------------------------------------------------------------ cutting

    def take(self, avail: float, at_top: bool) -> Chunk | None:
        """The chunk that fits into ``avail`` points, or None if nothing fits (not at a page top)."""
        prefix = [Slot(r, repeated=True) for r in self.headers[self.row]] if self.started else []
        slots = list(prefix)
        row, offsets = self.row, self.offsets
        n = len(self.table.rows)
        while row < n:
            slot = Slot(row, offsets)
            if sum(self.heights([*slots, slot])) <= avail:
                slots.append(slot)
                row, offsets = row + 1, None
                continue
            piece = self._split(slots, slot, avail, force=at_top and len(slots) == len(prefix))
            if piece is not None:
                slots.append(piece)
                offsets = piece.end
            break
        # A header row never ends a page when rows follow it.
        while (
            len(slots) > len(prefix)
            and row < n
            and self._is_header(slots[-1])
            and (len(slots) > len(prefix) + 1 or not at_top)
        ):
            row, offsets = slots.pop().row, None
        # Nor are fewer than ``orphans`` rows left alone for the next page (满意度 by itself).
        while (
            offsets is None
            and 0 < n - row < self.orphans
            and len(slots) > len(prefix) + 1
            and slots[-1].first
            and slots[-1].end is None
        ):
            row = slots.pop().row
            while len(slots) > len(prefix) + 1 and self._is_header(slots[-1]):
                row = slots.pop().row
        if len(slots) == len(prefix):
            if not at_top:
                return None
            slots.append(Slot(row, offsets))  # cannot fit even on an empty page: overflow
            row, offsets = row + 1, None
        self.row, self.offsets, self.started = row, offsets, True
        return Chunk(slots, self.heights(slots))

    def _is_header(self, slot: Slot) -> bool:
        """A header row, a row of column heads only (总体目标 | 年度目标 under a merged label), or
        the title row of a section (长期绩效指标)."""
        row = self.table.rows[slot.row]
        heads = [cell for cell in row.cells if cell is not None and cell.rowspan == 1]
        head_like = len(heads) >= 2 and all(cell.bold for cell in heads)  # beside labels that span down
        return (row.header or head_like or slot.row in self.titles) and slot.first and slot.end is None

    def _fits_a_fresh_page(self, slot: Slot) -> bool:
        """True if the rest of the row, below its repeated header, fits on an empty page: it is not torn."""
        prefix = [Slot(r, repeated=True) for r in self.headers[slot.row]]
        return sum(self.heights([*prefix, slot])) <= FRESH_PAGE * self.page_height

    def _split(self, slots: list[Slot], slot: Slot, avail: float, force: bool) -> Slot | None:
        singles = self.singles[slot.row]
        if not singles or (not force and self._fits_a_fresh_page(slot)):
            return None
        start = slot.start or tuple(0 for _ in singles)
        remaining = max(len(pc.lines) - a for pc, a in zip(singles, start, strict=True))
        room = avail - sum(self.heights(slots)) - 2 * PAD_Y
        most = min(remaining - 1, int(room // self.leading))
        least = 1 if force else 2
        for k in range(most, least - 1, -1):
            end = tuple(min(a + k, len(pc.lines)) for pc, a in zip(singles, start, strict=True))
            piece = Slot(slot.row, slot.start, end)
            if sum(self.heights([*slots, piece])) <= avail:
                return piece
        if force and remaining > 1:
            return Slot(
                slot.row, slot.start, tuple(min(a + 1, len(pc.lines)) for pc, a in zip(singles, start, strict=True))
            )
        return None

    # ------------------------------------------------------------ drawing

    def draw(self, chunk: Chunk, left: float, top: float, ops: list[Op]) -> None:
        """Append the chunk's borders and text, its top edge at ``top``."""
        tops = []
        y = top
        for h in chunk.heights:
            tops.append(y)
            y -= h
        for i, slot in enumerate(chunk.slots):
            for j, pc in enumerate(self.singles[slot.row]):
                split = not slot.first or slot.end is not None
                self._cell(ops, pc, self._window(slot, j, pc), left, tops[i], chunk.heights[i], split)
        for pc, idx, first in self._visible_spans(chunk.slots):
            height = sum(chunk.heights[idx[0] : idx[-1] + 1])
            self._cell(ops, pc, pc.lines if first else pc.cont, left, tops[idx[0]], height, False)

    def _cell(
        self, ops: list[Op], pc: _Cell, lines: list[Line], left: float, top: float, h: float, split: bool
    ) -> None:
        x = left + pc.x
        ops.append(RectOp(x, top - h, pc.width, h))
        if not lines:
            return
        block = len(lines) * self.leading
        line_top = top - PAD_Y if split else top - (h - block) / 2
        inner = pc.width - 2 * PAD_X
        for line in lines:
            baseline = line_top - self.leading / 2 - CENTER_SHIFT * self.size
            ops.append(line_op(line, pc.cell.align, x + PAD_X, inner, baseline, pc.role, self.size))
            line_top -= self.leading


def _header_groups(table: Table) -> list[list[int]]:
    """For each row, the header rows to repeat above it on a new page: the latest header row before it, with
    the header rows above it whose cells span down into it (a two-row header: 年度指标值 over its sub-columns)."""
    out: list[list[int]] = []
    latest: list[int] = []
    for r, row in enumerate(table.rows):
        out.append([] if row.header else list(latest))
        if row.header:
            joined = latest and latest[-1] == r - 1 and _spans_down(table, latest, r)
            latest = [*latest, r] if joined else [r]
    return out


def _spans_down(table: Table, rows: list[int], r: int) -> bool:
    """True if a cell of the header rows ``rows`` reaches down into row ``r``."""
    return any(c is not None and q + c.rowspan > r for q in rows for c in table.rows[q].cells)
