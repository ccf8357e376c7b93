"""审核 of the self-evaluation (issue 6): the 自评表 of each project and the report's grade.

Findings on a 自评表 use ``Form.EVALUATION`` with the project index,
the 自评表 row index and the field names of ``EvalRow`` / ``ProjectEval``; the weights are unit
settings (``Form.UNIT``) and the report's grade is on ``Form.SELF_REPORT``.  Codes start with
``eval-``.
:data:`EVAL_FIELD_LABELS` names the fields for
``checks.describe``.  The scoring itself is :mod:`perfdesk.models.scoring`; this module only reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from perfdesk.models import frameworks as fw
from perfdesk.models import row_checks as rc
from perfdesk.models.document import Document, EvalRow, Project, ProjectEval, SelfReport, UnitInfo
from perfdesk.models.findings import Finding, Form, Place, Severity
from perfdesk.models.fund_checks import eval_fund_problems
from perfdesk.models.grades import GRADE_TABLES, grade_table
from perfdesk.models.labels import dept_is_evaluation
from perfdesk.models.money import decimal_places, format_plain
from perfdesk.models.row_checks import is_template_text
from perfdesk.models.rules import RULES
from perfdesk.models.scoring import (
    EXECUTION_THRESHOLD,
    HUNDRED,
    ZERO,
    EvalScore,
    RowStatus,
    group_totals,
    is_spare,
    present,
    row_groups,
    score_evaluation,
    weights_total,
)
from perfdesk.models.text_amounts import sum_problems
from perfdesk.models.values import MONEY_UNITS, parse_value

WEIGHT_LABELS = {
    "weight_execution": "预算执行率",
    "weight_output": "产出指标",
    "weight_benefit": "效益指标",
    "weight_satisfaction": "满意度指标",
}
EVAL_FIELD_LABELS = {
    **{field: f"{label}权重" for field, label in WEIGHT_LABELS.items()},
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
    "execution_reason": "执行率偏低原因",
    "target": "年度指标值",
    "actual": "实际完成值",
    "points": "分值",
    "band": "达成程度",
    "reason": "偏差原因分析及改进措施",
    "conclusion": "评价结论和评价等级",
    "stated_total": "总分",
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "department_name": "主管部门",
    "annual_goal": "年度总体目标",
    "actual_summary": "实际完成情况",
    "stated_score": "得分（表中）",
    "fund_lines": "资金来源",
    "stated_execution_rate": "执行率",
    "stated_execution_points": "预算执行分值",
    "stated_execution_score": "预算执行得分",
    "stated_points_total": "分值合计",
}

_Add = Callable[..., None]  # add(severity, code, message, row=None, field=None)

AMOUNT_LABELS = {f: EVAL_FIELD_LABELS[f] for f in ("initial_budget", "annual_budget", "executed")}

# Row statuses that are a finding of their own: code, severity and the field to jump to.
_STATUS_FINDINGS: dict[RowStatus, tuple[str, Severity, str]] = {
    RowStatus.ACTUAL_IS_TARGET: ("eval-actual-is-target", Severity.ERROR, "actual"),
    RowStatus.NO_ACTUAL: ("eval-actual-missing", Severity.ERROR, "actual"),
    RowStatus.NO_BAND: ("eval-band-missing", Severity.ERROR, "band"),
    RowStatus.NO_TARGET: ("eval-unscored", Severity.WARNING, "target"),
    RowStatus.ACTUAL_NOT_NUMBER: ("eval-unscored", Severity.WARNING, "actual"),
    RowStatus.UNIT_MISMATCH: ("eval-unscored", Severity.WARNING, "actual"),
    RowStatus.UNKNOWN_LEVEL1: ("eval-unscored", Severity.WARNING, "level1"),
}

_GRADE_NAMES = sorted({g for t in GRADE_TABLES.values() for _, g in t.bands}, key=len, reverse=True)
_GRADES = "|".join(_GRADE_NAMES)
# 得分100分为优秀 — a number right after 得分, so 得分≥85分为优秀 (the table itself) is not matched.
_STATED_SCORE = re.compile(rf"得分\s*(\d+(?:\.\d+)?)\s*分\s*[，,]?\s*(?:评价等级)?为\s*({_GRADES})")
_STATED_GRADE = re.compile(rf"(?:综合评价|评价等级|评价结果)\s*为\s*({_GRADES})")


def check_evaluations(doc: Document) -> list[Finding]:
    """All self-evaluation findings of a document: weights, each 自评表, the report's grade."""
    findings = list(_check_weights(doc.unit, weights_score_something(doc)))
    for index, project in enumerate(doc.projects):
        if project.evaluation is not None:
            findings.extend(check_evaluation(project, index, doc.unit))
    if doc.self_report is not None:
        findings.extend(_check_report_grade(doc.self_report, doc.unit))
    return findings


