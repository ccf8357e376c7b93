"""Indicator grids: find the header (one or two rows), then read rows with 一级/二级 filled down.

Real tables write 一级/二级 merged over their rows, on the first row only, or on every row;
all three read the same.  A header may be split over two rows — words broken by a line
(``一级`` / ``指标``), or a group heading over sub-columns (``年度指标值`` over 指标性质 | 指标值 |
度量单位) — and may have columns beyond 一级/二级/三级/指标值: 指标性质, 计算符号, 度量单位, 权重,
指标方向, 指标解释, 评分标准, 备注, and in a 自评表 实际完成值, 分值, 得分 and 原因.  Blank rows are
skipped; a row of text that is not an indicator (``注：…``, ``总分``) ends the grid; the caller
reports what it does not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from perfdesk.importer.grid import Grid, GridCell
from perfdesk.importer.labels import CLOSING_FIELDS, clean, project_label, split_points
from perfdesk.importer.result import Collector
from perfdesk.models.frameworks import canonical_level1, canonical_level2
from perfdesk.models.values import normalise_operator

Role = str
RoleRule = Callable[[str], Role | None]

# Roles whose cells are routed by what they hold: an operator, 定量/定性, or 正向/反向.
ROUTED = frozenset({"kind", "operator", "direction"})
_PLACEHOLDER_NAME = re.compile(r"^(?:指标\d{1,2}[:：]?|…+|\.{3,}|★+)$")


@lru_cache(maxsize=1 << 14)
def indicator_role(key: str) -> Role | None:
    """The column a header cell of an indicator grid names, by its whole wording."""
    k = clean(key.rstrip(":"))
    if not k or len(k) > 16:
        return None
    for word, role in (("一级", "level1"), ("二级", "level2"), ("三级", "level3")):
        if word in k:
            return role
    rules: tuple[tuple[tuple[str, ...], Role], ...] = (
        (("评分", "扣分", "评价标准"), "scoring"),
        (("原因", "改进措施", "偏差"), "reason"),
        (("实际完成", "完成值", "实际值", "完成情况", "实际实现"), "actual"),
        (("得分",), "score"),
        (("依据",), "basis"),
        (("描述",), "description"),
        (("解释", "说明", "绩效标准"), "explanation"),
        (("性质",), "kind"),
        (("符号",), "operator"),
        (("方向",), "direction"),
        (("备注",), "note"),
        (("权重", "分值", "分数"), "weight"),
    )
    for words, role in rules:
        if any(w in k for w in words):
            if role in ROUTED and not (k.startswith(("指标", "计算", "运算", "比较")) or k in words):
                return None  # 资金性质, 项目方向: not a column of the indicator's own
            return role
    if k in ("计量单位", "度量单位", "单位", "计算单位", "指标单位"):
        return "unit"
    if k in ("指标名称", "指标", "指标内容", "绩效指标名称", "指标项", "具体指标", "评价指标"):
        return "level3"
    if any(w in k for w in ("指标值", "目标值", "预期", "计划水平", "年度指标", "计划值")):
        return "value"
    if "内容" in k:
        return "description"
    return None


def project_role(key: str) -> Role | None:
    """The column of a 项目绩效目标表 header cell (kept for callers of the Hebei reader)."""
    return indicator_role(key)


@lru_cache(maxsize=1 << 14)
def dept_role(key: str) -> Role | None:
    """The column of a 部门整体预算绩效目标表 indicator header cell."""
    k = clean(key.rstrip(":"))
    if len(k) > 16:
        return None
    if "实施周期" in k or "中期" in k or "长期" in k:
        return "period_value"
    role = indicator_role(key)
    if role == "value" or (role is None and "年度" in k):
        return "annual_value"
    return role


@dataclass
class Header:
    """An indicator header (one or two rows): the column of each role and the header cells."""

    row: int
    columns: dict[Role, int]
    cells: dict[Role, GridCell]
    first_row: int = 0  # the first header row (row above for a two-row header)
    extra: list[GridCell] | None = None  # header cells without a role of their own (group headings)
    halves: list[Header] | None = None  # 长期 ‖ 年度 side by side under one 一级 column (family B)

    @property
    def split(self) -> bool:
        """True if 指标值 is typed in split columns (an operator, 指标性质 or unit column)."""
        return bool({"operator", "kind", "unit"} & set(self.columns))


def _has_grid_roles(roles: set[Role]) -> bool:
    return "level3" in roles and bool({"level1", "level2", "value", "weight"} & roles)


def find_header(grid: Grid, first: int, last: int, c0: int, c1: int | None, rule: RoleRule) -> Header | None:
    """The first row between ``first`` and ``last`` naming an indicator grid's columns."""
    for r in grid.rows_between(first, last):
        cells = _row_roles(grid, r, c0, c1, rule)
        if not _has_grid_roles(set(cells)) and not {"level1", "level2", "level3"} <= set(cells):
            continue
        header = Header(r, {role: cell.col for role, cell in cells.items()}, cells, r, [])
        _second_row(grid, header, last, c0, c1, rule)
        _row_above(grid, header, first, c0, c1, rule)
        _halves(grid, header, c0, c1, rule)
        return header
    return None


