"""Text longer than its field holds is refused while typing (red, with the reason), never stored."""

from __future__ import annotations

from perfdesk.models.bounds import SHORT_LIMIT, TEXT_LIMIT
from perfdesk.ui.core.nodes import NodeKind, NodeRef


def _project_page(window):
    window.open_sample("changli-2021")
    doc = window.session.document
    return doc, window.view.open_node(NodeRef(NodeKind.PROJECT, doc.projects[0]))


def test_line_over_its_limit_stays_red_and_is_not_stored(window, qtbot) -> None:
    doc, page = _project_page(window)
    name = doc.projects[0].name
    edit = page.binder.widget_for("name", doc.projects[0])
    edit.setFocus()
    edit.setText("")
    edit.textEdited.emit("项" * (SHORT_LIMIT + 1))
    assert doc.projects[0].name == name  # the document keeps what it had
    assert edit.property("invalid") is True
    assert f"最多 {SHORT_LIMIT:,} 字" in edit.toolTip()
    edit.setText("项" * SHORT_LIMIT)
    edit.textEdited.emit(edit.text())  # shortened to the limit: stored, frame cleared
    assert doc.projects[0].name == "项" * SHORT_LIMIT
    assert not edit.property("invalid")
    assert edit.toolTip() == ""


def test_undo_replaces_rejected_text_and_clears_the_mark(window, qtbot) -> None:
    doc, page = _project_page(window)
    edit = page.binder.widget_for("name", doc.projects[0])
    edit.setFocus()
    edit.textEdited.emit("甲")
    qtbot.waitUntil(window.actions_by_name["undo"].isEnabled)
    edit.textEdited.emit("甲" * (SHORT_LIMIT + 5))
    assert edit.property("invalid") is True
    window.actions_by_name["undo"].trigger()
    assert edit.text() == doc.projects[0].name
    assert not edit.property("invalid")


def test_grid_cell_over_its_limit_is_kept_as_typed_with_the_reason(window, qtbot) -> None:
    doc, page = _project_page(window)
    model = page.tables["indicators"].model
    col = next(i for i, c in enumerate(model.columns) if c.field == "description")
    before = doc.projects[0].indicators[0].description
    long = "述" * (TEXT_LIMIT + 1)
    model.set_cell(0, col, long)  # the cell editor closes; the text stays in the cell, in red
    assert doc.projects[0].indicators[0].description == before
    assert model.cell_text(0, col) == long  # nothing typed is lost from the screen
    assert "文字过长" in (model.cell_error(0, col) or "")
    assert model.set_cell(0, col, "新的描述")
    assert doc.projects[0].indicators[0].description == "新的描述"
    assert model.cell_error(0, col) is None
