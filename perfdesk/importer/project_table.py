"""Read project tables (项目绩效目标表 / 申报表 / 批复表, every layout family) by their labels.

A table is found by its 项目名称 label; its extent runs to the next table's title.  Inside,
each field is found by its whole label (:mod:`labels`) wherever the clerk put it — the value to
its right, after it in the same cell (``项目名称：…``) or under it — so extra blank rows and
columns, merged or unmerged labels and full-width symbols all read.  Amounts keep the unit their
label, block or caption states (``项目资金（元）``, ``单位：元``, ``金额单位 | 元``); a project stores
them as typed with that unit (``Project.money_unit``).  Every filled cell of the table that no
field took is reported as 未导入 with its cell, label and value.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfdesk.importer import fields
from perfdesk.importer import project_extras as extras
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
from perfdesk.importer.labels import (
    CLOSING_FIELDS,
    MONEY_FIELDS,
    MONTHS,
    PERIOD_OF,
    column_period,
    unit_in,
)
from perfdesk.importer.result import Collector, ProjectImport, UnitQuestion
from perfdesk.importer.spots import (
    Spot,
    find_tables,
    inline_value,
    label_near,
    label_of,
    nameless_spot,
    sweep,
    value_of,
    value_right,
)

__all__ = [
    "Spot", "find_tables", "inline_value", "is_evaluation", "is_project_table", "label_near", "label_of",
    "nameless_spot", "read_project", "sweep", "value_of", "value_right",
]  # fmt: skip
from perfdesk.models.document import FundLine, Indicator, Project, ScheduleItem
from perfdesk.models.frameworks import canonical_level1, canonical_level2
from perfdesk.models.money import convert_money

_TITLE_NUMBER = re.compile(r"^\s*(?:\[bookmark:[^\]]*\]\s*)?\d{1,3}\s*[、.．]\s*")
_PURPOSE_AMOUNT = {
    "budget_total": re.compile(r"预算数\s*(\d+(?:\.\d+)?)\s*万"),
    "budget_fiscal": re.compile(r"财政资金\s*(\d+(?:\.\d+)?)\s*万"),
    "budget_other": re.compile(r"其[他它]资金\s*(\d+(?:\.\d+)?)\s*万"),
}
_EVAL_KEYS = ("实际完成值", "全年执行数", "全年预算数", "得分", "全年执行数(B)", "全年预算数(A)", "执行数", "执行率")
# Headings of a money block's columns and decoration labels of a grid: recognised, hold no value.
LARGE_WAN = Decimal(1_000_000)  # 100亿元 in 万元: a county project's amount this large was typed in 元
_MONEY_NAMES = {
    "budget_total": "预算数", "budget_fiscal": "财政资金", "budget_other": "其他资金", "budget_carryover": "上年结转",
    "period_total": "项目资金总额", "period_fiscal": "项目期财政资金", "period_other": "项目期其他资金",
}  # fmt: skip
_TEXT_FIELDS = ("code", "implementer", "attribute", "nature", "category", "start_date", "end_date", "period",
                "manager", "phone", "overview", "legal_basis", "feasibility", "necessity", "filled_by", "filled_date",
                "unit_leader", "review_department", "review_finance", "long_term_goal", "measures_text")  # fmt: skip


def is_evaluation(grid: Grid, spot: Spot) -> bool:
    """True for a 项目支出绩效自评表 (it also has 项目名称 and 一级指标 labels)."""
    if spot.title is not None and "自评" in spot.title.key:
        return True
    for r in grid.rows_between(spot.anchor.row, min(spot.last, spot.anchor.row + 40)):
        if any(c.key.rstrip(":") in _EVAL_KEYS for c in grid.filled(r, spot.c0, spot.c1)):
            return True
    return False


def is_project_table(grid: Grid, spot: Spot) -> bool:
    """True if the 项目名称 label heads a project table: an indicator header or two more of its labels.

    A list with a 项目名称 column (a summary, a register of projects) has neither.
    """
    if find_header(grid, spot.anchor.row, spot.last, spot.c0, spot.c1, indicator_role) is not None:
        return True
    labels = _labels(grid, spot, min(spot.last, spot.anchor.row + 12))
    names = {name for name in labels if name not in ("name", "heading")}
    needed = 1 if spot.title is not None else 2  # under a 绩效目标表 title, a table cut after its header
    return len(names) >= needed and value_right(grid, spot.anchor, spot.c1) is not None


def read_project(grid: Grid, spot: Spot) -> ProjectImport:
    """The project of one table, with the problems met reading it and its 未导入 cells."""
    out = Collector(grid.title)
    project = Project()
    header = find_header(grid, spot.anchor.row, spot.last, spot.c0, spot.c1, indicator_role)
    head_last = header.first_row - 1 if header else spot.last
    blocks = _blocks(grid, spot, header)
    titles: dict[str, str] = {}
    labels = _labels(grid, spot, head_last)
    out.use(spot.anchor, *spot.caption_cells, *(c for cells in labels.values() for c in cells))
    _read_header_fields(grid, spot, labels, project, out)
    _read_plan(grid, spot, labels, project, out)
    _read_schedule(grid, spot, labels, project, out, head_last)
    project.goals = _read_goals(grid, spot, labels, head_last, out)
    extras.read_cost_block(grid, spot, head_last, project, out)
    top = extras.read_heading(grid, spot, project, out)
    if top is not None:  # above the title: the 资金安排表, and the covering notice above all
        extras.read_notice(grid, spot, extras.read_allocation(grid, spot, top, project, out), project, out)
    if header is None:
        out.problem(spot.anchor.address, "表中没有找到指标表头（一级指标、二级指标、三级指标），未导入绩效指标")
    else:
        if not extras.recipient_columns(grid, header, project):
            _check_header(header, out, spot)
        grid_end = header.row
        for block_header, block_last, long_term in blocks:
            _use_block_labels(grid, block_header, spot, out)
            target = project.long_term_indicators if long_term else project.indicators
            rows = _indicators(grid, block_header, block_last, out, titles)
            extras.read_recipient_values(grid, block_header, rows, project, out)
            target += [ind for _, ind in rows]
            grid_end = max(grid_end, block_header.row, *(r for r, _ in rows))
        extras.read_points_total(grid, spot, header, grid_end, project, out)
        _read_tail(grid, spot, grid_end, project, out)
        extras.read_grid_heading(grid, spot, header.row, project, out)
        project.table_note = extras.read_table_note(grid, spot, grid_end, out)
    _read_title(spot, project, out)
    sweep(grid, out, spot.top, spot.last, spot.c0, spot.c1)
    result = ProjectImport(project, grid.title, spot.anchor.address, out.problems, out.notes)
    result.owner_caption, result.year = spot.owner_caption, spot.year
    result.columns = tuple(sorted(header.columns, key=header.columns.__getitem__)) if header else ()
    result.two_blocks = len(blocks) > 1
    result.titles = titles
    result.title = spot.title.text if spot.title is not None else ""
    result.question = _unit_question(project, grid, spot, labels)
    if result.question is not None:
        q = result.question
        out.problem(
            q.cell,
            f"金额 {q.amount} 没有写明单位，按{q.assumed}过大，像是以{q.likely}填写；已按{q.assumed}导入，请确认单位",
        )
        result.problems = out.problems
    return result


def _blocks(grid: Grid, spot: Spot, header: Header | None) -> list[tuple[Header, int, bool]]:
    """The indicator blocks: one, or 长期 and 年度 blocks each with its own header."""
    if header is None:
        return []
    if header.halves:  # 长期 ‖ 年度 side by side: the half whose headings say 长期/中期 is the long-term block
        left, right = header.halves
        left_long = any(w in c.key for c in left.cells.values() for w in _LONG_TERM)
        right_long = any(w in c.key for c in right.cells.values() for w in _LONG_TERM)
        if left_long or right_long:
            return [(left, spot.last, left_long and not right_long), (right, spot.last, right_long)]
    blocks: list[tuple[Header, int, bool]] = []
    current = header
    while True:
        following = find_header(grid, current.row + 1, spot.last, spot.c0, spot.c1, indicator_role)
        while following is not None and _is_page_copy(grid, current, following, spot):
            # the header repeated after a page break, no caption above it: the block goes on
            following = find_header(grid, following.row + 1, spot.last, spot.c0, spot.c1, indicator_role)
        last = following.first_row - 1 if following else spot.last
        blocks.append((current, last, False))
        if following is None:
            break
        current = following
    if len(blocks) > 1:
        marked = []
        for i, (h, last, _) in enumerate(blocks):
            words = _block_words(grid, h, spot)
            marked.append((h, last, any(w in words for w in _LONG_TERM) and i < len(blocks) - 1))
        blocks = marked
    return blocks


def _is_page_copy(grid: Grid, header: Header, following: Header, spot: Spot) -> bool:
    """A header row that repeats ``header`` cell for cell with no block caption (长期/年度 …) right
    above it: a copy printed after a page break, not the start of another block."""
    titles = {role: (header.columns[role], cell.text) for role, cell in header.cells.items() if role in header.columns}
    again = {role: (following.columns.get(role), cell.text) for role, cell in following.cells.items()}
    if not titles or again != titles:
        return False
    captions = [
        c.key
        for r in (following.row - 1, following.row)
        for c in grid.filled(r, spot.c0, spot.c1)
        if "指标" in c.key and len(c.key) < 16  # 长期绩效指标, 年度绩效指标 (left of or above the header)
    ]
    return not any(w in key for key in captions for w in (*_LONG_TERM, "年度"))


# words of a block or half that holds the whole period's indicators (长期 / 总体 / 实施期绩效指标)
_LONG_TERM = ("长期", "中期", "实施期", "周期", "总体", "总目标", "项目期")


def _use_block_labels(grid: Grid, header: Header, spot: Spot, out: Collector) -> None:
    """Captions left of a header (``年度绩效指标``, ``绩效指标`` merged down the grid) are labels, not values."""
    left = min(header.columns.values())
    for r in grid.rows_between(header.first_row, header.row):
        for cell in grid.filled(r, spot.c0, left - 1):
            if cell.row == r and "指标" in cell.key and len(cell.key) < 16:
                out.use(cell)


def _block_words(grid: Grid, header: Header, spot: Spot) -> str:
    """The block's caption: the labels left of or above its header (``长期绩效指标``)."""
    texts = [
        c.key for r in grid.rows_between(header.first_row - 1, header.row) for c in grid.filled(r, spot.c0, spot.c1)
    ]
    return "".join(t for t in texts if "指标" in t and len(t) < 12)


