"""Self-evaluation scoring (自评打分) of a project's 自评表, F5 (domain.md §6).

Everything is ``Decimal``; nothing is rounded here except :func:`present` (half-up, two
decimals), which the UI and the exports call when they print.  The rules, in order:

* **一级.**  The 一级 as typed (a printed point budget such as ``产出指标(50分)`` is ignored); a
  label cell holding only ``(50分)`` takes the 一级 its 二级 belongs to.
* **Weights.**  ``UnitInfo.weight_execution`` goes to the 预算执行率; the 一级 weights
  ``weight_output`` / ``weight_benefit`` / ``weight_satisfaction`` go to the indicator rows.
  The 2021 framework's 成本指标 has no weight of its own: its rows share the 产出 weight with
  the 产出 rows (财预〔2021〕101号 moved 成本 out of 产出 but the scoring tables did not follow).
* **Row points (分值).**  ``EvalRow.points`` when set; otherwise what is left of the 一级
  weight after the explicit points, split equally among the rows without explicit points.
* **Spare rows.**  A template's spare row (``指标2:``, ``……``, or only 一级/二级) is not counted at all.
* **Not applicable.**  Rows marked ``not_applicable`` are dropped (a 一级 left with no rows
  drops its weight), and every point is rescaled by ``100 / possible`` so the total possible
  stays 100.  The same rescaling absorbs weights that do not add up to 100 (the checks say so).
* **Execution.**  执行率 = B/A; its score is ``min(B/A, 1) × weight_execution``.
* **定量 rows.**  正向 (≥, >, =, or a plain number): ``min(actual/target, 1)``; 反向 (≤, <):
  ``min(target/actual, 1)``, an actual of 0 earning everything.  A target of exactly 0 without
  ≥/> (``0起``) is 反向: only an actual of 0 meets it.  A range target (``25000-27400人``) is
  met at its lower bound (正向) or judged against its upper bound (反向).
* **定性 rows** are scored by the clerk's band through :data:`BAND_SHARES`; with no band chosen, an
  actual written exactly as the target (``高`` for ``高``), or saying so (:data:`MET_WORDS`:
  ``达成预期指标``, ``已达成`` …), is read as 达成.  A 定量 row whose
  actual is words (``全部完成``) falls back to its band when one is chosen.
* **Not computable.**  A row or execution rate that cannot be scored earns 0, keeps its points
  in the possible total and carries a :class:`RowStatus` and a Chinese reason; the score is then
  marked incomplete.  An actual that still carries ≥ ≤ > < (``≥266米``) is a target typed by
  mistake and is never scored (an actual ``=100%`` is read as 100%).
* **Grade.**  Taken from the total as printed (two decimals, half-up), so that the printed
  score and the printed grade never disagree: 89.995 prints 90.00 and grades 优 on 90-80-60.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from perfdesk.models import frameworks as fw
from perfdesk.models.document import (
    INDICATOR_DETAIL_FIELDS,
    Band,
    Document,
    EvalRow,
    Indicator,
    Project,
    ProjectEval,
    UnitInfo,
)
from perfdesk.models.grades import grade_table
from perfdesk.models.money import round_money
from perfdesk.models.row_checks import is_placeholder_name
from perfdesk.models.values import MONEY_UNITS, ParsedValue, is_placeholder, one_cell_value, parse_value

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
EXECUTION_THRESHOLD = Decimal("0.9")  # 执行率 below 90 % needs a written reason

# Share of a row's points for each band of a 定性 row.  domain.md §6 gives ranges — 达成 100–80 %,
# 部分达成 80–60 %, 未达成 60–0 % — and the model stores only the band, so each band scores at one
# documented point of its range: 达成 at the top (a target fully met scores like a 定量 target
# met, so an all-met project reaches 100 as in seed 002), the two others at the middle of
# their ranges (a reviewer's neutral reading of "partly" and "not met").
BAND_SHARES: dict[Band, Decimal] = {
    Band.MET: Decimal("1.00"),
    Band.PARTLY: Decimal("0.70"),
    Band.NOT_MET: Decimal("0.30"),
}

# Which UnitInfo weight a canonical 一级 name draws on.
WEIGHT_FIELDS: dict[str, str] = {
    fw.OUTPUT: "weight_output",
    fw.COST: "weight_output",
    fw.BENEFIT: "weight_benefit",
    fw.SATISFACTION: "weight_satisfaction",
}

REVERSE_OPERATORS = frozenset({"≤", "<"})
TARGET_OPERATORS = frozenset({"≥", "≤", ">", "<"})  # an actual carrying one of these is a target


class RowStatus(StrEnum):
    """Whether a row was scored, and if not, why."""

    SCORED = "已评分"
    NOT_APPLICABLE = "不适用"
    SPARE = "空行"  # a template's spare row (指标2:, ……, or nothing but 一级/二级): not counted
    UNKNOWN_LEVEL1 = "一级指标无法识别"
    NO_TARGET = "指标值未填写"
    NO_ACTUAL = "实际完成值未填写"
    ACTUAL_IS_TARGET = "实际完成值是目标值"
    ACTUAL_NOT_NUMBER = "实际完成值不是数值"
    UNIT_MISMATCH = "单位不一致"
    NO_BAND = "未选择达成程度"


@dataclass(frozen=True)
class RowResult:
    """How one row fares on its own: status, share of its points earned (0–1) and a reason."""

    status: RowStatus
    share: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True)
class RowScore:
    """One 自评表 row scored: 分值 and 得分 on the 100-point scale, plus the unscaled weight."""

    index: int
    group: str | None  # the UnitInfo weight field the row draws on; None when not counted
    status: RowStatus
    weight: Decimal  # 分值 as set or shared, before rescaling to 100
    points: Decimal  # 分值 on the 100-point scale
    score: Decimal  # 得分 on the 100-point scale
    share: Decimal | None  # score / points, None when not scored
    reason: str = ""

    @property
    def below_points(self) -> bool:
        """True when a scored row earned less than its points (a deviation to explain)."""
        return self.status is RowStatus.SCORED and self.score < self.points


@dataclass(frozen=True)
class ExecutionScore:
    """预算执行率 B/A and its 分值 / 得分 on the 100-point scale."""

    rate: Decimal | None  # B/A as a fraction (0.9558), None when not computable
    weight: Decimal  # weight_execution, before rescaling
    points: Decimal
    score: Decimal
    reason: str = ""

    @property
    def rate_percent(self) -> Decimal | None:
        """The rate in percent, unrounded."""
        return None if self.rate is None else self.rate * HUNDRED


@dataclass(frozen=True)
class EvalScore:
    """A scored 自评表: per-row results, the execution rate, total 0–100 and grade."""

    rows: tuple[RowScore, ...]
    execution: ExecutionScore
    possible: Decimal  # sum of the unscaled weights that count (100 when nothing is dropped)
    total: Decimal  # 0–100, unrounded
    grade: str
    complete: bool  # False when a row or the execution rate could not be scored

    @property
    def printed_total(self) -> Decimal:
        """The total as printed: two decimals, half-up."""
        return present(self.total)

    def scored_rows(self) -> tuple[int, int]:
        """(rows scored, rows that count): not-applicable and spare template rows do not count."""
        counted = [r for r in self.rows if r.status not in (RowStatus.NOT_APPLICABLE, RowStatus.SPARE)]
        return sum(r.status is RowStatus.SCORED for r in counted), len(counted)

    def summary(self) -> str:
        """总分 and 等级 only when every row (and the 执行率) is scored; otherwise how far scoring got."""
        if self.complete:
            return f"总分 {self.printed_total} 等级：{self.grade}"
        scored, counted = self.scored_rows()
        rate = "" if self.execution.rate is not None else "，执行率无法计算"
        return f"已评分 {scored}/{counted} 行{rate}，总分与等级待全部评分后显示"


def present(value: Decimal) -> Decimal:
    """Round a score or rate for print: two decimals, half-up."""
    return round_money(value)


def grade_for(total: Decimal, unit: UnitInfo) -> str:
    """The grade of a total in the unit's grade table, judged on the printed total."""
    return grade_table(unit.grade_table).grade(present(total))