def check_evaluation(project: Project, index: int, unit: UnitInfo) -> list[Finding]:
    """Findings for one project's 自评表 (the project must have one)."""
    evaluation = project.evaluation
    assert evaluation is not None
    found: list[Finding] = []

    def add(severity: Severity, code: str, message: str, row: int | None = None, field: str | None = None) -> None:
        found.append(Finding(severity, code, message, Place(Form.EVALUATION, index, row, field)))

    score = score_evaluation(project, unit)
    for severity, code, message, field in _amount_problems(evaluation):
        add(severity, code, message, field=field)
    for code, message, field in eval_fund_problems(evaluation):
        add(RULES[code].severity, code, message, field=field)
    _check_goal_text(project, evaluation, add)
    _check_execution_reason(evaluation, score, add)
    _check_points(evaluation, unit, add)
    _check_stated(evaluation, score, add)
    _check_execution_rows(evaluation, add)
    _check_points_stated(evaluation, unit, add)
    _check_row_content(evaluation, add, str(unit.layout))
    _check_rows(evaluation, score, add)
    return found


def weights_score_something(doc: Document) -> bool:
    """Whether the unit's 一级 weights score any table: a 自评表 whose every counted row prints its
    own 分值 is scored by those points, and the 部门整体 self-evaluation by its printed points; with
    no self-evaluation at all the weights stand for the tables to come."""
    tables = [p.evaluation for p in doc.projects if p.evaluation is not None]
    if not tables:
        return doc.dept_table is None or not dept_is_evaluation(doc.dept_table)
    return not all(_prints_own_points(e) for e in tables)


def _prints_own_points(evaluation: ProjectEval) -> bool:
    counted = [r for r, group in zip(evaluation.rows, row_groups(evaluation), strict=True) if group is not None]
    return bool(counted) and all(r.points is not None for r in counted)


def _check_weights(unit: UnitInfo, used: bool = True) -> Iterator[Finding]:
    for field, label in WEIGHT_LABELS.items():
        if getattr(unit, field) < 0:
            yield Finding(
                Severity.ERROR, "eval-weights-negative", f"{label}权重不能为负数", Place(Form.UNIT, field=field)
            )
    total = weights_total(unit)
    if total != HUNDRED and used:  # weights that score no table are no basis for a finding
        parts = " + ".join(f"{label}{format_plain(getattr(unit, f))}" for f, label in WEIGHT_LABELS.items())
        yield Finding(
            Severity.WARNING,
            "eval-weights",
            f"自评权重合计 {format_plain(total)} 分（{parts}），不是 100 分；得分已按 100 分折算",
            Place(Form.UNIT, field="weight_execution"),
        )


