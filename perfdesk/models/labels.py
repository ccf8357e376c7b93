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

from perfdesk.models.document import ColumnTitles, DeptLayout, Layout

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
