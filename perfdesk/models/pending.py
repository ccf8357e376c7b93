"""待填: the empty required fields of a form the clerk has not touched yet (issue 14, item 7).

A brand-new document is not a wall of red.  A finding of a rule about an empty required field
(``Rule.blank`` in :mod:`perfdesk.models.rules`) on a form the clerk has not edited is *pending*
(待填) rather than an error or a warning; it becomes a normal finding as soon as the clerk edits
that form, or for the whole document when 审核 is run explicitly.  A form is one key: a
non-project form (单位信息, 部门整体绩效目标, 部门整体表, 自评报告) or one project (its target table
and its 自评表 together).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from perfdesk.models.document import (
    DeptIndicator,
    DeptTable,
    Document,
    EvalRow,
    Indicator,
    KeyTask,
    MeasureGroup,
    Measures,
    OtherTask,
    OverallTarget,
    Project,
    ProjectEval,
    ReportTarget,
    SelfReport,
    SubTarget,
    TeamMember,
    UnitInfo,
)
from perfdesk.models.findings import Finding, Form
from perfdesk.models.rules import blank_rule

# A touched form: a non-project Form, or the id() of a touched Project (ids follow moves and
# deletions of projects without renumbering; a project's two tables count as one form).
FormKey = Form | int

NON_PROJECT_FORMS: tuple[Form, ...] = (Form.UNIT, Form.OVERALL, Form.DEPT_TABLE, Form.SELF_REPORT)

_FORM_OF_TYPE: dict[type, Form] = {
    UnitInfo: Form.UNIT,
    OverallTarget: Form.OVERALL,
    SubTarget: Form.OVERALL,
    Measures: Form.OVERALL,
    MeasureGroup: Form.OVERALL,
    DeptTable: Form.DEPT_TABLE,
    KeyTask: Form.DEPT_TABLE,
    OtherTask: Form.DEPT_TABLE,
    DeptIndicator: Form.DEPT_TABLE,
    SelfReport: Form.SELF_REPORT,
    TeamMember: Form.SELF_REPORT,
    ReportTarget: Form.SELF_REPORT,
}


def key_of(finding: Finding, doc: Document) -> FormKey:
    """The form a finding belongs to, for 待填 purposes."""
    place = finding.place
    project = place.project
    if place.form in (Form.PROJECT, Form.EVALUATION) and project is not None and project < len(doc.projects):
        return id(doc.projects[project])
    return place.form


def keys_of_edit(target: object, scope: Project | None) -> list[FormKey]:
    """The forms an edit touched: the scope's project, else the form of the edited object.

    An edit whose form cannot be told (a list of plain text, say) touches every non-project
    form, so nothing is ever held back wrongly.
    """
    if scope is not None:
        return [id(scope)]
    if isinstance(target, Project | Indicator | ProjectEval | EvalRow):
        return [id(target)] if isinstance(target, Project) else []
    form = _FORM_OF_TYPE.get(type(target))
    return [form] if form is not None else list(NON_PROJECT_FORMS)


@dataclass
class PendingFilter:
    """Which forms the clerk has touched; splits findings into shown and 待填."""

    active: bool = False  # False: nothing is pending (an opened file, or after an explicit 审核)
    touched: set[FormKey] = field(default_factory=set)

    def touch(self, keys: Iterable[FormKey]) -> None:
        """Record edits on these forms."""
        self.touched.update(keys)

    def release_all(self) -> None:
        """审核 run explicitly: every finding is shown from now on."""
        self.active = False

    def split(self, findings: list[Finding], doc: Document) -> tuple[list[Finding], list[Finding]]:
        """(findings to show, 待填 findings)."""
        if not self.active:
            return findings, []
        shown: list[Finding] = []
        pending: list[Finding] = []
        for finding in findings:
            held = blank_rule(finding.code) and key_of(finding, doc) not in self.touched
            (pending if held else shown).append(finding)
        return shown, pending