_HALF_ROLES = ("level2", "level3", "value")


def _halves(grid: Grid, header: Header, c0: int, c1: int | None, rule: RoleRule) -> None:
    """A second 二级/三级/指标值 set right of the first (长期 ‖ 年度): each half becomes a header of its own."""
    if not {"level2", "level3"} <= set(header.columns):
        return
    start = max(header.columns.get(role, 0) for role in _HALF_ROLES) + 1
    second: dict[Role, GridCell] = {}
    for cell in grid.filled(header.row, start, c1):
        role = rule(cell.key)
        if role in _HALF_ROLES and role not in second and cell.col >= start:
            second[role] = cell
    if not {"level2", "level3"} <= set(second):
        return
    right_start = min(c.col for c in second.values())
    left_cells = {role: c for role, c in header.cells.items() if c.col < right_start}
    right_cells = dict(second)
    if "level1" in header.cells:
        right_cells["level1"] = header.cells["level1"]
    halves = []
    for cells in (left_cells, right_cells):
        halves.append(Header(header.row, {role: c.col for role, c in cells.items()}, cells, header.first_row,
                             list(header.extra or [])))  # fmt: skip
    header.halves = halves


def _row_roles(grid: Grid, r: int, c0: int, c1: int | None, rule: RoleRule) -> dict[Role, GridCell]:
    """Roles of the header cells shown in row ``r`` (own cells, and merged ones from above)."""
    cells: dict[Role, GridCell] = {}
    for cell in grid.filled(r, c0, c1):
        role = rule(cell.key)
        if role == "level3" and role in cells and "内容" in cell.key:
            role = "description"  # 三级指标 | 指标内容: the second names the content
        elif (
            role == "level3" and "内容" in cell.key and "level3" not in cells and _later_level3(grid, r, cell, c1, rule)
        ):
            role = "description"
        if role and role not in cells:
            cells[role] = cell
    return cells


def _later_level3(grid: Grid, r: int, cell: GridCell, c1: int | None, rule: RoleRule) -> bool:
    return any(rule(other.key) == "level3" and "三级" in other.key for other in grid.filled(r, cell.last_col + 1, c1))


def _second_row(grid: Grid, header: Header, last: int, c0: int, c1: int | None, rule: RoleRule) -> None:
    """A header continued on the next row: sub-columns under a group, or words broken by a line."""
    rows = grid.rows_between(header.row + 1, last)
    if not rows:
        return
    r = rows[0]
    own = [c for c in grid.filled(r, c0, c1) if c.row == r]
    if not own:
        return
    taken: dict[Role, GridCell] = {}
    for cell in own:
        above = grid.at(header.row, cell.col)
        role = rule(cell.key)
        joined = rule(above.key + cell.key) if above is not None and above.text else None
        if _is_level_name(cell.text):
            return
        if role is None and joined is None:
            return
        if above is not None and above.text and above.last_col > above.col:  # a group heading over sub-columns
            taken[role or joined or ""] = cell
        elif above is not None and above.text and joined is not None and len(cell.key) <= 4 and cell.number is None:
            taken[joined] = above  # the word continues: the role is the heading's
            header.extra = [*(header.extra or []), cell]
        elif role is not None and (above is None or not above.text or above.last_row >= r):
            taken[role] = cell
        else:
            return
    for role, cell in taken.items():
        if not role:
            continue
        old = header.cells.get(role)
        if old is not None and old.col != cell.col and old.last_col == old.col:
            header.extra = [*(header.extra or []), old]
        for other_role, other in list(header.cells.items()):
            if other.col <= cell.col <= other.last_col and other.last_col > other.col and other_role != role:
                header.extra = [*(header.extra or []), other]
                del header.cells[other_role]
                header.columns.pop(other_role, None)
        header.cells[role] = cell
        header.columns[role] = cell.col
    header.row = r


