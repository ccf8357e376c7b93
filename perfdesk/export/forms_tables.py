"""The table forms as layout blocks: F2 项目绩效目标表, F3 部门整体预算绩效目标表, F5 自评表.

Column grids are in millimetres of a 170 mm text width.  A grid has as many columns as the
finest row needs; coarser rows span several (for F2 the four 资金支出计划 columns share their
edges with neither the six indicator columns nor the amounts row, see the diagrams).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import accumulate

from perfdesk.export.families import column_text, project_columns
from perfdesk.export.layout import (
    CONTINUED,
    Align,
    Block,
    CaptionLine,
    Cell,
    GridBuilder,
    Paragraph,
    Table,
    format_percent,
    percent_number_format,
    printed_rows,
)
from perfdesk.models.document import (
    DeptIndicator,
    DeptTable,
    Document,
    EvalFundLine,
    EvalRow,
    Layout,
    Project,
    ProjectEval,
    ProjectTableStyle,
    TableNumbering,
    project_title,
)
from perfdesk.models.frameworks import FRAMEWORKS, FrameworkSpec, canonical_level1, canonical_level2
from perfdesk.models.labels import column_title
from perfdesk.models.money import convert_money, format_money, format_plain, round_money
from perfdesk.models.scoring import EvalScore, RowStatus, present, score_evaluation
from perfdesk.models.values import one_cell_value

# F2 edges (mm): 0 18 40 56 68 94 118 132 140 170
#   indicators: 一级 | 二级 | 三级 (2) | 描述 (2) | 指标值 (2) | 依据
#   plan:       label | 3月底 (2) | 6月底 (2) | 10月底 (2) | 12月底 (2)
#   amounts:    label | 预算数 | value (2) | 其中：财政资金 | value | 其他资金 (2) | value
F2_WIDTHS = (18, 22, 16, 12, 26, 24, 14, 8, 30)
# F3 edges (mm): 0 18 36 46 58 98 124 134 170
#   indicators: label | 一级 | 二级 (2) | 三级 | 实施周期指标值 (2) | 年度指标值
#   tasks:      label | 名称 (2) | 主要实施内容 (2) | 拟投入的资金 | 期望达到的目标 (2)
#   four-column rows: label | (3) | (1) | (2) | (1)
F3_WIDTHS = (18, 18, 10, 12, 40, 26, 10, 36)
# F5: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
F5_WIDTHS = (16, 18, 28, 22, 22, 16, 16, 32)
# F5 of the split family: 年度指标值 cut into the family's sub-columns (指标性质 | 指标值 | 度量单位, 28) and
# its 指标方向 beside them; widths (mm) before scaling to the 170 mm text width
F5_SPLIT_BASE = (14, 16, 24, 0, 18, 12, 12, 26)
F5_SPLIT_PARTS = ("kind", "operator", "number", "unit")  # the parts of the value, under one 年度指标值 heading
F5_SPLIT_WIDTHS = {"kind": 12, "operator": 12, "number": 16, "unit": 12, "direction": 12}


def label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A printed caption cell (项目名称, 预算数 …)."""
    return Cell(text, colspan, rowspan)


