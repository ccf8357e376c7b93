"""审核: the checks a finance bureau reviewer makes (domain.md §5).

Every finding names its place — the form, the project (0-based index), the row and the field
— so the UI can jump there, and carries a Chinese message.  Errors are what would get the
table sent back; warnings are worth a look (real tables do break them).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal

from perfdesk.models import frameworks as fw
from perfdesk.models.document import DeptLayout, DeptTable, Document, Framework, Indicator, Project, SelfReport
from perfdesk.models.eval_checks import EVAL_FIELD_LABELS, check_evaluations
from perfdesk.models.findings import Finding, Form, Place, Severity, count
from perfdesk.models.money import decimal_places, format_plain, sum_amounts
from perfdesk.models.rollover import year_references
from perfdesk.models.values import amount_in_wan, is_placeholder, one_cell_value, parse_value

__all__ = ["Finding", "Form", "Place", "Severity", "check_document", "check_project", "count", "describe"]

_Add = Callable[..., None]  # add(severity, code, message, row=None, field=None)
_At = Callable[[str], Place]

FIELD_LABELS = {
    "code": "项目编码", "name": "项目名称", "budget_total": "预算数", "budget_fiscal": "财政资金",
    "budget_other": "其他资金", "purpose": "资金用途", "plan_mar": "3月底", "plan_jun": "6月底",
    "plan_oct": "10月底", "plan_dec": "12月底", "goals": "绩效目标", "level1": "一级指标",
    "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述", "value": "指标值",
    "basis": "指标值确定依据", "period_value": "实施周期指标值", "annual_value": "年度指标值",
    "fiscal_year": "预算年度", "income_fiscal": "财政拨款", "local_use": "市本级使用资金",
    "transfer": "拟用于对下转移支付资金", "key_tasks": "年度重点工作任务", "income_budget": "年初预算收入",
    "final_expense": "年末决算支出", "stated_change": "比上年增加额", "stated_change_rate": "比上年增长率",
    "score": "得分", "table_title": "表名", "summary": "总体绩效目标", "measures.text": "工作保障措施",
    "measures.items": "保障措施条目", "sub_targets.title": "分项目标标题", "sub_targets.target": "分项绩效目标",
    "sub_targets.indicators": "分项绩效指标", "sub_targets_text": "分项绩效目标", "title": "标题",
    **EVAL_FIELD_LABELS,
}  # fmt: skip

PLAN_FIELDS = ("plan_mar", "plan_jun", "plan_oct", "plan_dec")
_TEMPLATE_TEXT = re.compile(r"请填写|请输入|请在此|填写说明|填报说明|此处填|（填写|\(填写|示例：|例如：|XXX|××")
_DIGIT = re.compile(r"\d")
_PERCENT_NAME = re.compile(r"率|[（(]\s*[%％]\s*[）)]")
_AMOUNT_NAME = re.compile(r"金额|[（(]\s*万?元\s*[）)]")


def describe(place: Place, doc: Document) -> str:
    """A human description of a place, e.g. ``项目2「城市生命线工程」第3行 指标值``."""
    parts = [place.form.value]
    if place.project is not None and place.project < len(doc.projects):
        table = "自评表" if place.form is Form.EVALUATION else ""
        parts = [f"项目{place.project + 1}「{doc.projects[place.project].name or '未命名'}」{table}"]
    if place.row is not None:
        parts.append(f"第{place.row + 1}行")
    if place.field:
        parts.append(FIELD_LABELS.get(place.field, place.field))
    return " ".join(parts)


def check_document(doc: Document) -> list[Finding]:
    """All findings for a document, errors and warnings, in document order."""
    findings = list(_check_unit(doc))
    for index, project in enumerate(doc.projects):
        findings.extend(check_project(project, index, doc.unit.framework))
    findings.extend(_check_project_set(doc))
    if doc.dept_table is not None:
        findings.extend(_check_dept_table(doc.dept_table, doc.unit.framework))
    if doc.self_report is not None:
        findings.extend(_check_self_report(doc.self_report))
    findings.extend(_check_year_references(doc))
    findings.extend(check_evaluations(doc))
    return findings


_SPOT_FORMS = {"unit": Form.UNIT, "overall": Form.OVERALL, "project": Form.PROJECT, "dept_table": Form.DEPT_TABLE}


def _check_year_references(doc: Document) -> Iterator[Finding]:
    """After a rollover, every mention of the old year is flagged for review (never rewritten)."""
    old = doc.unit.rolled_from
    if old is None:
        return
    for spot in year_references(doc, old):
        excerpt = spot.text if len(spot.text) <= 24 else spot.text[:24] + "…"
        yield Finding(
            Severity.WARNING,
            "year-reference",
            f"“{excerpt}”提到 {old} 年（由上年文档结转），请核对是否应改为 {doc.unit.fiscal_year} 年",
            Place(_SPOT_FORMS[spot.form], spot.project, spot.row, spot.field),
        )


def _check_unit(doc: Document) -> Iterator[Finding]:
    if not doc.unit.name.strip():
        yield Finding(Severity.ERROR, "unit-name", "单位名称未填写", Place(Form.UNIT, field="name"))
    if not 2000 <= doc.unit.fiscal_year <= 2100:
        yield Finding(
            Severity.ERROR,
            "unit-year",
            f"预算年度 {doc.unit.fiscal_year} 不合理",
            Place(Form.UNIT, field="fiscal_year"),
        )


def check_project(project: Project, index: int, framework: Framework) -> list[Finding]:
    """Findings for one project table."""
    found: list[Finding] = []

    def add(severity: Severity, code: str, message: str, row: int | None = None, field: str | None = None) -> None:
        found.append(Finding(severity, code, message, Place(Form.PROJECT, index, row, field)))

    if not project.name.strip():
        add(Severity.ERROR, "project-name", "项目名称未填写", field="name")
    _check_amounts(project, add)
    _check_plan(project, add)
    if not any(g.strip() for g in project.goals):
        add(Severity.WARNING, "goals-empty", "没有填写绩效目标", field="goals")
    _check_indicators(project, framework, add)
    return found


def _check_amounts(project: Project, add: _Add) -> None:
    amounts = {
        "budget_total": project.budget_total,
        "budget_fiscal": project.budget_fiscal,
        "budget_other": project.budget_other,
    }
    for field, value in amounts.items():
        if value is None:
            continue
        if value < 0:
            add(Severity.ERROR, "amount-negative", f"{FIELD_LABELS[field]}为负数（{format_plain(value)}）", field=field)
        if decimal_places(value) > 2:
            add(
                Severity.ERROR,
                "amount-decimals",
                f"{FIELD_LABELS[field]} {format_plain(value)} 超过两位小数（万元）",
                field=field,
            )
    if project.budget_total is None:
        if project.budget_fiscal is not None or project.budget_other is not None:
            add(Severity.ERROR, "amount-total-missing", "填写了财政资金或其他资金，但预算数为空", field="budget_total")
        return
    parts = sum_amounts(project.budget_fiscal, project.budget_other)
    if (project.budget_fiscal is not None or project.budget_other is not None) and parts != project.budget_total:
        add(
            Severity.ERROR,
            "amount-sum",
            f"财政资金 + 其他资金 = {format_plain(parts)}，与预算数 {format_plain(project.budget_total)} 不符",
            field="budget_total",
        )
    stated = _amounts_in_purpose(project.purpose)
    for field, value in stated.items():
        actual = amounts[field]
        if actual is not None and value != actual:
            add(
                Severity.WARNING,
                "amount-purpose",
                f"资金用途中写的{FIELD_LABELS[field]} {format_plain(value)} 万元与表中 {format_plain(actual)} 不一致",
                field="purpose",
            )


_PURPOSE_AMOUNT = {
    "budget_total": re.compile(r"预算数\s*(\d+(?:\.\d+)?)\s*万"),
    "budget_fiscal": re.compile(r"财政资金\s*(\d+(?:\.\d+)?)\s*万"),
    "budget_other": re.compile(r"其[他它]资金\s*(\d+(?:\.\d+)?)\s*万"),
}


def _amounts_in_purpose(text: str) -> dict[str, Decimal]:
    """Amounts written in a 资金用途 sentence such as 预算数 20万元。其中，财政资金20万元…"""
    found = {}
    for field, pattern in _PURPOSE_AMOUNT.items():
        match = pattern.search(text)
        if match:
            found[field] = Decimal(match.group(1))
    return found


def _check_plan(project: Project, add: _Add) -> None:
    previous: tuple[str, Decimal] | None = None
    for field in PLAN_FIELDS:
        value = getattr(project, field)
        if value is None:
            continue
        label = FIELD_LABELS[field]
        if not Decimal(0) <= value <= Decimal(100):
            add(
                Severity.ERROR,
                "plan-range",
                f"资金支出计划 {label} 为 {format_plain(value)}%，应在 0–100 之间",
                field=field,
            )
        if previous is not None and value < previous[1]:
            add(
                Severity.ERROR,
                "plan-decreasing",
                f"资金支出计划为累计进度，{label}（{format_plain(value)}%）不应小于{FIELD_LABELS[previous[0]]}（{format_plain(previous[1])}%）",
                field=field,
            )
        previous = (field, value)
    if project.plan_dec is not None and project.plan_dec != 100:
        add(
            Severity.ERROR,
            "plan-december",
            f"12月底累计支出进度应为 100%，实为 {format_plain(project.plan_dec)}%",
            field="plan_dec",
        )


def _check_indicators(project: Project, framework: Framework, add: _Add) -> None:
    spec = fw.FRAMEWORKS[framework]
    rows = project.indicators
    used: dict[str, set[str]] = defaultdict(set)
    quantitative = 0
    for row_no, typed in enumerate(rows):
        # a value typed in split columns (计算符号 | 指标值 | 计量单位) is checked as its one-cell form
        ind = typed if typed.value else dataclasses.replace(typed, value=one_cell_value(typed))
        _check_row_required(ind, row_no, add)
        l1, l2 = _check_row_levels(ind, row_no, framework, add)
        if l1 and l2:
            used[l1].add(l2)
        parsed = parse_value(ind.value)
        quantitative += parsed.is_quantitative
        _check_row_value(ind, row_no, project, l2, add)
        _check_row_text(ind, row_no, add)
    if not rows:
        add(Severity.ERROR, "no-indicators", "没有填写绩效指标")
        return
    if fw.OUTPUT not in used:
        add(Severity.ERROR, "no-output", "没有产出指标")
    if fw.BENEFIT not in used:
        add(Severity.ERROR, "no-benefit", "没有效益（效果）指标")
    if fw.SATISFACTION not in used:
        add(Severity.WARNING, "no-satisfaction", "没有满意度指标")
    for message in _empty_level2(spec, used, skip_unused_level1=True):  # an absent 一级 is an error above
        add(Severity.WARNING, "level2-empty", message)
    if quantitative * 3 < len(rows) * 2:
        add(
            Severity.WARNING,
            "few-quantitative",
            f"定量指标只有 {quantitative} 个，不足全部 {len(rows)} 个指标的三分之二",
        )
    _check_duplicates(rows, add)


def _empty_level2(spec: fw.FrameworkSpec, used: dict[str, set[str]], *, skip_unused_level1: bool) -> Iterator[str]:
    """A message per 一级 naming the framework's 二级 categories that no row uses."""
    for l1 in spec.level1_names():
        if skip_unused_level1 and l1 not in used:
            continue
        missing = [n for n in spec.level2_names(l1) if n not in used.get(l1, set())]
        if missing:
            yield f"{l1}下没有以下二级指标：{'、'.join(missing)}"


