"""Read the printed parts of a project table beyond its header (issue 11, brief 11a).

The 项目预算成本构成 block (成本构成 | 金额 | 测算(公式)依据 | two years' 实际执行数, and 合计), the
资金安排表 printed before a distributed project's table (属地 | 金额 | 项目) with the per-recipient
value columns of its indicator grid, and the 总分 row under a 分值 column.  Each reader takes only
cells it understands and marks them used; anything else stays for the 未导入 sweep.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfdesk.importer import fields
from perfdesk.importer.grid import Grid, GridCell, label_key
from perfdesk.importer.indicators import Header
from perfdesk.importer.labels import unit_in
from perfdesk.importer.result import Collector
from perfdesk.importer.spots import Spot
from perfdesk.models.document import CostLine, Indicator, Project, Recipient
from perfdesk.models.money import convert_money

_COST_LABEL = re.compile(r"^(项目)?(预算)?成本构成(测算)?(明细)?(\(.*\))?$")
_TOTAL = ("合计", "总计", "小计")


def _amount(cell: GridCell | None, what: str, out: Collector, unit: str, project: Project) -> Decimal | None:
    """An amount in the block's ``unit`` stored in the project's money unit (converted exactly)."""
    value = fields.money(cell, what, out, unit=unit)
    return convert_money(value, unit, project.money_unit)


# ---------------------------------------------------------------- 项目预算成本构成


def _cost_label(grid: Grid, spot: Spot, last: int) -> GridCell | None:
    for r in grid.rows_between(spot.anchor.row, last):
        for cell in grid.filled(r, spot.c0, spot.c1):
            if cell.row == r and cell.key != "成本构成" and _COST_LABEL.match(cell.key):
                return cell
    return None


def _cost_roles(cells: list[GridCell]) -> dict[str, int]:
    """The columns of the block's heading row: item, amount, basis, prior1, prior2."""
    roles: dict[str, int] = {}
    priors: list[int] = []
    for cell in cells:
        key = cell.key.strip("()（）")
        if "实际执行" in key or "执行数" in key:
            priors.append(cell.col)
        elif "测算" in key or "依据" in key:
            roles.setdefault("basis", cell.col)
        elif "金额" in key or "预算数" in key:
            roles.setdefault("amount", cell.col)
        elif "成本构成" in key or "明细" in key or "内容" in key:
            roles.setdefault("item", cell.col)
    for name, col in zip(("prior1", "prior2"), priors, strict=False):
        roles[name] = col
    return roles


def read_cost_block(grid: Grid, spot: Spot, last: int, project: Project, out: Collector) -> None:
    """成本构成 lines and the printed 合计 of each column, in the project's money unit."""
    label = _cost_label(grid, spot, last)
    if label is None:
        return
    unit = unit_in(label.key) or project.money_unit
    roles: dict[str, int] = {}
    head_row = label.row
    for r in grid.rows_between(label.row, min(last, label.row + 1)):  # headings beside the label, or under it
        cells = [c for c in grid.filled(r, label.col, spot.c1) if c.row == r and c is not label]
        roles = _cost_roles(cells)
        if "item" in roles and "amount" in roles:
            head_row = r
            out.use(label, *cells)
            break
    else:
        return
    end = label.last_row if label.last_row > head_row else last
    for r in grid.rows_between(head_row + 1, end):
        cells = {k: grid.at(r, c) for k, c in roles.items()}
        own = {k: c for k, c in cells.items() if c is not None and c.row == r and c.text}
        if not own:
            break
        item = own.get("item")
        if item is not None and label_key(item.text) in _TOTAL:
            out.use(*own.values())
            project.cost_total = _amount(own.get("amount"), "成本构成合计", out, unit, project)
            project.cost_prior1_total = _amount(own.get("prior1"), "成本构成合计", out, unit, project)
            project.cost_prior2_total = _amount(own.get("prior2"), "成本构成合计", out, unit, project)
            break
        out.use(*own.values())
        name = item.text if item is not None else ""
        project.cost_lines.append(
            CostLine(
                name,
                _amount(own.get("amount"), f"成本构成“{name}”金额", out, unit, project),
                own["basis"].text if "basis" in own else "",
                _amount(own.get("prior1"), f"成本构成“{name}”实际执行数", out, unit, project),
                _amount(own.get("prior2"), f"成本构成“{name}”实际执行数", out, unit, project),
            )
        )


# ---------------------------------------------------------------- 资金安排表 and per-recipient values


