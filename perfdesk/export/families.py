"""The layout families: what each official table of a family holds, once for every writer and the UI.

A family (``UnitInfo.layout`` for project tables, ``DeptTable.layout`` for the 部门整体 table)
names its title, the money unit it prints in and the optional indicator columns it shows by
default.  The clerk adds columns with ``UnitInfo.indicator_columns`` and hides one of the
family's own with an entry ``-field`` (``-weight``); :func:`shown_columns` combines both.  The
builders in :mod:`perfdesk.export.forms_families` draw the tables from this description, the
indicator grids of the editor show the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfdesk.models.document import INDICATOR_DETAIL_FIELDS, ColumnTitles, DeptLayout, Layout, UnitInfo
from perfdesk.models.labels import COLUMN_TITLES, DEPT_TITLES, LAYOUT_TITLES
from perfdesk.models.money import convert_money, round_money
from perfdesk.models.values import indicator_parts, one_cell_value


@dataclass(frozen=True)
class Family:
    """One family of official tables: its name, title, money unit and default indicator columns."""

    key: str  # the Layout / DeptLayout value
    name: str  # shown in the 新建 dialog and 单位信息
    title: str  # printed title; {name} is the project name
    money_unit: str  # the unit amounts print in
    columns: tuple[str, ...]  # the optional indicator fields the family prints by default
    titles: tuple[tuple[str, str], ...] = ()  # column titles that differ from COLUMN_TITLES (models.labels)
    description: str = ""

    def column_title(self, name: str, own: ColumnTitles | None = None) -> str:
        """The printed header of an indicator column in this family (the document's own title first)."""
        typed = str(getattr(own, name, "") or "").strip() if own is not None else ""
        return typed or dict(self.titles).get(name) or COLUMN_TITLES[name]


# relative widths (mm) of the optional columns in a printed grid
COLUMN_WIDTHS: dict[str, float] = {
    "kind": 12,
    "operator": 12,
    "number": 20,
    "unit": 14,
    "weight": 11,
    "direction": 13,
    "explanation": 30,
    "scoring": 30,
    "note": 18,
}

FAMILIES: dict[str, Family] = {
    f.key: f
    for f in (
        Family(
            Layout.HEBEI.value,
            "河北 项目绩效目标表",
            "{name}绩效目标表",
            "万元",
            (),
            description="预算规模及资金用途、资金支出计划、年度目标，六列指标表（河北）",
        ),
        Family(
            Layout.SHENBAO.value,
            "项目支出绩效目标申报表（上海等）",
            "{name}项目支出绩效目标申报表",
            "元",
            (),
            description="项目属性/性质/类别与计划日期，实施期‖年度两栏项目资金，总体目标与年度目标",
        ),
        Family(
            Layout.SPLIT.value,
            "分列指标表（四川、2021 中央模板）",
            "{name}项目支出绩效目标表",
            "万元",
            ("operator", "number", "unit", "weight", "direction"),
            LAYOUT_TITLES[Layout.SPLIT.value],
            description="一级/二级/三级、指标性质、指标值、度量单位、权重、指标方向分列",
        ),
        Family(
            Layout.TWO_BLOCK.value,
            "长期/年度两段指标表（湖南、安徽等）",
            "{name}项目绩效目标表",
            "万元",
            ("note",),
            description="项目概况、立项情况、实施进度计划，长期与年度两段指标（指标内容/指标值/备注），审核意见",
        ),
    )
}

DEPT_FAMILIES: dict[str, Family] = {
    f.key: f
    for f in (
        Family(
            DeptLayout.GUANGDONG.value,
            "部门整体预算绩效目标表（广东）",
            DEPT_TITLES[DeptLayout.GUANGDONG.value],
            "万元",
            (),
            description="基本信息、预算整体情况、重点工作任务，实施周期‖年度指标值",
        ),
        Family(
            DeptLayout.HUNAN.value,
            "部门整体支出绩效目标申报表（湖南、湖北）",
            DEPT_TITLES[DeptLayout.HUNAN.value],
            "万元",
            ("kind", "number", "unit", "explanation", "scoring"),
            LAYOUT_TITLES[DeptLayout.HUNAN.value],
            description="部门职责、年度总体目标，指标值类型/指标值/计量单位/指标解释/评分标准",
        ),
    )
}


def family(layout: Layout | str) -> Family:
    """The description of a project-table family."""
    return FAMILIES[str(layout)]


def dept_family(layout: DeptLayout | str) -> Family:
    """The description of a 部门整体 family."""
    return DEPT_FAMILIES[str(layout)]


def shown_columns(fam: Family, chosen: list[str]) -> list[str]:
    """The optional indicator columns shown: the family's own minus ``-field`` entries, plus the added ones.

    Unknown names are ignored; the order is :data:`INDICATOR_DETAIL_FIELDS`.
    """
    hidden = {c[1:] for c in chosen if c.startswith("-")}
    wanted = (set(fam.columns) - hidden) | {c for c in chosen if not c.startswith("-")}
    return [f for f in INDICATOR_DETAIL_FIELDS if f in wanted]


def toggle_column(fam: Family, chosen: list[str], name: str, show: bool) -> list[str]:
    """The new ``indicator_columns`` list after showing or hiding ``name`` (a new list)."""
    rest = [c for c in chosen if c.lstrip("-") != name]
    if show and name not in fam.columns:
        rest.append(name)
    elif not show and name in fam.columns:
        rest.append(f"-{name}")
    return rest


def project_columns(unit: UnitInfo) -> list[str]:
    """The optional indicator columns of a document's project tables and grids."""
    return shown_columns(family(unit.layout), unit.indicator_columns)


def column_text(row: object, name: str, shown: list[str], value_field: str = "value") -> str:
    """What an indicator column prints for ``row`` (an Indicator, EvalRow or DeptIndicator).

    ``number`` prints the 指标值 of a split layout; an operator or unit whose own column is not
    shown is written into it, so the value never loses its sign or unit.
    """
    if name in ("value", "number"):
        return _value_text(row, shown, value_field)
    parts = indicator_parts(row, value_field)
    if name == "kind":
        return parts.kind
    if name == "operator":
        return parts.operator
    if name == "unit":
        return parts.unit
    if name == "weight":
        weight = getattr(row, "weight", None)
        return "" if weight is None else format(weight, "f")
    return str(getattr(row, name, ""))


def _value_text(row: object, shown: list[str], value_field: str) -> str:
    if "number" not in shown:
        return one_cell_value(row, value_field)
    parts = indicator_parts(row, value_field)
    op = "" if "operator" in shown else parts.operator  # as typed (≧ stays ≧)
    unit = "" if "unit" in shown else parts.unit
    return f"{op}{parts.number}{unit}" if parts.number else ""


def weight_number(row: object) -> Decimal | None:
    """The 权重 of a row as a number for spreadsheets."""
    weight = getattr(row, "weight", None)
    return weight if isinstance(weight, Decimal) else None


def print_amount(amount: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """An amount in the unit a table prints, exact: two decimals unless the conversion needs more."""
    converted = convert_money(amount, from_unit or "万元", to_unit)
    if converted is None:
        return None
    rounded = round_money(converted)
    return rounded if rounded == converted else converted
