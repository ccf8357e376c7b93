"""Workbooks typed the way a clerk types each corpus table, and what an import makes of them.

For every fixture of ``tests/data/realtables`` (a real table entered as a perfdesk document) a
builder per kind of table — project target table (families A–E, I), 自评表 (F, G, J), 部门整体 table
(H) — writes the fixture's content into a workbook in the table's shape: title and year line,
``填报单位：`` and ``单位：万元`` captions, label | value header rows, a 项目资金 block merged down its
lines, goals, a grid whose columns are the ones the table prints (split or one-cell 指标值,
weights, explanations …) with 一级/二级 merged over their rows, two blocks where the table has
them, a 自评表's funds block, goal, scored grid and tail.  Labels are the table's own where its
transcription uses one of the known wordings (``labels.json``, made by ``python -m tests.corpus_build``
from ``../shared/realtables``).  Every written leaf of the document remembers its cell.

:func:`measure` imports the workbook and sorts every written leaf into *arrived* (the imported
document holds it), *reported* (its cell is in the import's problems or 未导入 list) or *lost*.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.importer.labels import split_points
from perfdesk.importer.preflight import WorkbookRefused
from perfdesk.importer.reader import import_workbook
from perfdesk.importer.result import ImportProblem, ImportResult
from perfdesk.models.document import DeptTable, Document, Project, ProjectEval
from perfdesk.models.jsonio import document_from_json

FIXTURES = Path(__file__).parent / "data" / "realtables"
LABELS = FIXTURES.parent / "realtables_labels.json"
SOURCES = Path(__file__).resolve().parents[2] / "shared" / "realtables"

# Candidate wordings per field, most common first; a table's own wording wins when its transcription has it.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "专项名称", "专项资金名称"),
    "code": ("项目编码", "项目代码"),
    "department_name": ("主管部门", "业务主管部门", "主管部门及代码"),
    "implementer": ("实施单位", "项目实施单位", "预算单位", "项目单位", "申报单位", "下达地方或单位"),
    "attribute": ("项目属性",),
    "nature": ("项目性质",),
    "category": ("项目类别", "项目类型"),
    "start_date": ("计划开始日期", "开始日期", "计划开始时间"),
    "end_date": ("计划完成日期", "完成日期", "计划完成时间"),
    "period": ("实施周期", "项目期", "项目周期"),
    "manager": ("项目负责人", "负责人"),
    "phone": ("联系电话",),
    "overview": ("项目概况", "项目基本情况"),
    "legal_basis": ("立项依据", "项目立项依据", "项目立项的依据"),
    "feasibility": ("项目申报的可行性", "可行性", "项目可行性"),
    "necessity": ("项目申报的必要性", "必要性", "项目必要性"),
    "long_term_goal": ("总体目标", "长期目标", "实施周期目标", "中期目标"),
    "goals": ("年度目标", "年度绩效目标", "当年绩效目标", "绩效目标"),
    "budget_total": ("年度资金总额", "预算数", "当年预算", "年度预算数"),
    "budget_fiscal": ("财政拨款", "其中：财政拨款", "财政资金", "其中：财政资金"),
    "budget_other": ("其他资金",),
    "budget_carryover": ("上年结转资金", "上年结转"),
    "period_total": ("项目资金总额", "项目总预算", "中期资金总额"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标内容", "指标名称"),
    "explanation": ("指标解释", "指标说明", "绩效标准", "指标值说明"),
    "kind": ("指标性质",),
    "operator": ("计算符号", "指标性质", "指标方向"),
    "value": ("指标值", "年度指标值", "目标值"),
    "number": ("指标值", "目标值"),
    "unit": ("度量单位", "计量单位"),
    "weight": ("权重", "分值", "指标权重", "指标分值"),
    "direction": ("指标方向", "方向"),
    "scoring": ("评分标准", "评(扣)分标准", "指标说明及评分标准"),
    "note": ("备注",),
    "target": ("年度指标值", "年初目标值(A)", "指标值"),
    "actual": ("实际完成值", "全年实际值", "全年完成值"),
    "points": ("分值", "权重"),
    "stated_score": ("得分",),
    "reason": ("偏差原因分析及改进措施", "未完成原因分析", "未完成原因和改进措施"),
    "dept_name": ("部门名称", "单位名称"),
    "dept_code": ("部门编码", "单位编码"),
    "contact": ("联系人",),
    "duties": ("部门职责", "部门职能", "主要职能"),
    "annual_goal": ("年度总体目标", "年度目标", "整体绩效目标"),
    "dept_budget_total": ("年度预算总额", "年度资金总额", "预算总额"),
    "basic_expense": ("基本支出",),
    "project_expense": ("项目支出",),
    "income_fiscal": ("财政拨款",),
    "annual_value": ("指标值", "年度指标值", "目标值"),
}
_HEADER_FIELDS = ("name", "code", "department_name", "implementer", "attribute", "nature", "category", "start_date",
                  "end_date", "period", "manager", "phone", "overview", "legal_basis", "feasibility", "necessity")  # fmt: skip
_GRID_ORDER = ("level1", "level2", "level3", "explanation", "kind", "operator", "value", "number", "unit", "weight",
               "direction", "scoring", "note")  # fmt: skip
_EVAL_ORDER = ("level1", "level2", "level3", "kind", "operator", "target", "number", "unit", "direction", "actual",
               "points", "stated_score", "reason")  # fmt: skip
_DEPT_ORDER = ("level1", "level2", "level3", "explanation", "operator", "annual_value", "number", "unit", "weight",
               "scoring")  # fmt: skip


def choose_labels(source_text: str) -> dict[str, str]:
    """The table's own wording for each field, where its transcription uses a known one."""
    chosen = {}
    for name, options in CANDIDATES.items():
        for option in options:
            if option in source_text:
                chosen[name] = option
                break
    return chosen


