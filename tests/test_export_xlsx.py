"""Excel export read back with openpyxl: values, merged ranges, borders, print setup, safety."""

from __future__ import annotations

import itertools
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.compose import Form, Scope, build_layout
from perfdesk.export.layout import heading_like
from perfdesk.export.service import export_document
from perfdesk.export.synthetic import generated_document
from perfdesk.export.xlsx import PRINT_HEIGHT_PT, write_xlsx
from perfdesk.importer.embedded import SHEET as EMBEDDED_SHEET
from perfdesk.importer.reader import import_workbook
from perfdesk.models.document import Document
from perfdesk.samples import sample, samples

SAMPLES = [s.name for s in samples()]
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xlsx")
    out = {}
    for name in SAMPLES:
        out[name] = folder / f"{name}.xlsx"
        write_xlsx(build_layout(sample(name).load()), out[name])
    return out


def _values(ws: Worksheet) -> list[object]:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def _find(ws: Worksheet, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise AssertionError(f"{text!r} not in sheet {ws.title}")


@pytest.mark.parametrize("name", SAMPLES)
def test_a_contents_sheet_then_one_sheet_per_form(workbooks: dict[str, Path], name: str) -> None:
    wb = openpyxl.load_workbook(workbooks[name])
    doc = sample(name).load()
    assert wb.sheetnames[0] == "目录"
    tables = len(doc.projects) + (doc.dept_table is not None)
    texts = int(bool(doc.overall.summary)) + (doc.self_report is not None)
    assert len(wb.sheetnames) == 1 + tables + texts
    contents = wb["目录"]
    for row in range(3, len(wb.sheetnames) + 2):
        link = contents.cell(row=row, column=2).hyperlink
        assert link is not None and link.location == f"'{contents.cell(row=row, column=3).value}'!A1"
        assert contents.cell(row=row, column=3).value in wb.sheetnames


@pytest.mark.parametrize("name", SAMPLES)
def test_every_indicator_is_in_its_sheet_as_typed(workbooks: dict[str, Path], name: str) -> None:
    wb = openpyxl.load_workbook(workbooks[name])
    doc = sample(name).load()
    for i, project in enumerate(doc.projects):
        ws = wb.worksheets[1 + (1 if doc.overall.summary else 0) + i]
        values = _values(ws)
        assert project.name in values
        for ind in project.indicators:
            for text in (ind.level3, ind.description, ind.value, ind.basis):
                assert text in values, text
        if project.budget_total is not None and doc.unit.project_table_style.value == "amounts":
            assert Decimal(str(ws.cell(*_right_of(ws, "预算数")).value)) == project.budget_total
    if doc.dept_table is not None:
        values = _values(wb["部门整体绩效目标表"])
        for d in doc.dept_table.indicators:
            assert d.level3 in values and d.annual_value in values


def _right_of(ws: Worksheet, label: str) -> tuple[int, int]:
    row, col = _find(ws, label)
    return row, col + 1


def _cell_borders(path: Path, sheet_index: int) -> dict[str, set[str]]:
    """Cell → the sides with a thin border, read from the XML (openpyxl's reader rewrites merged cells)."""
    with zipfile.ZipFile(path) as z:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        sheet = ET.fromstring(z.read(f"xl/worksheets/sheet{sheet_index}.xml"))
    borders = [
        {
            side
            for side in ("left", "right", "top", "bottom")
            if (b.find(f"{NS}{side}") is not None and b.find(f"{NS}{side}").get("style") == "thin")
        }
        for b in styles.find(f"{NS}borders")
    ]
    xfs = [int(xf.get("borderId", 0)) for xf in styles.find(f"{NS}cellXfs")]
    return {c.get("r"): borders[xfs[int(c.get("s", 0))]] for c in sheet.iter(f"{NS}c")}


def test_merged_ranges_follow_the_layout_and_carry_borders(workbooks: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(workbooks["gaoxin-2022"])
    ws = wb["1、安全生产专项经费"]
    row, _ = _find(ws, "产出指标")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{row}:A{row + 4}" in merged  # 产出指标 over its five rows
    assert f"B{row}:B{row + 1}" in merged  # 数量指标 over two
    first_table_row, _ = _find(ws, "项目编码")
    sides = _cell_borders(workbooks["gaoxin-2022"], wb.sheetnames.index(ws.title) + 1)
    for rng in ws.merged_cells.ranges:
        if rng.min_row < first_table_row:
            continue  # the title row is not part of the grid
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                coordinate = ws.cell(row=r, column=c).coordinate
                assert sides[coordinate] == {"left", "right", "top", "bottom"}, (str(rng), coordinate)


@pytest.mark.parametrize("name", SAMPLES)
def test_print_setup(workbooks: dict[str, Path], name: str) -> None:
    wb = openpyxl.load_workbook(workbooks[name])
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.orientation == "portrait"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    for ws in wb.worksheets[1:]:
        if any(v == "一级指标" for v in _values(ws)):
            header, _ = _find(ws, "三级指标")
            assert ws.print_title_rows == f"${header}:${header}"


def test_column_widths_and_row_heights_show_the_text(workbooks: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(workbooks["changli-2021"])["1、非税收入安排解决历史遗留问题"]
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHI"]
    assert 9 <= widths[0] <= 11 and widths[8] > widths[0]  # 一级 narrow, 依据 wide, as in the seeds
    row, _ = _find(ws, "资金用途")
    assert ws.row_dimensions[row].height >= 2 * 14  # the long 资金用途 text needs two lines
    for r in range(1, ws.max_row + 1):
        assert ws.row_dimensions[r].height is not None and ws.row_dimensions[r].height <= 409


def test_level_dropdowns(workbooks: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(workbooks["lunan-2025"])["1、2025年安全生产专项经费"]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("产出指标" in f and "满意度指标" in f for f in lists)
    assert any("数量指标" in f and "服务对象满意度指标" in f for f in lists)
    row, col = _find(ws, "产出指标")
    coord = ws.cell(row=row, column=col).coordinate
    level1 = next(dv for dv in ws.data_validations.dataValidation if "产出指标" in dv.formula1)
    assert coord in level1.sqref


def test_user_text_never_becomes_a_formula_and_control_characters_are_reported(tmp_path: Path) -> None:
    doc = sample("gaoxin-2022").load()
    doc.projects[0].indicators[0].value = "=SUM(A1:A9)"
    doc.projects[0].name = '=HYPERLINK("http://x")'
    doc.projects[0].purpose = "第一行\x0b第二行\x1f"
    target = tmp_path / "safe.xlsx"
    result = export_document(doc, target, scope=Scope(Form.PROJECTS, 0))
    assert any("U+001F" in w.message for w in result.warnings)
    with zipfile.ZipFile(target) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all("<f>" not in z.read(n).decode() for n in sheets)
    ws = openpyxl.load_workbook(target).worksheets[1]
    assert "=SUM(A1:A9)" in _values(ws)
    assert "第一行\n第二行" in _values(ws)
    cell = ws.cell(*_find(ws, "=SUM(A1:A9)"))
    assert cell.data_type == "s"


def test_amounts_are_numbers_with_two_decimals(workbooks: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(workbooks["dongguan-2024"])["部门整体绩效目标表"]
    cell = ws.cell(*_right_of(ws, "基本支出"))
    while cell.value is None:  # the label is merged over three columns
        cell = ws.cell(row=cell.row, column=cell.column + 1)
    assert cell.value == pytest.approx(4393.85) and cell.number_format == "#,##0.00"
    plans = openpyxl.load_workbook(workbooks["lunan-2025"]).worksheets[2]
    row, col = _find(plans, "3月底")
    value = plans.cell(row=row + 1, column=col)
    assert value.value == pytest.approx(0.25) and value.number_format == "0%"


def test_an_empty_document_is_refused_cleanly(tmp_path: Path) -> None:
    from perfdesk.export.service import ExportError

    with pytest.raises(ExportError):
        export_document(Document(), tmp_path / "empty.xlsx")
    assert not (tmp_path / "empty.xlsx").exists()


def _breaks(ws: Worksheet) -> list[int]:
    """Rows after which a manual page break falls."""
    return [b.id for b in ws.row_breaks.brk]


def _page_check(ws: Worksheet, capacity: float = PRINT_HEIGHT_PT) -> None:
    """No break inside a merged block that fits on a page, none right after a header row."""
    heights = {r: ws.row_dimensions[r].height or 15.0 for r in range(1, ws.max_row + 1)}
    for b in _breaks(ws):
        for rng in ws.merged_cells.ranges:
            if rng.min_row <= b < rng.max_row:
                block = sum(heights[r] for r in range(rng.min_row, rng.max_row + 1))
                assert block > capacity, f"{ws.title}: break after row {b} cuts {rng}"
        assert ws.cell(row=b, column=2).value not in ("一级指标", "二级指标", "名称"), (ws.title, b)


def test_a_600_character_cell_continues_in_merged_rows(tmp_path: Path) -> None:
    doc = sample("gaoxin-2022").load()
    text = "".join(f"第{i}句完整的检查内容说明，必须全部印出。" for i in range(1, 41))  # ~600 characters
    assert len(text) >= 600
    doc.projects[0].indicators[1].description = text
    path = tmp_path / "long.xlsx"
    export_document(doc, path)
    ws = openpyxl.load_workbook(path)[sample_sheet(doc)]
    row, col = _find(ws, text)  # the whole text in one cell, nothing cut off
    rng = next(r for r in ws.merged_cells.ranges if (r.min_row, r.min_col) == (row, col))
    assert rng.max_row > row  # continues in the rows below
    assert sum(ws.row_dimensions[r].height for r in range(row, rng.max_row + 1)) > 409
    for r in range(1, ws.max_row + 1):
        assert (ws.row_dimensions[r].height or 15) <= 409
    # every other cell of that indicator row spans the same rows, so the grid reads as one row
    for c in range(1, ws.max_column + 1):
        if ws.cell(row=row, column=c).value is not None:
            span = next((r for r in ws.merged_cells.ranges if (r.min_row, r.min_col) == (row, c)), None)
            assert span is not None and span.max_row >= rng.max_row
    _page_check(ws)
    # and the importer reads the indicator back whole, once
    back = import_workbook(path).document
    assert back.projects[0].indicators[1].description == text
    assert len(back.projects[0].indicators) == len(doc.projects[0].indicators)


def sample_sheet(doc: Document) -> str:
    """The worksheet name of the first project table."""
    return next(p.sheet for p in build_layout(doc).parts if p.key == "project:0")


@pytest.mark.parametrize("name", SAMPLES)
def test_pages_break_outside_merged_blocks_and_name_the_part(workbooks: dict[str, Path], name: str) -> None:
    wb = openpyxl.load_workbook(workbooks[name])
    layout = build_layout(sample(name).load())
    titles = {p.sheet: p.title for p in layout.parts if p.sheet}
    for ws in wb.worksheets[1:]:
        _page_check(ws)
        assert ws.oddHeader.center.text == titles[ws.title].replace("&", "&&")  # the project on every page


def test_a_long_table_gets_breaks_and_its_header_repeats(tmp_path: Path) -> None:
    doc = generated_document(1, 60)
    path = tmp_path / "long.xlsx"
    export_document(doc, path)
    ws = openpyxl.load_workbook(path)[sample_sheet(doc)]
    assert _breaks(ws)  # paginated by the writer, not by the office program
    header, _ = _find(ws, "三级指标")
    assert ws.print_title_rows == f"${header}:${header}"  # repeated at the top of each later page
    assert all(b >= header for b in _breaks(ws)[1:])
    _page_check(ws)
    heights = {r: ws.row_dimensions[r].height or 15.0 for r in range(1, ws.max_row + 1)}
    bounds = [0, *_breaks(ws), ws.max_row]
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        page = sum(heights[r] for r in range(a + 1, b + 1)) + (heights[header] if k else 0)
        assert page <= PRINT_HEIGHT_PT + 1  # each page's rows fit on the printed page


def _row_texts(ws: Worksheet, row: int) -> list[object]:
    return [ws.cell(row=row, column=c).value for c in range(2, ws.max_column + 1)]


@pytest.mark.parametrize("copies", [1, 4])
def test_a_section_header_repeats_after_each_break_and_reads_back_once(tmp_path: Path, copies: int) -> None:
    doc = sample("dongguan-2024").load()
    table = doc.dept_table
    assert table is not None
    table.key_tasks = [replace(t) for _ in range(copies) for t in table.key_tasks]  # 1 or 4 pages of tasks
    path = tmp_path / "dept.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[1]
    header, _ = _find(ws, "主要实施内容")
    end, _ = _find(ws, "其他需完成的任务(可选填)")
    titles = _row_texts(ws, header)
    inside = [b + 1 for b in _breaks(ws) if header < b + 1 < end]
    assert len(inside) >= copies  # the key tasks run over at least one break per page of tasks
    for first in inside:
        assert _row_texts(ws, first) == titles, first  # the header again, first on the continued page
    repeats = [r for r in range(header + 1, end) if _row_texts(ws, r) == titles]
    assert repeats == inside  # and nowhere else
    # the section's label is cut where each page ends and shown again on each continued page (no
    # blank column under a label printed on another page; no （续） in a workbook's data)
    pieces = sorted(
        (r.min_row, r.max_row) for r in ws.merged_cells.ranges if r.min_col == 1 and header <= r.min_row < end
    )
    assert [a for a, _ in pieces] == [header, *inside] and pieces[-1][1] == end - 1
    assert all(b + 1 == a for (_, b), (a, _) in itertools.pairwise(pieces))
    label = ws.cell(row=header, column=1).value
    assert [ws.cell(row=a, column=1).value for a, _ in pieces[1:]] == [label] * len(inside)
    _page_check(ws)
    # without the kept document the tables alone give back exactly the same tasks
    del book[EMBEDDED_SHEET]
    book.save(path)
    back = import_workbook(path)
    assert back.problems == []
    assert back.document.dept_table is not None
    assert back.document.dept_table.key_tasks == table.key_tasks
    assert back.document.dept_table.other_tasks == table.other_tasks


def test_a_long_landscape_sheet_is_paginated_on_the_turned_page(tmp_path: Path) -> None:
    from perfdesk.export.xlsx import LANDSCAPE_PRINT_HEIGHT_PT
    from perfdesk.models.document import Layout, Orientation

    doc = generated_document(1, 60)
    doc.unit.layout = Layout.SPLIT
    doc.unit.printing.orientation = Orientation.LANDSCAPE
    path = tmp_path / "long.xlsx"
    export_document(doc, path)
    ws = openpyxl.load_workbook(path)[sample_sheet(doc)]
    assert ws.page_setup.orientation == "landscape"
    header, _ = _find(ws, "三级指标")
    _page_check(ws, LANDSCAPE_PRINT_HEIGHT_PT)
    heights = {r: ws.row_dimensions[r].height or 15.0 for r in range(1, ws.max_row + 1)}
    bounds = [0, *_breaks(ws), ws.max_row]
    assert len(bounds) > 3  # more pages than on a portrait sheet's height would need
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        page = sum(heights[r] for r in range(a + 1, b + 1)) + (heights[header] if k else 0)
        assert page <= LANDSCAPE_PRINT_HEIGHT_PT + 1  # each page's rows fit on the landscape page


def _text_lines(text: str, mm: float, size: float) -> int:
    """Lines a wrapped cell needs: about two half-width units per CJK character."""
    per_line = max(2, int((mm * 96 / 25.4 - 6) / (size * 96 / 72 / 2)))
    return sum(max(1, -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in part) // per_line)) for part in text.split("\n"))


@pytest.mark.parametrize("name", SAMPLES)
def test_no_page_of_a_text_sheet_ends_with_a_heading(workbooks: dict[str, Path], name: str) -> None:
    # lunan-2025's 部门整体 text ended page 3 with 二、分项绩效目标, its text on the next page
    wb = openpyxl.load_workbook(workbooks[name])
    for ws in wb.worksheets[1:]:
        for b in _breaks(ws):
            last = ws.cell(row=b, column=1)
            if last.border.left.style:  # a table row: checked by _page_check
                continue
            text = str(last.value or "")
            assert not last.font.b, f"{ws.title}: the page ends with the heading {text!r}"
            assert not heading_like(text), f"{ws.title}: the page ends with the label line {text!r}"
            assert (
                ws.cell(row=b, column=ws.max_column).value is None
                or last.value is None
                or (not str(ws.cell(row=b, column=ws.max_column).value).startswith("单位"))
            ), f"{ws.title}: the unit line ends a page"


@pytest.mark.parametrize("name", SAMPLES)
def test_text_rows_start_at_the_top_and_contents_rows_fit_their_lines(workbooks: dict[str, Path], name: str) -> None:
    wb = openpyxl.load_workbook(workbooks[name])
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows(min_col=1, max_col=1):
            cell = row[0]
            if isinstance(cell.value, str) and not cell.border.left.style:
                # a paragraph row estimated taller than drawn leaves its room below, not above
                assert cell.alignment.vertical == "top", (ws.title, cell.coordinate)
    contents = wb["目录"]
    mm = {c: (contents.column_dimensions[c].width * 7 + 5) * 25.4 / 96 for c in "ABC"}
    for r in range(1, contents.max_row + 1):
        size = 16 if r == 1 else 11
        cells = ("A",) if r == 1 else ("A", "B", "C")
        width = {"A": sum(mm.values())} if r == 1 else mm
        need = max(_text_lines(str(contents[f"{c}{r}"].value or ""), width[c], size) for c in cells)
        height = contents.row_dimensions[r].height or 15.0
        assert height >= need * size * 1.2, (contents[f"B{r}"].value, need, height)  # no line over the next


def test_a_level_block_taller_than_a_page_shows_its_label_on_each_page(tmp_path: Path) -> None:
    # dongguan-2024's 产出指标 block ran over a page with a blank 一级 column below the break
    doc = generated_document(1, 60)
    for row in doc.projects[0].indicators:
        row.level1, row.level2 = "产出指标", "数量指标"
    path = tmp_path / "tall.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    ws = book[sample_sheet(doc)]
    header, _ = _find(ws, "三级指标")
    inside = [b for b in _breaks(ws) if b > header]
    assert len(inside) >= 2
    for b in inside:
        assert not [r for r in ws.merged_cells.ranges if r.min_row <= b < r.max_row], b  # cut at the page end
        assert (ws.cell(row=b + 1, column=1).value, ws.cell(row=b + 1, column=2).value) == ("产出指标", "数量指标")
    del book[EMBEDDED_SHEET]  # the tables alone read back the same rows, once each
    book.save(path)
    back = import_workbook(path).document
    assert back.projects[0].indicators == doc.projects[0].indicators


@pytest.mark.parametrize("name", SAMPLES)
def test_the_pages_of_a_text_sheet_are_filled(workbooks: dict[str, Path], name: str) -> None:
    # lunan-2025's text sheet ended its first page half empty: a 400 pt row of the next paragraph
    # did not fit below (a row never splits), so long paragraphs are cut into rows of under 40 % of a page
    for ws in openpyxl.load_workbook(workbooks[name]).worksheets[1:]:
        if ws.max_column > 1:
            continue  # a table sheet
        heights = {r: ws.row_dimensions[r].height or 15.0 for r in range(1, ws.max_row + 1)}
        assert max(heights.values()) <= PRINT_HEIGHT_PT * 0.4
        bounds = [0, *_breaks(ws), ws.max_row]
        for a, b in list(itertools.pairwise(bounds))[:-1]:
            assert sum(heights[r] for r in range(a + 1, b + 1)) >= PRINT_HEIGHT_PT * 2 / 3, (ws.title, a, b)
