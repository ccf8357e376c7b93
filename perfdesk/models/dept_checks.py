"""审核 of the 部门整体 table (F3) and the 自评报告 (F4): money blocks, goals, indicator rows.

Split from :mod:`perfdesk.models.checks`, which calls :func:`check_dept_table` and
:func:`check_self_report`; rule ids and sources are in :mod:`perfdesk.models.rules`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal

from perfdesk.models import frameworks as fw
from perfdesk.models import row_checks as rc
from perfdesk.models.document import DeptIndicator, DeptLayout, DeptTable, Framework, SelfReport
from perfdesk.models.findings import Finding, Form, Place, Severity
from perfdesk.models.fund_checks import dept_fund_problems
from perfdesk.models.money import format_plain, sum_amounts
from perfdesk.models.rules import RULES, RuleSet, rule_set
from perfdesk.models.text_amounts import sum_problems
from perfdesk.models.values import is_placeholder

_At = Callable[[str], Place]
_LABELS = {"level3": "三级指标", "period_value": "实施周期指标值", "annual_value": "年度指标值"}


def empty_level2(spec: fw.FrameworkSpec, used: dict[str, set[str]], *, skip_unused_level1: bool) -> Iterator[str]:
    """A message per 一级 naming the framework's 二级 categories that no row uses."""
    for l1 in spec.level1_names():
        if skip_unused_level1 and l1 not in used:
            continue
        missing = [n for n in spec.level2_names(l1) if n not in used.get(l1, set())]
        if missing:
            yield f"{l1}下没有以下二级指标：{'、'.join(missing)}"


_DEPT_TEXT_FIELDS = ("level3", "period_value", "annual_value", "number", "unit", "explanation", "scoring", "note")


def check_dept_table(table: DeptTable, framework: Framework, rules: RuleSet | None = None) -> Iterator[Finding]:
    def at(field: str | None = None, row: int | None = None) -> Place:
        return Place(Form.DEPT_TABLE, row=row, field=field)

    yield from _check_dept_amounts(table, at)
    for code, message, field in dept_fund_problems(table):
        yield Finding(RULES[code].severity, code, message, at(field))
    if not table.dept_name.strip():
        yield Finding(Severity.WARNING, "header-missing", "部门名称未填写：表中看不出是哪个部门的", at("dept_name"))
    filled = [i for i in table.indicators if _dept_filled(i)]
    rubric = bool(filled) and not any(_dept_value(i) for i in filled)  # an evaluation rubric: no targets
    if not rubric and not any(g.strip() for g in table.goals) and not table.annual_goal.strip():
        yield Finding(Severity.ERROR, "dept-goals", "总体绩效目标未填写", at("goals"))
    for field in ("annual_goal", "achievement"):
        for message in sum_problems(getattr(table, field)) if "其中" in getattr(table, field) else []:
            yield Finding(Severity.WARNING, "text-sum", message, at(field))
    yield from _check_duty_targets(table, at)
    if table.duties.strip() and table.duties.strip() == table.annual_goal.strip():
        yield Finding(Severity.WARNING, "copied-text", "年度总体目标与部门职责文字完全相同", at("annual_goal"))
    yield from _check_dept_rows(table, framework, at)
    yield from _check_dept_weights(table, rules or rule_set("national"), at)
    yield from _check_dept_total(table, at)


def _weighted_rows(table: DeptTable) -> list[tuple[int, DeptIndicator]]:
    """The filled rows of a target table (not a rubric), when every one of them carries a 权重/分值."""
    rows = [(i, ind) for i, ind in enumerate(table.indicators) if _dept_filled(ind)]
    if not rows or not any(_dept_value(ind) for _, ind in rows):
        return []  # an evaluation rubric prints points per criterion, not indicator weights
    return rows if all(ind.weight is not None for _, ind in rows) else []


def _check_dept_weights(table: DeptTable, rules: RuleSet, at: Callable[..., Place]) -> Iterator[Finding]:
    """The rows' weights add up to the rule set's total, or to 100 less the 预算执行 分值 the table prints.

    Rows whose weight was not printed (lost, or a table that weighs only some rows) are not summed."""
    rows = _weighted_rows(table)
    if not rows:
        return
    total = sum((ind.weight for _, ind in rows if ind.weight is not None), Decimal(0))
    targets = list(rules.weight_totals)
    if table.stated_execution_points is not None:
        targets.append(Decimal(100) - table.stated_execution_points)
    if total not in targets:
        shown = " 或 ".join(format_plain(t) for t in dict.fromkeys(targets))
        yield Finding(
            Severity.WARNING,
            "weights-total",
            f"指标权重合计 {format_plain(total)}，应为 {shown}（规则集：{rules.name}）",
            at("weight", rows[0][0]),
        )


