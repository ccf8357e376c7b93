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
from functools import lru_cache

from perfdesk.models import frameworks as fw
from perfdesk.models import row_checks as rc
from perfdesk.models.dept_checks import DEPT_LABELS, check_dept_table, check_self_report, empty_level2, repeated_text
from perfdesk.models.document import (
    Document,
    Framework,
    Indicator,
    Layout,
    Project,
)
from perfdesk.models.eval_checks import EVAL_FIELD_LABELS, check_evaluations
from perfdesk.models.findings import Finding, Form, Place, Severity, count
from perfdesk.models.glyphs import check_glyphs
from perfdesk.models.labels import COLUMN_TITLES, column_title, dept_title
from perfdesk.models.money import decimal_places, format_plain, sum_amounts
from perfdesk.models.project_sums import SUM_FIELD_LABELS, check_project_sums
from perfdesk.models.rollover import year_references
from perfdesk.models.rules import RuleSet, apply_rule_set, rule_set
from perfdesk.models.text_amounts import sum_problems
from perfdesk.models.values import (
    ValueKind,
    amount_in_wan,
    indicator_parts,
    is_placeholder,
    one_cell_value,
    parse_value,
)

__all__ = [
    "Finding", "Form", "Place", "Severity", "check_document", "check_project", "count", "describe", "field_label",
]  # fmt: skip

_Add = Callable[..., None]  # add(severity, code, message, row=None, field=None)
_At = Callable[[str], Place]

FIELD_LABELS = {
    "code": "项目编码", "name": "项目名称", "budget_total": "预算数", "budget_fiscal": "财政资金",
    "budget_other": "其他资金", "purpose": "资金用途", "plan_mar": "3月底", "plan_jun": "6月底",
    "plan_oct": "10月底", "plan_dec": "12月底", "goals": "绩效目标", "level1": "一级指标",
    "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述", "value": "指标值",
    "basis": "指标值确定依据", "period_value": "实施周期指标值", "annual_value": "年度指标值",
    "fiscal_year": "预算年度", "income_fiscal": "财政拨款", "local_use": "市本级使用资金",
    "transfer": "拟用于对下转移支付资金", "key_tasks": "年度重点工作任务", "duty_targets": "年度履职目标", "income_budget": "年初预算收入",
    "final_expense": "年末决算支出", "stated_change": "比上年增加额", "stated_change_rate": "比上年增长率",
    "score": "得分", "table_title": "表名", "summary": "总体绩效目标", "measures.text": "工作保障措施",
    "measures.items": "保障措施条目", "sub_targets.title": "分项目标标题", "sub_targets.target": "分项绩效目标",
    "sub_targets.indicators": "分项绩效指标", "sub_targets_text": "分项绩效目标", "title": "标题",
    **COLUMN_TITLES,  # the indicator columns: as printed (describe() takes the layout's own title)
    "start_date": "计划开始日期", "end_date": "计划完成日期", "period_total": "项目资金总额",
    "overview": "项目概况", "long_term_goal": "总体目标", "rule_set": "审核规则集", "phone": "联系电话",
    "manager": "项目负责人", "attribute": "项目属性", "long_term_indicators": "长期绩效指标", "legal_basis": "立项依据",
    "feasibility": "可行性", "necessity": "必要性", "period": "实施周期", "duties": "部门职责",
    "annual_goal": "年度总体目标", "achievement": "年度总体目标完成情况", "dept_name": "部门名称", "basic_expense": "基本支出",
    "project_expense": "项目支出", "budget_total_dept": "年度预算总额",
    # text printed around a table (brief 11c)
    "preface": "表前说明", "heading": "标题上方", "grid_heading": "指标表标题", "table_note": "表注",
    "funds_text": "资金构成说明",
    **EVAL_FIELD_LABELS,
    **SUM_FIELD_LABELS,
}  # fmt: skip
# the 部门整体 table names some fields its own way
DEPT_FIELD_LABELS = {
    **FIELD_LABELS, "budget_total": "年度预算总额", "executed": "全年执行数", "stated_total": "自评总分",
    "annual_goal": "年度总体目标", "level3": "三级指标", **DEPT_LABELS,
}  # fmt: skip

