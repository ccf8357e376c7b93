"""Keys behave as a clerk expects: Tab moves on, menu shortcuts work in fields, Enter after Tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.core.nodes import NodeKind, NodeRef


def test_tab_moves_on_in_every_text_field(opened, dialogs, ui) -> None:
    window, _path = opened
    window.view.open_node(NodeRef(NodeKind.SUMMARY))
    page = window.view.current_page()
    box = page.binder.widget_for("summary")
    box.setFocus()
    before = window.session.document.overall.summary
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert window.session.document.overall.summary == before  # no tab character typed
    assert QApplication.focusWidget() is not box
    window.view.open_node(NodeRef(NodeKind.PROJECT, window.session.document.projects[0]))
    purpose = window.view.current_page().binder.widget_for("purpose")
    purpose.setFocus()
    QTest.keyClick(purpose, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not purpose and "\t" not in window.session.document.projects[0].purpose


def test_menu_shortcuts_work_in_a_one_line_field(opened, dialogs, monkeypatch) -> None:
    window, _path = opened
    asked: list[Any] = []
    monkeypatch.setattr(dialogs_module, "ask_export", lambda *a: asked.append("export"))
    name = window.view.current_page().binder.widget_for("name")
    name.setFocus()
    QTest.keyClick(name, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # 导出…
    assert asked == ["export"]
    QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # still the field's own
    assert name.selectedText() == name.text()


def test_enter_after_tabs_returns_to_the_starting_column(opened, dialogs, ui) -> None:
    window, _path = opened
    page = window.view.current_page()
    grid = page.tables["indicators"].grid
    ui.type_cell(grid, 0, 2, "A", then="tab")
    ui.type_cell(grid, 0, 3, "B", then="tab")
    ui.type_cell(grid, 0, 4, "C", then="enter")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 2)  # as in Excel
    assert [page.project.indicators[0].level3, page.project.indicators[0].value] == ["A", "C"]
    ui.type_cell(grid, 1, 2, "D", then="enter")  # no Tabs: straight down
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, 2)
