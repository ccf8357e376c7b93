"""A 自评表 typed in from a printed table prints what the clerk entered (issue 11, brief 11b).

Its scores as printed (per row, the funds block, 总分) go where the source printed them; perfdesk's
computed 执行率/得分 stay in the editor; columns the source did not print (年初预算数, a 分值 column)
are left out; a stated title that names the year is not followed by （年度）. A table made in perfdesk
prints its computed figures as before.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from perfdesk.export.compose import build_layout
from perfdesk.export.forms_tables import is_stated_evaluation
from perfdesk.export.layout import Paragraph, Table
from perfdesk.export.service import export_document
from perfdesk.export.synthetic import generated_document
from perfdesk.importer.reader import import_workbook
from perfdesk.models.document import Document
from perfdesk.models.jsonio import document_from_json, document_to_json
from perfdesk.store.file import open_document, save_document

REALTABLES = Path(__file__).parent / "data" / "realtables"


def _load(prefix: str) -> Document:
    path = next(REALTABLES.glob(f"{prefix}-*.json"))
    return document_from_json(path.read_text(encoding="utf-8"))


def _eval_part(doc: Document) -> tuple[list[str], Table]:
    part = next(p for p in build_layout(doc).parts if p.key.startswith("eval:"))
    texts = [b.text for b in part.blocks if isinstance(b, Paragraph)]
    table = next(b for b in part.blocks if isinstance(b, Table))
    return texts, table


def _rows(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells if c is not None] for row in table.rows]


def test_stated_scores_print_where_the_source_printed_them() -> None:
    doc = _load("09")
    ev = doc.projects[0].evaluation
    assert ev is not None and is_stated_evaluation(ev)
    texts, table = _eval_part(doc)
    rows = _rows(table)
    assert not any(t.startswith("（") and "年度）" in t for t in texts)  # the title says (2019年度) already
    funds = next(r for r in rows if "全年预算数（A）" in r)
    assert "年初预算数" not in funds  # 09 prints no such column
    assert funds[1:] == ["全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    for row in ev.rows:
        line = next(r for r in rows if row.level3 in r)
        at = line.index(row.level3)
        expected = "" if row.stated_score is None else _plain(row.stated_score)
        assert line[at + 4] == expected, row.level3


def _plain(amount: Decimal) -> str:
    q = amount.quantize(Decimal("0.01"))
    return f"{q:f}".rstrip("0").rstrip(".") if q == q.to_integral_value() else f"{q:f}"


def test_a_table_without_a_points_column_prints_none_and_no_computed_rate() -> None:
    doc = _load("27")
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.stated_execution_rate = None  # as if the table had printed no 执行率
    _, table = _eval_part(doc)
    rows = _rows(table)
    header = next(r for r in rows if "一级指标" in r)
    assert header == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"]
    funds = next(r for r in rows if "全年预算数（A）" in r)
    values = rows[rows.index(funds) + 1]
    assert values == ["50.00", "10.00", "20", "", "4"]  # B/A = 20 % is not computed into the table
    total = next(r for r in rows if r and r[0] == "总分")
    assert total[1] == ""  # no 总分 was printed: none is made up


def test_a_stated_table_prints_its_total_and_grade(tmp_path: Path) -> None:
    doc = _load("05")
    ev = doc.projects[0].evaluation
    assert ev is not None and ev.stated_total == Decimal(100)
    ev.stated_grade = "优"
    _, table = _eval_part(doc)
    total = next(r for r in _rows(table) if r and r[0] == "总分")
    assert "100" in total and "评价等级：优" in total
    export_document(doc, tmp_path / "e.xlsx")  # the same description draws every format
    export_document(doc, tmp_path / "e.docx")


def test_a_table_made_in_perfdesk_prints_its_computed_figures() -> None:
    doc = generated_document(1, 6, evaluations=True)
    evs = [p.evaluation for p in doc.projects if p.evaluation is not None]
    assert evs and not any(is_stated_evaluation(ev) for ev in evs)
    texts, table = _eval_part(doc)
    assert any(t == f"（{doc.unit.fiscal_year}年度）" for t in texts)
    rows = _rows(table)
    assert any("年初预算数" in r for r in rows) and any("分值" in r for r in rows if "一级指标" in r)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_a_department_rubric_prints_its_scores_and_keeps_every_row_whole(tmp_path: Path) -> None:
    """31: 自评得分 in the 得分 column, no （2023年度） under 2023年度…自评表, no empty 预算执行 block, and
    row 6's long 指标解释 on one page (it used to be torn across a page break)."""
    doc = _load("31")
    dept = doc.dept_table
    assert dept is not None
    assert [i.stated_score for i in dept.indicators] == [Decimal(3)] * 3 + [Decimal(4), Decimal(2), None]
    part = next(p for p in build_layout(doc).parts if p.key == "dept")
    assert part.title == "2023年度部门整体支出绩效评价自评表"  # heads a continued page
    texts = [b.text for b in part.blocks if isinstance(b, Paragraph)]
    assert texts == ["2023年度部门整体支出绩效评价自评表"]
    table = next(b for b in part.blocks if isinstance(b, Table))
    cells = [c.text for row in table.rows for c in row.cells if c is not None]
    assert "预算执行情况（万元）" not in cells and "年度预算总额" in cells  # the header's 年度预算 stays
    pdf = tmp_path / "31.pdf"
    export_document(doc, pdf)
    pages = [_squash(p.extract_text()) for p in PdfReader(pdf).pages]
    row6 = _squash(dept.indicators[5].explanation)
    assert sum(row6 in p for p in pages) == 1
    for ind in dept.indicators[:5]:
        line = next(r for r in _rows(table) if ind.level3 in r)
        assert line[-1] == _plain(ind.stated_score or Decimal(0))


