"""Choose what to export (the whole document, one form, one project) and build its layout."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from perfdesk.export.forms_extras import allocation_blocks, notice_blocks
from perfdesk.export.forms_families import (
    dept_unprinted_warnings,
    family_project_blocks,
    hunan_dept_blocks,
    printed_title,
    unprinted_warnings,
)
from perfdesk.export.forms_tables import dept_blocks, eval_blocks, eval_title, project_blocks, table_number
from perfdesk.export.forms_text import cover_blocks, has_overall, overall_blocks, part_two_blocks, report_blocks
from perfdesk.export.layout import PAGE_SETUPS, Layout, Part, Table, orient_parts, sanitize
from perfdesk.models.document import DeptLayout, Document, Project
from perfdesk.models.document import Layout as TableFamily
from perfdesk.models.labels import dept_title


class Form(StrEnum):
    """Which forms an export holds."""

    ALL = "all"  # everything the document has, in print order
    TEXT = "text"  # F1: title page and 第一部分
    PROJECTS = "projects"  # F2 tables
    DEPT = "dept"  # F3
    REPORT = "report"  # F4
    EVALS = "evals"  # F5 tables


FORM_NAMES = {
    Form.ALL: "整个文档",
    Form.TEXT: "部门整体绩效目标（文本）",
    Form.PROJECTS: "项目绩效目标表",
    Form.DEPT: "部门整体预算绩效目标表",
    Form.REPORT: "整体支出绩效自评报告",
    Form.EVALS: "项目支出绩效自评表",
}


class ScopeError(ValueError):
    """The chosen form or project is not in the document."""


@dataclass(frozen=True)
class Scope:
    """What to export: a form (or all) and optionally one project, by its index."""

    form: Form = Form.ALL
    project: int | None = None

    def describe(self) -> str:
        """A short Chinese description for messages."""
        name = FORM_NAMES[self.form]
        return name if self.project is None else f"第 {self.project + 1} 个项目的{name}"


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


class _Sheets:
    """Unique worksheet names of at most 31 characters."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def name(self, wanted: str) -> str:
        """A legal, unused sheet name close to ``wanted``."""
        base = _SHEET_BAD.sub("_", wanted).strip("'") or "表"
        name, n = base[:31], 2
        while name.lower() in self.used:
            suffix = f"({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.used.add(name.lower())
        return name


def resolve_project(doc: Document, text: str) -> int:
    """A project chosen on the command line: its number (from 1), code or exact name."""
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= len(doc.projects):
        return int(text) - 1
    for i, p in enumerate(doc.projects):
        if text and text in (p.code.strip(), p.name.strip()):
            return i
    raise ScopeError(f"没有项目“{text}”（共 {len(doc.projects)} 个项目，可用序号、项目编码或项目名称）")


def build_layout(doc: Document, scope: Scope | None = None) -> Layout:
    """The layout of the chosen forms; raises ScopeError if the document does not have them."""
    scope = scope or Scope()
    sheets = _Sheets()
    parts: list[Part] = []
    picked = _projects(doc, scope)
    form = scope.form
    whole = form is Form.ALL and scope.project is None
    if whole or form is Form.TEXT:
        parts += _text_parts(doc, sheets, with_tables=whole)
    if form in (Form.ALL, Form.PROJECTS):
        for i, project in picked:
            parts.append(_project_part(doc, i, project, sheets))
        _join_part_two(parts)
    if (whole or form is Form.DEPT) and doc.dept_table is not None:
        hunan = doc.dept_table.layout == DeptLayout.HUNAN
        blocks = hunan_dept_blocks(doc, doc.dept_table) if hunan else dept_blocks(doc, doc.dept_table)
        # names the region on a continued page, or the table's own printed title
        stated = doc.dept_table.title.strip().splitlines()
        named = [line.strip() for line in stated if "表" in line] or [
            f"{doc.dept_table.region.strip()}{dept_title(doc.dept_table)}"
        ]
        title = named[0]
        parts.append(Part("dept", title, blocks, sheets.name("部门整体绩效目标表")))
    if (whole or form is Form.REPORT) and doc.self_report is not None:
        parts.append(
            Part("report", "整体支出绩效自评报告", report_blocks(doc, doc.self_report), sheets.name("自评报告"))
        )
    if whole or form is Form.EVALS:
        for i, project in picked:
            if project.evaluation is not None:
                title = f"{i + 1}、{naming(eval_title(project), project)}"
                parts.append(
                    Part(
                        f"eval:{i}",
                        title,
                        eval_blocks(doc, project, i + 1),
                        sheets.name(f"自评{i + 1}、{project.name}"),
                    )
                )
    if not parts:
        raise ScopeError(f"文档中没有可导出的{scope.describe()}")
    if any(p.key == "cover" for p in parts):
        title = f"{doc.unit.name}{doc.display_title()}"
    else:
        names = dict.fromkeys(FORM_NAMES[_form_of(p.key)] for p in parts)
        title = f"{doc.unit.name} {doc.unit.fiscal_year}年 {'、'.join(names)}"
    warnings = unprinted_warnings(doc) if form in (Form.ALL, Form.PROJECTS) else []
    if (whole or form is Form.DEPT) and doc.dept_table is not None:
        warnings += dept_unprinted_warnings(doc)
    settings = doc.unit.printing
    layout = Layout(title, parts, warnings, page=PAGE_SETUPS[settings.page_style.value])
    orient_parts(layout, settings.orientation.value, settings.page_style.value)
    return sanitize(layout)