PLAN_FIELDS = ("plan_mar", "plan_jun", "plan_oct", "plan_dec")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:\s*年|[-./]\d)")


def describe(place: Place, doc: Document) -> str:
    """A human description of a place, e.g. ``项目2「城市生命线工程」第3行 指标值``; the 部门整体 table by
    its printed title."""
    parts = [place.form.value]
    if place.form is Form.DEPT_TABLE and doc.dept_table is not None:
        parts = [dept_title(doc.dept_table)]  # as printed: a 湖南 self-evaluation is a 自评表
    if place.project is not None and place.project < len(doc.projects):
        table = "自评表" if place.form is Form.EVALUATION else ""
        name = " ".join(doc.projects[place.project].name.split()) or "未命名"  # one line, as the CLI prints it
        parts = [f"项目{place.project + 1}「{name}」{table}"]
    if place.row is not None:
        parts.append(f"第{place.row + 1}行")
    if place.field:
        parts.append(field_label(place, doc))
    return " ".join(parts)


def field_label(place: Place, doc: Document) -> str:
    """The field of a place named as the clerk sees it printed: an indicator column by its title in
    the document's layout family (计算符号, or 指标性质 in the split layout), a 部门整体 field by that table's words."""
    field = place.field or ""
    if place.form is Form.DEPT_TABLE:
        layout = doc.dept_table.layout.value if doc.dept_table is not None else ""
        own = doc.unit.column_titles
        return column_title(layout, field, own) if field in COLUMN_TITLES else DEPT_FIELD_LABELS.get(field, field)
    if field in COLUMN_TITLES and place.form in (Form.PROJECT, Form.EVALUATION):
        return column_title(str(doc.unit.layout), field, doc.unit.column_titles)
    return FIELD_LABELS.get(field, field)


def check_document(doc: Document) -> list[Finding]:
    """All findings of the document's rule set (``UnitInfo.rule_set``), in document order."""
    findings = list(_check_unit(doc))
    for index, project in enumerate(doc.projects):
        findings.extend(
            check_project(project, index, doc.unit.framework, doc.unit.rule_set, doc.unit.fiscal_year, doc.unit.layout)
        )
    findings.extend(_check_project_set(doc))
    if doc.dept_table is not None:
        findings.extend(check_dept_table(doc.dept_table, doc.unit.framework, rule_set(doc.unit.rule_set)))
    if doc.self_report is not None:
        findings.extend(check_self_report(doc.self_report))
    findings.extend(_check_year_references(doc))
    findings.extend(check_evaluations(doc))
    findings.extend(check_glyphs(doc))
    return apply_rule_set(findings, doc.unit.rule_set)


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


def _prints_unit_name(doc: Document) -> bool:
    """Whether anything in the document prints the unit's name (an indicator list alone does not)."""
    return bool(
        doc.overall.summary.strip()
        or doc.overall.sub_targets
        or doc.self_report is not None
        or any(p.name.strip() or p.caption for p in doc.projects)
    )


def _check_unit(doc: Document) -> Iterator[Finding]:
    if not doc.unit.name.strip() and _prints_unit_name(doc):
        yield Finding(Severity.ERROR, "unit-name", "单位名称未填写", Place(Form.UNIT, field="name"))
    if not 2000 <= doc.unit.fiscal_year <= 2100:
        yield Finding(
            Severity.ERROR,
            "unit-year",
            f"预算年度 {doc.unit.fiscal_year} 不合理",
            Place(Form.UNIT, field="fiscal_year"),
        )