def head(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A column-header cell, printed in the heading face."""
    return Cell(text, colspan, rowspan, bold=True)


def value(text: str, colspan: int = 1, align: Align = Align.CENTER) -> Cell:
    """A cell holding what the clerk typed."""
    return Cell(text, colspan, align=align)


def long_text(text: str, colspan: int = 1) -> Cell:
    """A cell of running text, justified."""
    return Cell(text, colspan, align=Align.JUSTIFY)


def money(amount: Decimal | None, colspan: int = 1, grouping: bool = False) -> Cell:
    """An amount printed with two decimals and stored as a number by spreadsheets."""
    fmt = "#,##0.00" if grouping else "0.00"
    number = round_money(amount) if amount is not None else None
    return Cell(format_money(amount, grouping=grouping), colspan, number=number, number_format=fmt)


def percent(amount: Decimal | None, colspan: int = 1) -> Cell:
    """A percentage (``25%``), stored by spreadsheets as the fraction 0.25."""
    if amount is None:
        return Cell("", colspan)
    fraction = amount / 100
    return Cell(format_percent(amount), colspan, number=fraction, number_format=percent_number_format(fraction))


def count_cell(n: int | None, colspan: int = 1) -> Cell:
    """A whole number such as 财政供养人员数."""
    return Cell("" if n is None else str(n), colspan, number=None if n is None else Decimal(n), number_format="0")


def runs(keys: Sequence[object]) -> list[int]:
    """For each position the length of the run of equal keys starting there, 0 inside a run."""
    out = [0] * len(keys)
    i = 0
    while i < len(keys):
        j = i + 1
        while j < len(keys) and keys[j] == keys[i]:
            j += 1
        out[i] = j - i
        i = j
    return out


def level_choices(spec: FrameworkSpec) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The dropdown lists for 一级 and 二级 in a framework."""
    level2: list[str] = []
    for _, names in spec.levels:
        level2 += [n for n in names if n not in level2]
    return tuple(spec.level1_names()), tuple(level2)


def level_cells(
    rows: Sequence[tuple[str, str]], spec: FrameworkSpec, level2_span: int = 1
) -> list[tuple[Cell | None, Cell | None]]:
    """一级/二级 cells for indicator rows, merged over runs of equal labels (None inside a run)."""
    choices1, choices2 = level_choices(spec)
    l1_runs = runs([l1.strip() for l1, _ in rows])
    l2_runs = runs([(l1.strip(), l2.strip()) for l1, l2 in rows])
    out: list[tuple[Cell | None, Cell | None]] = []
    for i, (l1, l2) in enumerate(rows):
        # continued: printed again when the row (or the merged block) goes on over a page break
        c1 = Cell(l1, rowspan=l1_runs[i], choices=choices1, continued=_cont(l1)) if l1_runs[i] else None
        # a 二级 run never crosses a 一级 boundary because the key includes the 一级
        c2 = Cell(l2, level2_span, l2_runs[i], choices=choices2, continued=_cont(l2)) if l2_runs[i] else None
        out.append((c1, c2))
    return out


def _cont(label: str) -> str:
    return f"{label.strip()}{CONTINUED}" if label.strip() else ""


def _cells(*cells: Cell | None) -> list[Cell]:
    return [c for c in cells if c is not None]


def table_number(doc: Document, number: int) -> str:
    """The number before a project table's title as the document numbers them (``1、``, ``1.``, none)."""
    style = doc.unit.printing.table_numbering
    if style is TableNumbering.NONE:
        return ""
    return f"{number}." if style is TableNumbering.DOT else f"{number}、"


def typed_amount(amount: Decimal | None, colspan: int = 1, suffix: str = "") -> Cell:
    """An amount printed with the decimals it was typed with (``69.2``), stored as a number."""
    if amount is None:
        return Cell("", colspan)
    places = max(0, -int(amount.as_tuple().exponent))
    fmt = "0" if places == 0 else "0." + "0" * places
    return Cell(
        f"{format_plain(amount)}{suffix}", colspan, number=amount, number_format=fmt + (f'"{suffix}"' if suffix else "")
    )


def typed_percent(amount: Decimal | None, colspan: int = 1, sign: bool = True) -> Cell:
    """A percentage with the decimals typed (``25.00``); ``sign`` False where the header says %."""
    if amount is None:
        return Cell("", colspan)
    fraction = amount / 100
    places = max(0, -int(amount.as_tuple().exponent))
    text = format_plain(amount) + ("%" if sign else "")
    fmt = ("0" if places == 0 else "0." + "0" * places) + ("%" if sign else "")
    number = fraction if sign else amount
    return Cell(text, colspan, number=number, number_format=fmt)


# ---------------------------------------------------------------- text around a table (brief 11c)


def note_lines(text: str) -> list[Block]:
    """A 表前说明 or 表注 as typed: one left-aligned line per typed line (blank lines dropped)."""
    return [Paragraph(line.rstrip(), "caption") for line in text.splitlines() if line.strip()]


def heading_lines(heading: str) -> list[Block]:
    """The line above a title (附件2-1), when there is one."""
    return [Paragraph(heading, "caption")] if heading.strip() else []


# ---------------------------------------------------------------- F2 项目绩效目标表


def project_blocks(doc: Document, project: Project, number: int) -> list[Block]:
    """F2 for one project: numbered title, optional caption line, the table."""
    blocks: list[Block] = [*note_lines(project.preface), *heading_lines(project.heading)]
    blocks.append(Paragraph(f"{table_number(doc, number)}{project_title(project)}", "title"))
    if project.caption:
        unit = doc.unit
        blocks.append(CaptionLine(f"{unit.code}{unit.name}", f"单位：{unit.money_unit}"))
    blocks.append(project_table(doc, project))
    return [*blocks, *note_lines(project.table_note)]


def project_table(doc: Document, project: Project) -> Table:
    """The grid of F2, in the header style the document uses (seeds 000/003 or 001)."""
    g = GridBuilder(F2_WIDTHS)
    g.row(label("项目编码"), value(project.code, 3), label("项目名称"), value(project.name, 4))
    department = doc.unit.project_table_style is ProjectTableStyle.DEPARTMENT
    typed = doc.unit.printing.figures_as_typed
    # a table without the 单位：万元 line names the unit on each amount (seed 000: 69.2万)
    suffix = "" if project.caption else doc.unit.money_unit.removesuffix("元") or ""

    def amount(a: Decimal | None, colspan: int = 1) -> Cell:
        return typed_amount(a, colspan, suffix) if typed else money(a, colspan)

    def share(p: Decimal | None) -> Cell:
        return typed_percent(p, 2, sign=not department) if typed else percent(p, 2)

    if department:
        owner = f"{project.department_name}{project.department_code}"
        g.row(label("主管部门及预算编码"), value(owner, 3), label("实施单位"), value(project.implementer, 4))
        g.row(label("资金用途"), long_text(project.purpose, 8))
    else:
        g.row(
            label("预算规模及资金用途", rowspan=2),
            label("预算数"),
            amount(_wan(project, project.budget_total), 2),
            label("其中：财政资金"),
            amount(_wan(project, project.budget_fiscal)),
            label("其他资金", 2),
            amount(_wan(project, project.budget_other)),
        )
        g.row(long_text(project.purpose, 8))
    plan = "资金支出计划（累计进度%）" if department else "资金支出计划（%）"
    g.row(label(plan, rowspan=2), *(label(m, 2) for m in ("3月底", "6月底", "10月底", "12月底")))
    g.row(*(share(v) for v in (project.plan_mar, project.plan_jun, project.plan_oct, project.plan_dec)))
    _goal_rows(g, project, numbered=department or project.caption)
    g.row(
        head("一级指标"),
        head("二级指标"),
        head("三级指标", 2),
        head("绩效指标描述", 2),
        head("指标值", 2),
        head("指标值确定依据"),
        header=True,
    )
    spec = FRAMEWORKS[doc.unit.framework]
    indicators = printed_rows(project.indicators or [], "level3", "description", "value", "basis")
    levels = level_cells([(i.level1, i.level2) for i in indicators], spec)
    for ind, (c1, c2) in zip(indicators, levels, strict=True):
        g.row(
            *_cells(c1, c2),
            value(ind.level3, 2),
            long_text(ind.description, 2),
            value(one_cell_value(ind), 2),
            value(ind.basis),
        )
    if not indicators:
        g.row(value(""), value(""), value("", 2), value("", 2), value("", 2), value(""))
    return g.table()


def _wan(project: Project, amount: Decimal | None) -> Decimal | None:
    """An amount of a project kept in 元 as the Hebei table prints it, in 万元 (exact)."""
    return amount if project.money_unit == "万元" else convert_money(amount, project.money_unit, "万元")


def _goal_rows(g: GridBuilder, project: Project, numbered: bool) -> None:
    """绩效目标: one numbered cell (seeds 001, 003) or a 目标n row per goal (seed 000)."""
    goals = [goal.strip() for goal in project.goals if goal.strip()]
    if numbered:
        text = "\n".join(f"{i}.{goal}" for i, goal in enumerate(goals, 1))
        g.row(label("绩效目标"), long_text(text, 8))
        return
    goals = goals or [""]
    first = True
    for i, goal in enumerate(goals, 1):
        cells = [label("绩效目标", rowspan=len(goals))] if first else []
        g.row(*cells, label(f"目标{i}"), long_text(goal, 7))
        first = False


# ---------------------------------------------------------------- F3 部门整体预算绩效目标表


def dept_blocks(doc: Document, dept: DeptTable) -> list[Block]:
    """F3 as seed 004: title, year, the table."""
    return [
        *note_lines(dept.preface),
        *heading_lines(dept.heading),
        Paragraph(dept.title or f"{dept.region}部门整体预算绩效目标表", "title"),
        Paragraph(f"（{doc.unit.fiscal_year}年）", "subtitle"),
        dept_table(doc, dept),
        *note_lines(dept.table_note),
    ]


def dept_table(doc: Document, dept: DeptTable) -> Table:
    """The grid of F3."""
    g = GridBuilder(F3_WIDTHS)
    g.row(label("部门名称"), value(dept.dept_name, 7))
    g.row(
        label("基本信息"),
        label("财政供养人员数", 3),
        count_cell(dept.staff_count),
        label("下属二级单位数", 2),
        count_cell(dept.sub_units),
    )
    amount = "预算金额(万元)"
    g.row(
        label("预算整体情况", rowspan=6), label("部门预算支出", 3), label(amount), label("收入来源", 2), label(amount)
    )
    for name1, value1, name2, value2 in (
        ("基本支出", _m(dept.basic_expense), "财政拨款", _m(dept.income_fiscal)),
        ("项目支出", _m(dept.project_expense), "其他资金", _m(dept.income_other)),
        ("事业发展性支出", label(amount), "按预算级次划分", label(amount)),
        ("财政专项资金", _m(dept.special_funds), "市本级使用资金", _m(dept.local_use)),
        ("其他事业发展性支出", _m(dept.other_development), "拟用于对下转移支付资金", _m(dept.transfer)),
    ):
        g.row(label(name1, 3), value1, label(name2, 2), value2)
    goals = "\n".join(f"目标{i}：{goal.strip()}" for i, goal in enumerate(dept.goals, 1) if goal.strip())
    g.row(label("总体绩效目标"), long_text(goals, 7))
    tasks = dept.key_tasks
    g.row(
        label("年度重点工作任务", rowspan=1 + len(tasks)),
        head("名称", 2),
        head("主要实施内容", 2),
        head("拟投入的资金(元)"),
        head("期望达到的目标(概述)", 2),
        header=True,
    )
    for task in tasks:
        g.row(value(task.name, 2), long_text(task.content, 2), _m(task.amount_yuan), long_text(task.expected, 2))
    others = dept.other_tasks
    g.row(
        label("其他需完成的任务(可选填)", rowspan=1 + len(others)),
        head("名称", 2),
        head("目标内容", 2),
        head("拟投入的资金(元)"),
        head("", 2),
        header=True,
    )
    for other in others:
        g.row(value(other.name, 2), long_text(other.content, 2), _m(other.amount_yuan), value("", 2))
    _dept_indicator_rows(g, doc, dept)
    if dept.filled_by.strip() or dept.filled_date.strip():
        g.row(label("填报人"), value(dept.filled_by, 3), label("填报日期"), value(dept.filled_date, 3))
    return g.table()


def _m(amount: Decimal | None) -> Cell:
    return money(amount, grouping=True)


def dept_indicator_rows(dept: DeptTable, spec: FrameworkSpec) -> list[DeptIndicator]:
    """Indicator rows in framework order with a blank row for every empty 二级 (seed 004).

    Rows whose names the framework does not know keep their place after the known ones.
    """
    known: dict[tuple[str, str], list[DeptIndicator]] = {}
    unknown: list[DeptIndicator] = []
    for ind in dept.indicators:
        l1, l2 = canonical_level1(ind.level1), canonical_level2(ind.level2)
        if l1 in spec.level1_names() and l2 in spec.level2_names(l1 or ""):
            known.setdefault((l1 or "", l2 or ""), []).append(ind)
        else:
            unknown.append(ind)
    rows: list[DeptIndicator] = []
    for l1, names in spec.levels:
        typed1 = next((r[0].level1 for (k1, _), r in known.items() if k1 == l1), l1)
        for l2 in names:
            group = known.get((l1, l2))
            rows += group if group else [DeptIndicator(level1=typed1, level2=l2)]
    return rows + unknown


def _dept_indicator_rows(g: GridBuilder, doc: Document, dept: DeptTable) -> None:
    spec = FRAMEWORKS[doc.unit.framework]
    rows = dept_indicator_rows(dept, spec)
    g.row(
        label("绩效指标", rowspan=1 + len(rows)),
        head("一级指标"),
        head("二级指标", 2),
        head("三级指标"),
        head("实施周期指标值", 2),
        head("年度指标值"),
        header=True,
    )
    levels = level_cells([(r.level1, r.level2) for r in rows], spec, level2_span=2)
    for ind, (c1, c2) in zip(rows, levels, strict=True):
        g.row(
            *_cells(c1, c2), value(ind.level3), value(ind.period_value, 2), value(one_cell_value(ind, "annual_value"))
        )


# ---------------------------------------------------------------- F5 项目支出绩效自评表


def year_line(doc: Document, title: str) -> list[Block]:
    """（〈年〉年度） under a title, unless the title already names the year."""
    year = doc.unit.fiscal_year
    return [] if f"{year}年" in title else [Paragraph(f"（{year}年度）", "subtitle")]


def eval_blocks(doc: Document, project: Project, number: int) -> list[Block]:
    """F5 for one project: title, year (unless the stated title already names it), the table."""
    title = eval_title(project)
    stated = project.evaluation is not None and project.evaluation.title.strip()
    year = year_line(doc, title) if stated else [Paragraph(f"（{doc.unit.fiscal_year}年度）", "subtitle")]
    note = project.evaluation.table_note if project.evaluation is not None else ""
    return [Paragraph(f"{number}、{title}", "title"), *year, eval_table(doc, project), *note_lines(note)]


def eval_title(project: Project) -> str:
    """The printed title of a 自评表: as the table printed it, else 〈项目名称〉项目支出绩效自评表."""
    ev = project.evaluation
    return (ev.title if ev is not None and ev.title.strip() else "") or f"{project.name}项目支出绩效自评表"


def is_stated_evaluation(ev: ProjectEval) -> bool:
    """True when the clerk entered the table's own scores (a printed 自评表 typed in): then the table prints
    those, and perfdesk's computed 执行率/分值/得分/总分 stay in the editor."""
    return (
        any(r.stated_score is not None for r in ev.rows)
        or any(
            v is not None
            for v in (
                ev.stated_execution_points,
                ev.stated_execution_rate,
                ev.stated_execution_score,
                ev.stated_total,
                ev.stated_points_total,
                ev.stated_indicator_points,
            )
        )
        or any(f.points is not None or f.stated_score is not None for f in ev.fund_lines)
    )


def _spread(n: int, slots: int = 6) -> list[int]:
    """Colspans of ``n`` cells over ``slots`` grid columns, the first ones wider."""
    base, extra = divmod(slots, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def _funds_rows(g: EvalGrid, ev: ProjectEval, score: EvalScore) -> None:
    """The 项目资金 block: computed 分值/执行率/得分 for a table made in perfdesk; for a typed-in table the
    columns it printed (年初预算数 only when entered) with the figures as printed."""
    stated = is_stated_evaluation(ev)
    lines = ev.fund_lines
    cols: list[tuple[str, Callable[[], Cell], Callable[[EvalFundLine], Cell]]] = []
    has_initial = ev.initial_budget is not None or any(f.initial is not None for f in lines)
    has_annual = ev.annual_budget is not None or any(f.annual is not None for f in lines)
    if not stated or has_initial:
        cols.append(("年初预算数", lambda: money(ev.initial_budget), lambda f: money(f.initial)))
    if not stated or has_annual or not has_initial:  # 25-like: 年初预算数(A) and no 全年预算数 column
        cols.append(("全年预算数（A）", lambda: money(ev.annual_budget), lambda f: money(f.annual)))
    cols.append(("全年执行数（B）", lambda: money(ev.executed), lambda f: money(f.executed)))
    ex = score.execution
    if not stated:
        rate = present(ex.rate * 100) if ex.rate is not None else None
        cols.append(("分值", lambda: _points(ex.points), lambda f: value("")))
        cols.append(("执行率（B/A）", lambda: percent(rate), lambda f: percent(f.stated_rate)))
        cols.append(("得分", lambda: _points(ex.score) if ex.rate is not None else value(""), lambda f: value("")))
    else:
        scored = ev.stated_execution_points is not None or ev.stated_execution_score is not None
        scored = scored or any(f.points is not None or f.stated_score is not None for f in lines)
        if scored:
            cols.append(("分值", lambda: _stated(ev.stated_execution_points), lambda f: _stated(f.points)))
        cols.append(("执行率（B/A）", lambda: percent(ev.stated_execution_rate), lambda f: percent(f.stated_rate)))
        if scored:
            cols.append(("得分", lambda: _stated(ev.stated_execution_score), lambda f: _stated(f.stated_score)))
    spans = _spread(len(cols), len(g.widths) - 2)  # over the grid's own columns: even where 年度指标值 is cut
    g.fine_row(
        label("项目资金（万元）", 2, rowspan=2), *(label(t, n) for (t, _, _), n in zip(cols, spans, strict=True))
    )
    g.fine_row(*(_span(total(), n) for (_, total, _), n in zip(cols, spans, strict=True)))
    for line in lines:  # 其中：本年财政拨款 / 上年结转资金 / 其他资金, as the table printed them
        g.fine_row(label(line.label, 2), *(_span(cell(line), n) for (_, _, cell), n in zip(cols, spans, strict=True)))


def _span(cell: Cell, colspan: int) -> Cell:
    cell.colspan = colspan
    return cell


def _stated(amount: Decimal | None) -> Cell:
    """A score or 分值 as the table printed it; blank when it printed none."""
    return value("") if amount is None else _points(amount)


def eval_split_columns(doc: Document) -> list[str]:
    """The columns a 自评表 of the split family prints its 年度指标值 in: the value's parts the document's project
    tables show (指标性质 | 指标值 | 度量单位, ``UnitInfo.indicator_columns``), then its 指标方向 when shown.

    Empty for the other families, and when 指标值 or all its parts are hidden: the one 年度指标值 column prints
    as before.  The project table's 权重 is the 自评表's own 分值 column.
    """
    if doc.unit.layout != Layout.SPLIT:
        return []
    shown = project_columns(doc.unit)
    parts = [c for c in shown if c in F5_SPLIT_PARTS]
    if "number" not in parts or len(parts) < 2:
        return []
    return parts + (["direction"] if "direction" in shown else [])


class EvalGrid(GridBuilder):
    """F5's grid, its fourth column (年度指标值) cut into the split sub-columns when there are any.

    :meth:`row` takes cells laid over F5's eight columns (a cell over the fourth spans all its sub-columns),
    :meth:`fine_row` cells over the sub-columns themselves (the indicator header and rows).
    """

    def __init__(self, split: Sequence[str]) -> None:
        if split:
            cut = [F5_SPLIT_WIDTHS[c] for c in split]
            widths = [*F5_SPLIT_BASE[:3], *cut, *F5_SPLIT_BASE[4:]]
            total = sum(widths)
            super().__init__(tuple(round(w * sum(F5_WIDTHS) / total, 2) for w in widths))
        else:
            super().__init__(F5_WIDTHS)
        counts = [1, 1, 1, max(1, len(split)), 1, 1, 1, 1]
        self._starts = list(accumulate(counts, initial=0))

    def row(self, *cells: Cell, header: bool = False) -> None:
        """A row over F5's eight columns."""
        r, c = len(self.rows), 0
        for cell in cells:
            while c < len(self.widths) and self._pending.get((r, c)):
                c += 1
            if c not in self._starts or self._starts.index(c) + cell.colspan >= len(self._starts):
                raise ValueError(f"row {r}: cells do not fit the grid")
            cell.colspan = self._starts[self._starts.index(c) + cell.colspan] - c
            c += cell.colspan
        super().row(*cells, header=header)

    def fine_row(self, *cells: Cell, header: bool = False) -> None:
        """A row over the grid's own columns."""
        super().row(*cells, header=header)


def _indicator_header(g: EvalGrid, doc: Document, split: Sequence[str], has_points: bool) -> None:
    """一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…; in the split family 年度指标值 heads
    its sub-columns on a second row, titled as the project table titles them (the document's own titles first)."""
    if not split:
        g.row(
            head("一级指标"),
            head("二级指标"),
            head("三级指标"),
            head("年度指标值"),
            *((head("实际完成值"), head("分值")) if has_points else (head("实际完成值", 2),)),
            head("得分"),
            head("偏差原因分析及改进措施"),
            header=True,
        )
        return
    parts = [c for c in split if c in F5_SPLIT_PARTS]
    own = doc.unit.column_titles

    def title(name: str) -> str:
        return column_title(doc.unit.layout, name, own)

    results = (head("实际完成值", rowspan=2), head("分值", rowspan=2)) if has_points else (head("实际完成值", 2, 2),)
    g.fine_row(
        *(head(t, rowspan=2) for t in ("一级指标", "二级指标", "三级指标")),
        head("年度指标值", len(parts)),
        *(head(title(c), rowspan=2) for c in split if c not in F5_SPLIT_PARTS),
        *results,
        head("得分", rowspan=2),
        head("偏差原因分析及改进措施", rowspan=2),
        header=True,
    )
    g.fine_row(*(head(title(c)) for c in parts), header=True)


def _target_cells(row: EvalRow, split: Sequence[str]) -> list[Cell]:
    """The 年度指标值 of a row: one cell as typed, or one cell per split column."""
    if not split:
        return [value(one_cell_value(row, "target"))]
    return [value(column_text(row, c, list(split), "target")) for c in split]


def eval_table(doc: Document, project: Project) -> Table:
    """The grid of F5 (domain.md §2) with 分值/得分 from :mod:`perfdesk.models.scoring`, or, for a typed-in
    table (:func:`is_stated_evaluation`), with the scores as it printed them."""
    ev = project.evaluation or ProjectEval()
    stated = is_stated_evaluation(ev)
    score = score_evaluation(project, doc.unit)
    split = eval_split_columns(doc)
    g = EvalGrid(split)
    g.row(label("项目名称", 2), value(project.name, 6))
    owner = project.department_name or doc.unit.department
    g.row(label("主管部门", 2), value(owner, 2), label("实施单位", 2), value(project.implementer, 2))
    if ev.review_box or ev.review_score is not None:  # 29: 自评得分 | … | 财政审核评分 | (empty, for the bureau)
        own = _stated(ev.stated_total) if stated else (_points(score.total) if score.complete else value(""))
        g.row(label("自评得分", 2), _span(own, 2), label("财政审核评分", 2), _span(_stated(ev.review_score), 2))
    _funds_rows(g, ev, score)
    if ev.execution_reason.strip():
        g.row(label("执行率偏差原因", 2), long_text(ev.execution_reason, 6))
    g.row(label("年度总体目标", 2, rowspan=2), head("预期目标", 3), head("实际完成情况", 3))
    g.row(long_text(ev.annual_goal, 3), long_text(ev.actual_summary, 3))
    if ev.process.strip():
        g.row(label("项目实施内容及过程概述", 2), long_text(ev.process, 6))
    if ev.stated_indicator_points is not None:  # the block's points budget: 绩效指标（90分）
        g.row(head(f"绩效指标（{_points(ev.stated_indicator_points).text}分）", 8), header=True)
    # A typed-in table without a 分值 column (points only in its block labels) prints none.
    has_points = not stated or any(r.points is not None or r.weight is not None for r in ev.rows)
    _indicator_header(g, doc, split, has_points)
    spec = FRAMEWORKS[doc.unit.framework]
    levels = level_cells([(r.level1, r.level2) for r in ev.rows], spec)
    for row, result, (c1, c2) in zip(ev.rows, score.rows, levels, strict=True):
        na = result.status is RowStatus.NOT_APPLICABLE
        if stated:
            points = _stated(row.points if row.points is not None else row.weight)
            earned = _stated(row.stated_score)
        else:
            points = _points(result.points)
            earned = _points(result.score) if result.status is RowStatus.SCORED else value("")
        g.fine_row(
            *_cells(c1, c2),
            value(row.level3),
            *_target_cells(row, split),
            *((value(row.actual), value("不适用") if na else points) if has_points else (value(row.actual, 2),)),
            earned,
            long_text(row.reason),
        )
    if not ev.rows:
        g.row(*(value("") for _ in F5_WIDTHS))
    if stated:
        grade = f"评价等级：{ev.stated_grade}" if ev.stated_grade.strip() else ""
        if has_points:
            g.row(label("总分", 5), _stated(ev.stated_points_total), _stated(ev.stated_total), label(grade))
        else:
            g.row(label("总分", 6), _stated(ev.stated_total), label(grade))
    else:
        total = _points(score.total) if score.complete else value("")
        grade = f"评价等级：{score.grade}" if score.complete else "评价等级："
        g.row(label("总分", 5), _points(Decimal(100)), total, label(grade))
    for name, text in (("评价结论", ev.conclusion), ("存在问题", ev.problems), ("改进措施", ev.improvements)):
        if text.strip():
            g.row(label(name, 2), long_text(text, 6))
    if ev.remark.strip():
        g.row(label("说明", 2), long_text(ev.remark, 6))
    if ev.finance_officer.strip():
        g.row(
            label("负责人"), value(ev.contact, 2), label("财务负责人"), value(ev.finance_officer, 2),
            label("联系电话"), value(ev.phone),
        )  # fmt: skip
    elif ev.contact.strip() or ev.phone.strip():
        g.row(label("负责人", 2), value(ev.contact, 2), label("联系电话", 2), value(ev.phone, 2))
    if ev.filled_date.strip():
        g.row(label("填报日期", 2), value(ev.filled_date, 6, Align.LEFT))
    return g.table()


def _points(amount: Decimal) -> Cell:
    """A score or 分值 as printed: two decimals, dropped when whole (10, 8.57)."""
    shown = present(amount)
    text = format_plain(shown.normalize()) if shown == shown.to_integral_value() else format_plain(shown)
    return Cell(text, number=shown, number_format="0.00" if "." in text else "0")
