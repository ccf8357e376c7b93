"""Text printed around a table (issue 11, brief 11c): 表前说明 above the title, the 部门整体 table's 附件 heading,
a sub-heading above the indicator grid, 表注 under the table, a funds breakdown typed as one text, and the
document's own indicator column titles.  Each is entered in a corpus fixture and read back from the real PDF,
xlsx and docx files; the 审核 place names and the editor's grid read the column titles too.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader
from roundtrip import round_trip

from perfdesk.export.compose import build_layout
from perfdesk.export.forms_families import unprinted_warnings
from perfdesk.export.layout import Paragraph
from perfdesk.export.service import export_document
from perfdesk.importer.reader import import_workbook
from perfdesk.models import document as m
from perfdesk.models.checks import field_label
from perfdesk.models.findings import Form, Place
from perfdesk.models.jsonio import document_from_json

REALTABLES = Path(__file__).parent / "data" / "realtables"


def _fixture(nn: str) -> m.Document:
    path = next(REALTABLES.glob(f"{nn}-*.json"))
    return document_from_json(path.read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed(doc: m.Document, tmp_path: Path) -> dict[str, str]:
    """The text of the PDF, of the visible sheets of the xlsx and of the docx, whitespace removed."""
    pdf, xlsx, word = tmp_path / "t.pdf", tmp_path / "t.xlsx", tmp_path / "t.docx"
    for path in (pdf, xlsx, word):
        export_document(doc, path)
    book = load_workbook(xlsx)
    cells = [
        str(c.value) for ws in book.worksheets if ws.sheet_state == "visible" for row in ws.iter_rows() for c in row
    ]
    d = docx.Document(str(word))
    texts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]
    return {
        "pdf": _squash("".join(page.extract_text() for page in PdfReader(pdf).pages)),
        "xlsx": _squash("".join(cells)),
        "docx": _squash("".join(texts)),
    }


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# (fixture, what it holds around the table, the texts it must print)
CASES = {
    "05": lambda d: _lines(d.projects[0].evaluation.table_note),
    "18": lambda d: _lines(d.projects[0].evaluation.table_note),
    "08": lambda d: _lines(d.dept_table.table_note),
    "25": lambda d: _lines(d.dept_table.table_note),
    "10": lambda d: _lines(d.projects[0].preface),
    "20": lambda d: _lines(d.projects[0].preface),
    "11": lambda d: [d.dept_table.heading],
    "14": lambda d: [d.projects[0].grid_heading],
    "04": lambda d: [],  # the 自评表 prints no split columns; its titles are checked in the editor and 审核 below
}


@pytest.mark.parametrize("nn", sorted(CASES))
def test_the_fixture_holds_its_text_around_the_table(nn: str) -> None:
    doc = _fixture(nn)
    texts = CASES[nn](doc)
    assert all(t.strip() for t in texts)
    assert texts or doc.unit.column_titles != m.ColumnTitles()


@pytest.mark.parametrize("nn", ["05", "08", "10", "11", "14", "20"])
def test_the_text_around_the_table_prints_in_pdf_xlsx_and_docx(nn: str, tmp_path: Path) -> None:
    doc = _fixture(nn)
    printed = _printed(doc, tmp_path)
    for line in CASES[nn](doc):
        for kind, text in printed.items():
            assert _squash(line) in text, (kind, line)


def _order(doc: m.Document) -> list[str]:
    return [b.text for part in build_layout(doc).parts for b in part.blocks if isinstance(b, Paragraph)]


def test_the_preface_prints_above_the_heading_and_title_and_the_note_under_the_table() -> None:
    doc = _fixture("20")
    p = doc.projects[0]
    p.table_note = "注：其他资金含社会资金\n\n2、单位：万元"
    blocks = [b for part in build_layout(doc).parts for b in part.blocks]
    texts = [getattr(b, "text", None) for b in blocks]
    first = texts.index(_lines(p.preface)[0])
    assert texts.index(p.heading) > first
    title = next(i for i, t in enumerate(texts) if t and "项目绩效目标表" in t)
    assert title > texts.index(p.heading)
    table = max(i for i, b in enumerate(blocks) if type(b).__name__ == "Table")
    assert texts[table + 1 :] == ["注：其他资金含社会资金", "2、单位：万元"]  # blank line dropped, order kept


def test_the_dept_heading_preface_and_note_print_in_both_dept_layouts() -> None:
    for layout in m.DeptLayout:
        doc = _fixture("11")
        assert doc.dept_table is not None
        doc.dept_table.layout = layout
        doc.dept_table.preface, doc.dept_table.table_note = "一、部门职责", "注：金额单位为万元"
        texts = _order(doc)
        assert texts.index("一、部门职责") < texts.index(doc.dept_table.heading) < texts.index("注：金额单位为万元"), (
            layout
        )


def test_the_grid_heading_prints_above_the_indicator_header_in_every_family() -> None:
    doc = _fixture("14")
    for layout in (m.Layout.SHENBAO, m.Layout.SPLIT, m.Layout.TWO_BLOCK):
        doc.unit.layout = layout
        table = next(t for _, t in build_layout(doc).tables())
        rows = [[c.text for c in row.cells if c is not None] for row in table.rows]
        at = next(i for i, r in enumerate(rows) if r == ["绩效项目指标表"])
        assert any("一级指标" in r for r in rows[at + 1 :]), layout


def test_a_hebei_table_names_the_grid_heading_and_funds_text_it_cannot_print() -> None:
    doc = _fixture("14")
    doc.unit.layout = m.Layout.HEBEI
    doc.projects[0].funds_text = "总额100万元"
    (warning,) = unprinted_warnings(doc)
    assert "指标表标题" in warning.message and "资金构成说明" in warning.message


def test_the_funds_text_prints_in_place_of_the_block_only_without_fund_lines(tmp_path: Path) -> None:
    doc = _fixture("17")
    p = doc.projects[0]
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    assert p.funds_text not in cells and "其中:上级财政资金" in cells  # the typed lines print
    assert any("资金构成说明" in w.message for w in unprinted_warnings(doc))
    p.fund_lines = []
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    assert p.funds_text in cells and "年度资金总额及构成（万元）" in cells and "资金来源" not in cells
    assert not unprinted_warnings(doc)
    printed = _printed(doc, tmp_path)
    assert all(_squash(p.funds_text) in text for text in printed.values())


def test_column_titles_print_in_the_grid_and_name_the_place_in_findings(tmp_path: Path) -> None:
    doc = _fixture("20")  # split: 计量单位, 指标性质 (its operators), 指标值
    doc.unit.column_titles.operator = "计算符号（原表）"
    doc.unit.column_titles.unit = "单位（原表）"
    printed = _printed(doc, tmp_path)
    for kind, text in printed.items():
        assert "计算符号（原表）" in text and "单位（原表）" in text, kind
        assert "度量单位" not in text, kind
    place = Place(Form.PROJECT, 0, 0, "operator")
    assert field_label(place, doc) == "计算符号（原表）"
    doc.unit.column_titles.operator = "  "
    assert field_label(place, doc) == "指标性质"  # blank: the family's own title


def test_fixture_04_keeps_its_printed_headings_on_the_right_fields() -> None:
    doc = _fixture("04")
    own = doc.unit.column_titles
    assert (own.direction, own.operator) == ("指标性质", "指标方向")
    row = doc.projects[0].evaluation.rows[0]
    assert (row.direction, row.operator) == ("正向", "大于等于")  # the content decides the field
    assert field_label(Place(Form.EVALUATION, 0, 0, "direction"), doc) == "指标性质"


@pytest.mark.parametrize("nn", ["04", "10", "11", "14", "17", "25"])
def test_the_new_fields_survive_save_reopen_json_xlsx_import(nn: str, tmp_path: Path) -> None:
    round_trip(_fixture(nn), tmp_path)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(preface=st.lists(_TEXT, max_size=4), note=st.lists(_TEXT, max_size=4))
def test_any_typed_lines_print_as_typed_in_order(preface: list[str], note: list[str]) -> None:
    doc = _fixture("14")
    p = doc.projects[0]
    p.preface, p.table_note = "\n".join(preface), "\n".join(note)
    texts = _order(doc)
    want_before = [line.rstrip() for line in preface if line.strip()]
    want_after = [line.rstrip() for line in note if line.strip()]
    title = next(i for i, t in enumerate(texts) if p.table_title in t)
    before = texts[:title]
    if p.heading.strip():
        assert before.pop() == p.heading
    assert before[len(before) - len(want_before) :] == want_before
    assert texts[len(texts) - len(want_after) :] == want_after


def _tables_alone(doc: m.Document, path: Path) -> m.Document:
    """perfdesk's own export with the kept document removed, imported: only the printed tables are read."""
    import openpyxl

    from perfdesk.importer.embedded import SHEET

    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    return import_workbook(path).document