def _form_of(key: str) -> Form:
    kind = key.split(":")[0]
    return {"project": Form.PROJECTS, "dept": Form.DEPT, "report": Form.REPORT, "eval": Form.EVALS}.get(kind, Form.TEXT)


def _projects(doc: Document, scope: Scope) -> list[tuple[int, Project]]:
    if scope.project is None:
        return list(enumerate(doc.projects))
    if not 0 <= scope.project < len(doc.projects):
        raise ScopeError(f"没有第 {scope.project + 1} 个项目（共 {len(doc.projects)} 个）")
    project = doc.projects[scope.project]
    if scope.form is Form.EVALS and project.evaluation is None:
        raise ScopeError(f"项目“{project.name}”没有自评表")
    return [(scope.project, project)]


def _text_parts(doc: Document, sheets: _Sheets, with_tables: bool) -> list[Part]:
    parts: list[Part] = []
    settings = doc.unit.printing
    overall = has_overall(doc.overall)
    if settings.cover_page and (overall or (with_tables and doc.projects)):
        parts.append(Part("cover", doc.display_title(), cover_blocks(doc), None, numbered=False))
    if overall:
        title = "第一部分 部门整体绩效目标" if settings.part_headings else f"{doc.unit.fiscal_year}年部门整体绩效目标"
        parts.append(Part("overall", title, overall_blocks(doc), sheets.name("部门整体绩效目标")))
    if with_tables and doc.projects and settings.part_headings and settings.part_two_heading:
        parts.append(Part("part2", "第二部分 预算项目绩效目标", part_two_blocks(), None))
    return parts


def _join_part_two(parts: list[Part]) -> None:
    """The first project table follows the 第二部分 heading on its page."""
    keys = [p.key for p in parts]
    if "part2" in keys and keys.index("part2") + 1 < len(parts):
        parts[keys.index("part2") + 1].new_page = False


def naming(title: str, project: Project) -> str:
    """A part's title on one line, naming its project: the running head of a continued page, the
    contents sheet and the bookmarks must say whose table it is even when the printed title does not."""
    one_line = " ".join(title.split())
    name = project.name.strip()
    return one_line if not name or name in one_line else f"{name} {one_line}"


def _project_part(doc: Document, i: int, project: Project, sheets: _Sheets) -> Part:
    title = f"{table_number(doc, i + 1)}{naming(printed_title(doc, project), project)}"
    hebei = doc.unit.layout == TableFamily.HEBEI
    if hebei:  # the notice and 资金安排表 before the table, as the families print them
        blocks = project_blocks(doc, project, i + 1)
        widths = next(b.widths for b in blocks if isinstance(b, Table))
        blocks = [*notice_blocks(project), *allocation_blocks(project, doc.unit.money_unit, widths), *blocks]
    else:
        blocks = family_project_blocks(doc, project, i + 1)
    return Part(f"project:{i}", title, blocks, sheets.name(f"{i + 1}、{project.name}"))
