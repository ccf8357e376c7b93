"""Import a workbook into a document: perfdesk's own export or official tables typed by hand.

Every visible sheet is read by its labels (:mod:`project_table`, :mod:`dept_table`,
:mod:`text_parts`); what the tables cannot show (the unit, the year, the framework) is taken
from the tables' captions, 主管部门 cells and titles, and each such derivation is a note.  A
workbook exported by perfdesk also carries the document itself in a hidden sheet: then the
visible tables are compared with it and every field the clerk changed in Excel is taken from
the table, everything else stays exactly as it was (:mod:`reconcile`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from perfdesk.export.forms_families import printed_title
from perfdesk.importer import embedded, fields
from perfdesk.importer.dept_hunan import _TITLE as HUNAN_TITLE
from perfdesk.importer.dept_hunan import find_hunan, read_hunan
from perfdesk.importer.dept_table import DeptImport, dept_top, find_dept_anchors, read_dept
from perfdesk.importer.eval_table import read_evaluation
from perfdesk.importer.flat_list import is_flat, read_flat
from perfdesk.importer.grid import Grid, label_key
from perfdesk.importer.indicators import find_header, indicator_role
from perfdesk.importer.preflight import Preflight
from perfdesk.importer.project_table import find_tables, is_evaluation, is_project_table, nameless_spot, read_project
from perfdesk.importer.result import Collector, ImportProblem, ImportResult, NoTablesFound, ProjectImport
from perfdesk.importer.text_parts import is_overall_sheet, parse_overall, sheet_lines
from perfdesk.importer.workbook import open_workbook
from perfdesk.importer.xls import is_xls, read_xls
from perfdesk.models import bounds
from perfdesk.models.document import (
    DeptLayout,
    Document,
    Framework,
    Layout,
    OverallTarget,
    Project,
    ProjectTableStyle,
    UnitInfo,
)
from perfdesk.models.frameworks import COST, canonical_level1, canonical_level2
from perfdesk.models.labels import column_title
from perfdesk.models.placewords import place_words
from perfdesk.models.scoring import present, score_evaluation

_CONTENTS_HEAD = ["序号", "内容", "工作表"]
_DOC_TITLE = re.compile(r"^(.*?)((20\d{2})年?部门预算绩效文本)$")
_COST_2021 = {"经济成本指标", "社会成本指标", "生态环境成本指标"}
REPORT_KEY = "整体支出绩效自评报告"


@dataclass
class Pieces:
    """Everything read from a workbook's visible sheets, before it becomes a document."""

    projects: list[ProjectImport] = field(default_factory=list)
    evaluations: list[ProjectImport] = field(default_factory=list)  # 自评表: projects carrying their evaluation
    dept: DeptImport | None = None
    overall: OverallTarget | None = None
    overall_sheet: str = ""
    text_sheets: dict[str, list[str]] = field(default_factory=dict)  # sheet → paragraphs
    grids: dict[str, Grid] = field(default_factory=dict)
    contents_title: str = ""
    contents: dict[str, str] = field(default_factory=dict)  # part title → sheet name


Sheets = list[tuple[str, str, Grid | None]]  # (title, state, grid of a visible sheet)


def load_sheets(path: Path) -> tuple[Sheets, Preflight, Workbook | None]:
    """The sheets of an .xlsx (openpyxl) or .xls (calamine) file, after the format's pre-flight."""
    if is_xls(path):
        sheets, checked = read_xls(path)
        return sheets, checked, None
    book, checked = open_workbook(path)
    sheets: Sheets = []
    for sheet in book.worksheets:
        if sheet.title == embedded.SHEET:
            continue
        visible = sheet.sheet_state == "visible"
        sheets.append((sheet.title, sheet.sheet_state, Grid.from_sheet(sheet) if visible else None))
    return sheets, checked, book


def read_sheets(sheets: Sheets, out: Collector) -> Pieces:
    """Read every visible sheet of a workbook."""
    pieces = Pieces()
    for title, _state, grid in sheets:
        if grid is None:
            out.note("", f"隐藏的工作表“{title}”未导入")
            continue
        pieces.grids[title] = grid
        _read_grid(grid, pieces, out)
    return pieces


