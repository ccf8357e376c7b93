"""The layout families beyond Hebei/Guangdong: corpus tables entered as JSON print in their family.

Each fixture under tests/data/families is one real table of ../shared/realtables entered by hand.
The PDF text and the workbook cells are checked against the fixture; the structured fields
survive save → reopen → JSON → load → xlsx export → import.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader
from roundtrip import round_trip

from perfdesk.export.compose import build_layout
from perfdesk.export.families import FAMILIES, column_text, family, print_amount, shown_columns, toggle_column
from perfdesk.export.forms_families import group_spans
from perfdesk.export.forms_tables import eval_split_columns
from perfdesk.export.service import export_document
from perfdesk.models import document as m
from perfdesk.models.jsonio import document_from_json
from perfdesk.models.values import one_cell_value
from perfdesk.samples import sample

DATA = Path(__file__).parent / "data" / "families"
FIXTURES = sorted(p.stem for p in DATA.glob("*.json"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _load(name: str) -> m.Document:
    return document_from_json((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _pdf_text(path: Path) -> str:
    return _squash("".join(page.extract_text() for page in PdfReader(path).pages))


def _printed_across_pages(text: str, path: Path) -> bool:
    """True if ``text`` is printed whole on one page or split once between two pages
    (a row taller than a good part of the page goes on over the break)."""
    pages = [_squash(page.extract_text()) for page in PdfReader(path).pages]
    return any(text[:k] in a and text[k:] in b for a, b in itertools.pairwise(pages) for k in range(1, len(text)))


def _sheet_texts(path: Path) -> dict[str, list[str]]:
    book = load_workbook(path)
    return {
        ws.title: [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        for ws in book.worksheets
        if ws.sheet_state == "visible"
    }


def test_every_family_has_a_fixture() -> None:
    kinds = {name.split("-")[0] for name in FIXTURES}
    assert kinds == {"shenbao", "split", "two_block", "hunan_dept"}


@pytest.mark.parametrize("name", FIXTURES)
def test_the_pdf_and_the_workbook_hold_every_field_of_the_fixture(tmp_path: Path, name: str) -> None:
    doc = _load(name)
    pdf, xlsx = tmp_path / "t.pdf", tmp_path / "t.xlsx"
    export_document(doc, pdf)
    export_document(doc, xlsx)
    text = _pdf_text(pdf)
    cells = _sheet_texts(xlsx)
    table_sheet = next(s for s in cells if s not in ("目录",))
    in_sheet = "".join(_squash(c) for c in cells[table_sheet])
    expected = _expected_texts(doc)
    for wanted in expected:
        assert _squash(wanted) in text, wanted
        assert _squash(wanted) in in_sheet, wanted
    # a table never shows an amount without its unit line
    assert "单位：" in text


def _expected_texts(doc: m.Document) -> list[str]:
    out: list[str] = []
    if doc.dept_table is not None:
        d = doc.dept_table
        out += [d.dept_name, d.dept_code, d.contact, d.phone, d.duties, "指标解释"]
        for ind in d.indicators:
            out += [ind.level3, ind.operator, ind.number, ind.unit, ind.explanation]
        return [t for t in out if t]
    fam = family(doc.unit.layout)
    shown = shown_columns(fam, doc.unit.indicator_columns)
    for p in doc.projects:
        out += [p.name, p.attribute, p.manager, p.phone, p.overview, p.long_term_goal, *p.goals]
        out += [p.legal_basis, p.feasibility, p.necessity]
        out += [t for s in p.schedule for t in (s.content, s.start, s.end)]
        out += [f.label for f in p.fund_lines]
        for ind in p.indicators + p.long_term_indicators:
            out += [ind.level3, ind.note]
            if "number" in shown:
                out += [ind.number, ind.unit]
            else:
                out.append(ind.value)
    return [t for t in out if t]


def test_amounts_print_in_the_family_unit_exactly(tmp_path: Path) -> None:
    doc = _load("shenbao-10-mengcheng")  # stored in 万元, the 申报表 prints 元
    pdf, xlsx = tmp_path / "t.pdf", tmp_path / "t.xlsx"
    export_document(doc, pdf)
    export_document(doc, xlsx)
    assert "22,790,480.00" in _pdf_text(pdf)
    assert "项目资金（元）" in _pdf_text(pdf)
    book = load_workbook(xlsx)
    numbers = [
        c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)
    ]
    assert 22790480 in numbers
    # a project kept in 元 printed in a 万元 family keeps every digit
    assert print_amount(Decimal("1234.5"), "元", "万元") == Decimal("0.12345")
    assert print_amount(Decimal("692000"), "元", "万元") == Decimal("69.20")


def test_two_block_prints_both_blocks_and_empty_review_boxes(tmp_path: Path) -> None:
    doc = _load("two_block-17-ningxiang")
    pdf = tmp_path / "t.pdf"
    export_document(doc, pdf)
    text = _pdf_text(pdf)
    for wanted in (
        "长期绩效指标",
        "年度绩效指标",
        "指标内容",
        "备注",
        "主管部门审核意见",
        "财政部门审核意见",
        "审核人：",
    ):
        assert wanted in text, wanted
    assert text.count("可持续影响指标") == 2


def test_split_columns_print_operator_number_and_unit_apart() -> None:
    doc = _load("split-20-rongchang")
    layout = build_layout(doc)
    table = next(t for _, t in layout.tables())
    header = next(r for r in table.rows if r.header)
    titles = [c.text for c in header.cells if c is not None]
    assert titles == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    rows = [[c.text for c in r.cells if c is not None] for r in table.rows]
    assert ["树木成活率", "≥", "85", "%"] in [r[-4:] for r in rows]


def test_one_cell_and_split_typing_give_the_same_print() -> None:
    typed_once = m.Document(unit=m.UnitInfo(layout=m.Layout.SPLIT))
    typed_once.projects.append(
        m.Project(name="甲", indicators=[m.Indicator("产出指标", "质量指标", "合格率", value="≥90.00(%)")])
    )
    typed_split = m.Document(unit=m.UnitInfo(layout=m.Layout.SPLIT))
    typed_split.projects.append(
        m.Project(
            name="甲",
            indicators=[m.Indicator("产出指标", "质量指标", "合格率", operator="≥", number="90.00", unit="%")],
        )
    )

    def cells(doc: m.Document) -> list[str]:
        table = next(t for _, t in build_layout(doc).tables())
        return [c.text for _, _, c in table.origins()]

    assert cells(typed_once) == cells(typed_split)
    assert "90.00" in cells(typed_once)


@pytest.mark.parametrize("name", FIXTURES)
def test_structured_fields_survive_save_reopen_json_load_xlsx_import(tmp_path: Path, name: str) -> None:
    imported = round_trip(_load(name), tmp_path)
    assert not imported.problems


def test_switching_family_keeps_every_field_and_the_seeds_print_as_before() -> None:
    doc = sample("changli-2021").load()
    before = build_layout(doc)
    for layout in m.Layout:
        doc.unit.layout = layout
        assert next(t for _, t in build_layout(doc).tables()).rows
    doc.unit.layout = m.Layout.HEBEI
    again = build_layout(doc)
    assert [[c.text for _, _, c in t.origins()] for _, t in again.tables()] == [
        [c.text for _, _, c in t.origins()] for _, t in before.tables()
    ]
    assert not again.warnings


def test_a_hebei_table_names_what_it_cannot_print() -> None:
    doc = sample("changli-2021").load()
    doc.projects[0].manager = "张三"
    doc.projects[0].indicators[0].weight = Decimal(10)
    warnings = [str(w) for w in build_layout(doc).warnings]
    assert any("项目负责人" in w and "权重" in w for w in warnings)


def test_columns_shown_and_hidden_per_document() -> None:
    fam = FAMILIES[m.Layout.SPLIT]
    chosen: list[str] = []
    chosen = toggle_column(fam, chosen, "weight", show=False)
    chosen = toggle_column(fam, chosen, "explanation", show=True)
    assert chosen == ["-weight", "explanation"]
    assert shown_columns(fam, chosen) == ["operator", "number", "unit", "direction", "explanation"]
    assert toggle_column(fam, chosen, "weight", show=True) == ["explanation"]


@given(st.lists(st.floats(min_value=1, max_value=80), min_size=1, max_size=12), st.data())
def test_group_spans_cover_the_grid_and_give_every_cell_a_column(widths: list[float], data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=1, max_value=len(widths)))
    wanted = data.draw(st.lists(st.floats(min_value=1, max_value=150), min_size=k, max_size=k))
    spans = group_spans(widths, wanted)
    assert sum(spans) == len(widths) and all(s >= 1 for s in spans) and len(spans) == k


REALTABLES = Path(__file__).parent / "data" / "realtables"
CORPUS = sorted(p.name for p in REALTABLES.glob("[0-9]*.json"))


@pytest.mark.parametrize("name", CORPUS)
def test_every_corpus_fixture_prints_each_indicator_in_its_family(tmp_path: Path, name: str) -> None:
    doc = document_from_json((REALTABLES / name).read_text(encoding="utf-8"))
    pdf = tmp_path / "t.pdf"
    export_document(doc, pdf)
    text = _pdf_text(pdf)
    shown = shown_columns(family(doc.unit.layout), doc.unit.indicator_columns)
    wanted: list[str] = []
    for p in doc.projects:
        for ind in p.indicators + p.long_term_indicators:
            value = column_text(ind, "number", shown) if "number" in shown else ind.value
            wanted += [ind.level3, value, ind.explanation, ind.note]
        split = eval_split_columns(doc)  # a 自评表 of the split family prints its 年度指标值 in sub-columns
        for row in p.evaluation.rows if p.evaluation else []:
            target = [column_text(row, c, split, "target") for c in split] or [one_cell_value(row, "target")]
            wanted += [row.level3, *target, row.actual]
    for d in doc.dept_table.indicators if doc.dept_table else []:
        wanted += [d.level3, d.annual_value, d.period_value, d.explanation]
    for t in wanted:
        assert _squash(t) in text or _printed_across_pages(_squash(t), pdf), t


@pytest.mark.parametrize("name", CORPUS)
def test_every_corpus_fixture_survives_the_round_trip(tmp_path: Path, name: str) -> None:
    round_trip(document_from_json((REALTABLES / name).read_text(encoding="utf-8")), tmp_path)


def test_the_self_evaluation_prints_its_fund_breakdown_remark_and_date() -> None:
    doc = document_from_json((REALTABLES / "05-anhui-tianchang-shuili.json").read_text(encoding="utf-8"))
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.fund_lines = [
        m.EvalFundLine("其中：本年财政拨款", Decimal(880), Decimal(880), Decimal("879.5"), Decimal("99.94"))
    ]
    ev.remark, ev.filled_date = "无", "2023年4月15日"
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    for wanted in ("其中：本年财政拨款", "879.50", "99.94%", "说明", "无", "2023年4月15日"):
        assert wanted in cells, wanted


def test_a_value_typed_in_split_columns_is_checked_as_its_one_cell_form() -> None:
    from perfdesk.models.checks import check_document

    doc = _load("split-20-rongchang")
    findings = [f for f in check_document(doc) if f.place.field == "value" and f.place.row in (0, 1, 2)]
    assert not [f for f in findings if "未填写" in f.message]


def test_the_hunan_dept_table_needs_no_period_value() -> None:
    from perfdesk.models.checks import check_document

    doc = _load("hunan_dept-13-fuliang")
    codes = [f.code for f in check_document(doc)]
    assert "row-missing" not in codes and "dept-goals" not in codes and "dept-blank" not in codes


def test_headings_titles_and_signatures_as_the_original_tables_printed_them() -> None:
    doc = _load("two_block-17-ningxiang")
    doc.projects[0].heading = "附件2-1"
    doc.projects[0].measures_text = "专款专用，严格执行财务制度"
    texts = [b.text for p in build_layout(doc).parts for b in p.blocks if hasattr(b, "text")]
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    assert "附件2-1" in texts and "保障措施" in cells and "专款专用，严格执行财务制度" in cells
    dept = _load("hunan_dept-13-fuliang")
    assert dept.dept_table is not None
    dept.dept_table.title, dept.dept_table.filled_by = "浮梁县林业局部门整体绩效目标", "王媛"
    layout = build_layout(dept)
    assert "浮梁县林业局部门整体绩效目标" in [b.text for p in layout.parts for b in p.blocks if hasattr(b, "text")]
    assert "填报人" in [c.text for _, t in layout.tables() for _, _, c in t.origins()]
    evaluated = document_from_json((REALTABLES / "27-yunnan-changning-shengzhu.json").read_text(encoding="utf-8"))
    ev = evaluated.projects[0].evaluation
    assert ev is not None
    ev.title, ev.process = "2022年度项目支出绩效自评表", "按计划完成猪舍建设"
    layout = build_layout(evaluated)
    assert any(p.title.endswith("2022年度项目支出绩效自评表") for p in layout.parts)
    assert "按计划完成猪舍建设" in [c.text for _, t in layout.tables() for _, _, c in t.origins()]


def test_a_hebei_project_kept_in_yuan_prints_in_wan() -> None:
    doc = sample("changli-2021").load()
    project = doc.projects[0]
    before = [c.text for c in next(t for _, t in build_layout(doc).tables()).rows[1].cells if c is not None]
    project.money_unit = "元"
    for name in ("budget_total", "budget_fiscal", "budget_other"):
        value = getattr(project, name)
        setattr(project, name, None if value is None else value * 10000)
    after = [c.text for c in next(t for _, t in build_layout(doc).tables()).rows[1].cells if c is not None]
    assert after == before


def test_dept_fields_a_layout_cannot_print_are_named_and_the_evaluation_texts_print() -> None:
    doc = _load("hunan_dept-13-fuliang")
    assert doc.dept_table is not None
    doc.dept_table.local_use = Decimal(5)
    assert any("市本级使用资金" in str(w) for w in build_layout(doc).warnings)
    doc.dept_table.layout = m.DeptLayout.GUANGDONG
    warnings = " ".join(str(w) for w in build_layout(doc).warnings)
    assert "部门职责" in warnings and "指标解释" in warnings
    evaluated = document_from_json((REALTABLES / "05-anhui-tianchang-shuili.json").read_text(encoding="utf-8"))
    ev = evaluated.projects[0].evaluation
    assert ev is not None
    ev.conclusion, ev.contact = "较好地完成了年度目标", "张三"
    cells = [c.text for _, t in build_layout(evaluated).tables() for _, _, c in t.origins()]
    assert "较好地完成了年度目标" in cells and "张三" in cells


def test_a_department_self_evaluation_prints_its_results() -> None:
    doc = _load("hunan_dept-13-fuliang")
    dept = doc.dept_table
    assert dept is not None
    dept.indicators[0].actual, dept.indicators[0].stated_score = "116", Decimal(10)
    dept.budget_total, dept.executed, dept.stated_execution_rate = (
        Decimal("1268.72"),
        Decimal("1005.7"),
        Decimal("79.27"),
    )
    dept.fund_lines = [m.EvalFundLine("基本支出", Decimal(900), Decimal(950), Decimal("949.5"))]
    dept.stated_total, dept.deviation_reason = Decimal("97.93"), "项目支出执行偏慢"
    layout = build_layout(doc)
    texts = [b.text for p in layout.parts for b in p.blocks if hasattr(b, "text")]
    cells = [c.text for _, t in layout.tables() for _, _, c in t.origins()]
    assert "部门整体支出绩效自评表" in texts
    for wanted in ("实际完成值", "116", "10", "1,005.70", "79.27%", "基本支出", "949.50", "97.93", "项目支出执行偏慢"):
        assert wanted in cells, wanted
    dept.layout = m.DeptLayout.GUANGDONG
    assert any("实际完成值" in str(w) and "自评总分" in str(w) for w in build_layout(doc).warnings)


def test_a_dept_self_evaluation_part_is_named_by_its_printed_title() -> None:
    """The running head of its continued pages and the contents say 自评表, not 目标表."""
    doc = document_from_json((REALTABLES / "08-anhui-tanghu-dept-ziping.json").read_text(encoding="utf-8"))
    assert not doc.dept_table.title.strip()
    [part] = [p for p in build_layout(doc).parts if p.key == "dept"]
    assert part.title == "部门整体支出绩效自评表"