def _row_above(grid: Grid, header: Header, first: int, c0: int, c1: int | None, rule: RoleRule) -> None:
    """A row of headings right above the header (group headings, roles merged down): part of it."""
    rows = grid.rows_between(first, header.first_row - 1)
    if not rows or rows[-1] != header.first_row - 1:
        return
    r = rows[-1]
    own = [c for c in grid.filled(r, c0, c1) if c.row == r]
    cols = set(header.columns.values())
    if not own or not all(c.col in cols or any(c.col <= x <= c.last_col for x in cols) for c in own):
        return
    if not all(rule(c.key) is not None or c.last_col > c.col or "指标" in c.key for c in own):
        return
    header.first_row = r
    header.extra = [*(header.extra or []), *own]


@dataclass
class LevelRow:
    """One indicator row as read: texts by role, and where it is."""

    row: int
    texts: dict[Role, str]
    cells: dict[Role, GridCell]
    points: dict[Role, object]  # level1/level2 → Decimal points printed with the name


def _is_level_name(text: str) -> bool:
    name, _ = split_points(text)
    return bool(name) and (canonical_level1(name) is not None or canonical_level2(name) is not None)


def _is_mark(text: str) -> bool:
    """A template's placeholder (``…``, ``……``, ``★``) standing in a level cell: the row is kept as typed."""
    return bool(text) and bool(_PLACEHOLDER_NAME.match(text.strip()))


def _is_points_only(text: str) -> bool:
    name, points = split_points(text)
    return points is not None and not name


def is_placeholder_row(texts: dict[Role, str]) -> bool:
    """A template row left in a published table (``指标2:``, ``……``) with nothing else typed."""
    name = texts.get("level3", "")
    others = [v for role, v in texts.items() if role not in ("level1", "level2", "level3") and v]
    return bool(_PLACEHOLDER_NAME.match(name.strip())) and not others


def read_rows(grid: Grid, header: Header, last: int, out: Collector, *, what: str = "绩效指标") -> list[LevelRow]:
    """The indicator rows under ``header`` up to row ``last``, 一级/二级 filled down.

    Every cell read (and the header) is marked used in ``out``; what is not read is left for
    the caller's 未导入 sweep.
    """
    out.use(*header.cells.values(), *(header.extra or []))
    rows: list[LevelRow] = []
    prev1 = prev2 = ""
    prev_points: dict[Role, object] = {}
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
        if _repeats_header(own, header):
            out.use(*(c for c in cells.values() if c.row == r))
            continue  # the header repeated after a page break
        values = [v for role, v in own.items() if role not in ("level1", "level2")]
        l1, l2 = own.get("level1", ""), own.get("level2", "")
        if not any(values) and not l1 and not l2:
            continue  # a blank row, or one only continuing merged labels
        level_ok = _is_level_name(l1) or _is_level_name(l2) or _is_points_only(l1) or _is_mark(l1) or _is_mark(l2)
        if not any(values) and not level_ok:
            break
        if _ends_grid(own, header) or _closing_row(grid, r):
            break
        new_group = bool(l1)
        points: dict[Role, object] = {} if new_group else {k: v for k, v in prev_points.items() if k == "level1"}
        level1 = l1 or merged.get("level1") or prev1
        level2 = l2 or merged.get("level2") or ("" if new_group else prev2)
        if l1 or merged.get("level1"):
            level1, p1 = split_points(level1)
            if p1 is not None:
                points["level1"] = p1
        if l2 or merged.get("level2"):
            level2, p2 = split_points(level2)
            if p2 is not None:
                points["level2"] = p2
        elif not new_group and "level2" in prev_points:
            points["level2"] = prev_points["level2"]
        texts = {role: own.get(role, "") for role in header.columns}
        texts["level1"], texts["level2"] = level1, level2
        out.use(*(c for c in cells.values() if c.text))
        rows.append(LevelRow(r, texts, cells, points))
        prev1, prev2, prev_points = level1, level2, points
    return rows