def _read_grid(grid: Grid, pieces: Pieces, out: Collector) -> None:
    if _read_contents(grid, pieces):
        return
    spots = find_tables(grid)
    anchors = find_dept_anchors(grid)
    tops = sorted([s.top for s in spots] + [dept_top(grid, a) for a in anchors])  # where each table starts
    end = grid.row_numbers[-1] if grid.row_numbers else 0
    for spot in spots:
        spot.last = min([spot.last, *(t - 1 for t in tops if t > spot.anchor.row)])
        if not is_project_table(grid, spot):
            out.note(
                spot.anchor.address,
                f"工作表“{grid.title}”中的“项目名称”不是项目绩效目标表的标签（没有指标表头），已跳过",
            )
            continue
        header = find_header(grid, spot.anchor.row, spot.last, spot.c0, spot.c1, indicator_role)
        if is_flat(header, spot):
            pieces.projects += read_flat(grid, spot, header)  # type: ignore[arg-type]
            continue
        if is_evaluation(grid, spot):
            pieces.evaluations.append(read_evaluation(grid, spot))
            continue
        pieces.projects.append(read_project(grid, spot))
    for anchor in anchors:
        if pieces.dept is not None:
            out.problem(anchor.address, f"工作表“{grid.title}”中有第二张部门整体预算绩效目标表，未导入")
            continue
        pieces.dept = read_dept(grid, anchor, min([end, *(t - 1 for t in tops if t > anchor.row)]))
    if spots or anchors:
        return
    hunan = find_hunan(grid)
    if hunan is not None:
        if pieces.dept is not None:
            out.problem(hunan.address, f"工作表“{grid.title}”中有第二张部门整体绩效目标表，未导入")
        else:
            pieces.dept = read_hunan(grid, hunan)
        return
    nameless = nameless_spot(grid)
    if nameless is not None:
        title = nameless.title
        if title is not None and any(word in title.key for word in HUNAN_TITLE) and pieces.dept is None:
            pieces.dept = read_hunan(grid, title)  # a 部门整体 table whose 部门名称 cell is missing
        elif is_evaluation(grid, nameless):
            pieces.evaluations.append(read_evaluation(grid, nameless))
        else:
            pieces.projects.append(read_project(grid, nameless))
        return
    lines = sheet_lines(grid)
    pieces.text_sheets[grid.title] = lines
    if pieces.overall is None and is_overall_sheet(lines):
        pieces.overall = parse_overall(lines)
        pieces.overall_sheet = grid.title


def _read_contents(grid: Grid, pieces: Pieces) -> bool:
    """perfdesk's 目录 sheet: the document title and which sheet holds which part."""
    if [c.text for c in grid.filled(2)][:3] != _CONTENTS_HEAD:
        return False
    pieces.contents_title = next((c.text for c in grid.filled(1)), "")
    for r in grid.rows_between(3, 1 << 30):
        cells = [c.text for c in grid.filled(r)]
        if len(cells) >= 3:
            pieces.contents[cells[1]] = cells[2]
    return True


def import_workbook(path: Path, *, year: int | None = None) -> ImportResult:
    """Read a workbook into a document; WorkbookRefused (or NoTablesFound) if it cannot be read.

    ``year`` sets the fiscal year when the tables do not say it.
    """
    path = Path(path)
    sheets, checked, book = load_sheets(path)
    out = Collector("")
    for note in checked.notes:
        out.note("", note)
    pieces = read_sheets(sheets, out)
    stored = embedded.read_embedded(book, out) if book is not None else None
    questions = []
    for i, pi in enumerate(pieces.projects):
        if pi.question is not None:
            pi.question.project = i
            questions.append(pi.question)
    problems = [*(p for pi in (*pieces.projects, *pieces.evaluations) for p in pi.problems)]
    notes = [*(n for pi in (*pieces.projects, *pieces.evaluations) for n in pi.notes)]
    if pieces.dept is not None:
        problems += pieces.dept.problems
        notes += pieces.dept.notes
    doc: Document | None = None
    if stored is not None:
        from perfdesk.importer.reconcile import reconcile  # needs perfdesk.export, only for its own files

        doc = reconcile(stored, pieces, out)
        if doc is not None:
            notes = []  # how the tables' fields were derived does not matter: the kept document says it
            kept = {p.name for p in doc.projects if p.evaluation is not None}
            skipped = [e for e in pieces.evaluations if e.project.name in kept]
            problems = [p for p in problems if not any(p in e.problems for e in skipped)]
    if doc is None:
        if not pieces.projects and not pieces.evaluations and pieces.dept is None and pieces.overall is None:
            raise NoTablesFound(path, _nothing_found(pieces))
        doc = assemble(pieces, out, year=year, path=path)
    _attach_evaluations(doc, pieces, out, keep=stored is not None)
    for place, what in bounds.clean(doc):  # out of the model's bounds: cleaned or left blank, and said
        out.problem("", f"{place_words(place)}：{what}")
    if stored is not None:
        questions = []  # perfdesk's own workbook: the kept document knows its units
    return ImportResult(doc, [*out.problems, *problems], [*out.notes, *notes], path, questions)


