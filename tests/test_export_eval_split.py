"""A 自评表 of the split family prints its 年度指标值 in the family's sub-columns (issue 11, brief 11d).

Corpus tables 04 (内蒙古) and 28 (云南) print 指标性质 | 指标值 | 度量单位 under one 年度指标值 heading; the
document's own column titles (04: 指标方向 over the operators, 指标性质 over 正向) head them, in PDF, xlsx
and docx alike, and the printed workbook alone imports back to the same structured rows. Other families
keep the one 年度指标值 column.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from perfdesk.export.compose import build_layout
from perfdesk.export.forms_tables import eval_split_columns
from perfdesk.export.layout import Table
from perfdesk.export.service import export_document
from perfdesk.importer.embedded import SHEET
from perfdesk.importer.reader import import_workbook
from perfdesk.models.document import Document, EvalRow
from perfdesk.models.jsonio import document_from_json

REALTABLES = Path(__file__).parent / "data" / "realtables"
# the sub-column titles each table prints under 年度指标值, and the column beside them
TITLES = {
    "04": (["指标方向", "指标值", "度量单位"], "指标性质"),  # 04's own titles: its columns hold the swapped fields
    "28": (["指标性质", "指标值", "度量单位"], "指标方向"),
}


def _load(prefix: str) -> Document:
    path = next(REALTABLES.glob(f"{prefix}-*.json"))
    return document_from_json(path.read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rows(doc: Document) -> list[EvalRow]:
    return [r for p in doc.projects if p.evaluation is not None for r in p.evaluation.rows]


def _printed(row: EvalRow) -> list[str]:
    """What 04 and 28 print per row in the sub-columns: operator, number, unit, direction as typed."""
    return [row.operator, row.number, row.unit, row.direction]


def _eval_table(doc: Document) -> Table:
    part = next(p for p in build_layout(doc).parts if p.key.startswith("eval:"))
    return next(b for b in part.blocks if isinstance(b, Table))


@pytest.mark.parametrize("prefix", ["04", "28"])
def test_the_split_titles_and_values_print_in_pdf_and_xlsx(prefix: str, tmp_path: Path) -> None:
    doc = _load(prefix)
    assert eval_split_columns(doc) == ["operator", "number", "unit", "direction"]
    parts, beside = TITLES[prefix]
    rows = [r for r in _rows(doc) if r.number]
    assert len(rows) >= 4
    # PDF: the two-row header, and each row's parts in order between its 三级指标 and 实际完成值
    pdf = tmp_path / "e.pdf"
    export_document(doc, pdf)
    text = _squash("".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "年度指标值" in text and beside in text
    assert "".join(parts) in text
    for row in rows:
        assert _squash(row.level3 + "".join(_printed(row)) + row.actual) in text, row.level3
    # xlsx: the group heading over its three sub-columns, the sub-titles below it, one cell per part
    xlsx = tmp_path / "e.xlsx"
    export_document(doc, xlsx)
    book = openpyxl.load_workbook(xlsx)
    sheet = next(s for s in book.worksheets if s.title.startswith("自评"))
    cells = {(c.row, c.column): str(c.value) for line in sheet.iter_rows() for c in line if c.value is not None}
    (hr, hc), _ = next(((rc, v) for rc, v in cells.items() if v == "年度指标值"), ((0, 0), ""))
    assert hr, "no 年度指标值 heading"
    group = next(m for m in sheet.merged_cells.ranges if m.min_row == hr and m.min_col == hc)
    assert (group.max_col - group.min_col + 1, group.max_row) == (3, hr)
    assert [cells.get((hr + 1, hc + i)) for i in range(3)] == parts
    assert cells.get((hr, hc + 3)) == beside
    by_level3 = {v: r for (r, c), v in cells.items() if c < hc}
    for row in rows:
        r = by_level3[row.level3]
        got = [cells.get((r, hc + i), "") for i in range(4)]
        assert got == _printed(row), row.level3
        assert cells.get((r, hc + 4)) == row.actual
    # docx: drawn from the same description
    docx = tmp_path / "e.docx"
    export_document(doc, docx)
    words = _squash("".join(c.text for t in WordDocument(str(docx)).tables for r in t.rows for c in r.cells))
    assert "".join(parts) in words
    for row in rows:
        assert _squash(row.number + row.unit) in words


@pytest.mark.parametrize("prefix", ["04", "28"])
def test_the_printed_split_workbook_imports_back_to_the_same_rows(prefix: str, tmp_path: Path) -> None:
    doc = _load(prefix)
    path = tmp_path / "e.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]  # the printed tables alone
    book.save(path)
    got = import_workbook(path).document
    assert got.unit.layout == doc.unit.layout
    want = [(r.level3, *_printed(r), r.actual, r.points, r.stated_score) for r in _rows(doc)]
    assert [(r.level3, *_printed(r), r.actual, r.points, r.stated_score) for r in _rows(got)] == want
    own = doc.unit.column_titles
    assert (got.unit.column_titles.operator, got.unit.column_titles.direction) == (own.operator, own.direction)


def test_the_other_families_and_a_hidden_value_column_keep_one_target_column() -> None:
    for prefix in ("05", "27"):  # 申报表 family
        doc = _load(prefix)
        assert eval_split_columns(doc) == []
        header = next(r for r in _eval_table(doc).rows if r.cells[0] is not None and r.cells[0].text == "一级指标")
        assert "年度指标值" in [c.text for c in header.cells if c is not None]
    doc = _load("28")
    doc.unit.indicator_columns = ["-number", "-operator", "-unit", "-weight", "-direction"]
    assert eval_split_columns(doc) == []
    table = _eval_table(doc)
    assert len(table.widths) == 8
    row = next(r for r in table.rows if r.cells[2] is not None and r.cells[2].text == "項(xiàng)目驗(yàn)收合格率")
    target = row.cells[3]
    assert target is not None and target.text == "=100%"  # the one cell composed from the parts, as before


def test_the_pdf_repeats_the_whole_two_row_header_on_a_continued_page(tmp_path: Path) -> None:
    doc = _load("04")
    pdf = tmp_path / "e.pdf"
    export_document(doc, pdf)
    pages = [_squash(p.extract_text()) for p in PdfReader(pdf).pages]
    with_grid = [p for p in pages if "偏差原因分析" in p]
    assert len(with_grid) >= 2  # 04's grid goes on over a page
    for page in with_grid:
        assert "年度指标值" in page and "指标方向" in page and "度量单位" in page