def _check_row_required(ind: Indicator, row: int, add: _Add) -> None:
    for field in ("level1", "level2", "level3", "value"):
        if not getattr(ind, field).strip():
            add(Severity.ERROR, "row-missing", f"{FIELD_LABELS[field]}未填写", row, field)


def _check_row_levels(ind: Indicator, row: int, framework: Framework, add: _Add) -> tuple[str | None, str | None]:
    l1 = fw.canonical_level1(ind.level1) if ind.level1.strip() else None
    l2 = fw.canonical_level2(ind.level2) if ind.level2.strip() else None
    spec = fw.FRAMEWORKS[framework]
    if ind.level1.strip() and (l1 is None or l1 not in spec.level1_names()):
        add(Severity.ERROR, "level1-unknown", f"一级指标“{ind.level1}”不在{spec.name}框架中", row, "level1")
        return None, None
    if ind.level2.strip() and l1 and (l2 is None or l2 not in spec.level2_names(l1)):
        add(
            Severity.ERROR,
            "level2-mismatch",
            f"二级指标“{ind.level2}”不属于一级指标“{ind.level1}”（{spec.name}）",
            row,
            "level2",
        )
        return l1, None
    return l1, l2


def _check_row_value(ind: Indicator, row: int, project: Project, level2: str | None, add: _Add) -> None:
    if not ind.value.strip():
        return
    if is_placeholder(ind.value):
        add(Severity.ERROR, "value-placeholder", f"指标值“{ind.value}”是占位符，请填写实际目标值", row, "value")
        return
    parsed = parse_value(ind.value)
    if not parsed.is_quantitative and re.search(r"\d+(\.\d+)?\s*(%|％|万元|元)$", ind.value.strip()):
        add(Severity.WARNING, "qualitative-unit", f"指标值“{ind.value}”是定性表述却带有计量单位", row, "value")
    money_unit = parsed.unit in ("万元", "元", "万", "亿元")
    if parsed.is_quantitative and _PERCENT_NAME.search(ind.level3) and money_unit:
        add(
            Severity.WARNING,
            "unit-conflict",
            f"三级指标“{ind.level3}”是比率，指标值“{ind.value}”却是金额",
            row,
            "value",
        )
    elif parsed.is_quantitative and _AMOUNT_NAME.search(ind.level3) and parsed.unit in ("%", "％"):
        add(
            Severity.WARNING,
            "unit-conflict",
            f"三级指标“{ind.level3}”是金额，指标值“{ind.value}”却是百分比",
            row,
            "value",
        )
    if level2 and "成本" in level2 and parsed.is_quantitative and project.budget_total is not None:
        wan = amount_in_wan(parsed)
        if wan is not None and wan > project.budget_total:
            add(
                Severity.WARNING,
                "cost-over-budget",
                f"成本指标“{ind.value}”超过项目预算数 {format_plain(project.budget_total)} 万元",
                row,
                "value",
            )