def check_project(
    project: Project,
    index: int,
    framework: Framework,
    set_id: str = "national",
    year: int | None = None,
    layout: Layout = Layout.HEBEI,
) -> list[Finding]:
    """Findings for one project table (every rule; ``check_document`` applies the rule set).

    A project holding only a 自评表 (no target rows, no goals) is checked as a 自评表 alone; a table
    with no header at all (no 项目名称, no amounts: an indicator list such as a 评价指标表) is
    not asked for header fields.
    """
    found: list[Finding] = []
    rules = rule_set(set_id)

    def add(severity: Severity, code: str, message: str, row: int | None = None, field: str | None = None) -> None:
        found.append(Finding(severity, code, message, Place(Form.PROJECT, index, row, field)))

    if not project.name.strip() and not project.table_title.strip():
        add(Severity.ERROR, "project-name", "项目名称未填写", field="name")
    _check_amounts(project, add, layout)
    check_project_sums(project, add)
    _check_plan(project, add)
    _check_header_text(project, add)
    _check_header_cells(project, add)
    if year is not None:
        _check_dates(project, year, add)
    if project.evaluation is not None and not project.department_name.strip():
        add(Severity.WARNING, "header-missing", "自评表印有主管部门一栏，但主管部门为空", field="department_name")
    elif _national_header(project) and not project.department_name.strip():
        add(
            Severity.WARNING,
            "header-missing",
            "表中印有实施单位、项目属性、项目期（财预〔2015〕88号申报表表头），但主管部门及代码为空",
            field="department_name",
        )
    if project.evaluation is not None and not project.indicators and not _has_goals(project):
        return found  # a 自评表 on its own: eval_checks checks it
    if not _has_goals(project) and (project.name.strip() or project.budget_total is not None):
        add(Severity.WARNING, "goals-empty", "没有填写绩效目标", field="goals")
    if project.manager.strip() and not project.phone.strip():
        add(
            Severity.WARNING,
            "header-missing",
            f"填写了项目负责人“{project.manager.strip()}”，但联系电话为空",
            field="phone",
        )
    for severity, code, message, row, field in _indicator_findings(
        tuple((*_row_key(i), "\x1f".join(i.recipient_values), _text(i.weight)) for i in project.indicators),
        framework,
        rules.id,
        _text(project.budget_total),
        project.money_unit,
        str(layout),
    ):
        add(severity, code, message, row, field)
    _check_long_term(project, add)
    return found


def _national_header(project: Project) -> bool:
    """The header of the national 申报表 (财预〔2015〕88号 附件): 主管部门及代码 | 实施单位 over 项目属性 | 项目期.

    A table with 实施单位, 项目属性 and 项目期 all filled prints that block, so an empty 主管部门 was left
    empty; variants with only 实施单位 (a 转移支付 table, Chongqing's 具体实施单位 | 项目属性) have no such cell."""
    return all(getattr(project, f).strip() for f in ("implementer", "attribute", "period"))


def _text(amount: Decimal | None) -> str | None:
    """An amount as a cache key: 20 and 20.00 are equal Decimals but print differently."""
    return None if amount is None else str(amount)


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@lru_cache(maxsize=1024)
def _indicator_findings(
    rows: tuple[tuple[str | None, ...], ...],
    framework: Framework,
    set_id: str,
    budget: str | None,
    money_unit: str,
    layout: str = "",
) -> tuple[tuple[Severity, str, str, int | None, str | None], ...]:
    """The findings of a project's indicator grid: a pure function of its rows and the few header
    values it reads, so re-checking an unchanged project while the clerk types is a look-up."""
    found: list[tuple[Severity, str, str, int | None, str | None]] = []

    def add(severity: Severity, code: str, message: str, row: int | None = None, field: str | None = None) -> None:
        found.append((severity, code, message, row, field))

    indicators = [
        Indicator(
            **dict(zip(_ROW_KEY_FIELDS, row[:-2], strict=True)),  # type: ignore[arg-type]
            recipient_values=row[-2].split("\x1f") if row[-2] else [],
            weight=_amount(row[-1]),
        )
        for row in rows
    ]
    project = Project(indicators=indicators, budget_total=_amount(budget), money_unit=money_unit)
    _check_indicators(project, framework, add, rule_set(set_id), layout)
    return tuple(found)


def _has_goals(project: Project) -> bool:
    return any(g.strip() for g in project.goals) or bool(project.long_term_goal.strip())


def _block_key(rows: list[Indicator]) -> list[tuple[str, str, str, str]]:
    return [(i.level2.strip(), i.level3.strip(), i.value.strip(), i.number.strip()) for i in rows if _is_filled(i)]


