"""New documents from a template: the Hebei text with one project, the Guangdong table, a self-report."""

from __future__ import annotations

from enum import StrEnum

from perfdesk.models.document import (
    DeptIndicator,
    DeptLayout,
    DeptTable,
    Document,
    Framework,
    Indicator,
    Layout,
    MeasureGroup,
    Measures,
    MeasuresKind,
    OverallTarget,
    Project,
    SelfReport,
    TeamMember,
    UnitInfo,
)
from perfdesk.models.frameworks import FRAMEWORKS


class Template(StrEnum):
    """What a new document starts with."""

    HEBEI = "hebei"
    GUANGDONG = "guangdong"
    HUNAN_DEPT = "hunan_dept"
    SELF_REPORT = "self_report"
    BLANK = "blank"


TEMPLATE_NAMES = {
    Template.HEBEI: "部门预算绩效文本（河北格式：部门整体绩效目标 + 项目绩效目标表）",
    Template.GUANGDONG: "部门整体预算绩效目标表（广东格式）",
    Template.HUNAN_DEPT: "部门整体支出绩效目标申报表（湖南、湖北格式）",
    Template.SELF_REPORT: "整体支出绩效自评报告",
    Template.BLANK: "空白文档（只有单位信息）",
}


def skeleton_indicators(framework: Framework) -> list[Indicator]:
    """One row per 二级 category of the framework, 一级/二级 filled, the rest for the clerk."""
    spec = FRAMEWORKS[framework]
    return [Indicator(level1=l1, level2=l2) for l1 in spec.level1_names() for l2 in spec.level2_names(l1)]


def new_project(framework: Framework, name: str = "") -> Project:
    """A project table with the framework's indicator skeleton."""
    return Project(name=name, indicators=skeleton_indicators(framework), goals=[""])


def new_document(
    name: str,
    code: str,
    year: int,
    framework: Framework,
    template: Template,
    department: str = "",
    layout: Layout = Layout.HEBEI,
) -> Document:
    """A document for a unit and year, filled in as far as the template goes, its projects in ``layout``."""
    unit = UnitInfo(
        name=name.strip(),
        code=code.strip(),
        department=department.strip(),
        fiscal_year=year,
        framework=framework,
        layout=layout,
    )
    doc = Document(unit=unit)
    if template is Template.HEBEI:
        groups = [MeasureGroup(title="业务层面"), MeasureGroup(title="财务层面")]
        doc.overall = OverallTarget(measures=Measures(kind=MeasuresKind.GROUPED, groups=groups))
        doc.projects = [new_project(framework, "新项目")]
    elif template in (Template.GUANGDONG, Template.HUNAN_DEPT):
        spec = FRAMEWORKS[framework]
        rows = [DeptIndicator(level1=l1, level2=l2) for l1 in spec.level1_names() for l2 in spec.level2_names(l1)]
        doc.dept_table = DeptTable(dept_name=unit.name, goals=[""], indicators=rows)
        if template is Template.HUNAN_DEPT:
            doc.dept_table.layout, doc.dept_table.goals = DeptLayout.HUNAN, []
    elif template is Template.SELF_REPORT:
        team = [TeamMember(role=role) for role in ("组长", "副组长", "组员", "联络人")]
        doc.self_report = SelfReport(year=year, team=team)
    return doc
