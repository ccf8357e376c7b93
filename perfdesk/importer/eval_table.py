"""Read 项目支出绩效自评表 (F5) typed by hand or exported by perfdesk, by their labels.

The layouts of the corpus (realtables families E, F, G, J) share: the project header
(项目名称, 主管部门, 实施单位 …), a 预算执行 block whose columns are named 年初预算数 / 全年预算数(A) /
全年执行数(B) / 分值 / 执行率 / 得分 (or 预算数(A) | 执行数(B) | 执行率 | 得分), 年度总体目标 with
预期目标 | 实际完成情况, an indicator grid with 年度指标值 | 实际完成值 | 分值 | 得分 | 原因 (and the
split columns), and a tail with 总分, 等级 and texts.  The printed 得分 and 总分 are kept as
*stated* values beside what perfdesk computes; they are never written over.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfdesk.importer import fields
from perfdesk.importer.grid import Grid, GridCell
from perfdesk.importer.indicators import (
    Header,
    column_targets,
    fill_structure,
    find_header,
    indicator_role,
    read_rows,
    swapped_titles,
)
from perfdesk.importer.labels import split_points, unit_in
from perfdesk.importer.project_extras import read_table_note
from perfdesk.importer.project_table import (
    Spot,
    _decimal,
    _labels,
    _read_header_fields,
    _use_block_labels,
    label_of,
    sweep,
    value_of,
)
from perfdesk.importer.result import Collector, ProjectImport
from perfdesk.models.document import EvalFundLine, EvalRow, Indicator, Project, ProjectEval

_FUND_HEADS = (
    ("initial", re.compile(r"^年初预算")),
    ("annual", re.compile(r"^(全年预算|预算数|调整后预算)")),
    ("executed", re.compile(r"^(全年执行|执行数|实际支出|支出数)")),
    ("rate", re.compile(r"^执行率")),
    ("points", re.compile(r"^(分值|权重)")),
    ("score", re.compile(r"^得分")),
)
_TAIL = {
    "总分": "total", "合计": "total", "总得分": "total", "自评得分": "total", "综合得分": "total",
    "等级": "grade", "评价等级": "grade", "自评等级": "grade",
    "评价结论": "conclusion", "自评结论": "conclusion", "总体评价": "conclusion", "综合评价": "conclusion",
    "存在问题": "problems", "存在的问题": "problems", "主要问题": "problems",
    "改进措施": "improvements", "改进意见": "improvements", "整改措施": "improvements", "改进建议": "improvements",
    "下一步改进措施": "improvements",
    "负责人": "contact", "项目负责人": "contact", "填表人": "contact", "填报人": "contact", "联系人": "contact",
    "财务负责人": "finance_officer",
    "联系电话": "phone", "电话": "phone",
}  # fmt: skip
_GOAL_LABEL = re.compile(r"^(年度)?(总体)?目标(完成情况)?$|^年度总体目标")


def read_evaluation(grid: Grid, spot: Spot) -> ProjectImport:
    """The project named by a 自评表, with the evaluation filled from it."""
    out = Collector(grid.title)
    project = Project()
    header = find_header(grid, spot.anchor.row, spot.last, spot.c0, spot.c1, indicator_role)
    head_last = header.first_row - 1 if header else spot.last
    labels = _labels(grid, spot, head_last)
    out.use(spot.anchor, *spot.caption_cells, *(c for cells in labels.values() for c in cells))
    funds_row = _funds_heading(grid, spot, head_last)
    fund_rows = set(grid.rows_between(funds_row, head_last)) if funds_row else set()
    _read_header_fields(grid, spot, _without(labels, fund_rows), project, out)
    ev = ProjectEval()
    titles: dict[str, str] = {}
    if funds_row is not None:
        _read_funds(grid, spot, funds_row, head_last, project, ev, out)
    _read_goal(grid, spot, head_last, ev, out)
    _read_execution_reason(grid, spot, head_last, ev, out)
    _read_review(grid, spot, head_last, ev, out)
    if header is None:
        out.problem(spot.anchor.address, "自评表中没有找到指标表头（一级指标、二级指标、三级指标），未导入指标")
        tail_from = head_last + 1
    else:
        _read_block_points(grid, header, spot, ev, out)
        _use_block_labels(grid, header, spot, out)
        ev.rows, tail_from = _rows(grid, header, spot, out, titles)
    _read_tail(grid, spot, header, tail_from, ev, out)
    ev.table_note = read_table_note(grid, spot, tail_from, out)
    project.evaluation = ev
    project.indicators = [_indicator(r) for r in ev.rows]
    project.goals = [ev.annual_goal] if ev.annual_goal else []
    if spot.title is not None:
        project.table_title = ""
    sweep(grid, out, spot.top, spot.last, spot.c0, spot.c1)
    result = ProjectImport(project, grid.title, spot.anchor.address, out.problems, out.notes)
    result.owner_caption, result.year = spot.owner_caption, spot.year
    result.columns = tuple(sorted(header.columns, key=header.columns.__getitem__)) if header else ()
    result.title = spot.title.text if spot.title is not None else ""
    result.titles = titles
    return result


def _without(labels: dict[str, list[GridCell]], rows: set[int]) -> dict[str, list[GridCell]]:
    """Labels outside the 预算执行 block (its 年度资金总额 rows are read by columns)."""
    kept = {name: [c for c in cells if c.row not in rows] for name, cells in labels.items()}
    return {name: cells for name, cells in kept.items() if cells}


def _funds_heading(grid: Grid, spot: Spot, last: int) -> int | None:
    """The row naming the 预算执行 columns (年初预算数 | 全年预算数 | 全年执行数 …)."""
    for r in grid.rows_between(spot.anchor.row, last):
        heads = {name for c in grid.filled(r, spot.c0, spot.c1) for name, rx in _FUND_HEADS if rx.match(c.key)}
        if {"annual", "executed"} <= heads or {"initial", "executed"} <= heads:
            return r
    return None


def _fund_columns(grid: Grid, spot: Spot, row: int, out: Collector) -> dict[str, GridCell]:
    cols: dict[str, GridCell] = {}
    for cell in grid.filled(row, spot.c0, spot.c1):
        for name, rx in _FUND_HEADS:
            if rx.match(cell.key) and name not in cols:
                cols[name] = cell
                out.use(cell)
                break
    return cols


def _read_funds(
    grid: Grid, spot: Spot, heading: int, last: int, project: Project, ev: ProjectEval, out: Collector
) -> None:
    """The 预算执行 block: one row per source, the first (年度资金总额) filling the evaluation."""
    cols = _fund_columns(grid, spot, heading, out)
    first_col = min(c.col for c in cols.values())
    project.money_unit = spot.caption_unit or "万元"
    for cell in grid.filled(heading, spot.c0, first_col - 1):  # 项目资金（万元） (20分), merged down
        out.use(cell)
        project.money_unit = unit_in(cell.key) or project.money_unit  # the amounts stay as typed, in their unit
        _, points = split_points(cell.text)
        if points is not None:
            ev.stated_execution_points = points
    for cell in cols.values():  # 全年预算数（元）
        project.money_unit = unit_in(cell.key) or project.money_unit
    total_seen = False
    for r in grid.rows_between(heading + 1, last):
        left = [c for c in grid.filled(r, spot.c0, first_col - 1) if c.row == r]
        label = left[-1] if left else None
        name = label_of(label.key) if label is not None else None
        fund_words = label is not None and total_seen and any(w in label.key for w in ("资金", "拨款", "补助"))
        if name not in ("budget_total", "budget_fiscal", "budget_other", "budget_carryover", "fund_line"):
            if fund_words and label is not None and label.key.rstrip(":") not in _EXECUTION_REASON:
                name = "fund_line"  # 单位资金, 财政专户管理资金: a breakdown line whatever other label it resembles
            elif total_seen or (name is not None and name != "heading"):
                break
            # 年度财政资金总额, or no label of its own (perfdesk's: the block label is merged down): the total
            name = "budget_total"
        out.use(label)
        cells = {k: grid.at(r, c.col) for k, c in cols.items()}
        cells = {k: c for k, c in cells.items() if c is not None and c.row == r and c.text}
        what = label.text if label is not None else "年度资金总额"
        amounts = {
            k: fields.money(c, f"{what}{cols[k].text}", out, unit=project.money_unit)
            for k, c in cells.items()
            if k in ("initial", "annual", "executed")
        }
        if name == "budget_total" and not total_seen:
            total_seen = True
            ev.initial_budget, ev.annual_budget, ev.executed = (
                amounts.get(k) for k in ("initial", "annual", "executed")
            )
            out.use(*(cells.get(k) for k in ("initial", "annual", "executed")))
            if "points" in cells:
                ev.stated_execution_points = _decimal(cells["points"], "分值", out)
                out.use(cells["points"])
            if "rate" in cells:
                ev.stated_execution_rate = _rate(cells["rate"], out)
                out.use(cells["rate"])
            if "score" in cells:
                ev.stated_execution_score = _decimal(cells["score"], "得分", out)
                out.use(cells["score"])
        else:  # a 其中 line: the funds block's breakdown row, with its own 分值/得分 where it prints them
            if name in ("budget_fiscal", "budget_other", "budget_carryover") and amounts.get("annual") is not None:
                setattr(project, name, amounts["annual"])
            line = EvalFundLine(what, *(amounts.get(k) for k in ("initial", "annual", "executed")))
            out.use(*(cells.get(k) for k in ("initial", "annual", "executed") if amounts.get(k) is not None))
            if "rate" in cells:
                line.stated_rate = _rate(cells["rate"], out)
                out.use(cells["rate"]) if line.stated_rate is not None else None
            for attr, k, word in (("points", "points", "分值"), ("stated_score", "score", "得分")):
                cell = cells.get(k)
                if cell is not None and not fields.blank_mark(cell.text):
                    setattr(line, attr, _decimal(cell, f"{what}{word}", out))
            ev.fund_lines.append(line)
        for k in ("points", "score"):  # —— / - marks under 分值 and 得分 of the sub-lines
            cell = cells.get(k)
            if cell is not None and (fields.blank_mark(cell.text) or name != "budget_total"):
                out.use(cell)


def _read_goal(grid: Grid, spot: Spot, last: int, ev: ProjectEval, out: Collector) -> None:
    """年度总体目标: 预期目标 | 实际完成情况 headings with the texts under (or beside) them."""
    for r in grid.rows_between(spot.anchor.row, last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            if cell.row != r:
                continue
            if _GOAL_LABEL.match(cell.key.rstrip(":")):
                out.use(cell)
            attr = (
                "annual_goal"
                if cell.key.startswith(("预期目标", "年度目标"))
                else "actual_summary"
                if cell.key.startswith(("实际完成情况", "实际完成"))
                else None
            )
            if attr is None or getattr(ev, attr):
                continue
            value = value_of(grid, cell, spot)
            below = _below(grid, cell, last)
            chosen = below if below is not None else value
            if chosen is not None:
                out.use(cell, chosen)
                setattr(ev, attr, chosen.text)


_EXECUTION_REASON = frozenset({"执行率偏差原因", "预算执行偏差原因", "执行偏差原因", "执行率偏差原因说明", "偏差原因"})


def _read_execution_reason(grid: Grid, spot: Spot, last: int, ev: ProjectEval, out: Collector) -> None:
    """执行率偏差原因 (required below 90 %): the text right of (or under) its label."""
    for r in grid.rows_between(spot.anchor.row, last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            if cell.row == r and cell.key.rstrip(":") in _EXECUTION_REASON and not ev.execution_reason:
                value = value_of(grid, cell, spot)
                out.use(cell, value)
                ev.execution_reason = value.text if value is not None else ""


_REVIEW = frozenset({"财政审核评分", "财政审核得分", "财政评审得分", "财政部门审核评分"})


def _read_review(grid: Grid, spot: Spot, last: int, ev: ProjectEval, out: Collector) -> None:
    """财政审核评分 beside 自评得分: the box is kept even when printed empty (it waits for the bureau)."""
    for r in grid.rows_between(spot.anchor.row, last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            if cell.row == r and cell.key.rstrip(":") in _REVIEW and not ev.review_box:
                ev.review_box = True
                value = value_of(grid, cell, spot)
                out.use(cell, value)
                ev.review_score = _decimal(value, "财政审核评分", out) if value is not None else None


def _read_block_points(grid: Grid, header: Header, spot: Spot, ev: ProjectEval, out: Collector) -> None:
    """绩效指标（90分） / 年度绩效目标 (80分): the indicator block's points, in its caption above or left of
    the header."""
    for r in grid.rows_between(max(spot.anchor.row, header.first_row - 1), header.row):
        for cell in grid.filled(r, spot.c0, spot.c1):
            if cell.row != r:
                continue
            name, points = split_points(cell.text)
            if points is not None and ("指标" in name or "目标" in name) and "预算" not in name and len(name) < 12:
                ev.stated_indicator_points = points
                out.use(cell)
                return


def _below(grid: Grid, cell: GridCell, last: int) -> GridCell | None:
    rows = grid.rows_between(cell.last_row + 1, last)
    if not rows:
        return None
    below = grid.at(rows[0], cell.col)
    return below if below is not None and below.text and below.row == rows[0] and not label_of(below.key) else None


def _rows(grid: Grid, header: Header, spot: Spot, out: Collector, titles: dict[str, str]) -> tuple[list[EvalRow], int]:
    rows: list[EvalRow] = []
    read = read_rows(grid, header, spot.last, out)
    targets = column_targets(read)
    titles.update(swapped_titles(header, targets))
    for row in read:
        t = row.texts
        ev_row = EvalRow(t["level1"], t["level2"], t.get("level3", ""), "", t.get("actual", ""))
        fill_structure(ev_row, row, header, targets, "target")
        ev_row.reason = t.get("reason", "")
        ev_row.points = _decimal(row.cells.get("weight"), "分值", out)
        if row.cells.get("weight") is not None and row.cells["weight"].text == "不适用":
            ev_row.not_applicable = True
            out.use(row.cells["weight"])
        ev_row.stated_score = _decimal(row.cells.get("score"), "得分", out)
        rows.append(ev_row)
    tail = (read[-1].row + 1) if read else header.row + 1
    return rows, tail


def _indicator(row: EvalRow) -> Indicator:
    """The project's indicator row a 自评表 row stands for (its 年度指标值 and structure)."""
    return Indicator(
        row.level1, row.level2, row.level3, value=row.target, kind=row.kind, operator=row.operator,
        number=row.number, unit=row.unit, direction=row.direction, explanation=row.explanation,
        scoring=row.scoring, note=row.note, level1_points=row.level1_points, level2_points=row.level2_points,
    )  # fmt: skip


