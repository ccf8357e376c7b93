"""审核 of the self-evaluation: every eval check fires on a broken 自评表 and stays quiet on a clean one."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from perfdesk.models.checks import FIELD_LABELS, Form, Severity
from perfdesk.models.document import Band, Document, Indicator, Project, SelfReport, UnitInfo
from perfdesk.models.eval_checks import EVAL_FIELD_LABELS, check_evaluations
from perfdesk.models.scoring import start_evaluation
from perfdesk.samples import samples

D = Decimal


def clean_project() -> Project:
    rows = [
        ("产出指标", "数量指标", "检查企业数", "≥100家", "120家"),
        ("产出指标", "质量指标", "检查覆盖率", "≥90%", "95%"),
        ("产出指标", "成本指标", "项目成本", "≤50万元", "48万元"),
        ("效益指标", "社会效益指标", "事故下降率", "≥5%", "6%"),
        ("效益指标", "可持续影响指标", "长效机制", "持续有效", "已建立长效机制"),
        ("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "92%"),
    ]
    project = Project(
        name="安全生产专项经费",
        budget_total=D("50.00"),
        indicators=[Indicator(a, b, c, value=v) for a, b, c, v, _ in rows],
    )
    ev = start_evaluation(project)
    ev.executed = D("48.00")  # 96 %
    for eval_row, (*_, actual) in zip(ev.rows, rows, strict=True):
        eval_row.actual = actual
    ev.rows[4].band = Band.MET
    project.evaluation = ev
    return project


def clean_document() -> Document:
    report = SelfReport(score=D(100), conclusion="部门整体支出综合绩效评价得分100分为优秀。我局项目综合评价为优秀。")
    unit = UnitInfo(name="某县应急管理局", grade_table="85-75-60")
    return Document(unit=unit, projects=[clean_project()], self_report=report)


def codes(doc: Document) -> set[str]:
    return {f.code for f in check_evaluations(doc)}


def test_clean_document_is_quiet() -> None:
    assert check_evaluations(clean_document()) == []


def _ev(**fields: object) -> Callable[[Document], object]:
    return lambda doc: doc.projects[0].evaluation.__dict__.update(fields)  # type: ignore[union-attr]


def _row(index: int, **fields: object) -> Callable[[Document], object]:
    return lambda doc: doc.projects[0].evaluation.rows[index].__dict__.update(fields)  # type: ignore[union-attr]


def _both(*mutations: Callable[[Document], object]) -> Callable[[Document], object]:
    return lambda doc: [m(doc) for m in mutations]


def _all_points(*points: int) -> Callable[[Document], object]:
    return _both(*(_row(i, points=D(p)) for i, p in enumerate(points)))


def _stated(*scores: int) -> Callable[[Document], object]:
    return _both(*(_row(i, stated_score=D(p)) for i, p in enumerate(scores)))


# code → (mutation, severity, expected (row, field) of the finding)
MUTATIONS: dict[str, tuple[Callable[[Document], object], Severity, tuple[int | None, str]]] = {
    "eval-weights": (lambda d: setattr(d.unit, "weight_output", D(60)), Severity.WARNING, (None, "weight_execution")),
    "eval-amount-negative": (_ev(initial_budget=D(-1)), Severity.ERROR, (None, "initial_budget")),
    "eval-amount-decimals": (_ev(executed=D("48.0000001")), Severity.ERROR, (None, "executed")),
    "eval-executed-missing": (_ev(executed=None), Severity.ERROR, (None, "executed")),
    "eval-budget-missing": (_ev(annual_budget=None), Severity.ERROR, (None, "annual_budget")),
    "eval-executed-over": (_ev(executed=D("50.01")), Severity.ERROR, (None, "executed")),
    "eval-execution-reason": (_ev(executed=D("44.99")), Severity.ERROR, (None, "execution_reason")),  # 89.98 %
    "eval-points-over": (_both(_row(0, points=D(40)), _row(1, points=D(20))), Severity.ERROR, (0, "points")),
    "eval-points-under": (
        _both(_row(0, points=D(20)), _row(1, points=D(10)), _row(2, points=D(10))),
        Severity.WARNING,
        (0, "points"),
    ),
    "eval-points-negative": (_row(1, points=D(-5)), Severity.ERROR, (1, "points")),
    "eval-budget-zero": (_ev(annual_budget=D(0), executed=D(0)), Severity.ERROR, (None, "annual_budget")),
    "eval-actual-unit": (_row(2, actual="48"), Severity.WARNING, (2, "actual")),  # ≤50万元: 48 元 or 48 万元?
    "eval-score-differs": (
        _both(_all_points(20, 20, 10, 15, 15, 10), _stated(20, 18, 10, 15, 15, 10)),  # row 2 met, printed 18 of 20
        Severity.WARNING,
        (1, "stated_score"),
    ),
    "copied-text": (
        _ev(annual_goal="保障安全生产", actual_summary="保障安全生产"),
        Severity.WARNING,
        (None, "actual_summary"),
    ),
    "eval-level1-unknown": (_both(_row(0, level1="(50分)"), _row(1, level1="(50分)")), Severity.WARNING, (0, "level1")),
    "eval-points-total": (_all_points(20, 20, 20, 15, 15, 10), Severity.ERROR, (0, "points")),  # 100 + 执行率 10
    "eval-points-own": (_all_points(20, 20, 20, 10, 10, 10), Severity.WARNING, (0, "points")),  # 产出 60, 效益 20
    "eval-total-stated": (
        _both(_all_points(20, 20, 10, 15, 15, 10), _stated(20, 20, 10, 15, 15, 10), _ev(stated_total=D(120))),
        Severity.ERROR,
        (None, "stated_total"),
    ),
    "eval-points-stated": (
        _both(_all_points(20, 20, 10, 15, 15, 10), _ev(stated_points_total=D(110))),  # rows 90 + 执行 10 = 100
        Severity.ERROR,
        (None, "stated_points_total"),
    ),
    "eval-score-over": (
        _both(_all_points(20, 20, 10, 15, 15, 10), _row(0, stated_score=D(25))),
        Severity.ERROR,
        (0, "stated_score"),
    ),
    "eval-actual-is-target": (_row(0, actual="≥266米"), Severity.ERROR, (0, "actual")),
    "eval-actual-missing": (_row(3, actual=""), Severity.ERROR, (3, "actual")),
    "eval-band-missing": (_row(4, band=None), Severity.ERROR, (4, "band")),
    "eval-unscored": (_row(1, actual="基本覆盖"), Severity.WARNING, (1, "actual")),
    "eval-reason-missing": (_row(5, actual="85%"), Severity.ERROR, (5, "reason")),
    "eval-report-grade": (
        lambda d: setattr(d.self_report, "conclusion", "得分80分为优秀。"),
        Severity.ERROR,
        (None, "conclusion"),
    ),
    "eval-report-score": (
        lambda d: setattr(d.self_report, "conclusion", "得分95分为优秀。"),
        Severity.WARNING,
        (None, "conclusion"),
    ),
}


@pytest.mark.parametrize("code", MUTATIONS)
def test_each_eval_check_fires(code: str) -> None:
    doc = clean_document()
    mutate, severity, (row, field) = MUTATIONS[code]
    mutate(doc)
    findings = [f for f in check_evaluations(doc) if f.code == code]
    assert findings, f"{code} did not fire"
    assert all(f.severity is severity and f.message for f in findings)
    assert (findings[0].place.row, findings[0].place.field) == (row, field)
    assert code not in codes(clean_document())


def test_eval_findings_name_the_project() -> None:
    doc = clean_document()
    doc.projects.insert(0, Project(name="没有自评表的项目"))
    doc.projects[1].evaluation.rows[2].actual = "≤48万元"  # type: ignore[union-attr]
    (finding,) = check_evaluations(doc)
    assert (finding.place.form, finding.place.project, finding.place.row, finding.place.field) == (
        Form.EVALUATION,
        1,
        2,
        "actual",
    )
    assert "≤" in finding.message


def test_quiet_when_the_reasons_are_written() -> None:
    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.executed, ev.execution_reason = D("30.00"), "部分资金结转下年使用"
    ev.rows[5].actual, ev.rows[5].reason = "85%", "问卷样本偏少，下年扩大调查范围"
    ev.rows[4].band, ev.rows[4].reason = Band.PARTLY, "机制尚在试行"
    assert check_evaluations(doc) == []


def test_own_points_adding_up_are_scored_by_them_and_quiet() -> None:
    """A table printing its own points that fit the weights, with 总分 = Σ得分 + 执行率得分: no finding."""
    doc = clean_document()
    _all_points(20, 20, 10, 15, 15, 10)(doc)
    _stated(20, 20, 10, 15, 15, 10)(doc)
    _ev(stated_points_total=D(100))(doc)  # the 分值 column's total, 执行率 10 included
    doc.projects[0].evaluation.stated_total = D("99.6")  # type: ignore[union-attr]  # 90 + 9.6 for 96 %
    assert check_evaluations(doc) == []
    doc.projects[0].evaluation.stated_total = D(90)  # type: ignore[union-attr]  # rows only, as some tables print
    assert check_evaluations(doc) == []


def test_spare_template_rows_are_not_counted() -> None:
    """指标2: / …… rows left from the template: one warning per run, never scored, never unscored."""
    from perfdesk.models.document import EvalRow
    from perfdesk.models.scoring import score_evaluation

    doc = clean_document()
    project = doc.projects[0]
    before = score_evaluation(project, doc.unit).total
    assert project.evaluation is not None
    project.evaluation.rows[1:1] = [EvalRow("产出指标", "数量指标", "指标2:"), EvalRow("产出指标", "数量指标", "……")]
    (finding,) = check_evaluations(doc)
    assert (finding.code, finding.place.row) == ("template-text", 1)
    score = score_evaluation(project, doc.unit)
    assert score.total == before and score.complete


def test_point_budget_in_the_level1_label() -> None:
    """产出指标(50分) is 产出指标; a label holding only (50分) takes its 二级's 一级, said once."""
    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    for row in ev.rows[:3]:
        row.level1 = "产出指标(50分)"
    assert check_evaluations(doc) == []
    for row in ev.rows[:3]:
        row.level1 = "(50分)"
    assert [f.code for f in check_evaluations(doc)] == ["eval-level1-unknown"]