def make_labels() -> None:
    """Write labels.json from the transcriptions (run once when fixtures are added)."""
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    out = {}
    for entry in manifest["fixtures"]:
        text = (SOURCES / entry["source"]).read_text(encoding="utf-8")
        out[entry["fixture"]] = choose_labels(text)
    LABELS.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@dataclass
class Written:
    """Which document leaf went to which cell."""

    leaves: list[tuple[str, str, str, Any]] = field(default_factory=list)  # (path, sheet, cell, value)


class Sheet:
    """A worksheet written row by row, recording where each leaf went."""

    def __init__(self, ws: Worksheet, written: Written, labels: dict[str, str], printed: list[str]) -> None:
        self.ws, self.written, self.labels, self.row = ws, written, labels, 1
        self.printed = printed  # UnitInfo.indicator_columns: the optional columns in printed order

    def label(self, name: str) -> str:
        return self.labels.get(name) or CANDIDATES[name][0]

    def put(self, col: int, value: Any, path: str | None = None) -> None:
        if value in (None, ""):
            return
        cell = self.ws.cell(row=self.row, column=col, value=_cell_value(value))
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
        if path is not None:
            self.written.leaves.append((path, self.ws.title, f"{get_column_letter(col)}{self.row}", value))

    def line(self, *cells: tuple[int, Any, str | None]) -> None:
        for col, value, path in cells:
            self.put(col, value, path)
        self.row += 1


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value == value.normalize() and len(format(value, "f")) < 15 else format(value, "f")
    return value


# ------------------------------------------------------------------------------------------ builders


def _header(sh: Sheet, project: Project, path: str) -> None:
    for name in _HEADER_FIELDS:
        value = getattr(project, name)
        if value:
            sh.line((1, sh.label(name), None), (2, value, f"{path}.{name}"))


def _money(sh: Sheet, project: Project, path: str, unit: str) -> None:
    lines = [(n, getattr(project, n)) for n in ("budget_total", "budget_fiscal", "budget_other", "budget_carryover")]
    period = [(n, getattr(project, n)) for n in ("period_total", "period_fiscal", "period_other")]
    lines = [(n, v) for n, v in lines if v is not None]
    funds = [(i, f) for i, f in enumerate(project.fund_lines)]
    if not lines and not funds and not any(v is not None for _, v in period):
        return
    first = sh.row
    block = f"项目资金（{unit}）" if unit else "项目资金"
    sh.put(1, block)
    two = any(v is not None for _, v in period)
    if two:
        sh.line((3, "项目期", None), (4, "年度", None))
    if two and project.period_total is not None:
        sh.line((2, sh.label("period_total"), None), (3, project.period_total, f"{path}.period_total"))
    for name, value in lines:
        pname = {"budget_fiscal": "period_fiscal", "budget_other": "period_other"}.get(name)
        pvalue = getattr(project, pname) if pname else None
        if two and pname:
            sh.line((2, sh.label(name), None), (3, pvalue, f"{path}.{pname}"), (4, value, f"{path}.{name}"))
        else:
            sh.line((2, sh.label(name), None), (3, value, f"{path}.{name}"))
    for i, line in funds:
        sh.line(
            (2, line.label, f"{path}.fund_lines[{i}].label"),
            (3, line.annual_amount, f"{path}.fund_lines[{i}].annual_amount"),
        )
    if sh.row - 1 > first:
        sh.ws.merge_cells(start_row=first, start_column=1, end_row=sh.row - 1, end_column=1)