def _amount_problems(evaluation: ProjectEval) -> Iterator[tuple[Severity, str, str, str]]:
    """Amounts from which no sensible 执行率 can be computed (A below 年初预算数 is fine)."""
    for field, label in AMOUNT_LABELS.items():
        value: Decimal | None = getattr(evaluation, field)
        if value is None:
            continue
        if value < 0:
            yield Severity.ERROR, "eval-amount-negative", f"{label}为负数（{format_plain(value)}）", field
        if decimal_places(value) > 6:
            yield Severity.ERROR, "eval-amount-decimals", f"{label} {format_plain(value)} 万元不足一分，不是金额", field
    a, b = evaluation.annual_budget, evaluation.executed
    if a == 0 and any(row_is_filled(r) for r in evaluation.rows):
        yield (
            Severity.ERROR,
            "eval-budget-zero",
            "全年预算数（A）为 0，无法计算执行率；请填写实际预算数",
            "annual_budget",
        )
        return
    if b is None:
        yield Severity.ERROR, "eval-executed-missing", "全年执行数（B）未填写，无法计算执行率", "executed"
    elif a is None:
        yield Severity.ERROR, "eval-budget-missing", "填写了全年执行数，但全年预算数（A）为空", "annual_budget"
    elif b > a:
        yield (
            Severity.ERROR,
            "eval-executed-over",
            f"全年执行数 {format_plain(b)} 万元超过全年预算数 {format_plain(a)} 万元",
            "executed",
        )


def _check_execution_reason(evaluation: ProjectEval, score: EvalScore, add: _Add) -> None:
    rate = score.execution.rate
    reason = evaluation.execution_reason.strip()
    if rate is not None and rate < EXECUTION_THRESHOLD and (not reason or is_template_text(reason)):
        percent = present(rate * HUNDRED)
        kept = "（原因栏中只有模板说明文字）" if reason else ""
        add(
            Severity.ERROR,
            "eval-execution-reason",
            f"执行率 {percent}% 低于 90%，需要说明原因{kept}",
            field="execution_reason",
        )
    elif reason and is_template_text(reason):
        add(Severity.WARNING, "template-text", "原因栏中留有模板说明文字", field="execution_reason")


def _check_points(evaluation: ProjectEval, unit: UnitInfo, add: _Add) -> None:
    """Explicit 分值 of a 一级 must add up to its weight; a table with its own points is scored by them."""
    first_row: dict[str, int] = {}
    for row_no, row in enumerate(evaluation.rows):
        if row.points is not None and row.points < 0:
            add(Severity.ERROR, "eval-points-negative", f"分值 {format_plain(row.points)} 为负数", row_no, "points")
    if own_points(evaluation):
        _check_own_points(evaluation, unit, add)
        return
    for row_no, group in enumerate(row_groups(evaluation)):
        if group is not None and evaluation.rows[row_no].points is not None:
            first_row.setdefault(group, row_no)
    for group, (assigned, weight) in group_totals(evaluation, unit).items():
        if group not in first_row:
            continue
        label = WEIGHT_LABELS[group]
        if assigned > weight:
            add(
                Severity.ERROR,
                "eval-points-over",
                f"{label}各行分值合计 {format_plain(assigned)} 分，超过该一级指标的权重 {format_plain(weight)} 分",
                first_row[group],
                "points",
            )
        elif assigned < weight:
            add(
                Severity.WARNING,
                "eval-points-under",
                f"{label}各行分值合计 {format_plain(assigned)} 分，少于该一级指标的权重 {format_plain(weight)} 分",
                first_row[group],
                "points",
            )


def own_points(evaluation: ProjectEval) -> bool:
    """True when every counted row carries its own 分值 (a table printed with its points)."""
    counted = [r for r in evaluation.rows if not r.not_applicable and row_is_filled(r)]
    return bool(counted) and all(r.points is not None for r in counted)


