"""What to export or print: the whole document, or the form or project in the front tab."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from perfdesk.export.service import Form, Scope
from perfdesk.models.document import Document
from perfdesk.ui.core.nodes import NodeKind, NodeRef

_TEXT_NODES = (NodeKind.UNIT, NodeKind.OVERALL, NodeKind.SUMMARY, NodeKind.SUBTARGETS, NodeKind.MEASURES)
_FILE_BAD = re.compile(r'[\\/:*?"<>|\s]+')


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("scopes", text)


@dataclass(frozen=True)
class ScopeChoice:
    """A scope with its label in a dialog and the words it adds to a file name."""

    scope: Scope
    label: str
    file_part: str = ""  # "" for the whole document


def whole_document() -> ScopeChoice:
    """The whole document, in print order."""
    return ScopeChoice(Scope(), tr("整个文档"))


def current_choices(doc: Document, node: NodeRef | None) -> list[ScopeChoice]:
    """The scopes the front tab stands for (none when it shows nothing exportable on its own)."""
    if node is None:
        return []
    if node.kind is NodeKind.PROJECT or node.kind == "evaluation":
        return _project_choices(doc, node)
    if node.kind == "evals":  # the 自评 group (compared by value: older trees have no such node)
        return [ScopeChoice(Scope(Form.EVALS), tr("全部项目支出绩效自评表"), tr("项目支出绩效自评表"))]
    if node.kind is NodeKind.PROJECTS:
        return [ScopeChoice(Scope(Form.PROJECTS), tr("全部项目绩效目标表"), tr("项目绩效目标表"))]
    if node.kind in _TEXT_NODES:
        return [ScopeChoice(Scope(Form.TEXT), tr("部门整体绩效目标（文本）"), tr("部门整体绩效目标"))]
    if node.kind is NodeKind.DEPT:
        return [ScopeChoice(Scope(Form.DEPT), tr("部门整体预算绩效目标表"), tr("部门整体预算绩效目标表"))]
    if node.kind is NodeKind.SELF:
        return [ScopeChoice(Scope(Form.REPORT), tr("整体支出绩效自评报告"), tr("自评报告"))]
    return []


def _project_choices(doc: Document, node: NodeRef) -> list[ScopeChoice]:
    """A project's 绩效目标表 and, when it has one, its 自评表 (first when the tab shows the 自评表)."""
    index = next((i for i, p in enumerate(doc.projects) if p is node.project), None)
    if index is None:
        return []
    project = doc.projects[index]
    name = f"{index + 1}、{project.name.strip() or tr('未命名项目')}"
    choices = [ScopeChoice(Scope(Form.PROJECTS, index), tr("当前项目：{name}").format(name=name), name)]
    if project.evaluation is not None:
        label = tr("当前项目的自评表：{name}").format(name=name)
        evaluation = ScopeChoice(Scope(Form.EVALS, index), label, tr("{name}自评表").format(name=name))
        choices = [evaluation, *choices] if node.kind == "evaluation" else [*choices, evaluation]
    return choices


def choices_for(doc: Document, node: NodeRef | None) -> list[ScopeChoice]:
    """The whole document first, then what the front tab shows."""
    return [whole_document(), *current_choices(doc, node)]


def file_stem(doc: Document, choice: ScopeChoice) -> str:
    """A file name (without suffix) from the unit, the year and the scope."""
    unit = doc.unit.name.strip() or tr("未命名单位")
    stem = tr("{unit}{year}年预算绩效目标").format(unit=unit, year=doc.unit.fiscal_year)
    if choice.file_part:
        stem = tr("{unit}{year}年_{part}").format(unit=unit, year=doc.unit.fiscal_year, part=choice.file_part)
    return _FILE_BAD.sub("_", stem).strip("._") or "perfdesk"


class ScopeBox(QWidget):
    """Radio buttons, one per scope choice; the first is checked."""

    def __init__(self, choices: list[ScopeChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.group = QButtonGroup(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        for i, choice in enumerate(choices):
            button = QRadioButton(choice.label)
            button.setChecked(i == 0)
            self.group.addButton(button, i)
            box.addWidget(button)

    def chosen(self) -> ScopeChoice:
        """The checked choice."""
        return self.choices[max(self.group.checkedId(), 0)]

    def choose(self, index: int) -> None:
        """Check the choice at ``index``."""
        button = self.group.button(index)
        if button is not None:
            button.setChecked(True)
