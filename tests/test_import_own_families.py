"""perfdesk's own export of each layout family, without the kept document, imports with no problem.

The hidden sheet of a whole-document workbook gives the document back exactly; here it is removed
(as in ``test_import_roundtrip``), so every field has to be read from the printed table by its
label: 主管部门编码, 项目起止时间, 项目立项的依据 …, the 年度资金总额及构成 lines, 填报日期 and the
审核意见 boxes (an unfilled signature template is empty), the 部门整体 budget block.  Each family is
checked with its fixture as typed and with every field it prints filled.
"""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from perfdesk.export.forms_families import printed_title
from perfdesk.export.service import export_document
from perfdesk.importer.embedded import SHEET as EMBEDDED_SHEET
from perfdesk.importer.grid import number_of
from perfdesk.importer.reader import import_workbook
from perfdesk.models.document import (
    DeptIndicator,
    DeptTable,
    Document,
    EvalFundLine,
    FundLine,
    Indicator,
    KeyTask,
    Layout,
    Project,
    ScheduleItem,
)
from perfdesk.models.jsonio import document_from_json
from perfdesk.models.money import convert_money

FAMILIES = Path(__file__).parent / "data" / "families"
FIXTURES = sorted(p.name for p in FAMILIES.glob("*.json"))

PROJECT_TEXTS = (
    "measures_text", "name", "code", "attribute", "department_name", "department_code", "implementer", "nature", "category",
    "start_date", "end_date", "period", "manager", "phone", "overview", "legal_basis", "feasibility", "necessity",
    "filled_by", "filled_date", "unit_leader", "review_department", "review_finance", "long_term_goal", "goals",
    "schedule",
)  # fmt: skip
PROJECT_AMOUNTS = (
    "budget_total", "budget_fiscal", "budget_other", "budget_carryover", "period_total", "period_fiscal", "period_other",
)  # fmt: skip
DEPT_FIELDS = (
    "dept_name", "dept_code", "contact", "phone", "duties", "annual_goal", "budget_total", "basic_expense",
    "project_expense", "income_fiscal", "income_other", "filled_by", "filled_date", "key_tasks",
)  # fmt: skip
INDICATOR_FIELDS = ("level1", "level2", "level3", "value", "operator", "number", "unit", "note", "weight")


def tables_alone(doc: Document, path: Path) -> Path:
    """perfdesk's own export with the kept document removed: only the printed tables are left."""
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[EMBEDDED_SHEET]
    book.save(path)
    return path


def wan(amount: Decimal | None, unit: str) -> Decimal | None:
    return None if amount is None else convert_money(amount, unit, "万元")


def printed_project(p: Project) -> dict[str, Any]:
    """What a family's table prints of a project: texts, amounts (in 万元), fund lines, indicators."""
    fields: dict[str, Any] = {name: getattr(p, name) for name in PROJECT_TEXTS}
    fields.update({name: wan(getattr(p, name), p.money_unit) for name in PROJECT_AMOUNTS})
    fields["fund_lines"] = [
        (f.label, wan(f.period_amount, p.money_unit), wan(f.annual_amount, p.money_unit)) for f in p.fund_lines
    ]
    fields["indicators"] = rows(p.indicators)
    fields["long_term_indicators"] = rows(p.long_term_indicators)
    return fields


def printed_dept(d: DeptTable) -> dict[str, Any]:
    fields: dict[str, Any] = {name: getattr(d, name) for name in DEPT_FIELDS}
    fields["indicators"] = rows(d.indicators)
    return fields


def rows(indicators: list[Indicator] | list[DeptIndicator]) -> list[tuple[str, ...]]:
    """The indicator rows that print something (a blank template row prints nothing to read back)."""
    out = []
    for ind in indicators:
        texts = tuple(
            str(v) if (v := getattr(ind, f, None)) is not None else "" for f in (*INDICATOR_FIELDS, "annual_value")
        )
        if any(texts[2:]):
            out.append(texts)
    return out


def everything_filled(doc: Document) -> Document:
    """The fixture with every field its family prints filled (opinions typed above the signature template)."""
    doc = copy.deepcopy(doc)
    if doc.unit.layout is Layout.SPLIT:  # its 权重 column shown, weights with decimals (printed as 0.##)
        doc.unit.indicator_columns = [c for c in doc.unit.indicator_columns if c != "-weight"]
        for k, ind in enumerate(i for p in doc.projects for i in p.indicators if i.level3):
            ind.weight = Decimal("2.5") if k % 2 else Decimal(10)
    for p in doc.projects:
        p.code, p.department_code, p.nature, p.category = "4300012026001", "426003", "经常性项目", "专项业务费"
        p.start_date, p.end_date = "2026年1月", "2026年12月"
        p.period = p.period or "1年"
        p.manager, p.phone = p.manager or "张三", p.phone or "0731-8888888"
        p.overview = p.overview or "道路硬化及维护"
        p.legal_basis = p.legal_basis or "《某县道路养护管理办法》"
        p.feasibility, p.necessity = "资金已落实，方案已论证", "群众出行需要"
        p.filled_by, p.unit_leader, p.filled_date = "李四", "王五", "2026年3月1日"
        p.review_department, p.review_finance = "同意申报", ""
        p.measures_text = "成立领导小组，按月调度"
        p.period_total, p.period_fiscal, p.period_other = Decimal(300), Decimal(250), Decimal(50)
        p.budget_carryover = Decimal("1.5")
        p.schedule = p.schedule or [ScheduleItem("前期准备", "2026年1月", "2026年3月")]
        p.fund_lines = p.fund_lines or [FundLine("上级财政资金", None, Decimal("2"))]
        p.fund_lines += [FundLine("一般公共预算", Decimal(5), Decimal(1), level=1), FundLine("政府性基金", Decimal(7))]
        if not p.long_term_indicators:  # a second block, titled as the family titles it (总体/实施期绩效指标)
            p.long_term_indicators = [
                dataclasses.replace(i, level3=f"{i.level3}（三年）") for i in p.indicators if i.level3
            ]
    if doc.dept_table is not None:
        d = doc.dept_table
        d.budget_total, d.basic_expense, d.project_expense = Decimal("1200.5"), Decimal("800.25"), Decimal("400.25")
        d.income_fiscal, d.income_other = Decimal("1100"), Decimal("100.5")
        d.filled_by, d.filled_date = "李四", "2023年3月1日"
        d.key_tasks = [KeyTask("森林防火", "巡护林区", Decimal(20000), "无重大火灾"), KeyTask("湿地保护", "", None, "")]
    return doc


