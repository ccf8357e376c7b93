"""Read 项目绩效目标表 (F2, Hebei layout) from a sheet by their labels, one or many per sheet.

A table is found by its 项目名称 label; its extent runs to the next table's title.  Inside,
each field is found by its label (项目编码, 主管部门及预算编码, 预算数, 其中：财政资金, 资金用途,
资金支出计划 with 3月底…12月底, 绩效目标, the indicator header row) wherever the clerk put it,
so extra blank rows and columns, merged or unmerged labels and full-width symbols all read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from perfdesk.importer import fields
from perfdesk.importer.grid import Grid, GridCell, label_key
from perfdesk.importer.indicators import find_header, project_role, read_rows
from perfdesk.importer.result import Collector, ProjectImport
from perfdesk.models.document import Indicator, Project
from perfdesk.models.frameworks import canonical_level1, canonical_level2

MONTHS = {"3月底": "plan_mar", "6月底": "plan_jun", "10月底": "plan_oct", "12月底": "plan_dec"}
_TITLE_NUMBER = re.compile(r"^\s*(?:\[bookmark:[^\]]*\]\s*)?\d{1,3}\s*[、.．]\s*")
_CAPTION_UNIT = re.compile(r"^单位:(万元|元)$")
_INLINE = re.compile(r"^\s*([^:：]{2,14}?)\s*[:：]\s*(.+)$", re.S)
_SUBTITLE = re.compile(r"^[(]?\d{4}年度?[)]?$")
_PURPOSE_AMOUNT = {
    "budget_total": re.compile(r"预算数\s*(\d+(?:\.\d+)?)\s*万"),
    "budget_fiscal": re.compile(r"财政资金\s*(\d+(?:\.\d+)?)\s*万"),
    "budget_other": re.compile(r"其[他它]资金\s*(\d+(?:\.\d+)?)\s*万"),
}
_EVAL_KEYS = ("实际完成值", "全年执行数", "全年预算数", "得分")


def label_of(key: str) -> str | None:
    """The field a label cell names (``项目名称``, also ``项目名称：安全生产经费``), or None."""
    head, sep, rest = key.partition(":")
    inline = _label(head) if sep and rest else None
    return inline or _label(key.rstrip(":"))


def inline_value(cell: GridCell) -> GridCell | None:
    """The value typed after the label in the same cell (``项目名称：安全生产经费``), as a cell."""
    match = _INLINE.match(cell.text)
    if not match or _label(label_key(match.group(1))) is None:
        return None
    text = match.group(2).strip()
    return GridCell(cell.row, cell.col, text, label_key(text), last_row=cell.last_row, last_col=cell.last_col)


def _label(k: str) -> str | None:
    if len(k) > 14:
        return None
    exact = {
        "项目编码": "code", "项目代码": "code", "项目名称": "name", "实施单位": "implementer",
        "项目实施单位": "implementer", "资金用途": "purpose", "绩效目标": "goals", "年度绩效目标": "goals",
        "项目绩效目标": "goals", "年度目标": "goals",
    }  # fmt: skip
    if k in exact:
        return exact[k]
    if k in MONTHS:
        return k
    for prefix, name in (("主管部门", "owner"), ("预算规模", "scale"), ("资金支出计划", "plan"), ("预算数", "total")):
        if k.startswith(prefix):
            return name
    if k in ("预算总额", "年度预算数", "预算金额", "项目预算数"):
        return "total"
    if "财政资金" in k or "财政拨款" in k:
        return "fiscal"
    if k.startswith(("其他资金", "其中:其他资金")):
        return "other"
    return None


@dataclass
class Spot:
    """Where a table is: its 项目名称 label, its rows and columns, its title and caption."""

    anchor: GridCell
    top: int
    last: int
    c0: int
    c1: int | None
    title: GridCell | None = None
    caption_left: GridCell | None = None
    caption_unit: str = ""


def find_tables(grid: Grid) -> list[Spot]:
    """Every 项目名称 label that heads a table, with the extent of its table."""
    anchors = [c for c in grid.cells_in_order() if label_of(c.key) == "name"]
    edges = [_left_edge(grid, a, prev.col + 1 if prev and prev.row == a.row else 1)
             for prev, a in zip([None, *anchors][: len(anchors)], anchors, strict=True)]  # fmt: skip
    spots: list[Spot] = []
    for i, anchor in enumerate(anchors):
        right = next((edges[j] for j in range(i + 1, len(anchors)) if anchors[j].row == anchor.row), None)
        spot = Spot(anchor, anchor.row, 1 << 30, edges[i], right - 1 if right is not None else None)
        _find_title(grid, spot)
        spots.append(spot)
    for spot in spots:
        below = [s.top for s in spots if s.top > spot.anchor.row and _overlaps(s, spot)]
        spot.last = min(below) - 1 if below else (grid.row_numbers[-1] if grid.row_numbers else spot.anchor.row)
    return spots


def _overlaps(a: Spot, b: Spot) -> bool:
    a1 = a.c1 if a.c1 is not None else 1 << 30
    b1 = b.c1 if b.c1 is not None else 1 << 30
    return a.c0 <= b1 and b.c0 <= a1


def _left_edge(grid: Grid, anchor: GridCell, start: int) -> int:
    """The first column of a table: its leftmost label in the anchor row (项目编码 is left of 项目名称)."""
    for cell in grid.filled(anchor.row, start, anchor.col):
        if cell.row == anchor.row and label_of(cell.key) in ("code", "name"):
            return cell.col
    return anchor.col


def _find_title(grid: Grid, spot: Spot) -> None:
    """The title (``1、…绩效目标表``) and caption line (``单位：万元``) just above the table."""
    rows = grid.rows_between(max(1, spot.anchor.row - 6), spot.anchor.row - 1)
    for r in reversed(rows):
        cells = [c for c in grid.filled(r, spot.c0, spot.c1) if c.row == r]
        if not cells:
            continue
        if len(cells) > 2:
            break
        unit = next((m.group(1) for c in cells if (m := _CAPTION_UNIT.match(c.key))), None)
        if unit:
            spot.caption_unit = unit
            spot.caption_left = next((c for c in cells if not _CAPTION_UNIT.match(c.key)), None)
        elif any("绩效目标表" in c.key for c in cells):
            spot.title = next(c for c in cells if "绩效目标表" in c.key)
        elif not all(_SUBTITLE.match(c.key) for c in cells):
            break
        spot.top = r
        if spot.title is not None:
            break


def is_evaluation(grid: Grid, spot: Spot) -> bool:
    """True for a 项目支出绩效自评表 (it also has 项目名称 and 一级指标 labels)."""
    for r in grid.rows_between(spot.anchor.row, min(spot.last, spot.anchor.row + 12)):
        if any(c.key in _EVAL_KEYS for c in grid.filled(r, spot.c0, spot.c1)):
            return True
    return False


def is_project_table(grid: Grid, spot: Spot) -> bool:
    """True if the 项目名称 label heads a 项目绩效目标表: an indicator header or two more of its labels.

    A list with a 项目名称 column (a summary, a register of projects) has neither.
    """
    if find_header(grid, spot.anchor.row, spot.last, spot.c0, spot.c1, project_role) is not None:
        return True
    labels = _labels(grid, spot, min(spot.last, spot.anchor.row + 12))
    return len({name for name in labels if name != "name"}) >= 2 and value_right(grid, spot.anchor, spot.c1) is not None


def read_project(grid: Grid, spot: Spot) -> ProjectImport:
    """The project of one table, with the problems met reading it."""
    out = Collector(grid.title)
    project = Project()
    header = find_header(grid, spot.anchor.row, spot.last, spot.c0, spot.c1, project_role)
    head_last = header.row - 1 if header else spot.last
    labels = _labels(grid, spot, head_last)
    _read_header_fields(grid, spot, labels, project, out)
    _read_plan(grid, spot, labels, project, out)
    project.goals = _read_goals(grid, spot, labels, head_last)
    if header is None:
        out.problem(spot.anchor.address, "表中没有找到指标表头（一级指标、二级指标、三级指标），未导入绩效指标")
    else:
        _check_header(header.cells, out, spot)
        for row in read_rows(grid, header, spot.last, out):
            t = row.texts
            project.indicators.append(
                Indicator(
                    t["level1"], t["level2"], t.get("level3", ""), t.get("description", ""), t.get("value", ""),
                    t.get("basis", ""),
                )
            )  # fmt: skip
    _read_title(spot, project, out)
    return ProjectImport(project, grid.title, spot.anchor.address, out.problems, out.notes)


def _check_header(cells: dict[str, GridCell], out: Collector, spot: Spot) -> None:
    if "value" not in cells:
        out.problem(spot.anchor.address, "指标表头中没有“指标值”列，指标值未导入")


def _labels(grid: Grid, spot: Spot, last: int) -> dict[str, list[GridCell]]:
    """The label cells of the table's upper part, by field."""
    found: dict[str, list[GridCell]] = {}
    for r in grid.rows_between(spot.anchor.row, last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            name = label_of(cell.key) if cell.row == r else None
            if name:
                found.setdefault(name, []).append(cell)
    return found


def value_right(grid: Grid, label: GridCell, c1: int | None) -> GridCell | None:
    """The value cell right of a label (or after it in the same cell); None if the next one is a label."""
    inline = inline_value(label)
    if inline is not None:
        return inline
    for cell in grid.row(label.row, label.last_col + 1, c1):
        if not cell.text:
            continue
        return None if label_of(cell.key) else cell
    return None


def _text(cell: GridCell | None) -> str:
    return cell.text if cell is not None else ""


def _read_header_fields(
    grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], project: Project, out: Collector
) -> None:
    first = {name: cells[0] for name, cells in labels.items()}
    project.name = _text(value_right(grid, spot.anchor, spot.c1))
    if not project.name:
        out.problem(spot.anchor.address, "项目名称为空")
    if "code" in first:
        project.code = _text(value_right(grid, first["code"], spot.c1))
    if "owner" in first:
        owner = _text(value_right(grid, first["owner"], spot.c1))
        project.department_name, project.department_code = fields.split_owner(owner)
    if "implementer" in first:
        project.implementer = _text(value_right(grid, first["implementer"], spot.c1))
    unit = spot.caption_unit or "万元"
    for name, attr, what in (("total", "budget_total", "预算数"), ("fiscal", "budget_fiscal", "财政资金"),
                             ("other", "budget_other", "其他资金")):  # fmt: skip
        if name in first:
            cell = value_right(grid, first[name], spot.c1)
            setattr(project, attr, _wan(fields.money(cell, what, out, unit=unit), unit, cell, out))
    project.purpose = _read_purpose(grid, spot, labels)
    if "total" not in first and project.purpose:
        _amounts_from_purpose(project, first.get("purpose") or spot.anchor, out)