@pytest.mark.parametrize(
    ("nn", "where"),
    [
        ("10", lambda d: d.projects[0].preface),
        ("20", lambda d: d.projects[0].preface),
        ("14", lambda d: d.projects[0].grid_heading),
        ("05", lambda d: d.projects[0].evaluation.table_note),
        ("18", lambda d: d.projects[0].evaluation.table_note),
        ("08", lambda d: d.dept_table.table_note),
        ("11", lambda d: d.dept_table.heading),
    ],
)
def test_the_printed_table_alone_gives_the_text_back(nn: str, where: object, tmp_path: Path) -> None:
    doc = _fixture(nn)
    got = _tables_alone(doc, tmp_path / "t.xlsx")
    assert where(got) == where(doc) != ""  # type: ignore[operator]


def test_a_project_tables_note_and_preface_come_back_from_the_printed_table(tmp_path: Path) -> None:
    doc = _fixture("14")
    p = doc.projects[0]
    p.preface, p.table_note = "（一）项目清单\n二、绿化项目100万元", "注：1、其他资金包括社会资金\n2、单位：万元"
    (got,) = _tables_alone(doc, tmp_path / "t.xlsx").projects
    assert (got.preface, got.grid_heading, got.table_note) == (p.preface, p.grid_heading, p.table_note)