@pytest.mark.parametrize("filled", [False, True], ids=["as-typed", "every-field"])
@pytest.mark.parametrize("name", FIXTURES)
def test_own_family_export_without_the_kept_document_imports_with_no_problem(
    name: str, filled: bool, tmp_path: Path
) -> None:
    doc = document_from_json((FAMILIES / name).read_text(encoding="utf-8"))
    if filled:
        doc = everything_filled(doc)
    result = import_workbook(tables_alone(doc, tmp_path / "own.xlsx"))
    assert [str(m) for m in result.problems] == []
    got = result.document
    assert [printed_project(p) for p in got.projects] == [printed_project(p) for p in doc.projects]
    assert [printed_title(got, p) for p in got.projects] == [printed_title(doc, p) for p in doc.projects]
    if not filled:  # the family's own title is not kept as a title of the project's own: it follows the name
        assert [p.table_title for p in got.projects] == [""] * len(doc.projects)
    if doc.dept_table is not None:
        assert got.dept_table is not None
        assert printed_dept(got.dept_table) == printed_dept(doc.dept_table)


@pytest.mark.parametrize("name", [n for n in FIXTURES if not n.startswith("hunan")])
def test_a_typed_opinion_keeps_its_text_and_an_empty_box_reads_empty(name: str, tmp_path: Path) -> None:
    doc = document_from_json((FAMILIES / name).read_text(encoding="utf-8"))
    doc.projects[0].review_department = "同意。\n请按计划实施"
    result = import_workbook(tables_alone(doc, tmp_path / "own.xlsx"))
    project = result.document.projects[0]
    assert (project.review_department, project.review_finance) == ("同意。\n请按计划实施", "")
    assert not result.problems


def test_a_number_format_with_optional_decimals_reads_as_excel_shows_it() -> None:
    """``0.##`` (perfdesk's 权重 and 得分 cells) shows 95.5 and 3, not 96 and 3.00."""
    assert [number_of(v, "0.##")[0] for v in (95.5, 3, 2.256)] == [Decimal("95.5"), Decimal(3), Decimal("2.26")]
    assert str(number_of(3, "0.##")[0]) == "3" and str(number_of(1234.5, "#,##0.00")[0]) == "1234.50"


def test_the_dept_self_evaluation_rows_come_back(tmp_path: Path) -> None:
    """A 部门整体 table holding the year's results prints 实际完成值/得分 columns, 预算执行情况, the stated
    scores and the three texts: each comes back into its DeptTable field, with no problem."""
    name = next(n for n in FIXTURES if n.startswith("hunan"))
    doc = everything_filled(document_from_json((FAMILIES / name).read_text(encoding="utf-8")))
    d = doc.dept_table
    assert d is not None
    d.executed, d.stated_execution_rate = Decimal(1100), Decimal("91.6")
    d.stated_execution_points, d.stated_execution_score, d.stated_total = Decimal(10), Decimal("9.16"), Decimal("95.5")
    d.achievement, d.deviation_reason, d.improvements = "基本完成", "采购延迟", "加快进度"
    d.fund_lines = [EvalFundLine("财政拨款", Decimal(1000), Decimal(1100), Decimal(1000), Decimal("90.9"))]
    for k, ind in enumerate(d.indicators):
        ind.actual, ind.stated_score = f"完成{k}", Decimal("4.5") if k % 2 else Decimal(5)
    result = import_workbook(tables_alone(doc, tmp_path / "own.xlsx"))
    assert [str(m) for m in result.problems] == []
    got = result.document.dept_table
    assert got is not None
    assert printed_dept(got) == printed_dept(d)
    evaluation = ("executed", "stated_execution_rate", "stated_execution_points", "stated_execution_score",
                  "stated_total", "achievement", "deviation_reason", "improvements", "fund_lines")  # fmt: skip
    assert {f: getattr(got, f) for f in evaluation} == {f: getattr(d, f) for f in evaluation}
    assert [(i.actual, i.stated_score) for i in got.indicators] == [(i.actual, i.stated_score) for i in d.indicators]
