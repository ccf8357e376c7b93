"""What the project tree shows and what a tab edits: a node kind and, for projects, the project."""

from __future__ import annotations

from enum import StrEnum

from perfdesk.models.document import Project


class NodeKind(StrEnum):
    """The kinds of nodes in the project tree."""

    UNIT = "unit"
    OVERALL = "overall"
    SUMMARY = "summary"
    SUBTARGETS = "subtargets"
    MEASURES = "measures"
    DEPT = "dept"
    PROJECTS = "projects"
    PROJECT = "project"
    SELF = "self"  # 自评报告 (F4), under the 自评 group
    EVALS = "evals"  # the 自评 group: 自评报告 and one 自评表 per project
    EVALUATION = "evaluation"  # a project's 项目支出绩效自评表 (F5)


TITLES = {
    NodeKind.UNIT: "单位信息",
    NodeKind.OVERALL: "部门整体绩效目标",
    NodeKind.SUMMARY: "总体绩效目标",
    NodeKind.SUBTARGETS: "分项绩效目标",
    NodeKind.MEASURES: "工作保障措施",
    NodeKind.DEPT: "部门整体预算绩效目标表",
    NodeKind.PROJECTS: "项目",
    NodeKind.SELF: "自评报告",
    NodeKind.EVALS: "自评",
    NodeKind.EVALUATION: "项目支出绩效自评表",
}

OVERALL_CHILDREN = (NodeKind.SUMMARY, NodeKind.SUBTARGETS, NodeKind.MEASURES)


class NodeRef:
    """A node of the tree; equal when the kind and the (identical) project are equal."""

    __slots__ = ("kind", "project")

    def __init__(self, kind: NodeKind, project: Project | None = None) -> None:
        self.kind = kind
        self.project = project

    @property
    def key(self) -> tuple[str, int]:
        """A hashable key: the kind and the project's identity."""
        return (self.kind.value, id(self.project) if self.project is not None else 0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NodeRef) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"NodeRef({self.kind.value}, {self.project.name if self.project else ''})"


def project_label(project: Project, index: int) -> str:
    """How a project is named in the tree and on its tab."""
    return f"{index + 1}. {project.name.strip() or '（未命名项目）'}"
