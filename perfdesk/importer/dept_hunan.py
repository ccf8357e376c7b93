"""Read 部门整体支出绩效目标（申报）表 of the 湖南/湖北 kind (and the 部门整体 tables of families D, E, H, I).

The table has no 项目名称: it is found by a 部门名称 / 单位名称 label with an indicator grid below
it (and no 基本信息 / 预算整体情况 block, which is the Guangdong table of :mod:`dept_table`).  Header
fields are read by their whole labels; the grid by its column headings like a project grid
(指标解释, 计算符号, 指标值, 计量单位, 权重, 评分标准 …), with a self-evaluation's 实际完成值 / 得分 columns
and the rows under the grid (预算执行情况, the stated scores, 完成情况 / 偏差原因 / 改进措施, 填报人 / 填报日期).
Every other filled cell is listed as 未导入.
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfdesk.importer import fields
from perfdesk.importer.dept_table import DeptImport, _tasks
from perfdesk.importer.grid import Grid, GridCell, label_key
from perfdesk.importer.indicators import column_targets, find_header, indicator_role, read_rows, route, swapped_titles
from perfdesk.importer.labels import clean, split_points, unit_in
from perfdesk.importer.project_extras import read_preface, read_table_note
from perfdesk.importer.project_table import Spot, _decimal, _use_block_labels, sweep
from perfdesk.importer.result import Collector
from perfdesk.models.document import (
    DeptIndicator,
    DeptLayout,
    DeptMoneyLine,
    DeptTable,
    DutyTarget,
    EvalFundLine,
    KeyTask,
)
from perfdesk.models.money import convert_money

LABELS = {
    **dict.fromkeys(("部门名称", "单位名称", "部门(单位)名称", "预算部门", "部门"), "dept_name"),
    **dict.fromkeys(("部门编码", "单位编码", "部门代码", "单位代码", "预算编码"), "dept_code"),
    **dict.fromkeys(("联系人", "负责人"), "contact"),
    **dict.fromkeys(("联系电话", "电话"), "phone"),
    **dict.fromkeys(("部门职责", "部门职能", "主要职能", "主要职责", "部门主要职能", "职能职责"), "duties"),
    **dict.fromkeys(
        ("年度总体目标", "年度目标", "整体绩效目标", "部门整体绩效目标", "年度绩效目标", "总体目标"), "annual_goal"
    ),
    **dict.fromkeys(
        ("年度预算总额", "年度资金总额", "预算总额", "部门预算总额", "年度预算", "资金总额", "收入合计"), "budget_total"
    ),
    **dict.fromkeys(("基本支出", "基本支出总额"), "basic_expense"),
    **dict.fromkeys(("项目支出", "项目支出总额"), "project_expense"),
    **dict.fromkeys(("财政拨款", "其中:财政拨款", "财政拨款收入"), "income_fiscal"),
    **dict.fromkeys(("其他资金", "其他收入"), "income_other"),
    **dict.fromkeys(("填报人", "填表人"), "filled_by"),
    **dict.fromkeys(("填报日期", "填表日期"), "filled_date"),
}
_CLOSING = ("filled_by", "filled_date")  # under the grid
# words grouping the lines of a budget block (收入来源：财政拨款, 其中：基本支出): the line is the label after them
_GROUPS = frozenset({"收入来源", "资金来源", "支出构成", "其中"})
_MONEY = ("budget_total", "basic_expense", "project_expense", "income_fiscal", "income_other")
_TITLE = ("部门整体", "整体支出", "部门预算绩效")


@lru_cache(maxsize=1 << 14)
def dept_label(key: str) -> str | None:
    """The DeptTable field a label names, by its whole wording (unit and colon taken off)."""
    head, sep, rest = key.partition(":")
    if sep and rest and clean(head) in LABELS:
        return LABELS[clean(head)]
    if sep and rest and head in _GROUPS:
        return LABELS.get(clean(rest))
    return LABELS.get(clean(key)) if len(key) <= 20 else None


def find_hunan(grid: Grid) -> GridCell | None:
    """The 部门名称 label of a 部门整体 table of this kind on the sheet, or None."""
    for cell in grid.cells_in_order():
        if dept_label(cell.key) != "dept_name":
            continue
        if find_header(grid, cell.row, 1 << 30, 1, None, indicator_role) is not None or _titled(grid, cell):
            return cell
    return None


def _titled(grid: Grid, anchor: GridCell) -> bool:
    return any(
        any(word in c.key for word in _TITLE)
        for r in grid.rows_between(max(1, anchor.row - 5), anchor.row)
        for c in grid.filled(r)
    )


def read_hunan(grid: Grid, anchor: GridCell) -> DeptImport:
    """The table headed by ``anchor`` down to the sheet's end."""
    out = Collector(grid.title)
    table = DeptTable(layout=DeptLayout.HUNAN)
    last = grid.row_numbers[-1]
    top = _top(grid, anchor, out)
    header = find_header(grid, anchor.row, last, 1, None, indicator_role)
    head_last = header.first_row - 1 if header else last
    unit = _caption_unit(grid, top, anchor.row)
    year = None
    for r in grid.rows_between(top, head_last):  # title, year and caption lines (also under a title anchor)
        for cell in grid.filled(r):
            if cell.row == r and dept_label(cell.key) is None and _caption_like(cell.key):
                out.use(cell)
                year = year or next(iter(fields.years_in(cell.text)), None)
    table.duty_targets = _duty_targets(grid, anchor.row, head_last, out, unit)
    _money_lines(grid, table, anchor.row, head_last, out, unit)
    _read_labels(grid, table, anchor.row, head_last, out, unit)
    table.key_tasks = _key_tasks(grid, anchor.row, head_last, out)
    if header is None:
        out.problem(anchor.address, "表中没有找到绩效指标表头（一级指标、二级指标、三级指标），未导入绩效指标")
    else:
        spot = Spot(anchor, top, last, 1, None)
        _use_block_labels(grid, header, spot, out)
        evaluation = _evaluation_start(grid, header.row + 1, last)
        read = read_rows(grid, header, (evaluation or last + 1) - 1, out)
        targets = column_targets(read)
        titles = swapped_titles(header, targets)
        for row in read:
            t = row.texts
            ind = DeptIndicator(t["level1"], t["level2"], t.get("level3", ""))
            if header.split:
                ind.number = t.get("value", "")
            else:
                ind.annual_value = t.get("value", "")
            ind.period_value = t.get("period_value", "")
            for name, text in route(t, targets).items():
                setattr(ind, name, text)
            ind.unit, ind.explanation = t.get("unit", ""), t.get("explanation", "")
            ind.scoring, ind.note = t.get("scoring", ""), t.get("note", "")
            ind.weight = _decimal(row.cells.get("weight"), "权重", out)
            ind.level1_points = row.points.get("level1")  # type: ignore[assignment]
            ind.level2_points = row.points.get("level2")  # type: ignore[assignment]
            ind.actual, ind.reason = t.get("actual", ""), t.get("reason", "")  # a self-evaluation's columns
            ind.stated_score = _decimal(row.cells.get("score"), "得分", out)
            table.indicators.append(ind)
        if evaluation is not None:
            _read_evaluation(grid, table, evaluation, last, out, unit)
        if read:  # 填报人 / 填报日期 under the grid
            _read_labels(grid, table, read[-1].row + 1, last, out, unit, only=_CLOSING)
        table.table_note = read_table_note(grid, spot, read[-1].row if read else header.row, out)
    _read_around(grid, table, anchor, top, out)
    sweep(grid, out, top, last, 1, None)
    columns = tuple(sorted(header.columns, key=header.columns.__getitem__)) if header else ()
    result = DeptImport(table, grid.title, anchor.address, year, out.problems, out.notes, columns)
    result.titles = titles if header is not None else {}
    return result


