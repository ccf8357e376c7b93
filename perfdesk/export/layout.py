"""The renderer-neutral description of the official layouts: parts, text blocks and tables.

The form builders (``forms_text``, ``forms_tables``) turn a document into a :class:`Layout`;
the PDF, Excel and Word writers only draw it.  A layout change is therefore made once, here or
in a builder, never in a writer.  Sizes are in points, table column widths in millimetres of an
A4 portrait text width (170 mm); writers scale them to their page.

The page setup (:class:`PageSetup`: paper, margins, text styles, the keep-together rules) and
the typeface families travel with the layout, so every writer — and every table builder added
later — follows the same page and faces without code of its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

TEXT_WIDTH_MM = 170.0
_Row = TypeVar("_Row")
CONTINUED = "（续）"


class Align(StrEnum):
    """Horizontal alignment of a cell or paragraph."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class FontRole(StrEnum):
    """Which face a text uses; each writer maps a role to a real font."""

    BODY = "body"  # 仿宋, else 宋体
    HEADING = "heading"  # 黑体
    KAI = "kai"  # 楷体, else the body face
    TITLE = "title"  # 方正小标宋, else the heading face


# Font family names for office files when no font is installed at all (Word and Excel name a
# face instead of embedding it); normally the families of perfdesk.fonts.typefaces() are used.
OFFICE_FAMILIES = {FontRole.BODY: "仿宋", FontRole.HEADING: "黑体", FontRole.KAI: "楷体", FontRole.TITLE: "黑体"}
OFFICE_LATIN = "Times New Roman"


def office_families() -> dict[FontRole, str]:
    """The family each role names in Word and Excel: this machine's typeface set."""
    from perfdesk.fonts import typefaces

    faces = typefaces()
    return {role: faces.family(role.value, OFFICE_FAMILIES[role]) for role in FontRole}


def signs_family() -> str | None:
    """The face Word and Excel name for ≥ ≤ ≠ ± × ÷ where the body face draws them slanted
    (AR PL UMing); None where the body face draws them upright."""
    from perfdesk.fonts import typefaces

    signs = typefaces().signs
    return signs.family if signs is not None else None


def sign_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a run of :data:`perfdesk.fonts.UPRIGHT_SIGNS`) pieces."""
    return [(piece, bool(k % 2)) for k, piece in enumerate(_SIGN_RUNS.split(text)) if piece]


_SIGN_RUNS = re.compile("([≥≤≠±×÷]+)")


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph looks: face, size (pt), alignment, indent and spacing."""

    name: str
    role: FontRole
    size: float
    align: Align = Align.JUSTIFY
    indent: bool = False  # first line indented by two characters
    space_before: float = 0.0
    space_after: float = 0.0
    leading: float = 1.5  # line height as a multiple of the size
    keep_with_next: bool = False


def _styles(*styles: TextStyle) -> dict[str, TextStyle]:
    return {s.name: s for s in styles}


# 表格: perfdesk's compact page, 14 pt text.
STYLES: dict[str, TextStyle] = _styles(
    TextStyle("cover-unit", FontRole.HEADING, 26, Align.CENTER, space_after=24, leading=1.4),
    TextStyle("cover-title", FontRole.HEADING, 22, Align.CENTER, space_after=12, leading=1.4),
    TextStyle("cover-compiler", FontRole.HEADING, 16, Align.CENTER, leading=1.4),
    TextStyle("part", FontRole.HEADING, 18, Align.CENTER, space_after=6, leading=1.4, keep_with_next=True),
    TextStyle("title", FontRole.HEADING, 16, Align.CENTER, space_after=8, leading=1.4, keep_with_next=True),
    TextStyle("subtitle", FontRole.BODY, 12, Align.CENTER, space_after=8, leading=1.4, keep_with_next=True),
    TextStyle("h1", FontRole.HEADING, 14, Align.LEFT, True, 8, 4, keep_with_next=True),
    TextStyle("h2", FontRole.KAI, 14, Align.LEFT, True, 4, 2, keep_with_next=True),
    TextStyle("body", FontRole.BODY, 14, Align.JUSTIFY, True, 0, 4),
    TextStyle("signature", FontRole.BODY, 14, Align.RIGHT, space_before=0, leading=1.6),
    TextStyle("caption", FontRole.BODY, 10.5, Align.LEFT, leading=1.4, keep_with_next=True),
)

