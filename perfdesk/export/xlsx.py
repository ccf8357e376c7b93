"""Excel writer (openpyxl): a contents sheet, then one sheet per table or text part.

Merged cells carry borders on every cell of the range; row heights are estimated (Excel does
not fit merged cells); every sheet prints on A4, fitted to the page width, with its header row
repeated and a page-number footer.  Every cell is written by :func:`perfdesk.export.cells.set_cell`:
text is always stored as text, a value starting with ``=`` never becomes a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.cells import set_cell, xml_text
from perfdesk.export.layout import (
    OFFICE_FAMILIES,
    STYLES,
    TEXT_WIDTH_MM,
    Align,
    CaptionLine,
    Cell,
    FontRole,
    Layout,
    PageBreak,
    Paragraph,
    Part,
    Table,
    estimate_lines,
)
from perfdesk.importer.embedded import embed_document
from perfdesk.models.document import Document

PX_PER_MM = 96 / 25.4
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
# LibreOffice clips wrapped lines in cells much wider than ~150 mm, so text sheets stay narrower.
TEXT_SHEET_MM = 145.0
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right", Align.JUSTIFY: "left"}


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

    def apply(self, cell: XlCell, key: StyleKey) -> None:
        """Give ``cell`` the style ``key``, building it the first time."""
        array = self.arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return
        role, size, bold, align, border, number_format = key
        cell.font = Font(name=OFFICE_FAMILIES[role], size=size, bold=bold)
        cell.alignment = Alignment(horizontal=_ALIGN[align], vertical="center", wrap_text=True)
        if border:
            cell.border = BORDER
        if number_format:
            cell.number_format = number_format
        self.arrays[key] = copy(cell._style)


class _Sheet:
    """Writes the blocks of one part into a worksheet, row by row."""

    def __init__(self, ws: Worksheet, widths: tuple[float, ...], styles: _Styles) -> None:
        self.ws = ws
        self.styles = styles
        self.widths = widths
        self.row = 1
        self.validations: dict[tuple[str, ...], DataValidation] = {}
        self.title_row: int | None = None
        scale = TEXT_WIDTH_MM / sum(widths) if len(widths) > 1 else 1.0
        self.mm = [w * scale for w in widths]
        for i, w in enumerate(self.mm, 1):
            ws.column_dimensions[get_column_letter(i)].width = column_width(w)

    def put(self, row: int, col: int, value: str | Decimal, key: StyleKey) -> XlCell:
        """Write a value (text stays text) with a style."""
        cell = set_cell(self.ws.cell(row=row, column=col), value)
        self.styles.apply(cell, key)
        return cell

    def paragraph(self, para: Paragraph) -> None:
        """A paragraph as one or more rows merged across the sheet."""
        style = STYLES[para.style]
        key = (style.role, style.size, style.role is FontRole.HEADING, style.align, False, "")
        text = ("\u3000\u3000" if style.indent else "") + para.text
        for chunk in _row_chunks(text, _units_per_line(sum(self.mm), style.size), style.size):
            self.put(self.row, 1, chunk, key)
            self._merge(self.row, 1, 1, len(self.widths))
            lines = estimate_lines(chunk, _units_per_line(sum(self.mm), style.size))
            self.ws.row_dimensions[self.row].height = min(MAX_ROW_HEIGHT, lines * style.size * style.leading + 4)
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
        self.row += 1

    def table(self, table: Table) -> None:
        """The table's cells, merges and estimated row heights."""
        top = self.row
        heights = [_line_height(table.font_size) + 6] * len(table.rows)
        spans: list[tuple[int, int, float]] = []
        for r, c, cell in table.origins():
            self._cell(top + r, c + 1, cell, table.font_size)
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
        for r, h in enumerate(heights):
            self.ws.row_dimensions[top + r].height = min(MAX_ROW_HEIGHT, round(h, 1))
        headers = [r for r, row in enumerate(table.rows) if row.header]
        if headers and self.title_row is None:
            self.title_row = top + headers[-1]
        self.row = top + len(table.rows)

    def _cell(self, row: int, col: int, cell: Cell, size: float) -> None:
        role = FontRole.HEADING if cell.bold else FontRole.BODY
        number = cell.number is not None
        key = (role, size, cell.bold, cell.align, True, (cell.number_format or "General") if number else "")
        target = self.put(row, col, cell.number if cell.number is not None else cell.text, key)
        if cell.rowspan > 1 or cell.colspan > 1:
            self._merge(row, col, cell.rowspan, cell.colspan, border=key)
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
            self.ws.row_breaks.append(Break(id=self.row - 1))


def _row_chunks(text: str, units_per_line: float, size: float) -> list[str]:
    """Cut a long paragraph at sentence ends so that no row exceeds Excel's height limit."""
    max_lines = int(MAX_ROW_HEIGHT // (size * 1.5)) - 1
    if estimate_lines(text, units_per_line) <= max_lines:
        return [text]
    chunks, current = [], ""
    for sentence in _sentences(text):
        if current and estimate_lines(current + sentence, units_per_line) > max_lines:
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


def _setup_print(ws: Worksheet, title_row: int | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.75, header=0.3, footer=0.35)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
    ws.sheet_view.showGridLines = False


def _part_widths(part: Part) -> tuple[float, ...]:
    for block in part.blocks:
        if isinstance(block, Table):
            return block.widths
    return (TEXT_SHEET_MM,)


def write_part(ws: Worksheet, part: Part, styles: _Styles | None = None) -> None:
    """Draw one part's blocks into a worksheet."""
    sheet = _Sheet(ws, _part_widths(part), styles or _Styles())
    for block in part.blocks:
        if isinstance(block, Paragraph):
            sheet.paragraph(block)
        elif isinstance(block, CaptionLine):
            sheet.caption(block)
        elif isinstance(block, Table):
            sheet.table(block)
        elif isinstance(block, PageBreak):
            sheet.page_break()
    _setup_print(ws, sheet.title_row)


def write_contents(ws: Worksheet, layout: Layout) -> None:
    """The contents sheet: one linked line per worksheet."""
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 30
    title = set_cell(ws.cell(row=1, column=1), layout.title)
    title.font = Font(name=OFFICE_FAMILIES[FontRole.HEADING], size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:C1")
    ws.row_dimensions[1].height = 36
    body = Font(name=OFFICE_FAMILIES[FontRole.BODY], size=11)
    for col, text in enumerate(("序号", "内容", "工作表"), 1):
        cell = set_cell(ws.cell(row=2, column=col), text)
        cell.font = Font(name=OFFICE_FAMILIES[FontRole.HEADING], size=11, bold=True)
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
        link.font = Font(name=OFFICE_FAMILIES[FontRole.BODY], size=11, color="0563C1", underline="single")
        row += 1
    _setup_print(ws, 2)


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
            write_part(wb.create_sheet(part.sheet), part, styles)
        if step is not None:
            step()
    write_contents(contents, layout)
    if keep is not None:
        embed_document(wb, keep)
    wb.save(target)
    return wb