# the rows a 部门整体 self-evaluation adds under the grid
_EVALUATION = {
    **dict.fromkeys(("预算执行情况", "预算执行", "年度预算执行情况"), "execution"),
    **dict.fromkeys(("预算执行分值",), "stated_execution_points"),
    **dict.fromkeys(("预算执行得分",), "stated_execution_score"),
    **dict.fromkeys(("自评总分", "自评得分"), "stated_total"),
    **dict.fromkeys(("全年(调整)绩效目标", "全年调整绩效目标", "调整后绩效目标"), "adjusted_goal"),
    **dict.fromkeys(("年度总体目标完成情况", "全年目标实际完成情况", "总体目标完成情况"), "achievement"),
    **dict.fromkeys(("偏差大或目标未完成原因分析", "偏差原因分析", "未完成原因分析"), "deviation_reason"),
    **dict.fromkeys(("改进措施及结果应用方案", "改进措施"), "improvements"),
}
_EXECUTION_HEADS = (("资金来源", "label"), ("年初预算", "initial"), ("全年预算", "annual"), ("执行数", "executed"),
                    ("执行率", "rate"), ("预算数", "annual"), ("分值", "points"), ("得分", "score"))  # fmt: skip
_TOTAL_LINES = frozenset({"年度预算总额", "预算总额", "年度预算", "合计", "总计"})


