"""Read 部门整体预算绩效目标表 (F3, Guangdong layout, seed 004) from a sheet by its labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfdesk.importer import fields
from perfdesk.importer.grid import Grid, GridCell
from perfdesk.importer.indicators import dept_role, find_header, read_rows
from perfdesk.importer.result import Collector, ImportProblem
from perfdesk.models.document import DeptIndicator, DeptTable, KeyTask, OtherTask

_TITLE = re.compile(r"^(.*?)(?:\d{4}年度?)?部门整体(?:预算)?绩效目标表")
AMOUNTS = {
    "基本支出": "basic_expense", "项目支出": "project_expense", "财政专项资金": "special_funds",
    "其他事业发展性支出": "other_development", "财政拨款": "income_fiscal", "其他资金": "income_other",
}  # fmt: skip
_SECTIONS = ("总体绩效目标", "年度重点工作任务", "其他需完成的任务", "绩效指标")
_OTHER_LABELS = ("部门名称", "单位名称", "基本信息", "预算整体情况", "部门预算支出", "收入来源", "事业发展性支出",
                 "按预算级次划分", "预算金额", "财政供养人员数", "下属二级单位数")  # fmt: skip


def dept_label(key: str) -> str | None:
    """The field a label cell of F3 names, or None."""
    k = key.rstrip(":")
    if len(k) > 16:
        return None
    if k in AMOUNTS:
        return AMOUNTS[k]
    if k.endswith("本级使用资金"):
        return "local_use"
    if "转移支付" in k:
        return "transfer"
    for name in _SECTIONS:
        if k.startswith(name):
            return name
    for name in _OTHER_LABELS:
        if k.startswith(name):
            return name
    return None


@dataclass
class DeptImport:
    """The F3 table read from a sheet, with its problems, notes and the year in its title."""

    table: DeptTable
    sheet: str
    cell: str
    year: int | None = None
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    columns: tuple[str, ...] = ()  # the indicator grid's roles, in column order
    titles: dict[str, str] = field(default_factory=dict)  # field → printed title where a column holds another field


def find_dept_anchors(grid: Grid) -> list[GridCell]:
    """部门名称 labels followed by 基本信息 or 预算整体情况 (the F3 table, not a name line)."""
    anchors = []
    for cell in [*grid.find("部门名称"), *grid.find("部门名称:")]:
        near = grid.rows_between(cell.row, cell.row + 4)
        if any(dept_label(c.key) in ("基本信息", "预算整体情况") for r in near for c in grid.filled(r)):
            anchors.append(cell)
    return anchors


def dept_top(grid: Grid, anchor: GridCell) -> int:
    """The first row of the table: its title and year lines just above 部门名称, if any."""
    top = anchor.row
    for r in reversed(grid.rows_between(max(1, anchor.row - 6), anchor.row - 1)):
        cells = [c for c in grid.filled(r) if c.row == r]
        if len(cells) > 1 or (cells and not (_TITLE.match(cells[0].key) or fields.years_in(cells[0].text))):
            break
        top = r if cells else top
    return top


def _value(grid: Grid, label: GridCell) -> GridCell | None:
    for cell in grid.row(label.row, label.last_col + 1):
        if cell.text:
            return None if dept_label(cell.key) else cell
    return None


def read_dept(grid: Grid, anchor: GridCell, last: int) -> DeptImport:
    """The F3 table headed by ``anchor`` (its 部门名称 label), up to row ``last``."""
    out = Collector(grid.title)
    table = DeptTable()
    labels: dict[str, GridCell] = {}
    for r in grid.rows_between(anchor.row, last):
        for cell in grid.filled(r):
            name = dept_label(cell.key) if cell.row == r else None
            if name and name not in labels:
                labels[name] = cell
    table.dept_name = _text(_value(grid, anchor))
    for name, what in (("财政供养人员数", "staff_count"), ("下属二级单位数", "sub_units")):
        if name in labels:
            setattr(table, what, fields.count(_value(grid, labels[name]), name, out))
    for attr in (*AMOUNTS.values(), "local_use", "transfer"):
        cell = labels.get(attr)
        if cell is not None:
            setattr(table, attr, fields.money(_value(grid, cell), cell.text, out))
    if "总体绩效目标" in labels:
        table.goals = fields.numbered_items(_text(_value(grid, labels["总体绩效目标"])))
    header = find_header(grid, anchor.row, last, 1, None, dept_role)
    sections = sorted((c.row, name) for name, c in labels.items() if name in _SECTIONS)
    if header is not None:
        sections.append((header.row, "header"))
    table.key_tasks = [KeyTask(*row) for row in _tasks(grid, labels, sections, last, out, 4)]
    table.other_tasks = [OtherTask(*row[:3]) for row in _tasks(grid, labels, sections, last, out, 3)]
    if header is None:
        out.problem(anchor.address, "表中没有找到绩效指标表头（一级指标、二级指标、三级指标），未导入绩效指标")
    else:
        for row in read_rows(grid, header, last, out):
            t = row.texts
            if t.get("level3") or t.get("period_value") or t.get("annual_value"):
                table.indicators.append(
                    DeptIndicator(t["level1"], t["level2"], t["level3"], t.get("period_value", ""),
                                  t.get("annual_value", ""))
                )  # fmt: skip
    year = _title(grid, anchor, table, out)
    return DeptImport(table, grid.title, anchor.address, year, out.problems, out.notes)


def _text(cell: GridCell | None) -> str:
    return cell.text if cell is not None else ""


TaskRow = tuple[str, str, Decimal | None, str]  # 名称, 内容, 拟投入的资金(元), 期望达到的目标


def _tasks(
    grid: Grid, labels: dict[str, GridCell], sections: list[tuple[int, str]], last: int, out: Collector, width: int
) -> list[TaskRow]:
    """Rows of 年度重点工作任务 (width 4) or 其他需完成的任务 (width 3) as tuples of fields."""
    name = "年度重点工作任务" if width == 4 else "其他需完成的任务"
    label = labels.get(name)
    if label is None:
        return []
    end = min([r for r, _ in sections if r > label.row] + [last + 1]) - 1
    heads = (
        ("名称", "主要实施内容", "拟投入的资金", "期望达到的目标")
        if width == 4
        else ("名称", "目标内容", "拟投入的资金")
    )
    cols: dict[str, int] = {}
    header_row = label.row
    for r in grid.rows_between(label.row, min(end, label.row + 2)):
        for cell in grid.filled(r, label.last_col + 1):
            for h in heads:
                if cell.row == r and cell.key.startswith(h) and h not in cols:
                    cols[h] = cell.col
        if "名称" in cols:
            header_row = r
            break
    if "名称" not in cols:
        out.problem(label.address, f"{name}没有“名称”等列标题，未导入")
        return []
    titles = {h: _text(grid.at(header_row, c)) for h, c in cols.items()}
    rows: list[TaskRow] = []
    for r in grid.rows_between(header_row + 1, end):
        cells = {h: grid.at(r, c) for h, c in cols.items()}
        own = {h: c for h, c in cells.items() if c is not None and c.row == r}
        if not any(c.text for c in own.values()):
            continue
        if own.keys() == cols.keys() and all(own[h].text == titles[h] for h in cols):
            out.use(*own.values())
            continue  # the column titles repeated after a page break
        amount = fields.money(own.get("拟投入的资金"), "拟投入的资金", out, unit="元")
        texts = [_text(own.get(h)) for h in heads]
        rows.append((texts[0], texts[1], amount, texts[3] if width == 4 else ""))
    return rows


def _title(grid: Grid, anchor: GridCell, table: DeptTable, out: Collector) -> int | None:
    """Region from ``东莞市部门整体预算绩效目标表`` and the year from ``(2024年)`` above the table."""
    year = None
    for r in reversed(grid.rows_between(max(1, anchor.row - 6), anchor.row - 1)):
        for cell in grid.filled(r):
            match = _TITLE.match(cell.key)
            if match:
                table.region = match.group(1)
            years = fields.years_in(cell.text)
            if years and year is None:
                year = years[0]
                out.note(cell.address, f"年度取自“{cell.text}”")
    return year
