"""A new document is not a wall of red: blank required fields of untouched forms are 待填 (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfdesk.models.document import Framework
from perfdesk.models.pending import PendingFilter
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.newdoc import Template, new_document
from perfdesk.ui.editors.unit import UnitEditor


def _new_hebei(window, dialogs):
    dialogs.new_document = new_document("测试县应急管理局", "426099", 2025, Framework.Y2015, Template.HEBEI)
    window.actions_by_name["new"].trigger()
    assert window.session is not None
    return window.session


def test_new_document_counts_blank_fields_as_pending(window, dialogs, ui, qtbot) -> None:
    session = _new_hebei(window, dialogs)
    runner = window.view.runner
    assert runner.findings == []
    assert {f.code for f in runner.pending} == {"goals-empty", "row-empty"}
    assert window.errors_button.text() == "0 个错误" and window.warnings_button.text() == "0 个警告"
    assert window.pending_button.isVisible() and window.pending_button.text() == "2 项待填"
    assert window.view.checks.title.text() == "审核结果：未发现问题（另有 2 项待填）"
    # Editing the project's form shows that form's blank fields.
    project = session.document.projects[0]
    window.view.open_node(NodeRef(NodeKind.PROJECT, project))
    page = window.view.current_page()
    ui.type_into(page.binder.widget_for("code"), "P001")
    qtbot.waitUntil(lambda: not runner.pending, timeout=3000)
    assert {f.code for f in runner.findings} == {"goals-empty", "row-empty"}
    assert window.warnings_button.text() == "2 个警告" and not window.pending_button.isVisible()


def test_editing_another_form_keeps_the_project_pending(window, dialogs, ui, qtbot) -> None:
    session = _new_hebei(window, dialogs)
    runner = window.view.runner
    window.view.open_node(NodeRef(NodeKind.UNIT))
    page = window.view.current_page()
    assert isinstance(page, UnitEditor)
    ui.type_into(page.binder.widget_for("department"), "测试县人民政府")
    qtbot.waitUntil(lambda: session.document.unit.department == "测试县人民政府", timeout=3000)
    runner.run()
    assert runner.findings == [] and len(runner.pending) == 2


def test_audit_shows_everything(window, dialogs, qtbot) -> None:
    _new_hebei(window, dialogs)
    window.pending_button.click()
    runner = window.view.runner
    assert runner.pending == [] and len(runner.findings) == 2
    assert window.view.checks.isVisible() and not window.pending_button.isVisible()


def test_an_opened_file_holds_nothing_back(opened) -> None:
    window, _ = opened
    assert window.view.runner.pending == [] and not window.pending_button.isVisible()


def test_rule_set_combo_in_unit_info(window, dialogs, qtbot) -> None:
    session = _new_hebei(window, dialogs)
    window.view.open_node(NodeRef(NodeKind.UNIT))
    combo = window.view.current_page().binder.widget_for("rule_set")
    assert combo.count() == 5 and combo.currentText() == "全国（默认）"
    combo.activated.emit(1)  # 河北
    assert session.document.unit.rule_set == "hebei"
    assert session.is_modified()  # a real edit, through an undo stack


def test_pending_filter_model() -> None:
    doc = new_document("某局", "1", 2025, Framework.Y2015, Template.GUANGDONG)
    from perfdesk.models.checks import check_document

    findings = check_document(doc)
    shown, pending = PendingFilter(active=True).split(findings, doc)
    assert shown == [] and [f.code for f in pending] == ["dept-goals"]
    assert PendingFilter(active=False).split(findings, doc) == (findings, [])


def test_finding_tooltip_names_its_rule_and_source(opened) -> None:
    from perfdesk.ui.shell.checks_panel import FindingRole

    window, _ = opened
    model = window.view.checks.proxy
    index = model.index(0, 2)
    finding = index.data(FindingRole)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(finding.message) and f"规则：{finding.code}（依据：" in tip