def _goals(sh: Sheet, project: Project, path: str) -> None:
    if project.long_term_goal:
        sh.line((1, sh.label("long_term_goal"), None), (2, project.long_term_goal, f"{path}.long_term_goal"))
    for i, goal in enumerate(project.goals):
        label = sh.label("goals") if i == 0 else None
        sh.line((1, label, None), (2, f"目标{i + 1}：" if len(project.goals) > 1 else None, None),
                (3 if len(project.goals) > 1 else 2, goal, f"{path}.goals[{i}]"))  # fmt: skip


def _schedule(sh: Sheet, project: Project, path: str) -> None:
    if not project.schedule:
        return
    sh.line((1, "实施进度计划", None), (2, "实施内容", None), (3, "开始时间", None), (4, "完成时间", None))
    for i, item in enumerate(project.schedule):
        p = f"{path}.schedule[{i}]"
        sh.line((2, item.content, f"{p}.content"), (3, item.start, f"{p}.start"), (4, item.end, f"{p}.end"))


def _columns(rows: list[Any], order: tuple[str, ...], printed: list[str]) -> list[str]:
    """The columns to type: 一级/二级/三级 first, the others in the order the table prints them."""
    used = [n for n in order if any(getattr(r, n, None) not in ("", None) for r in rows)]
    for must in order[:3]:
        if must not in used:
            used.insert(order.index(must), must)
    used = sorted(used, key=order.index)
    levels = [n for n in used if n in order[:3]]
    known = [n for n in printed if n in used and n not in levels]
    rest = [n for n in used if n not in levels and n not in known]
    if known:  # the printed detail columns in their order; the one-cell value and the rest after them
        return [*levels, *known, *rest]
    return used


def _grid(sh: Sheet, rows: list[Any], order: tuple[str, ...], path: str, caption: str = "") -> list[str]:
    """The grid, its columns returned (the first at column 2 under a caption, else at 1)."""
    columns = _shared(sh, rows, _columns(rows, order, sh.printed))
    first_col = 2 if caption else 1
    if caption:
        sh.put(1, caption)
    sh.line(*((first_col + i, sh.label(n.split("|")[0]), None) for i, n in enumerate(columns)))
    top = sh.row
    starts: dict[str, tuple[int, str]] = {}
    for i, row in enumerate(rows):
        for j, names in enumerate(columns):
            name = next((n for n in names.split("|") if getattr(row, n) not in ("", None)), names.split("|")[0])
            value = getattr(row, name)
            if name in ("level1", "level2"):
                key = (row.level1, row.level2) if name == "level2" else row.level1
                prev = starts.get(name)
                if prev is not None and prev[1] == key and value:
                    continue  # merged with the cell above, as printed
                _close(sh, starts.get(name), first_col + j, sh.row - 1)
                starts[name] = (sh.row, key)
            sh.put(first_col + j, value, f"{path}[{i}].{name}")
        sh.row += 1
    for j, name in enumerate(columns):
        if name in starts:  # level columns are never shared
            _close(sh, starts[name], first_col + j, sh.row - 1)
    if caption and sh.row - 1 > top:
        sh.ws.merge_cells(start_row=top - 1, start_column=1, end_row=sh.row - 1, end_column=1)
    return columns


def _shared(sh: Sheet, rows: list[Any], columns: list[str]) -> list[str]:
    """Fields a table prints in one column (指标性质 holding ≥ or 定性) share it: ``kind|operator``."""
    out: list[str] = []
    for name in columns:
        same = next((i for i, o in enumerate(out) if sh.label(o.split("|")[0]) == sh.label(name)), None)
        both = same is not None and any(
            all(getattr(r, n) not in ("", None) for n in (*out[same].split("|"), name)) for r in rows
        )
        if same is not None and not both and name not in ("level1", "level2", "level3"):
            out[same] = f"{out[same]}|{name}"
        else:
            out.append(name)
    return out