# 公文 (GB/T 9704): 小标宋 二号 titles, 黑体/楷体 三号 headings, 仿宋 三号 text, 28.95 pt lines.
GONGWEN_STYLES: dict[str, TextStyle] = _styles(
    TextStyle("cover-unit", FontRole.TITLE, 26, Align.CENTER, space_after=24, leading=1.4),
    TextStyle("cover-title", FontRole.TITLE, 22, Align.CENTER, space_after=12, leading=1.4),
    TextStyle("cover-compiler", FontRole.BODY, 16, Align.CENTER, leading=1.4),
    TextStyle("part", FontRole.TITLE, 22, Align.CENTER, space_after=6, leading=1.4, keep_with_next=True),
    TextStyle("title", FontRole.TITLE, 22, Align.CENTER, space_after=12, leading=1.35, keep_with_next=True),
    TextStyle("subtitle", FontRole.KAI, 16, Align.CENTER, space_after=8, leading=1.4, keep_with_next=True),
    TextStyle("h1", FontRole.HEADING, 16, Align.LEFT, True, 0, 0, leading=1.8, keep_with_next=True),
    TextStyle("h2", FontRole.KAI, 16, Align.LEFT, True, 0, 0, leading=1.8, keep_with_next=True),
    TextStyle("body", FontRole.BODY, 16, Align.JUSTIFY, True, 0, 0, leading=1.8),
    TextStyle("signature", FontRole.BODY, 16, Align.RIGHT, space_before=0, leading=1.8),
    TextStyle("caption", FontRole.BODY, 12, Align.LEFT, leading=1.4, keep_with_next=True),
)

# Styles that are headings: Word gives them its 标题 1/2/3 styles (navigation pane, 目录).
HEADING_LEVELS = {"part": 1, "title": 1, "h1": 2, "h2": 3}


_HEADING_LINE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分)"
)
HEADING_LINE_CHARS = 30


def heading_like(text: str) -> bool:
    """True for a short text line that heads what follows: a label ending in a colon
    (``总体绩效目标：``) or a numbered heading typed as text (``三、工作保障措施``, ``（一）…``)
    without a sentence end.  Such a line keeps with the next paragraph on every page setup."""
    line = text.strip()
    if not line or "\n" in line or len(line) > HEADING_LINE_CHARS:
        return False
    if line.endswith(("：", ":")):
        return True
    return bool(_HEADING_LINE.match(line)) and not line.endswith(("。", "；", ";", "！", "？", "，"))


@dataclass(frozen=True)
class PageSetup:
    """Paper, margins (mm), text styles and the rules for breaking tables over pages.

    ``orphan_rows``: a table never leaves fewer body rows than this alone at the top of a page
    (nor at the bottom, after a title); header rows repeat on every page a table continues on
    and a row is never split between pages if it fits on one.
    """

    name: str
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    styles: dict[str, TextStyle]
    width: float = 210.0
    height: float = 297.0
    footer_distance: float = 10.0  # mm from the paper's bottom edge to the footer
    caption_size: float = 10.5
    orphan_rows: int = 2

    @property
    def text_width(self) -> float:
        """Width of the text area in mm."""
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> float:
        """Height of the text area in mm."""
        return self.height - self.margin_top - self.margin_bottom

    def style(self, name: str) -> TextStyle:
        """The text style called ``name`` on this page setup."""
        return self.styles[name]

    @property
    def landscape(self) -> bool:
        """True for a page wider than it is high (横向)."""
        return self.width > self.height

    def turned(self) -> PageSetup:
        """The same setup on a landscape (横向) page: the paper turned a quarter clockwise, as
        Word turns it, so the margin at the binding edge (left) is at the top and the footer
        keeps its distance from the new bottom edge."""
        if self.landscape:
            return self
        return replace(
            self,
            width=self.height,
            height=self.width,
            margin_top=self.margin_left,
            margin_right=self.margin_top,
            margin_bottom=self.margin_right,
            margin_left=self.margin_bottom,
        )

    def for_part(self, part: Part) -> PageSetup:
        """The page ``part`` prints on: this setup, turned for a landscape part."""
        return self.turned() if part.landscape else self