def test_scores_of_fund_lines_blocks_and_signatures_print_and_survive(tmp_path: Path) -> None:
    """09's 其中 row 分值/得分, 24's 绩效指标（90分） and 财务负责人, 29's empty 财政审核评分 box, 25's scored
    部门整体 fund lines and 08's 年度目标（80分）: printed, and kept through file, JSON and workbook."""
    wanted = {
        "09": ["其中:本年财政拨款", "10"],
        "24": ["绩效指标（90分）", "财务负责人", "唐勇"],
        "29": ["自评得分", "财政审核评分"],
        "25": ["分值", "得分", "基本支出", "10"],
        "08": ["年度总体目标（80分）"],
    }
    for prefix, texts in wanted.items():
        doc = _load(prefix)
        cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
        for text in texts:
            assert text in cells, (prefix, text)
        save_document(doc, tmp_path / f"{prefix}.perfdesk")
        again = document_from_json(document_to_json(open_document(tmp_path / f"{prefix}.perfdesk").document))
        assert again == doc
        export_document(again, tmp_path / f"{prefix}.xlsx")
        assert import_workbook(tmp_path / f"{prefix}.xlsx").document == doc
        export_document(again, tmp_path / f"{prefix}.docx")


def test_the_review_box_prints_empty_for_the_bureau() -> None:
    doc = _load("29")
    ev = doc.projects[0].evaluation
    assert ev is not None and ev.review_box and ev.review_score is None
    _, table = _eval_part(doc)
    row = next(r for r in _rows(table) if "财政审核评分" in r)
    assert row == ["自评得分", "98", "财政审核评分", ""]
    ev.review_box, ev.review_score = False, Decimal("95.5")
    _, table = _eval_part(doc)
    assert next(r for r in _rows(table) if "财政审核评分" in r)[-1] == "95.50"
    ev.review_score = None
    _, table = _eval_part(doc)
    assert not any("财政审核评分" in r for r in _rows(table))