def _close(sh: Sheet, start: tuple[int, Any] | None, col: int, last: int) -> None:
    if start is not None and last > start[0]:
        sh.ws.merge_cells(start_row=start[0], start_column=col, end_row=last, end_column=col)


def _title(sh: Sheet, title: str, year: int | None, unit_name: str, money_unit: str) -> None:
    if title:
        sh.line((1, title, None))
    if year:
        sh.line((1, f"（{year}年度）", None))
    if unit_name or money_unit:
        sh.line(
            (1, f"填报单位：{unit_name}" if unit_name else None, None),
            (6, f"单位：{money_unit}" if money_unit else None, None),
        )


def build_project(sh: Sheet, doc: Document, i: int, entry: dict[str, Any]) -> None:
    project = doc.projects[i]
    path = f"projects[{i}]"
    unit = "" if entry["amount_unit"] in ("none", "not printed", "not visible", "none printed") else project.money_unit
    title = project.table_title or "项目支出绩效目标表"
    _allocation(sh, project, path, unit or "万元")
    if project.preface:  # 表前说明, typed as printed above the title
        sh.line((1, project.preface, f"{path}.preface"))
    _title(sh, title, doc.unit.fiscal_year if entry["year_printed"] else None, doc.unit.name, unit)
    _header(sh, project, path)
    _money(sh, project, path, unit)
    _costs(sh, project, path, doc.unit.fiscal_year)
    _goals(sh, project, path)
    _schedule(sh, project, path)
    if project.grid_heading:  # 绩效项目指标表 above the grid
        sh.line((1, project.grid_heading, f"{path}.grid_heading"))
    if project.long_term_indicators and entry["family"].startswith("B"):
        _halves(sh, project, path, "中期" if "中期" in entry["form_type"] else "长期")
    elif project.long_term_indicators:
        _grid(sh, project.long_term_indicators, _GRID_ORDER, f"{path}.long_term_indicators", "长期绩效指标")
        sh.row += 1
        _grid(sh, project.indicators, _GRID_ORDER, f"{path}.indicators", "年度绩效指标")
    elif project.indicators:
        top = sh.row
        columns = _grid(sh, project.indicators, _GRID_ORDER, f"{path}.indicators")
        _recipient_values(sh, project, path, top, len(columns) + 1)
        _points_total(sh, project, path, columns)
    if project.table_note:  # 表注 under the table
        sh.line((1, project.table_note, f"{path}.table_note"))


def _allocation(sh: Sheet, project: Project, path: str, unit: str) -> None:
    """附件 资金安排表 before the table: its title, 属地 | 金额 | 项目, one row per recipient."""
    if not project.recipients:
        return
    sh.line((1, project.recipients_title, f"{path}.recipients_title"))
    sh.line((1, "属地", None), (2, f"金额（{unit}）", None), (3, "项目", None))
    for i, r in enumerate(project.recipients):
        p = f"{path}.recipients[{i}]"
        sh.line((1, r.name, f"{p}.name"), (2, r.amount, f"{p}.amount"), (3, r.project_name, f"{p}.project_name"))
    sh.row += 1


def _costs(sh: Sheet, project: Project, path: str, year: int) -> None:
    """项目预算成本构成 (湖北): label merged down, headings, lines, 合计 as printed."""
    if not project.cost_lines:
        return
    first = sh.row
    sh.line((1, "项目预算成本构成", None), (2, "成本构成", None), (3, "金额", None), (4, "测算(公式)依据", None),
            (5, f"{year - 2}年实际执行数", None), (6, f"{year - 1}年实际执行数", None))  # fmt: skip
    for i, c in enumerate(project.cost_lines):
        p = f"{path}.cost_lines[{i}]"
        sh.line((2, c.item, f"{p}.item"), (3, c.amount, f"{p}.amount"), (4, c.basis, f"{p}.basis"),
                (5, c.prior1, f"{p}.prior1"), (6, c.prior2, f"{p}.prior2"))  # fmt: skip
    sh.line((2, "合计", None), (3, project.cost_total, f"{path}.cost_total"),
            (5, project.cost_prior1_total, f"{path}.cost_prior1_total"),
            (6, project.cost_prior2_total, f"{path}.cost_prior2_total"))  # fmt: skip
    sh.ws.merge_cells(start_row=first, start_column=1, end_row=sh.row - 1, end_column=1)


