"""Amount fields show what is stored: converted text, red frames that go when the sum is right."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from perfdesk.ui.editors.project import ProjectEditor


def _finish(widget) -> None:
    """Leave the field as a clerk does: Enter."""
    QTest.keyClick(widget.edit, Qt.Key.Key_Return)


def test_an_amount_in_yuan_shows_as_stored_once_finished(opened, dialogs, ui) -> None:
    window, _path = opened
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    fiscal = page.binder.widget_for("budget_fiscal")
    ui.type_into(fiscal, "200000元")
    assert page.project.budget_fiscal == Decimal("20")
    _finish(fiscal)
    assert fiscal.edit.text() == "20"  # not 200000元 on screen while 20 (万元) is stored
    ui.type_into(fiscal, "20万x")
    _finish(fiscal)
    assert fiscal.edit.text() == "20万x" and fiscal.error()  # rejected text stays, as typed


def test_the_red_frame_of_the_total_goes_when_the_sum_is_fixed(opened, dialogs, ui, qtbot) -> None:
    window, _path = opened
    page = window.view.current_page()
    p = page.project
    total = page.binder.widget_for("budget_total")
    fiscal = page.binder.widget_for("budget_fiscal")
    right = p.budget_fiscal
    ui.type_into(fiscal, str((right or Decimal(0)) + 1))
    _finish(fiscal)
    qtbot.waitUntil(lambda: total.edit.property("finding") == "error", timeout=5000)
    ui.type_into(fiscal, str(right))
    _finish(fiscal)
    qtbot.waitUntil(lambda: total.edit.property("finding") == "", timeout=5000)
    assert page.sum_text().startswith("✓")


def test_executed_amount_in_the_self_evaluation_shows_as_stored(opened, dialogs, ui, qtbot) -> None:
    from test_ui_evaluation import generate, open_evaluation

    window, _path = opened
    page = open_evaluation(window)
    generate(page, qtbot)
    executed = page.binder.widget_for("executed")
    ui.type_into(executed, "196000元")
    assert page.project.evaluation.executed == Decimal("19.6")
    _finish(executed)
    assert executed.edit.text() == "19.60" or executed.edit.text() == "19.6"
    assert page.rate_label.text().startswith("98.00%")