# ----------------------------------------------------------------------------- starting a 自评表


def _row_from(ind: Indicator) -> EvalRow:
    # the target as the clerk typed it (or composed from split columns) and the row's structure
    details = {name: getattr(ind, name) for name in INDICATOR_DETAIL_FIELDS}
    return EvalRow(level1=ind.level1, level2=ind.level2, level3=ind.level3, target=one_cell_value(ind), **details)


def start_evaluation(project: Project) -> ProjectEval:
    """A new 自评表 from the project's own targets: one row per indicator, budget = 预算数."""
    rows = [_row_from(ind) for ind in project.indicators]
    return ProjectEval(initial_budget=project.budget_total, annual_budget=project.budget_total, rows=rows)


def _key(level1: str, level2: str, level3: str) -> tuple[str, str, str]:
    return (level1.strip(), level2.strip(), level3.strip())


def refresh_evaluation(project: Project) -> ProjectEval:
    """The project's 自评表 brought up to date with its indicators; the project is not changed.

    Rows follow the indicator order.  An indicator whose 一级/二级/三级 match an existing row
    keeps that row as entered (actual, band, points, reason — and its target, which may have
    been adjusted during the year); repeated names match in order.  Indicators without a row get
    a new one.  Rows whose indicator is gone are kept at the end, so nothing typed is lost.
    Blank budget fields are filled from 预算数; everything else is kept.
    """
    if project.evaluation is None:
        return start_evaluation(project)
    old = copy.deepcopy(project.evaluation)
    waiting: dict[tuple[str, str, str], list[EvalRow]] = defaultdict(list)
    for row in old.rows:
        waiting[_key(row.level1, row.level2, row.level3)].append(row)
    rows = []
    for ind in project.indicators:
        queue = waiting.get(_key(ind.level1, ind.level2, ind.level3))
        rows.append(queue.pop(0) if queue else _row_from(ind))
    kept = {id(r) for r in rows}
    rows.extend(r for r in old.rows if id(r) not in kept)
    old.rows = rows
    if old.initial_budget is None:
        old.initial_budget = project.budget_total
    if old.annual_budget is None:
        old.annual_budget = project.budget_total
    return old