def _check_own_points(evaluation: ProjectEval, unit: UnitInfo, add: _Add) -> None:
    """The table's own points: they must add up to 100 with 执行率; a 一级 split unlike the weights is said."""
    counted = [(i, r) for i, r in enumerate(evaluation.rows) if not r.not_applicable and row_is_filled(r)]
    total = sum((r.points or ZERO for _, r in counted), ZERO) + unit.weight_execution
    first = counted[0][0]
    if total != HUNDRED:
        add(
            Severity.ERROR,
            "eval-points-total",
            f"各行分值合计 {format_plain(total - unit.weight_execution)} 分，加预算执行率 "
            f"{format_plain(unit.weight_execution)} 分共 {format_plain(total)} 分，不是 100 分",
            first,
            "points",
        )
        return
    differ = [
        f"{WEIGHT_LABELS[g]} {format_plain(assigned)}（权重 {format_plain(weight)}）"
        for g, (assigned, weight) in group_totals(evaluation, unit).items()
        if assigned != weight
    ]
    if differ:
        add(
            Severity.WARNING,
            "eval-points-own",
            f"本表各一级分值与文档权重不同：{'；'.join(differ)}；按本表分值计分，未折算",
            first,
            "points",
        )


def _check_stated(evaluation: ProjectEval, score: EvalScore, add: _Add) -> None:
    """The 得分 and 总分 the table prints, against its own points and each other."""
    for result in score.rows:
        row = evaluation.rows[result.index]
        if row.stated_score is None or row.points is None or result.share is None:
            continue
        earned = row.points * result.share
        if abs(earned - row.stated_score) > TOLERANCE and row.stated_score <= row.points:
            add(
                Severity.WARNING,
                "eval-score-differs",
                f"表中得分 {format_plain(row.stated_score)}，按实际完成值与指标值应得 {present(earned)} 分（分值 "
                f"{format_plain(row.points)}）",
                result.index,
                "stated_score",
            )
    for row_no, row in enumerate(evaluation.rows):
        if row.stated_score is not None and row.points is not None and row.stated_score > row.points:
            add(
                Severity.ERROR,
                "eval-score-over",
                f"得分 {format_plain(row.stated_score)} 超过分值 {format_plain(row.points)}",
                row_no,
                "stated_score",
            )
    if evaluation.stated_total is None:
        return
    scored = [r.stated_score for r in evaluation.rows if not r.not_applicable and row_is_filled(r)]
    if not scored or any(s is None for s in scored):
        return
    rows_sum = sum((s for s in scored if s is not None), ZERO)
    execution = score.execution.score * score.possible / HUNDRED if score.execution.rate is not None else None
    candidates = [rows_sum] if execution is None else [rows_sum, rows_sum + execution]
    if all(abs(evaluation.stated_total - c) > TOLERANCE for c in candidates):
        shown = (
            format_plain(rows_sum)
            if execution is None
            else f"{format_plain(rows_sum)} + 执行率得分 {present(execution)}"
        )
        add(
            Severity.ERROR,
            "eval-total-stated",
            f"表中总分 {format_plain(evaluation.stated_total)}，与各行得分之和（{shown}）不符",
            field="stated_total",
        )


TOLERANCE = Decimal("0.1")  # printed scores are rounded to one or two decimals


def _check_points_stated(evaluation: ProjectEval, unit: UnitInfo, add: _Add) -> None:
    """The 分值 printed on the 总分 line against the 分值 column it sums (rows, and 预算执行 when printed)."""
    stated = evaluation.stated_points_total
    counted = [r for r in evaluation.rows if not r.not_applicable and row_is_filled(r)]
    if stated is None or not counted or any(r.points is None for r in counted):
        return
    rows_sum = sum((r.points or ZERO for r in counted), ZERO)
    execution = evaluation.stated_execution_points
    candidates = [rows_sum, rows_sum + (unit.weight_execution if execution is None else execution)]
    if all(abs(stated - c) > TOLERANCE for c in candidates):
        shown = format_plain(rows_sum) + ("" if execution is None else f" + 预算执行 {format_plain(execution)}")
        add(
            Severity.ERROR,
            "eval-points-stated",
            f"总分一栏的分值印为 {format_plain(stated)}，各行分值合计 {shown}",
            field="stated_points_total",
        )


_EXECUTION_ROW = re.compile(r"^(年度)?(预算|资金|预算资金)执行率$")