def _check_dept_total(table: DeptTable, at: Callable[..., Place]) -> Iterator[Finding]:
    """自评总分 = the rows' 得分 + 预算执行 得分, when every filled row prints its 得分."""
    if table.stated_total is None:
        return
    rows = [ind for ind in table.indicators if _dept_filled(ind)]
    scores = [ind.stated_score for ind in rows]
    if not rows or any(s is None for s in scores):
        return
    rows_sum = sum((s for s in scores if s is not None), Decimal(0))
    execution = table.stated_execution_score
    candidates = [rows_sum] if execution is None else [rows_sum + execution]
    if all(abs(table.stated_total - c) > Decimal("0.1") for c in candidates):
        shown = format_plain(rows_sum) + ("" if execution is None else f" + 预算执行得分 {format_plain(execution)}")
        yield Finding(
            Severity.ERROR,
            "eval-total-stated",
            f"表中自评总分 {format_plain(table.stated_total)}，与各行得分之和（{shown}）不符",
            at("stated_total"),
        )


def _check_duty_targets(table: DeptTable, at: Callable[..., Place]) -> Iterator[Finding]:
    """年度履职目标: the spending items' 预算金额 together are the year's budget (万元)."""
    amounts = [d.amount for d in table.duty_targets if d.amount is not None]
    if amounts and table.budget_total is not None and sum_amounts(*amounts) != table.budget_total:
        yield Finding(
            Severity.WARNING,
            "dept-duty-sum",
            f"年度履职目标预算金额合计 {format_plain(sum_amounts(*amounts))} 万元与年度预算总额"
            f" {format_plain(table.budget_total)} 万元不符",
            at("duty_targets"),
        )


def _check_dept_amounts(table: DeptTable, at: Callable[..., Place]) -> Iterator[Finding]:
    """The Guangdong money block, when it is filled in at all."""
    money = (table.basic_expense, table.project_expense, table.special_funds, table.other_development)
    income_given = (table.income_fiscal, table.income_other)
    if table.budget_total is not None:
        for field in ("basic_expense", "project_expense", "special_funds", "other_development"):
            part = getattr(table, field)
            if part is not None and part > table.budget_total:
                yield Finding(
                    Severity.ERROR,
                    "dept-part-over",
                    f"{DEPT_LABELS[field]} {format_plain(part)} 大于年度预算总额 {format_plain(table.budget_total)}（小数点是否丢失？）",
                    at(field),
                )
    if all(v is None for v in (*money, *income_given, table.local_use, table.transfer)):
        return
    expense = sum_amounts(*money)
    income = sum_amounts(*income_given)
    both_sides = any(v is not None for v in money) and any(v is not None for v in income_given)
    if both_sides and expense != income:
        yield Finding(
            Severity.ERROR,
            "dept-balance",
            f"部门预算支出合计 {format_plain(expense)} 万元与收入来源合计 {format_plain(income)} 万元不符",
            at("income_fiscal"),
        )
    if table.layout is DeptLayout.GUANGDONG:
        for field, label in (("local_use", "市本级使用资金"), ("transfer", "拟用于对下转移支付资金")):
            if getattr(table, field) is None:
                yield Finding(Severity.WARNING, "dept-blank", f"{label}未填写", at(field))
    if table.local_use is not None and table.transfer is not None and table.local_use + table.transfer != income:
        yield Finding(Severity.ERROR, "dept-levels", "按预算级次划分的合计与收入来源合计不符", at("local_use"))
    tasks = sum_amounts(*(t.amount_yuan for t in table.key_tasks))
    funds = sum_amounts(table.project_expense, table.special_funds, table.other_development)
    if tasks / Decimal(10000) > funds:
        yield Finding(
            Severity.WARNING,
            "dept-tasks-over",
            f"年度重点工作任务拟投入资金合计 {format_plain(tasks)} 元，超过项目支出与事业发展性支出合计 {format_plain(funds)} 万元",
            at("key_tasks"),
        )


DEPT_LABELS = {
    "basic_expense": "基本支出", "project_expense": "项目支出", "special_funds": "财政专项资金",
    "other_development": "其他事业发展性支出",
}  # fmt: skip


def _dept_value(ind: DeptIndicator) -> bool:
    return bool(ind.annual_value.strip() or ind.period_value.strip() or ind.number.strip())


def _dept_filled(ind: DeptIndicator) -> bool:
    return bool(ind.level3.strip() or ind.annual_value.strip() or ind.period_value.strip() or ind.number.strip())