def _indicators(
    grid: Grid, header: Header, last: int, out: Collector, titles: dict[str, str] | None = None
) -> list[tuple[int, Indicator]]:
    """The indicators under one header, each with its row (``titles`` gets the swapped column titles)."""
    rows = []
    read = read_rows(grid, header, last, out)
    targets = column_targets(read)
    if titles is not None:
        titles.update(swapped_titles(header, targets))
    for row in read:
        t = row.texts
        ind = Indicator(t["level1"], t["level2"], t.get("level3", ""), t.get("description", ""), "", t.get("basis", ""))
        fill_structure(ind, row, header, targets, "value")
        ind.weight = _decimal(row.cells.get("weight"), "权重", out)
        if not ind.level1 and ind.level2:
            ind.level1 = _parent(ind.level2)
            if ind.level1:
                out.note(
                    row.cells["level1"].address if "level1" in row.cells else "",
                    f"一级指标为空，按二级指标“{ind.level2}”取“{ind.level1}”",
                )
        for role in ("actual", "score", "reason"):
            cell = row.cells.get(role)
            if cell is not None and cell.text:
                out.used.discard((cell.row, cell.col))  # a project table has no place for them: 未导入
        rows.append((row.row, ind))
    return rows


def _parent(level2: str) -> str:
    canon = canonical_level2(level2)
    if canon is None:
        return ""
    from perfdesk.models.document import Framework
    from perfdesk.models.frameworks import parent_of

    return parent_of(Framework.Y2021, canon) or parent_of(Framework.Y2015, canon) or ""


