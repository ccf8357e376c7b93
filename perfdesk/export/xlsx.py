"""Excel writer (openpyxl): a contents sheet, then one sheet per table or text part.

Merged cells carry borders on every cell of the range; row heights are estimated (Excel does
not fit merged cells), and a table row taller than Excel's 409 pt limit continues in merged
rows below instead of being cut.  Every sheet prints on A4 at a fixed scale that fits the page
width, with its own manual page breaks: never inside a merged block (a 一级 group, a task with
its label; one taller than a page is cut where the page ends and shows its label again on
the next), never right after a header row, a section's title row, a heading, a label line or
the unit line, and before a header-led section (with its title) that would not fit on the rest
of a page.  The indicator header row repeats at the top of each later page (print
titles); any other section a break cuts into (年度重点工作任务) gets a copy of its header rows
after the break (:attr:`Row.repeated`, skipped by the importer), the
page header names the part (the project) on every page, the footer numbers the pages.  Every cell is
written by :func:`perfdesk.export.cells.set_cell`: text is always stored as text, a value
starting with ``=`` never becomes a formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import copy, deepcopy
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.cells import set_cell, xml_text
from perfdesk.export.layout import (
    OFFICE_FAMILIES,
    TABLE_PAGE,
    TEXT_WIDTH_MM,
    Align,
    CaptionLine,
    Cell,
    FontRole,
    Layout,
    PageBreak,
    PageSetup,
    Paragraph,
    Part,
    Table,
    estimate_lines,
    header_run,
    heading_like,
    insert_header_copy,
    office_families,
    section_titles,
    sign_pieces,
    signs_family,
    text_units,
)
from perfdesk.importer.embedded import embed_document
from perfdesk.models.document import Document

PX_PER_MM = 96 / 25.4
_SIGNS = re.compile("[≥≤≠±×÷]")
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
# LibreOffice clips wrapped lines in cells much wider than ~150 mm, so text sheets stay narrower.
TEXT_SHEET_MM = 145.0
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right", Align.JUSTIFY: "left"}
DEFAULT_ROW_HEIGHT = 15.0
# Printed page of a sheet: A4 less the margins below, in points and millimetres.
MARGINS_IN = PageMargins(left=0.6, right=0.6, top=0.75, bottom=0.75, header=0.3, footer=0.35)
PRINT_HEIGHT_PT = (297 / 25.4 - MARGINS_IN.top - MARGINS_IN.bottom) * 72 * 0.97  # a little slack
PRINT_WIDTH_MM = 210 - (MARGINS_IN.left + MARGINS_IN.right) * 25.4
# A landscape (横向) sheet: A4 turned, its tables drawn this much wider than on a portrait one.
LANDSCAPE_PRINT_HEIGHT_PT = (210 / 25.4 - MARGINS_IN.top - MARGINS_IN.bottom) * 72 * 0.97
LANDSCAPE_PRINT_WIDTH_MM = 297 - (MARGINS_IN.left + MARGINS_IN.right) * 25.4
LANDSCAPE_EXTRA_MM = 297.0 - 210.0


def print_size(landscape: bool) -> tuple[float, float]:
    """The printed area of a sheet's page: width in mm and height in points (upright or turned)."""
    if landscape:
        return LANDSCAPE_PRINT_WIDTH_MM, LANDSCAPE_PRINT_HEIGHT_PT
    return PRINT_WIDTH_MM, PRINT_HEIGHT_PT


def column_width(mm: float) -> float:
    """Excel column width (characters of the default font) for a width in millimetres."""
    return round(max(1.0, (mm * PX_PER_MM - 5) / 7), 2)


def _units_per_line(mm: float, size: float) -> float:
    """Half-width characters per line in a cell ``mm`` wide at ``size`` pt (about 2 per CJK)."""
    px = mm * PX_PER_MM - 6
    return px / (size * 96 / 72 / 2)


def _line_height(size: float) -> float:
    return size * 1.35


StyleKey = tuple[FontRole, float, bool, Align, bool, str]