TABLE_PAGE = PageSetup("表格", 20.0, 22.0, 20.0, 20.0, STYLES)
GONGWEN_PAGE = PageSetup("公文", 37.0, 35.0, 28.0, 26.0, GONGWEN_STYLES, footer_distance=20.0, caption_size=12.0)
PAGE_SETUPS = {"table": TABLE_PAGE, "gongwen": GONGWEN_PAGE}


@dataclass
class Paragraph:
    """A paragraph of text in one of :data:`STYLES`; newlines in the text are line breaks."""

    text: str
    style: str = "body"


@dataclass
class CaptionLine:
    """The line above a table: text on the left, text on the right (``单位：万元``)."""

    left: str
    right: str


@dataclass
class Spacer:
    """Vertical space in points (PDF and Word; the workbook ignores it)."""

    height: float


@dataclass
class PageBreak:
    """Start a new page."""


@dataclass
class Cell:
    """A table cell: the printed text, spans, alignment, and what a spreadsheet should store.

    ``continued`` is printed instead of the text on a page where a merged cell continues;
    ``number`` (with ``number_format``) is stored by spreadsheets in place of the text;
    ``choices`` become a dropdown in spreadsheets.
    """

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: Align = Align.CENTER
    bold: bool = False
    continued: str = ""
    number: Decimal | None = None
    number_format: str = ""
    choices: tuple[str, ...] = ()


@dataclass
class Row:
    """One table row: an entry per column, ``None`` where a merged cell covers the position."""

    cells: list[Cell | None]
    header: bool = False  # the latest header row is repeated at the top of a continuation page
    repeated: bool = False  # a copy of a header row after a page break (not data: importers skip it)


@dataclass
class Table:
    """A grid of cells with relative column widths (mm of a 170 mm text width)."""

    widths: tuple[float, ...]
    rows: list[Row]
    font_size: float = 10.5

    @property
    def ncols(self) -> int:
        """Number of columns."""
        return len(self.widths)

    def origins(self) -> Iterator[tuple[int, int, Cell]]:
        """Every real cell with its row and column (covered positions skipped)."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row.cells):
                if cell is not None:
                    yield r, c, cell


Block = Paragraph | CaptionLine | Spacer | PageBreak | Table


@dataclass
class Part:
    """A unit of output: a text section or one form; a worksheet in the workbook if ``sheet``."""

    key: str  # "cover", "overall", "part2", "project:0", "dept", "report", "eval:0"
    title: str  # for the contents sheet, bookmarks, messages and the running head of its pages
    blocks: list[Block]
    sheet: str | None = None  # worksheet name (≤ 31 characters), None = not in the workbook
    new_page: bool = True
    numbered: bool = True  # page number printed in the footer
    landscape: bool = False  # printed on landscape (横向) pages: PDF pages, a Word section, the sheet


@dataclass(frozen=True)
class ExportWarning:
    """Something the export had to change or could not show, with where it happened."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}：{self.message}" if self.place else self.message


@dataclass
class Layout:
    """The description of everything to export, in print order."""

    title: str
    parts: list[Part]
    warnings: list[ExportWarning] = field(default_factory=list)
    page: PageSetup = TABLE_PAGE

    def tables(self) -> Iterator[tuple[Part, Table]]:
        """Every table with the part it belongs to."""
        for part in self.parts:
            for block in part.blocks:
                if isinstance(block, Table):
                    yield part, block


class GridBuilder:
    """Builds a :class:`Table` row by row; cells fill the positions that spans above left free."""

    def __init__(self, widths: Sequence[float], font_size: float = 10.5) -> None:
        self.widths = tuple(widths)
        self.font_size = font_size
        self.rows: list[Row] = []
        self._pending: dict[tuple[int, int], bool] = {}  # (row, col) covered by a span from above

    def row(self, *cells: Cell, header: bool = False) -> None:
        """Append a row; raises ValueError if the cells do not fill it exactly."""
        r = len(self.rows)
        slots: list[Cell | None] = [None] * len(self.widths)
        c = 0
        for cell in cells:
            while c < len(slots) and self._pending.get((r, c)):
                c += 1
            if c + cell.colspan > len(slots) or any(self._pending.get((r, c + i)) for i in range(cell.colspan)):
                raise ValueError(f"row {r}: cells do not fit the grid")
            slots[c] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr or dc:
                        self._pending[(r + dr, c + dc)] = True
            c += cell.colspan
        if any(s is None and not self._pending.get((r, i)) for i, s in enumerate(slots)):
            raise ValueError(f"row {r}: {len(slots)} columns expected")
        self.rows.append(Row(slots, header))

    def table(self) -> Table:
        """The finished table; raises ValueError if a span runs past the last row."""
        if any(r >= len(self.rows) for r, _ in self._pending):
            raise ValueError("a merged cell runs past the last row")
        return Table(self.widths, self.rows, self.font_size)