def _recipient_values(sh: Sheet, project: Project, path: str, top: int, col: int) -> None:
    """One target-value column per recipient right of the grid, headed by the recipient's name."""
    for j, r in enumerate(project.recipients):
        sh.ws.cell(row=top, column=col + j, value=r.name)
        for i, ind in enumerate(project.indicators):
            if j < len(ind.recipient_values) and ind.recipient_values[j]:
                cell = sh.ws.cell(row=top + 1 + i, column=col + j, value=ind.recipient_values[j])
                leaf = f"{path}.indicators[{i}].recipient_values[{j}]"
                sh.written.leaves.append((leaf, sh.ws.title, cell.coordinate, ind.recipient_values[j]))


def _points_total(sh: Sheet, project: Project, path: str, columns: list[str]) -> None:
    """The 总分 row under the 分值 column."""
    if project.stated_points_total is None:
        return
    at = next(i for i, names in enumerate(columns) if "weight" in names.split("|"))
    sh.line((1, "总分", None), (1 + at, project.stated_points_total, f"{path}.stated_points_total"))


def _halves(sh: Sheet, project: Project, path: str, word: str) -> None:
    """Family B: one 一级 column, then 二级/三级/指标值 of the long-term half and of the annual half."""
    names = ("level2", "level3", "value")
    heads = ["一级指标", *(f"{sh.label(n)}({word})" for n in names), *(f"{sh.label(n)}(年度)" for n in names)]
    sh.line(*((1 + i, h, None) for i, h in enumerate(heads)))
    long, annual = project.long_term_indicators, project.indicators
    for i in range(max(len(long), len(annual))):
        first = long[i] if i < len(long) else annual[i]
        level1_path = f"{path}.long_term_indicators[{i}].level1" if i < len(long) else f"{path}.indicators[{i}].level1"
        sh.put(1, first.level1, level1_path)
        for half, rows, offset in (("long_term_indicators", long, 2), ("indicators", annual, 5)):
            if i < len(rows):
                for j, name in enumerate(names):
                    sh.put(offset + j, getattr(rows[i], name), f"{path}.{half}[{i}].{name}")
        sh.row += 1


def build_evaluation(sh: Sheet, doc: Document, i: int, entry: dict[str, Any]) -> None:
    project = doc.projects[i]
    ev = project.evaluation or ProjectEval()
    path = f"projects[{i}]"
    epath = f"{path}.evaluation"
    _title(sh, "项目支出绩效自评表", doc.unit.fiscal_year if entry["year_printed"] else None, doc.unit.name, "")
    _header(sh, project, path)
    if ev.review_box or ev.review_score is not None:  # 财政审核评分, printed empty for the bureau
        _leaf(sh, 1, "财政审核评分", f"{epath}.review_box", ev.review_box)
        sh.line((2, ev.review_score, f"{epath}.review_score"))
    scored = any(f.points is not None or f.stated_score is not None for f in ev.fund_lines)
    sh.line((1, "项目资金（万元）", None), (2, None, None), (3, "年初预算数", None), (4, "全年预算数（A）", None),
            (5, "全年执行数（B）", None), *(((6, "分值", None), (7, "得分", None)) if scored else ()))  # fmt: skip
    sh.line((2, "年度资金总额", None), (3, ev.initial_budget, f"{epath}.initial_budget"),
            (4, ev.annual_budget, f"{epath}.annual_budget"), (5, ev.executed, f"{epath}.executed"),
            *(((6, ev.stated_execution_points, f"{epath}.stated_execution_points"),
               (7, ev.stated_execution_score, f"{epath}.stated_execution_score")) if scored else ()))  # fmt: skip
    for i, f in enumerate(ev.fund_lines):  # the 其中 lines, with their own 分值/得分 where printed
        at = f"{epath}.fund_lines[{i}]"
        sh.line((2, f.label, f"{at}.label"), (3, f.initial, f"{at}.initial"), (4, f.annual, f"{at}.annual"),
                (5, f.executed, f"{at}.executed"),
                *(((6, f.points, f"{at}.points"), (7, f.stated_score, f"{at}.stated_score")) if scored else ()))  # fmt: skip
    for name in ("budget_fiscal", "budget_other", "budget_carryover"):
        if getattr(project, name) is not None:
            sh.line((2, sh.label(name), None), (4, getattr(project, name), f"{path}.{name}"))
    if ev.execution_reason:
        sh.line((1, "执行率偏差原因", None), (2, ev.execution_reason, f"{epath}.execution_reason"))
    if ev.annual_goal or ev.actual_summary:
        sh.line((1, "年度总体目标", None), (2, "预期目标", None), (5, "实际完成情况", None))
        sh.line((2, ev.annual_goal, f"{epath}.annual_goal"), (5, ev.actual_summary, f"{epath}.actual_summary"))
    if ev.rows:
        if ev.stated_indicator_points is not None:  # 绩效指标（90分）: the block's caption above its header
            points = ev.stated_indicator_points
            sh.row += _leaf(sh, 1, f"绩效指标（{points}分）", f"{epath}.stated_indicator_points", points)
        _grid(sh, ev.rows, _EVAL_ORDER, f"{epath}.rows")
    if ev.stated_total is not None:
        sh.line((1, "总分", None), (2, ev.stated_total, f"{epath}.stated_total"))
    for name, label in (("conclusion", "评价结论"), ("problems", "存在问题"), ("improvements", "改进措施"),
                        ("contact", "填表人"), ("phone", "联系电话"), ("finance_officer", "财务负责人")):  # fmt: skip
        if getattr(ev, name):
            sh.line((1, label, None), (2, getattr(ev, name), f"{epath}.{name}"))
    if ev.table_note:  # 表注 under the table
        sh.line((1, ev.table_note, f"{epath}.table_note"))