def _decimal(cell: GridCell | None, what: str, out: Collector) -> Decimal | None:
    """A weight or score: a number, blank, or a problem naming the cell."""
    if cell is None or not cell.text:
        return None
    if cell.number is not None and not cell.percent:
        return cell.number
    value = fields.number(cell.text)
    if value is None and not fields.blank_mark(cell.text):
        out.problem(cell.address, f"{what}“{cell.text}”不是数字，未导入")
        out.used.discard((cell.row, cell.col))
    return value


def _check_header(header: Header, out: Collector, spot: Spot) -> None:
    if "value" not in header.cells and "number" not in header.cells:
        out.problem(spot.anchor.address, "指标表头中没有“指标值”列，指标值未导入")


def _labels(grid: Grid, spot: Spot, last: int) -> dict[str, list[GridCell]]:
    """The label cells of the table's upper part, by field."""
    found: dict[str, list[GridCell]] = {}
    for r in grid.rows_between(spot.anchor.row, last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            name = label_of(cell.key) if cell.row == r else None
            if name == "fund_line" and not _number_right(grid, cell, spot):
                continue  # 一般公共预算 as the value of another label, not a money line
            if name:
                found.setdefault(name, []).append(cell)
    for block in found.get("money_block", []):  # other lines of a 项目资金 block are named sources of money
        for r in range(block.row, block.last_row + 1):
            line = next((c for c in grid.filled(r, block.last_col + 1, spot.c1) if c.row == r), None)
            if (
                line is not None
                and label_of(line.key) in (None, "fund_line")
                and line not in found.get("fund_line", [])
                and (line.number is None or _number_right(grid, line, spot))
            ):
                found.setdefault("fund_line", []).append(line)
    if "fund_line" in found:
        found["fund_line"].sort(key=lambda c: (c.row, c.col))
    groups = [c for c in found.pop("group", []) if _groups_labels(grid, c, spot)]
    if groups:
        found["group"] = groups
    for schedule in found.get("schedule", []):  # its 开始时间 | 完成时间 headings head the steps' columns
        for name in ("start_date", "end_date"):
            kept = [c for c in found.get(name, []) if not _heads_schedule(c, schedule)]
            found.pop(name, None) if not kept else found.__setitem__(name, kept)
    return found


def _groups_labels(grid: Grid, group: GridCell, spot: Spot) -> bool:
    """True if a group label (项目立项情况) has labels right of it in its rows; alone it is a stray word."""
    return any(
        label_of(c.key) not in (None, "group")
        for r in range(group.row, group.last_row + 1)
        for c in grid.filled(r, group.last_col + 1, spot.c1)
        if c.row == r
    )


def _heads_schedule(cell: GridCell, schedule: GridCell) -> bool:
    """True for a column heading in the rows of a 实施进度计划 block, right of its label."""
    return schedule.row <= cell.row <= max(schedule.row + 2, schedule.last_row) and cell.col > schedule.last_col


def _number_right(grid: Grid, label: GridCell, spot: Spot) -> bool:
    return any(c.number is not None or fields.number(c.text) is not None for c in _values_right(grid, label, spot))


def _text(cell: GridCell | None) -> str:
    return cell.text if cell is not None else ""


def _read_header_fields(
    grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], project: Project, out: Collector
) -> None:
    first = {name: cells[0] for name, cells in labels.items()}
    name_cell = None if spot.nameless else value_right(grid, spot.anchor, spot.c1)
    project.name = _text(name_cell)
    out.use(name_cell)
    if spot.nameless:
        out.problem("", "表中没有“项目名称”（表格可能从中间开始），已按无名项目导入，请补填项目名称")
    elif not project.name:
        out.problem(spot.anchor.address, "项目名称为空")
    _read_text_fields(grid, spot, first, project, out)
    if "owner" in first:
        cell = value_of(grid, first["owner"], spot)
        out.use(cell)
        project.department_name, project.department_code = fields.split_owner(_text(cell))
    if "department_code" in first:  # 主管部门编码 in its own box
        cell = value_of(grid, first["department_code"], spot)
        out.use(cell)
        project.department_code = _text(cell) or project.department_code
    if "dates" in first:  # 项目起止时间: both dates in one box
        cell = value_of(grid, first["dates"], spot)
        out.use(cell)
        start, end = fields.split_dates(_text(cell))
        project.start_date, project.end_date = project.start_date or start, project.end_date or end
    _read_money(grid, spot, labels, project, out)
    project.purpose = _read_purpose(grid, spot, labels, out)
    if not any(n in first for n in MONEY_FIELDS) and project.purpose:
        _amounts_from_purpose(project, first.get("purpose") or spot.anchor, out)