def header_run(table: Table, row: int) -> range:
    """The header rows that head the section ``row`` is in (empty if none does)."""
    h = row
    while h >= 0 and not table.rows[h].header:
        h -= 1
    if h < 0:
        return range(0)
    first = h
    while first > 0 and table.rows[first - 1].header:
        first -= 1
    return range(first, h + 1)


def insert_header_copy(table: Table, at: int, run: range) -> int:
    """Insert a copy of the header rows ``run`` before table row ``at`` (a page starts there).

    The copies are marked :attr:`Row.repeated`; a cell that spans across the insertion point
    (the section's label on the left) grows to cover them, and a header cell's own row span is
    kept within the copied rows.  Returns the number of rows inserted.
    """
    crossing: dict[int, Cell] = {}  # column → cell from above that continues below ``at``
    for r, c, cell in table.origins():
        if r < at < r + cell.rowspan:
            for dc in range(cell.colspan):
                crossing[c + dc] = cell
    copies: list[Row] = []
    for r in run:
        cells: list[Cell | None] = []
        for c, cell in enumerate(table.rows[r].cells):
            if c in crossing or cell is None:
                cells.append(None)
                continue
            span = min(cell.rowspan, run.stop - r)
            cells.append(replace(cell, rowspan=span, choices=()))
        copies.append(Row(cells, header=True, repeated=True))
    covered = {(i, c + dc) for i, row in enumerate(copies) for c, cell in enumerate(row.cells) if cell is not None
               for dr in range(cell.rowspan) for dc in range(cell.colspan) if dr or dc}  # fmt: skip
    for i, row in enumerate(copies):
        for c, cell in enumerate(row.cells):
            if cell is None and c not in crossing and (i, c) not in covered:
                row.cells[c] = Cell("")  # a position covered, in the original, by a span from above
    for cell in {id(c): c for c in crossing.values()}.values():
        cell.rowspan += len(copies)
    table.rows[at:at] = copies
    return len(copies)


def section_titles(table: Table) -> set[int]:
    """Rows that title the section below them (``长期绩效指标`` across the whole table, right above
    that section's header row): like a header row, such a row never ends a page."""
    out: set[int] = set()
    for r, row in enumerate(table.rows[:-1]):
        cells = [cell for cell in row.cells if cell is not None]
        if (
            len(cells) == 1
            and cells[0].bold
            and cells[0].colspan == table.ncols
            and cells[0].rowspan == 1
            and table.rows[r + 1].header
            and not row.header
        ):
            out.add(r)
    return out


def continued_text(cell: Cell) -> str:
    """What a merged cell shows on the page where it continues (``产出指标（续）``)."""
    return cell.continued or (f"{cell.text}{CONTINUED}" if cell.text.strip() else "")


def printed_rows(rows: Sequence[_Row], *fields: str) -> list[_Row]:
    """The rows worth printing: a row whose ``fields`` are all blank (an untouched template row,
    only 一级/二级 filled) is left out of the table."""
    return [row for row in rows if any(str(getattr(row, f, "") or "").strip() for f in fields)]


# ---------------------------------------------------------------- text helpers shared by writers

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numeral as used in headings (``11`` → ``十一``); from 100 on, Arabic digits."""
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


def format_percent(value: Decimal | None) -> str:
    """A percentage for print without needless zeros (``25.00`` → ``25%``); blank stays blank."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return f"{text}%"