def test_a_department_funds_block_prints_the_budget_once() -> None:
    """08 prints one 预算数 (no fund lines say 年初 or 全年); 25 only 年初预算数 with 分值/得分 per line."""
    rows = {}
    for prefix in ("08", "25"):
        table = next(
            b
            for b in next(p for p in build_layout(_load(prefix)).parts if p.key == "dept").blocks
            if isinstance(b, Table)
        )
        rows[prefix] = _rows(table)
    head08 = next(r for r in rows["08"] if "资金来源" in r)
    assert head08[1:] == ["资金来源", "预算数", "全年执行数", "执行率"]
    head25 = next(r for r in rows["25"] if "资金来源" in r)
    assert head25[1:] == ["资金来源", "年初预算数", "全年执行数", "执行率", "分值", "得分"]
    assert ["基本支出", "985.19", "914.97", "", "10", "10"] in rows["25"]
    total = next(r for r in rows["25"] if r and r[0] == "年度预算总额" and "1,268.72" in r)
    assert total == ["年度预算总额", "1,172.55", "1,268.72", "", "10", "10"]


def test_the_printed_scores_come_back_from_the_tables_alone(tmp_path: Path) -> None:
    """Without the kept document, the importer reads the new fields from the printed tables themselves."""
    import openpyxl

    from perfdesk.importer.embedded import SHEET

    got = {}
    for prefix in ("24", "27", "29", "25", "08", "09"):
        path = tmp_path / f"{prefix}.xlsx"
        export_document(_load(prefix), path)
        book = openpyxl.load_workbook(path)
        del book[SHEET]
        book.save(path)
        got[prefix] = import_workbook(path).document
    evs = [p.evaluation for p in got["24"].projects]
    assert evs[0] is not None and evs[0].finance_officer == "唐勇"
    assert evs[1] is not None and evs[1].stated_indicator_points == Decimal(90)
    ev27 = got["27"].projects[0].evaluation
    assert ev27 is not None and ev27.stated_indicator_points == Decimal(80)
    ev29 = got["29"].projects[0].evaluation
    assert ev29 is not None and ev29.review_box and ev29.review_score is None
    dept25, dept08 = got["25"].dept_table, got["08"].dept_table
    assert dept25 is not None and dept08 is not None
    assert [(f.label, f.points, f.stated_score) for f in dept25.fund_lines][:2] == [
        ("基本支出", Decimal(10), Decimal(10)),
        ("项目支出", Decimal(10), Decimal(10)),
    ]
    assert dept08.stated_indicator_points == Decimal(80)
    ev09 = got["09"].projects[0].evaluation
    assert ev09 is not None
    assert [(f.label, f.annual, f.executed, f.points, f.stated_score) for f in ev09.fund_lines] == [
        ("其中:本年财政拨款", Decimal(30), Decimal(30), Decimal(10), Decimal(10)),
        ("其他资金", None, None, None, None),
    ]


def test_duty_targets_print_come_back_and_are_checked_against_the_budget(tmp_path: Path) -> None:
    """11's 年度履职目标: printed as its own block, read back from the table alone, and 232.21 ≠ 171.41 flagged."""
    import openpyxl

    from perfdesk.importer.embedded import SHEET
    from perfdesk.models.checks import check_document

    doc = _load("11")
    dept = doc.dept_table
    assert dept is not None and len(dept.duty_targets) == 3
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    for text in ("年度履职目标", "部门职能", "支出项目名称", "预算金额（万元）", "49.80", "171.41"):
        assert text in cells, text
    found = [f for f in check_document(doc) if f.code == "dept-duty-sum"]
    assert len(found) == 1 and "232.21" in found[0].message and found[0].place.field == "duty_targets"
    dept.duty_targets[2].amount = Decimal("110.61")  # the 基本支出 the table meant: 49.8 + 11 + 110.61 = 171.41
    assert not [f for f in check_document(doc) if f.code == "dept-duty-sum"]
    path = tmp_path / "11.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    back = import_workbook(path).document.dept_table
    assert back is not None and back.duty_targets == dept.duty_targets
    assert back.basic_expense == Decimal("110.61")  # the row's 基本支出 is a spending item, not the header's label


def test_the_adjusted_goal_prints_and_comes_back(tmp_path: Path) -> None:
    import openpyxl

    from perfdesk.importer.embedded import SHEET

    doc = _load("25")
    dept = doc.dept_table
    assert dept is not None
    dept.adjusted_goal = "森林火灾发生率控制在0.9‰以内"
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    assert "全年（调整）绩效目标" in cells and dept.adjusted_goal in cells
    path = tmp_path / "25.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    back = import_workbook(path).document.dept_table
    assert back is not None and back.adjusted_goal == dept.adjusted_goal