def _check_long_term(project: Project, add: _Add) -> None:
    """The 长期/中期 block: not all empty when its 二级 are printed, not a copy of the annual block."""
    block = project.long_term_indicators
    if not block:
        return
    if not any(_is_filled(i) for i in block):
        add(
            Severity.WARNING,
            "long-term-empty",
            f"长期（实施周期）指标 {len(block)} 行只有一级/二级，没有三级指标和指标值",
            field="long_term_indicators",
        )
    elif _block_key(block) == _block_key(project.indicators):
        add(
            Severity.WARNING,
            "long-term-copy",
            "长期（实施周期）指标与年度指标完全相同，请写出实施周期的目标",
            field="long_term_indicators",
        )


_HEADER_TEXT = ("purpose", "overview", "legal_basis", "feasibility", "necessity", "long_term_goal", "period")


def _check_header_text(project: Project, add: _Add) -> None:
    for field in _HEADER_TEXT:
        for code, message, _ in rc.template_problems(project, (field,)):
            add(Severity.WARNING, code, message, field=field)
    for goal in project.goals:
        if rc.is_template_text(goal):
            add(Severity.WARNING, "template-text", f"绩效目标“{goal[:20]}”是模板说明文字", field="goals")
            break
    for field in ("purpose", "overview", "long_term_goal", "goals"):
        texts = project.goals if field == "goals" else [getattr(project, field)]
        for message in (m for text in texts if "其中" in text for m in sum_problems(text)):
            add(Severity.WARNING, "text-sum", message, field=field)


_HEADER_PAIRS = ("overview", "legal_basis", "feasibility", "necessity", "purpose", "long_term_goal")
_TABLE_TITLE = re.compile(r"[绩績][效效].{0,6}表$|申[报報]表$|自[评評]表$")
_SECTION = re.compile(r"[科股室]$")
_AUTHORITY = re.compile(r"局|委|办|辦|厅|院|中心|政府|部|会|站|所|校")
# 项目属性 says whether a project is new or continuing (新增/延续, 持续性, 滚动, 一次性 …) or its kind
# (基础建设、修缮类); a name ending in 资金/经费 is the fund the money comes from, not an attribute.
_FUND_NAME = re.compile(r"(资金|经费|专项款|补助款)$")
_ATTRIBUTE_WORD = re.compile(r"新增|延续|持续|滚动|一次性|经常性|常年|新建|续建|跨年|当年")
_MULTI_YEAR = re.compile(r"(?<!\d)([2-9]|[1-9]\d)\s*年|(20\d\d)\s*年?\s*[-—~至到]+\s*(?!\2)20\d\d")


def _check_header_cells(project: Project, add: _Add) -> None:
    """Header cells holding something else: a copy of another cell, a table title, a 科/股 for 主管部门."""
    seen: dict[str, str] = {}
    for field in _HEADER_PAIRS:
        text = " ".join(getattr(project, field).split())
        if len(text) < 6:
            continue
        if text in seen:
            first = seen[text]
            for where, other in ((first, field), (field, first)):
                message = f"{FIELD_LABELS[where]}与{FIELD_LABELS[other]}文字完全相同"
                add(Severity.WARNING, "copied-text", message, field=where)
        else:
            seen[text] = field
    if _TABLE_TITLE.search(project.name.strip()):
        add(
            Severity.WARNING,
            "header-wrong",
            f"项目名称“{project.name.strip()}”是表名，请填写项目本身的名称",
            field="name",
        )
    attribute = project.attribute.strip()
    if _FUND_NAME.search(attribute) and not _ATTRIBUTE_WORD.search(attribute):
        add(
            Severity.WARNING,
            "header-wrong",
            f"项目属性“{attribute}”是资金名称，项目属性应为新增、延续（持续）等",
            field="attribute",
        )
    dept = project.department_name.strip()
    if dept and _SECTION.search(dept) and not _AUTHORITY.search(dept):
        add(
            Severity.WARNING,
            "header-wrong",
            f"主管部门“{dept}”像是内设科室，应填写主管部门名称及代码",
            field="department_name",
        )
    if project.period_total is None and project.budget_total is not None and _MULTI_YEAR.search(project.period):
        add(
            Severity.WARNING,
            "period-amount-missing",
            f"实施周期“{project.period.strip()}”超过一年，但项目资金总额（实施周期）未填写",
            field="period_total",
        )