def _repeats_header(own: dict[Role, str], header: Header) -> bool:
    """True for a row whose every cell repeats the header's text (a page's repeated header)."""
    titles = {role: cell.text for role, cell in header.cells.items() if role in header.columns}
    return bool(titles) and own.keys() == titles.keys() and all(own[k] == v and v for k, v in titles.items())


def _closing_row(grid: Grid, row: int) -> bool:
    """A row with a 填报人 / 填报日期 / 审核意见 label (left of the grid or in it) closes the table."""
    return any(c.row == row and project_label(c.key) in CLOSING_FIELDS for c in grid.filled(row))


def _ends_grid(own: dict[Role, str], header: Header) -> bool:
    """A 总分/合计 row, or a 注： line, ends the grid."""
    first = next((v for role, v in sorted(own.items(), key=lambda kv: header.columns[kv[0]]) if v), "")
    key = first.replace(" ", "").replace("\u3000", "")
    return key in ("总分", "合计", "总计", "分值合计") or key.startswith(
        ("注:", "注：", "说明:", "说明：", "备注:", "备注：")
    )


def column_targets(rows: list[LevelRow]) -> dict[Role, str]:
    """Where each routed column's words go when a cell's content says nothing itself.

    A column is what most of its cells hold: a 指标方向 column of ≥/≤ is an operator column, so its
    ``是/否`` is an operator too.
    """
    targets: dict[Role, str] = {}
    for role in ROUTED:
        votes: dict[str, int] = {}
        for row in rows:
            text = row.texts.get(role, "")
            kind = _content(text) if text else None
            if kind:
                votes[kind] = votes.get(kind, 0) + 1
        if votes:
            targets[role] = max(votes, key=votes.__getitem__)
    return targets


def swapped_titles(header: Header, targets: dict[Role, str]) -> dict[str, str]:
    """The printed titles of routed columns whose cells hold another field (04: 指标性质 over 正向, 指标方向
    over 大于等于): field → the title printed over it, for ``UnitInfo.column_titles``."""
    titles: dict[str, str] = {}
    for role, target in targets.items():
        cell = header.cells.get(role)
        if target != role and cell is not None and cell.text.strip():
            titles[target] = cell.text.strip()
    return titles


def _content(text: str) -> str | None:
    if normalise_operator(text) not in (None, ""):
        return "operator"
    if text.strip().startswith(("定量", "定性")):
        return "kind"
    if "正向" in text or "反向" in text:
        return "direction"
    return None


def route(texts: dict[Role, str], targets: dict[Role, str] | None = None) -> dict[str, str]:
    """The structured fields of a row: what a 指标性质/计算符号/指标方向 column holds decides its field.

    An operator goes to ``operator``, 定量/定性 to ``kind``, 正向/反向 to ``direction``; anything
    else stays in the column's own field, as typed.
    """
    fields: dict[str, str] = {}
    for role in ("kind", "operator", "direction"):
        text = texts.get(role, "")
        if not text:
            continue
        target = _content(text) or (targets or {}).get(role, role)
        if fields.get(target):
            target = role  # both columns hold the same kind of thing: keep each where it was typed
        fields[target] = text
    return fields


def fill_structure(item: Any, row: LevelRow, header: Header, targets: dict[Role, str], value_field: str) -> None:
    """Put one read grid row's value and structured fields on an indicator-like row (Indicator,
    EvalRow): the 指标值 (in ``number`` under a split header), routed 指标性质/符号/方向 columns, 计量单位,
    指标解释, 评分标准, 备注 and the points printed with the 一级/二级 names."""
    t = row.texts
    value = t.get("value", "")
    if header.split:
        item.number = value
    else:
        setattr(item, value_field, value)
    for name, text in route(t, targets).items():
        setattr(item, name, text)
    item.unit = t.get("unit", "")
    item.explanation, item.scoring, item.note = t.get("explanation", ""), t.get("scoring", ""), t.get("note", "")
    item.level1_points = row.points.get("level1")
    item.level2_points = row.points.get("level2")