def test_evaluation_framework_level1_is_accepted_unscored() -> None:
    """决策/过程 rows (财预〔2020〕10号's evaluation framework) are legitimate: no finding, not scored."""
    from perfdesk.models.document import EvalRow
    from perfdesk.models.scoring import RowStatus, score_evaluation

    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.rows.insert(0, EvalRow("项目决策(10分)", "项目立项", "立项依据充分性", "充分", "充分", points=D(4)))
    assert "eval-level1-unknown" not in codes(doc)
    score = score_evaluation(doc.projects[0], doc.unit)
    assert score.rows[0].status is RowStatus.UNKNOWN_LEVEL1 and not score.complete


def test_qualitative_actual_written_as_the_target_is_met() -> None:
    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.rows[4].band, ev.rows[4].actual = None, "持续有效"
    assert check_evaluations(doc) == []


def test_template_text_is_not_a_reason() -> None:
    doc = clean_document()
    _ev(executed=D("30.00"), execution_reason="预算执行率未达到90%的需说明原因(100字以内)")(doc)
    (finding,) = check_evaluations(doc)
    assert finding.code == "eval-execution-reason" and "模板说明文字" in finding.message


def test_amount_rules() -> None:
    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.initial_budget = D("60.00")  # A below 年初预算数 (a cut during the year) is fine
    assert check_evaluations(doc) == []
    ev.annual_budget = ev.executed = None
    assert codes(doc) == {"eval-executed-missing"}  # not also eval-budget-missing
    ev.executed = D(0)  # A blank while B filled
    assert codes(doc) == {"eval-budget-missing"}