def _attach_evaluations(doc: Document, pieces: Pieces, out: Collector, *, keep: bool) -> None:
    """Each 自评表 joins its project (by name); a project the document lacks is created from it.

    ``keep``: the workbook carried perfdesk's kept document, whose 自评表 stay as they are.
    The printed 总分 is kept beside perfdesk's own score; a difference is said, never overwritten.
    """
    by_name = {p.name: p for p in doc.projects}
    for found in pieces.evaluations:
        evaluation = found.project.evaluation
        project = by_name.get(found.project.name)
        if project is not None:
            if keep and project.evaluation is not None:
                continue
            project.evaluation = evaluation
        else:
            project = found.project
            doc.projects.append(project)
            by_name[project.name] = project
            out.note(found.cell, f"工作表“{found.sheet}”中自评表的项目“{project.name}”不在文档中，已由自评表新建")
        _compare_total(project, doc, found, out)


def _compare_total(project: Project, doc: Document, found: ProjectImport, out: Collector) -> None:
    evaluation = project.evaluation
    if evaluation is None or evaluation.stated_total is None:
        return
    score = score_evaluation(project, doc.unit)
    if not score.complete:
        return
    mine = present(score.total)
    if mine != evaluation.stated_total:
        out.note(
            found.cell,
            f"自评表“{project.name}”印的总分 {evaluation.stated_total} 与 perfdesk 计算的 {mine} 不同"
            "（印的总分已保留，未改动）",
        )


def _nothing_found(pieces: Pieces) -> str:
    sheets = "、".join(f"“{name}”" for name in pieces.grids) or "（没有可见的工作表）"
    if any(REPORT_KEY in label_key(line) for lines in pieces.text_sheets.values() for line in lines[:5]):
        return "工作簿中只有整体支出绩效自评报告：自评报告是文字，不能从工作簿导入（请打开 .perfdesk 文件）"
    return (
        f"工作簿中没有找到项目绩效目标表、部门整体预算绩效目标表或部门整体绩效目标（查找了工作表 {sheets} 中的"
        "“项目名称”“部门名称”“一、总体绩效目标”等标签）"
    )


def assemble(pieces: Pieces, out: Collector, *, year: int | None = None, path: Path | None = None) -> Document:
    """A document from the pieces alone (a workbook without perfdesk's hidden data)."""
    doc = Document(projects=[p.project for p in pieces.projects])
    if pieces.dept is not None:
        doc.dept_table = pieces.dept.table
    if pieces.overall is not None:
        doc.overall = pieces.overall
    doc.unit = derive_unit(pieces, out, year=year, path=path)
    for project in doc.projects:  # the family's own title (…项目支出绩效目标申报表) follows the project's name
        if project.table_title and project.table_title == printed_title(doc, replace(project, table_title="")):
            project.table_title = ""
    return doc


def derive_unit(pieces: Pieces, out: Collector, *, year: int | None = None, path: Path | None = None) -> UnitInfo:
    """The unit, year, framework and table style, from what the tables show (each said in a note)."""
    unit = UnitInfo()
    original = pieces
    pieces = replace(pieces, projects=[*pieces.projects, *pieces.evaluations])  # a 自评表 names its unit and year too
    _unit_name(pieces, unit, out)
    unit.fiscal_year = _year(pieces, unit, out, year, path)
    unit.framework = _framework(pieces, out)
    if any(p.project.department_name or p.project.department_code for p in pieces.projects):
        unit.project_table_style = ProjectTableStyle.DEPARTMENT
    unit.layout, unit.indicator_columns = layout_family(original)
    _column_titles(original, unit, out)
    units = {p.project.money_unit for p in pieces.projects if p.project.evaluation is None}
    if len(units) == 1 and units != {unit.money_unit}:  # every table in 元: the document's captions say so too
        unit.money_unit = units.pop()
        out.note("", f"表格金额以{unit.money_unit}填写，按{unit.money_unit}保存（未换算）")
    if unit.layout is not Layout.HEBEI:
        out.note("", f"按工作簿的表样导入（{_LAYOUT_NAMES[unit.layout]}）")
    return unit