# ----------------------------------------------------------------------------- execution rate


def execution_rate(evaluation: ProjectEval) -> tuple[Decimal | None, str]:
    """B/A as a fraction, or None with the reason it cannot be computed."""
    a, b = evaluation.annual_budget, evaluation.executed
    if a is None:
        return None, "全年预算数（A）未填写"
    if b is None:
        return None, "全年执行数（B）未填写"
    if a < 0 or b < 0:
        return None, "预算数或执行数为负数"
    if a == 0:
        return None, "全年预算数（A）为0，无法计算执行率"
    return b / a, ""


def score_execution(evaluation: ProjectEval, weight: Decimal) -> ExecutionScore:
    """执行率 and its unscaled score ``min(B/A, 1) × weight`` (points and score not yet rescaled)."""
    weight = max(weight, ZERO)
    rate, reason = execution_rate(evaluation)
    earned = ZERO if rate is None else min(rate, ONE) * weight
    return ExecutionScore(rate=rate, weight=weight, points=weight, score=earned, reason=reason)


# ----------------------------------------------------------------------------- one row


def _same_unit(target: ParsedValue, actual: ParsedValue) -> tuple[ParsedValue, Decimal] | None:
    """The target and the actual number in one unit (money converted to 万元), or None."""
    assert target.number is not None and actual.number is not None
    if not (target.unit and actual.unit and target.unit != actual.unit):
        return target, actual.number
    if target.unit not in MONEY_UNITS or actual.unit not in MONEY_UNITS:
        return None
    factor = MONEY_UNITS[target.unit]
    upper = None if target.number_max is None else target.number_max * factor
    return replace(target, number=target.number * factor, number_max=upper), actual.number * MONEY_UNITS[actual.unit]


def _is_reverse(target: ParsedValue) -> bool:
    """反向 (smaller is better): ≤ or <, or an exact target of 0 (``0起``)."""
    if target.operator in REVERSE_OPERATORS:
        return True
    return target.operator in (None, "=") and target.number == 0 and target.number_max is None


def quantitative_share(target: ParsedValue, actual: Decimal) -> Decimal:
    """Share of the points for a 定量 row: 正向 min(actual/target, 1), 反向 min(target/actual, 1)."""
    assert target.number is not None
    if _is_reverse(target):
        limit = target.number_max if target.number_max is not None else target.number
        return ONE if actual <= 0 else min(limit / actual, ONE)
    if target.number <= 0:
        return ONE
    return min(actual / target.number, ONE)


