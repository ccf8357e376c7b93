"""审核 of the sums a project table prints beside its indicators (issue 11, brief 11a).

The 湖北 项目预算成本构成 block prints its lines and their 合计 (of 金额 and of two prior years'
actual spending); a distributed project's 资金安排表 prints each recipient's amount; a target
table with 分值 prints their 总分.  Each printed sum is checked against its parts, and the parts
of the budget against 预算数 — the same arithmetic a reviewer does with a calculator.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from perfdesk.models.document import Project
from perfdesk.models.findings import Severity
from perfdesk.models.money import format_plain
from perfdesk.models.text_amounts import amounts_in_yuan

_Add = Callable[..., None]  # add(severity, code, message, row=None, field=None)

SUM_FIELD_LABELS = {
    "cost_lines": "成本构成",
    "cost_total": "成本构成合计",
    "cost_prior1_total": "成本构成合计（前年实际执行数）",
    "cost_prior2_total": "成本构成合计（上年实际执行数）",
    "recipients": "资金安排",
    "recipient_values": "分地区指标值",
    "stated_points_total": "分值合计",  # the 总分 row under the 分值 column (as the 自评表 names it)
    "recipients_title": "资金安排表名",
    "notice_title": "下达通知标题",
    "notice_number": "下达通知文号",
    "notice_subject": "功能分类科目",
    "notice_code": "下达通知项目编码",
    "notice_date": "下达通知日期",
    "notice_text": "下达通知正文",
}

# (the lines' attribute, the project's printed 合计, what the column is called in a message)
_COST_COLUMNS = (
    ("amount", "cost_total", "金额"),
    ("prior1", "cost_prior1_total", "前年实际执行数"),
    ("prior2", "cost_prior2_total", "上年实际执行数"),
)


def _total(values: list[Decimal | None]) -> Decimal | None:
    """The sum of the filled values, None when none is filled."""
    filled = [v for v in values if v is not None]
    return sum(filled, Decimal(0)) if filled else None


def check_project_sums(project: Project, add: _Add) -> None:
    """Findings about the 成本构成 合计, the budget's parts, the recipients and the printed 总分."""
    _check_costs(project, add)
    _check_recipients(project, add)
    _check_points_total(project, add)
    _check_listed_amount(project, add)


_NEAR = 4  # characters at most between a project's name and the amount a list gives it (：, （, 共)


def _check_listed_amount(project: Project, add: _Add) -> None:
    """A list printed above the table (表前说明, the 下达 notice) that names this project with an amount:
    the amount is the project's budget (the year's 预算数, or the period's 项目资金总额)."""
    name = project.name.strip()
    factor = Decimal(10000) if project.money_unit == "万元" else Decimal(1)
    budgets = [a * factor for a in (project.budget_total, project.period_total) if a is not None]
    if len(name) < 4 or not budgets:
        return
    for text in (project.preface, project.notice_text):
        for line in text.splitlines():
            at = line.find(name)
            if at < 0:
                continue
            after = line[at + len(name) :]
            found = amounts_in_yuan(after)
            if not found or after.find(found[0][2]) > _NEAR:
                continue
            amount, half, written = found[0]
            if all(abs(amount - b) > half for b in budgets):
                shown = format_plain(budgets[0] / factor) + project.money_unit
                add(
                    Severity.WARNING,
                    "listed-amount",
                    f"表前文字列出本项目“{name}{written.strip()}”，与表中预算 {shown} 不符",
                    field="budget_total",
                )
                return


def _check_costs(project: Project, add: _Add) -> None:
    lines = project.cost_lines
    for attr, total_field, label in _COST_COLUMNS:
        stated: Decimal | None = getattr(project, total_field)
        parts = _total([getattr(line, attr) for line in lines])
        if stated is not None and parts is not None and parts != stated:
            add(
                Severity.ERROR,
                "cost-total-stated",
                f"成本构成{label}合计印为 {format_plain(stated)}，各行相加为 {format_plain(parts)}",
                field=total_field,
            )
    amount = _total([line.amount for line in lines])
    if amount is not None and project.budget_total is not None and amount != project.budget_total:
        add(
            Severity.ERROR,
            "cost-budget",
            f"成本构成金额合计 {format_plain(amount)} 与预算数 {format_plain(project.budget_total)} 不符",
            field="cost_lines",
        )


def _check_recipients(project: Project, add: _Add) -> None:
    amount = _total([r.amount for r in project.recipients])
    if amount is not None and project.budget_total is not None and amount != project.budget_total:
        add(
            Severity.ERROR,
            "recipients-budget",
            f"资金安排表各地金额合计 {format_plain(amount)} 与资金总额 {format_plain(project.budget_total)} 不符",
            field="recipients",
        )
    width = len(project.recipients)
    for row, ind in enumerate(project.indicators):
        extra = [v for v in ind.recipient_values[width:] if v.strip()]
        if extra:
            add(
                Severity.WARNING,
                "recipient-values-extra",
                f"有 {len(ind.recipient_values)} 个分地区指标值，但资金安排表只有 {width} 个地区：多出的不会打印",
                row,
                "recipient_values",
            )


def _check_points_total(project: Project, add: _Add) -> None:
    stated = project.stated_points_total
    points = _total([ind.weight for ind in project.indicators])
    if stated is not None and points is not None and points != stated:
        add(
            Severity.ERROR,
            "points-total-stated",
            f"总分印为 {format_plain(stated)}，分值列相加为 {format_plain(points)}",
            field="stated_points_total",
        )
