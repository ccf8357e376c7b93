"""审核 of the execution blocks: the 自评表 funds block (项目) and the 部门整体 预算执行情况.

Both blocks print a total line (年初预算数, 全年预算数 A, 全年执行数 B, 执行率, 分值, 得分) and the
source lines under it (其中：本年财政拨款, 上年结转资金, 其他资金 …, :class:`EvalFundLine`).  The
rules here hold the block to its own arithmetic:

- ``funds-rate-stated``: a printed 执行率 must be B/A of its own line;
- ``funds-lines-sum``: the source lines must add up to the total line, column by column;
- ``funds-rate-unbacked``: a 执行率 printed where the 执行数 it is computed from is empty;
- ``funds-executed-over``: a source line, or a 部门整体 table, spending more than its budget;
- ``funds-score-docked``: 执行率 100 % (B = A) printed with an execution 得分 below its 分值;
- ``eval-score-over``: an execution 得分 above its 分值.

Rounding is allowed for plainly (:func:`rate_matches`, :func:`sum_tolerance`): printed tables round
amounts and rates, and a rounded figure is not a defect.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from perfdesk.models.document import DeptTable, EvalFundLine, ProjectEval
from perfdesk.models.money import decimal_places, format_plain

HUNDRED = Decimal(100)
Problem = tuple[str, str, str | None]  # (rule id, message, field)

_COLUMNS = (("annual", "全年预算数"), ("executed", "全年执行数"), ("initial", "年初预算数"))
_EVAL_TOTALS = {"initial": "initial_budget", "annual": "annual_budget", "executed": "executed"}


def last_digit(value: Decimal) -> Decimal:
    """One unit of the last digit the value was printed with (``96.15`` → 0.01, ``100`` → 1)."""
    return Decimal(1).scaleb(-decimal_places(value))


def rate_matches(stated: Decimal, executed: Decimal, budget: Decimal) -> bool:
    """Whether a printed 执行率 (in %) is B/A: within one unit of its last printed digit, because
    tables round (96.154 → 96.15) or cut (99.6 → 99), widened by what the rounding of the printed
    amounts leaves open (1.23 万元 may be 1.2349: B/A is known to ±0.4 %); also accepted capped at 100 % (B above A printed
    as 100) and written as a ratio (1.00 or 0.96 for 96 %, within 1 percentage point)."""
    percent = executed / budget * HUNDRED
    # the printed amounts are rounded too: B/A is known only to their relative rounding
    spread = HUNDRED * last_digit(executed) / 2 / budget + percent * last_digit(budget) / 2 / budget
    tolerance = last_digit(stated) + spread
    if abs(stated - percent) <= tolerance or abs(stated - min(percent, HUNDRED)) <= tolerance:
        return True
    return stated <= 1 and abs(stated * HUNDRED - percent) <= max(HUNDRED * tolerance, Decimal(1)) and stated > 0


def sum_tolerance(values: Sequence[Decimal]) -> Decimal:
    """How far a printed sum may be from its printed parts: half a unit of each figure's last digit
    (each was rounded to what it prints)."""
    return sum((last_digit(v) / 2 for v in values), Decimal(0))


def _over(executed: Decimal, budget: Decimal) -> bool:
    """B above A by more than the rounding of the two printed figures (1.23 beside 1.2 is not an overrun)."""
    return executed - budget > sum_tolerance([executed, budget])


def _adds_up(total: Decimal, parts: Sequence[Decimal]) -> bool:
    """Whether the parts make the total, counting a line that is the subtotal of the lines right
    after it (财政拨款 over 其中 中央/省级/县级) once."""
    if abs(total - sum(parts, Decimal(0))) <= sum_tolerance([total, *parts]):
        return True
    for i in range(len(parts) - 2):
        for k in range(i + 3, len(parts) + 1):  # parts[i] is the subtotal of parts[i+1:k] (two or more)
            children = parts[i + 1 : k]
            if abs(parts[i] - sum(children, Decimal(0))) <= sum_tolerance([parts[i], *children]):
                rest = [*parts[: i + 1], *parts[k:]]
                if abs(total - sum(rest, Decimal(0))) <= sum_tolerance([total, *rest]):
                    return True
    return False


def _line_problems(lines: list[EvalFundLine]) -> Iterator[Problem]:
    """Each source line: its printed rate, a rate with no 执行数 behind it, spending above its budget."""
    for line in lines:
        label = line.label.strip() or "资金来源"
        rate, annual, executed = line.stated_rate, line.annual, line.executed
        if rate is not None and annual is not None and executed is not None and annual > 0:
            if not rate_matches(rate, executed, annual):
                computed = (executed / annual * HUNDRED).quantize(Decimal("0.01"))
                yield (
                    "funds-rate-stated",
                    f"“{label}”执行率印为 {format_plain(rate)}%，按执行数 {format_plain(executed)} ÷ 全年预算数 "
                    f"{format_plain(annual)} 应为 {computed}%",
                    "fund_lines",
                )
        elif rate is not None and rate > 0 and executed is None:
            yield "funds-rate-unbacked", f"“{label}”印有执行率 {format_plain(rate)}%，但执行数为空", "fund_lines"
        if annual is not None and executed is not None and _over(executed, annual):
            yield (
                "funds-executed-over",
                f"“{label}”执行数 {format_plain(executed)} 超过全年预算数 {format_plain(annual)}",
                "fund_lines",
            )


def _sum_problem(
    totals: dict[str, Decimal | None], lines: list[EvalFundLine], fields: dict[str, str]
) -> Iterator[Problem]:
    """The source lines against the total line, per column; one finding naming every column that differs."""
    differ: list[tuple[str, str]] = []
    for column, label in _COLUMNS:
        parts = [getattr(line, column) for line in lines if getattr(line, column) is not None]
        total = totals.get(column)
        if not parts or column not in fields:
            continue
        if total is None or not _adds_up(total, parts):
            shown = "空" if total is None else format_plain(total)
            differ.append((column, f"{label}：各来源合计 {format_plain(sum(parts, Decimal(0)))}，合计行 {shown}"))
    if differ:
        yield "funds-lines-sum", "资金来源各行与合计行不符——" + "；".join(m for _, m in differ), fields[differ[0][0]]


def _score_over(points: Decimal | None, score: Decimal | None) -> Iterator[Problem]:
    if points is not None and score is not None and score > points:
        yield (
            "eval-score-over",
            f"预算执行得分 {format_plain(score)} 超过其分值 {format_plain(points)}",
            "stated_execution_score",
        )


def _docked(points: Decimal | None, score: Decimal | None, executed: Decimal | None, budget: Decimal | None) -> bool:
    """B = A (or more: 执行率 100 %) yet the execution 得分 printed is below its 分值."""
    if points is None or score is None or executed is None or budget is None or budget <= 0:
        return False
    return executed >= budget and score < points - Decimal("0.05")


def eval_fund_problems(evaluation: ProjectEval) -> Iterator[Problem]:
    """The 自评表 funds block of one project (the total's own B > A is ``eval-executed-over``)."""
    a, b = evaluation.annual_budget, evaluation.executed
    rate = evaluation.stated_execution_rate
    if rate is not None and a is not None and b is not None and a > 0 and not rate_matches(rate, b, a):
        yield (
            "funds-rate-stated",
            f"执行率印为 {format_plain(rate)}%，按全年执行数 {format_plain(b)} ÷ 全年预算数 {format_plain(a)} "
            f"应为 {(b / a * HUNDRED).quantize(Decimal('0.01'))}%",
            "stated_execution_rate",
        )
    lines = [line for line in evaluation.fund_lines if _line_filled(line)]
    totals = {"initial": evaluation.initial_budget, "annual": a, "executed": b}
    yield from _sum_problem(totals, lines, _EVAL_TOTALS)
    yield from _line_problems(lines)
    yield from _score_over(evaluation.stated_execution_points, evaluation.stated_execution_score)
    if _docked(evaluation.stated_execution_points, evaluation.stated_execution_score, b, a):
        yield (
            "funds-score-docked",
            f"执行率 100%（执行数 {format_plain(b)} = 全年预算数 {format_plain(a)}），预算执行得分却为 "
            f"{format_plain(evaluation.stated_execution_score)}（分值 {format_plain(evaluation.stated_execution_points)}）",
            "stated_execution_score",
        )


def _line_filled(line: EvalFundLine) -> bool:
    return any(v is not None for v in (line.initial, line.annual, line.executed, line.stated_rate))


def dept_fund_problems(table: DeptTable) -> Iterator[Problem]:
    """The 部门整体 预算执行情况: 年度预算总额 (``budget_total``), 全年执行数, the 资金来源 lines."""
    lines = [line for line in table.fund_lines if _line_filled(line)]
    annuals = [line.annual for line in lines if line.annual is not None]
    initials = [line.initial for line in lines if line.initial is not None]
    # the year's budget: the lines' 全年预算数 (adjusted) when printed, else 年度预算总额
    budget = sum(annuals, Decimal(0)) if annuals else table.budget_total
    executed, rate = table.executed, table.stated_execution_rate
    if rate is not None and executed is None and table.budget_total is not None and rate > 0:
        score = table.stated_execution_score
        scored = f"、得分 {format_plain(score)}" if score is not None else ""
        yield "funds-rate-unbacked", f"印有执行率 {format_plain(rate)}%{scored}，但全年执行数为空", "executed"
    elif rate is not None and executed is not None:
        budgets = [x for x in (table.budget_total, budget) if x is not None and x > 0]
        if budgets and not any(rate_matches(rate, executed, x) for x in budgets):
            yield (
                "funds-rate-stated",
                f"执行率印为 {format_plain(rate)}%，按全年执行数 {format_plain(executed)} ÷ 预算 "
                f"{format_plain(budgets[-1])} 应为 {(executed / budgets[-1] * HUNDRED).quantize(Decimal('0.01'))}%",
                "stated_execution_rate",
            )
    stated_budget = table.budget_total
    budget_parts = [p for p in (annuals, initials) if p]
    if stated_budget is not None and budget_parts and not any(_adds_up(stated_budget, p) for p in budget_parts):
        yield (
            "funds-lines-sum",
            f"资金来源各行预算合计 {format_plain(sum(budget_parts[0], Decimal(0)))}，"
            f"与年度预算总额 {format_plain(stated_budget)} 不符",
            "budget_total",
        )
    spent = [line.executed for line in lines if line.executed is not None]
    if spent and executed is not None and not _adds_up(executed, spent):
        yield (
            "funds-lines-sum",
            f"资金来源各行执行数合计 {format_plain(sum(spent, Decimal(0)))}，与全年执行数 {format_plain(executed)} 不符",
            "executed",
        )
    yield from _line_problems(lines)
    if executed is not None and budget is not None and _over(executed, budget):
        what = "全年预算数" if annuals else "年度预算总额"
        share = f"（{(executed / budget * HUNDRED).quantize(Decimal('0.1'))}%）" if budget > 0 else ""
        yield (
            "funds-executed-over",
            f"全年执行数 {format_plain(executed)} 万元超过{what} {format_plain(budget)} 万元{share}"
            + ("，表中没有调整后的全年预算数说明超支" if not annuals else ""),
            "budget_total",
        )
    yield from _score_over(table.stated_execution_points, table.stated_execution_score)
    if _docked(table.stated_execution_points, table.stated_execution_score, executed, budget):
        yield (
            "funds-score-docked",
            f"执行率 100%，预算执行得分却为 {format_plain(table.stated_execution_score)}"
            f"（分值 {format_plain(table.stated_execution_points)}）",
            "stated_execution_score",
        )