def _check_dept_rows(table: DeptTable, framework: Framework, at: Callable[..., Place]) -> Iterator[Finding]:
    spec = fw.FRAMEWORKS[framework]
    used: dict[str, set[str]] = defaultdict(set)
    rows = [(i, ind) for i, ind in enumerate(table.indicators) if _dept_filled(ind)]
    period_printed = table.layout is DeptLayout.GUANGDONG and any(ind.period_value.strip() for _, ind in rows)
    said: set[tuple[str, str]] = set()
    rubric = bool(rows) and not any(_dept_value(ind) for _, ind in rows)  # an evaluation rubric: no targets
    # a 评分细则 (规划 (15分) / 执行 (35分) …, each row with its 评分标准) follows the evaluation's own
    # framework, not the target framework: its levels are not judged against 2015/2021
    own_framework = rubric and all(fw.POINTS.search(ind.level1) or ind.scoring.strip() for _, ind in rows)
    for row, ind in rows:
        l1, l2 = fw.canonical_level1(ind.level1), fw.canonical_level2(ind.level2)
        if own_framework:
            continue
        if l1 is None or l2 is None or l2 not in spec.level2_names(l1):
            pair = (ind.level1.strip(), ind.level2.strip())
            if pair not in said and not (rubric and said):  # a rubric outside the framework is said once
                yield Finding(
                    Severity.ERROR,
                    "level2-mismatch",
                    f"“{ind.level1}/{ind.level2}”不符合{spec.name}框架",
                    at("level2", row),
                )
            said.add(pair)
            l2 = None
        else:
            used[l1].add(l2)
        if rubric:
            continue
        required = ("level3", "period_value", "annual_value") if period_printed else ("level3", "annual_value")
        for field in required:
            text = getattr(ind, field) or (ind.number if field == "annual_value" else "")
            if not text.strip():
                yield Finding(Severity.ERROR, "row-missing", f"{_LABELS[field]}未填写", at(field, row))
            elif is_placeholder(text):
                yield Finding(Severity.ERROR, "value-placeholder", f"“{text}”是占位符", at(field, row))
        problems = [
            *rc.unit_problems(ind, "annual_value", l2),
            *rc.value_problems(ind, "annual_value", l2),
            *rc.kind_problems(ind, "annual_value", table.layout.value),
            *rc.operator_problems(ind, "annual_value", every_value=False, layout=table.layout.value),
            *rc.name_problems(ind),
            *rc.misfiled(ind, l2),
            *rc.template_problems(ind, _DEPT_TEXT_FIELDS),
            *rc.explanation_problems(ind, "annual_value"),
        ]
        for code, message, field in problems:
            yield Finding(Severity.WARNING, code, message, at(field, row))
    yield from repeated_text([(i, ind.explanation) for i, ind in rows], lambda row: at("explanation", row))
    for message in empty_level2(spec, used, skip_unused_level1=False):  # the table prints every 二级
        yield Finding(Severity.WARNING, "dept-level2-empty", message, at())


def repeated_text(texts: list[tuple[int, str]], place: Callable[[int], Place]) -> Iterator[Finding]:
    """The same 指标解释 on every row (three or more): boilerplate, not an explanation."""
    filled = [(i, t.strip()) for i, t in texts if t.strip()]
    if len(filled) >= 3 and len(filled) == len(texts) and len({t for _, t in filled}) == 1:
        yield Finding(
            Severity.WARNING,
            "text-repeated",
            f"每一行的指标解释都是“{filled[0][1][:20]}”，没有说明各指标",
            place(filled[0][0]),
        )


def check_self_report(report: SelfReport) -> Iterator[Finding]:
    def at(field: str) -> Place:
        return Place(Form.SELF_REPORT, field=field)

    if report.income_budget is not None and (report.income_public is not None or report.income_other is not None):
        parts = sum_amounts(report.income_public, report.income_other)
        if parts != report.income_budget:
            yield Finding(
                Severity.ERROR,
                "report-income",
                f"预算收入分项合计 {format_plain(parts)} 与总数 {format_plain(report.income_budget)} 不符",
                at("income_budget"),
            )
    spent = (report.personnel_expense, report.public_expense, report.project_expense)
    if report.final_expense is not None and any(v is not None for v in spent):
        parts = sum_amounts(*spent)
        if parts != report.final_expense:
            yield Finding(
                Severity.ERROR,
                "report-expense",
                f"决算支出分项合计 {format_plain(parts)} 与总数 {format_plain(report.final_expense)} 不符",
                at("final_expense"),
            )
    yield from _check_report_change(report, at)
    if report.score is not None and not Decimal(0) <= report.score <= Decimal(100):
        yield Finding(Severity.ERROR, "report-score", f"得分 {format_plain(report.score)} 应在 0–100 之间", at("score"))


def _check_report_change(report: SelfReport, at: _At) -> Iterator[Finding]:
    """The year-on-year change as written against the change computed from the amounts."""
    if report.income_budget is None:
        return
    prior = report.prior_year_budget
    if prior is None and report.stated_change is not None:
        prior = report.income_budget - report.stated_change
    known = report.prior_year_budget is not None and report.stated_change is not None
    if known and report.income_budget - report.prior_year_budget != report.stated_change:  # type: ignore[operator]
        yield Finding(Severity.ERROR, "report-change", "比上年增加额与上年预算数不符", at("stated_change"))
    if prior and report.stated_change_rate is not None:
        rate = ((report.income_budget - prior) / prior * 100).quantize(Decimal("0.01"))
        if abs(rate - report.stated_change_rate) > Decimal("0.01"):
            yield Finding(
                Severity.WARNING,
                "report-change-rate",
                f"比上年增长率写为 {format_plain(report.stated_change_rate)}%，按上年预算 {format_plain(prior)} 万元计算应为 {rate}%",
                at("stated_change_rate"),
            )
