"""Next year's document from this year's, and the 2015 → 2021 framework conversion.

Rollover carries over unit, texts, projects and indicators; amounts and spending plans can be
kept or cleared.  Text naming the old year (``2021年工作要点``, ``在2025年12月31日前``) is never
rewritten: the new document remembers the year it came from (``UnitInfo.rolled_from``) and
:func:`year_references` finds every such mention, which the checks report for review.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from perfdesk.models import frameworks as fw
from perfdesk.models.document import DeptIndicator, Document, Framework, Indicator, Project


@dataclass(frozen=True)
class TextSpot:
    """A text field of the document: which form, project, row and field, and its text."""

    form: str  # "overall", "project", "dept_table" (names of checks.Form members, lower-case)
    project: int | None
    row: int | None
    field: str
    text: str


def rollover(doc: Document, *, keep_amounts: bool = True, keep_plans: bool = True) -> Document:
    """A copy of ``doc`` for the next fiscal year; the after-the-year parts are not carried."""
    new = copy.deepcopy(doc)
    new.unit.rolled_from = doc.unit.fiscal_year
    new.unit.fiscal_year = doc.unit.fiscal_year + 1
    new.self_report = None
    for project in new.projects:
        project.evaluation = None
        if not keep_amounts:
            project.budget_total = project.budget_fiscal = project.budget_other = None
        if not keep_plans:
            project.plan_mar = project.plan_jun = project.plan_oct = project.plan_dec = None
        _roll_costs(project, keep_amounts)
    if new.dept_table is not None and not keep_amounts:
        table = new.dept_table
        for name in ("basic_expense", "project_expense", "special_funds", "other_development"):
            setattr(table, name, None)
        for name in ("income_fiscal", "income_other", "local_use", "transfer"):
            setattr(table, name, None)
        for task in [*table.key_tasks, *table.other_tasks]:
            task.amount_yuan = None
    return new


def _roll_costs(project: Project, keep_amounts: bool) -> None:
    """成本构成: its two 实际执行数 columns are the two years before the budget year, so the later
    one becomes the earlier and the year just ending starts blank (its actuals are not known yet)."""
    for line in project.cost_lines:
        line.prior1, line.prior2 = line.prior2, None
        if not keep_amounts:
            line.amount = None
    project.cost_prior1_total, project.cost_prior2_total = project.cost_prior2_total, None
    if not keep_amounts:
        project.cost_total = None
        for recipient in project.recipients:
            recipient.amount = None


def text_spots(doc: Document) -> Iterator[TextSpot]:
    """Every free-text field of the document with its place, in document order."""
    unit = doc.unit
    yield TextSpot("unit", None, None, "title", unit.title)
    overall = doc.overall
    yield TextSpot("overall", None, None, "summary", overall.summary)
    yield TextSpot("overall", None, None, "sub_targets_text", overall.sub_targets_text)
    for i, sub in enumerate(overall.sub_targets):
        for name in ("title", "target", "indicators"):
            yield TextSpot("overall", None, i, f"sub_targets.{name}", getattr(sub, name))
    yield TextSpot("overall", None, None, "measures.text", overall.measures.text)
    for g, group in enumerate(overall.measures.groups):
        for item in group.items:
            yield TextSpot("overall", None, g, "measures.items", item)
    for p, project in enumerate(doc.projects):
        yield from _object_spots(project, "project", p, None, skip=frozenset({"goals", "indicators", "evaluation"}))
        for goal in project.goals:
            yield TextSpot("project", p, None, "goals", goal)
        for r, ind in enumerate(project.indicators):
            yield from _object_spots(ind, "project", p, r)
            for value in ind.recipient_values:
                yield TextSpot("project", p, r, "recipient_values", value)
        for line in project.cost_lines:  # the 成本构成 and 资金安排 rows (issue 11)
            for name in ("item", "basis"):
                yield TextSpot("project", p, None, "cost_lines", getattr(line, name))
        for recipient in project.recipients:
            for name in ("name", "project_name"):
                yield TextSpot("project", p, None, "recipients", getattr(recipient, name))
    if doc.dept_table is not None:
        table = doc.dept_table
        for goal in table.goals:
            yield TextSpot("dept_table", None, None, "goals", goal)
        for r, row in enumerate([*table.key_tasks, *table.other_tasks, *table.indicators]):
            yield from _object_spots(row, "dept_table", None, r)


def _object_spots(
    obj: object, form: str, project: int | None, row: int | None, skip: frozenset[str] = frozenset()
) -> Iterator[TextSpot]:
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if f.name not in skip and isinstance(value, str):
            yield TextSpot(form, project, row, f.name, value)


def year_pattern(year: int) -> re.Pattern[str]:
    """The year as a number of its own (``2021年``, ``2021/1/1``), not inside a document number (〔2021〕)."""
    return re.compile(rf"(?<![\d【〔\[（(]){year}(?!\d)")


def year_references(doc: Document, year: int) -> list[TextSpot]:
    """The text fields that mention ``year`` as a year."""
    pattern = year_pattern(year)
    return [spot for spot in text_spots(doc) if pattern.search(spot.text)]


@dataclass(frozen=True)
class RowChange:
    """One indicator row changed by a framework conversion (for the preview)."""

    project: int | None  # None for the Guangdong table
    row: int  # the row's index before the conversion
    new_row: int
    old_levels: tuple[str, str]
    new_levels: tuple[str, str]


_COST_2015_TO_2021 = ("成本指标", "经济成本指标")


def convert_to_2021(doc: Document) -> tuple[Document, list[RowChange]]:
    """A copy of a 2015-framework document in the 2021 framework, and the rows that changed.

    成本指标 stops being a 二级 of 产出指标 and becomes a 一级 printed first; the 2015 cost rows
    (money spent on the project) become 经济成本指标.  All other rows keep what was typed.
    """
    if doc.unit.framework is Framework.Y2021:
        return copy.deepcopy(doc), []
    new = copy.deepcopy(doc)
    new.unit.framework = Framework.Y2021
    changes: list[RowChange] = []
    for p, project in enumerate(new.projects):
        project.indicators = _convert_rows(project.indicators, p, changes)
    if new.dept_table is not None:
        new.dept_table.indicators = _convert_rows(new.dept_table.indicators, None, changes)
    return new, changes


R = TypeVar("R", Indicator, DeptIndicator)


def _convert_rows(rows: list[R], project: int | None, changes: list[RowChange]) -> list[R]:
    cost = [(i, r) for i, r in enumerate(rows) if fw.canonical_level2(r.level2) == fw.COST]
    if not cost:
        return rows
    others = [r for r in rows if fw.canonical_level2(r.level2) != fw.COST]
    for new_index, (old_index, row) in enumerate(cost):
        old = (row.level1, row.level2)
        row.level1, row.level2 = _COST_2015_TO_2021
        changes.append(RowChange(project, old_index, new_index, old, (row.level1, row.level2)))
    return [r for _, r in cost] + others