def build_dept(sh: Sheet, doc: Document, entry: dict[str, Any]) -> None:
    table = doc.dept_table or DeptTable()
    path = "dept_table"
    if table.heading:  # the 附件 line above the title
        sh.line((1, table.heading, f"{path}.heading"))
    _title(sh, "部门整体支出绩效目标表", doc.unit.fiscal_year if entry["year_printed"] else None, "", "万元")
    for name, label in (("dept_name", "dept_name"), ("dept_code", "dept_code"), ("contact", "contact"),
                        ("phone", "phone"), ("duties", "duties")):  # fmt: skip
        if getattr(table, name):
            sh.line((1, sh.label(label), None), (2, getattr(table, name), f"{path}.{name}"))
    for name, label in (("budget_total", "dept_budget_total"), ("basic_expense", "basic_expense"),
                        ("project_expense", "project_expense"), ("income_fiscal", "income_fiscal")):  # fmt: skip
        if getattr(table, name) is not None:
            sh.line((1, sh.label(label), None), (2, getattr(table, name), f"{path}.{name}"))
    if table.money_lines:  # 部门总体资金情况: 项目 | 当年金额 | 近两年收支金额 (年 | 年) | 占比
        years = [f"近两年收支金额{y}年" for y in (table.prior_year1, table.prior_year2)]
        sh.line((1, "部门总体资金情况（万元）", None), (2, "项目", None), (4, "当年金额", None), (5, years[0], None),
                (6, years[1], None), (7, "占比", None))  # fmt: skip
        for i, line in enumerate(table.money_lines):
            at = f"{path}.money_lines[{i}]"
            side = line.side if i == 0 or table.money_lines[i - 1].side != line.side else None
            sh.line((2, side, f"{at}.side" if side else None), (3, line.label, f"{at}.label"),
                    (4, line.amount, f"{at}.amount"), (5, line.prior1, f"{at}.prior1"),
                    (6, line.prior2, f"{at}.prior2"), (7, line.share, f"{at}.share"))  # fmt: skip
    if table.annual_goal:
        points = table.stated_indicator_points  # 年度目标1:(80分): the goal's label carries its block's points
        goal = sh.label("annual_goal") + (f"（{points}分）" if points is not None else "")
        if points is not None:
            _leaf(sh, 1, goal, f"{path}.stated_indicator_points", points)
        sh.line((1, goal, None), (2, table.annual_goal, f"{path}.annual_goal"))
    if table.duty_targets:  # 年度履职目标: a block of its own, its label alone in the first column
        sh.line((1, "年度履职目标", None), (2, "部门职能", None), (3, "年度目标任务", None), (4, "支出项目名称", None),
                (5, "预算金额（万元）", None))  # fmt: skip
        for i, duty in enumerate(table.duty_targets):
            at = f"{path}.duty_targets[{i}]"
            sh.line((2, duty.duty, f"{at}.duty"), (3, duty.task, f"{at}.task"), (4, duty.item, f"{at}.item"),
                    (5, duty.amount, f"{at}.amount"))  # fmt: skip
    if table.indicators or table.fund_lines:
        _grid(sh, table.indicators, _DEPT_ORDER, f"{path}.indicators")
    if table.fund_lines:
        _dept_funds(sh, table, path)
    if table.table_note:  # 表注 under the table
        sh.line((1, table.table_note, f"{path}.table_note"))