def _wan(value: Decimal | None, unit: str, cell: GridCell | None, out: Collector) -> Decimal | None:
    """An amount of a table captioned 单位：元, converted to 万元 (and said so)."""
    if value is not None and unit == "元" and cell is not None:
        out.note(cell.address, "表格单位为元，金额已换算为万元")
        return value / Decimal(10000)
    return value


def _read_purpose(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]]) -> str:
    """资金用途: right of its own label, or the row under 预算规模及资金用途."""
    if "purpose" in labels:
        return _text(value_right(grid, labels["purpose"][0], spot.c1))
    if "scale" not in labels:
        return ""
    scale = labels["scale"][0]
    for r in grid.rows_between(scale.row + 1, scale.row + 4):
        cells = [c for c in grid.filled(r, scale.last_col + 1, spot.c1) if c.row == r]
        if any(label_of(c.key) for c in cells):
            return ""
        if cells:
            return "\n".join(c.text for c in cells)
    return ""


def _amounts_from_purpose(project: Project, where: GridCell, out: Collector) -> None:
    """The 主管部门 style has no amount cells: read 预算数 … 万元 from the 资金用途 sentence."""
    found = []
    for attr, pattern in _PURPOSE_AMOUNT.items():
        match = pattern.search(project.purpose)
        if match:
            setattr(project, attr, Decimal(match.group(1)))
            found.append(match.group(0))
    if found:
        out.note(where.address, f"预算金额取自资金用途文字（{'，'.join(found)}）")