def _years(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]


def _check_dates(project: Project, year: int, add: _Add) -> None:
    """Dates outside the budget year (a multi-year project's own 起止/实施周期 widen the span)."""
    start, end = _years(project.start_date), _years(project.end_date)
    if start or end:
        low, high = min(start or end), max(end or start)
        if high < year or low > year:
            field = "end_date" if high < year else "start_date"
            shown = f"{project.start_date}–{project.end_date}".strip("–")
            add(Severity.WARNING, "date-outside-year", f"项目起止时间“{shown}”不含 {year} 预算年度", field=field)
    span = [year, *start, *end, *_years(project.period)]
    for row_no, ind in enumerate(project.indicators):
        years = _years(ind.value) if "时效" in ind.level2 else []
        if years and (min(years) < min(span) or max(years) > max(span)):
            add(
                Severity.WARNING,
                "date-outside-year",
                f"时效指标值“{ind.value}”不在 {year} 预算年度（及实施周期）内",
                row_no,
                "value",
            )


def _check_amounts(project: Project, add: _Add, layout: Layout = Layout.HEBEI) -> None:
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
        if decimal_places(value) > max_decimals(project.money_unit):
            add(
                Severity.ERROR,
                "amount-decimals",
                f"{FIELD_LABELS[field]} {format_plain(value)} {project.money_unit} 不足一分，不是金额",
                field=field,
            )

    if project.budget_total is None:
        parts_given = project.budget_fiscal is not None or project.budget_other is not None
        if parts_given and layout is Layout.HEBEI:  # the Hebei table prints 预算数 above 其中
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
    if project.period_total is not None and project.period_total < project.budget_total:
        add(
            Severity.WARNING,
            "period-below-annual",
            f"项目资金总额（实施周期）{format_plain(project.period_total)} 小于本年度预算数 {format_plain(project.budget_total)}",
            field="period_total",
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


def max_decimals(money_unit: str) -> int:
    """Decimals an exact amount may have: to the 分, i.e. 6 in 万元 and 2 in 元."""
    return 2 if money_unit == "元" else 6


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


_ROW_TEXT_FIELDS = ("level3", "description", "value", "basis", "number", "unit", "explanation", "scoring", "note")


def _is_filled(ind: Indicator) -> bool:
    """A row with a 三级 or a value (an empty template row only repeats 一级/二级)."""
    return bool(ind.level3.strip() or ind.value.strip() or ind.number.strip())


def _check_indicators(project: Project, framework: Framework, add: _Add, rules: RuleSet, layout: str = "") -> None:
    spec = fw.FRAMEWORKS[framework]
    rows = project.indicators
    used: dict[str, set[str]] = defaultdict(set)
    quantitative = filled = 0
    unknown: set[str] = set()
    no_value: list[int] = []
    for row_no, typed in enumerate(rows):
        # a value typed in split columns (计算符号 | 指标值 | 计量单位) is checked as its one-cell form
        ind = typed if typed.value else dataclasses.replace(typed, value=one_cell_value(typed))
        if not _is_filled(ind) or rc.is_placeholder_name(ind.level3):
            continue
        filled += 1
        _check_row_required(ind, row_no, add, no_value)
        l1, l2 = _check_row_levels(ind, row_no, framework, add, unknown)
        if l1 and l2:
            used[l1].add(l2)
        quantitative += indicator_parts(ind).kind == ValueKind.QUANTITATIVE.value
        _check_row_value(ind, row_no, project, l1, l2, add, rules, layout)
    _check_empty_rows(rows, add)
    _report_missing_values(no_value, filled, add)
    if not rows:
        add(Severity.ERROR, "no-indicators", "没有填写绩效指标")
    if not filled or unknown:  # a table outside the framework is said once, by level1-unknown
        return
    _check_coverage(spec, used, add)
    if quantitative * 3 < filled * 2:
        add(
            Severity.WARNING,
            "few-quantitative",
            f"定量指标只有 {quantitative} 个，不足已填写的 {filled} 个指标的三分之二",
        )
    for finding in repeated_text(
        [(i, ind.explanation) for i, ind in enumerate(rows) if _is_filled(ind)],
        lambda row: Place(Form.PROJECT, None, row),
    ):
        add(finding.severity, finding.code, finding.message, finding.place.row, "explanation")
    _check_grouping(rows, add)
    _check_weights(rows, add, rules)
    _check_duplicates(rows, add)


def _check_coverage(spec: fw.FrameworkSpec, used: dict[str, set[str]], add: _Add) -> None:
    if fw.OUTPUT not in used:
        add(Severity.ERROR, "no-output", "没有产出指标")
    if fw.BENEFIT not in used:
        add(Severity.ERROR, "no-benefit", "没有效益（效果）指标")
    if fw.SATISFACTION not in used:
        add(Severity.WARNING, "no-satisfaction", "没有满意度指标")
    for message in empty_level2(spec, used, skip_unused_level1=True):  # an absent 一级 is an error above
        add(Severity.WARNING, "level2-empty", message)


def _report_missing_values(rows: list[int], filled: int, add: _Add) -> None:
    """A 指标值 missing in some rows is said per row; missing in every row, once (a column left empty)."""
    if len(rows) > 1 and len(rows) == filled:
        add(Severity.ERROR, "row-missing", f"{filled} 行指标都没有填写指标值", None, "value")
        return
    for row in rows:
        add(Severity.ERROR, "row-missing", "指标值未填写", row, "value")


def _check_empty_rows(rows: list[Indicator], add: _Add) -> None:
    """Empty or placeholder rows (指标2:, ……) left from a template: one finding per run, not four per row."""
    run: list[int] = []
    for row_no, ind in enumerate([*rows, None]):
        if ind is not None and (not _is_filled(ind) or rc.is_placeholder_name(ind.level3)):
            run.append(row_no)
            continue
        if run:
            _report_empty_run(rows, run, add)
            run = []


def _report_empty_run(rows: list[Indicator], run: list[int], add: _Add) -> None:
    more = f"（连续 {len(run)} 行）" if len(run) > 1 else ""
    named = next((rows[i].level3.strip() for i in run if rows[i].level3.strip()), "")
    if named:
        add(Severity.WARNING, "template-text", f"“{named}”是模板留下的占位行{more}，请填写或删除", run[0], "level3")
    elif any(getattr(rows[i], f).strip() for i in run for f in ("level1", "level2", "description", "basis")):
        add(Severity.WARNING, "row-empty", f"空行{more}：没有三级指标和指标值，请填写或删除", run[0], "level3")


def _check_grouping(rows: list[Indicator], add: _Add) -> None:
    """Rows of one 一级 are printed under one merged cell, so they must be adjacent."""
    seen: set[str] = set()
    current: str | None = None
    for row_no, ind in enumerate(rows):
        l1 = fw.canonical_level1(ind.level1) if ind.level1.strip() else None
        if l1 is None or l1 == current:
            continue
        if l1 in seen:
            add(
                Severity.WARNING,
                "rows-not-grouped",
                f"“{ind.level1.strip()}”的指标没有排在一起（前面已有该一级指标，中间隔着其他一级指标）",
                row_no,
                "level1",
            )
        seen.add(l1)
        current = l1


def _check_weights(rows: list[Indicator], add: _Add, rules: RuleSet) -> None:
    weighted = [(i, ind.weight) for i, ind in enumerate(rows) if ind.weight is not None and _is_filled(ind)]
    if not weighted:
        return
    total = sum((w for _, w in weighted if w is not None), Decimal(0))
    if total not in rules.weight_totals:
        targets = " 或 ".join(format_plain(t) for t in rules.weight_totals)
        add(
            Severity.WARNING,
            "weights-total",
            f"指标权重合计 {format_plain(total)}，应为 {targets}（规则集：{rules.name}）",
            None,
            "weight",
        )


def _check_row_required(ind: Indicator, row: int, add: _Add, no_value: list[int]) -> None:
    for field in ("level1", "level2", "level3"):
        if not getattr(ind, field).strip():
            add(Severity.ERROR, "row-missing", f"{FIELD_LABELS[field]}未填写", row, field)
    if not ind.value.strip() and not ind.number.strip() and not any(v.strip() for v in ind.recipient_values):
        no_value.append(row)  # a distributed project's values may stand in its per-recipient columns


def _check_row_levels(
    ind: Indicator, row: int, framework: Framework, add: _Add, unknown: set[str]
) -> tuple[str | None, str | None]:
    l1 = fw.canonical_level1(ind.level1) if ind.level1.strip() else None
    l2 = fw.canonical_level2(ind.level2) if ind.level2.strip() else None
    spec = fw.FRAMEWORKS[framework]
    if ind.level1.strip() and (l1 is None or l1 not in spec.level1_names()):
        if ind.level1.strip() not in unknown:  # said once per name, at its first row
            add(Severity.ERROR, "level1-unknown", f"一级指标“{ind.level1}”不在{spec.name}框架中", row, "level1")
        unknown.add(ind.level1.strip())
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


def _check_row_value(
    ind: Indicator,
    row: int,
    project: Project,
    level1: str | None,
    level2: str | None,
    add: _Add,
    rules: RuleSet,
    layout: str = "",
) -> None:
    value = ind.value.strip() or ind.number.strip()
    if value and is_placeholder(value):
        add(Severity.ERROR, "value-placeholder", f"指标值“{value}”是占位符，请填写实际目标值", row, "value")
        return
    for code, message, field in _row_content(_row_key(ind), level2, rules.is_on("value-no-operator"), layout):
        add(Severity.WARNING, code, message, row, field)
    if value and ("成本" in (level2 or "") or level1 == fw.COST):
        _check_cost(ind, row, project, add)


_ROW_KEY_FIELDS = ("level1", "level2", "level3", "description", "value", "basis", "kind", "operator", "number", "unit",
                   "direction", "explanation", "scoring", "note")  # fmt: skip


def _row_key(ind: Indicator) -> tuple[str, ...]:
    return tuple(getattr(ind, f) for f in _ROW_KEY_FIELDS)


@lru_cache(maxsize=1 << 14)
def _row_content(
    key: tuple[str, ...], level2: str | None, every_value: bool, layout: str = ""
) -> tuple[rc.Problem, ...]:
    """The warnings about one row's own content: a pure function of its text (and of the layout
    family, whose column titles the messages use), so a re-check while the clerk types (and a
    document that repeats rows) costs a dictionary look-up per row."""
    ind = Indicator(**dict(zip(_ROW_KEY_FIELDS, key, strict=True)))
    valued = bool(ind.value.strip() or ind.number.strip())
    problems: list[rc.Problem] = []
    if valued:
        problems += [
            *rc.qualitative_unit(ind, "value"),
            *rc.kind_problems(ind, "value", layout),
            *rc.operator_problems(ind, "value", every_value=every_value, layout=layout),
            *rc.direction_problems(ind, "value", layout),
            *rc.unit_problems(ind, "value", level2),
            *rc.value_problems(ind, "value", level2),
        ]
    problems += [*rc.name_problems(ind), *rc.misfiled(ind, level2), *rc.explanation_problems(ind, "value")]
    problems += rc.template_problems(ind, _ROW_TEXT_FIELDS)
    return tuple(problems)


def _check_cost(ind: Indicator, row: int, project: Project, add: _Add) -> None:
    """A cost indicator above the project's budget (amounts converted to 万元)."""
    if project.budget_total is None:
        return
    parts = indicator_parts(ind)
    parsed = parse_value(parts.number + parts.unit)
    if not parsed.is_quantitative or "/" in parsed.unit:
        return
    wan = amount_in_wan(parsed, project.money_unit)
    budget = project.budget_total / Decimal(10000) if project.money_unit == "元" else project.budget_total
    if wan is not None and wan > budget:
        shown = ind.value or parts.number + parts.unit
        add(
            Severity.WARNING,
            "cost-over-budget",
            f"成本指标“{shown}”超过项目预算数 {format_plain(project.budget_total)} {project.money_unit}",
            row,
            "value",
        )


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