def _dept_funds(sh: Sheet, table: DeptTable, path: str) -> None:
    """预算执行情况 under the grid: 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 (| 分值 | 得分) per line."""
    scored = any(f.points is not None or f.stated_score is not None for f in table.fund_lines)
    heads = ["资金来源", "年初预算数", "全年预算数", "全年执行数", *(("分值", "得分") if scored else ())]
    sh.line((1, "预算执行情况", None), *((2 + i, h, None) for i, h in enumerate(heads)))
    total = [(5, table.executed, f"{path}.executed")]
    if scored:
        total += [(6, table.stated_execution_points, f"{path}.stated_execution_points"),
                  (7, table.stated_execution_score, f"{path}.stated_execution_score")]  # fmt: skip
    sh.line((2, "年度预算总额", None), *total)
    for i, f in enumerate(table.fund_lines):
        at = f"{path}.fund_lines[{i}]"
        cells = [(2, f.label, f"{at}.label"), (3, f.initial, f"{at}.initial"), (4, f.annual, f"{at}.annual"),
                 (5, f.executed, f"{at}.executed")]  # fmt: skip
        if scored:
            cells += [(6, f.points, f"{at}.points"), (7, f.stated_score, f"{at}.stated_score")]
        sh.line(*cells)


def _leaf(sh: Sheet, col: int, text: str, path: str, value: Any) -> int:
    """Write a label whose wording holds a field (``绩效指标（90分）``, a box's presence); 1 if written."""
    sh.put(col, text)
    sh.written.leaves.append((path, sh.ws.title, f"{get_column_letter(col)}{sh.row}", value))
    return 1


def build(fixture: str, out: Path) -> tuple[Document, Written]:
    """The workbook of one fixture, and where each leaf was written."""
    doc = document_from_json((FIXTURES / fixture).read_text(encoding="utf-8"))
    entry = _entry(fixture)
    labels = json.loads(LABELS.read_text(encoding="utf-8")).get(fixture, {}) if LABELS.exists() else {}
    # the table's own column titles where they differ from the family's (04: 指标性质 over 正向)
    labels = {**labels, **{name: title for name, title in asdict(doc.unit.column_titles).items() if title}}
    book = openpyxl.Workbook()
    written = Written()
    book.remove(book.active)
    for i, project in enumerate(doc.projects):
        sh = Sheet(book.create_sheet(f"表{i + 1}"), written, labels, doc.unit.indicator_columns)
        if project.evaluation is not None and not project.indicators:
            build_evaluation(sh, doc, i, entry)
        else:
            build_project(sh, doc, i, entry)
    if doc.dept_table is not None:
        build_dept(Sheet(book.create_sheet("部门整体"), written, labels, doc.unit.indicator_columns), doc, entry)
    book.save(out)
    return doc, written


def _entry(fixture: str) -> dict[str, Any]:
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    return next(e for e in manifest["fixtures"] if e["fixture"] == fixture)


def fixtures() -> list[str]:
    """The fixture file names, in order."""
    return [e["fixture"] for e in json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))["fixtures"]]


# ------------------------------------------------------------------------------------------ measuring


@dataclass
class Tally:
    """Per table: leaves written, and how each came out of the import."""

    fixture: str
    arrived: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


_INDEX = re.compile(r"\[(\d+)\]")


def _get(obj: Any, path: str) -> Any:
    for part in re.split(r"\.(?![^\[]*\])", path):
        name, *indexes = re.split(r"[\[\]]+", part.strip("]"))
        obj = getattr(obj, name) if name else obj
        for ix in indexes:
            if ix == "":
                continue
            if obj is None or int(ix) >= len(obj):
                return _MISSING
            obj = obj[int(ix)]
        if obj is None and part != path.split(".")[-1]:
            return _MISSING
    return obj


_MISSING = object()


def _same(expected: Any, found: Any, leaf: str) -> bool:
    if found is _MISSING:
        return False
    if isinstance(expected, Decimal) or isinstance(found, Decimal):
        try:
            return found is not None and Decimal(str(expected)) == Decimal(str(found))
        except ArithmeticError:
            return False
    if leaf in ("level1", "level2") and isinstance(expected, str):
        return _same_level(expected, found)
    return str(expected).strip() == str(found).strip()