def read_allocation(grid: Grid, spot: Spot, top: int, project: Project, out: Collector) -> int:
    """The 资金安排表 above row ``top``: its title, a heading row 属地 | 金额 | 项目 and one row per
    recipient.  Returns its title's row (``top`` when there is none)."""
    for r in grid.rows_between(1, top - 1):
        cells = [c for c in grid.filled(r, spot.c0, spot.c1) if c.row == r]
        cols = {"name": 0, "amount": 0, "project": 0}
        for c in cells:
            if c.key in ("属地", "地区", "单位", "乡镇"):
                cols["name"] = c.col
            elif c.key.startswith("金额"):
                cols["amount"] = c.col
            elif c.key in ("项目", "项目名称"):
                cols["project"] = c.col
        if all(cols.values()):
            unit = unit_in(grid.at(r, cols["amount"]).key) or project.money_unit  # type: ignore[union-attr]
            _read_recipients(grid, r, cols, unit, project, out)
            out.use(*cells)
            title = _one_cell(grid, spot, r - 1, out) if r > 1 else None
            if title is None:
                return r
            if title.text != f"{project.name}资金安排表":
                project.recipients_title = title.text
            out.use(title)
            return title.row
    return top


def _read_recipients(grid: Grid, head: int, cols: dict[str, int], unit: str, project: Project, out: Collector) -> None:
    for r in grid.rows_between(head + 1, head + 1000):
        own = {k: grid.at(r, c) for k, c in cols.items()}
        name, amount = own["name"], own["amount"]
        if name is None or name.row != r or not name.text or name.last_col >= cols["amount"]:
            return  # the table ends: a blank row, or the next title merged across
        if amount is None or amount.row != r:
            return
        out.use(*(c for c in own.values() if c is not None and c.row == r))
        target = own["project"]
        project.recipients.append(
            Recipient(
                name.text,
                _amount(own["amount"], f"资金安排“{name.text}”金额", out, unit, project),
                target.text if target is not None and target.row == r else "",
            )
        )


def recipient_columns(grid: Grid, header: Header, project: Project) -> dict[int, int]:
    """The header's columns headed by a recipient's name: column → index in ``project.recipients``."""
    names = {label_key(r.name): i for i, r in enumerate(project.recipients) if r.name.strip()}
    found: dict[int, int] = {}
    for r in range(header.first_row or header.row, header.row + 1):
        for cell in grid.filled(r, 1, None):
            if cell.key in names and cell.col not in header.columns.values():
                found[cell.col] = names[cell.key]
    return found


def read_recipient_values(
    grid: Grid, header: Header, rows: list[tuple[int, Indicator]], project: Project, out: Collector
) -> None:
    """Each indicator row's value under each recipient's column."""
    cols = recipient_columns(grid, header, project)
    if not cols:
        return
    for col in cols:
        out.use(grid.at(header.row, col))
    width = len(project.recipients)
    for r, ind in rows:
        values = [""] * width
        for col, i in cols.items():
            cell = grid.at(r, col)
            if cell is not None and cell.row == r and cell.text:
                values[i] = cell.text
                out.use(cell)
        while values and not values[-1]:
            values.pop()  # as the editor keeps them: no trailing blanks
        ind.recipient_values = values


# ---------------------------------------------------------------- 总分


def read_points_total(grid: Grid, spot: Spot, header: Header, after: int, project: Project, out: Collector) -> None:
    """A 总分 row right under the grid: its number in the 权重/分值 column (else the row's only number)."""
    r = next(iter(grid.rows_between(after + 1, spot.last)), None)
    if r is None:
        return
    cells = [c for c in grid.filled(r, spot.c0, spot.c1) if c.row == r]
    labels = [c for c in cells if c.key in ("总分", "合计", "总计")]
    numbers = [c for c in cells if c not in labels and c.text]
    if not labels or len(numbers) != 1:
        return
    weight_col = header.columns.get("weight")
    if weight_col is not None and numbers[0].col != weight_col and numbers[0].last_col < weight_col:
        return
    total = fields.number(numbers[0].text) if numbers[0].number is None else numbers[0].number
    if total is None:
        return
    project.stated_points_total = total
    out.use(*labels, numbers[0])


# ---------------------------------------------------------------- the covering notice

_NUMBER = re.compile(r"^\S{1,16}[〔\[(（]\d{4}[〕\])）]\S{0,4}号$")
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_NOTICE_TITLE = re.compile(r"^关于.{2,80}(通知|批复|函)$")
_SUBJECT_IN_TEXT = re.compile(r"[“\"](\d{3,7}[.\-－][^”\"]{1,40})[”\"]")  # “213.农林水支出”, “2130505-生产发展”
_CODE_IN_TEXT = re.compile(r"[(（]([0-9]{8}[A-Z][0-9A-Z]{6,})[)）]")  # (12000022P10000210006W)
_EXTRA = re.compile(
    r"^功能分类科目[:：](?P<subject>.*?)(?:\s*项目编码[:：](?P<code>.*))?$|^项目编码[:：](?P<code2>.*)$"
)


def _one_cell(grid: Grid, spot: Spot, r: int, out: Collector) -> GridCell | None:
    cells = [c for c in grid.filled(r, spot.c0, spot.c1) if c.row == r]
    return cells[0] if len(cells) == 1 and (r, cells[0].col) not in out.used else None