def _read_text_fields(
    grid: Grid, spot: Spot, first: dict[str, GridCell], project: Project, out: Collector, *, only_blank: bool = False
) -> None:
    """The text fields by label; an opinion box's unfilled signature template (（盖章）审核人：日期：) is not text."""
    for attr in _TEXT_FIELDS:
        if attr in first and not (only_blank and getattr(project, attr)):
            cell = value_of(grid, first[attr], spot)
            out.use(cell)
            text = _text(cell)
            setattr(project, attr, fields.without_signature(text) if attr in _OPINIONS else text)


_OPINIONS = ("review_department", "review_finance")
_TAIL_FIELDS = CLOSING_FIELDS


def _read_tail(grid: Grid, spot: Spot, after: int, project: Project, out: Collector) -> None:
    """The rows under the indicator grid: 填报人 / 填报日期 / 单位负责人 and the 审核意见 boxes, by their labels."""
    found: dict[str, GridCell] = {}
    for r in grid.rows_between(after + 1, spot.last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            name = label_of(cell.key) if cell.row == r else None
            if name in _TAIL_FIELDS or (name == "group" and _groups_labels(grid, cell, spot)):
                out.use(cell)
            if name in _TAIL_FIELDS and name not in found:
                found[name] = cell
    _read_text_fields(grid, spot, found, project, out, only_blank=True)


def _unit_of(label: GridCell, grid: Grid, spot: Spot, block_units: dict[int, str]) -> str | None:
    """The unit stated for an amount: in its label, its column heading, its block, or the caption."""
    return unit_in(label.key) or block_units.get(label.row) or spot.caption_unit or None


def _block_units(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]]) -> dict[int, str]:
    """Rows covered by a money block label that states a unit (``项目资金（万元）`` merged down)."""
    units: dict[int, str] = {}
    for name in ("money_block", "heading", "budget_total", "period_total"):
        for cell in labels.get(name, []):
            unit = unit_in(cell.key)
            if unit:
                for r in range(cell.row, cell.last_row + 1):
                    units.setdefault(r, unit)
    # a column heading with a unit (金额（万元）) states it for the rows under it
    for cell in labels.get("heading", []):
        unit = unit_in(cell.key)
        if unit:
            for r in grid.rows_between(cell.row, min(spot.last, cell.row + 12)):
                units.setdefault(r, unit)
    return units


