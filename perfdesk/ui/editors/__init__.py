"""The tabbed editors, one per kind of tree node; :func:`create_editor` picks the right one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.editors.base import EditorPage


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("editors", text)


def create_editor(session: DocumentSession, node: NodeRef) -> EditorPage:
    """The editor page for a tree node."""
    from perfdesk.ui.editors import dept, evaluation, overall, overview, project, selfreport, unit

    doc = session.document
    kind = node.kind
    if kind is NodeKind.UNIT:
        return unit.UnitEditor(session, node)
    if kind in (NodeKind.SUMMARY, NodeKind.OVERALL):
        return overall.SummaryEditor(session, NodeRef(NodeKind.SUMMARY))
    if kind is NodeKind.SUBTARGETS:
        return overall.SubTargetsEditor(session, node)
    if kind is NodeKind.MEASURES:
        return overall.MeasuresEditor(session, node)
    if kind is NodeKind.PROJECT:
        return project.ProjectEditor(session, node)
    if kind is NodeKind.PROJECTS:
        return overview.ProjectsOverview(session, node)
    if kind is NodeKind.DEPT:
        if doc.dept_table is None:
            text = tr("本文档没有部门整体预算绩效目标表（广东格式）。需要时可在此添加。")
            return selfreport.MissingPart(session, node, "dept_table", text, tr("添加部门整体预算绩效目标表"))
        return dept.DeptTableEditor(session, node)
    if kind is NodeKind.EVALUATION:
        return evaluation.EvaluationEditor(session, node)
    if kind in (NodeKind.SELF, NodeKind.EVALS):
        if doc.self_report is None:
            text = tr("本文档还没有整体支出绩效自评报告。年度结束后，可在此添加并填写自评报告。")
            return selfreport.MissingPart(session, NodeRef(NodeKind.SELF), "self_report", text, tr("添加自评报告"))
        return selfreport.SelfReportEditor(session, NodeRef(NodeKind.SELF))
    raise ValueError(kind)


__all__ = ["EditorPage", "create_editor"]
