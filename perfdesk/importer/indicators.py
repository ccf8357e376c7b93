"""Indicator grids: find the header row's columns, then read rows with 一级/二级 filled down.

Real tables write 一级/二级 merged over their rows, on the first row only, or on every row;
all three read the same.  Blank rows are skipped; a row of text that is not an indicator
(``注：…``, ``填表人：…``) ends the grid and is reported, not read as an indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from perfdesk.importer.grid import Grid, GridCell
from perfdesk.importer.result import Collector
from perfdesk.models.frameworks import canonical_level1, canonical_level2

Role = str
RoleRule = Callable[[str], Role | None]


def project_role(key: str) -> Role | None:
    """The column of a 项目绩效目标表 header cell (一级指标 … 指标值确定依据)."""
    key = key.rstrip(":")
    if len(key) > 16:
        return None
    for word, role in (("一级", "level1"), ("二级", "level2"), ("三级", "level3"), ("依据", "basis")):
        if word in key:
            return role
    if key == "指标内容":  # the indicator's name in the 长期/年度 two-block tables (湖南, template T1)
        return "level3"
    if any(w in key for w in ("描述", "解释", "说明", "内容")):
        return "description"
    if "指标值" in key or "目标值" in key:
        return "value"
    return None


def dept_role(key: str) -> Role | None:
    """The column of a 部门整体预算绩效目标表 indicator header cell."""
    key = key.rstrip(":")
    if len(key) > 16:
        return None
    for word, role in (("一级", "level1"), ("二级", "level2"), ("三级", "level3"), ("实施周期", "period_value")):
        if word in key:
            return role
    if "年度" in key or "指标值" in key:
        return "annual_value"
    return None


@dataclass
class Header:
    """An indicator header row: its row number and the column of each role."""

    row: int
    columns: dict[Role, int]
    cells: dict[Role, GridCell]


def find_header(grid: Grid, first: int, last: int, c0: int, c1: int | None, rule: RoleRule) -> Header | None:
    """The first row between ``first`` and ``last`` naming 一级, 二级 and 三级 columns."""
    for r in grid.rows_between(first, last):
        cells: dict[Role, GridCell] = {}
        for cell in grid.filled(r, c0, c1):
            role = rule(cell.key) if cell.row == r else None
            if role and role not in cells:
                cells[role] = cell
        if {"level1", "level2", "level3"} <= set(cells):
            return Header(r, {role: cell.col for role, cell in cells.items()}, cells)
    return None


@dataclass
class LevelRow:
    """One indicator row as read: texts by role, and where it is."""

    row: int
    texts: dict[Role, str]
    cells: dict[Role, GridCell]


def _is_level_name(text: str) -> bool:
    return bool(text) and (canonical_level1(text) is not None or canonical_level2(text) is not None)


def read_rows(grid: Grid, header: Header, last: int, out: Collector, *, what: str = "绩效指标") -> list[LevelRow]:
    """The indicator rows under ``header`` up to row ``last``, 一级/二级 filled down."""
    rows: list[LevelRow] = []
    prev1 = prev2 = ""
    for r in grid.rows_between(header.row + 1, last):
        own: dict[Role, str] = {}
        merged: dict[Role, str] = {}
        cells: dict[Role, GridCell] = {}
        used: set[tuple[int, int]] = set()
        for role, col in header.columns.items():
            cell = grid.at(r, col)
            if cell is None or (cell.row, cell.col) in used:
                continue
            used.add((cell.row, cell.col))
            cells[role] = cell
            (own if cell.row == r else merged)[role] = cell.text
        values = [v for role, v in own.items() if role not in ("level1", "level2")]
        if not any(values) and not own.get("level1") and not own.get("level2"):
            continue  # a blank row, or one only continuing merged labels
        if not any(values) and not (_is_level_name(own.get("level1", "")) or _is_level_name(own.get("level2", ""))):
            _report_tail(grid, r, last, out, what)
            break
        level1 = own.get("level1") or merged.get("level1") or prev1
        new_group = bool(own.get("level1"))
        level2 = own.get("level2") or merged.get("level2") or ("" if new_group else prev2)
        texts = {role: own.get(role, "") for role in header.columns}
        texts["level1"], texts["level2"] = level1, level2
        rows.append(LevelRow(r, texts, cells))
        prev1, prev2 = level1, level2
    return rows


def _report_tail(grid: Grid, first: int, last: int, out: Collector, what: str) -> None:
    """Text under a grid that is not an indicator row: say it was not imported (the first few)."""
    cells = [c for r in grid.rows_between(first, last) for c in grid.filled(r) if c.row == r]
    for cell in cells[:3]:
        out.note(cell.address, f"{what}下方的文字“{cell.text[:30]}”不是指标行，未导入")
    if len(cells) > 3:
        out.note(cells[3].address, f"{what}下方还有 {len(cells) - 3} 个单元格的文字未导入")