# An actual that says in so many words that a 定性 target was met, when no band is chosen.
MET_WORDS = frozenset({"达成", "已达成", "达成预期", "达成预期指标", "达成预期目标", "达到预期", "已达到预期"})


def _band_result(row: EvalRow, missing: RowResult) -> RowResult:
    actual = row.actual.strip().rstrip("。")
    if row.band is None and actual and actual == row.target.strip():
        return RowResult(RowStatus.SCORED, BAND_SHARES[Band.MET], "实际完成值与指标值相同，按“达成”计分")
    if row.band is None and actual in MET_WORDS and not parse_value(row.target).is_quantitative:
        return RowResult(RowStatus.SCORED, BAND_SHARES[Band.MET], f"实际完成值写“{actual}”，按“达成”计分")
    if row.band is None:
        return missing
    return RowResult(RowStatus.SCORED, BAND_SHARES[Band(row.band)], f"按达成程度“{Band(row.band).value}”计分")


def is_spare(row: EvalRow) -> bool:
    """A template's spare row: no name, target or actual, or a name such as ``指标2:`` / ``……``
    whose values are blank or only ``/`` (the clerk's mark for 不适用)."""
    name = row.level3.strip()
    values = (row.target.strip(), row.actual.strip(), row.number.strip())
    if not name and not any(values):
        return True
    return is_placeholder_name(name) and all(not v or is_placeholder(v) for v in values)


def row_result(row: EvalRow) -> RowResult:
    """Score one row on its own (share of its points), or say why it cannot be scored."""
    if row.not_applicable:
        return RowResult(RowStatus.NOT_APPLICABLE, reason="不适用，不计分")
    if is_spare(row):
        return RowResult(RowStatus.SPARE, reason="空行，不计分")
    if fw.level1_of(row.level1, row.level2) not in WEIGHT_FIELDS:
        return RowResult(RowStatus.UNKNOWN_LEVEL1, reason=f"一级指标“{row.level1}”无法识别，不计分")
    actual = parse_value(row.actual)
    if actual.is_quantitative and actual.operator in TARGET_OPERATORS:
        return RowResult(
            RowStatus.ACTUAL_IS_TARGET, reason=f"实际完成值“{row.actual}”带有“{actual.operator}”，像是目标值"
        )
    typed = one_cell_value(row, "target")  # as typed, or composed from split columns
    if not typed.strip():
        return _band_result(row, RowResult(RowStatus.NO_TARGET, reason="指标值未填写"))
    target = parse_value(typed)
    if not target.is_quantitative:
        return _band_result(row, RowResult(RowStatus.NO_BAND, reason=f"定性指标“{typed}”未选择达成程度"))
    if not row.actual.strip():
        return _band_result(row, RowResult(RowStatus.NO_ACTUAL, reason="实际完成值未填写"))
    if not actual.is_quantitative or actual.number_max is not None:
        missing = RowResult(RowStatus.ACTUAL_NOT_NUMBER, reason=f"实际完成值“{row.actual}”不是一个数值")
        return _band_result(row, missing)
    same = _same_unit(target, actual)
    if same is None:
        reason = f"实际完成值“{row.actual}”与指标值“{typed}”单位不一致"
        return RowResult(RowStatus.UNIT_MISMATCH, reason=reason)
    return RowResult(RowStatus.SCORED, quantitative_share(*same))


# ----------------------------------------------------------------------------- weights


def _unit_weight(unit: UnitInfo, field: str) -> Decimal:
    return max(getattr(unit, field), ZERO)


def row_groups(evaluation: ProjectEval) -> list[str | None]:
    """The UnitInfo weight field each row draws on; None for rows that do not count."""
    groups: list[str | None] = []
    for row in evaluation.rows:
        field = WEIGHT_FIELDS.get(fw.level1_of(row.level1, row.level2) or "")
        groups.append(None if row.not_applicable or is_spare(row) else field)
    return groups


def row_weights(evaluation: ProjectEval, unit: UnitInfo) -> list[Decimal]:
    """The unscaled 分值 of each row: explicit points, else an equal share of what is left."""
    groups = row_groups(evaluation)
    weights = [ZERO] * len(evaluation.rows)
    members: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        if group is not None:
            members[group].append(index)
    for group, indexes in members.items():
        explicit = [i for i in indexes if evaluation.rows[i].points is not None]
        free = [i for i in indexes if evaluation.rows[i].points is None]
        for i in explicit:
            weights[i] = max(evaluation.rows[i].points or ZERO, ZERO)
        left = max(_unit_weight(unit, group) - sum((weights[i] for i in explicit), ZERO), ZERO)
        for i in free:
            weights[i] = left / len(free)
    return weights