def _column_titles(pieces: Pieces, unit: UnitInfo, out: Collector) -> None:
    """A column whose cells hold another field than its printed title names (指标性质 over 正向/反向) keeps
    that title as the document's own (``UnitInfo.column_titles``), so the table prints as it did."""
    found: dict[str, str] = {}
    for piece in (*pieces.projects, *pieces.evaluations, *((pieces.dept,) if pieces.dept is not None else ())):
        for name, title in piece.titles.items():
            found.setdefault(name, title)
    for name, title in found.items():
        if title != column_title(unit.layout, name) and hasattr(unit.column_titles, name):
            setattr(unit.column_titles, name, title)
            out.note("", f"“{title}”一列填的是{column_title(unit.layout, name)}，按内容导入，列标题照原表保留")


_LAYOUT_NAMES = {
    Layout.HEBEI: "项目绩效目标表", Layout.SHENBAO: "项目支出绩效目标申报表", Layout.SPLIT: "分列式指标表",
    Layout.TWO_BLOCK: "长期/年度两组指标",
}  # fmt: skip
_SHENBAO_FIELDS = ("nature", "category", "start_date", "end_date", "period_total", "period_fiscal", "long_term_goal",
                   "attribute", "fund_lines", "manager", "phone", "overview", "legal_basis", "period", "schedule")  # fmt: skip
_SHENBAO_TITLE = ("申报", "审批", "批复", "自评")
# Grid roles → the optional indicator field they fill (routed roles by what their cells held).
_ROLE_FIELDS = {"kind": ("kind", "operator", "direction"), "operator": ("operator", "kind", "direction"),
                "direction": ("direction", "operator", "kind"), "value": ("number",), "unit": ("unit",),
                "weight": ("weight",), "explanation": ("explanation",), "scoring": ("scoring",), "note": ("note",)}  # fmt: skip


def layout_family(pieces: Pieces) -> tuple[Layout, list[str]]:
    """The layout family the tables were printed in, and the optional indicator columns in printed order.

    Two indicator blocks → two_block; any optional column (指标性质, 度量单位, 权重, 指标解释 …) → split;
    a 申报表's header fields, a 自评表 or a 部门整体 table of the 湖南 kind → shenbao; else hebei.
    """
    imports = [*pieces.projects, *pieces.evaluations]
    rows: list[object] = [i for p in imports for i in (*p.project.indicators, *p.project.long_term_indicators)]
    rows += [r for p in imports if p.project.evaluation is not None for r in p.project.evaluation.rows]
    roles = [role for p in imports for role in p.columns]
    if pieces.dept is not None:
        rows += pieces.dept.table.indicators
        roles += pieces.dept.columns
    columns: list[str] = []
    for role in dict.fromkeys(roles):  # each role once, in the order first printed
        for name in _ROLE_FIELDS.get(role, ()):
            if name not in columns and any(getattr(r, name, "") not in ("", None) for r in rows):
                columns.append(name)
    if any(p.two_blocks or p.project.long_term_indicators for p in imports):
        return Layout.TWO_BLOCK, columns
    if columns:
        return Layout.SPLIT, columns
    signs = any(getattr(p.project, f) for p in imports for f in _SHENBAO_FIELDS) or pieces.evaluations
    titled = any(word in p.title for p in imports for word in _SHENBAO_TITLE)
    hunan = pieces.dept is not None and pieces.dept.table.layout is DeptLayout.HUNAN
    if signs or titled or hunan:
        return Layout.SHENBAO, columns
    return Layout.HEBEI, columns