def _check_row_text(ind: Indicator, row: int, add: _Add) -> None:
    if _DIGIT.search(ind.level3):
        add(Severity.WARNING, "level3-number", f"三级指标“{ind.level3}”含有数字，数值宜写在指标值中", row, "level3")
    if len(ind.level3) > 100:
        add(
            Severity.WARNING, "level3-long", f"三级指标名称过长（{len(ind.level3)} 字，宜在 100 字以内）", row, "level3"
        )
    for field in ("level3", "description", "value", "basis"):
        if _TEMPLATE_TEXT.search(getattr(ind, field)):
            add(Severity.WARNING, "template-text", f"{FIELD_LABELS[field]}中留有模板说明文字", row, field)


def _check_duplicates(rows: list[Indicator], add: _Add) -> None:
    seen: dict[str, int] = {}
    for row_no, ind in enumerate(rows):
        key = ind.level3.strip()
        if not key:
            continue
        if key in seen:
            add(Severity.WARNING, "level3-duplicate", f"三级指标“{key}”与第{seen[key] + 1}行重复", row_no, "level3")
        else:
            seen[key] = row_no


def _check_project_set(doc: Document) -> Iterator[Finding]:
    codes = Counter(p.code.strip() for p in doc.projects if p.code.strip())
    names = Counter(p.name.strip() for p in doc.projects if p.name.strip())
    for index, project in enumerate(doc.projects):
        code, name = project.code.strip(), project.name.strip()
        if codes.get(code, 0) > 1:
            yield Finding(
                Severity.WARNING,
                "code-duplicate",
                f"项目编码 {code} 重复出现 {codes[code]} 次",
                Place(Form.PROJECT, index, field="code"),
            )
        if names.get(name, 0) > 1:
            yield Finding(
                Severity.WARNING,
                "name-duplicate",
                f"项目名称“{name}”重复出现 {names[name]} 次",
                Place(Form.PROJECT, index, field="name"),
            )