# an amount with its unit inside a text (总额10606.7522万元财政拨款:…): a funds breakdown typed as text
_AMOUNT_IN_TEXT = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?\s*万?元")


def _read_money(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], project: Project, out: Collector) -> None:
    """Amounts by label; two columns (项目期 | 年度) by their headings; named lines as FundLines."""
    block_units = _block_units(grid, spot, labels)
    found: list[tuple[str, Decimal, str | None, GridCell]] = []  # (attr, amount, unit, cell)
    lines: list[FundLine] = []
    for name in (*MONEY_FIELDS, "fund_line"):
        for label in labels.get(name, []):
            values = _values_right(grid, label, spot)
            if not values:
                if name == "fund_line" and _AMOUNT_IN_TEXT.search(label.text):  # the breakdown typed as one text
                    project.funds_text = "\n".join(t for t in (project.funds_text, label.text) if t)
                elif name == "fund_line":
                    lines.append(FundLine(label.text))  # a source named with its amount left blank
                continue
            unit = _unit_of(label, grid, spot, block_units)
            under = _money_label_above(grid, label, spot)
            amounts = []
            for cell in values:
                amount = fields.money(cell, label.text, out, unit=unit or "万元")
                out.use(cell) if amount is not None or fields.blank_mark(cell.text) else None
                heading = _heading_above(grid, cell, label, spot, past_amounts=name not in _TOTALS)
                amounts.append((amount, cell, column_period(heading)))
            line_period: Decimal | None = None
            line_annual: Decimal | None = None
            for i, (amount, cell, period) in enumerate(amounts):
                if period is None and under is not None and len(amounts) == 1:
                    period = "period" if under == "period_total" else "annual"
                is_period = period == "period" or (period is None and name == "period_total")
                if period is None and len(amounts) == 2 and name != "period_total":
                    is_period = i == 0  # 项目期 left, 年度 right, as 申报表 print them
                if name == "fund_line":
                    line_period, line_annual = (amount, line_annual) if is_period else (line_period, amount)
                    continue
                attr = PERIOD_OF.get(name, name) if is_period and name != "period_total" else name
                if amount is not None and attr in _MONEY_NAMES:
                    found.append((attr, amount, unit, cell))
            if name == "fund_line":
                lines.append(FundLine(label.text, line_period, line_annual))
    project.money_unit = next((u for *_, u, _ in found if u), spot.caption_unit or "万元")
    for attr, amount, unit, cell in found:
        if getattr(project, attr) is not None:
            out.problem(cell.address, f"{_MONEY_NAMES[attr]}出现了两次，第二次的“{cell.text}”未导入")
            out.used.discard((cell.row, cell.col))
            continue
        if unit and unit != project.money_unit:
            out.note(cell.address, f"{_MONEY_NAMES[attr]}以{unit}填写，已按{project.money_unit}换算保存")
            amount = convert_money(amount, unit, project.money_unit)  # type: ignore[assignment]
        setattr(project, attr, amount)
    project.fund_lines = lines


