"""Every editor: unit settings, overall target texts and lists, the Guangdong table, the self-report."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfdesk.models.document import Framework, MeasuresKind, Orientation, PageStyle
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.newdialog import NewDocumentDialog
from perfdesk.ui.editors.dept import DeptTableEditor
from perfdesk.ui.editors.overall import MeasuresEditor, SubTargetsEditor, SummaryEditor
from perfdesk.ui.editors.selfreport import MissingPart, SelfReportEditor
from perfdesk.ui.editors.unit import UnitEditor
from perfdesk.ui.grid.gridview import set_clipboard
from perfdesk.ui.grid.tablemodel import DR, ChoicesRole


def _open(window, name: str, kind: NodeKind):
    window.open_sample(name)
    return window.view.open_node(NodeRef(kind))


def test_unit_framework_change_switches_the_dropdowns_and_undoes(window, qtbot) -> None:
    page = _open(window, "changli-2021", NodeKind.UNIT)
    assert isinstance(page, UnitEditor)
    doc = window.session.document
    combo = page.binder.widget_for("framework")
    combo.activated.emit(list(Framework).index(Framework.Y2021))
    assert doc.unit.framework is Framework.Y2021
    project_page = window.view.open_node(NodeRef(NodeKind.PROJECT, doc.projects[0]))
    model = project_page.tables["indicators"].model
    assert model.index(0, 0).data(ChoicesRole)[0] == "成本指标"
    window.view.open_node(NodeRef(NodeKind.UNIT))
    window.actions_by_name["undo"].trigger()
    assert doc.unit.framework is Framework.Y2015
    assert combo.currentIndex() == list(Framework).index(Framework.Y2015)
    assert "成本指标" not in model.index(0, 0).data(ChoicesRole)


def test_summary_typing_is_one_undo_step_per_burst(window, ui) -> None:
    page = _open(window, "changli-2021", NodeKind.SUMMARY)
    assert isinstance(page, SummaryEditor)
    doc = window.session.document
    before = doc.overall.summary
    text = page.binder.widget_for("summary")
    text.setFocus()
    text.moveCursor(text.textCursor().MoveOperation.End)
    for piece in ("今年", "新增", "应急演练。"):
        ui.ime(text, piece)
    assert doc.overall.summary == before + "今年新增应急演练。"
    assert page.stack.count() == 1
    window.actions_by_name["undo"].trigger()
    assert doc.overall.summary == before
    assert text.toPlainText() == before


def test_sub_targets_list_add_move_remove(window, ui) -> None:
    page = _open(window, "changli-2021", NodeKind.SUBTARGETS)
    assert isinstance(page, SubTargetsEditor)
    items = window.session.document.overall.sub_targets
    count = len(items)
    grid = page.tables["sub_targets"].grid
    ui.type_cell(grid, count, 0, "应急物资保障")  # the blank row adds an item
    assert len(items) == count + 1 and items[-1].title == "应急物资保障"
    grid.setCurrentIndex(grid.model().index(count, 0))
    grid.actions_by_name["move_up"].trigger()
    assert items[count - 1].title == "应急物资保障"
    assert grid.model().headerData(0, Qt.Orientation.Vertical) == "（一）"
    grid.actions_by_name["delete_row"].trigger()
    assert len(items) == count
    grid.setFocus()
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert items[-1].title == "应急物资保障"


def test_measures_groups_and_kinds(window, ui) -> None:
    page = _open(window, "gaoxin-2022", NodeKind.MEASURES)
    assert isinstance(page, MeasuresEditor)
    measures = window.session.document.overall.measures
    assert measures.kind is MeasuresKind.GROUPED
    groups = len(measures.groups)
    assert [k for k in page.tables if k.startswith("measures:")] == [f"measures:{i}" for i in range(groups)]
    page.add_group_button.click()
    assert len(measures.groups) == groups + 1
    table = page.tables[f"measures:{groups}"]
    ui.type_cell(table.grid, 0, 0, "加强资金监管")
    assert measures.groups[-1].items == ["加强资金监管"]
    page.binder.widget_for("kind").activated.emit(2)  # 自由段落: the lists are hidden
    assert measures.kind is MeasuresKind.TEXT
    assert not any(k.startswith("measures:") for k in page.tables)
    for _ in range(3):
        window.actions_by_name["undo"].trigger()
    assert measures.kind is MeasuresKind.GROUPED and len(measures.groups) == groups


def test_guangdong_table_amounts_tasks_and_indicators(window, ui) -> None:
    page = _open(window, "dongguan-2024", NodeKind.DEPT)
    assert isinstance(page, DeptTableEditor)
    table = window.session.document.dept_table
    assert page.balance.text().startswith(("✓", "✗"))
    tasks = page.tables["key_tasks"].grid
    amount_col = 2
    ui.type_cell(tasks, 0, amount_col, "12万x")
    model = tasks.model()
    assert model.index(0, amount_col).data() == "12万x"
    assert "不是金额" in model.index(0, amount_col).data(DR.ToolTipRole)
    assert any("拟投入的资金" in p for p in page.invalid_inputs())
    ui.type_cell(tasks, 0, amount_col, "1,200,000")
    assert table.key_tasks[0].amount_yuan == Decimal("1200000")
    assert model.index(0, amount_col).data(DR.ToolTipRole) is None
    # Two value columns in the indicator grid; a pasted block lands in both.
    grid = page.tables["indicators"].grid
    rows = len(table.indicators)
    set_clipboard("产出指标\t数量指标\t培训人次\t≥3000人次\t≥1000人次\n")
    grid.setCurrentIndex(grid.model().index(rows, 0))
    grid.actions_by_name["paste"].trigger()
    pasted = next(i for i in table.indicators if i.level3 == "培训人次")  # placed in its 一级 group
    assert (pasted.period_value, pasted.annual_value) == ("≥3000人次", "≥1000人次")
    ui.type_into(page.binder.widget_for("basic_expense"), "abc")
    assert "不是金额" in page.binder.widget_for("basic_expense").error()


def test_self_report_fields_grade_and_team(window, ui) -> None:
    page = _open(window, "gaoxin-selfeval-2024", NodeKind.SELF)
    assert isinstance(page, SelfReportEditor)
    report = window.session.document.self_report
    ui.type_into(page.binder.widget_for("score"), "88.5")
    assert report.score == Decimal("88.5")
    assert "评价等级：" in page.grade.text()
    team = page.tables["team"].grid
    count = len(report.team)
    ui.type_cell(team, count, 1, "张三")
    assert report.team[-1].name == "张三"
    ui.type_into(page.binder.widget_for("problems"), "资金支付进度偏慢。")
    assert report.problems == "资金支付进度偏慢。"


def test_missing_self_report_can_be_added_and_undone(window) -> None:
    page = _open(window, "changli-2021", NodeKind.SELF)
    assert isinstance(page, MissingPart)
    page.button.click()
    assert window.session.document.self_report is not None
    assert isinstance(window.view.current_page(), SelfReportEditor)
    window.view.tree.setFocus()
    window.actions_by_name["undo"].trigger()
    assert window.session.document.self_report is None
    assert isinstance(window.view.open_node(NodeRef(NodeKind.SELF)), MissingPart)


def test_grid_keyboard_copy_delete_and_row_actions(window, ui) -> None:
    window.open_sample("gaoxin-2022")
    page = window.view.current_page()
    grid = page.tables["indicators"].grid
    model = grid.model()
    indicators = window.session.document.projects[0].indicators
    grid.setFocus()
    grid.select_block(0, 2, 2, 2)
    QTest.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines == [
        f"{indicators[0].level3}\t{indicators[0].description}",
        f"{indicators[1].level3}\t{indicators[1].description}",
    ]
    # Enter moves down without editing; Del clears the selection in one step.
    grid.setCurrentIndex(model.index(0, 4))
    QTest.keyClick(grid, Qt.Key.Key_Return)
    assert grid.currentIndex().row() == 1
    value = indicators[1].value
    QTest.keyClick(grid, Qt.Key.Key_Delete)
    assert indicators[1].value == ""
    window.actions_by_name["undo"].trigger()
    assert indicators[1].value == value
    # Insert above, delete, move.
    count = len(indicators)
    grid.setCurrentIndex(model.index(1, 2))
    grid.actions_by_name["insert_row"].trigger()
    assert len(indicators) == count + 1 and indicators[1].level3 == ""
    assert indicators[1].level1 == indicators[0].level1  # merged labels carry on into a new row
    grid.actions_by_name["delete_row"].trigger()
    assert len(indicators) == count
    first = indicators[0].level3
    grid.setCurrentIndex(model.index(0, 2))
    grid.actions_by_name["move_down"].trigger()
    assert indicators[1].level3 == first and grid.currentIndex().row() == 1


def test_paste_of_a_word_table(window) -> None:
    window.open_sample("gaoxin-2022")
    page = window.view.current_page()
    grid = page.tables["indicators"].grid
    indicators = window.session.document.projects[0].indicators
    rows = len(indicators)
    set_clipboard(
        "一级指标\t二级指标\n产出指标\t时效指标\n",  # Word's plain text is not used for tables
        '<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><table>'
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>绩效指标描述</td><td>指标值</td><td>指标值确定依据</td></tr>"
        '<tr><td rowspan="2">产出指标</td><td rowspan="2">时效指标</td><td>完成时间</td><td>年底前完成</td><td>12月底之前</td><td>计划</td></tr>'
        "<tr><td>启动时间</td><td>一季度启动</td><td>3月底之前</td><td>计划</td></tr></table></body></html>",
    )
    grid.setCurrentIndex(grid.model().index(rows, 0))
    grid.paste()
    added = [i for i in indicators if i.level3 in ("完成时间", "启动时间")]  # placed in their 一级 group
    assert len(indicators) == rows + 2
    assert [(i.level1, i.level2, i.level3, i.value) for i in added] == [
        ("产出指标", "时效指标", "完成时间", "12月底之前"),
        ("产出指标", "时效指标", "启动时间", "3月底之前"),
    ]


def test_find_jumps_to_a_cell(window, qtbot) -> None:
    window.open_sample("changli-2021")
    view = window.view
    window.actions_by_name["find"].trigger()
    assert view.find_bar.isVisible()
    view.find_bar.edit.setText("自然灾害普查")
    assert view.find_bar.hits
    view.find_bar.edit.returnPressed.emit()
    place = view.find_bar.hits[0]
    assert "1/" in view.find_bar.count.text()
    page = view.current_page()
    assert page is not None and page.node == view.node_for(place)
    window.actions_by_name["find_next"].trigger()
    assert "2/" in view.find_bar.count.text()


def test_new_document_dialog_builds_the_template(app, qtbot) -> None:
    dialog = NewDocumentDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.name.setText("测试局")
    dialog.code.setText("100001")
    dialog.year.setValue(2026)
    assert ok.isEnabled()
    doc = dialog.document()
    assert (doc.unit.name, doc.unit.code, doc.unit.fiscal_year, doc.unit.framework) == (
        "测试局",
        "100001",
        2026,
        Framework.Y2021,
    )
    assert doc.projects[0].indicators[0].level1 == "成本指标"  # the 2021 framework prints cost first
    dialog.template.setCurrentIndex(1)
    assert dialog.document().dept_table is not None


def test_help_and_about(window, dialogs) -> None:
    window.actions_by_name["help"].trigger()
    window.actions_by_name["about"].trigger()
    assert dialogs.names() == ["show_help", "show_info"]
    assert QApplication.activeModalWidget() is None


def test_ctrl_z_in_a_field_undoes_through_the_edit_menu(window, ui) -> None:
    window.open_sample("changli-2021")
    page = window.view.current_page()
    name = page.binder.widget_for("name")
    project = window.session.document.projects[0]
    before = project.name
    ui.type_into(name, "改过的名称")
    assert project.name == "改过的名称"
    QTest.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.name == before
    assert name.text() == before
    QTest.keyClick(name, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert project.name == "改过的名称"


def test_print_settings_are_edited_in_unit_info_and_undo(window, qtbot) -> None:
    page = _open(window, "changli-2021", NodeKind.UNIT)
    doc = window.session.document
    cover = page.binder.widget_for("cover_page")
    assert not cover.isChecked()  # seed 001 has no title page
    cover.click()
    assert doc.unit.printing.cover_page
    style = page.binder.widget_for("page_style")
    assert doc.unit.printing.page_style is PageStyle.GONGWEN
    style.activated.emit(1)
    assert doc.unit.printing.page_style is PageStyle.TABLE
    window.view.open_node(NodeRef(NodeKind.PROJECT, doc.projects[0]))
    assert window.view.open_node(NodeRef(NodeKind.UNIT)) is page  # the unit page's undo stack is active
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert doc.unit.printing.page_style is PageStyle.GONGWEN and not doc.unit.printing.cover_page
    assert not cover.isChecked()


def test_table_orientation_is_chosen_in_unit_info(window, qtbot) -> None:
    page = _open(window, "changli-2021", NodeKind.UNIT)
    doc = window.session.document
    turn = page.binder.widget_for("orientation")
    assert doc.unit.printing.orientation is Orientation.AUTO and turn.currentIndex() == 0
    assert [turn.itemText(i)[:2] for i in range(turn.count())] == ["自动", "纵向", "横向"]
    turn.activated.emit(2)
    assert doc.unit.printing.orientation is Orientation.LANDSCAPE
    window.view.open_node(NodeRef(NodeKind.PROJECT, doc.projects[0]))
    assert window.view.open_node(NodeRef(NodeKind.UNIT)) is page
    window.actions_by_name["undo"].trigger()
    assert doc.unit.printing.orientation is Orientation.AUTO