def percent_number_format(value: Decimal) -> str:
    """The Excel format that shows ``value`` (a fraction) like :func:`format_percent` does."""
    places = max(0, -int(value.normalize().as_tuple().exponent) - 2)
    return "0%" if places == 0 else "0." + "0" * places + "%"


_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029\x85]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """Text safe for every writer: line breaks unified, control characters removed.

    Returns the clean text and a note per kind of change (empty if nothing changed).
    """
    notes: list[str] = []
    if _BREAKS.search(text):
        if re.search(r"[\x0b\x0c]", text):
            notes.append("手动换行符（\\x0b）已改为换行")
        text = _BREAKS.sub("\n", text)
    if "\t" in text:
        text = text.replace("\t", " ")
    found = sorted({f"U+{ord(ch):04X}" for ch in _ILLEGAL.findall(text)})
    if found:
        notes.append(f"删除了不可打印的控制字符 {'、'.join(found)}")
        text = _ILLEGAL.sub("", text)
    return text, notes


def sanitize(layout: Layout) -> Layout:
    """Clean every text of the layout in place, adding a warning for each change."""

    def fix(text: str, place: str) -> str:
        """The cleaned text; notes become warnings at ``place``."""
        clean, notes = clean_text(text)
        layout.warnings.extend(ExportWarning(place, note) for note in notes)
        return clean

    for part in layout.parts:
        for block in part.blocks:
            if isinstance(block, Paragraph):
                block.text = fix(block.text, part.title)
            elif isinstance(block, CaptionLine):
                block.left, block.right = fix(block.left, part.title), fix(block.right, part.title)
            elif isinstance(block, Table):
                for r, c, cell in block.origins():
                    place = f"{part.title} 第{r + 1}行第{c + 1}列"
                    cell.text = fix(cell.text, place)
                    cell.continued = fix(cell.continued, place)
    return layout


def is_wide(ch: str) -> bool:
    """True for characters printed full width (CJK ideographs, kana, full-width forms)."""
    o = ord(ch)
    return o >= 0x1100 and not (0x2000 <= o <= 0x206F) and not (0x2190 <= o <= 0x22FF)


