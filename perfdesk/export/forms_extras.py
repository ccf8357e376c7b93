"""Printed parts of a project table beyond its family's header (issue 11, brief 11a).

The covering 下达 notice printed before a transfer-payment table, the 资金安排表 of a project
distributed to recipients, the 项目预算成本构成 block with two prior years' actual spending, and
the 总分 row under a 分值 column.  Each prints only when the document holds it, so a document
without these fields prints exactly as before.  Amounts print in the family's unit, converted
exactly (:func:`perfdesk.export.families.print_amount`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from perfdesk.export.families import print_amount
from perfdesk.export.forms_tables import head, label, long_text, value
from perfdesk.export.layout import Align, Block, Cell, GridBuilder, Paragraph
from perfdesk.models.document import CostLine, Document, Project

if TYPE_CHECKING:
    from perfdesk.export.forms_families import Column, FlexGrid

LABEL = -1.0  # the relative width of a row's first label: exactly the first column
NOTICE_LINES = ("文号", "功能分类科目", "项目编码")  # the notice's fields printed when its text does not hold them
COST_LABEL = "项目预算成本构成"
COST_HEADS = ("成本构成", "金额", "测算(公式)依据")


def money_cell(amount: Decimal | None, from_unit: str, to_unit: str) -> Cell:
    """An amount converted to the printed unit; two decimals unless exactness needs more."""
    shown = print_amount(amount, from_unit, to_unit)
    if shown is None:
        return Cell("")
    places = max(2, -int(shown.as_tuple().exponent)) if isinstance(shown.as_tuple().exponent, int) else 2
    text = f"{shown:,.{places}f}"
    return Cell(text, number=shown, number_format="#,##0." + "0" * places)


# ---------------------------------------------------------------- the covering notice


def has_notice(project: Project) -> bool:
    """True when any field of the covering 下达 notice is filled."""
    return any(str(getattr(project, f)).strip() for f in NOTICE_FIELDS)


NOTICE_FIELDS = ("notice_title", "notice_number", "notice_subject", "notice_code", "notice_date", "notice_text")


def notice_blocks(project: Project) -> list[Block]:
    """The notice as the source printed it: title, 文号, the text's paragraphs, the date at the right.

    功能分类科目 and the project code are printed on a line of their own only when the text does
    not already say them, so nothing typed is left out and nothing is printed twice.
    """
    if not has_notice(project):
        return []
    blocks: list[Block] = []
    if project.notice_title.strip():
        blocks.append(Paragraph(project.notice_title.strip(), "subtitle"))
    if project.notice_number.strip():
        blocks.append(Paragraph(project.notice_number.strip(), "subtitle"))
    text = project.notice_text
    blocks += [Paragraph(line.strip(), "body") for line in text.splitlines() if line.strip()]
    extra = [
        f"{name}：{v.strip()}"
        for name, v in (("功能分类科目", project.notice_subject), ("项目编码", project.notice_code))
        if v.strip() and v.strip() not in text
    ]
    if extra:
        blocks.append(Paragraph("　".join(extra), "body"))
    if project.notice_date.strip():
        blocks.append(Paragraph(project.notice_date.strip(), "signature"))
    return blocks


# ---------------------------------------------------------------- 资金安排表


def recipients_title(project: Project) -> str:
    """The printed title of the 资金安排表."""
    return project.recipients_title.strip() or f"{project.name}资金安排表"


def group_spans(widths: Sequence[float], wanted: Sequence[float]) -> list[int]:
    """How many columns each of ``len(wanted)`` groups spans, edges nearest the wanted proportions.

    Every group gets at least one column; raises ValueError if there are more groups than columns.
    """
    n, k = len(widths), len(wanted)
    if k > n:
        raise ValueError(f"{k} cells do not fit {n} columns")
    total, want_total = sum(widths), sum(wanted)
    edges = [sum(widths[: i + 1]) for i in range(n)]
    spans: list[int] = []
    used = 0
    for j in range(k - 1):
        target = sum(wanted[: j + 1]) / want_total * total
        lo, hi = used + 1, n - (k - 1 - j)
        best = min(range(lo, hi + 1), key=lambda b: abs(edges[b - 1] - target))
        spans.append(best - used)
        used = best
    spans.append(n - used)
    return spans


def allocation_blocks(project: Project, unit: str, widths: Sequence[float]) -> list[Block]:
    """The 资金安排表 (属地 | 金额 | 项目) before the target table, when the project has recipients.

    It is drawn on the columns of the table that follows (``widths``): a worksheet has one set of
    column widths, so every table on a sheet shares them.
    """
    if not project.recipients:
        return []
    g = GridBuilder(widths)
    spans = group_spans(widths, (40.0, 34.0, 96.0))

    def row(*cells: Cell, header: bool = False) -> None:
        for cell, span in zip(cells, spans, strict=True):
            cell.colspan = span
        g.row(*cells, header=header)

    row(
        head("属地"), head(f"金额（{unit}）"), head("项目")
    )  # not a header run: the sheet's print titles stay the grid's
    for r in project.recipients:
        row(value(r.name), money_cell(r.amount, project.money_unit, unit), long_text(r.project_name))
    return [Paragraph(recipients_title(project), "title"), g.table()]


def recipient_columns(cols: list[Column], project: Project, make: type[Column]) -> list[Column]:
    """The indicator columns with one target-value column per recipient after the 指标值 column.

    A table whose rows hold their values only per recipient (the 福建 专项 table) prints no
    指标值 column of its own.
    """
    if not project.recipients:
        return cols
    at = max((i for i, c in enumerate(cols) if c.key in ("value", "number")), default=len(cols) - 1) + 1
    extra = [make(f"recipient:{i}", r.name or f"地区{i + 1}", 20) for i, r in enumerate(project.recipients)]
    cols = [*cols[:at], *extra, *cols[at:]]
    rows = project.indicators + project.long_term_indicators
    if not any(r.value.strip() or r.number.strip() for r in rows):
        cols = [c for c in cols if c.key not in ("value", "number")]
    return cols


def recipient_cell(row: object, col: Column) -> Cell | None:
    """The cell of a per-recipient column (None for any other column)."""
    if not col.key.startswith("recipient:"):
        return None
    i = int(col.key.split(":")[1])
    values: Sequence[str] = getattr(row, "recipient_values", [])
    return value(values[i] if i < len(values) else "")


# ---------------------------------------------------------------- 项目预算成本构成


def prior_years(doc: Document) -> tuple[int, int]:
    """The two years whose actual spending the 成本构成 block prints: the two before the budget year."""
    year = doc.unit.fiscal_year
    return year - 2, year - 1


def _has_priors(project: Project) -> bool:
    lines = project.cost_lines
    return any(c.prior1 is not None or c.prior2 is not None for c in lines) or any(
        t is not None for t in (project.cost_prior1_total, project.cost_prior2_total)
    )


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    filled = [v for v in values if v is not None]
    return sum(filled, Decimal(0)) if filled else None


def cost_rows(doc: Document, project: Project, unit: str) -> list[list[tuple[Cell, float]]]:
    """The 成本构成 block's rows after its label: headings, one row per line, 合计 (as printed, else the sum)."""
    priors = _has_priors(project)
    first, second = prior_years(doc)
    widths = (30.0, 20.0, 46.0, 26.0, 26.0) if priors else (44.0, 30.0, 74.0)
    heads = [*COST_HEADS, f"{first}年实际执行数", f"{second}年实际执行数"][: len(widths)]
    rows = [[(head(h), w) for h, w in zip(heads, widths, strict=True)]]
    src = project.money_unit

    def amounts(line: CostLine | None, totals: Sequence[Decimal | None]) -> list[Cell]:
        got = [line.amount, line.prior1, line.prior2] if line else list(totals)
        return [money_cell(a, src, unit) for a in got]

    for line in project.cost_lines:
        a, p1, p2 = amounts(line, ())
        cells = [value(line.item, align=Align.LEFT), a, long_text(line.basis), p1, p2]
        rows.append(list(zip(cells, widths, strict=False)))
    lines = project.cost_lines
    totals = [
        project.cost_total if project.cost_total is not None else _sum([c.amount for c in lines]),
        project.cost_prior1_total if project.cost_prior1_total is not None else _sum([c.prior1 for c in lines]),
        project.cost_prior2_total if project.cost_prior2_total is not None else _sum([c.prior2 for c in lines]),
    ]
    a, p1, p2 = amounts(None, totals)
    rows.append(list(zip([label("合计"), a, value(""), p1, p2], widths, strict=False)))
    return rows


