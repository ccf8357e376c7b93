"""The execution blocks held to their own arithmetic (issue 14): the 自评表 funds block and the
部门整体 预算执行情况 — printed 执行率, source lines against the total, overruns, a docked full score."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from perfdesk.models.checks import check_document
from perfdesk.models.document import DeptLayout, DeptTable, Document, EvalFundLine, Project, ProjectEval
from perfdesk.models.findings import Form, Severity
from perfdesk.models.fund_checks import rate_matches, sum_tolerance
from perfdesk.models.rules import RULES

D = Decimal


def funds(**fields: object) -> ProjectEval:
    ev = ProjectEval(initial_budget=D("2.38"), annual_budget=D("2.38"), executed=D("2.38"))
    ev.stated_execution_rate = D(100)
    ev.fund_lines = [
        EvalFundLine("其中：财政拨款", D("0.58"), D("0.58"), D("0.58"), D(100)),
        EvalFundLine("其他资金", D("1.8"), D("1.8"), D("1.8"), D(100)),
        EvalFundLine("上年结转资金"),  # printed, left empty
    ]
    ev.__dict__.update(fields)
    return ev


def found(doc: Document, prefix: str = "funds-") -> list[tuple[str, Form, int | None, str | None]]:
    return [
        (f.code, f.place.form, f.place.row, f.place.field) for f in check_document(doc) if f.code.startswith(prefix)
    ]


def eval_doc(ev: ProjectEval) -> Document:
    return Document(projects=[Project(name="自然资源业务支出", evaluation=ev)])


def test_a_consistent_block_is_quiet() -> None:
    assert found(eval_doc(funds())) == []


def test_a_source_rate_not_following_from_its_amounts() -> None:
    """04: 其他资金 1.8 / 1.8 printed with 执行率 0."""
    ev = funds()
    ev.fund_lines[1].stated_rate = D(0)
    (finding,) = [f for f in check_document(eval_doc(ev)) if f.code == "funds-rate-stated"]
    assert (finding.place.form, finding.place.project, finding.place.field) == (Form.EVALUATION, 0, "fund_lines")
    assert "其他资金" in finding.message and "100.00%" in finding.message
    assert finding.severity is Severity.ERROR


def test_the_total_rate_is_checked_too() -> None:
    assert found(eval_doc(funds(stated_execution_rate=D(90)))) == [
        ("funds-rate-stated", Form.EVALUATION, None, "stated_execution_rate")
    ]


def test_rates_printed_rounded_cut_capped_or_as_a_ratio_pass() -> None:
    assert rate_matches(D("96.15"), D(50), D(52))  # 96.1538…
    assert rate_matches(D(96), D(50), D(52))  # rounded to whole per cent
    assert rate_matches(D(99), D("99.6"), D(100))  # cut
    assert rate_matches(D(100), D(110), D(100))  # 110 % printed capped
    assert rate_matches(D("0.96"), D(48), D(50))  # a ratio
    assert rate_matches(D(1), D(50), D(50))
    assert not rate_matches(D(0), D("1.8"), D("1.8"))
    assert rate_matches(D("96.2"), D(50), D(52))  # rounded to one decimal
    assert not rate_matches(D("96.35"), D("50.00"), D("52.00"))  # 0.2 off is not rounding
    assert rate_matches(D("96.35"), D(50), D(52))  # whole 万元 printed: 50/52 may be 50.4/52.3
    assert not rate_matches(D(90), D(50), D(52))


@given(
    st.decimals(min_value=D("0.01"), max_value=D(10000), places=2),
    st.decimals(min_value=0, max_value=D(10000), places=2),
)
def test_a_rate_printed_as_computed_always_passes(budget: Decimal, executed: Decimal) -> None:
    rate = executed / budget * 100
    for places in ("1", "0.1", "0.01"):
        assert rate_matches(rate.quantize(D(places)), executed, budget)


def test_sources_not_adding_up_to_the_total() -> None:
    """06/07: the total line 0 / 0 / 0 above a source line 90 / 89.974 / 89.974."""
    ev = funds(initial_budget=D(0), annual_budget=D(0), executed=D(0), stated_execution_rate=None)
    ev.fund_lines = [EvalFundLine("其中：本年财政拨款", D(90), D("89.974"), D("89.974"))]
    findings = [f for f in check_document(eval_doc(ev)) if f.code == "funds-lines-sum"]
    assert [(f.place.field, f.severity) for f in findings] == [("annual_budget", Severity.ERROR)]
    assert "89.974" in findings[0].message and "年初预算数" in findings[0].message


def test_sums_allow_for_rounding_of_each_figure() -> None:
    assert sum_tolerance([D("2.38"), D("0.58"), D("1.8")]) == D("0.06")
    ev = funds(annual_budget=D("2.4"), executed=D("2.4"), initial_budget=D("2.4"))  # 2.38 printed to one decimal
    assert found(eval_doc(ev), "funds-lines-sum") == []
    ev = funds(annual_budget=D("2.5"), executed=D("2.38"), initial_budget=D("2.38"))
    assert found(eval_doc(ev), "funds-lines-sum") == [("funds-lines-sum", Form.EVALUATION, None, "annual_budget")]


def test_a_source_line_spending_more_than_its_budget() -> None:
    ev = funds()
    ev.fund_lines[1] = EvalFundLine("其他资金", D("1.8"), D("1.8"), D("2.0"), None)
    ev.executed = D("2.58")
    codes = [c for c, *_ in found(eval_doc(ev))]
    assert "funds-executed-over" in codes


def test_full_execution_with_a_docked_score() -> None:
    ev = funds(stated_execution_points=D(10), stated_execution_score=D(9))
    assert found(eval_doc(ev)) == [("funds-score-docked", Form.EVALUATION, None, "stated_execution_score")]
    ev = funds(stated_execution_points=D(10), stated_execution_score=D(10))
    assert found(eval_doc(ev)) == []
    # below 100 % regions score differently (steps, thresholds): not judged
    ev = funds(
        executed=D("2.0"), stated_execution_rate=None, stated_execution_points=D(10), stated_execution_score=D(5)
    )
    ev.fund_lines = []
    assert found(eval_doc(ev)) == []


def dept(**fields: object) -> Document:
    table = DeptTable(dept_name="太白镇人民政府", layout=DeptLayout.HUNAN, budget_total=D("1172.55"))
    table.executed = D("1100")
    table.fund_lines = [
        EvalFundLine("基本支出", D("985.19"), None, D("914.97")),
        EvalFundLine("项目支出", D("187.36"), None, D("185.03")),
    ]
    table.__dict__.update(fields)
    return Document(dept_table=table)


def test_dept_block_consistent_is_quiet() -> None:
    assert found(dept()) == []
    assert found(dept(stated_execution_rate=D("93.81"))) == []


def test_dept_execution_above_the_budget() -> None:
    """25: 执行 1268.72 against 年度预算总额 1172.55, no adjusted budget printed."""
    doc = dept(executed=D("1268.72"))
    doc.dept_table.fund_lines[1].executed = D("353.75")  # type: ignore[union-attr]
    assert found(doc) == [("funds-executed-over", Form.DEPT_TABLE, None, "budget_total")]
    assert RULES["funds-executed-over"].severity is Severity.WARNING


def test_dept_rate_without_the_amount_it_comes_from() -> None:
    """08: 执行数 empty, 执行率 100 % and 得分 20 printed."""
    doc = dept(executed=None, fund_lines=[], stated_execution_rate=D(100), stated_execution_score=D(20))
    (finding,) = [f for f in check_document(doc) if f.code.startswith("funds-")]
    assert (finding.code, finding.place.field) == ("funds-rate-unbacked", "executed")
    assert "20" in finding.message


def test_dept_rate_and_lines_against_the_totals() -> None:
    assert found(dept(stated_execution_rate=D(100))) == [
        ("funds-rate-stated", Form.DEPT_TABLE, None, "stated_execution_rate")
    ]
    doc = dept(budget_total=D(1200))
    assert found(doc) == [("funds-lines-sum", Form.DEPT_TABLE, None, "budget_total")]
    doc = dept(executed=D(1000))
    assert found(doc) == [("funds-lines-sum", Form.DEPT_TABLE, None, "executed")]


def test_every_fund_rule_is_catalogued() -> None:
    for code in (
        "funds-rate-stated",
        "funds-lines-sum",
        "funds-rate-unbacked",
        "funds-executed-over",
        "funds-score-docked",
    ):
        assert RULES[code].description and RULES[code].source


# ----------------------------------------------------------------------------- 部门整体 rows: weights, 自评总分


def weighted_dept(*weights: int, execution_points: int | None = None, rule_set: str = "national") -> Document:
    from perfdesk.models.document import DeptIndicator, UnitInfo

    rows = [
        DeptIndicator("产出指标", "数量指标", f"指标{i}", annual_value="≥90%", weight=D(w), stated_score=D(w))
        for i, w in enumerate(weights)
    ]
    table = DeptTable(dept_name="林业局", layout=DeptLayout.HUNAN, indicators=rows, annual_goal="保护森林资源")
    table.stated_execution_points = None if execution_points is None else D(execution_points)
    return Document(unit=UnitInfo(rule_set=rule_set), dept_table=table)


def test_dept_weights_add_up_to_the_set_total_or_what_execution_leaves() -> None:
    assert found(weighted_dept(50, 30, 20), "weights-total") == []
    assert found(weighted_dept(50, 30, 10, execution_points=10), "weights-total") == []  # 90 + 执行 10
    assert found(weighted_dept(50, 30, 10, rule_set="sichuan"), "weights-total") == []
    assert found(weighted_dept(50, 30, 10), "weights-total") == [("weights-total", Form.DEPT_TABLE, 0, "weight")]
    assert found(weighted_dept(50, 30, 10, execution_points=20), "weights-total") == [
        ("weights-total", Form.DEPT_TABLE, 0, "weight")
    ]


def test_dept_weights_not_summed_when_some_rows_lack_one() -> None:
    doc = weighted_dept(10, 10, 10)
    doc.dept_table.indicators[1].weight = None  # type: ignore[union-attr]  # lost in transcription
    assert found(doc, "weights-total") == []


def test_dept_stated_total_against_the_row_scores() -> None:
    doc = weighted_dept(20, 30, 30, execution_points=20)
    table = doc.dept_table
    assert table is not None
    table.stated_execution_score, table.stated_total = D(20), D(100)
    assert found(doc, "eval-total-stated") == []
    table.stated_total = D(98)
    assert found(doc, "eval-total-stated") == [("eval-total-stated", Form.DEPT_TABLE, None, "stated_total")]
    table.indicators[0].stated_score = None  # a row without its 得分: nothing to add up
    assert found(doc, "eval-total-stated") == []


def test_a_subtotal_line_is_counted_once() -> None:
    """财政拨款 printed over its 其中 中央/省级 lines: the block still adds up."""
    ev = funds(initial_budget=D(100), annual_budget=D(100), executed=D(100), stated_execution_rate=D(100))
    ev.fund_lines = [
        EvalFundLine("财政拨款", D(80), D(80), D(80), D(100)),
        EvalFundLine("其中：中央", D(50), D(50), D(50), D(100)),
        EvalFundLine("省级", D(30), D(30), D(30), D(100)),
        EvalFundLine("其他资金", D(20), D(20), D(20), D(100)),
    ]
    assert found(eval_doc(ev)) == []
    ev.fund_lines[3].annual = D(25)  # now the 全年预算数 column does not add up
    ev.fund_lines[3].stated_rate = D(80)
    assert found(eval_doc(ev)) == [("funds-lines-sum", Form.EVALUATION, None, "annual_budget")]


def test_an_execution_score_above_its_points() -> None:
    assert found(eval_doc(funds(stated_execution_points=D(10), stated_execution_score=D(12))), "eval-score-over") == [
        ("eval-score-over", Form.EVALUATION, None, "stated_execution_score")
    ]
    doc = dept(stated_execution_points=D(20), stated_execution_score=D(25))
    assert found(doc, "eval-score-over") == [("eval-score-over", Form.DEPT_TABLE, None, "stated_execution_score")]


def test_a_rate_computed_from_the_unrounded_amounts_passes() -> None:
    """A = 1.2349 and B = 1.00 万元 give 80.98 %; the table prints A rounded to 1.23 (80.98 vs 81.30)."""
    assert rate_matches(D("80.98"), D("1.00"), D("1.23"))
    assert not rate_matches(D("79.50"), D("1.00"), D("1.23"))


@given(
    st.decimals(min_value=D("0.5"), max_value=D(10000), places=4),
    st.decimals(min_value=D("0.01"), max_value=D(1), places=4),
)
def test_a_rate_from_amounts_printed_rounded_passes(budget: Decimal, share: Decimal) -> None:
    executed = budget * share
    rate = (executed / budget * 100).quantize(D("0.01"))
    assert rate_matches(rate, executed.quantize(D("0.01")), budget.quantize(D("0.01")))


def test_an_overrun_is_more_than_rounding() -> None:
    ev = funds(stated_execution_rate=None)
    ev.fund_lines = [EvalFundLine("其他资金", None, D("1.2"), D("1.23"))]  # 1.2 may be 1.2349
    ev.annual_budget, ev.executed = D("1.2"), D("1.23")
    assert "funds-executed-over" not in [c for c, *_ in found(eval_doc(ev))]
    ev.fund_lines[0].executed = D("1.26")
    ev.executed = D("1.26")
    assert "funds-executed-over" in [c for c, *_ in found(eval_doc(ev))]


_AMOUNT = (
    st.none()
    | st.sampled_from([D(0), D("0.00"), D(-1), D(100), D("0.005")])
    | st.decimals(min_value=-100, max_value=10**6, places=3)
)


@given(
    st.lists(st.tuples(_AMOUNT, _AMOUNT, _AMOUNT, _AMOUNT), max_size=5),
    _AMOUNT,
    _AMOUNT,
    _AMOUNT,
    _AMOUNT,
    _AMOUNT,
)
def test_any_funds_block_is_checked_without_error(lines, budget, executed, rate, points, score) -> None:  # type: ignore[no-untyped-def]
    """Zero, negative and missing figures anywhere: findings, never an exception."""
    fund_lines = [EvalFundLine("来源", *line) for line in lines]
    ev = ProjectEval(annual_budget=budget, executed=executed, initial_budget=budget, fund_lines=fund_lines)
    ev.stated_execution_rate, ev.stated_execution_points, ev.stated_execution_score = rate, points, score
    table = DeptTable(layout=DeptLayout.HUNAN, budget_total=budget, executed=executed, fund_lines=list(fund_lines))
    table.stated_execution_rate, table.stated_execution_points, table.stated_execution_score = rate, points, score
    for finding in check_document(Document(projects=[Project(name="项目", evaluation=ev)], dept_table=table)):
        assert finding.message and finding.code in RULES