def text_units(text: str) -> int:
    """Width of a line in half-width units: 2 per CJK character, 1 per Latin one."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def estimate_lines(text: str, units_per_line: float) -> int:
    """How many lines ``text`` needs when a line holds ``units_per_line`` half-width units."""
    per_line = max(units_per_line, 2.0)
    lines = 0
    for para in text.split("\n"):
        units = text_units(para)
        lines += max(1, -(-units // int(per_line)))
    return lines


# ---------------------------------------------------------------- page orientation (横向 for wide tables)

CELL_PADDING_MM = 2.0  # the left and right padding of a printed cell together
LINE_CHARS = 4  # a text cell needs room for this many characters on a line (三级指标, 指标值)
_TOKEN = re.compile(r"[0-9A-Za-z.,%‰+\-−×/:≥≤<>=~～()（）]+")
PT_MM = 25.4 / 72


def cell_min_width(cell: Cell, font_size: float) -> float:
    """Millimetres a cell needs not to print badly: its longest number or Latin word on one line
    (a number never wraps), and a line of :data:`LINE_CHARS` characters for its text."""
    half = font_size * PT_MM / 2  # width of one half-width unit
    units = 0
    for line in cell.text.split("\n"):
        tokens = _TOKEN.findall(line)
        units = max(units, max((len(t) for t in tokens), default=0), min(text_units(line), 2 * LINE_CHARS))
    return units * half + CELL_PADDING_MM if units else 0.0


def min_column_widths(table: Table) -> list[float]:
    """The narrowest widths (mm) at which every cell fits :func:`cell_min_width`: single columns
    first, then a spanning cell short of room widens its columns in proportion to their widths."""
    mins = [0.0] * table.ncols
    cells = sorted(table.origins(), key=lambda o: o[2].colspan)
    for _, c, cell in cells:
        need = cell_min_width(cell, table.font_size)
        cols = range(c, c + cell.colspan)
        have = sum(mins[k] for k in cols)
        if need <= have:
            continue
        weights = [table.widths[k] for k in cols]
        total = sum(weights) or 1.0
        for k, w in zip(cols, weights, strict=True):
            mins[k] += (need - have) * w / total
    return mins


def table_min_width(table: Table) -> float:
    """The narrowest width (mm) the table prints well at, keeping its column proportions."""
    factor = max((m / w for m, w in zip(min_column_widths(table), table.widths, strict=True) if w > 0), default=0.0)
    return sum(table.widths) * factor


WIDE_COLUMNS = 8  # a row printing this many cells side by side wants a landscape page
WIDE_SLACK = 1.2  # a table needing up to this much more than the text width wraps a label once


def printed_columns(table: Table) -> int:
    """The most cells any row of ``table`` prints side by side (a builder's sub-columns merged)."""
    return max((sum(1 for cell in row.cells if cell is not None) for row in table.rows), default=0)


def is_wide_table(table: Table, page: PageSetup) -> bool:
    """True if ``table`` cannot print well across the portrait text width of ``page``: a row
    prints :data:`WIDE_COLUMNS` cells or more (the split-column family, 自评表, 湖南 部门整体),
    or the narrowest width that keeps its proportions (:func:`table_min_width`) is more than
    :data:`WIDE_SLACK` times the text width.  Hebei, Guangdong, 申报 and two-block tables
    (at most seven cells a row, a four-character label wrapping at worst) stay upright."""
    if printed_columns(table) >= WIDE_COLUMNS:
        return True
    return table_min_width(table) > page.text_width * WIDE_SLACK


def orient_parts(layout: Layout, orientation: str, page_style: str) -> None:
    """Decide which parts print on landscape pages (:attr:`Part.landscape`).

    ``orientation`` is the document's choice: ``auto`` turns the parts holding a wide table
    (:func:`is_wide_table`), on the 表格 page only — the 公文 page stays portrait (GB/T 9704);
    ``landscape`` turns every part holding a table; ``portrait`` none.  A part that does not start
    a page of its own (the 第二部分 heading before the first table) follows the part after it.
    """
    for part in layout.parts:
        tables = [b for b in part.blocks if isinstance(b, Table)]
        if orientation == "landscape":
            part.landscape = bool(tables)
        elif orientation == "auto" and page_style == "table":
            part.landscape = any(is_wide_table(t, layout.page) for t in tables)
        else:
            part.landscape = False
    for later, earlier in itertools.pairwise(reversed(layout.parts)):
        if not later.new_page:
            earlier.landscape = later.landscape


_NUMBER = re.compile(r"[-+−]?[0-9A-Za-z][0-9A-Za-z,.%/-]*")  # amounts, and codes such as 13020225P00001210004M
NUMBER_SLACK = 1.3  # a digit is 0.5 em in Times New Roman, 0.64 em in DejaVu Serif (LibreOffice without it)


def number_width(cell: Cell, font_size: float) -> float:
    """Millimetres the cell's longest number or code (a Latin word with a digit) needs on one
    line (0 if it holds none)."""
    tokens = [t for t in _NUMBER.findall(cell.text) if any(ch.isdigit() for ch in t)]
    longest = max((sum(1.7 if ch.isupper() else 1.0 for ch in t) for t in tokens), default=0.0)  # M is wide
    return longest * font_size * PT_MM / 2 * NUMBER_SLACK + CELL_PADDING_MM if longest else 0.0


def fit_number_columns(table: Table, width_mm: float) -> list[float]:
    """Column widths (mm) summing to ``width_mm``: the table's proportions, except that a column
    too narrow for a number or code in it (``1,767,500.00`` in 拟投入的资金) is widened until the number
    fits on one line, the others giving up room in proportion to what they have beyond their
    own numbers.  Where there is not room for all, the proportions are kept."""
    scale = width_mm / sum(table.widths)
    widths = [w * scale for w in table.widths]
    need = [0.0] * table.ncols
    for _, c, cell in table.origins():  # a spanning cell asks its columns to grow alike
        cols = range(c, c + cell.colspan)
        share = number_width(cell, table.font_size) / sum(widths[k] for k in cols)
        for k in cols:
            need[k] = max(need[k], widths[k] * share)
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    if short <= 0.01:
        return widths
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if sum(spare) < short:
        return widths
    grown = [max(w, n) for n, w in zip(need, widths, strict=True)]
    return [g - short * s / sum(spare) if g == w else g for g, w, s in zip(grown, widths, spare, strict=True)]
