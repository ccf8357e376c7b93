"""Self-evaluation scoring: hand-computed cases (the arithmetic is in the comments) and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.models.document import Band, EvalRow, Indicator, Project, ProjectEval, UnitInfo
from perfdesk.models.grades import grade_table
from perfdesk.models.scoring import (
    BAND_SHARES,
    RowStatus,
    execution_rate,
    grade_for,
    present,
    refresh_evaluation,
    row_result,
    row_weights,
    score_evaluation,
    start_evaluation,
)
from perfdesk.samples import sample

D = Decimal
OUT, BEN, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"


def row(level1: str, target: str, actual: str = "", **fields: object) -> EvalRow:
    return EvalRow(level1=level1, level2="", level3=f"{level1}{target}", target=target, actual=actual, **fields)  # type: ignore[arg-type]


def evaluated(rows: list[EvalRow], annual: str | None = "100", executed: str | None = "100") -> Project:
    ev = ProjectEval(
        initial_budget=None if annual is None else D(annual),
        annual_budget=None if annual is None else D(annual),
        executed=None if executed is None else D(executed),
        rows=rows,
    )
    return Project(name="测试项目", budget_total=D("100"), evaluation=ev)


def full_rows(output_actual: str = "10000") -> list[EvalRow]:
    """One row per 一级, all met except the 产出 row, whose share is actual / 10000."""
    return [row(OUT, "≥10000", output_actual), row(BEN, "≥5%", "5%"), row(SAT, "≥90%", "90%")]


def share(target: str, actual: str, band: Band | None = None) -> Decimal | None:
    return row_result(row(OUT, target, actual, band=band)).share


# ----------------------------------------------------------------------------- one row


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("≥10次", "10次", "1"),  # met: 10/10
        ("≥10次", "12次", "1"),  # exceeded: min(12/10, 1)
        ("≥10次", "8次", "0.8"),  # missed: 8/10
        ("≥90%", "72%", "0.8"),  # 72/90
        (">90%", "81%", "0.9"),  # > behaves like ≥: 81/90
        ("10次", "5次", "0.5"),  # plain number is 正向: 5/10
        ("=100%", "95%", "0.95"),  # exact value is 正向: 95/100
        ("100%", "95", "0.95"),  # a blank unit on one side compares the numbers
        ("≤50万元", "50万元", "1"),  # met: 50/50
        ("≤50万元", "40万元", "1"),  # better than target: min(50/40, 1)
        ("≤50万元", "62.5万元", "0.8"),  # missed: 50/62.5
        ("<20天", "25天", "0.8"),  # < behaves like ≤: 20/25
        ("≤50万元", "625000元", "0.8"),  # 625000元 = 62.5万元: 50/62.5
        ("≤5起", "0起", "1"),  # actual 0 under ≤ earns everything
        ("0起", "0起", "1"),  # an exact 0 is 反向: met
        ("0起", "2起", "0"),  # 0/2
        ("约25000-27400人", "25000人", "1"),  # a range is met at its lower bound
        ("≥4万人", "约3万人", "0.75"),  # 约 on the actual is read as the number: 3/4
        ("=100%", "=100%", "1"),  # = on an actual is an exact value, not a target
    ],
)
def test_quantitative_rows(target: str, actual: str, expected: str) -> None:
    assert share(target, actual) == D(expected)


def test_an_actual_that_is_a_target_is_not_scored() -> None:
    result = row_result(row(OUT, "≥266米", "≥266米"))
    assert result.status is RowStatus.ACTUAL_IS_TARGET and result.share is None
    assert "≥" in result.reason
    # even a band does not rescue it: the clerk must type what was achieved
    assert row_result(row(OUT, "≥266米", "≤300米", band=Band.MET)).status is RowStatus.ACTUAL_IS_TARGET


@pytest.mark.parametrize(
    ("target", "actual", "band", "status"),
    [
        ("≥10次", "", None, RowStatus.NO_ACTUAL),
        ("≥10次", "全部完成", None, RowStatus.ACTUAL_NOT_NUMBER),
        ("≥10次", "8-9次", None, RowStatus.ACTUAL_NOT_NUMBER),
        ("≥90%", "95次", None, RowStatus.UNIT_MISMATCH),
        ("按时完成", "已完成", None, RowStatus.NO_BAND),
        ("", "10次", None, RowStatus.NO_TARGET),
    ],
)
def test_rows_that_cannot_be_scored(target: str, actual: str, band: Band | None, status: RowStatus) -> None:
    result = row_result(row(OUT, target, actual, band=band))
    assert result.status is status and result.share is None and result.reason


def test_band_shares_lie_in_the_domain_ranges() -> None:
    # domain.md §6: 达成 100–80 %, 部分达成 80–60 %, 未达成 60–0 %; we score top, middle, middle
    assert {Band.MET: D(1), Band.PARTLY: D("0.7"), Band.NOT_MET: D("0.3")} == BAND_SHARES
    assert D("0.8") <= BAND_SHARES[Band.MET] <= 1
    assert D("0.6") <= BAND_SHARES[Band.PARTLY] <= D("0.8")
    assert 0 <= BAND_SHARES[Band.NOT_MET] <= D("0.6")


@pytest.mark.parametrize("band", list(Band))
def test_qualitative_rows_score_by_band(band: Band) -> None:
    assert share("按时完成", "已完成", band) == BAND_SHARES[band]
    # a 定量 row whose actual is words falls back to its band
    assert share("100%", "全部完成", band) == BAND_SHARES[band]


def test_qualitative_bands_in_a_whole_evaluation() -> None:
    rows = [row(OUT, "≥10次", "10次"), row(BEN, "有效提升", band=Band.PARTLY), row(SAT, "满意", band=Band.NOT_MET)]
    score = score_evaluation(evaluated(rows, "100", "95"), UnitInfo())
    # execution 95/100 × 10 = 9.5; 产出 50 × 1 = 50; 效益 30 × 0.7 = 21; 满意度 10 × 0.3 = 3
    # total 9.5 + 50 + 21 + 3 = 83.5 → 良 on 90-80-60
    assert [r.score for r in score.rows] == [D(50), D(21), D(3)]
    assert score.total == D("83.5") and score.grade == "良" and score.complete


# ----------------------------------------------------------------------------- weights


def test_rows_share_their_level1_weight_equally() -> None:
    rows = [row(OUT, "≥1"), row(OUT, "≥1"), row(COST, "≤1"), row(OUT, "≥1"), row(BEN, "≥1"), row(SAT, "≥1")]
    weights = row_weights(evaluated(rows).evaluation, UnitInfo())  # type: ignore[arg-type]
    # 产出 50 over four rows (成本 shares the 产出 weight) = 12.5 each; 效益 30; 满意度 10
    assert weights == [D("12.5")] * 4 + [D(30), D(10)]


def test_explicit_points_and_the_rest_shared() -> None:
    rows = [row(OUT, "≥10", "10", points=D(30)), row(OUT, "≥10", "5"), row(OUT, "≥10", "10"), *full_rows()[1:]]
    score = score_evaluation(evaluated(rows), UnitInfo())
    # 产出 50: row 0 has 30, the two others share 50 − 30 = 20 → 10 each; row 1 earns 10 × 5/10 = 5
    assert [r.weight for r in score.rows[:3]] == [D(30), D(10), D(10)]
    # total 10 + 30 + 5 + 10 + 30 + 10 = 95
    assert score.total == D(95)


def test_not_applicable_rows_are_dropped_and_the_rest_rescaled() -> None:
    rows = [
        row(OUT, "≥10", "10"),
        row(OUT, "≥10", "5"),
        row(BEN, "≥10", "10"),
        row(SAT, "≥90%", not_applicable=True),
    ]
    score = score_evaluation(evaluated(rows), UnitInfo())
    # 满意度 has no row left: its 10 drop out; possible = 10 + 50 + 30 = 90
    # earned = 10 (execution) + 25 + 25 × 0.5 + 30 = 77.5; total = 77.5 × 100 / 90 = 86.111…
    assert score.possible == D(90)
    assert score.printed_total == D("86.11") and score.grade == "良"
    # printed 分值 on the 100 scale: 25 × 100/90 = 27.78, execution 10 × 100/90 = 11.11, and N/A 0
    assert [present(r.points) for r in score.rows] == [D("27.78"), D("27.78"), D("33.33"), D(0)]
    assert present(score.execution.points) == D("11.11")
    assert score.rows[3].status is RowStatus.NOT_APPLICABLE and score.complete
    assert present(score.execution.points + sum(r.points for r in score.rows)) == D(100)


def test_not_applicable_row_gives_its_share_to_its_level1() -> None:
    rows = [row(OUT, "≥10", "5"), row(OUT, "≥10", "0", not_applicable=True), *full_rows()[1:]]
    score = score_evaluation(evaluated(rows), UnitInfo())
    # the remaining 产出 row carries all 50 and earns 50 × 5/10 = 25; total 10 + 25 + 30 + 10 = 75
    assert score.rows[0].weight == D(50) and score.total == D(75)


def test_weights_not_adding_up_rescale_to_100() -> None:
    unit = UnitInfo(weight_output=D(60))  # 10 + 60 + 30 + 10 = 110
    score = score_evaluation(evaluated(full_rows(), "100", "50"), unit)
    # earned = 10 × 0.5 + 60 + 30 + 10 = 105; total = 105 × 100 / 110 = 95.4545…
    assert score.possible == D(110) and score.printed_total == D("95.45")


def test_unknown_level1_rows_do_not_count() -> None:
    rows = [*full_rows(), row("投入指标", "≥10", "10")]
    score = score_evaluation(evaluated(rows), UnitInfo())
    assert score.rows[3].status is RowStatus.UNKNOWN_LEVEL1 and score.rows[3].points == 0
    assert score.total == D(100) and not score.complete


def test_unscored_rows_earn_zero_and_mark_the_score_incomplete() -> None:
    rows = [row(OUT, "≥10", ""), *full_rows()[1:]]
    score = score_evaluation(evaluated(rows), UnitInfo())
    # 10 + 0 + 30 + 10 = 50
    assert score.total == D(50) and not score.complete


# ----------------------------------------------------------------------------- execution rate


@pytest.mark.parametrize(
    ("annual", "executed", "rate", "points"),
    [
        ("100", "95", "0.95", "9.5"),  # 95/100 × 10
        ("80", "60", "0.75", "7.5"),  # 60/80 × 10
        ("100", "100", "1", "10"),
        ("100", "120", "1.2", "10"),  # capped at the weight: min(1.2, 1) × 10
        ("0", "0", None, "0"),  # A = 0: not computable
        (None, "10", None, "0"),  # A blank
        ("100", None, None, "0"),  # B blank
        ("100", "-5", None, "0"),  # negative
    ],
)
def test_execution_rate(annual: str | None, executed: str | None, rate: str | None, points: str) -> None:
    score = score_evaluation(evaluated(full_rows(), annual, executed), UnitInfo())
    assert score.execution.rate == (None if rate is None else D(rate))
    assert score.execution.score == D(points) and score.execution.points == D(10)
    assert (score.execution.reason == "") is (rate is not None)
    assert score.complete is (rate is not None)


def test_execution_over_budget_is_capped_at_10() -> None:
    score = score_evaluation(evaluated(full_rows(), "100", "150"), UnitInfo())
    assert score.execution.score == D(10) and score.total == D(100)


def test_execution_rate_function() -> None:
    assert execution_rate(ProjectEval(annual_budget=D("1289.43"), executed=D("1232.43")))[0] is not None
    rate, reason = execution_rate(ProjectEval(annual_budget=D(0), executed=D(1)))
    assert rate is None and "为0" in reason


# ----------------------------------------------------------------------------- grades


def _total_of(output_actual: str, table: str) -> tuple[Decimal, str]:
    # everything met except the 产出 row: total = 10 + 50 × actual/10000 + 30 + 10 = 50 + actual/200
    score = score_evaluation(evaluated(full_rows(output_actual)), UnitInfo(grade_table=table))
    return score.total, score.grade


@pytest.mark.parametrize(
    ("actual", "total", "grade"),
    [
        ("7998", "89.99", "良"),  # 50 + 7998/200 = 89.99
        ("8000", "90", "优"),
        ("7999", "89.995", "优"),  # printed 90.00 → graded on the printed total
        ("5998", "79.99", "中"),
        ("6000", "80", "良"),
        ("1998", "59.99", "差"),
        ("2000", "60", "中"),
        ("0", "50", "差"),
    ],
)
def test_mof_grade_table_boundaries(actual: str, total: str, grade: str) -> None:
    assert _total_of(actual, "90-80-60") == (D(total), grade)


@pytest.mark.parametrize(
    ("actual", "total", "grade"),
    [
        ("6998", "84.99", "良好"),  # 50 + 6998/200 = 84.99
        ("7000", "85", "优秀"),
        ("4998", "74.99", "一般"),
        ("5000", "75", "良好"),
        ("1998", "59.99", "较差"),
        ("2000", "60", "一般"),
        ("10000", "100", "优秀"),
    ],
)
def test_85_75_60_grade_table_boundaries(actual: str, total: str, grade: str) -> None:
    assert _total_of(actual, "85-75-60") == (D(total), grade)


def test_present_rounds_half_up() -> None:
    assert present(D("86.125")) == D("86.13") and present(D("2.675")) == D("2.68")
    assert present(D("89.994999")) == D("89.99")


# ----------------------------------------------------------------------------- seed 002


def test_seed_002_score_and_grade_come_from_its_grade_table() -> None:
    doc = sample("gaoxin-selfeval-2024").load()
    report = doc.self_report
    assert report is not None and report.score == D(100) and doc.unit.grade_table == "85-75-60"
    grade = grade_for(report.score, doc.unit)
    assert grade == grade_table("85-75-60").grade(report.score) == "优秀"
    assert f"得分{report.score}分为{grade}" in report.conclusion
    assert f"综合评价为{grade}" in report.conclusion
    # a 自评表 with every target met and everything spent scores the report's 100 and 优秀
    rows = [row(OUT, "≥4次", "4次"), row(OUT, "≥90%", "100%"), row(BEN, "≥98%", "98%"), row(SAT, "≥90%", "95%")]
    score = score_evaluation(evaluated(rows, "1289.43", "1289.43"), doc.unit)
    assert (score.total, score.grade) == (D(100), "优秀")
    # the seed's own 执行率 95.58% (1232.43 / 1289.43) would give 10 × 0.95579… = 9.56 points:
    # 99.56, still 优秀 — the report's round 100 counts execution in full
    score = score_evaluation(evaluated(rows, "1289.43", "1232.43"), doc.unit)
    assert present(score.execution.rate_percent or D(0)) == D("95.58")
    assert (score.printed_total, score.grade) == (D("99.56"), "优秀")


# ----------------------------------------------------------------------------- start / refresh


def _project() -> Project:
    inds = [
        Indicator("产出指标", "数量指标", "检查企业数", value="≥100家"),
        Indicator("效益指标", "社会效益指标", "事故下降率", value="≥5%"),
        Indicator("满意度指标", "服务对象满意度指标", "企业满意度", value="≥90%"),
    ]
    return Project(name="项目", budget_total=D("50.00"), indicators=inds)


def test_start_evaluation_carries_targets_and_budget() -> None:
    project = _project()
    ev = start_evaluation(project)
    assert [(r.level1, r.level2, r.level3, r.target) for r in ev.rows] == [
        (i.level1, i.level2, i.level3, i.value) for i in project.indicators
    ]
    assert ev.initial_budget == ev.annual_budget == D("50.00") and ev.executed is None
    assert all(r.actual == "" and r.points is None and r.band is None for r in ev.rows)
    project.budget_total = None
    assert start_evaluation(project).annual_budget is None
    assert project.evaluation is None  # pure: the project is not changed


def test_refresh_keeps_actuals_and_adds_new_indicators() -> None:
    project = _project()
    project.evaluation = start_evaluation(project)
    project.evaluation.rows[0].actual = "120家"
    project.evaluation.rows[0].target = "≥110家"  # adjusted during the year: kept
    project.evaluation.rows[2].reason = "问卷回收不足"
    project.evaluation.executed = D("45")
    project.indicators.insert(1, Indicator("产出指标", "质量指标", "检查覆盖率", value="≥90%"))
    del project.indicators[2]  # 事故下降率 removed
    fresh = refresh_evaluation(project)
    assert [r.level3 for r in fresh.rows] == ["检查企业数", "检查覆盖率", "企业满意度", "事故下降率"]
    assert (fresh.rows[0].actual, fresh.rows[0].target) == ("120家", "≥110家")
    assert fresh.rows[1].target == "≥90%" and fresh.rows[1].actual == ""
    assert fresh.rows[2].reason == "问卷回收不足" and fresh.executed == D("45")
    assert len(project.evaluation.rows) == 3  # the project's own 自评表 is untouched


def test_refresh_matches_repeated_names_in_order_and_fills_budget() -> None:
    project = _project()
    project.indicators.append(Indicator("产出指标", "数量指标", "检查企业数", value="≥50家"))
    project.evaluation = ProjectEval(rows=[row(OUT, "≥100家", "100家")])
    project.evaluation.rows[0].level2, project.evaluation.rows[0].level3 = "数量指标", "检查企业数"
    fresh = refresh_evaluation(project)
    assert [r.actual for r in fresh.rows] == ["100家", "", "", ""]
    assert fresh.rows[3].target == "≥50家" and fresh.annual_budget == D("50.00")
    assert refresh_evaluation(Project(indicators=project.indicators)).rows[0].target == "≥100家"


# ----------------------------------------------------------------------------- properties

_amount = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
_weight = st.integers(min_value=0, max_value=100).map(Decimal)


@st.composite
def _rows(draw: st.DrawFn) -> list[EvalRow]:
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        level1 = draw(st.sampled_from([OUT, BEN, SAT, COST, "投入指标"]))
        kind = draw(st.sampled_from(["≥", "≤", "band", "blank"]))
        target = "按时完成" if kind == "band" else f"{kind if kind != 'blank' else ''}{draw(_amount)}"
        points = draw(st.one_of(st.none(), _weight))
        band = draw(st.one_of(st.none(), st.sampled_from(list(Band))))
        rows.append(
            row(level1, target, str(draw(_amount)), band=band, points=points, not_applicable=draw(st.booleans()))
        )
    return rows


@settings(max_examples=200, deadline=None)
@given(_rows(), _weight, _weight, _weight, _weight, st.one_of(st.none(), _amount), _amount)
def test_total_is_always_between_0_and_100(
    rows: list[EvalRow], we: Decimal, wo: Decimal, wb: Decimal, ws: Decimal, annual: Decimal | None, executed: Decimal
) -> None:
    unit = UnitInfo(weight_execution=we, weight_output=wo, weight_benefit=wb, weight_satisfaction=ws)
    project = evaluated(rows, None if annual is None else str(annual), str(executed))
    score = score_evaluation(project, unit)
    assert 0 <= score.total <= 100
    assert all(0 <= r.score <= r.points for r in score.rows)
    assert 0 <= score.execution.score <= score.execution.points
    assert isinstance(score.total, Decimal)


@settings(max_examples=200, deadline=None)
@given(_rows(), _amount, _amount, _amount)
def test_total_is_monotone_in_the_actual_of_a_greater_than_row(
    others: list[EvalRow], target: Decimal, first: Decimal, second: Decimal
) -> None:
    low, high = sorted((first, second))

    def total(actual: Decimal) -> Decimal:
        return score_evaluation(evaluated([row(OUT, f"≥{target}", str(actual)), *others]), UnitInfo()).total

    assert total(low) <= total(high)


def test_department_score_is_the_budget_weighted_mean() -> None:
    from perfdesk.models.document import Document
    from perfdesk.models.scoring import department_score, score_evaluation, start_evaluation
    from perfdesk.samples import sample

    doc: Document = sample("changli-2021").load()
    assert department_score(doc) is None  # no 自评表 started yet
    for project in doc.projects[:2]:
        project.evaluation = start_evaluation(project)
        assert project.evaluation.annual_budget is not None
        project.evaluation.executed = project.evaluation.annual_budget
        for row in project.evaluation.rows:
            row.actual = row.target
            row.band = Band.MET
    first, second = (score_evaluation(p, doc.unit).total for p in doc.projects[:2])
    a, b = (p.evaluation.annual_budget for p in doc.projects[:2])  # type: ignore[union-attr]
    result = department_score(doc)
    assert result is not None
    assert result.weighted and result.projects == 2
    assert result.total == (a * first + b * second) / (a + b)  # 20 and 104 万元
    doc.projects[1].evaluation.annual_budget = None  # type: ignore[union-attr]
    plain = department_score(doc)
    assert plain is not None and not plain.weighted
    assert plain.total == (first + score_evaluation(doc.projects[1], doc.unit).total) / 2


def test_summary_shows_total_and_grade_only_when_every_row_is_scored() -> None:
    """Issue 14: a half-scored 自评表 says how far scoring got instead of a misleading total."""
    from perfdesk.models.document import EvalRow, Project, ProjectEval, UnitInfo
    from perfdesk.models.scoring import score_evaluation

    rows = [
        EvalRow("产出指标", "数量指标", "检查企业数", "≥100家", "120家"),
        EvalRow("效益指标", "社会效益指标", "长效机制", "持续有效", ""),
        EvalRow("产出指标", "数量指标", "指标2:"),  # a spare template row: not counted
    ]
    project = Project(evaluation=ProjectEval(annual_budget=Decimal(50), executed=Decimal(50), rows=rows))
    score = score_evaluation(project, UnitInfo())
    assert score.scored_rows() == (1, 2)
    assert score.summary() == "已评分 1/2 行，总分与等级待全部评分后显示"
    rows[1].actual = "持续有效"  # written as the target: read as 达成
    score = score_evaluation(project, UnitInfo())
    assert score.complete and score.summary().startswith("总分 ")
