"""Editing the printed values of brief 11a: 成本构成 lines, recipients with their own value columns,
the covering notice and the printed 总分 — each an undoable edit that reaches the document and the file."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from perfdesk.models.document import Framework, Layout
from perfdesk.store.file import open_document
from perfdesk.ui.dialogs.newdoc import Template, new_document
from perfdesk.ui.editors.project import ProjectEditor


def _page(window, dialogs) -> ProjectEditor:
    dialogs.new_document = new_document("秀屿区水利局", "", 2025, Framework.Y2021, Template.BLANK, layout=Layout.SPLIT)
    window.actions_by_name["new"].trigger()
    window.actions_by_name["add_project"].trigger()
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    return page


def _headers(grid) -> list[str]:
    model = grid.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_recipients_add_a_value_column_each_and_values_are_undoable(window, dialogs, ui, tmp_path) -> None:
    page = _page(window, dialogs)
    project = page.project
    assert not page.extras.isHidden()  # a split-column document shows the extras
    recipients = page.tables["recipients"].grid
    ui.type_cell(recipients, 0, 0, "笏石街道办")
    ui.type_cell(recipients, 0, 1, "20")
    ui.type_cell(recipients, 1, 0, "埭头镇")
    assert [(r.name, r.amount) for r in project.recipients] == [("笏石街道办", Decimal(20)), ("埭头镇", None)]
    grid = page.tables["indicators"].grid
    headers = _headers(grid)
    assert headers[headers.index("指标值") + 1 : headers.index("指标值") + 3] == ["笏石街道办", "埭头镇"]
    col = headers.index("埭头镇")
    ui.type_cell(grid, 0, col, "100%")
    row = project.indicators[0]
    assert row.recipient_values == ["", "100%"]
    ui.type_cell(grid, 0, col - 1, "1")
    assert row.recipient_values == ["1", "100%"]
    page.stack.undo()
    assert row.recipient_values == ["", "100%"]
    ui.type_cell(recipients, 1, 0, "埭头镇人民政府")  # renaming a recipient renames its column
    assert "埭头镇人民政府" in _headers(grid)
    assert "埭头镇人民政府" in _headers(page.tables["long_term_indicators"].grid)  # the 长期 block has them too
    window.session.save(tmp_path / "a.perfdesk")
    again = open_document(tmp_path / "a.perfdesk").document.projects[0]
    assert again.indicators[0].recipient_values == ["", "100%"]
    assert again.recipients[1].name == "埭头镇人民政府"


def test_cost_lines_totals_notice_and_points(window, dialogs, ui) -> None:
    page = _page(window, dialogs)
    project = page.project
    costs = page.tables["cost_lines"].grid
    assert _headers(costs)[3:] == ["2023年实际执行数", "2024年实际执行数"]
    ui.type_cell(costs, 0, 0, "保安服务费")
    ui.type_cell(costs, 0, 1, "191")
    ui.type_cell(costs, 0, 2, "依据招标文件")
    ui.type_cell(costs, 0, 3, "191")
    line = project.cost_lines[0]
    assert (line.item, line.amount, line.basis, line.prior1, line.prior2) == (
        "保安服务费", Decimal(191), "依据招标文件", Decimal(191), None,
    )  # fmt: skip
    page.stack.undo()
    assert line.prior1 is None
    binder = page.binder
    binder.push(project, "cost_total", Decimal("814"), merge=False)
    binder.push(project, "notice_number", "津财基指〔2022〕23号", merge=False)
    binder.push(project, "stated_points_total", Decimal(100), merge=False)
    assert (project.cost_total, project.notice_number, project.stated_points_total) == (
        Decimal(814), "津财基指〔2022〕23号", Decimal(100),
    )  # fmt: skip
    page.stack.undo()
    assert project.stated_points_total is None


def test_a_hebei_project_hides_the_extras_until_one_holds_something(window, dialogs) -> None:
    dialogs.new_document = new_document("某局", "", 2025, Framework.Y2015, Template.BLANK, layout=Layout.HEBEI)
    window.actions_by_name["new"].trigger()
    window.actions_by_name["add_project"].trigger()
    page = window.view.current_page()
    assert page.extras.isHidden()
    page.binder.push(page.project, "notice_text", "现下达你区预算", merge=False)
    page.extras.follow_layout()
    assert not page.extras.isHidden()


def test_switching_the_money_unit_converts_cost_lines_totals_and_recipients(window, dialogs) -> None:
    page = _page(window, dialogs)
    project = page.project
    from perfdesk.models.document import CostLine, Recipient

    project.cost_lines.append(CostLine("保安服务费", Decimal("191"), "", Decimal("190.5"), None))
    project.recipients.append(Recipient("埭头镇", Decimal("15")))
    project.cost_total = Decimal("191")
    page.more.switch_money_unit("元")
    assert (project.cost_lines[0].amount, project.cost_lines[0].prior1) == (Decimal(1910000), Decimal(1905000))
    assert project.cost_total == Decimal(1910000) and project.recipients[0].amount == Decimal(150000)
    assert "金额（元）" in [c.header for c in page.tables["cost_lines"].model.columns]
    page.stack.undo()
    assert project.cost_lines[0].amount == Decimal(191) and project.recipients[0].amount == Decimal(15)