def test_negative_weight_is_an_error_even_when_the_sum_is_100() -> None:
    doc = clean_document()
    doc.unit.weight_output, doc.unit.weight_satisfaction = D(70), D(-10)
    findings = check_evaluations(doc)
    assert [(f.code, f.severity, f.place.field) for f in findings if f.place.form is Form.UNIT] == [
        ("eval-weights-negative", Severity.ERROR, "weight_satisfaction")  # its own rule: one severity per rule
    ]


def test_explicit_points_adding_up_are_quiet() -> None:
    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.rows[0].points, ev.rows[1].points = D(20), D(20)  # row 2 gets the remaining 10
    assert check_evaluations(doc) == []
    ev.rows[2].points = D(10)
    assert check_evaluations(doc) == []


def test_not_applicable_rows_are_not_checked() -> None:
    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.rows[0].actual, ev.rows[0].not_applicable = "≥266米", True
    ev.rows[4].band, ev.rows[4].not_applicable = None, True
    assert check_evaluations(doc) == []


def test_seed_002_grade_agrees_only_with_its_own_table() -> None:
    doc = next(s for s in samples() if s.name == "gaoxin-selfeval-2024").load()
    assert check_evaluations(doc) == []
    doc.unit.grade_table = "90-80-60"  # the MOF table calls a score of 100 优, not 优秀
    assert {f.code for f in check_evaluations(doc)} == {"eval-report-grade"}