def _evaluation_start(grid: Grid, first: int, last: int) -> int | None:
    """The first row under the grid with a self-evaluation label (预算执行情况, 自评总分 …), or None."""
    for r in grid.rows_between(first, last):
        if any(c.row == r and clean(c.key) in _EVALUATION for c in grid.filled(r)):
            return r
    return None


def _read_evaluation(grid: Grid, table: DeptTable, first: int, last: int, out: Collector, unit: str) -> None:
    """预算执行情况 (资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率), the stated scores and texts."""
    for r in grid.rows_between(first, last):
        for cell in grid.filled(r):
            name = _EVALUATION.get(clean(cell.key)) if cell.row == r else None
            if name is None:
                continue
            out.use(cell)
            if name == "execution":
                _read_execution(grid, table, cell, last, out, unit_in(cell.key) or unit)
                continue
            value = next((c for c in grid.filled(r, cell.last_col + 1) if c.row == r), None)
            if value is None or _EVALUATION.get(clean(value.key)) or dept_label(value.key):
                continue
            if name in ("adjusted_goal", "achievement", "deviation_reason", "improvements"):
                setattr(table, name, value.text)
                out.use(value)
            else:
                setattr(table, name, _decimal(value, cell.text, out))
                out.use(value) if getattr(table, name) is not None else None


def _read_execution(grid: Grid, table: DeptTable, label: GridCell, last: int, out: Collector, unit: str) -> None:
    columns: dict[str, int] = {}
    for cell in grid.filled(label.row, label.last_col + 1):
        role = next((role for word, role in _EXECUTION_HEADS if word in cell.key), None)
        if cell.row == label.row and role is not None and role not in columns:
            columns[role] = cell.col
            out.use(cell)
    end = label.last_row if label.last_row > label.row else last
    for r in grid.rows_between(label.row + 1, end):
        if label.last_row == label.row and any(c.col <= label.last_col for c in grid.filled(r)):
            break  # not merged down: the lines end where the label's column is used again
        line = grid.at(r, columns.get("label", label.last_col + 1))
        if line is None or line.row != r or not line.text:
            continue
        out.use(line)
        cells = {role: grid.at(r, col) for role, col in columns.items() if role != "label"}
        cells = {role: c for role, c in cells.items() if c is not None and c.row == r and c.text}
        amounts = {}
        for role in ("initial", "annual", "executed"):
            amount = fields.money(cells.get(role), f"{line.text}{role}", out, unit=unit)
            amounts[role] = convert_money(amount, unit, "万元") if amount is not None and unit != "万元" else amount
        rate = fields.percent(cells.get("rate"), f"{line.text}执行率", out)
        points = _decimal(cells.get("points"), f"{line.text}分值", out)
        score = _decimal(cells.get("score"), f"{line.text}得分", out)
        kept = {"initial", "annual", "executed"}
        out.use(*(c for role, c in cells.items() if role in kept and amounts[role] is not None), cells.get("rate"))
        out.use(*(c for role, c in cells.items() if role in ("points", "score")))
        if clean(line.key) in _TOTAL_LINES:
            table.executed, table.stated_execution_rate = amounts["executed"], rate
            table.budget_total = table.budget_total if table.budget_total is not None else amounts["annual"]
            table.stated_execution_points = points if points is not None else table.stated_execution_points
            table.stated_execution_score = score if score is not None else table.stated_execution_score
        else:
            line_ = EvalFundLine(line.text, amounts["initial"], amounts["annual"], amounts["executed"], rate)
            line_.points, line_.stated_score = points, score
            table.fund_lines.append(line_)