def _check_execution_rows(evaluation: ProjectEval, add: _Add) -> None:
    """A 预算执行率 row of the grid (the 决策/过程/产出/效益 framework puts it under 过程) fully executed —
    its 实际完成值 100 %, or B = A in the funds block — yet printed with a 得分 below its 分值."""
    a, b = evaluation.annual_budget, evaluation.executed
    block_full = a is not None and b is not None and a > 0 and b >= a
    for row_no, row in enumerate(evaluation.rows):
        if not _EXECUTION_ROW.match(re.sub(r"\s+", "", row.level3)):
            continue
        if row.points is None or row.stated_score is None or row.stated_score >= row.points - Decimal("0.05"):
            continue
        actual = parse_value(row.actual)
        if actual.is_quantitative and actual.number is not None:
            full = actual.operator is None and actual.unit in ("%", "") and actual.number >= HUNDRED
        else:
            full = block_full
        if full:
            add(
                Severity.WARNING,
                "funds-score-docked",
                f"预算执行率实际完成{row.actual.strip() or '100%'}，得分却为 {format_plain(row.stated_score)}"
                f"（分值 {format_plain(row.points)}）",
                row_no,
                "stated_score",
            )


def row_is_filled(row: EvalRow) -> bool:
    """A 自评表 row that counts (not a template's spare row such as ``指标2:`` or an empty one)."""
    return not is_spare(row)


_EVAL_TEXT = ("level3", "target", "actual", "reason", "number", "unit", "explanation", "scoring", "note")


def _check_row_content(evaluation: ProjectEval, add: _Add, layout: str = "") -> None:
    """What a 自评表 row says: its 一级 label, template leftovers, units, names, 二级 fit."""
    labels: set[str] = set()
    run: list[int] = []
    for row_no, row in enumerate([*evaluation.rows, None]):
        if row is not None and not row_is_filled(row):
            run.append(row_no)
            continue
        if run:
            _report_placeholder_run(evaluation.rows, run, add)
            run = []
        if row is None or row.not_applicable:
            continue
        _check_level1_label(row, row_no, labels, add)
        _actual_unit(row, row_no, add)
        level2 = fw.canonical_level2(row.level2)
        problems = [
            *rc.template_problems(row, _EVAL_TEXT),
            *rc.name_problems(row),
            *rc.misfiled(row, level2),
            *rc.unit_problems(row, "target", level2),
            *rc.direction_problems(row, "target", layout),
            # a 自评表 copies its targets: a 定性 cost is sent back on the target table, not here
            *(p for p in rc.value_problems(row, "target", level2) if p[0] != "cost-qualitative"),
        ]
        for code, message, field in problems:
            add(Severity.WARNING, code, message, row_no, field)


def _check_goal_text(project: Project, evaluation: ProjectEval, add: _Add) -> None:
    """预期目标 and 实际完成情况: not the same words, not just the project's name."""
    goal, done = evaluation.annual_goal.strip(), evaluation.actual_summary.strip()
    for field, text in (("annual_goal", goal), ("actual_summary", done)):
        for message in sum_problems(text) if "其中" in text else []:
            add(Severity.WARNING, "text-sum", message, field=field)
    name = project.name.strip()
    if goal and len(goal) >= 4 and goal.rstrip("。") in name:
        add(Severity.WARNING, "copied-text", "年度目标只写了项目名称，没有写出要达到的目标", field="annual_goal")
    if goal and goal == done:
        add(
            Severity.WARNING,
            "copied-text",
            "实际完成情况与年度目标文字完全相同，没有写出完成了什么",
            field="actual_summary",
        )


def _actual_unit(row: EvalRow, row_no: int, add: _Add) -> None:
    target, actual = parse_value(row.target), parse_value(row.actual)
    # money only: 元 and 万元 differ ten-thousandfold, a bare count or rate is read in the target's unit
    if target.is_quantitative and actual.is_quantitative and target.unit in MONEY_UNITS and not actual.unit:
        add(
            Severity.WARNING,
            "eval-actual-unit",
            f"实际完成值“{row.actual}”没有写金额单位，指标值是“{row.target}”：请写明元或万元",
            row_no,
            "actual",
        )