def cost_block(fg: FlexGrid, doc: Document, project: Project, unit: str) -> None:
    """The 项目预算成本构成 block inside the table: its label left of the lines, or above them in a
    grid too narrow for that (a 申报表 with the prior years' columns).  Every row of the block
    shares one set of column spans, so a value sits under its heading."""
    if not project.cost_lines and project.cost_total is None:
        return
    rows = cost_rows(doc, project, unit)
    name = f"{COST_LABEL}（{unit}）"
    beside = len(rows[0]) < len(fg.widths)
    free = fg.widths[1:] if beside else fg.widths
    spans = group_spans(free, [w for _, w in rows[0]])
    if not beside:
        fg.full(label(name))
    for i, row in enumerate(rows):
        cells = [cell for cell, _ in row]
        for cell, span in zip(cells, spans, strict=True):
            cell.colspan = span
        if beside and i == 0:
            cells.insert(0, label(name, rowspan=len(rows)))
        fg.g.row(*cells)


# ---------------------------------------------------------------- 总分


def points_total_row(fg: FlexGrid, cols: list[Column], project: Project) -> None:
    """The 总分 row under the grid, the printed total in the 权重/分值 column (or the last one)."""
    total = project.stated_points_total
    if total is None:
        return
    at = next((i for i, c in enumerate(cols) if c.key == "weight"), len(cols) - 1)
    number = Cell(format(total, "f"), number=total, number_format="0.##")
    cells = [label("总分", colspan=at), number] if at else [number]
    if at + 1 < len(cols):
        cells.append(value("", colspan=len(cols) - at - 1))
    fg.columns_row(*cells)
