"""A worksheet as a sparse grid of display texts, with merged ranges and label keys.

Only the cells that exist are visited (never the sheet's claimed dimension).  Each cell keeps
the text a clerk sees — numbers rendered through their number format (0.9 with a % format is
``90%``), dates as ``2021/1/1`` — its number as a ``Decimal`` (never a float), and a *key*:
the text with full-width forms folded to half width and all spaces removed, used only to
recognise labels such as ``其中：财政    资金``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

MAX_LABEL = 80  # longer texts are running text, never a label or a title to match
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DECIMALS = re.compile(r"[0#]\.(0*)(#*)")
_CUT_ZEROS = re.compile(r"\.?0+$")


def label_key(text: str) -> str:
    """Text folded for matching labels: NFKC (full → half width), no spaces, 其它 → 其他."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).replace("其它", "其他")


def address(row: int, col: int) -> str:
    """The A1 address of a position (``B7``)."""
    return f"{get_column_letter(col)}{row}"


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell (the top-left one of a merged range) as the clerk sees it."""

    row: int
    col: int
    text: str  # display text, surrounding space stripped
    key: str  # label_key(text); "" for long texts, which are never labels
    number: Decimal | None = None  # numeric cells: the value as displayed (percent cells ×100)
    percent: bool = False  # displayed with a % format
    exact: Decimal | None = None  # numeric cells: the stored value, before display rounding
    last_row: int = 0  # bottom row of its merged range (its own row if not merged)
    last_col: int = 0
    indented: bool = False  # the typed text starts with spaces (a paragraph's first line)

    @property
    def address(self) -> str:
        """The A1 address."""
        return address(self.row, self.col)

    @property
    def merged(self) -> bool:
        """True if the cell is the top-left of a merged range."""
        return self.last_row > self.row or self.last_col > self.col


def _format_decimals(number_format: str) -> tuple[int, int] | None:
    """(fewest, most) decimals a number format shows (``0.00`` → (2, 2), ``0.##`` → (0, 2), ``0%`` → (0, 0)),
    None for General."""
    section = _QUOTED.sub("", number_format.split(";")[0])
    if "0" not in section and "#" not in section:
        return None
    match = _DECIMALS.search(section)
    return (len(match.group(1)), len(match.group(1)) + len(match.group(2))) if match else (0, 0)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent notation or needless trailing zeros (100.0 → 100)."""
    text = format(value, "f")
    return _CUT_ZEROS.sub("", text) if "." in text else text


def number_of(value: float | int, number_format: str) -> tuple[Decimal, Decimal, bool]:
    """(displayed number, stored number, percent?) of a numeric cell, without float arithmetic."""
    # 15 significant digits is what Excel keeps; this drops float noise such as 0.30000000000000004
    exact = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    percent = "%" in _QUOTED.sub("", number_format.split(";")[0])
    shown = exact * 100 if percent else exact
    decimals = _format_decimals(number_format)
    if decimals is not None:
        fewest, most = decimals
        shown = shown.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)  # as Excel shows it
        while fewest < most and shown == shown.quantize(Decimal(1).scaleb(1 - most)):  # 0.## shows 95.5, 3
            most -= 1
            shown = shown.quantize(Decimal(1).scaleb(-most))
    else:
        shown = Decimal(_plain(shown))  # General: as Excel shows it, no exponent, no trailing zeros
    return shown, exact, percent


def display(value: object, number_format: str = "General") -> tuple[str, Decimal | None, Decimal | None, bool]:
    """A cell value as the clerk sees it: (text, number shown, exact number, is a percentage).

    One reading for every workbook format (the .xlsx reader here, the .xls reader in ``xls.py``).
    """
    if value is None or value == "":
        return "", None, None, False
    if isinstance(value, bool):
        return ("是" if value else "否"), None, None, False
    if isinstance(value, int | float):
        try:
            shown, exact, percent = number_of(value, number_format)
        except (InvalidOperation, ValueError):  # inf / nan cannot be in a valid file, but be safe
            return str(value), None, None, False
        text = format(shown, "f") + ("%" if percent else "")
        return text, shown, exact, percent
    if isinstance(value, dt.datetime):
        text = f"{value.year}/{value.month}/{value.day}"
        if value.time() != dt.time():
            text += f" {value.hour}:{value.minute:02d}"
        return text, None, None, False
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}", None, None, False
    if isinstance(value, dt.time | dt.timedelta):
        return str(value), None, None, False
    return str(value).strip(" \t\r\n\u3000\u00a0"), None, None, False


Position = tuple[int, int]