def group_totals(evaluation: ProjectEval, unit: UnitInfo) -> dict[str, tuple[Decimal, Decimal]]:
    """For each weight group with counted rows: (sum of its row 分值, the unit's weight)."""
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for group, weight in zip(row_groups(evaluation), row_weights(evaluation, unit), strict=True):
        if group is not None:
            assigned, _ = totals.get(group, (ZERO, ZERO))
            totals[group] = (assigned + weight, _unit_weight(unit, group))
    return totals


def weights_total(unit: UnitInfo) -> Decimal:
    """weight_execution + the three 一级 weights (100 when the settings are right)."""
    return unit.weight_execution + unit.weight_output + unit.weight_benefit + unit.weight_satisfaction


# ----------------------------------------------------------------------------- the whole 自评表


def _scaled(value: Decimal, possible: Decimal) -> Decimal:
    """A value on the 100-point scale; multiplying first keeps a full score at exactly 100."""
    return value * HUNDRED / possible if possible > 0 else ZERO


def score_evaluation(project: Project, unit: UnitInfo) -> EvalScore:
    """Score the project's 自评表 (an empty one when it has none) with the unit's weights."""
    evaluation = project.evaluation or ProjectEval()
    execution = score_execution(evaluation, unit.weight_execution)
    weights = row_weights(evaluation, unit)
    groups = row_groups(evaluation)
    results = [row_result(row) for row in evaluation.rows]
    earned = [w * r.share if r.share is not None else ZERO for w, r in zip(weights, results, strict=True)]
    possible = execution.weight + sum(weights, ZERO)
    total = _scaled(execution.score + sum(earned, ZERO), possible)
    rows = tuple(
        RowScore(
            index=i,
            group=groups[i],
            status=results[i].status,
            weight=weights[i],
            points=_scaled(weights[i], possible),
            score=_scaled(earned[i], possible),
            share=results[i].share,
            reason=results[i].reason,
        )
        for i in range(len(results))
    )
    counted = [r for r in rows if r.status not in (RowStatus.NOT_APPLICABLE, RowStatus.SPARE)]
    complete = execution.rate is not None and all(r.status is RowStatus.SCORED for r in counted)
    scaled_execution = ExecutionScore(
        rate=execution.rate,
        weight=execution.weight,
        points=_scaled(execution.weight, possible),
        score=_scaled(execution.score, possible),
        reason=execution.reason,
    )
    return EvalScore(
        rows=rows,
        execution=scaled_execution,
        possible=possible,
        total=total,
        grade=grade_for(total, unit),
        complete=complete,
    )


@dataclass(frozen=True)
class DepartmentScore:
    """The 自评报告's overall score derived from the projects' 自评表."""

    total: Decimal  # unrounded
    grade: str
    projects: int  # how many 自评表 counted
    complete: bool  # every counted 自评表 was fully scored
    weighted: bool  # weighted by 全年预算数 (otherwise a plain mean)


def department_score(doc: Document) -> DepartmentScore | None:
    """Budget-weighted mean of the projects' 自评表 totals (plain mean when no budget is given).

    Only projects with a started 自评表 count; None when there is none.  The 自评报告's own score
    stays what the clerk wrote: the editor offers this value, it never overwrites it silently.
    """
    scored = [(p, score_evaluation(p, doc.unit)) for p in doc.projects if p.evaluation and p.evaluation.rows]
    if not scored:
        return None
    budgets = [p.evaluation.annual_budget if p.evaluation else None for p, _ in scored]
    weighted = all(b is not None and b > 0 for b in budgets)
    weights = [b if weighted and b is not None else Decimal(1) for b in budgets]
    total = sum((w * s.total for w, (_, s) in zip(weights, scored, strict=True)), ZERO) / sum(weights, ZERO)
    return DepartmentScore(
        total=total,
        grade=grade_for(total, doc.unit),
        projects=len(scored),
        complete=all(s.complete for _, s in scored),
        weighted=weighted,
    )