def _money_label_above(grid: Grid, label: GridCell, spot: Spot) -> str | None:
    """The total a sub-line (其中：财政资金) stands under in its column: period_total or budget_total."""
    if label_of(label.key) in ("budget_total", "period_total"):
        return None
    for r in reversed(grid.rows_between(max(spot.anchor.row, label.row - 8), label.row - 1)):
        above = grid.at(r, label.col)
        if above is None or not above.text or above.row != r:
            continue
        name = label_of(above.key)
        if name in ("budget_total", "period_total"):
            return name
        if name not in MONEY_FIELDS and name != "fund_line":
            return None
    return None


def _values_right(grid: Grid, label: GridCell, spot: Spot) -> list[GridCell]:
    """The value cells right of a money label up to the next label (one or two columns)."""
    inline = inline_value(label)
    if inline is not None:
        return [inline]
    values = []
    for cell in grid.row(label.row, label.last_col + 1, spot.c1):
        if not cell.text:
            continue
        if label_of(cell.key) or cell.row != label.row:
            break
        values.append(cell)
    return values[:2]


_TOTALS = ("budget_total", "period_total")  # their own label says which total they are (年度资金总额, 项目资金总额)


def _heading_above(grid: Grid, cell: GridCell, label: GridCell, spot: Spot, *, past_amounts: bool = False) -> str:
    """The nearest heading above a value in its column (项目期, 年度, 2026年…).

    For a line under the totals (其他资金, 政府性基金) the amounts of the lines above are passed over up to the
    column's heading; for a total an amount right above means no heading of its own (its label decides).
    """
    for r in reversed(grid.rows_between(max(spot.anchor.row, label.row - 30), label.row - 1)):
        above = grid.at(r, cell.col)
        if above is None or not above.text or above.row != r:
            continue
        amount = above.number is not None or fields.number(above.text) is not None or fields.blank_mark(above.text)
        if amount and past_amounts:
            continue  # the amount of a line above, in the same column: the heading is higher up
        return above.key if label_of(above.key) or column_period(above.key) else ""
    return ""


def _unit_question(project: Project, grid: Grid, spot: Spot, labels: dict[str, list[GridCell]]) -> UnitQuestion | None:
    """Amounts in 万元 by default, no label saying so, and one of them only sensible in 元."""
    stated = spot.caption_unit or any(unit_in(c.key) for cells in labels.values() for c in cells)
    if stated or project.money_unit != "万元":
        return None
    for attr in ("period_total", "budget_total", "budget_fiscal", "budget_other", "budget_carryover"):
        amount = getattr(project, attr)
        if amount is not None and abs(amount) >= LARGE_WAN:
            label = next(iter(labels.get(attr, [])), None)
            values = _values_right(grid, label, spot) if label is not None else []
            cell = next(
                (v for v in values if v.text == format(amount, "f") or v.number == amount), label or spot.anchor
            )
            return UnitQuestion(-1, grid.title, cell.address, format(amount, "f"), "万元", "元")
    return None


def _read_purpose(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], out: Collector) -> str:
    """资金用途: right of its own label, or the row under 预算规模及资金用途."""
    if "purpose" in labels:
        cell = value_of(grid, labels["purpose"][0], spot)
        out.use(cell)
        return _text(cell)
    if "scale" not in labels:
        return ""
    scale = labels["scale"][0]
    for r in grid.rows_between(scale.row + 1, scale.row + 4):
        cells = [c for c in grid.filled(r, scale.last_col + 1, spot.c1) if c.row == r]
        if any(label_of(c.key) for c in cells):
            return ""
        if cells:
            out.use(*cells)
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
        out.use(value)
        setattr(project, MONTHS[cell.key.rstrip(":")], fields.percent(value, f"资金支出计划{cell.text}", out))


