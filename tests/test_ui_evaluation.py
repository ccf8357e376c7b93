"""The 自评 part of the editor: 自评表 per project (F5), weights, the 自评报告's computed change, jumps."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfdesk.models.document import Band, SelfReport
from perfdesk.models.scoring import department_score, present, score_evaluation, start_evaluation
from perfdesk.samples import sample
from perfdesk.store.file import open_document, save_document
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.editors.evaluation import EvaluationEditor
from perfdesk.ui.editors.selfreport import SelfReportEditor
from perfdesk.ui.editors.unit import UnitEditor
from perfdesk.ui.grid.tablemodel import DR
from perfdesk.ui.shell.checks_panel import FindingRole

ACTUAL, POINTS, BAND, NA, SCORE, STATED, REASON = 4, 5, 6, 7, 8, 9, 10


def open_evaluation(window, index: int = 0) -> EvaluationEditor:
    """Open a project's 自评表 from the tree, as the clerk does."""
    view = window.view
    project = window.session.document.projects[index]
    view.tree.clicked.emit(view.tree_model.index_of(NodeKind.EVALUATION, project))
    page = view.current_page()
    assert isinstance(page, EvaluationEditor) and page.project is project
    return page


def generate(page: EvaluationEditor, qtbot) -> None:
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)


def test_fill_a_self_evaluation_scores_live_and_persists(opened, dialogs, ui, qtbot) -> None:
    window, path = opened
    page = open_evaluation(window)
    project = page.project
    assert page.total_label.text() == "尚未生成" and page.generate_button.text() == "从绩效目标生成"
    generate(page, qtbot)
    evaluation = project.evaluation
    assert evaluation is not None and len(evaluation.rows) == len(project.indicators) == 9
    assert evaluation.annual_budget == project.budget_total == Decimal("20")
    assert page.generate_button.text() == "从绩效目标更新"

    ui.type_into(page.binder.widget_for("executed"), "19.6")
    assert evaluation.executed == Decimal("19.6")
    assert page.rate_label.text().startswith("98.00%") and "得分 9.80" in page.rate_label.text()
    # No row scored yet: a total of 9.80 graded 差 would mislead, so the page says how far it got.
    assert page.total_label.text() == "已评分 0/9 行" and page.grade_label.text() == "等级：全部评分后显示"

    grid = page.tables["rows"].grid
    model = grid.model()
    assert model.index(0, 3).data() == "41人" and not model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    for row, actual in ((0, "41人"), (1, "98%"), (2, "100%"), (3, "20万元"), (8, "96%")):
        ui.type_cell(grid, row, ACTUAL, actual)
    assert [r.actual for r in evaluation.rows[:4]] == ["41人", "98%", "100%", "20万元"]
    assert model.index(0, SCORE).data() == "12.50"
    assert page.total_label.text() == "已评分 5/9 行" and page.grade_label.text() == "等级：全部评分后显示"
    assert "产出指标 <b>50.00</b> / 50.00" in page.subtotals_label.text()

    # 定性 rows: a band each (the 达成情况 drop-down applies to them only).
    assert not model.flags(model.index(0, BAND)) & Qt.ItemFlag.ItemIsEditable
    for row, band in ((4, "达成"), (5, "达成"), (6, "部分达成"), (7, "达成")):
        assert model.flags(model.index(row, BAND)) & Qt.ItemFlag.ItemIsEditable
        assert model.setData(model.index(row, BAND), band)
    assert evaluation.rows[6].band is Band.PARTLY
    assert model.index(6, SCORE).data() == "5.25"
    assert page.total_label.text() == "总分 97.55" and page.grade_label.text() == "等级：优"
    assert score_evaluation(project, window.session.document.unit).printed_total == Decimal("97.55")
    assert "效益指标 <b>27.75</b> / 30.00" in page.subtotals_label.text()
    assert page.status_label.text() == "各项均已计分"

    # The row below its points needs a reason; Chinese through the input method.
    ui.type_cell(grid, 6, REASON, "节能设备尚未全部更换，明年完成。")
    assert evaluation.rows[6].reason == "节能设备尚未全部更换，明年完成。"

    # 不适用 drops a row and rescales; undo brings it back.
    model.setData(model.index(7, NA), Qt.CheckState.Checked, DR.CheckStateRole)
    assert evaluation.rows[7].not_applicable and model.index(7, SCORE).data() == "不适用"
    assert model.index(7, NA).data(DR.CheckStateRole) == Qt.CheckState.Checked
    grid.setFocus()
    window.actions_by_name["undo"].trigger()
    assert not evaluation.rows[7].not_applicable and page.total_label.text() == "总分 97.55"

    # An explicit 分值 replaces the shared one (shown grey until then).
    assert model.index(8, POINTS).data() == "10.00" and model.index(8, POINTS).data(DR.EditRole) == ""
    ui.type_cell(grid, 8, POINTS, "10")
    assert evaluation.rows[8].points == Decimal("10")

    # 表内得分: the score a printed table gives, typed beside the computed one; the export prints it.
    assert model.headerData(STATED, Qt.Orientation.Horizontal) == "表内得分"
    assert model.index(6, STATED).data() in ("", None) and model.index(6, SCORE).data() == "5.25"
    ui.type_cell(grid, 6, STATED, "5")
    assert evaluation.rows[6].stated_score == Decimal("5") and model.index(6, SCORE).data() == "5.25"
    grid.setFocus()
    window.actions_by_name["undo"].trigger()
    assert evaluation.rows[6].stated_score is None
    window.actions_by_name["redo"].trigger()
    assert evaluation.rows[6].stated_score == Decimal("5")
    ui.type_cell(grid, 5, STATED, "abc")
    assert evaluation.rows[5].stated_score is None and model.cell_error(5, STATED)
    model.setData(model.index(5, STATED), "")
    assert not model.cell_error(5, STATED)

    dialogs.save_path = path
    window.actions_by_name["save"].trigger()
    assert not window.isWindowModified()
    reopened = open_document(path).document.projects[0].evaluation
    assert reopened == evaluation
    assert reopened is not None and reopened.rows[6].stated_score == Decimal("5")
    assert score_evaluation(open_document(path).document.projects[0], window.session.document.unit).grade == "优"


