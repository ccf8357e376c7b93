"""The merge summary as a workbook: units, projects, findings, and files that failed."""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.atomic import write_atomic
from perfdesk.export.cells import set_cell
from perfdesk.merge.core import LoadFailure, Merge
from perfdesk.models.checks import describe

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")
_MONEY = "#,##0.00"


def write_summary_xlsx(merge: Merge, failures: Sequence[LoadFailure], path: Path) -> None:
    """Write the summary workbook atomically."""
    book = Workbook()
    units = book.active
    units.title = "汇总"
    rows = merge.unit_rows()
    total = merge.totals()
    _table(
        units,
        "预算绩效目标汇总表（金额单位：万元）",
        ["单位名称", "单位编码", "年度", "项目数", "指标数", "预算数", "财政资金", "其他资金", "错误", "警告", "导入问题",
         "来源文件"],
        [[r.name, r.code, r.year, r.projects, r.indicators, r.total, r.fiscal, r.other, r.errors, r.warnings, r.unread,
          r.source] for r in rows]
        + [["合计", "", "", total.projects, total.indicators, total.total, total.fiscal, total.other, total.errors,
            total.warnings, total.unread, ""]],
        widths=[28, 12, 8, 8, 8, 14, 14, 14, 8, 8, 10, 30],
        money_columns={6, 7, 8},
    )  # fmt: skip
    projects = book.create_sheet("项目明细")
    _table(
        projects,
        "项目明细（金额单位：万元）",
        ["单位名称", "单位编码", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "指标数", "错误", "警告"],
        [[p.unit, p.unit_code, p.code, p.name, p.total, p.fiscal, p.other, p.indicators, p.errors, p.warnings]
         for p in merge.project_rows()],
        widths=[28, 12, 24, 36, 14, 14, 14, 8, 8, 8],
        money_columns={5, 6, 7},
    )  # fmt: skip
    findings = book.create_sheet("审核问题")
    _table(
        findings,
        "审核问题",
        ["单位名称", "类别", "位置", "说明"],
        [[e.document.unit.name, f.severity.value, describe(f.place, e.document), f.message]
         for _, e in merge.sorted_entries() for f in e.findings],
        widths=[28, 8, 40, 80],
    )  # fmt: skip
    problems = [[e.document.unit.name, source.name, p.sheet, p.cell, p.level.value, p.message]
                for _, e in merge.sorted_entries() for source, items in e.import_problems.items() for p in items]  # fmt: skip
    if problems:
        _table(
            book.create_sheet("导入问题"), "工作簿导入的问题与说明", ["单位名称", "来源文件", "工作表", "单元格", "类别", "说明"],
            problems, widths=[28, 30, 20, 8, 8, 80],
        )  # fmt: skip
    if failures:
        failed = book.create_sheet("未能读取")
        _table(failed, "未能读取的文件", ["文件", "原因"], [[str(f.path), f.reason] for f in failures], widths=[60, 80])
    write_atomic(Path(path), lambda tmp: book.save(tmp))


def _table(
    sheet: Worksheet,
    title: str,
    header: list[str],
    rows: list[list[Any]],
    *,
    widths: list[int],
    money_columns: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:
    set_cell(sheet.cell(row=1, column=1), title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for col, text in enumerate(header, start=1):
        set_cell(sheet.cell(row=2, column=col), text)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    # one style array per kind of cell, copied: assigning style objects hashes them for every cell
    styles: dict[bool, StyleArray] = {}
    for r, values in enumerate(rows, start=3):
        for col, value in enumerate(values, start=1):
            cell = set_cell(sheet.cell(row=r, column=col), value)
            money = col in money_columns
            if money in styles:
                cell._style = copy(styles[money])
                continue
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if money:
                cell.number_format = _MONEY
            styles[money] = copy(cell._style)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