def _read_schedule(
    grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], project: Project, out: Collector, last: int
) -> None:
    """实施进度计划: a row of headings (内容 | 开始 | 完成) and one row per step under it."""
    if "schedule" not in labels:
        return
    label = labels["schedule"][0]
    cols: dict[str, int] = {}
    head_row = None
    for r in grid.rows_between(label.row, min(last, label.row + 2)):
        for cell in grid.filled(r, label.last_col + 1, spot.c1):
            role = (
                "content"
                if "内容" in cell.key
                else "start"
                if "开始" in cell.key
                else "end"
                if "完成" in cell.key or "结束" in cell.key
                else None
            )
            if role and cell.row == r and role not in cols:
                cols[role] = cell.col
                out.use(cell)
        if "content" in cols:
            head_row = r
            break
    if head_row is None:
        return
    for r in grid.rows_between(head_row + 1, max(label.last_row, head_row + 1) if label.last_row > head_row else last):
        cells = {k: grid.at(r, c) for k, c in cols.items()}
        own = {k: c for k, c in cells.items() if c is not None and c.row == r and c.text}
        if not own or any(label_of(c.key) for c in own.values()):
            break
        out.use(*own.values())
        project.schedule.append(ScheduleItem(*(_text(own.get(k)) for k in ("content", "start", "end"))))


def _read_goals(grid: Grid, spot: Spot, labels: dict[str, list[GridCell]], last: int, out: Collector) -> list[str]:
    """绩效目标: 目标1…n rows, ``目标1：…`` cells, one cell of numbered lines, or the cell under the label."""
    if "goals" not in labels:
        return []
    label = labels["goals"][0]
    beside = _column_heading(label, labels)
    if beside is not None:  # 绩效目标 | 长期目标 | 年度目标: the goals are under their column heading
        below = value_of(grid, beside, spot)
        if below is None or below.row <= beside.row:
            return []
        out.use(below)
        return fields.numbered_items(below.text)
    later = [c.row for cells in labels.values() for c in cells if c.row > label.row]
    end = max(label.last_row, min([*later, last + 1]) - 1)
    inline = inline_value(label)
    goals: list[str] = fields.numbered_items(inline.text) if inline is not None else []
    for r in grid.rows_between(label.row, min(end, last)):
        cells = [c for c in grid.filled(r, label.last_col + 1, spot.c1) if c.row == r and not label_of(c.key)]
        if len(cells) > 2 or any(_level_like(c.text) for c in grid.filled(r, spot.c0, spot.c1)):
            break  # an indicator row: the goals have ended (the header row may be missing)
        texts = list(cells)
        while texts:
            rest = fields.goal_label(texts[0].text)
            if rest == "" and len(texts) > 1:  # a 目标1 label cell, the goal in the next one
                goals.append(texts[1].text)
                out.use(texts[0], texts[1])
                texts = texts[2:]
            else:  # 目标1：… in one cell, numbered lines, or plain text
                goals += fields.numbered_items(texts[0].text) if rest != "" else []
                out.use(texts[0])
                texts = texts[1:]
    if not goals:
        below = value_of(grid, label, spot)
        if below is not None and below.row > label.row:
            goals = fields.numbered_items(below.text)
            out.use(below)
    return goals


def _column_heading(label: GridCell, labels: dict[str, list[GridCell]]) -> GridCell | None:
    """The 年度目标 heading right of a 绩效目标 group label, beside a 长期目标/总体目标 heading, or None."""
    rows = range(label.row, label.last_row + 1)
    long_term = [c for c in labels.get("long_term_goal", []) if c.row in rows and c.col > label.last_col]
    goals = [c for c in labels.get("goals", []) if c.row in rows and c.col > label.last_col]
    return goals[0] if long_term and goals else None


def _level_like(text: str) -> bool:
    return len(text) < 12 and (canonical_level1(text) is not None or canonical_level2(text) is not None)


def _read_title(spot: Spot, project: Project, out: Collector) -> None:
    if spot.title is not None:
        title = _TITLE_NUMBER.sub("", spot.title.text).strip()
        if title != f"{project.name}绩效目标表":
            project.table_title = title
    project.caption = spot.caption_unit != ""