def test_generate_and_update_are_one_undo_step_each(opened, qtbot) -> None:
    window, _ = opened
    page = open_evaluation(window, 1)
    project = page.project
    generate(page, qtbot)
    first = project.evaluation
    assert first is not None
    page.tables["rows"].model.setData(page.tables["rows"].model.index(0, ACTUAL), "30次")
    # The project gets another indicator: 更新 adds its row and keeps what was typed.
    from perfdesk.models.document import Indicator

    project.indicators.append(Indicator("产出指标", "数量指标", "新增培训次数", value="≥2次"))
    generate(page, qtbot)
    updated = project.evaluation
    assert updated is not first and len(updated.rows) == len(first.rows) + 1
    assert updated.rows[0].actual == "30次" and updated.rows[-1].level3 == "新增培训次数"
    assert page.tables["rows"].model.rowCount() == len(updated.rows)
    assert not generate(page, qtbot) and "无需更新" in page.status_label.text()  # nothing left to update
    window.actions_by_name["undo"].trigger()
    assert project.evaluation is first and page.tables["rows"].model.rowCount() == len(first.rows)
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert project.evaluation is None and page.total_label.text() == "尚未生成"
    assert "rows" not in page.tables


def test_eval_findings_jump_to_the_self_evaluation_cell(opened, qtbot) -> None:
    window, _ = opened
    view = window.view
    page = open_evaluation(window, 2)
    generate(page, qtbot)
    panel = view.checks

    def finding_index(code: str, row: int | None):
        for r in range(panel.proxy.rowCount()):
            f = panel.proxy.index(r, 0).data(FindingRole)
            if f.code == code and f.place.project == 2 and f.place.row == row:
                return panel.proxy.index(r, 0)
        return None

    qtbot.waitUntil(lambda: finding_index("eval-actual-missing", 1) is not None, timeout=3000)
    place = finding_index("eval-actual-missing", 1).siblingAtColumn(1).data()
    assert place == f"项目3「{page.project.name}」自评表 第2行 实际完成值"
    grid = page.tables["rows"].grid
    assert grid.model().index(1, ACTUAL).data(DR.BackgroundRole) is not None  # the cell is marked
    view.open_node(NodeRef(NodeKind.UNIT))
    panel.view.doubleClicked.emit(finding_index("eval-actual-missing", 1))
    assert view.current_page() is page
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, ACTUAL)
    assert grid.hasFocus()
    view.open_node(NodeRef(NodeKind.PROJECT, window.session.document.projects[2]))
    panel.view.doubleClicked.emit(finding_index("eval-executed-missing", None))
    assert view.current_page() is page
    assert QApplication.focusWidget() is page.binder.widget_for("executed").edit
    assert page.binder.widget_for("executed").edit.property("finding") == "error"
    # The tree marks the 自评表 with its errors.
    model = view.tree_model
    qtbot.waitUntil(lambda: model.eval_counts.get(2, (0, 0))[0] > 0, timeout=3000)
    assert "个错误" in model.data(model.index_of(NodeKind.EVALUATION, page.project), DR.ToolTipRole)


