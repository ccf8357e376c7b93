"""The project and 部门整体 tables of the layout families beyond Hebei and Guangdong.

Each table is one grid whose columns are the indicator columns of its family (the fixed ones
plus the optional ones :func:`perfdesk.export.families.shown_columns` picks); the header rows
above the indicators span those columns in proportions close to the printed forms, so the grid
keeps one set of column edges whatever columns the clerk shows.  Amounts print in the family's
money unit (:func:`families.print_amount`, exact Decimal) and every amount block names its unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfdesk.export.families import (
    COLUMN_TITLES,
    COLUMN_WIDTHS,
    Family,
    column_text,
    dept_family,
    family,
    shown_columns,
    weight_number,
)
from perfdesk.export.forms_extras import (
    LABEL,
    allocation_blocks,
    cost_block,
    group_spans,
    money_cell,
    notice_blocks,
    points_total_row,
    recipient_cell,
    recipient_columns,
)
from perfdesk.export.forms_tables import (
    head,
    heading_lines,
    label,
    level_cells,
    long_text,
    note_lines,
    percent,
    table_number,
    value,
    year_line,
)
from perfdesk.export.layout import (
    TEXT_WIDTH_MM,
    Align,
    Block,
    CaptionLine,
    Cell,
    ExportWarning,
    GridBuilder,
    Paragraph,
    Table,
)
from perfdesk.models.document import (
    ColumnTitles,
    DeptIndicator,
    DeptLayout,
    DeptTable,
    Document,
    Indicator,
    Layout,
    Project,
)
from perfdesk.models.frameworks import FRAMEWORKS
from perfdesk.models.labels import DEPT_EVALUATION_TITLE, dept_is_evaluation

SIGNATURE = "\n\n\n（盖章）\n审核人：　　　　　　日期：　　年　　月　　日"


@dataclass(frozen=True)
class Column:
    """A printed indicator column: the row field it shows, its header and its relative width."""

    key: str  # level1, level2, level3, value, or a name of INDICATOR_DETAIL_FIELDS
    title: str
    width: float


class FlexGrid:
    """A :class:`GridBuilder` over logical indicator columns, each cut into equal sub-columns.

    Indicator rows are given per logical column (:meth:`columns_row`); header rows are given as
    cells with relative widths (:meth:`row`), spread over the sub-columns (after ``skip`` ones
    covered from above) so that their edges fall nearest to the wanted proportions.  The cuts
    give the header rows edges to choose from however few columns the indicator grid has.
    """

    def __init__(self, widths: Sequence[float], cut_above: float = 24.0) -> None:
        self.cuts = [1] + [min(3, int(w // cut_above) + 1) if w > cut_above else 1 for w in widths[1:]]
        self.widths = tuple(round(w / k, 2) for w, k in zip(widths, self.cuts, strict=True) for _ in range(k))
        self.g = GridBuilder(self.widths)

    def row(self, *cells: tuple[Cell, float], skip: int = 0, header: bool = False) -> None:
        """Append a row of (cell, relative width) pairs after ``skip`` covered sub-columns."""
        wanted = [self.widths[0] if w == LABEL else w for _, w in cells]
        spans = group_spans(self.widths[skip:], wanted)
        for (cell, _), span in zip(cells, spans, strict=True):
            cell.colspan = span
        self.g.row(*(c for c, _ in cells), header=header)

    def columns_row(self, *cells: Cell, first: int = 0, header: bool = False) -> None:
        """Append a row of cells given per logical column (their colspan counts logical columns)."""
        col = first
        for cell in cells:
            logical = cell.colspan
            cell.colspan = sum(self.cuts[col : col + logical])
            col += logical
        self.g.row(*cells, header=header)

    def full(self, cell: Cell, skip: int = 0, header: bool = False) -> None:
        """A row of one cell over all the free columns."""
        self.row((cell, 1.0), skip=skip, header=header)

    def table(self) -> Table:
        """The finished table."""
        return self.g.table()


# ---------------------------------------------------------------- indicator columns


def grid_columns(
    fam: Family,
    shown: list[str],
    *,
    level3: str = "三级指标",
    value_title: str = "指标值",
    own: ColumnTitles | None = None,
) -> list[Column]:
    """The printed indicator columns of a family: 一级, 二级, 三级, then the value and optional fields."""
    cols = [Column("level1", "一级指标", 22), Column("level2", "二级指标", 20), Column("level3", level3, 34)]
    value_done = False
    for name in shown:
        if name == "number":
            typed = own.number.strip() if own is not None else ""
            title = typed or (value_title if fam.key != Layout.SPLIT else "指标值")
            cols.append(Column("number", title, COLUMN_WIDTHS[name]))
            value_done = True
            continue
        if not value_done and name not in ("kind", "operator"):
            cols.append(Column("value", value_title, 24))
            value_done = True
        cols.append(Column(name, fam.column_title(name, own), COLUMN_WIDTHS[name]))
    if not value_done:
        cols.append(Column("value", value_title, 24))
    return cols


def scaled(cols: list[Column]) -> tuple[float, ...]:
    """Column widths scaled to the text width."""
    total = sum(c.width for c in cols)
    return tuple(round(c.width * TEXT_WIDTH_MM / total, 2) for c in cols)


def indicator_block(
    fg: FlexGrid,
    doc: Document,
    cols: list[Column],
    rows: Sequence[Indicator | DeptIndicator],
    shown: list[str],
    *,
    title: str = "",
    value_field: str = "value",
    cell: Callable[[Any, Column], Cell | None] | None = None,
) -> None:
    """An indicator block: an optional title row, the header row and one row per indicator.

    ``cell`` may draw a column of its own (the 部门整体 self-evaluation's 完成值, 得分, 原因);
    returning None leaves the column to the indicator cell.
    """
    if title:
        fg.full(head(title))
    fg.columns_row(*(head(c.title) for c in cols), header=True)
    spec = FRAMEWORKS[doc.unit.framework]
    levels = level_cells([(r.level1, r.level2) for r in rows], spec)
    for row, (c1, c2) in zip(rows, levels, strict=True):
        cells = [c for c in (c1, c2) if c is not None]
        for col in cols[2:]:
            own = cell(row, col) if cell is not None else None
            cells.append(own if own is not None else _indicator_cell(row, col, shown, value_field))
        fg.columns_row(*cells, first=0 if c1 else 1 if c2 else 2)
    if not rows:
        fg.columns_row(*(value("") for _ in cols))


def _indicator_cell(row: object, col: Column, shown: list[str], value_field: str) -> Cell:
    if col.key == "level3":
        return value(str(getattr(row, "level3", "")))
    if col.key == "weight":
        weight = weight_number(row)
        return Cell(
            column_text(row, "weight", shown), number=weight, number_format="0.##" if weight is not None else ""
        )
    text = column_text(row, col.key, shown, value_field)
    return long_text(text) if col.key in ("explanation", "scoring") else value(text)


# ---------------------------------------------------------------- shared header rows


def _pair_rows(fg: FlexGrid, pairs: Sequence[tuple[str, str]]) -> None:
    """Rows of label | value, two pairs a row when the grid has room for them."""
    per_row = 2 if len(fg.widths) >= 4 else 1
    for i in range(0, len(pairs), per_row):
        chunk = pairs[i : i + per_row]
        cells: list[tuple[Cell, float]] = []
        for k, (name, text) in enumerate(chunk):
            cells += [
                (label(name), LABEL if k == 0 else 30),
                (value(text, align=Align.LEFT), 56 if len(chunk) == 2 else 148),
            ]
        fg.row(*cells)


def _text_row(fg: FlexGrid, name: str, text: str) -> None:
    fg.row((label(name), LABEL), (long_text(text), 148))


def fund_rows(fg: FlexGrid, project: Project, unit: str, *, period: bool, caption: str = "项目资金") -> None:
    """项目资金 in ``unit``: one line per source, the whole period ‖ the year (or the year only); a
    breakdown typed as one text (资金构成说明) prints in place of the lines when no fund line is typed."""
    if project.funds_text.strip() and not project.fund_lines:
        _text_row(fg, f"{caption}（{unit}）", project.funds_text)
        return
    src = project.money_unit
    lines: list[tuple[str, Decimal | None, Decimal | None]] = [
        ("资金总额", project.period_total, project.budget_total),
        ("其中：财政拨款", project.period_fiscal, project.budget_fiscal),
    ]
    if project.budget_carryover is not None or period:
        lines.append(("上年结转", None, project.budget_carryover))
    lines.append(("其他资金", project.period_other, project.budget_other))
    # a line that is part of the one above (1、一般公共预算 under 财政拨款小计) is indented
    lines += [("　　" * f.level + f.label, f.period_amount, f.annual_amount) for f in project.fund_lines]
    name = label(f"{caption}（{unit}）", rowspan=len(lines) + 1)
    if period:
        fg.row((name, LABEL), (head("资金来源"), 50), (head("实施期资金总额"), 49), (head("年度资金总额"), 49))
        for text, whole, year in lines:
            fg.row((label(text), 50), (money_cell(whole, src, unit), 49), (money_cell(year, src, unit), 49), skip=1)
    else:
        fg.row((name, LABEL), (head("资金来源"), 74), (head("年度资金"), 74))
        for text, _, year in lines:
            fg.row((label(text), 74), (money_cell(year, src, unit), 74), skip=1)


def _goal_text(goals: list[str]) -> str:
    goals = [g.strip() for g in goals if g.strip()]
    return goals[0] if len(goals) == 1 else "\n".join(f"{i}.{g}" for i, g in enumerate(goals, 1))


def _two_goals(fg: FlexGrid, project: Project, left: str, right: str) -> None:
    fg.row((label("绩效目标", rowspan=2), LABEL), (head(left), 74), (head(right), 74))
    fg.row((long_text(project.long_term_goal), 74), (long_text(_goal_text(project.goals)), 74), skip=1)


def _schedule(fg: FlexGrid, project: Project) -> None:
    items = project.schedule
    fg.row(
        (label("项目实施进度计划", rowspan=1 + max(1, len(items))), LABEL),
        (head("项目实施内容"), 88),
        (head("开始时间"), 30),
        (head("完成时间"), 30),
    )
    for item in items or [None]:
        texts = (item.content, item.start, item.end) if item else ("", "", "")
        fg.row((long_text(texts[0]), 88), (value(texts[1]), 30), (value(texts[2]), 30), skip=1)


def _extra_hebei_rows(fg: FlexGrid, project: Project) -> None:
    """资金用途 and 资金支出计划 typed in a Hebei document still print after a change of family."""
    if project.purpose.strip():
        _text_row(fg, "资金用途", project.purpose)
    plan = (project.plan_mar, project.plan_jun, project.plan_oct, project.plan_dec)
    if any(p is not None for p in plan) and len(fg.widths) >= 5:
        fg.row(
            (label("资金支出计划（%）", rowspan=2), LABEL),
            *((label(m), 37) for m in ("3月底", "6月底", "10月底", "12月底")),
        )
        fg.row(*((percent(p), 37) for p in plan), skip=1)


def _sign_rows(fg: FlexGrid, project: Project) -> None:
    pairs = [(n, t) for n, t in (("填报人", project.filled_by), ("单位负责人", project.unit_leader)) if t.strip()]
    pairs.append(("填报日期", project.filled_date))
    _pair_rows(fg, pairs)


def _review_rows(fg: FlexGrid, project: Project) -> None:
    """审核意见 boxes: the typed opinion, or an empty box with room for the seal and signature."""
    for name, text in (("主管部门审核意见", project.review_department), ("财政部门审核意见", project.review_finance)):
        fg.row((label(name), LABEL), (Cell(f"{text.strip()}{SIGNATURE}", align=Align.LEFT), 148))


# ---------------------------------------------------------------- project tables


def printed_title(doc: Document, project: Project) -> str:
    """The title of a project table in the document's family."""
    if project.table_title:
        return project.table_title
    # 〈…项目〉项目支出绩效目标申报表 reads 〈…项目〉支出绩效目标申报表
    return family(doc.unit.layout).title.format(name=project.name).replace("项目项目", "项目")


def family_project_blocks(doc: Document, project: Project, number: int) -> list[Block]:
    """A project table of the SHENBAO, SPLIT or TWO_BLOCK family: title, year, unit line, table."""
    fam = family(doc.unit.layout)
    build = {Layout.SHENBAO: shenbao_table, Layout.SPLIT: split_table, Layout.TWO_BLOCK: two_block_table}
    title = printed_title(doc, project)
    table = build[Layout(doc.unit.layout)](doc, project)
    return [
        *notice_blocks(project),
        *allocation_blocks(project, fam.money_unit, table.widths),
        *note_lines(project.preface),
        *heading_lines(project.heading),
        Paragraph(f"{table_number(doc, number)}{title}", "title"),
        *year_line(doc, title),
        CaptionLine(f"填报单位：{doc.unit.name}", f"单位：{fam.money_unit}"),
        table,
        *note_lines(project.table_note),
    ]


def _grid(doc: Document, fam: Family, project: Project, **titles: str) -> tuple[FlexGrid, list[Column], list[str]]:
    shown = shown_columns(fam, doc.unit.indicator_columns)
    cols = recipient_columns(grid_columns(fam, shown, own=doc.unit.column_titles, **titles), project, Column)
    return FlexGrid(scaled(cols)), cols, shown


# header pairs (label, field) every family may print; a family lists the ones it always prints
PAIRS: tuple[tuple[str, str], ...] = (
    ("项目名称", "name"), ("项目编码", "code"), ("项目属性", "attribute"), ("主管部门", "department_name"),
    ("主管部门编码", "department_code"), ("实施单位", "implementer"), ("项目性质", "nature"), ("项目类别", "category"),
    ("计划开始日期", "start_date"), ("计划完成日期", "end_date"), ("实施周期", "period"), ("项目负责人", "manager"),
    ("联系电话", "phone"),
)  # fmt: skip
TEXTS: tuple[tuple[str, str], ...] = (
    ("项目概况", "overview"), ("立项依据", "legal_basis"), ("项目申报的可行性", "feasibility"),
    ("项目申报的必要性", "necessity"), ("保障措施", "measures_text"),
)  # fmt: skip
_FALLBACK = {"department_name": "department", "implementer": "name"}  # UnitInfo fields printed when blank


def _header_pairs(doc: Document, project: Project, own: Sequence[str], labels: dict[str, str]) -> list[tuple[str, str]]:
    """The family's own pairs and every other pair the clerk filled, in :data:`PAIRS` order."""
    pairs = []
    for name, f in PAIRS:
        text = str(getattr(project, f))
        if not text.strip() and f in _FALLBACK:
            text = str(getattr(doc.unit, _FALLBACK[f]))
        if f in own or text.strip():
            pairs.append((labels.get(f, name), text))
    return pairs


def _optional_texts(fg: FlexGrid, project: Project, skip: Sequence[str] = ()) -> None:
    for name, f in TEXTS:
        if f not in skip and str(getattr(project, f)).strip():
            _text_row(fg, name, str(getattr(project, f)))


def _indicator_blocks(
    fg: FlexGrid, doc: Document, project: Project, cols: list[Column], shown: list[str], long_title: str
) -> None:
    grid_heading(fg, project)
    if project.long_term_indicators:
        indicator_block(fg, doc, cols, project.long_term_indicators, shown, title=long_title, cell=recipient_cell)
        indicator_block(fg, doc, cols, project.indicators, shown, title="年度绩效指标", cell=recipient_cell)
    else:
        indicator_block(fg, doc, cols, project.indicators, shown, cell=recipient_cell)
    points_total_row(fg, cols, project)


def grid_heading(fg: FlexGrid, project: Project) -> None:
    """The sub-heading a table prints above its indicator grid (绩效项目指标表), when typed."""
    if project.grid_heading.strip():
        fg.full(head(project.grid_heading.strip()), header=True)


def _has_period(project: Project) -> bool:
    return any(a is not None for a in (project.period_total, project.period_fiscal, project.period_other)) or any(
        f.period_amount is not None for f in project.fund_lines
    )


def _closing_rows(fg: FlexGrid, project: Project, *, sign: bool, review: bool) -> None:
    if sign or any(t.strip() for t in (project.filled_by, project.filled_date, project.unit_leader)):
        _sign_rows(fg, project)
    if review or project.review_department.strip() or project.review_finance.strip():
        _review_rows(fg, project)


def shenbao_table(doc: Document, project: Project) -> Table:
    """项目支出绩效目标申报表 (上海-like): header, 项目资金 period ‖ year, 总体 + 年度 goals, grid."""
    fam = family(Layout.SHENBAO)
    fg, cols, shown = _grid(doc, fam, project, value_title="年度指标值")
    own = ("name", "code", "department_name", "implementer", "attribute", "nature", "category", "period",
           "start_date", "end_date", "manager", "phone")  # fmt: skip
    _pair_rows(fg, _header_pairs(doc, project, own, {"department_name": "主管部门及代码"}))
    fund_rows(fg, project, fam.money_unit, period=True)
    cost_block(fg, doc, project, fam.money_unit)
    _extra_hebei_rows(fg, project)
    _optional_texts(fg, project)
    if project.schedule:
        _schedule(fg, project)
    _two_goals(fg, project, "总体目标", "年度目标")
    _indicator_blocks(fg, doc, project, cols, shown, "总体绩效指标")
    _closing_rows(fg, project, sign=True, review=False)
    return fg.table()


def split_table(doc: Document, project: Project) -> Table:
    """The split-column table (四川, 2021 national template): 指标性质/指标值/度量单位/权重/指标方向."""
    fam = family(Layout.SPLIT)
    fg, cols, shown = _grid(doc, fam, project)
    own = ("name", "code", "department_name", "implementer", "attribute", "period")
    _pair_rows(fg, _header_pairs(doc, project, own, {}))
    fund_rows(fg, project, fam.money_unit, period=_has_period(project))
    cost_block(fg, doc, project, fam.money_unit)
    _extra_hebei_rows(fg, project)
    _optional_texts(fg, project)
    if project.schedule:
        _schedule(fg, project)
    if project.long_term_goal.strip():
        _two_goals(fg, project, "总体目标", "年度目标")
    else:
        _text_row(fg, "年度绩效目标", _goal_text(project.goals))
    _indicator_blocks(fg, doc, project, cols, shown, "实施期绩效指标")
    _closing_rows(fg, project, sign=False, review=False)
    return fg.table()


def two_block_table(doc: Document, project: Project) -> Table:
    """项目绩效目标表 with 长期 and 年度 indicator blocks (湖南/安徽, template T1), with 审核意见 boxes."""
    fam = family(Layout.TWO_BLOCK)
    fg, cols, shown = _grid(doc, fam, project, level3="指标内容")
    own = ("name", "attribute", "department_name", "department_code", "implementer", "manager", "phone")
    pairs = _header_pairs(doc, project, own, {"implementer": "项目单位"})
    dates = "—".join(d for d in (project.start_date, project.end_date) if d.strip())
    if dates:
        pairs = [p for p in pairs if p[0] not in ("计划开始日期", "计划完成日期")]
    pairs.append(("项目起止时间", dates))
    _pair_rows(fg, pairs)
    fund_rows(fg, project, fam.money_unit, period=_has_period(project), caption="年度资金总额及构成")
    cost_block(fg, doc, project, fam.money_unit)
    _extra_hebei_rows(fg, project)
    _text_row(fg, "项目概况", project.overview)
    fg.row(
        (label("项目立项情况", rowspan=3), LABEL), (label("项目立项的依据"), 30), (long_text(project.legal_basis), 118)
    )
    fg.row((label("项目申报的可行性"), 30), (long_text(project.feasibility), 118), skip=1)
    fg.row((label("项目申报的必要性"), 30), (long_text(project.necessity), 118), skip=1)
    _schedule(fg, project)
    _optional_texts(fg, project, skip=("overview", "legal_basis", "feasibility", "necessity"))
    _two_goals(fg, project, "长期目标", "年度目标")
    grid_heading(fg, project)
    indicator_block(fg, doc, cols, project.long_term_indicators, shown, title="长期绩效指标", cell=recipient_cell)
    indicator_block(fg, doc, cols, project.indicators, shown, title="年度绩效指标", cell=recipient_cell)
    points_total_row(fg, cols, project)
    _closing_rows(fg, project, sign=True, review=True)
    return fg.table()


# ---------------------------------------------------------------- 部门整体 (湖南/湖北)


def hunan_dept_blocks(doc: Document, dept: DeptTable) -> list[Block]:
    """部门整体支出绩效目标申报表 (湖南/湖北): title, year, unit line, the table."""
    fam = dept_family(DeptLayout.HUNAN)
    default = DEPT_EVALUATION_TITLE if dept_is_evaluation(dept) else fam.title
    title = dept.title or f"{dept.region}{default}"
    year = year_line(doc, dept.title)
    return [
        *note_lines(dept.preface),
        *heading_lines(dept.heading),
        Paragraph(title, "title"),
        *year,  # not under a printed title that already names the year
        CaptionLine(f"填报单位：{dept.dept_name or doc.unit.name}", f"单位：{fam.money_unit}"),
        hunan_dept_table(doc, dept),
        *note_lines(dept.table_note),
    ]


def hunan_dept_table(doc: Document, dept: DeptTable) -> Table:
    """职责, 年度总体目标, 年度预算, grid with 指标值类型/指标值/计量单位/指标解释/评分标准."""
    fam = dept_family(DeptLayout.HUNAN)
    shown = shown_columns(fam, doc.unit.indicator_columns)
    cols = grid_columns(fam, shown, own=doc.unit.column_titles)
    if any(i.period_value.strip() for i in dept.indicators):
        at = next(i for i, c in enumerate(cols) if c.key in ("number", "value"))
        cols.insert(at, Column("period_value", "实施周期指标值", 22))
    if dept_is_evaluation(dept):  # the self-evaluation's columns after the targets'
        cols += [Column("actual", "实际完成值", 22), Column("stated_score", "得分", 12)]
        if any(i.reason.strip() for i in dept.indicators):
            cols.append(Column("reason", "偏差原因", 26))
    fg = FlexGrid(scaled(cols))
    _pair_rows(
        fg,
        [
            ("部门名称", dept.dept_name),
            ("部门编码", dept.dept_code),
            ("联系人", dept.contact),
            ("联系电话", dept.phone),
        ],
    )
    unit = fam.money_unit
    amounts = [
        ("年度预算总额", dept.budget_total),
        ("其中：基本支出", dept.basic_expense),
        ("项目支出", dept.project_expense),
        ("收入来源：财政拨款", dept.income_fiscal),
        ("其他资金", dept.income_other),
    ]
    if dept.money_lines:  # 部门总体资金情况 (湖北) in place of the 年度预算 block
        _money_lines(fg, dept, unit)
    else:
        fg.row(
            (label(f"年度预算（{unit}）", rowspan=len(amounts)), LABEL),
            (label(amounts[0][0]), 74),
            (money_cell(amounts[0][1], "万元", unit), 74),
        )
        for name, amount in amounts[1:]:
            fg.row((label(name), 74), (money_cell(amount, "万元", unit), 74), skip=1)
    _text_row(fg, "部门职责", dept.duties)
    goal = "\n".join(t for t in (dept.annual_goal.strip(), _goal_text(dept.goals)) if t)
    points = dept.stated_indicator_points  # 08: 年度目标1:(80分) — the goal and indicators' points budget
    _text_row(fg, "年度总体目标" + (f"（{_score_cell(points).text}分）" if points is not None else ""), goal)
    if dept.duty_targets and len(fg.widths) >= 5:  # 年度履职目标 (福建): duty, task, spending item, amount
        fg.row(
            (label("年度履职目标", rowspan=1 + len(dept.duty_targets)), LABEL),
            (head("部门职能"), 40), (head("年度目标任务"), 46), (head("支出项目名称"), 36),
            (head(f"预算金额（{unit}）"), 26),
        )  # fmt: skip
        for duty in dept.duty_targets:
            fg.row(
                (long_text(duty.duty), 40), (long_text(duty.task), 46), (value(duty.item), 36),
                (money_cell(duty.amount, "万元", unit), 26), skip=1,
            )  # fmt: skip
    if dept.key_tasks and len(fg.widths) >= 5:
        fg.row(
            (label("年度重点工作任务", rowspan=1 + len(dept.key_tasks)), LABEL),
            (head("名称"), 30), (head("主要实施内容"), 48), (head("拟投入的资金（元）"), 30), (head("期望达到的目标"), 40),
        )  # fmt: skip
        for task in dept.key_tasks:
            fg.row(
                (value(task.name), 30), (long_text(task.content), 48), (money_cell(task.amount_yuan, "元", "元"), 30),
                (long_text(task.expected), 40), skip=1,
            )  # fmt: skip
    _dept_grid(fg, doc, cols, dept.indicators, shown)
    if dept_is_evaluation(dept):
        _dept_evaluation_rows(fg, dept, unit)
    if dept.filled_by.strip() or dept.filled_date.strip():
        _pair_rows(fg, [("填报人", dept.filled_by), ("填报日期", dept.filled_date)])
    return fg.table()


def _money_lines(fg: FlexGrid, dept: DeptTable, unit: str) -> None:
    """部门总体资金情况: 收入构成 / 支出构成 lines with 当年金额, 近两年收支金额 (年 | 年) and 占比, as printed."""
    lines = dept.money_lines
    years = [f"{y.strip()}年" for y in (dept.prior_year1, dept.prior_year2)]
    fg.row(
        (label(f"部门总体资金情况（{unit}）", rowspan=1 + len(lines)), LABEL),
        (head("项目"), 48), (head("当年金额"), 26), (head(f"近两年收支金额\n{years[0]}"), 26),
        (head(f"近两年收支金额\n{years[1]}"), 26), (head("占比"), 22),
    )  # fmt: skip
    for i, line in enumerate(lines):  # the side named on its first line (rows stay alike, so columns align)
        side = line.side if i == 0 or lines[i - 1].side != line.side else ""
        amounts = [money_cell(a, "万元", unit) for a in (line.amount, line.prior1, line.prior2)]
        fg.row(
            (label(side), 20), (label(line.label), 28), *((a, 26) for a in amounts), (percent(line.share), 22),
            skip=1,
        )  # fmt: skip


def _dept_grid(fg: FlexGrid, doc: Document, cols: list[Column], rows: list[DeptIndicator], shown: list[str]) -> None:
    def own(row: DeptIndicator, col: Column) -> Cell | None:
        if col.key in ("period_value", "actual"):
            return value(getattr(row, col.key))
        if col.key == "stated_score":
            return _score_cell(row.stated_score)
        if col.key == "reason":
            return long_text(row.reason)
        return None

    indicator_block(fg, doc, cols, rows, shown, title="年度绩效指标", value_field="annual_value", cell=own)


def _score_cell(score: Decimal | None) -> Cell:
    return Cell("" if score is None else format(score, "f"), number=score, number_format="0.##")


def _dept_evaluation_rows(fg: FlexGrid, dept: DeptTable, unit: str) -> None:
    """预算执行 with its rows and score, 自评总分, 完成情况, 偏差原因 and 改进措施 as the table printed them."""
    total: FundRow = ("年度预算总额", dept.budget_total, dept.budget_total, dept.executed, dept.stated_execution_rate)
    lines = [total, *((f.label, f.initial, f.annual, f.executed, f.stated_rate) for f in dept.fund_lines)]
    scored = any(f.points is not None or f.stated_score is not None for f in dept.fund_lines)
    scores: list[tuple[Decimal | None, Decimal | None]] = [(None, None)] * len(lines)
    if scored:  # 25: 分值/得分 on every line, the 年度资金总额 line's being the execution's
        scores = [(dept.stated_execution_points, dept.stated_execution_score)]
        scores += [(f.points, f.stated_score) for f in dept.fund_lines]
    if dept.fund_lines or any(v is not None for v in lines[0][1:]):  # a rubric (31) prints no funds block
        _dept_funds_rows(fg, lines, scores, unit)
    points = (dept.stated_execution_points, dept.stated_execution_score, dept.stated_total)
    if scored and points[2] is not None:
        fg.row((label("自评总分"), LABEL), (_score_cell(points[2]), 148))
    elif not scored and any(p is not None for p in points):
        fg.row(
            (label("预算执行分值"), LABEL), (_score_cell(points[0]), 30), (label("预算执行得分"), 30),
            (_score_cell(points[1]), 30), (label("自评总分"), 30), (_score_cell(points[2]), 30),
        )  # fmt: skip
    for name, text in (
        ("全年（调整）绩效目标", dept.adjusted_goal),
        ("年度总体目标完成情况", dept.achievement),
        ("偏差大或目标未完成原因分析", dept.deviation_reason),
        ("改进措施及结果应用方案", dept.improvements),
    ):
        if text.strip():
            _text_row(fg, name, text)


FundRow = tuple[str, Decimal | None, Decimal | None, Decimal | None, Decimal | None]


def _dept_funds_rows(
    fg: FlexGrid, lines: list[FundRow], scores: list[tuple[Decimal | None, Decimal | None]], unit: str
) -> None:
    """预算执行情况: 资金来源, the budget columns the lines fill (年初预算数 and/or 全年预算数; one 预算数 when
    no line says which — the 年度预算总额 is never printed twice), 全年执行数, 执行率, a row per line; 分值
    and 得分 too when the table scores its lines (``scores`` not all blank)."""
    has_initial = any(line[1] is not None for line in lines[1:])
    has_annual = any(line[2] is not None for line in lines[1:])
    budget = [("年初预算数", 1)] if has_initial or not has_annual else []
    budget += [("全年预算数", 2)] if has_annual else []
    if not has_initial and not has_annual:
        budget = [("预算数", 1)]
    scored = any(pair != (None, None) for pair in scores)
    heads = [*(name for name, _ in budget), "全年执行数", "执行率", *(("分值", "得分") if scored else ())]
    share = [3.0] * (len(budget) + 1) + [2.0] + ([1.5, 1.5] if scored else [])  # amounts need the room
    ws = [108 * x / sum(share) for x in share]
    fg.row(
        (label(f"预算执行情况（{unit}）", rowspan=1 + len(lines)), LABEL),
        (head("资金来源"), 40), *((head(h), w) for h, w in zip(heads, ws, strict=True)),
    )  # fmt: skip
    for line, (pts, got) in zip(lines, scores, strict=True):
        cells = [money_cell(line[k], "万元", unit) for _, k in budget]
        cells += [money_cell(line[3], "万元", unit), percent(line[4])]
        cells += [_score_cell(pts), _score_cell(got)] if scored else []
        fg.row((label(line[0]), 40), *zip(cells, ws, strict=True), skip=1)


# ---------------------------------------------------------------- what a family cannot print


def unprinted_warnings(doc: Document) -> list[ExportWarning]:
    """Fields the chosen family has no place for, named so that nothing is dropped silently."""
    warnings: list[ExportWarning] = []
    layout = Layout(doc.unit.layout)
    for i, project in enumerate(doc.projects, 1):
        rows = project.indicators + project.long_term_indicators
        missing: list[str] = []
        if layout is not Layout.HEBEI:
            missing += [
                name for name, f in (("绩效指标描述", "description"), ("指标值确定依据", "basis")) if _typed(rows, f)
            ]
            if project.funds_text.strip() and project.fund_lines:  # the typed lines print instead
                missing.append("资金构成说明")
        else:
            detail = ("kind", "weight", "direction", "explanation", "scoring", "note")
            missing += [COLUMN_TITLES[f] for f in detail if _typed(rows, f)]
            missing += [name for name, f in HEBEI_UNPRINTED if getattr(project, f) not in ("", None, [])]
            if any(v.strip() for r in rows for v in r.recipient_values):
                missing.append("分地区指标值")
        if missing:
            place = f"项目{i}「{project.name}」"
            warnings.append(ExportWarning(place, f"{'、'.join(missing)}在本表格式中没有位置，未打印（文档中保留）"))
    return warnings


HEBEI_UNPRINTED: tuple[tuple[str, str], ...] = (
    ("项目属性", "attribute"), ("项目性质", "nature"), ("项目类别", "category"), ("计划开始日期", "start_date"),
    ("计划完成日期", "end_date"), ("实施周期", "period"), ("项目负责人", "manager"), ("联系电话", "phone"),
    *TEXTS, ("实施进度计划", "schedule"), ("实施期资金总额", "period_total"), ("实施期财政资金", "period_fiscal"),
    ("实施期其他资金", "period_other"), ("上年结转", "budget_carryover"), ("其他资金来源", "fund_lines"),
    ("总体目标", "long_term_goal"), ("长期绩效指标", "long_term_indicators"), ("填报人", "filled_by"),
    ("填报日期", "filled_date"), ("单位负责人", "unit_leader"), ("主管部门审核意见", "review_department"),
    ("财政部门审核意见", "review_finance"), ("项目预算成本构成", "cost_lines"), ("成本构成合计", "cost_total"),
    ("总分", "stated_points_total"), ("指标表标题", "grid_heading"), ("资金构成说明", "funds_text"),
)  # fmt: skip


DEPT_UNPRINTED = {
    DeptLayout.GUANGDONG: (
        ("部门编码", "dept_code"), ("联系人", "contact"), ("联系电话", "phone"), ("部门职责", "duties"),
        ("年度总体目标", "annual_goal"), ("年度预算总额", "budget_total"), ("全年执行数", "executed"),
        ("预算执行资金来源", "fund_lines"), ("预算执行分值", "stated_execution_points"),
        ("执行率", "stated_execution_rate"), ("预算执行得分", "stated_execution_score"), ("自评总分", "stated_total"),
        ("年度总体目标完成情况", "achievement"), ("偏差原因", "deviation_reason"), ("改进措施", "improvements"),
        ("年度目标分值", "stated_indicator_points"), ("年度履职目标", "duty_targets"),
        ("全年（调整）绩效目标", "adjusted_goal"), ("部门总体资金情况", "money_lines"),
    ),
    DeptLayout.HUNAN: (
        ("财政供养人员数", "staff_count"), ("下属二级单位数", "sub_units"), ("财政专项资金", "special_funds"),
        ("其他事业发展性支出", "other_development"), ("市本级使用资金", "local_use"),
        ("拟用于对下转移支付资金", "transfer"), ("其他需完成的任务", "other_tasks"),
    ),
}  # fmt: skip


def dept_unprinted_warnings(doc: Document) -> list[ExportWarning]:
    """Fields of the 部门整体 table its layout has no place for."""
    dept = doc.dept_table
    if dept is None:
        return []
    layout = DeptLayout(dept.layout)
    missing = [name for name, f in DEPT_UNPRINTED[layout] if getattr(dept, f) not in ("", None, [])]
    if layout is DeptLayout.GUANGDONG:
        detail = ("kind", "weight", "direction", "explanation", "scoring", "note")
        missing += [COLUMN_TITLES[f] for f in detail if _typed(dept.indicators, f)]
        results = (("实际完成值", "actual"), ("得分", "stated_score"), ("偏差原因", "reason"))
        missing += [name for name, f in results if _typed(dept.indicators, f)]
    if not missing:
        return []
    return [ExportWarning("部门整体表", f"{'、'.join(missing)}在本表格式中没有位置，未打印（文档中保留）")]


def _typed(rows: Sequence[Indicator | DeptIndicator], name: str) -> bool:
    return any(getattr(r, name) not in ("", None) for r in rows)