def _report_placeholder_run(rows: list[EvalRow], run: list[int], add: _Add) -> None:
    named = next((rows[i].level3.strip() for i in run if rows[i].level3.strip()), "")
    more = f"（连续 {len(run)} 行）" if len(run) > 1 else ""
    if named:
        add(Severity.WARNING, "template-text", f"“{named}”是模板留下的占位行{more}，请填写或删除", run[0], "level3")
    elif any(rows[i].level1.strip() or rows[i].level2.strip() for i in run):
        add(Severity.WARNING, "row-empty", f"空行{more}：没有三级指标和指标值，请填写或删除", run[0], "level3")


# The 一级 of 财预〔2020〕10号's evaluation framework (决策, 过程/管理, 产出, 效益): 决策 and 过程 rows are
# legitimate in a 自评表 drawn up that way; perfdesk does not score them (the total says so).
EVALUATION_LEVEL1 = re.compile(r"^(项目)?(决策|过程|管理)(指标)?$")


def _check_level1_label(row: EvalRow, row_no: int, said: set[str], add: _Add) -> None:
    label = row.level1.strip()
    if fw.canonical_level1(label) is not None or label in said:
        return
    if EVALUATION_LEVEL1.match(fw.POINTS.sub("", re.sub(r"\s+", "", label))):
        return
    said.add(label)
    inferred = fw.level1_of(row.level1, row.level2)
    how = f"，按二级指标归入{inferred}计分" if inferred else "，本行及同名各行无法计分"
    add(Severity.WARNING, "eval-level1-unknown", f"一级指标“{label or '（空）'}”无法识别{how}", row_no, "level1")


def _check_rows(evaluation: ProjectEval, score: EvalScore, add: _Add) -> None:
    for result in score.rows:
        row = evaluation.rows[result.index]
        if result.status is RowStatus.UNKNOWN_LEVEL1 or not row_is_filled(row):
            continue  # said once per label by eval-level1-unknown; a spare row is said by its run
        problem = _STATUS_FINDINGS.get(result.status)
        if result.status is RowStatus.NO_BAND and row.stated_score is not None:
            problem = None  # a printed 得分 is the table's own judgement of the row: no band to choose
        if problem is not None:
            code, severity, field = problem
            add(severity, code, result.reason, result.index, field)
        elif result.below_points and not row.reason.strip():
            add(
                Severity.ERROR,
                "eval-reason-missing",
                f"得分 {present(result.score)} 低于分值 {present(result.points)}，需要填写偏差原因分析及改进措施",
                result.index,
                "reason",
            )


def _check_report_grade(report: SelfReport, unit: UnitInfo) -> Iterator[Finding]:
    """The score and grade written in 评价结论 against the grade table of the document."""
    table = grade_table(unit.grade_table)
    at = Place(Form.SELF_REPORT, field="conclusion")
    for match in _STATED_SCORE.finditer(report.conclusion):
        stated, grade = Decimal(match[1]), match[2]
        expected = table.grade(stated)
        if grade != expected:
            yield Finding(
                Severity.ERROR,
                "eval-report-grade",
                f"评价结论写“得分{match[1]}分为{grade}”，按评价等级表（{table.name}）应为{expected}",
                at,
            )
        if report.score is not None and stated != report.score:
            yield Finding(
                Severity.WARNING,
                "eval-report-score",
                f"评价结论写得分 {match[1]} 分，与得分栏 {format_plain(report.score)} 分不一致",
                at,
            )
    if report.score is None:
        return
    expected = table.grade(present(report.score))
    for match in _STATED_GRADE.finditer(report.conclusion):
        if match[1] != expected:
            yield Finding(
                Severity.ERROR,
                "eval-report-grade",
                f"评价结论写“评价为{match[1]}”，得分 {format_plain(report.score)} 分按评价等级表应为{expected}",
                at,
            )