@pytest.mark.parametrize("name", [s.name for s in samples()])
def test_samples_are_quiet(name: str) -> None:
    doc = next(s for s in samples() if s.name == name).load()
    assert check_evaluations(doc) == []


def test_every_field_has_a_label() -> None:
    for mutate, _, _ in MUTATIONS.values():
        doc = clean_document()
        mutate(doc)
        for finding in check_evaluations(doc):
            assert finding.place.field in EVAL_FIELD_LABELS, finding
    clashes = {k for k in EVAL_FIELD_LABELS.keys() & FIELD_LABELS.keys() if EVAL_FIELD_LABELS[k] != FIELD_LABELS[k]}
    assert not clashes  # the lead can merge the two tables for checks.describe


def test_a_fully_executed_budget_row_docked() -> None:
    """29: a 预算执行率 row of the 过程 block, target a dash, actual 100 %, printed 9 of 10."""
    from perfdesk.models.document import EvalRow

    doc = clean_document()
    ev = doc.projects[0].evaluation
    assert ev is not None
    ev.executed = D("50.00")  # B = A
    ev.rows.insert(0, EvalRow("项目管理(25分)", "投入管理", "预算执行率", target="一", actual="100%", points=D(10)))
    ev.rows[0].stated_score = D(9)
    docked = [(f.code, f.place.row, f.place.field) for f in check_evaluations(doc) if f.code == "funds-score-docked"]
    assert docked == [("funds-score-docked", 0, "stated_score")]
    ev.rows[0].stated_score = D(10)
    assert not [f for f in check_evaluations(doc) if f.code == "funds-score-docked"]
    ev.rows[0].stated_score, ev.rows[0].actual = D(9), "95%"  # not fully executed: regions score differently
    assert not [f for f in check_evaluations(doc) if f.code == "funds-score-docked"]


def test_weights_that_score_no_table_raise_nothing() -> None:
    """Unit weights off 100 are a finding only where they score a table: not where every 自评表 row
    prints its own 分值, nor beside a 部门整体 self-evaluation alone (scored by its printed points)."""
    from perfdesk.models.document import DeptIndicator, DeptTable

    doc = clean_document()
    doc.unit.weight_execution = D(20)  # as a table printing 预算执行 20分 sets it; 50/30/10 left as they were
    assert "eval-weights" in codes(doc)
    for row, points in zip(doc.projects[0].evaluation.rows, (20, 20, 10, 10, 10, 10), strict=True):  # type: ignore[union-attr]
        row.points = D(points)
    assert "eval-weights" not in codes(doc)
    dept_only = Document(unit=doc.unit, dept_table=DeptTable(achievement="全年完成", indicators=[DeptIndicator()]))
    assert "eval-weights" not in codes(dept_only)
    dept_only.dept_table = None  # nothing evaluated yet: the settings stand for the tables to come
    assert "eval-weights" in codes(dept_only)


def test_a_printed_score_needs_no_band() -> None:
    """A 自评表 typed in from a printed table: the row's printed 得分 is its achievement, so a 定性
    actual worded otherwise than the target asks for no 达成程度; without the printed score it does."""
    doc = clean_document()
    row = doc.projects[0].evaluation.rows[4]  # type: ignore[union-attr]
    row.band, row.actual = None, "已建立"
    assert "eval-band-missing" in codes(doc)
    row.stated_score = D(10)
    assert "eval-band-missing" not in codes(doc)