_DUTY_HEADS = (("部门职能", "duty"), ("年度目标任务", "task"), ("支出项目", "item"), ("预算金额", "amount"))


def _duty_targets(grid: Grid, first: int, last: int, out: Collector, unit: str) -> list[DutyTarget]:
    """年度履职目标 (福建): 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额（万元）, the rows its label spans."""
    label = next(
        (c for r in grid.rows_between(first, last) for c in grid.filled(r) if c.row == r and c.key == "年度履职目标"),
        None,
    )
    if label is None:
        return []
    cols: dict[str, GridCell] = {}
    for cell in grid.filled(label.row, label.last_col + 1):
        role = next((role for word, role in _DUTY_HEADS if cell.key.startswith(word)), None)
        if cell.row == label.row and role is not None and role not in cols:
            cols[role] = cell
    if "duty" not in cols:
        out.problem(label.address, "年度履职目标没有“部门职能”等列标题，未导入")
        return []
    out.use(label, *cols.values())
    stated = unit_in(cols["amount"].key) if "amount" in cols else None
    end = label.last_row if label.last_row > label.row else last
    rows: list[DutyTarget] = []
    for r in grid.rows_between(label.row + 1, end):
        if label.last_row == label.row and any(c.col <= label.last_col for c in grid.filled(r)):
            break  # not merged down: the rows end where the label's column is used again
        cells = {role: grid.at(r, c.col) for role, c in cols.items()}
        cells = {role: c for role, c in cells.items() if c is not None and c.row == r and c.text}
        if not cells:
            continue
        amount = fields.money(cells.get("amount"), "预算金额", out, unit=stated or unit)
        if amount is not None and (stated or unit) == "元":
            amount = convert_money(amount, "元", "万元")
        out.use(*(c for role, c in cells.items() if role != "amount" or amount is not None))
        texts = {role: c.text for role, c in cells.items()}
        rows.append(DutyTarget(texts.get("duty", ""), texts.get("task", ""), texts.get("item", ""), amount))
    return rows


_MONEY_HEADS = (("当年金额", "amount"), ("近两年", "prior"), ("占比", "share"))