def merge_maps(
    ranges: Iterable[tuple[int, int, int, int]],
) -> tuple[dict[Position, Position], dict[Position, Position]]:
    """From merged ranges (top, left, bottom, right; 1-based): each range's top-left cell → its
    bottom-right, and every other covered position → the top-left cell that holds the value."""
    spans: dict[Position, Position] = {}
    owner: dict[Position, Position] = {}
    for top, left, bottom, right in ranges:
        spans[(top, left)] = (bottom, right)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    owner[(r, c)] = (top, left)
    return spans, owner


def _number_format(cell: object) -> str:
    """A cell's number format; General when its style points at a format the file does not define."""
    try:
        fmt = cell.number_format  # type: ignore[attr-defined]
    except (IndexError, KeyError, AttributeError, TypeError, ValueError):
        return "General"
    return fmt if isinstance(fmt, str) and fmt else "General"


class Grid:
    """The cells of one worksheet by position; merged positions lead to their top-left cell."""

    def __init__(
        self, title: str, cells: dict[tuple[int, int], GridCell], owner: dict[tuple[int, int], tuple[int, int]]
    ) -> None:
        self.title = title
        self.cells = cells
        self.owner = owner
        rows: dict[int, list[int]] = {}
        for r, c in (*cells, *owner):
            rows.setdefault(r, []).append(c)
        self._rows = {r: sorted(set(cs)) for r, cs in rows.items()}
        self.row_numbers = sorted(self._rows)

    @classmethod
    def from_sheet(cls, sheet: Worksheet) -> Grid:
        """Read a worksheet (visiting only the cells it holds)."""
        spans, owner = merge_maps(
            (rng.min_row, rng.min_col, rng.max_row, rng.max_col) for rng in sheet.merged_cells.ranges
        )
        cells: dict[tuple[int, int], GridCell] = {}
        # sheet._cells: the cells the file holds; iter_rows() would create every claimed position
        for (r, c), cell in list(sheet._cells.items()):
            if (r, c) in owner:
                continue
            text, shown, exact, percent = display(cell.value, _number_format(cell))
            last = spans.get((r, c), (r, c))
            if text or last != (r, c):
                indented = isinstance(cell.value, str) and cell.value.startswith(("\u3000", "  "))
                key = label_key(text) if len(text) <= MAX_LABEL else ""
                cells[(r, c)] = GridCell(r, c, text, key, shown, percent, exact, *last, indented)
        for (r, c), last in spans.items():
            if (r, c) not in cells:
                cells[(r, c)] = GridCell(r, c, "", "", None, False, None, *last)
        return cls(sheet.title, cells, owner)

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell shown at a position (a merged range's top-left cell for covered positions)."""
        pos = self.owner.get((row, col), (row, col))
        return self.cells.get(pos)

    def row(self, row: int, first_col: int = 1, last_col: int | None = None) -> Iterator[GridCell]:
        """The distinct cells shown in a row, left to right, including merged ones from above."""
        cols = self._rows.get(row, [])
        seen: set[tuple[int, int]] = set()
        for c in cols[bisect_left(cols, first_col) :]:
            if last_col is not None and c > last_col:
                break
            cell = self.at(row, c)
            if cell is not None and (cell.row, cell.col) not in seen:
                seen.add((cell.row, cell.col))
                yield cell

    def filled(self, row: int, first_col: int = 1, last_col: int | None = None) -> list[GridCell]:
        """The non-blank cells shown in a row."""
        return [c for c in self.row(row, first_col, last_col) if c.text]

    def right_of(self, cell: GridCell, last_col: int | None = None) -> GridCell | None:
        """The next cell to the right in the label's first row (blank cells included, if they exist)."""
        for other in self.row(cell.row, cell.last_col + 1, last_col):
            if other.row == cell.row or other.text:
                return other
        return None

    def rows_between(self, first: int, last: int) -> list[int]:
        """The numbers of the rows holding cells, from ``first`` to ``last`` inclusive."""
        return self.row_numbers[bisect_left(self.row_numbers, first) : bisect_left(self.row_numbers, last + 1)]

    def find(self, key: str, first: int = 1, last: int = 1 << 30) -> Iterator[GridCell]:
        """Cells starting in rows ``first``..``last`` whose key equals ``key``, in reading order."""
        for r in self.rows_between(first, last):
            for cell in self.row(r):
                if cell.row == r and cell.key == key:
                    yield cell

    def cells_in_order(self) -> list[GridCell]:
        """All non-blank cells in reading order (row, then column)."""
        return sorted((c for c in self.cells.values() if c.text), key=lambda c: (c.row, c.col))
