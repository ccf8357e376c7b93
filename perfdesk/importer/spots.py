"""Where a project table is on a sheet, and its labels: the 项目名称 anchor, the title, year and caption
lines above it, label → value lookups, and the 未导入 sweep over the table's extent.

A label is recognised whole (:mod:`labels`); a value is right of its label, after it in the same cell
(``项目名称：…``) or under it (labels heading a column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from perfdesk.importer import fields
from perfdesk.importer.grid import Grid, GridCell, label_key
from perfdesk.importer.indicators import find_header, indicator_role
from perfdesk.importer.labels import (
    CAPTION_OWNER,
    CAPTION_UNIT,
    CAPTION_UNIT_LABEL,
    CAPTION_UNIT_VALUE,
    project_label,
    unit_in,
)
from perfdesk.importer.result import Collector

_INLINE = re.compile(r"^\s*([^:：]{2,14}?)\s*[:：]\s*(.+)$", re.S)


_SUBTITLE = re.compile(r"^[(]?(?:\d{4}年度?|\d{4})[)]?$")


_TITLE = re.compile(r"(绩效目标|绩效指标|申报|审批|批复|自评|评价)\S*表")


_HEADINGS = re.compile(
    r"^(金额|资金金额|项目期|中期|年度|当年|本年|\d{4}年(度)?|全周期|实施周期|预算数|资金|小计|合计|项目资金情况|"
    r"绩效指标|年度绩效指标|长期绩效指标|中期绩效指标|实施期绩效指标|项目绩效指标|绩效目标及指标|年度指标|"
    r"项目实施内容|实施内容|计划开始时间|开始时间|完成时间|计划完成时间|预期目标|实际完成情况|绩效目标|"
    r"指标)$"
)


@lru_cache(maxsize=1 << 14)
def label_of(key: str) -> str | None:
    """The field a label cell names (``项目名称``, also ``项目名称：安全生产经费``), or None."""
    return project_label(key) or ("heading" if _HEADINGS.match(key.rstrip(":")) else None)


def inline_value(cell: GridCell) -> GridCell | None:
    """The value typed after the label in the same cell (``项目名称：安全生产经费``), as a cell."""
    match = _INLINE.match(cell.text)
    if not match or project_label(label_key(match.group(1))) is None:
        return None
    text = match.group(2).strip()
    return GridCell(cell.row, cell.col, text, label_key(text), last_row=cell.last_row, last_col=cell.last_col)


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
    caption_cells: list[GridCell] = field(default_factory=list)
    owner_caption: str = ""
    year: int | None = None
    nameless: bool = False  # a table without 项目名称 (a fragment, a table cut at the top)


def nameless_spot(grid: Grid) -> Spot | None:
    """A sheet with an indicator grid but no 项目名称: the whole sheet is one table, its name missing."""
    if not grid.row_numbers:
        return None
    header = find_header(grid, grid.row_numbers[0], grid.row_numbers[-1], 1, None, indicator_role)
    if header is None:
        return None
    top = grid.row_numbers[0]
    spot = Spot(GridCell(top, 1, "", "", last_row=top, last_col=1), top, grid.row_numbers[-1], 1, None, nameless=True)
    for r in grid.rows_between(top, header.first_row - 1):
        cells = [c for c in grid.filled(r) if c.row == r]
        if not cells:
            continue
        if _caption(cells, spot):
            spot.caption_cells += cells
        elif any(_TITLE.search(c.key) for c in cells) and len(cells) <= 2 and spot.title is None:
            spot.title = next(c for c in cells if _TITLE.search(c.key))
            spot.caption_cells += cells
            spot.year = spot.year or next(iter(fields.years_in(spot.title.text)), None)
        elif all(_SUBTITLE.match(c.key) for c in cells):
            spot.caption_cells += cells
            spot.year = spot.year or next(iter(fields.years_in(cells[0].text)), None)
        else:
            break
    return spot


def find_tables(grid: Grid) -> list[Spot]:
    """Every 项目名称 label that heads a table, with the extent of its table."""
    anchors = [c for c in grid.cells_in_order() if project_label(c.key) == "name"]
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
        if cell.row == anchor.row and (project_label(cell.key) in ("code", "name") or cell.key in FLAT_UNIT_LABELS):
            return cell.col
    return anchor.col


FLAT_UNIT_LABELS = frozenset(
    {"单位名称", "单位", "预算单位名称", "部门名称", "预算单位", "主管部门"}
)  # a flat list's first columns


def _find_title(grid: Grid, spot: Spot) -> None:
    """The title, year subtitle and caption lines (单位：万元, 填报单位：…) just above the table."""
    rows = grid.rows_between(max(1, spot.anchor.row - 6), spot.anchor.row - 1)
    for r in reversed(rows):
        cells = [c for c in grid.filled(r, spot.c0, spot.c1) if c.row == r]
        if not cells:
            continue
        if len(cells) > 4:
            break
        if _caption(cells, spot):
            spot.caption_cells += cells
        elif any(_TITLE.search(c.key) for c in cells) and len(cells) <= 2:
            spot.title = next(c for c in cells if _TITLE.search(c.key))
            spot.caption_cells += cells
            spot.year = spot.year or next(iter(fields.years_in(spot.title.text)), None)
        elif all(_SUBTITLE.match(c.key) for c in cells):
            spot.caption_cells += cells
            spot.year = spot.year or next(iter(fields.years_in(cells[0].text)), None) or int(cells[0].key.strip("()"))
        else:
            break
        spot.top = r
        if spot.title is not None:
            break


def _caption(cells: list[GridCell], spot: Spot) -> bool:
    """A caption line: 单位：元, 金额单位 | 元, 填报单位：…, a unit code and name; True if it was one."""
    unit = next((m.group(1) for c in cells if (m := CAPTION_UNIT.match(c.key))), None)
    keys = [c.key.rstrip(":") for c in cells]
    for i, k in enumerate(keys[:-1]):
        if k in CAPTION_UNIT_LABEL and keys[i + 1] in CAPTION_UNIT_VALUE:
            unit = keys[i + 1]
    unit = unit or next((u for c in cells if (u := unit_in(c.key)) and CAPTION_OWNER.match(c.key)), None)
    owner = _owner_caption(cells)
    if unit is None and owner is None:
        return False
    if unit:
        spot.caption_unit = unit
    if owner is not None:
        spot.owner_caption = owner
    rest = [c for c in cells if not CAPTION_UNIT.match(c.key) and c.key.rstrip(":") not in CAPTION_UNIT_LABEL
            and c.key not in CAPTION_UNIT_VALUE]  # fmt: skip
    spot.caption_left = rest[0] if rest else None
    return True


def _owner_caption(cells: list[GridCell]) -> str | None:
    for i, cell in enumerate(cells):
        match = CAPTION_OWNER.match(cell.key)
        if match:
            text = re.sub(r"^.*?[:：]\s*", "", cell.text, count=1)
            return re.sub(r"[(（]\s*(?:金额)?单位[:：]?\s*(?:万元|元)\s*[)）]", "", text).strip()
        if cell.key.rstrip(":") in ("填报单位", "申报单位", "编制单位", "单位名称", "填报单位(盖章)") and i + 1 < len(
            cells
        ):
            return re.sub(r"[(（]\s*(?:金额)?单位[:：]?\s*(?:万元|元)\s*[)）]", "", cells[i + 1].text).strip()
    return None


def value_right(grid: Grid, label: GridCell, c1: int | None) -> GridCell | None:
    """The value cell right of a label (or after it in the same cell); None if the next one is a label."""
    inline = inline_value(label)
    if inline is not None:
        return inline
    for cell in grid.row(label.row, label.last_col + 1, c1):
        if not cell.text:
            continue
        return None if label_of(cell.key) not in (None, "fund_line") else cell
    return None


def value_of(grid: Grid, label: GridCell, spot: Spot) -> GridCell | None:
    """The value of a label: to its right, or else right under it (labels heading a column)."""
    right = value_right(grid, label, spot.c1)
    if right is not None:
        return right
    if _empty_box_right(grid, label, spot.c1):
        return None  # label | merged value box left blank: the value is empty, not the cell under it
    below = grid.rows_between(label.last_row + 1, spot.last)
    if below:
        cell = grid.at(below[0], label.col)
        if cell is not None and cell.text and cell.row == below[0] and not label_of(cell.key):
            if indicator_role(cell.key) is None and not _row_is_labels(grid, label.row, spot):
                return None
            return cell if indicator_role(cell.key) is None else None
    return None


def _empty_box_right(grid: Grid, label: GridCell, c1: int | None) -> bool:
    """True if the cell right of a label is a blank merged box (a value the clerk left empty)."""
    nxt = next(iter(grid.row(label.row, label.last_col + 1, c1)), None)
    return nxt is not None and not nxt.text and nxt.merged and nxt.row == label.row and nxt.col == label.last_col + 1


def _row_is_labels(grid: Grid, row: int, spot: Spot) -> bool:
    """True if every filled cell of the row is a label: a row of column headings."""
    cells = [c for c in grid.filled(row, spot.c0, spot.c1) if c.row == row]
    return len(cells) >= 2 and all(label_of(c.key) for c in cells)


def label_near(grid: Grid, cell: GridCell, top: int, c0: int) -> str:
    """The label a value stands beside (the nearest words to its left) and under (the words above).

    Numbers are skipped on both sides: in a block of amounts the label is the row's name and the
    column's heading (``其中：财政拨款 / 全年执行数（B）``).
    """
    left = next((o.text for o in reversed(list(grid.row(cell.row, c0, cell.col - 1)))
                 if o.text and o.key and o.number is None and fields.number(o.text) is None), "")  # fmt: skip
    above = ""
    for r in reversed(grid.rows_between(top, cell.row - 1)):
        other = grid.at(r, cell.col)
        if (
            other is not None
            and other.text
            and other.key
            and other.number is None
            and fields.number(other.text) is None
        ):
            above = other.text
            break
    beside = grid.at(cell.row, cell.col - 1) if cell.col > c0 else None
    if left and above and beside is not None and beside.number is not None:
        return f"{left} / {above}"
    return left or above


def sweep(grid: Grid, out: Collector, top: int, last: int, c0: int, c1: int | None) -> None:
    """Report every filled cell of the table's extent that no field took, as 未导入.

    A cell already named by a problem (``预算数“约七十万”不是金额，未导入``) is not listed twice.
    """
    reported = {p.cell for p in out.problems}
    for r in grid.rows_between(top, last):
        for cell in grid.filled(r, c0, c1):
            if cell.row != r or (cell.row, cell.col) in out.used or cell.address in reported:
                continue
            out.unread(cell.address, label_near(grid, cell, top, c0), cell.text)