def read_heading(grid: Grid, spot: Spot, project: Project, out: Collector) -> int | None:
    """The 附件 line right above the title (the project's heading); the first row above the table's
    own lines (title and heading), or None when the table has no title."""
    if spot.title is None:
        return None
    top = spot.title.row
    above = _one_cell(grid, spot, top - 1, out) if top > 1 else None
    if above is not None and above.key.startswith("附件") and len(above.key) <= 80:
        project.heading = above.text
        out.use(above)
        top -= 1
    return top


def read_notice(grid: Grid, spot: Spot, top: int, project: Project, out: Collector) -> None:
    """The covering 下达 notice: the one-cell lines above row ``top`` (the table, its heading or its
    资金安排表).  A 文号 line, a 关于…通知 title, a date line and a 功能分类科目/项目编码 line fill
    their fields; the other lines are the text.  Reading stops at a row of more than one cell.
    Lines that do not read as a notice (no 文号, no 关于…通知, no 下达 in the text) are the table's
    表前说明 (``preface``: numbered paragraphs, the unit's project list), kept line by line.
    """
    lines = _lines_above(grid, spot, top, out)
    found = Project()
    text: list[str] = []
    for cell in lines:
        line = cell.text.strip()
        extra = _EXTRA.match(line)
        if _NUMBER.match(line) and not found.notice_number:
            found.notice_number = line
        elif _DATE.match(line) and not found.notice_date:
            found.notice_date = line
        elif _NOTICE_TITLE.match(line) and not found.notice_title and not text:
            found.notice_title = line
        elif extra is not None:
            found.notice_subject = (extra.group("subject") or "").strip()
            found.notice_code = (extra.group("code") or extra.group("code2") or "").strip()
        else:
            text.append(line)
    found.notice_text = "\n".join(text)
    if not (found.notice_number or found.notice_title or "下达" in found.notice_text):
        if lines:  # not a notice: the 表前说明 printed above the title, kept as typed
            project.preface = "\n".join(cell.text.rstrip() for cell in lines)
            out.use(*lines)
        return
    out.use(*lines)
    # the export prints 科目 and code on a line of their own only when the text does not say them
    subject = _SUBJECT_IN_TEXT.search(found.notice_text)
    code = _CODE_IN_TEXT.search(found.notice_text)
    project.notice_title, project.notice_number, project.notice_date = (
        found.notice_title, found.notice_number, found.notice_date,
    )  # fmt: skip
    project.notice_text = found.notice_text
    project.notice_subject = found.notice_subject or (subject.group(1) if subject else "")
    project.notice_code = found.notice_code or (code.group(1) if code else "")


# ---------------------------------------------------------------- text around the table (brief 11c)

_NOTE_START = re.compile(r"^(注|备注)\s*(?:$|[:：\d（(、.])")


def read_table_note(grid: Grid, spot: Spot, after: int, out: Collector) -> str:
    """表注: the one-cell lines under the table (after row ``after``), from the first that opens with
    注 / 备注 to the first row that is not one cell; "" when there is none."""
    lines: list[GridCell] = []
    for r in grid.rows_between(after + 1, spot.last):
        cell = _one_cell(grid, spot, r, out)
        if cell is None:
            if lines:
                break
            continue
        if lines or _NOTE_START.match(cell.text.strip()):
            lines.append(cell)
    out.use(*lines)
    return "\n".join(cell.text.rstrip() for cell in lines)


def _lines_above(grid: Grid, spot: Spot, top: int, out: Collector) -> list[GridCell]:
    """The one-cell lines right above row ``top``, in order; reading stops at a row of more cells."""
    lines: list[GridCell] = []
    for r in reversed(grid.rows_between(1, top - 1)):
        cell = _one_cell(grid, spot, r, out)
        if cell is None:
            break
        lines.insert(0, cell)
    return lines


def read_preface(grid: Grid, spot: Spot, top: int, out: Collector) -> str:
    """表前说明: the one-cell lines right above row ``top`` (a table's title), kept line by line."""
    lines = _lines_above(grid, spot, top, out)
    out.use(*lines)
    return "\n".join(cell.text.rstrip() for cell in lines)


def read_grid_heading(grid: Grid, spot: Spot, header_row: int, project: Project, out: Collector) -> None:
    """A sub-heading printed over the whole table right above the indicator grid (绩效项目指标表)."""
    for r in reversed(grid.rows_between(max(spot.anchor.row + 1, header_row - 3), header_row - 1)):
        cells = [c for c in grid.filled(r, spot.c0, spot.c1) if c.row == r]
        cell = cells[0] if len(cells) == 1 else None  # (a block's words may have taken it as its caption)
        if cell is not None and cell.key.endswith("指标表") and len(cell.key) <= 40:
            project.grid_heading = cell.text.strip()
            out.use(cell)
            return
