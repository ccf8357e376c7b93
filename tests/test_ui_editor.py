"""The editor end to end: new document, a project with header and grid, paste, undo, save, reopen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from perfdesk.models.document import Framework
from perfdesk.store.file import open_document
from perfdesk.ui.dialogs.newdoc import Template, new_document
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.grid.gridview import set_clipboard

EXCEL_BLOCK = (
    "效益指标\t社会效益指标\t群众安全感\t提升群众安全感\t≥90%\t历史标准\r\n"
    "\t\t宣传覆盖率\t安全宣传覆盖全部乡镇\t100%\t工作计划\r\n"
    '满意度指标\t服务对象满意度指标\t群众满意度\t"问卷调查\n满意率"\t≥95%\t行业标准\r\n'
)


def _new_blank(window, dialogs):
    dialogs.new_document = new_document("测试县应急管理局", "426099", 2025, Framework.Y2015, Template.BLANK)
    window.actions_by_name["new"].trigger()
    assert window.session is not None
    return window.session


def test_create_fill_paste_undo_save_reopen(window, dialogs, ui, qtbot, tmp_path: Path) -> None:
    session = _new_blank(window, dialogs)
    window.actions_by_name["add_project"].trigger()
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    project = session.document.projects[0]

    # Header: Chinese through the input method, codes and amounts from the keyboard.
    b = page.binder
    ui.type_into(b.widget_for("name"), "安全生产监管专项")
    ui.type_into(b.widget_for("code"), "13020225P001")
    ui.type_into(b.widget_for("budget_total"), "30")
    ui.type_into(b.widget_for("budget_fiscal"), "20")
    ui.type_into(b.widget_for("budget_other"), "10")
    assert project.name == "安全生产监管专项"
    assert project.budget_total == Decimal("30")
    assert "✓" in page.sum_text()
    ui.type_into(b.widget_for("budget_other"), "5")
    assert "✗" in page.sum_text() and "相差 5.00" in page.sum_text()
    ui.type_into(b.widget_for("budget_other"), "10")
    ui.type_into(b.widget_for("plan_dec"), "100")

    # Bad money text stays on screen with the reason; the document keeps the last readable value
    # (blank here: the input method cleared the selected amount before the text was committed).
    fiscal = b.widget_for("budget_fiscal")
    ui.type_into(fiscal, "20万x")
    assert fiscal.edit.text() == "20万x"
    assert "不是金额" in fiscal.error()
    assert project.budget_fiscal is None
    [problem] = page.invalid_inputs()
    assert "财政资金" in problem and "“20万x”不是金额" in problem
    ui.type_into(fiscal, "20")
    assert fiscal.error() == ""

    # Grid: the new project starts with one row per 二级 of the framework.
    grid = page.tables["indicators"].grid
    assert [i.level2 for i in project.indicators][:2] == ["数量指标", "质量指标"]
    ui.type_cell(grid, 0, 2, "安全检查次数", then="tab")
    ui.type_cell(grid, 0, 3, "开展安全生产督导检查", then="tab")
    ui.type_cell(grid, 0, 4, "≥12次", then="tab")
    ui.type_cell(grid, 0, 5, "工作计划", then="enter")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 5)
    first = project.indicators[0]
    assert (first.level3, first.description, first.value, first.basis) == (
        "安全检查次数",
        "开展安全生产督导检查",
        "≥12次",
        "工作计划",
    )

    # Paste three rows copied from Excel into the blank row at the bottom.
    rows_before = len(project.indicators)
    set_clipboard(EXCEL_BLOCK)
    grid.setCurrentIndex(grid.model().index(rows_before, 0))
    QTest.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = project.indicators[rows_before:]
    assert [(i.level1, i.level2, i.level3) for i in pasted] == [
        ("效益指标", "社会效益指标", "群众安全感"),
        ("效益指标", "社会效益指标", "宣传覆盖率"),  # merged labels filled down
        ("满意度指标", "服务对象满意度指标", "群众满意度"),
    ]
    assert pasted[2].description == "问卷调查\n满意率"

    # Undo takes the paste back as one step; redo brings it again.
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    grid.setFocus()
    undo.trigger()
    assert len(project.indicators) == rows_before
    redo.trigger()
    assert len(project.indicators) == rows_before + 3
    undo.trigger()
    undo.trigger()  # the 依据 cell typed before
    assert project.indicators[0].basis == ""
    redo.trigger()
    redo.trigger()
    assert project.indicators[0].basis == "工作计划"

    # Unsaved edits show on the tab and in the title; saving clears them.
    def project_tab() -> str:
        return next(t for t in window.view.tab_titles() if "安全生产监管专项" in t)

    assert project_tab().endswith("●")
    assert window.isWindowModified()
    target = tmp_path / "测试.perfdesk"
    dialogs.save_path = target
    window.actions_by_name["save"].trigger()
    assert target.is_file()
    assert not window.isWindowModified()
    assert "●" not in project_tab()

    doc = open_document(target).document
    assert doc.unit.name == "测试县应急管理局"
    saved = doc.projects[0]
    assert (saved.name, saved.code) == ("安全生产监管专项", "13020225P001")
    assert (saved.budget_total, saved.budget_fiscal, saved.budget_other) == (Decimal(30), Decimal(20), Decimal(10))
    assert saved.plan_dec == Decimal(100)
    assert saved.indicators[0].level3 == "安全检查次数"
    assert saved.indicators[-2].level1 == "效益指标"
    assert saved.indicators[-1].description == "问卷调查\n满意率"
    assert len(saved.indicators) == rows_before + 3

    # Reopen in the window: the tree and the grid show the saved file.
    assert window.close_document()
    reopened = window.open_file(target)
    assert reopened is window
    assert window.view.tree_model.data(window.view.tree_model.index_of(window.view.tree_model.top_kinds()[2]))
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    assert page.tables["indicators"].model.cell_text(0, 2) == "安全检查次数"