def _read_plan(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], project: Project, out: Collector) -> None:
    months = [c for key in MONTHS for c in labels.get(key, [])[:1]]
    if not months:
        if "plan" in labels:
            out.problem(labels["plan"][0].address, "资金支出计划没有 3月底…12月底 的列标题，未导入")
        return
    label_row = max(c.last_row for c in months)
    below = grid.rows_between(label_row + 1, spot.last)
    values_row = below[0] if below else None
    for cell in months:
        value = grid.at(values_row, cell.col) if values_row is not None else None
        if value is not None and label_of(value.key):
            value = None
        setattr(project, MONTHS[cell.key.rstrip(":")], fields.percent(value, f"资金支出计划{cell.text}", out))


def _read_goals(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], last: int) -> list[str]:
    """绩效目标: 目标1…n rows, ``目标1：…`` cells, or one cell of numbered lines."""
    if "goals" not in labels:
        return []
    label = labels["goals"][0]
    later = [c.row for cells in labels.values() for c in cells if c.row > label.row]
    end = max(label.last_row, min([*later, last + 1]) - 1)
    inline = inline_value(label)
    goals: list[str] = fields.numbered_items(inline.text) if inline is not None else []
    for r in grid.rows_between(label.row, min(end, last)):
        cells = [c for c in grid.filled(r, label.last_col + 1, spot.c1) if c.row == r]
        if len(cells) > 2 or any(_level_like(c.text) for c in grid.filled(r, spot.c0, spot.c1)):
            break  # an indicator row: the goals have ended (the header row may be missing)
        texts = [c.text for c in cells]
        while texts:
            rest = fields.goal_label(texts[0])
            if rest == "" and len(texts) > 1:  # a 目标1 label cell, the goal in the next one
                goals.append(texts[1])
                texts = texts[2:]
            else:  # 目标1：… in one cell, numbered lines, or plain text
                goals += fields.numbered_items(texts[0]) if rest != "" else []
                texts = texts[1:]
    return goals


def _level_like(text: str) -> bool:
    return len(text) < 12 and (canonical_level1(text) is not None or canonical_level2(text) is not None)


def _read_title(spot: Spot, project: Project, out: Collector) -> None:
    if spot.title is not None:
        title = _TITLE_NUMBER.sub("", spot.title.text).strip()
        if title != f"{project.name}绩效目标表":
            project.table_title = title
    project.caption = spot.caption_unit != ""
