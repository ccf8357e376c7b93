"""Combine the document kept in an exported workbook with what its visible tables say now.

For each part the exporter wrote, the same readers are run on the grid the exporter *would*
write for the kept document (:mod:`simulate`).  A field whose reading there equals its reading
from the workbook was not changed by the clerk: the kept value stays, exactly as typed
(``69.2`` stays ``69.2`` though the sheet shows ``69.20``).  A field that reads differently was
edited in Excel or WPS: the workbook's value is taken, and a note says so.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook

from perfdesk.export.compose import build_layout
from perfdesk.export.layout import Part
from perfdesk.export.xlsx import write_part
from perfdesk.importer.dept_table import find_dept_anchors, read_dept
from perfdesk.importer.eval_table import read_evaluation
from perfdesk.importer.grid import Grid
from perfdesk.importer.project_table import find_tables, read_project
from perfdesk.importer.result import Collector, ProjectImport
from perfdesk.importer.simulate import grid_from_blocks
from perfdesk.importer.text_parts import parse_overall, sheet_lines
from perfdesk.models.document import Document, Project

if TYPE_CHECKING:
    from perfdesk.importer.reader import Pieces

_NAMES = {
    "code": "项目编码", "name": "项目名称", "table_title": "表名", "caption": "说明行", "department_name": "主管部门",
    "department_code": "预算编码", "implementer": "实施单位", "budget_total": "预算数", "budget_fiscal": "财政资金",
    "budget_other": "其他资金", "purpose": "资金用途", "plan_mar": "3月底", "plan_jun": "6月底", "plan_oct": "10月底",
    "plan_dec": "12月底", "goals": "绩效目标", "indicators": "绩效指标",
}  # fmt: skip


def merge_changed(kept: Any, expected: Any, found: Any, changed: list[str], path: str = "") -> Any:
    """``kept`` with every field where ``found`` differs from ``expected`` taken from ``found``."""
    if expected == found:
        return kept
    if dataclasses.is_dataclass(kept) and type(kept) is type(found) is type(expected):
        result = copy.copy(kept)
        for f in dataclasses.fields(kept):
            value = merge_changed(
                getattr(kept, f.name), getattr(expected, f.name), getattr(found, f.name), changed,
                f"{path}.{f.name}" if path else f.name,
            )  # fmt: skip
            setattr(result, f.name, value)
        return result
    same_shape = isinstance(kept, list) and isinstance(found, list) and isinstance(expected, list)
    if same_shape and len(kept) == len(expected) == len(found):
        return [
            merge_changed(k, e, f, changed, f"{path}[{i}]")
            for i, (k, e, f) in enumerate(zip(kept, expected, found, strict=True))
        ]
    changed.append(path)
    return copy.deepcopy(found)


def _scratch_sheet(part: Part) -> Grid:
    """A text part drawn by the real workbook writer into a throwaway sheet."""
    book = Workbook()
    write_part(book.active, part)
    return Grid.from_sheet(book.active)


def _field_names(paths: list[str]) -> str:
    names = []
    for p in paths:
        head = p.split(".")[0].split("[")[0]
        name = _NAMES.get(head, head)
        if name not in names:
            names.append(name)
    return "、".join(names)


def reconcile(kept: Document, pieces: Pieces, out: Collector) -> Document | None:
    """The kept document updated with the fields changed in the workbook's visible tables.

    None if the workbook's sheets are not the ones the kept document was exported to (sheets
    copied into another workbook): then only the visible tables count.
    """
    doc = copy.deepcopy(kept)
    layout = build_layout(kept)
    parts = {p.key: p for p in layout.parts if p.sheet is not None}
    if parts and not {p.sheet for p in parts.values()} & set(pieces.grids):
        out.note("", "工作簿中保存的文档数据与工作表不符，只按可见表格导入")
        return None
    by_sheet: dict[str, list[ProjectImport]] = {}
    for p in pieces.projects:
        by_sheet.setdefault(p.sheet, []).append(p)
    used: set[int] = set()
    projects = []
    for i, project in enumerate(kept.projects):
        part = parts.get(f"project:{i}")
        found = by_sheet.get(part.sheet, []) if part is not None else []
        if part is None or len(found) != 1:
            if part is not None and part.sheet not in pieces.grids:
                out.note("", f"工作表“{part.sheet}”已从工作簿中删除，项目“{project.name}”未导入")
                continue
            projects.append(project)
            continue
        used.add(id(found[0]))
        projects.append(_project(project, part, found[0], out))
    projects += [p.project for p in pieces.projects if id(p) not in used]
    added = [p for p in pieces.projects if id(p) not in used]
    for p in added:
        out.note(p.cell, f"工作表“{p.sheet}”中的项目“{p.project.name}”是在工作簿中新增的，已导入")
    doc.projects = projects
    _dept(doc, kept, parts.get("dept"), pieces, out)
    _overall(doc, kept, parts.get("overall"), pieces, out)
    for key, part in parts.items():
        if key == "report":
            _unread_changes(part, pieces, out)
        elif key.startswith("eval:"):
            _evaluation(doc, kept, int(key.split(":")[1]), part, pieces, out)
    return doc


def _evaluation(doc: Document, kept: Document, index: int, part: Part, pieces: Pieces, out: Collector) -> None:
    """A 自评表 sheet of the export: the fields the clerk changed in it are taken (like a project table)."""
    found = [e for e in pieces.evaluations if e.sheet == part.sheet]
    project = kept.projects[index] if index < len(kept.projects) else None
    if len(found) != 1 or project is None or project.evaluation is None:
        if part.sheet in pieces.grids and not found:
            _unread_changes(part, pieces, out)
        return
    grid = grid_from_blocks(part.blocks, part.sheet or "")
    spots = find_tables(grid)
    if len(spots) != 1:
        return
    expected = read_evaluation(grid, spots[0]).project.evaluation
    changed: list[str] = []
    merged = merge_changed(project.evaluation, expected, found[0].project.evaluation, changed)
    target = next((p for p in doc.projects if p.name == project.name), None)
    if changed and target is not None:
        target.evaluation = merged
        out.note(found[0].cell, f"已采用工作表“{part.sheet}”中修改的自评表内容")


def _project(project: Project, part: Part, found: ProjectImport, out: Collector) -> Project:
    grid = grid_from_blocks(part.blocks, part.sheet or "")
    spots = find_tables(grid)
    if len(spots) != 1:  # the exporter's own table is always one table
        return project
    expected = read_project(grid, spots[0]).project
    changed: list[str] = []
    merged = merge_changed(project, expected, found.project, changed)
    if changed:
        out.note(found.cell, f"已采用工作表“{found.sheet}”中修改的{_field_names(changed)}")
    return merged


def _dept(doc: Document, kept: Document, part: Part | None, pieces: Pieces, out: Collector) -> None:
    if part is None:
        if pieces.dept is not None:
            doc.dept_table = pieces.dept.table
            out.note(pieces.dept.cell, "部门整体预算绩效目标表是在工作簿中新增的，已导入")
        return
    if pieces.dept is None:
        if part.sheet not in pieces.grids:
            doc.dept_table = None
            out.note("", f"工作表“{part.sheet}”已从工作簿中删除，部门整体预算绩效目标表未导入")
        return
    grid = grid_from_blocks(part.blocks, part.sheet or "")
    anchors = find_dept_anchors(grid)
    if len(anchors) != 1:
        return
    expected = read_dept(grid, anchors[0], grid.row_numbers[-1]).table
    changed: list[str] = []
    doc.dept_table = merge_changed(kept.dept_table, expected, pieces.dept.table, changed)
    if changed:
        out.note(pieces.dept.cell, f"已采用工作表“{pieces.dept.sheet}”中修改的部门整体预算绩效目标表内容")


def _overall(doc: Document, kept: Document, part: Part | None, pieces: Pieces, out: Collector) -> None:
    if part is None:
        if pieces.overall is not None:
            doc.overall = pieces.overall
        return
    if pieces.overall is None or pieces.overall_sheet != part.sheet:
        if part.sheet in pieces.grids:
            out.problem("", f"工作表“{part.sheet}”中找不到部门整体绩效目标的标题，保留原内容")
        return
    expected = parse_overall(sheet_lines(_scratch_sheet(part)))
    changed: list[str] = []
    doc.overall = merge_changed(kept.overall, expected, pieces.overall, changed)
    if changed:
        out.note("", f"已采用工作表“{part.sheet}”中修改的部门整体绩效目标文字")


def _unread_changes(part: Part, pieces: Pieces, out: Collector) -> None:
    """The 自评报告 and 自评表 sheets are not read back: say so if the clerk changed them."""
    grid = pieces.grids.get(part.sheet)
    if grid is None:
        return
    expected = [c.text for c in _scratch_sheet(part).cells_in_order()]
    if [c.text for c in grid.cells_in_order()] != expected:
        out.problem("", f"工作表“{part.sheet}”（{part.title}）中的修改不能从工作簿导入，已保留文档中的原内容")