def _money_lines(grid: Grid, table: DeptTable, first: int, last: int, out: Collector, unit: str) -> None:
    """部门总体资金情况 (湖北): 收入构成 / 支出构成 lines under 项目 | 当年金额 | 近两年收支金额 (年 | 年) | 占比."""
    label = next(
        (c for r in grid.rows_between(first, last) for c in grid.filled(r) if c.row == r and "资金情况" in c.key),
        None,
    )
    if label is None:
        return
    cols: dict[str, list[GridCell]] = {}
    for cell in grid.filled(label.row, label.last_col + 1):
        role = next((role for word, role in _MONEY_HEADS if cell.key.startswith(word)), None)
        if cell.row == label.row and role is not None:
            cols.setdefault(role, []).append(cell)
    if "amount" not in cols:
        return
    out.use(label, *(c for cells in cols.values() for c in cells))
    out.use(*(c for c in grid.filled(label.row, label.last_col + 1) if c.row == label.row and c.key == "项目"))
    years = [re.search(r"(\d{4})年", c.text) for c in cols.get("prior", [])]
    table.prior_year1, table.prior_year2 = ([m.group(1) if m else "" for m in years] + ["", ""])[:2]
    stated = unit_in(label.key) or unit
    first_amount = cols["amount"][0].col
    end = label.last_row if label.last_row > label.row else last
    side = ""
    for r in grid.rows_between(label.row + 1, end):
        if label.last_row == label.row and any(c.col <= label.last_col for c in grid.filled(r)):
            break  # not merged down: the lines end where the label's column is used again
        names = [c for c in grid.filled(r, label.last_col + 1, first_amount - 1) if c.row == r]
        if not names:
            continue
        out.use(*names)
        side = names[0].text if len(names) > 1 else side
        line = DeptMoneyLine(side, names[-1].text)
        for attr, (role, k) in zip(
            ("amount", "prior1", "prior2"), (("amount", 0), ("prior", 0), ("prior", 1)), strict=True
        ):
            heads = cols.get(role, [])
            cell = grid.at(r, heads[k].col) if k < len(heads) else None
            if cell is not None and cell.row == r and cell.text:
                amount = fields.money(cell, f"{line.label}{heads[k].text}", out, unit=stated)
                setattr(line, attr, amount)
                out.use(cell) if amount is not None else None
        share = grid.at(r, cols["share"][0].col) if "share" in cols else None
        if share is not None and share.row == r and share.text:
            line.share = fields.percent(share, f"{line.label}占比", out)
            out.use(share) if line.share is not None else None
        table.money_lines.append(line)
    for line in table.money_lines:  # the year's amounts are the table's own fields too
        name = _MONEY_FIELDS.get((line.side.startswith("支出"), clean(line.label)))
        if name is not None and getattr(table, name) is None:
            setattr(table, name, line.amount)


_MONEY_FIELDS = {
    (False, "财政拨款"): "income_fiscal", (False, "其他资金"): "income_other", (False, "合计"): "budget_total",
    (True, "基本支出"): "basic_expense", (True, "项目支出"): "project_expense",
}  # fmt: skip


_TASK_HEADS = ("名称", "主要实施内容", "拟投入的资金", "期望达到的目标")


def _key_tasks(grid: Grid, first: int, last: int, out: Collector) -> list[KeyTask]:
    """年度重点工作任务: a heading row (名称 | 主要实施内容 | 拟投入的资金（元） | 期望达到的目标) and the rows the label spans."""
    label = next(
        (
            c
            for r in grid.rows_between(first, last)
            for c in grid.filled(r)
            if c.row == r and clean(c.key) == "年度重点工作任务"
        ),
        None,
    )
    if label is None:
        return []
    heads = [
        c for c in grid.filled(label.row, label.last_col + 1) if c.row == label.row and c.key.startswith(_TASK_HEADS)
    ]
    end = label.last_row
    if end == label.row:  # not merged down: the task rows run while nothing stands in the label's column
        for r in grid.rows_between(label.row + 1, last):
            if any(c.col <= label.last_col for c in grid.filled(r)):
                break
            end = r
    rows = _tasks(grid, {"年度重点工作任务": label}, [(end + 1, "end")], last, out, 4)
    out.use(label)
    columns = {c.col for c in heads}
    for r in grid.rows_between(label.row, min(end, last)):
        out.use(*(c for c in grid.filled(r) if c.row == r and c.col in columns))
    return [KeyTask(*row) for row in rows]