def _read_tail(grid: Grid, spot: Spot, header: Header | None, first: int, ev: ProjectEval, out: Collector) -> None:
    """总分 (the number in the 得分 column), 等级, 评价结论, 存在问题, 改进措施, 负责人, 联系电话."""
    score_col = header.columns.get("score") if header else None
    for r in grid.rows_between(first, spot.last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            if cell.row != r or (cell.row, cell.col) in out.used:
                continue
            key, _, rest = cell.key.partition(":")
            name = _TAIL.get(key.rstrip(":"))
            if name is None:
                continue
            out.use(cell)
            if name == "total":
                _total(grid, cell, score_col, spot, ev, out)
                continue
            text = cell.text.split("：", 1)[-1].split(":", 1)[-1].strip() if rest else ""
            if not text:
                value = value_of(grid, cell, spot)
                out.use(value)
                text = value.text if value is not None else ""
            if name == "grade":
                ev.stated_grade = text
            else:
                setattr(ev, name, text)


def _total(grid: Grid, label: GridCell, score_col: int | None, spot: Spot, ev: ProjectEval, out: Collector) -> None:
    numbers = [c for c in grid.row(label.row, label.last_col + 1, spot.c1) if c.text and c.row == label.row]
    for cell in numbers:
        if cell.text.startswith(("评价等级", "等级")):
            ev.stated_grade = cell.text.split("：", 1)[-1].split(":", 1)[-1].strip()
            out.use(cell)
    scores = [c for c in numbers if c.number is not None or fields.number(c.text) is not None]
    if not scores:
        return
    chosen = next((c for c in scores if score_col is not None and c.col <= score_col <= c.last_col), scores[-1])
    ev.stated_total = _decimal(chosen, "总分", out)
    out.use(*scores)  # the 分值 total (100) beside it is the sum of the column


def _rate(cell: GridCell, out: Collector) -> Decimal | None:
    """执行率 as printed, in %: ``100%``, ``98.5`` or a 0.985 formatted as a percentage."""
    if cell.number is not None and cell.percent:
        return cell.number * 100
    text = cell.text.strip().rstrip("%％").strip()
    value = fields.number(text)
    if value is None and not fields.blank_mark(cell.text):
        out.problem(cell.address, f"执行率“{cell.text}”不是数字，未导入")
        out.used.discard((cell.row, cell.col))
    return value