class _Styles:
    """Cell styles of one workbook, built once per combination and then copied.

    Assigning Font/Alignment objects makes openpyxl hash them for every cell, which took most
    of the time of a 300-project workbook; copying a finished style array is cheap.
    """

    def __init__(self) -> None:
        self.arrays: dict[StyleKey, StyleArray] = {}
        self.families = office_families()
        self.signs = signs_family()  # the face of ≥ ≤ … where the body face slants them

    def apply(self, cell: XlCell, key: StyleKey) -> None:
        """Give ``cell`` the style ``key``, building it the first time."""
        array = self.arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return
        role, size, bold, align, border, number_format = key
        cell.font = Font(name=self.families.get(role, OFFICE_FAMILIES[role]), size=size, bold=bold)
        # a table cell is centred in its row; text rows run from the top like a page, so that a
        # row estimated taller than the office program draws it leaves its room below the text
        vertical = "center" if border else "top"
        cell.alignment = Alignment(horizontal=_ALIGN[align], vertical=vertical, wrap_text=True)
        if border:
            cell.border = BORDER
        if number_format:
            cell.number_format = number_format
        self.arrays[key] = copy(cell._style)


class _Sheet:
    """Writes the blocks of one part into a worksheet, row by row."""

    def __init__(
        self,
        ws: Worksheet,
        widths: tuple[float, ...],
        styles: _Styles,
        page: PageSetup = TABLE_PAGE,
        landscape: bool = False,
    ) -> None:
        self.ws = ws
        self.styles = styles
        self.widths = widths
        self.page = page
        self.landscape = landscape
        self.print_width, self.print_height = print_size(landscape)
        self.row = 1
        self.validations: dict[tuple[str, ...], DataValidation] = {}
        self.title_row: int | None = None
        self.header_rows: set[int] = set()  # sheet rows that are table header rows
        self.sections: dict[int, int] = {}  # header row → last row of the section it heads
        self.forced: list[int] = []  # rows before which the layout asks for a new page
        self.keep: set[int] = set()  # rows that never end a page (a heading, a caption, a title)
        self.spans: dict[tuple[int, int], tuple[Cell, StyleKey]] = {}  # origin of a merged table cell
        self.blocks = 0  # index of the next block of the part
        self.owner: dict[int, tuple[int, Table, int]] = {}  # sheet row → (block, table, first table row)
        self.starts: dict[int, list[int]] = {}  # block → sheet row of each table row (and the end)
        self.cuts: list[tuple[int, int, range]] = []  # (block, table row, header rows) to repeat
        table_mm = TEXT_WIDTH_MM + (LANDSCAPE_EXTRA_MM if landscape else 0.0)
        scale = table_mm / sum(widths) if len(widths) > 1 else 1.0
        self.mm = [w * scale for w in widths]
        for i, w in enumerate(self.mm, 1):
            ws.column_dimensions[get_column_letter(i)].width = column_width(w)

    def put(self, row: int, col: int, value: str | Decimal, key: StyleKey) -> XlCell:
        """Write a value (text stays text) with a style; ≥ ≤ … in the upright face where the
        body face would slant them (rich text runs: the other runs keep the cell's font)."""
        cell = set_cell(self.ws.cell(row=row, column=col), value)
        self.styles.apply(cell, key)
        signs = self.styles.signs
        if signs and isinstance(cell.value, str) and _SIGNS.search(cell.value):
            face = InlineFont(rFont=signs, sz=key[1], b=key[2])
            cell.value = CellRichText(*[TextBlock(face, p) if sign else p for p, sign in sign_pieces(cell.value)])
        return cell

    def paragraph(self, para: Paragraph) -> None:
        """A paragraph as one or more rows merged across the sheet."""
        style = self.page.style(para.style)
        key = (style.role, style.size, style.role is FontRole.HEADING, style.align, False, "")
        text = ("\u3000\u3000" if style.indent else "") + para.text
        keep = style.keep_with_next or (para.style == "body" and heading_like(para.text))
        for chunk in _row_chunks(text, _units_per_line(sum(self.mm), style.size), style.size):
            self.put(self.row, 1, chunk, key)
            self._merge(self.row, 1, 1, len(self.widths))
            lines = estimate_lines(chunk, _units_per_line(sum(self.mm), style.size))
            # a cell has no line spacing of its own (公文's 28.95 pt lines would only leave gaps):
            # single-spaced lines, and a little room between paragraphs
            self.ws.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, lines * _line_height(style.size) + 4)
            if keep:
                self.keep.add(self.row)
            self.row += 1

    def caption(self, caption: CaptionLine) -> None:
        """The caption line: left part and right part of one row."""
        n = len(self.widths)
        split = max(1, n - 2)
        self.put(self.row, 1, caption.left, (FontRole.BODY, 10.5, False, Align.LEFT, False, ""))
        self._merge(self.row, 1, 1, split)
        if n > split:
            self.put(self.row, split + 1, caption.right, (FontRole.BODY, 10.5, False, Align.RIGHT, False, ""))
            self._merge(self.row, split + 1, 1, n - split)
        self.keep.add(self.row)  # the unit line stays with its table
        self.row += 1

    def table(self, table: Table) -> None:
        """The table's cells, merges and estimated row heights; a row too tall for one sheet row
        continues in merged rows below (Excel cuts a row at 409 pt)."""
        top = self.row
        heights = [_line_height(table.font_size) + 6] * len(table.rows)
        spans: list[tuple[int, int, float]] = []
        for r, c, cell in table.origins():
            mm = sum(self.mm[c : c + cell.colspan])
            need = estimate_lines(cell.text, _units_per_line(mm, table.font_size)) * _line_height(table.font_size) + 6
            if cell.rowspan == 1:
                heights[r] = max(heights[r], need)
            else:
                spans.append((r, cell.rowspan, need))
        for r, span, need in spans:
            have = sum(heights[r : r + span])
            if need > have:
                heights[r + span - 1] += need - have
        parts = [max(1, -int(-h // MAX_ROW_HEIGHT)) for h in heights]  # sheet rows per table row
        start = [top]
        for k in parts:
            start.append(start[-1] + k)
        for r, c, cell in table.origins():
            last = r + cell.rowspan - 1
            self._cell(start[r], c + 1, cell, table.font_size, start[last + 1] - start[r])
        for r, h in enumerate(heights):
            for k in range(parts[r]):
                self.ws.row_dimensions[start[r] + k].height = round(min(MAX_ROW_HEIGHT, h / parts[r]), 1)
        headers = [r for r, row in enumerate(table.rows) if row.header]
        originals = [r for r in headers if not table.rows[r].repeated]
        if originals and self.title_row is None:
            self.title_row = start[originals[-1]]
        for r, row in enumerate(table.rows):
            for k in range(start[r], start[r + 1]):
                self.owner[k] = (self.blocks, table, r)
            if row.repeated and not table.rows[r - 1].repeated:
                self.forced.append(start[r])  # a header copy starts the page it was made for
        self.starts[self.blocks] = start
        titles = section_titles(table)
        self.keep.update(start[r + 1] - 1 for r in titles)  # 长期绩效指标 stays with its section
        for i, r in enumerate(headers):
            end = headers[i + 1] if i + 1 < len(headers) else len(table.rows)
            self.header_rows.update(range(start[r], start[r + 1]))
            self.sections[start[r - 1 if r - 1 in titles else r]] = start[end] - 1  # with its title
        self.row = start[-1]

    def _cell(self, row: int, col: int, cell: Cell, size: float, rows: int) -> None:
        role = FontRole.HEADING if cell.bold else FontRole.BODY
        number = cell.number is not None
        key = (role, size, cell.bold, cell.align, True, (cell.number_format or "General") if number else "")
        target = self.put(row, col, cell.number if cell.number is not None else cell.text, key)
        if rows > 1 or cell.colspan > 1:
            self._merge(row, col, rows, cell.colspan, border=key)
        if cell.rowspan > 1:  # a label over several table rows (not one tall row's sheet rows)
            self.spans[(row, col)] = (cell, key)
        if cell.choices:
            self._validation(cell.choices).add(target.coordinate)

    def _merge(self, row: int, col: int, rowspan: int, colspan: int, border: StyleKey | None = None) -> None:
        if rowspan == 1 and colspan == 1:
            return
        last_row, last_col = row + rowspan - 1, col + colspan - 1
        # Added without openpyxl's MergedCellRange.format(), which rebuilds edge borders slowly;
        # Excel draws a merged range's border from each of its cells, so every cell gets one.
        merged = CellRange(min_col=col, min_row=row, max_col=last_col, max_row=last_row)
        self.ws.merged_cells.add(MergedCellRange(self.ws, merged.coord))
        if border is not None:
            for r in range(row, last_row + 1):
                for c in range(col, last_col + 1):
                    if (r, c) != (row, col):
                        self.styles.apply(self.ws.cell(row=r, column=c), border)

    def _validation(self, choices: tuple[str, ...]) -> DataValidation:
        dv = self.validations.get(choices)
        if dv is None:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle="不在列表中",
                error="这不是所选指标体系中的名称，仍要使用吗？",
            )
            self.ws.add_data_validation(dv)
            self.validations[choices] = dv
        return dv

    def page_break(self) -> None:
        """A manual page break before the next row."""
        if self.row > 1:
            self.forced.append(self.row)

    def _cut(self, b: int) -> float:
        """If a break before sheet row ``b`` cuts a section whose header rows the print titles do
        not repeat, note them to be copied there and return their height (0.0 otherwise)."""
        found = self.owner.get(b)
        if found is None:
            return 0.0
        block, table, r = found
        start = self.starts[block]
        if start[r] != b or table.rows[r].header or r in section_titles(table):
            return 0.0  # a page that starts with a section's title or header needs no copy
        run = header_run(table, r)
        if not run or (self.title_row is not None and start[run.stop - 1] == self.title_row):
            return 0.0
        self.cuts.append((block, r, run))
        rows = range(start[run.start], start[run.stop])
        return sum(self.ws.row_dimensions[k].height or DEFAULT_ROW_HEIGHT for k in rows)

    def paginate(self) -> None:
        """Manual page breaks that never cut a merged block nor leave a header row, a heading, a
        title or a unit line at a page end;
        a break inside a section notes its header rows in :attr:`cuts` (see :func:`write_part`)."""
        ws = self.ws
        last = self.row - 1
        height = {r: ws.row_dimensions[r].height or DEFAULT_ROW_HEIGHT for r in range(1, last + 1)}
        scale = page_scale(sum(self.mm), self.print_width)
        capacity = self.print_height / scale
        crossing: set[int] = set()  # rows r whose top edge a merged block crosses
        for rng in ws.merged_cells.ranges:
            # a block taller than a page (the label of a whole section) is cut wherever it must be
            if sum(height.get(k, 0.0) for k in range(rng.min_row, rng.max_row + 1)) <= capacity:
                crossing.update(range(rng.min_row + 1, rng.max_row + 1))
        title = height.get(self.title_row, 0.0) if self.title_row else 0.0
        forced = set(self.forced)

        def room(first: int) -> float:
            repeated = title if self.title_row is not None and self.title_row < first else 0.0
            return capacity - repeated

        def good(b: int) -> bool:
            return b not in crossing and (b - 1) not in self.header_rows and (b - 1) not in self.keep

        breaks: list[int] = []
        first, used, r = 1, 0.0, 1
        while r <= last:
            if r in forced and r > first:
                breaks.append(r)
                first, used = r, 0.0
            section_end = self.sections.get(r)
            if section_end is not None and r > first and good(r):
                section = sum(height[k] for k in range(r, section_end + 1))
                if used + section > room(first) and section <= room(r):
                    breaks.append(r)  # a section that fits on a page is not cut
                    first, used = r, 0.0
            if used + height[r] > room(first) and r > first:
                b = next((b for b in range(r, first, -1) if good(b)), r)
                breaks.append(b)
                first, used, r = b, self._cut(b), b
                continue
            used += height[r]
            r += 1
        ws.row_breaks = RowBreak()
        for b in breaks:
            ws.row_breaks.append(Break(id=b - 1))

    def split_at_breaks(self) -> None:
        """Cut each merged table cell a page break crosses (a 一级 block or a section label taller
        than a page) where the page ends: the later piece shows its label again instead of a blank
        column under a label printed on another page.  Unlike the PDF and Word, without 「（续）」:
        a workbook is data too, and its 一级 column must read 产出指标 on every row (the importer,
        a bureau's own tools)."""
        for brk in self.ws.row_breaks.brk:
            last = brk.id  # the last row of a page
            found = self.owner.get(last + 1)
            if found is None or self.starts[found[0]][found[2]] != last + 1:
                continue  # inside one tall row (its text continues in the rows below): one cell
            for rng in list(self.ws.merged_cells.ranges):
                origin = self.spans.get((rng.min_row, rng.min_col))
                if origin is None or not rng.min_row <= last < rng.max_row:
                    continue
                cell, key = origin
                mm = sum(self.mm[rng.min_col - 1 : rng.max_col])
                if not self._fits(cell.text, mm, key[1], self._height(rng.min_row, last)):
                    continue  # a long text printed across the break: cut, it would lose its end
                self.ws.merged_cells.remove(rng)
                self._merge(rng.min_row, rng.min_col, last - rng.min_row + 1, rng.max_col - rng.min_col + 1)
                rows = rng.max_row - last
                self._merge(last + 1, rng.min_col, rows, rng.max_col - rng.min_col + 1)
                height = self._height(last + 1, rng.max_row)
                self.put(last + 1, rng.min_col, cell.text if self._fits(cell.text, mm, key[1], height) else "", key)
                self.spans[(last + 1, rng.min_col)] = (cell, key)

    def _height(self, first: int, last: int) -> float:
        return sum(self.ws.row_dimensions[r].height or DEFAULT_ROW_HEIGHT for r in range(first, last + 1))

    @staticmethod
    def _fits(text: str, mm: float, size: float, height: float) -> bool:
        return estimate_lines(text, _units_per_line(mm, size)) * _line_height(size) + 6 <= height


# A text row holds at most this many half-width units (about 300 Chinese characters): under 40 %
# of a page in the 公文 setup (16 pt) and less in the 表格 one, so that a row that does not
# fit at the foot of a page (a row never splits) leaves little room empty there.  A count of
# characters, not of lines, cuts the same rows whatever the page setup or the printer's fonts.
ROW_UNITS = 600


def _row_chunks(text: str, units_per_line: float, size: float) -> list[str]:
    """Cut a long paragraph at sentence ends into rows of at most :data:`ROW_UNITS` (and never
    past Excel's row height limit); a sentence is never cut."""
    limit = min(ROW_UNITS, int(MAX_ROW_HEIGHT // _line_height(size) - 1) * int(max(units_per_line, 2.0)))
    if text_units(text) <= limit:
        return [text]
    chunks, current = [], ""
    for sentence in _sentences(text):
        if current and text_units(current + sentence) > limit:
            chunks.append(current)
            current = ""
        current += sentence
    return [*chunks, current] if current else chunks


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。；！？\n":
            out.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def page_scale(width_mm: float, print_width_mm: float = PRINT_WIDTH_MM) -> float:
    """The print scale that fits a sheet ``width_mm`` wide on the page (never enlarged)."""
    return min(1.0, print_width_mm / max(width_mm, 1.0))


def _setup_print(
    ws: Worksheet, title_row: int | None, width_mm: float, running_head: str = "", landscape: bool = False
) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    # Fitted to the page width only (height automatic): the manual row breaks still apply, and
    # the width fits whatever the office program makes of the column widths.
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = copy(MARGINS_IN)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    if running_head:  # a loose page still names its project
        ws.oddHeader.center.text = " ".join(running_head.split()).replace("&", "&&")  # one line: no _x000a_
        ws.oddHeader.center.size = 9
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
    ws.sheet_view.showGridLines = False


def _part_widths(part: Part) -> tuple[float, ...]:
    for block in part.blocks:
        if isinstance(block, Table):
            return block.widths
    return (TEXT_SHEET_MM,)


def write_part(ws: Worksheet, part: Part, styles: _Styles | None = None, page: PageSetup = TABLE_PAGE) -> None:
    """Draw one part's blocks into a worksheet."""
    styles = styles or _Styles()
    copied = False
    for _ in range(4):
        sheet = _draw(ws, part, styles, page)
        if not sheet.cuts:
            break
        # A break cuts a section whose header rows do not repeat by themselves (Excel repeats
        # one row range per sheet): draw again with a copy of them where each page starts.
        if not copied:
            part, copied = deepcopy(part), True
        for block, at, run in sorted(sheet.cuts, key=lambda cut: (cut[0], cut[1]), reverse=True):
            table = part.blocks[block]
            assert isinstance(table, Table)
            insert_header_copy(table, at, run)
        _clear(ws)
    sheet.split_at_breaks()
    _setup_print(ws, sheet.title_row, sum(sheet.mm), part.title, part.landscape)


def _draw(ws: Worksheet, part: Part, styles: _Styles, page: PageSetup) -> _Sheet:
    sheet = _Sheet(ws, _part_widths(part), styles, page, part.landscape)
    for block in part.blocks:
        if isinstance(block, Paragraph):
            sheet.paragraph(block)
        elif isinstance(block, CaptionLine):
            sheet.caption(block)
        elif isinstance(block, Table):
            sheet.table(block)
        elif isinstance(block, PageBreak):
            sheet.page_break()
        sheet.blocks += 1
    sheet.paginate()
    return sheet


def _clear(ws: Worksheet) -> None:
    """Empty a worksheet drawn by :func:`_draw` (cells, merges, heights, lists, breaks)."""
    ws._cells.clear()
    ws.merged_cells = MultiCellRange()
    ws.row_dimensions.clear()
    ws.data_validations = DataValidationList()
    ws.row_breaks = RowBreak()


def _mm_of(ws: Worksheet, column: str) -> float:
    width = ws.column_dimensions[column].width or 8.43
    return (width * 7 + 5) / PX_PER_MM


def write_contents(ws: Worksheet, layout: Layout) -> None:
    """The contents sheet: one linked line per worksheet."""
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 30
    title = set_cell(ws.cell(row=1, column=1), layout.title)
    families = office_families()
    title.font = Font(name=families[FontRole.HEADING], size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:C1")
    lines = estimate_lines(layout.title, _units_per_line(sum(_mm_of(ws, c) for c in "ABC"), 16))
    ws.row_dimensions[1].height = max(36.0, lines * _line_height(16) + 12)
    body = Font(name=families[FontRole.BODY], size=11)
    for col, text in enumerate(("序号", "内容", "工作表"), 1):
        cell = set_cell(ws.cell(row=2, column=col), text)
        cell.font = Font(name=families[FontRole.HEADING], size=11, bold=True)
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    row = 3
    for part in layout.parts:
        if part.sheet is None:
            continue
        values = (str(row - 2), part.title, part.sheet)
        for col, text in enumerate(values, 1):
            cell = set_cell(ws.cell(row=row, column=col), text)
            cell.font = body
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center" if col != 2 else "left", vertical="center", wrap_text=True)
        link = ws.cell(row=row, column=2)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{part.sheet}'!A1", display=xml_text(part.title))
        link.font = Font(name=families[FontRole.BODY], size=11, color="0563C1", underline="single")
        # a long title or sheet name wraps: the row grows so that no line is drawn over the next
        lines = max(
            estimate_lines(text, _units_per_line(_mm_of(ws, c), 11)) for c, text in zip("ABC", values, strict=True)
        )
        ws.row_dimensions[row].height = max(DEFAULT_ROW_HEIGHT, lines * _line_height(11) + 4)
        row += 1
    _setup_print(ws, 2, sum(_mm_of(ws, c) for c in "ABC"))


def write_xlsx(
    layout: Layout,
    target: BinaryIO | Path | str,
    step: Callable[[], None] | None = None,
    *,
    keep: Document | None = None,
) -> Workbook:
    """Write the workbook; ``step`` is called after each part.

    ``keep`` (whole-document exports) also stores the document in a very hidden sheet, so that
    what the tables cannot show (framework, grade table, ``69.2`` printed as ``69.20``) imports
    back losslessly; the visible tables still win for anything changed in Excel or WPS.
    """
    wb = Workbook()
    contents = wb.active
    contents.title = "目录"
    wb.properties.title = xml_text(layout.title)[:255]
    wb.properties.creator = "perfdesk"
    styles = _Styles()
    for part in layout.parts:
        if part.sheet is not None:
            write_part(wb.create_sheet(part.sheet), part, styles, layout.page)
        if step is not None:
            step()
    write_contents(contents, layout)
    if keep is not None:
        embed_document(wb, keep)
    wb.save(target)
    return wb