@pytest.mark.parametrize("nn", ["04", "20", "28"])
def test_printed_column_titles_come_back_from_the_header_row(nn: str, tmp_path: Path) -> None:
    """A corpus table typed with its own headings: a column whose cells hold another field keeps its printed
    title as the document's own (04); headings that name their content leave the family's titles (20, 28)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from corpus_build import build

    doc = _fixture(nn)
    path = tmp_path / "t.xlsx"
    build(next(REALTABLES.glob(f"{nn}-*.json")).name, path)
    result = import_workbook(path)
    assert result.document.unit.column_titles == doc.unit.column_titles
    said = [str(n) for n in result.notes if "列标题照原表保留" in str(n)]
    assert bool(said) == (doc.unit.column_titles != m.ColumnTitles())


_WORDS = st.text(
    alphabet="项目清单绿化美化工程一二三四五六七八九十、，。；（）0123456789万元道路养护", min_size=1, max_size=30
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(preface=st.lists(_WORDS, max_size=3), note=st.lists(_WORDS, max_size=3))
def test_any_preface_and_note_come_back_from_the_printed_table_alone(
    preface: list[str], note: list[str], tmp_path: Path
) -> None:
    doc = _fixture("20")
    p = doc.projects[0]
    p.preface = "\n".join(preface)
    p.table_note = "\n".join(["注：", *note]) if note else ""
    (got,) = _tables_alone(doc, tmp_path / "t.xlsx").projects
    assert (got.preface, got.table_note) == (p.preface, p.table_note)


def test_a_funds_breakdown_printed_as_one_text_comes_back_as_that_text(tmp_path: Path) -> None:
    doc = _fixture("17")
    p = doc.projects[0]
    p.fund_lines = []  # so the text prints in place of the lines
    (got,) = _tables_alone(doc, tmp_path / "t.xlsx").projects
    assert got.funds_text == p.funds_text and got.fund_lines == []
