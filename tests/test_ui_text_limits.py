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


def test_characters_cleaned_on_opening_are_said_and_the_document_is_unsaved(window, dialogs, tmp_path) -> None:
    """An older version let a control character in: opening removes it, says where, and asks for a save."""
    import sqlite3

    from perfdesk.samples import sample
    from perfdesk.store.file import CHECKSUM_TABLE, content_checksum, save_document

    path = tmp_path / "old.perfdesk"
    save_document(sample("changli-2021").load(), path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE indicator SET description = description || char(11) WHERE position = 2")
    conn.execute(f"UPDATE {CHECKSUM_TABLE} SET sha256 = ?", (content_checksum(conn),))
    conn.close()
    opened = window.open_file(path)
    infos = [args for name, args in dialogs.asked if name == "show_info"]
    assert infos, dialogs.asked
    title, text = infos[-1]
    assert title == "打开时作了调整"
    assert "项目1 · 指标第3行 · 绩效指标描述" in text and "控制字符" in text
    assert opened.session.is_modified()
    assert "\x0b" not in opened.session.document.projects[0].indicators[2].description