def test_the_department_money_lines_print_in_place_of_the_budget_block_and_come_back(tmp_path: Path) -> None:
    """16's 部门总体资金情况: 收入构成 / 支出构成 with their own 合计 (two totals), 近两年 columns and 占比."""
    import openpyxl

    from perfdesk.importer.embedded import SHEET

    doc = _load("16")
    dept = doc.dept_table
    assert dept is not None and len(dept.money_lines) == 6
    table = next(b for b in next(p for p in build_layout(doc).parts if p.key == "dept").blocks if isinstance(b, Table))
    rows = _rows(table)
    assert not any("年度预算（万元）" in r for r in rows)
    assert ["支出构成", "基本支出", "7,242,318.00", "", "", "74.8%"] in rows
    assert sum(r[-5:] == ["合计", "968.1918", "", "", "100%"] for r in rows) == 2  # 收入合计 and 支出合计
    assert any("近两年收支金额\n年" in r for r in rows)  # the template's years, left blank
    dept.prior_year1, dept.money_lines[0].prior1 = "2019", Decimal("901.5")
    path = tmp_path / "16.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    back = import_workbook(path).document.dept_table
    assert back is not None and back.money_lines == dept.money_lines and back.prior_year1 == "2019"
    assert (back.budget_total, back.income_fiscal, back.project_expense) == (
        dept.budget_total,
        dept.income_fiscal,
        dept.project_expense,
    )


_AMOUNTS = st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2))


@settings(max_examples=60, deadline=None)
@given(
    execution=st.tuples(_AMOUNTS, _AMOUNTS, _AMOUNTS, _AMOUNTS),
    lines=st.lists(st.tuples(_AMOUNTS, _AMOUNTS, _AMOUNTS, _AMOUNTS, _AMOUNTS), max_size=4),
    scores=st.lists(_AMOUNTS, min_size=1, max_size=4),
    review=st.booleans(),
    officer=st.booleans(),
)
def test_any_mix_of_printed_scores_lays_out_and_prints_each_one(
    execution: tuple[Decimal | None, ...],
    lines: list[tuple[Decimal | None, ...]],
    scores: list[Decimal | None],
    review: bool,
    officer: bool,
) -> None:
    """Whatever subset of the funds block, fund lines and row scores a table printed, the grid is whole (every row
    fills its columns) and every score entered is in a cell."""
    from perfdesk.models.document import EvalFundLine, EvalRow, Project, ProjectEval

    ev = ProjectEval(initial_budget=execution[0], annual_budget=execution[1])
    ev.stated_execution_points, ev.stated_execution_score = execution[2], execution[3]
    ev.fund_lines = [EvalFundLine(f"资金{i}", a, b, None, None, p, s) for i, (a, b, _, p, s) in enumerate(lines)]
    ev.rows = [EvalRow("产出指标", "数量指标", f"指标{i}", stated_score=s) for i, s in enumerate(scores)]
    ev.review_box, ev.finance_officer = review, "唐勇" if officer else ""
    doc = generated_document(0, 0)
    doc.projects = [Project(name="项目", evaluation=ev)]
    _, table = _eval_part(doc)  # GridBuilder raises when a row does not fill the grid
    cells = [c.text for row in table.rows for c in row.cells if c is not None]
    wanted = [execution[2], execution[3], *(x for line in lines for x in (line[3], line[4])), *scores]
    for amount in wanted:
        if amount is not None and is_stated_evaluation(ev):
            assert _plain(amount) in cells, amount


def test_a_stated_table_with_only_an_initial_budget_prints_no_annual_column() -> None:
    doc = _load("09")
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.initial_budget, ev.annual_budget = ev.annual_budget, None
    for line in ev.fund_lines:
        line.initial, line.annual = line.annual, None
    _, table = _eval_part(doc)
    funds = next(r for r in _rows(table) if "年初预算数" in r)
    assert "全年预算数（A）" not in funds and funds[1:3] == ["年初预算数", "全年执行数（B）"]
