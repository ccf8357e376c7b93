"""The printed title of an indicator column, per layout family: one source for the tables, the
editor's grids and the 审核 findings.

A finding names the column as the clerk sees it printed: the ``operator`` column is 计算符号 in most
tables but 指标性质 in the split layout (四川, 2021 中央模板); ``kind`` is 指标类型, or 指标值类型 in the
湖南/湖北 部门整体 table.  :data:`COLUMN_TITLES` gives the usual title, :data:`LAYOUT_TITLES` the
titles a family prints differently (keyed by the ``Layout`` / ``DeptLayout`` value);
``export.families.Family.column_title`` and ``models.checks.describe`` both read them here, and both
put a document's own titles (``UnitInfo.column_titles``, for a table whose headings differ) first.
"""

from __future__ import annotations

from perfdesk.models.document import ColumnTitles, DeptLayout, DeptTable, Layout

COLUMN_TITLES: dict[str, str] = {
    "kind": "指标类型",
    "operator": "计算符号",
    "number": "指标值",
    "unit": "计量单位",
    "weight": "权重",
    "direction": "指标方向",
    "explanation": "指标解释",
    "scoring": "评（扣）分标准",
    "note": "备注",
}

LAYOUT_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    Layout.SPLIT.value: (("operator", "指标性质"), ("unit", "度量单位")),
    DeptLayout.HUNAN.value: (("kind", "指标值类型"),),
}


def column_title(layout: str, name: str, own: ColumnTitles | None = None) -> str:
    """The printed title of indicator column ``name`` in the family ``layout``; the document's own title
    (``UnitInfo.column_titles``) comes first where it is typed."""
    typed = str(getattr(own, name, "") or "").strip() if own is not None else ""
    return typed or dict(LAYOUT_TITLES.get(str(layout), ())).get(name) or COLUMN_TITLES[name]


# The 部门整体 table's printed title per family; a 湖南/湖北 table holding the year's results is the
# department's self-evaluation and prints as such (the export's families take their titles from here).
DEPT_TITLES = {
    DeptLayout.GUANGDONG.value: "部门整体预算绩效目标表",
    DeptLayout.HUNAN.value: "部门整体支出绩效目标申报表",
}
DEPT_EVALUATION_TITLE = "部门整体支出绩效自评表"


def dept_is_evaluation(dept: DeptTable) -> bool:
    """True when the 部门整体 table holds a self-evaluation (the year's results), not only targets."""
    rows = any(i.actual.strip() or i.stated_score is not None for i in dept.indicators)
    texts = any(t.strip() for t in (dept.adjusted_goal, dept.achievement, dept.deviation_reason, dept.improvements))
    numbers = (dept.executed, dept.stated_execution_rate, dept.stated_execution_score, dept.stated_total)
    return rows or texts or bool(dept.fund_lines) or any(n is not None for n in numbers)


def dept_title(dept: DeptTable) -> str:
    """The 部门整体 table named as it prints: its own title, else its family's (自评表 for results)."""
    if dept.title.strip():
        return " ".join(dept.title.split())  # a title printed on two lines names the place on one
    if dept.layout is DeptLayout.HUNAN and dept_is_evaluation(dept):
        return DEPT_EVALUATION_TITLE
    return DEPT_TITLES.get(dept.layout.value, DEPT_TITLES[DeptLayout.GUANGDONG.value])
