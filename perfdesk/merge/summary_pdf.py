"""The merge summary as a PDF, drawn by the export's PDF machinery (embedded fonts, split tables).

The summary is described as an export :class:`~perfdesk.export.layout.Layout` — a part per
table, header rows repeated on every page — and written by :func:`perfdesk.export.pdf.write_pdf`,
so fonts, page breaks and continued merged cells behave exactly as in the official tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from perfdesk.atomic import write_atomic
from perfdesk.export.layout import Align, Block, Cell, GridBuilder, Layout, Paragraph, Part, sanitize
from perfdesk.export.pdf import write_pdf
from perfdesk.merge.core import LoadFailure, Merge
from perfdesk.models.checks import describe
from perfdesk.models.money import format_money

FONT_SIZE = 9.0
Column = tuple[str, float, Align]  # header, width (mm of 170), alignment


def _cell(value: object, align: Align) -> Cell:
    if isinstance(value, Decimal):
        return Cell(format_money(value, grouping=True), align=Align.RIGHT)
    if value is None:
        return Cell("", align=align)
    return Cell(str(value), align=align)


def _table(columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> Block:
    g = GridBuilder([w for _, w, _ in columns], FONT_SIZE)
    g.row(*(Cell(h, bold=True) for h, _, _ in columns), header=True)
    for row in rows:
        g.row(*(_cell(v, a) for v, (_, _, a) in zip(row, columns, strict=True)))
    return g.table()


def _part(key: str, title: str, note: str, table: Block) -> Part:
    return Part(key, title, [Paragraph(title, "title"), Paragraph(note, "caption"), table], None)


L, C, R = Align.LEFT, Align.CENTER, Align.RIGHT
UNIT_COLUMNS: list[Column] = [("单位名称", 30, L), ("单位编码", 14, C), ("年度", 10, C), ("项目数", 10, R),
                              ("指标数", 10, R), ("预算数", 18, R), ("财政资金", 18, R), ("其他资金", 16, R),
                              ("错误", 10, R), ("警告", 10, R), ("导入问题", 12, R)]  # fmt: skip
PROJECT_COLUMNS: list[Column] = [("单位名称", 28, L), ("项目编码", 24, L), ("项目名称", 40, L), ("预算数", 16, R),
                                 ("财政资金", 16, R), ("其他资金", 14, R), ("指标数", 10, R), ("错误", 10, R),
                                 ("警告", 10, R)]  # fmt: skip


def summary_layout(merge: Merge, failures: Sequence[LoadFailure]) -> Layout:
    """The summary as a layout: units with totals, projects, findings, import problems, failures."""
    rows = merge.unit_rows()
    t = merge.totals()
    units = [[r.name, r.code, r.year, r.projects, r.indicators, r.total, r.fiscal, r.other, r.errors, r.warnings,
              r.unread] for r in rows]  # fmt: skip
    units.append(["合计", "", "", t.projects, t.indicators, t.total, t.fiscal, t.other, t.errors, t.warnings, t.unread])
    parts = [
        _part("units", "预算绩效目标汇总表", f"共 {len(rows)} 个单位；金额单位：万元", _table(UNIT_COLUMNS, units))
    ]
    projects = [[p.unit, p.code, p.name, p.total, p.fiscal, p.other, p.indicators, p.errors, p.warnings]
                for p in merge.project_rows()]  # fmt: skip
    parts.append(
        _part("projects", "项目明细", f"共 {len(projects)} 个项目；金额单位：万元", _table(PROJECT_COLUMNS, projects))
    )
    findings = [[e.document.unit.name, f.severity.value, describe(f.place, e.document), f.message]
                for _, e in merge.sorted_entries() for f in e.findings]  # fmt: skip
    if findings:
        columns: list[Column] = [("单位名称", 30, L), ("类别", 12, C), ("位置", 48, L), ("说明", 80, L)]
        parts.append(_part("findings", "审核问题", f"共 {len(findings)} 条", _table(columns, findings)))
    problems = [[e.document.unit.name, source.name, p.sheet, p.cell, f"{p.level.value}：{p.message}"]
                for _, e in merge.sorted_entries() for source, items in e.import_problems.items() for p in items]  # fmt: skip
    if problems:
        columns = [("单位名称", 28, L), ("来源文件", 30, L), ("工作表", 22, L), ("单元格", 12, C), ("说明", 78, L)]
        parts.append(_part("import", "工作簿导入的问题与说明", f"共 {len(problems)} 条", _table(columns, problems)))
    if failures:
        columns = [("文件", 70, L), ("原因", 100, L)]
        rows_failed = [[str(f.path), f.reason] for f in failures]
        parts.append(_part("failures", "未能读取的文件", f"共 {len(failures)} 个", _table(columns, rows_failed)))
    return sanitize(Layout("预算绩效目标汇总", parts))


def write_summary_pdf(merge: Merge, failures: Sequence[LoadFailure], path: Path) -> int:
    """Write the summary PDF atomically; returns the number of pages (FontError without a Chinese font)."""
    layout = summary_layout(merge, failures)
    pages: list[int] = []
    write_atomic(Path(path), lambda tmp: pages.append(len(write_pdf(layout, tmp).pages)))
    return pages[0]