def test_the_self_evaluation_nodes_follow_the_projects(opened, dialogs) -> None:
    window, _ = opened
    view = window.view
    model = view.tree_model
    evals = model.index_of(NodeKind.EVALS)
    doc = window.session.document

    def labels() -> list[str]:
        return [model.data(model.index(r, 0, evals)) for r in range(model.rowCount(evals))]

    page = open_evaluation(window, 5)
    view.open_node(NodeRef(NodeKind.PROJECT, doc.projects[0]))
    window.actions_by_name["add_project"].trigger()
    assert len(labels()) == 8 and labels()[2] == "2. 新项目"
    view.open_node(NodeRef(NodeKind.PROJECT, doc.projects[1]))
    window.actions_by_name["project_down"].trigger()
    assert labels()[3] == "3. 新项目"
    view.tree.setFocus()
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert labels()[1:] == [f"{i + 1}. {p.name}" for i, p in enumerate(doc.projects)]
    view.open_node(NodeRef(NodeKind.PROJECT, page.project))
    window.actions_by_name["delete_project"].trigger()
    assert len(labels()) == 6 and page not in view.pages.values()  # its 自评表 tab closed too
    # The 自评 node opens the 自评报告 (here: the offer to add one).
    view.tree.clicked.emit(evals)
    assert view.current_page().node == NodeRef(NodeKind.SELF)


def test_weights_and_grade_table_in_the_unit_editor(opened, ui, qtbot) -> None:
    window, _ = opened
    view = window.view
    page = view.open_node(NodeRef(NodeKind.UNIT))
    assert isinstance(page, UnitEditor)
    unit = window.session.document.unit
    assert page.weights_text() == "✓ 100 分"
    ui.type_into(page.binder.widget_for("weight_output"), "60")
    assert unit.weight_output == Decimal("60") and "110" in page.weights_text()
    qtbot.waitUntil(lambda: any(f.code == "eval-weights" for f in view.checks.visible_findings()), timeout=3000)
    ui.type_into(page.binder.widget_for("weight_output"), "")  # select all …
    QTest.keyClick(page.binder.widget_for("weight_output").edit, Qt.Key.Key_Backspace)  # … and delete
    assert "不能为空" in page.binder.widget_for("weight_output").error() and unit.weight_output == Decimal("60")
    ui.type_into(page.binder.widget_for("weight_output"), "40")
    ui.type_into(page.binder.widget_for("weight_benefit"), "40")
    assert page.weights_text() == "✓ 100 分"
    # The grade table is the unit's; the 自评表 follows it at once.
    eval_page = open_evaluation(window)
    generate(eval_page, qtbot)
    combo = page.binder.widget_for("grade_table")
    combo.activated.emit(1)  # 85-75-60
    assert unit.grade_table == "85-75-60"
    assert eval_page.grade_label.text() == "等级：全部评分后显示"  # nothing scored yet: no grade shown
    assert "85" in eval_page.grade_label.toolTip()


