"""Flat lists of several projects (四川-style): one header row, one merged block of rows per project.

``单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 …`` — the project's own
columns are merged (or typed on the first row only) over its indicator rows.  Each block becomes one
project; the indicator columns read as in any grid (split columns, weights …).
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.importer import fields
from perfdesk.importer.grid import Grid, GridCell
from perfdesk.importer.indicators import Header, column_targets, read_rows, route
from perfdesk.importer.labels import MONEY_FIELDS, unit_in
from perfdesk.importer.project_table import Spot, _decimal, label_of, sweep
from perfdesk.importer.result import Collector, ProjectImport
from perfdesk.models.document import Indicator, Project

# Project columns of a flat list beyond the header labels of a project table.
_EXTRA = {
    "单位名称": "implementer",
    "单位": "implementer",
    "预算单位名称": "implementer",
    "部门名称": "department_name",
}
_TEXT = ("code", "implementer", "attribute", "nature", "category", "period", "manager", "phone", "overview",
         "long_term_goal", "purpose")  # fmt: skip


def is_flat(header: Header | None, spot: Spot) -> bool:
    """True if 项目名称 heads a column of the indicator header row (a list, not a form)."""
    return header is not None and header.first_row <= spot.anchor.row <= header.row


def _project_columns(grid: Grid, header: Header, spot: Spot) -> dict[str, GridCell]:
    cols: dict[str, GridCell] = {}
    for r in range(header.first_row, header.row + 1):
        for cell in grid.filled(r, spot.c0, spot.c1):
            name = label_of(cell.key) or _EXTRA.get(cell.key.rstrip(":"))
            if name and name != "heading" and name not in cols and cell.col not in header.columns.values():
                cols[name] = cell
    return cols


def read_flat(grid: Grid, spot: Spot, header: Header) -> list[ProjectImport]:
    """One project per block of rows under the 项目名称 column."""
    out = Collector(grid.title)
    cols = _project_columns(grid, header, spot)
    out.use(*cols.values(), *spot.caption_cells)
    name_col = cols["name"].col
    rows = read_rows(grid, header, spot.last, out)
    targets = column_targets(rows)
    blocks: dict[tuple[int, int], list] = {}
    for row in rows:
        owner = grid.at(row.row, name_col)
        key = (owner.row, owner.col) if owner is not None and owner.text else (row.row, name_col)
        blocks.setdefault(key, []).append(row)
    found: list[ProjectImport] = []
    for (top, _), block in blocks.items():
        project = Project()
        for name, head in cols.items():
            cell = grid.at(top, head.col)
            if cell is None or not cell.text:
                continue
            out.use(cell)
            _set(project, name, cell, head, spot, out)
        for row in block:
            project.indicators.append(_indicator(row, header, targets, out))
        if found:  # the unit's columns are often merged over all its projects, or typed once
            previous = found[-1].project
            project.implementer = project.implementer or previous.implementer
            project.department_name = project.department_name or previous.department_name
        address = grid.at(top, name_col).address if grid.at(top, name_col) is not None else spot.anchor.address
        found.append(ProjectImport(project, grid.title, address))
    sweep(grid, out, spot.top, spot.last, spot.c0, spot.c1)
    if found:  # the list's problems are told once, with its first project
        found[0].problems, found[0].notes = out.problems, out.notes
        found[0].owner_caption, found[0].year = spot.owner_caption, spot.year
        for item in found:
            item.columns = tuple(sorted(header.columns, key=header.columns.__getitem__))
    return found


def _set(project: Project, name: str, cell: GridCell, head: GridCell, spot: Spot, out: Collector) -> None:
    if name in MONEY_FIELDS:
        unit = unit_in(head.key) or spot.caption_unit or "万元"
        project.money_unit = unit
        setattr(project, name, fields.money(cell, head.text, out, unit=unit))
    elif name == "goals":
        project.goals = fields.numbered_items(cell.text)
    elif name == "owner" or name == "department_name":
        project.department_name, project.department_code = fields.split_owner(cell.text)
    elif name == "name":
        project.name = cell.text
    elif name in _TEXT or hasattr(project, name):
        if isinstance(getattr(project, name, None), str):
            setattr(project, name, cell.text)
        else:
            out.used.discard((cell.row, cell.col))


def _indicator(row, header: Header, targets: dict[str, str], out: Collector) -> Indicator:
    t = row.texts
    ind = Indicator(t["level1"], t["level2"], t.get("level3", ""), t.get("description", ""), "", t.get("basis", ""))
    if header.split:
        ind.number = t.get("value", "")
    else:
        ind.value = t.get("value", "")
    for name, text in route(t, targets).items():
        setattr(ind, name, text)
    ind.unit, ind.explanation = t.get("unit", ""), t.get("explanation", "")
    ind.scoring, ind.note = t.get("scoring", ""), t.get("note", "")
    ind.weight = _decimal(row.cells.get("weight"), "权重", out)
    points: dict[str, Decimal | None] = row.points  # type: ignore[assignment]
    ind.level1_points, ind.level2_points = points.get("level1"), points.get("level2")
    return ind
