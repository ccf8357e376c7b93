"""The project tree (add, duplicate, rename, reorder, delete, undo) and the live checks panel."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from perfdesk.models.findings import Form
from perfdesk.store.file import open_document
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.core.style import COLORS
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.grid.tablemodel import DR
from perfdesk.ui.shell.checks_panel import FindingRole


def _names(window) -> list[str]:
    return [p.name for p in window.session.document.projects]


def test_tree_shows_the_document_structure(opened) -> None:
    window, _ = opened
    model = window.view.tree_model
    top = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert top == ["单位信息", "部门整体绩效目标", "项目（6）", "自评"]
    evals = model.index_of(NodeKind.EVALS)
    children = [model.data(model.index(r, 0, evals)) for r in range(model.rowCount(evals))]
    assert children[0] == "自评报告" and len(children) == 7  # 自评报告, then one 自评表 per project
    assert children[1].startswith("1. 非税收入")
    overall = model.index_of(NodeKind.OVERALL)
    assert [model.data(model.index(r, 0, overall)) for r in range(3)] == [
        "总体绩效目标",
        "分项绩效目标",
        "工作保障措施",
    ]
    projects = model.index_of(NodeKind.PROJECTS)
    assert model.data(model.index(0, 0, projects)).startswith("1. 非税收入")


def test_opening_a_node_opens_or_focuses_its_tab(opened) -> None:
    window, _ = opened
    view = window.view
    model = view.tree_model
    before = view.tabs.count()
    view.tree.clicked.emit(model.index_of(NodeKind.UNIT))
    assert view.tabs.count() == before + 1 and view.current_page().node == NodeRef(NodeKind.UNIT)
    project = window.session.document.projects[2]
    view.tree.clicked.emit(model.index_of(NodeKind.PROJECT, project))
    view.tree.clicked.emit(model.index_of(NodeKind.UNIT))
    view.tree.clicked.emit(model.index_of(NodeKind.PROJECT, project))
    assert view.tabs.count() == before + 2
    assert view.current_page().node == NodeRef(NodeKind.PROJECT, project)
    window.actions_by_name["close_tab"].trigger()
    assert view.tabs.count() == before + 1


def test_add_duplicate_rename_move_delete_and_undo(opened, dialogs, qtbot) -> None:
    window, path = opened
    view, names = window.view, window.actions_by_name
    original = _names(window)
    view.tree.setFocus()
    view.tree.select_node(NodeRef(NodeKind.PROJECT, window.session.document.projects[1]))
    names["add_project"].trigger()
    assert _names(window)[2] == "新项目"
    assert isinstance(view.current_page(), ProjectEditor)
    names["duplicate_project"].trigger()
    assert _names(window)[3] == "新项目（副本）"
    # Rename in the tree (what F2 does).
    model = view.tree_model
    index = model.index_of(NodeKind.PROJECT, window.session.document.projects[3])
    assert model.setData(index, "应急物资储备项目")
    assert _names(window)[3] == "应急物资储备项目"
    assert "应急物资储备项目" in view.current_page().title()
    # Drag the renamed project to the top: the drop asks for a move, done as one command.
    mime = model.mimeData([index])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index_of(NodeKind.PROJECTS))
    qtbot.waitUntil(lambda: _names(window)[0] == "应急物资储备项目")
    # Delete it (after the question).
    view.tree.setFocus()
    view.tree.select_node(NodeRef(NodeKind.PROJECT, window.session.document.projects[0]))
    names["delete_project"].trigger()
    assert dialogs.names()[-1] == "confirm"
    assert "应急物资储备项目" not in _names(window)
    assert model.data(model.index_of(NodeKind.PROJECTS)) == "项目（7）"
    # The tree's own undo stack takes everything back, step by step.
    view.tree.setFocus()
    assert window.session.undo_group.activeStack() is window.session.stack("structure")
    for _ in range(5):
        names["undo"].trigger()
    assert _names(window) == original
    names["redo"].trigger()
    assert _names(window)[2] == "新项目"
    names["save"].trigger()
    assert [p.name for p in open_document(path).document.projects][2] == "新项目"


def test_move_up_and_down_from_the_menu(opened) -> None:
    window, _ = opened
    first, second = _names(window)[:2]
    window.view.tree.select_node(NodeRef(NodeKind.PROJECT, window.session.document.projects[0]))
    window.view.tree.setFocus()
    window.actions_by_name["project_down"].trigger()
    assert _names(window)[:2] == [second, first]
    window.actions_by_name["project_up"].trigger()
    assert _names(window)[:2] == [first, second]


def test_checks_update_live_and_jump_to_the_field(opened, ui, qtbot) -> None:
    window, _ = opened
    view = window.view
    panel = view.checks
    assert window.errors_button.text() == "0 个错误"
    page = view.current_page()
    assert isinstance(page, ProjectEditor)
    ui.type_into(page.binder.widget_for("budget_total"), "25")
    qtbot.waitUntil(lambda: any(f.code == "amount-sum" for f in panel.visible_findings()), timeout=3000)
    assert window.errors_button.text() == "1 个错误"
    finding = next(f for f in panel.visible_findings() if f.code == "amount-sum")
    assert finding.place.form is Form.PROJECT
    # The field with the finding is marked.
    assert page.binder.widget_for("budget_total").edit.property("finding") == "error"
    # Errors and warnings look different in the panel.
    rows = {panel.proxy.index(r, 0).data(FindingRole).is_error: r for r in range(panel.proxy.rowCount())}
    error_bg = panel.proxy.index(rows[True], 1).data(DR.BackgroundRole)
    warning_bg = panel.proxy.index(rows[False], 1).data(DR.BackgroundRole)
    assert error_bg == COLORS["error_bg"] and warning_bg == COLORS["warning_bg"] and error_bg != warning_bg
    # Double-click in another tab jumps back to the field.
    view.open_node(NodeRef(NodeKind.UNIT))
    panel.errors_button.click()
    assert all(f.is_error for f in panel.visible_findings())
    panel.view.doubleClicked.emit(panel.proxy.index(0, 2))
    assert view.current_page() is page
    assert QApplication.focusWidget() is page.binder.widget_for("budget_total").edit


def test_double_click_jumps_to_the_grid_cell(opened, qtbot) -> None:
    window, _ = opened
    view = window.view
    page = view.current_page()
    grid = page.tables["indicators"].grid
    model = grid.model()
    model.setData(model.index(3, 4), "")  # clear 指标值 of row 4
    qtbot.waitUntil(lambda: any(f.code == "row-missing" for f in view.checks.visible_findings()), timeout=3000)
    index = next(
        view.checks.proxy.index(r, 0)
        for r in range(view.checks.proxy.rowCount())
        if view.checks.proxy.index(r, 0).data(FindingRole).code == "row-missing"
    )
    view.open_node(NodeRef(NodeKind.SUMMARY))
    view.checks.view.doubleClicked.emit(index)
    assert view.current_page() is page
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (3, 4)
    assert grid.hasFocus()
    assert model.index(3, 4).data(DR.BackgroundRole) == COLORS["error_bg"]
    assert "指标值未填写" in model.index(3, 4).data(DR.ToolTipRole)


def test_tree_marks_projects_with_errors(opened, qtbot) -> None:
    window, _ = opened
    view = window.view
    model = view.tree_model
    project = window.session.document.projects[1]
    page = view.open_node(NodeRef(NodeKind.PROJECT, project))
    page.tables["indicators"].model.setData(page.tables["indicators"].model.index(0, 0), "无效指标")
    qtbot.waitUntil(lambda: model.counts.get(1, (0, 0))[0] > 0, timeout=3000)
    tip = model.data(model.index_of(NodeKind.PROJECT, project), DR.ToolTipRole)
    assert "个错误" in tip


def test_current_tab_filter(opened, qtbot) -> None:
    window, _ = opened
    panel = window.view.checks
    total = len(panel.visible_findings())
    panel.current_only.setChecked(True)
    shown = panel.visible_findings()
    assert len(shown) < total
    assert all(f.place.project == 0 for f in shown)
    assert QModelIndex() is not None