def test_self_report_shows_the_computed_change(window, ui) -> None:
    window.open_sample("gaoxin-selfeval-2024")
    page = window.view.open_node(NodeRef(NodeKind.SELF))
    assert isinstance(page, SelfReportEditor)
    report = window.session.document.self_report
    assert page.change.text().startswith("✗ 按填写的增加额推算上年年初预算为 1254.71 万元")
    assert "增长率 83.53%" in page.change.text() and "45.51%" in page.change.text()
    ui.type_into(page.binder.widget_for("prior_year_budget"), "1254.71")
    ui.type_into(page.binder.widget_for("stated_change_rate"), "83.53")
    assert report.stated_change_rate == Decimal("83.53")
    assert page.change.text() == "✓ 比上年增加 1048.04 万元，增长率 83.53%"
    assert page.change.property("role") == "ok"
    assert "评价等级：优秀" in page.grade.text()


def test_read_only_columns_and_no_blank_rows(opened, qtbot) -> None:
    window, _ = opened
    page = open_evaluation(window, 3)
    generate(page, qtbot)
    grid = page.tables["rows"].grid
    model = grid.model()
    rows = page.project.evaluation.rows
    count = len(rows)
    assert model.rowCount() == count  # no blank row for new entries
    grid.actions_by_name["append_row"].trigger()
    grid.actions_by_name["insert_row"].trigger()
    assert len(rows) == count and not grid.actions_by_name["insert_row"].isVisible()
    target = rows[0].target
    grid.setCurrentIndex(model.index(0, 3))
    grid.clear_selection()  # Del on 年度指标值 and 得分 changes nothing
    model.paste(0, 3, [["改过的指标值", "1", "", "", "", "99"]])
    assert rows[0].target == target and rows[0].actual == "1"
    model.paste(count - 1, 4, [["a"], ["b"], ["c"]])  # never beyond the last row
    assert len(rows) == count and rows[-1].actual == "a"
    assert model.setData(model.index(count - 1, BAND), "不知道") is True  # kept in red with the reason
    assert "达成" in model.cell_error(count - 1, BAND) and rows[-1].band is None


def test_self_report_offers_the_score_from_the_projects(window, tmp_path: Path, qtbot) -> None:
    """The 自评报告's score can be taken from the 自评表 (budget-weighted), as one undo step."""
    doc = sample("changli-2021").load()
    doc.self_report = SelfReport(year=2021, score=Decimal("80"))
    for project in doc.projects[:2]:
        project.evaluation = start_evaluation(project)
        project.evaluation.executed = project.evaluation.annual_budget
        for row in project.evaluation.rows:
            row.actual, row.band = row.target, Band.MET
    path = tmp_path / "自评.perfdesk"
    save_document(doc, path)
    window.open_file(path)
    doc = window.session.document
    page = window.view.open_node(NodeRef(NodeKind.SELF))
    assert isinstance(page, SelfReportEditor)
    expected = present(department_score(doc).total)  # type: ignore[union-attr]
    assert "2 个项目自评表按全年预算数加权" in page.derived.text()
    assert page.adopt.isEnabled()
    qtbot.mouseClick(page.adopt, Qt.MouseButton.LeftButton)
    assert doc.self_report.score == expected
    assert not page.adopt.isEnabled()
    page.stack.undo()
    assert doc.self_report.score == Decimal("80")
