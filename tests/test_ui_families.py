"""Editing the tables of other provinces: split indicator columns, the header beyond Hebei, the layout choice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from perfdesk.export.families import family
from perfdesk.models.document import DeptLayout, Framework, Layout
from perfdesk.store.file import open_document
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.newdialog import NewDocumentDialog
from perfdesk.ui.dialogs.newdoc import Template, new_document
from perfdesk.ui.editors.dept import DeptTableEditor
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.grid.structured import column_menu


def _new(window, dialogs, layout: Layout, template: Template = Template.BLANK):
    dialogs.new_document = new_document("广元市昭化区民政局", "", 2026, Framework.Y2021, template, layout=layout)
    window.actions_by_name["new"].trigger()
    assert window.session is not None
    return window.session


def _project_page(window) -> ProjectEditor:
    window.actions_by_name["add_project"].trigger()
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    return page


def _headers(grid) -> list[str]:
    model = grid.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_split_columns_and_one_cell_value_fill_the_same_structure(window, dialogs, ui) -> None:
    session = _new(window, dialogs, Layout.SPLIT)
    page = _project_page(window)
    grid = page.tables["indicators"].grid
    assert _headers(grid) == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向"]
    row = session.document.projects[0].indicators[0]
    # a whole 指标值 typed into the split 指标值 column is split
    ui.type_cell(grid, 0, 4, "≥90.00(%)")
    assert (row.operator, row.number, row.unit, row.value) == ("≥", "90.00", "%", "")
    ui.type_cell(grid, 0, 6, "10")
    assert row.weight == Decimal(10)
    ui.type_cell(grid, 0, 5, "人")
    assert (row.operator, row.number, row.unit) == ("≥", "90.00", "人")
    page.stack.undo()
    assert row.unit == "%"

    # the same row in the Hebei grid: 指标值 shows the value composed from the parts
    session.push(page.node.key, _set(session, session.document.unit, "layout", Layout.HEBEI), page.project)
    assert "指标值确定依据" in _headers(grid)
    value_col = _headers(grid).index("指标值")
    assert grid.model().cell_text(0, value_col) == "≥90.00%"
    ui.type_cell(grid, 0, value_col, "=100.00(%)")
    assert (row.value, row.operator, row.number, row.unit) == ("=100.00(%)", "", "", "")
    # back in the split grid the parts are read from what was typed, shown in grey
    session.push(page.node.key, _set(session, session.document.unit, "layout", Layout.SPLIT), page.project)
    model = grid.model()
    assert [model.cell_text(0, c) for c in (3, 4, 5)] == ["=", "100.00", "%"]
    assert model.derived(0, 4)
    # one undo step per edit: the one-cell entry comes off whole
    page.stack.undo()  # the layout switch
    page.stack.undo()  # the one-cell entry
    assert (row.value, row.operator, row.number, row.unit) == ("", "≥", "90.00", "%")


def _set(session, target, key, value):
    from perfdesk.ui.core import commands

    return commands.SetValue(session, target, key, value)


def test_columns_are_shown_and_hidden_from_the_header_menu(window, dialogs) -> None:
    session = _new(window, dialogs, Layout.SPLIT)
    page = _project_page(window)
    grid = page.tables["indicators"].grid
    menu = column_menu(grid.model(), family(Layout.SPLIT), grid)
    actions = {a.text(): a for a in menu.actions()}
    assert actions["权重"].isChecked() and not actions["指标解释"].isChecked()
    actions["权重"].setChecked(False)
    actions["指标解释"].setChecked(True)
    assert session.document.unit.indicator_columns == ["-weight", "explanation"]
    assert "权重" not in _headers(grid) and "指标解释" in _headers(grid)
    long_grid = page.tables["long_term_indicators"].grid  # every grid of the document follows
    assert "指标解释" in _headers(long_grid)
    page.stack.undo()
    page.stack.undo()
    assert session.document.unit.indicator_columns == []
    assert "权重" in _headers(grid)


def test_the_new_dialog_chooses_the_layout(app, qtbot) -> None:
    dialog = NewDocumentDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("宁乡市坝塘镇人民政府")
    dialog.layout_family.setCurrentIndex(dialog.layout_family.findData(Layout.TWO_BLOCK.value))
    assert dialog.document().unit.layout is Layout.TWO_BLOCK
    dialog.template.setCurrentIndex(dialog.template.findData(Template.HUNAN_DEPT.value))
    doc = dialog.document()
    assert doc.dept_table is not None and doc.dept_table.layout is DeptLayout.HUNAN


def test_header_beyond_hebei_schedule_long_term_block_and_money_unit(window, dialogs, ui, tmp_path: Path) -> None:
    session = _new(window, dialogs, Layout.TWO_BLOCK)
    page = _project_page(window)
    project = page.project
    assert page.more.isVisibleTo(page)
    b = page.binder
    ui.type_into(b.widget_for("manager"), "蒋建华")
    ui.type_into(b.widget_for("attribute"), "延续")
    ui.type_into(b.widget_for("budget_total"), "30")
    ui.type_cell(page.tables["schedule"].grid, 0, 0, "核心区规划")
    ui.type_cell(page.tables["schedule"].grid, 0, 1, "2021")
    ui.type_cell(page.tables["long_term_indicators"].grid, 0, 2, "道路硬化")
    ui.type_cell(page.tables["fund_lines"].grid, 0, 0, "上级财政资金")
    ui.type_cell(page.tables["fund_lines"].grid, 0, 2, "6923.3552")
    assert project.manager == "蒋建华" and project.attribute == "延续"
    assert project.schedule[0].content == "核心区规划" and project.schedule[0].start == "2021"
    assert project.long_term_indicators[0].level3 == "道路硬化"
    assert project.fund_lines[0].annual_amount == Decimal("6923.3552")

    # 万元 → 元 converts every amount exactly, as one undo step
    page.more.switch_money_unit("元")
    assert project.money_unit == "元"
    assert project.budget_total == Decimal(300000)
    assert project.fund_lines[0].annual_amount == Decimal(69233552)
    assert "元" in page.amounts_heading.text()
    page.stack.undo()
    assert (project.money_unit, project.budget_total) == ("万元", Decimal(30))
    assert project.fund_lines[0].annual_amount == Decimal("6923.3552")

    # switching to Hebei keeps the filled fields in view and in the file
    session.push(page.node.key, _set(session, session.document.unit, "layout", Layout.HEBEI), project)
    assert page.more.isVisibleTo(page)
    path = tmp_path / "坝塘.perfdesk"
    session.save(path)
    again = open_document(path).document.projects[0]
    assert again.manager == "蒋建华" and again.long_term_indicators[0].level3 == "道路硬化"


def test_dept_table_in_the_hunan_layout(window, dialogs, ui) -> None:
    session = _new(window, dialogs, Layout.HEBEI, Template.HUNAN_DEPT)
    page = window.view.open_node(NodeRef(NodeKind.DEPT))
    assert isinstance(page, DeptTableEditor)
    assert page.hunan.isVisibleTo(page)
    grid = page.tables["indicators"].grid
    headers = _headers(grid)
    assert headers[2:] == [
        "三级指标",
        "指标值类型",
        "实施周期指标值",
        "指标值",
        "计量单位",
        "指标解释",
        "评（扣）分标准",
        "实际完成值",
        "得分",
        "偏差原因",
    ]
    ui.type_cell(grid, 0, headers.index("指标值"), "≥95%")
    row = session.document.dept_table.indicators[0]
    assert (row.operator, row.number, row.unit, row.annual_value) == ("≥", "95", "%", "")
    assert grid.model().cell_text(0, headers.index("指标值类型")) == "定量"
    ui.type_into(page.binder.widget_for("duties"), "负责全市人民防空工作")
    assert session.document.dept_table.duties == "负责全市人民防空工作"
    # the department's self-evaluation: results per row, execution and the printed total
    assert page.evaluation.isVisibleTo(page)
    ui.type_cell(grid, 0, headers.index("实际完成值"), "98%")
    ui.type_cell(grid, 0, headers.index("得分"), "9.5")
    ui.type_into(page.binder.widget_for("executed"), "1005.7")
    ui.type_into(page.binder.widget_for("stated_total"), "97.93")
    ui.type_into(page.binder.widget_for("stated_indicator_points"), "80")
    ui.type_into(page.binder.widget_for("adjusted_goal"), "全年目标按调整后预算完成")
    duties = page.tables["duty_targets"].grid
    ui.type_cell(duties, 0, 0, "组织编纂地方志")
    ui.type_cell(duties, 0, 3, "49.8")
    dept = session.document.dept_table
    assert dept.stated_indicator_points == Decimal(80) and dept.adjusted_goal == "全年目标按调整后预算完成"
    assert [(d.duty, d.amount) for d in dept.duty_targets] == [("组织编纂地方志", Decimal("49.8"))]
    page.stack.undo()
    assert dept.duty_targets[0].amount is None
    money = page.tables["money_lines"].grid
    ui.type_cell(money, 0, 1, "基本支出")
    ui.type_cell(money, 0, 2, "724.2318")
    ui.type_cell(money, 0, 5, "74.8")
    line = dept.money_lines[0]
    assert (line.label, line.amount, line.share) == ("基本支出", Decimal("724.2318"), Decimal("74.8"))
    assert (row.actual, row.stated_score) == ("98%", Decimal("9.5"))
    assert (dept.executed, dept.stated_total) == (Decimal("1005.7"), Decimal("97.93"))


def test_the_self_evaluation_page_edits_what_real_tables_print(window, ui) -> None:
    from perfdesk.models.jsonio import document_from_json

    source = Path(__file__).parent / "data" / "realtables" / "27-yunnan-changning-shengzhu.json"
    doc = document_from_json(source.read_text(encoding="utf-8"))
    doc.unit.indicator_columns = ["explanation"]
    target = window.new_document(doc) or window
    project = target.session.document.projects[0]
    page = target.view.open_node(NodeRef(NodeKind.EVALUATION, project))
    ev = project.evaluation
    ui.type_into(page.binder.widget_for("title"), "2022年度项目支出绩效自评表")
    ui.type_into(page.binder.widget_for("stated_execution_rate"), "20")
    ui.type_cell(page.tables["fund_lines"].grid, 0, 0, "其中：财政拨款")
    assert ev.title == "2022年度项目支出绩效自评表"
    assert ev.stated_execution_rate == Decimal(20)
    assert ev.fund_lines[0].label == "其中：财政拨款"
    funds = page.tables["fund_lines"].grid
    titles = [funds.model().headerData(c, Qt.Orientation.Horizontal) for c in range(funds.model().columnCount())]
    ui.type_cell(funds, 0, titles.index("分值"), "10")
    ui.type_cell(funds, 0, titles.index("得分"), "8.5")
    assert (ev.fund_lines[0].points, ev.fund_lines[0].stated_score) == (Decimal(10), Decimal("8.5"))
    ui.type_into(page.binder.widget_for("finance_officer"), "唐勇")
    ui.type_into(page.binder.widget_for("stated_indicator_points"), "90")
    page.binder.widget_for("review_box").click()
    assert (ev.finance_officer, ev.stated_indicator_points, ev.review_box) == ("唐勇", Decimal(90), True)
    rows = page.tables["rows"].grid.model()
    headers = [rows.headerData(c, Qt.Orientation.Horizontal) for c in range(rows.columnCount())]
    assert "指标解释" in headers
    ui.type_cell(page.tables["rows"].grid, 0, headers.index("指标解释"), "按合同验收")
    assert ev.rows[0].explanation == "按合同验收"
    page.stack.undo()
    assert ev.rows[0].explanation == ""


def test_the_layout_is_switched_in_unit_info_and_the_grids_follow(window, dialogs) -> None:
    session = _new(window, dialogs, Layout.HEBEI)
    page = _project_page(window)
    grid = page.tables["indicators"].grid
    assert "指标值确定依据" in _headers(grid)
    unit_page = window.view.open_node(NodeRef(NodeKind.UNIT))
    combo = unit_page.binder.widget_for("layout")
    combo.activated.emit(list(Layout).index(Layout.SPLIT))
    assert session.document.unit.layout is Layout.SPLIT
    assert _headers(grid)[3:] == ["指标性质", "指标值", "度量单位", "权重", "指标方向"]
    unit_page.stack.undo()
    assert session.document.unit.layout is Layout.HEBEI and "指标值确定依据" in _headers(grid)


def test_a_block_pasted_over_split_columns_is_one_structure_and_one_undo_step(window, dialogs) -> None:
    session = _new(window, dialogs, Layout.SPLIT)
    page = _project_page(window)
    model = page.tables["indicators"].grid.model()
    row = session.document.projects[0].indicators[0]
    row.value = "=100%"  # typed as one cell (e.g. imported), read into the split columns
    model.paste(0, model.column_of("operator"), [["≥", "90", "人"]])
    assert (row.operator, row.number, row.unit, row.value) == ("≥", "90", "人", "")
    page.stack.undo()
    assert (row.operator, row.number, row.unit, row.value) == ("", "", "", "=100%")
