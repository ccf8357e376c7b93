"""The editor for the text around a table and the document's own column titles (issue 11, brief 11c)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from perfdesk.models.document import Framework, Layout
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.newdoc import Template, new_document
from perfdesk.ui.editors.project import ProjectEditor


def _headers(grid) -> list[str]:
    model = grid.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_column_titles_typed_in_unit_info_retitle_every_grid_and_undo(window, dialogs) -> None:
    dialogs.new_document = new_document("梁平区林业局", "", 2026, Framework.Y2021, Template.BLANK, layout=Layout.SPLIT)
    window.actions_by_name["new"].trigger()
    session = window.session
    window.actions_by_name["add_project"].trigger()
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    grid = page.tables["indicators"].grid
    assert "指标性质" in _headers(grid) and "指标方向" in _headers(grid)
    unit_page = window.view.open_node(NodeRef(NodeKind.UNIT))
    own = session.document.unit.column_titles
    edit = unit_page.binder.widget_for("operator", own)
    assert isinstance(edit, QLineEdit) and edit.placeholderText() == "默认：指标性质"
    edit.setText("指标方向")
    edit.textEdited.emit("指标方向")
    edit.editingFinished.emit()
    assert own.operator == "指标方向"
    headers = _headers(grid)
    assert headers.count("指标方向") == 2  # the operator column and the direction column, as the table printed
    assert _headers(page.tables["long_term_indicators"].grid).count("指标方向") == 2
    unit_page.stack.undo()
    assert own.operator == "" and _headers(grid).count("指标方向") == 1
    combo = unit_page.binder.widget_for("layout")
    combo.activated.emit(list(Layout).index(Layout.SHENBAO))  # another family: the defaults shown follow it
    assert edit.placeholderText() == "默认：计算符号"


def test_the_text_around_the_table_is_typed_on_the_project_page(window, dialogs) -> None:
    dialogs.new_document = new_document("荣昌区林业局", "", 2026, Framework.Y2021, Template.BLANK, layout=Layout.SPLIT)
    window.actions_by_name["new"].trigger()
    window.actions_by_name["add_project"].trigger()
    page = window.view.current_page()
    project = window.session.document.projects[0]
    binder = page.binder
    for key in ("preface", "grid_heading", "table_note", "funds_text"):
        assert binder.widget_for(key, project) is not None, key
    line = binder.widget_for("grid_heading", project)
    line.setText("绩效项目指标表")
    line.textEdited.emit("绩效项目指标表")
    assert project.grid_heading == "绩效项目指标表"