def _unit_name(pieces: Pieces, unit: UnitInfo, out: Collector) -> None:
    title = _DOC_TITLE.match(pieces.contents_title)
    for p in pieces.projects:
        if p.owner_caption:
            unit.code, unit.name = fields.split_caption(p.owner_caption)
            out.note("", f"单位名称取自表上方的说明行：{unit.name}")
            return
    for p in pieces.projects:
        caption = p.project.caption and _caption_of(pieces, p)
        if caption:
            unit.code, unit.name = caption
            return
    owners = Counter((p.project.department_name, p.project.department_code) for p in pieces.projects)
    owners.pop(("", ""), None)
    if owners:
        (unit.name, unit.code), _ = owners.most_common(1)[0]
        out.note("", f"单位取自“主管部门及预算编码”：{unit.name}{unit.code}")
    elif title:
        unit.name = title.group(1)
        out.note("", f"单位名称取自目录的标题“{pieces.contents_title}”")
    elif pieces.dept is not None and pieces.dept.table.dept_name:
        unit.name = pieces.dept.table.dept_name
        out.note("", f"单位名称取自部门整体预算绩效目标表的“部门名称”：{unit.name}")
    elif pieces.projects and pieces.projects[0].project.implementer:
        unit.name = pieces.projects[0].project.implementer
        out.note("", f"单位名称取自“实施单位”：{unit.name}")
    else:
        out.problem("", "工作簿中没有单位名称（说明行、主管部门或实施单位），请在导入后填写")
    if title and unit.name and pieces.contents_title.startswith(unit.name):
        rest = pieces.contents_title[len(unit.name) :]
        if rest != f"{title.group(3)}年部门预算绩效文本":
            unit.title = rest


def _caption_of(pieces: Pieces, p: ProjectImport) -> tuple[str, str] | None:
    """(code, name) from the caption line above a project table."""
    grid = pieces.grids.get(p.sheet)
    if grid is None:
        return None
    for spot in find_tables(grid):
        if spot.anchor.address == p.cell and spot.caption_left is not None:
            return fields.split_caption(spot.caption_left.text)
    return None


def _year(pieces: Pieces, unit: UnitInfo, out: Collector, year: int | None, path: Path | None) -> int:
    if year is not None:
        return year
    title = _DOC_TITLE.match(pieces.contents_title)
    if title:
        out.note("", f"预算年度 {title.group(3)} 取自目录的标题")
        return int(title.group(3))
    if pieces.dept is not None and pieces.dept.year:
        return pieces.dept.year
    votes: Counter[int] = Counter(p.year for p in pieces.projects if p.year)
    if votes:
        found = votes.most_common(1)[0][0]
        out.note("", f"预算年度 {found} 取自表名或表名下的年度")
        return found
    for p in pieces.projects:
        for text in (p.project.table_title, p.project.name):
            votes.update(fields.years_in(text))
    if votes:
        found = votes.most_common(1)[0][0]
        out.note("", f"预算年度 {found} 取自项目名称或表名中的年份，请核对")
        return found
    if path is not None and (years := fields.years_in(path.stem) or re.findall(r"20\d{2}", path.stem)):
        out.note("", f"预算年度 {years[0]} 取自文件名，请核对")
        return int(years[0])
    out.problem("", f"工作簿中没有预算年度，暂按 {unit.fiscal_year} 年导入，请核对（命令行可用 --year 指定）")
    return unit.fiscal_year


def _framework(pieces: Pieces, out: Collector) -> Framework:
    """2021 if any table has 成本指标 as a 一级 or a 2021 成本 二级, else 2015."""
    levels = [(i.level1, i.level2) for p in pieces.projects for i in p.project.indicators]
    if pieces.dept is not None:
        levels += [(i.level1, i.level2) for i in pieces.dept.table.indicators]
    if any(canonical_level1(l1) == COST or canonical_level2(l2) in _COST_2021 for l1, l2 in levels):
        out.note("", "表中“成本指标”为一级指标，按 2021 版指标体系导入")
        return Framework.Y2021
    return Framework.Y2015


def import_project_tables(path: Path) -> list[ProjectImport]:
    """Every project table in a workbook, for the editor's “import one project table”.

    A 自评表 whose project has no target table in the workbook comes as its own project (with its
    evaluation); one whose project does is joined to it.
    """
    path = Path(path)
    sheets, _, _ = load_sheets(path)
    out = Collector("")
    pieces = read_sheets(sheets, out)
    by_name = {p.project.name: p.project for p in pieces.projects}
    found = list(pieces.projects)
    for item in pieces.evaluations:
        project = by_name.get(item.project.name)
        if project is not None:
            project.evaluation = item.project.evaluation
        else:
            found.append(item)
    if not found:
        raise NoTablesFound(
            path, "工作簿中没有找到项目绩效目标表或项目支出绩效自评表（查找“项目名称”“一级指标”等标签）"
        )
    for i, p in enumerate(found):
        for place, what in bounds.clean(p.project, f"projects[{i}]"):
            p.problems.append(ImportProblem(p.sheet, p.cell, f"{place}：{what}"))
    return found


__all__ = ["import_project_tables", "import_workbook", "label_key"]