def _same_level(expected: str, found: Any) -> bool:
    """``产出指标（50分）`` arrives as the name and its points (points checked with the row)."""
    name, _ = split_points(expected)
    return str(found).strip() == name or (not name and bool(found))


def _align(doc: Document, imported: Document, leaf_path: str, maps: dict[str, dict[int, int]]) -> str | None:
    """The leaf's path in the imported document (projects matched by name, rows by 三级)."""
    match = re.match(r"projects\[(\d+)\](.*)$", leaf_path)
    if match:
        i = int(match.group(1))
        name = doc.projects[i].name
        k = next((k for k, p in enumerate(imported.projects) if p.name == name), None)
        if k is None:
            return None
        leaf_path = f"projects[{k}]{match.group(2)}"
        prefix = f"projects[{i}]"
    else:
        prefix = ""
    row = re.match(r"(.*?(?:indicators|long_term_indicators|rows))\[(\d+)\](.*)$", leaf_path)
    if row:
        list_path = row.group(1)
        source_list = (prefix + list_path[list_path.index("]") + 1 :]) if prefix else list_path
        key = f"{source_list}|{list_path}"
        if key not in maps:
            maps[key] = _row_map_paths(doc, imported, source_list, list_path)
        k = maps[key].get(int(row.group(2)))
        if k is None:
            return None
        return f"{list_path}[{k}]{row.group(3)}"
    return leaf_path


def _row_map_paths(doc: Document, imported: Document, source: str, target: str) -> dict[int, int]:
    """Rows of the fixture's list ``source`` → rows of the imported list ``target``, matched by 三级 in
    order (skipped rows have none)."""
    expected = _get(doc, source)
    found = _get(imported, target)
    if expected is _MISSING or found is _MISSING or found is None or expected is None:
        return {}
    mapping: dict[int, int] = {}
    j = 0
    for i, row in enumerate(expected):
        for k in range(j, len(found)):
            if found[k].level3 == row.level3 and (row.level3 or found[k].level2 == row.level2):
                mapping[i] = k
                j = k + 1
                break
    return mapping


def measure(fixture: str, folder: Path) -> tuple[Tally, ImportResult]:
    """Build, import and sort every written leaf into arrived / reported / lost."""
    path = folder / fixture.replace(".json", ".xlsx")
    doc, written = build(fixture, path)
    try:
        result = import_workbook(path)
    except WorkbookRefused as exc:  # counted as lost: the table should have been read
        result = ImportResult(Document(), [ImportProblem("", "", f"拒绝导入：{exc.reason}")], [], path)
    reported_cells = {(m.sheet, m.cell) for m in result.problems}
    tally = Tally(fixture)
    maps: dict[str, dict[int, int]] = {}
    for leaf_path, sheet, cell, value in written.leaves:
        target = _align(doc, result.document, leaf_path, maps)
        leaf = leaf_path.rsplit(".", 1)[-1]
        found = _get(result.document, target) if target is not None else _MISSING
        where = f"{leaf_path} {sheet}!{cell}"
        if _same(value, found, leaf):
            tally.arrived.append(where)
        elif (sheet, cell) in reported_cells:
            tally.reported.append(where)
        else:
            tally.lost.append(f"{where} {value!r} → {found if found is not _MISSING else '—'!r}")
    return tally, result


def table(tallies: list[Tally]) -> str:
    """The corpus table as Markdown (docs/import.md)."""
    lines = ["| Fixture | Written | Arrived | Reported (未导入/问题) | Lost |", "|---|---:|---:|---:|---:|"]
    for t in tallies:
        total = len(t.arrived) + len(t.reported) + len(t.lost)
        lines.append(f"| `{t.fixture}` | {total} | {len(t.arrived)} | {len(t.reported)} | {len(t.lost)} |")
    sums = [sum(len(getattr(t, k)) for t in tallies) for k in ("arrived", "reported", "lost")]
    lines.append(f"| **all {len(tallies)}** | {sum(sums)} | {sums[0]} | {sums[1]} | {sums[2]} |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m tests.corpus_build [labels] — print the table (or remake labels.json)
    import tempfile

    if sys.argv[1:] == ["labels"]:
        make_labels()
        raise SystemExit(0)
    with tempfile.TemporaryDirectory() as folder:
        tallies = [measure(f, Path(folder))[0] for f in fixtures()]
    print(table(tallies))
    for t in tallies:
        for item in t.lost:
            print("LOST", t.fixture, item)