def _check_dept_table(table: DeptTable, framework: Framework) -> Iterator[Finding]:
    def at(field: str | None = None, row: int | None = None) -> Place:
        return Place(Form.DEPT_TABLE, row=row, field=field)

    expense = sum_amounts(table.basic_expense, table.project_expense, table.special_funds, table.other_development)
    income = sum_amounts(table.income_fiscal, table.income_other)
    if expense != income:
        yield Finding(
            Severity.ERROR,
            "dept-balance",
            f"部门预算支出合计 {format_plain(expense)} 万元与收入来源合计 {format_plain(income)} 万元不符",
            at("income_fiscal"),
        )
    hunan = table.layout == DeptLayout.HUNAN  # no 按预算级次 rows; 年度总体目标 is one text
    for field, label in (("local_use", "市本级使用资金"), ("transfer", "拟用于对下转移支付资金")):
        if getattr(table, field) is None and not hunan:
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
    if not any(g.strip() for g in table.goals) and not (hunan and table.annual_goal.strip()):
        yield Finding(Severity.ERROR, "dept-goals", "总体绩效目标未填写", at("annual_goal" if hunan else "goals"))
    spec = fw.FRAMEWORKS[framework]
    used: dict[str, set[str]] = defaultdict(set)
    for row, ind in enumerate(table.indicators):
        l1, l2 = fw.canonical_level1(ind.level1), fw.canonical_level2(ind.level2)
        if l1 is None or l2 is None or l2 not in spec.level2_names(l1):
            yield Finding(
                Severity.ERROR,
                "level2-mismatch",
                f"“{ind.level1}/{ind.level2}”不符合{spec.name}框架",
                at("level2", row),
            )
        else:
            used[l1].add(l2)
        # the 湖南/湖北 table has no 实施周期 column; split columns compose the 年度指标值
        required = (
            ("level3", "annual_value")
            if table.layout == DeptLayout.HUNAN
            else ("level3", "period_value", "annual_value")
        )
        for field in required:
            text = one_cell_value(ind, field) if field == "annual_value" else getattr(ind, field)
            if not text.strip():
                yield Finding(Severity.ERROR, "row-missing", f"{FIELD_LABELS[field]}未填写", at(field, row))
            elif is_placeholder(text):
                yield Finding(Severity.ERROR, "value-placeholder", f"“{text}”是占位符", at(field, row))
    for message in _empty_level2(spec, used, skip_unused_level1=False):  # the table prints every 二级
        yield Finding(Severity.WARNING, "level2-empty", message, at())


def _check_self_report(report: SelfReport) -> Iterator[Finding]:
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