def _read_labels(
    grid: Grid, table: DeptTable, first: int, last: int, out: Collector, unit: str, only: tuple[str, ...] = ()
) -> None:
    """The fields of rows ``first``…``last`` by their labels (``only`` those fields if given)."""
    for r in grid.rows_between(first, last):
        for cell in grid.filled(r):
            if (cell.row, cell.col) in out.used:  # a 年度履职目标 row's 基本支出 is its spending item, not a label
                continue
            points = None
            name = dept_label(cell.key) if cell.row == r else None
            if name is None and cell.row == r:  # 年度总体目标（80分）: the goal row carries its block's points
                bare, points = split_points(cell.key)
                name = dept_label(bare) if points is not None else None
                name = name if name == "annual_goal" else None
            if name is None or (only and name not in only) or (name in _MONEY and getattr(table, name) is not None):
                continue
            if points is not None:
                table.stated_indicator_points = points
            out.use(cell)
            value = _value(grid, cell)
            if name in _MONEY:
                stated = unit_in(cell.key) or unit
                amount = fields.money(value, cell.text, out, unit=stated)
                if amount is not None and stated == "元":
                    out.note(cell.address, f"{cell.text}以元填写，已换算为万元保存（部门整体表以万元保存）")
                    amount = convert_money(amount, "元", "万元")
                setattr(table, name, amount)
                out.use(value) if amount is not None else None
            elif value is not None and not getattr(table, name):
                setattr(table, name, value.text)
                out.use(value)


def _caption_like(key: str) -> bool:
    """A title, year or unit line: 部门整体…表, （2023年度）, 单位：万元."""
    return (any(w in key for w in _TITLE) and key.endswith("表")) or bool(
        re.match(r"^\(?\d{4}年度?\)?$", key) or re.match(r"^(金额)?单位:(万元|元)$", key)
    )


def _value(grid: Grid, label: GridCell) -> GridCell | None:
    from perfdesk.importer.project_table import inline_value

    inline = inline_value(label)
    if inline is not None:
        return inline
    text = label.text
    for sep in ("：", ":"):
        head, _, rest = (t.strip() for t in text.partition(sep))
        if rest and dept_label(label_key(head)) is not None:  # 部门名称：浮梁县林业局, not 其中：基本支出
            return GridCell(
                label.row, label.col, rest, label_key(rest), last_row=label.last_row, last_col=label.last_col
            )
    for cell in grid.row(label.row, label.last_col + 1):
        if cell.text:
            return None if dept_label(cell.key) or indicator_role(cell.key) else cell
    return None


def _top(grid: Grid, anchor: GridCell, out: Collector) -> int:
    """The title and caption lines above 部门名称 belong to the table."""
    top = anchor.row
    for r in reversed(grid.rows_between(max(1, anchor.row - 5), anchor.row - 1)):
        cells = [c for c in grid.filled(r) if c.row == r]
        if not cells or len(cells) > 3:
            break
        keys = "".join(c.key for c in cells)
        if any(w in keys for w in (*_TITLE, "单位:", "年度", "绩效目标")) or fields.years_in(keys):
            out.use(*cells)
            top = r
        else:
            break
    return top


def _read_around(grid: Grid, table: DeptTable, anchor: GridCell, top: int, out: Collector) -> None:
    """The 附件 line among the title lines (the table's heading) and the 表前说明 above them."""
    spot = Spot(anchor, top, anchor.row, 1, None)
    for r in grid.rows_between(top, anchor.row - 1):
        cells = [c for c in grid.filled(r) if c.row == r]
        if len(cells) == 1 and cells[0].key.startswith("附件") and len(cells[0].key) <= 80:
            table.heading = cells[0].text
            out.use(cells[0])
            break
    table.preface = read_preface(grid, spot, top, out)


def _caption_unit(grid: Grid, top: int, anchor_row: int) -> str:
    for r in grid.rows_between(top, anchor_row):
        for cell in grid.filled(r):
            unit = unit_in(f"({cell.key.split(':')[-1]})") if cell.key.startswith(("单位:", "金额单位:")) else None
            if unit:
                return unit
    return "万元"
