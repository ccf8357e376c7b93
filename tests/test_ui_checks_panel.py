"""The checks panel: names follow a rename, 位置 is not cut, enough rows; the sum line stays in line."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.models.document import Indicator
from perfdesk.ui.core.style import CHECKS_HEIGHT


def _place_texts(panel) -> list[str]:
    return [panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())]


def test_a_rename_shows_in_the_findings_at_once(opened, dialogs, qtbot) -> None:
    window, _path = opened
    view = window.view
    doc = window.session.document
    view.checks.show()
    project = doc.projects[0]
    project.indicators.append(Indicator(level1="产出指标", level2="数量指标"))  # a row without 三级: a finding
    view.runner.run()
    assert any(project.name in text for text in _place_texts(view.checks))
    with qtbot.waitSignal(view.checks.proxy.dataChanged, timeout=1000):  # the view is told at once
        view.rename_project(project, "改名后的项目")
    texts = _place_texts(view.checks)
    assert any("改名后的项目" in text for text in texts)  # without waiting for the next edit
    # … and 位置 is as wide as its text, not cut
    longest = max(texts, key=len)
    needed = view.checks.view.fontMetrics().horizontalAdvance(longest)
    assert view.checks.view.columnWidth(1) >= min(needed, 640 - 12)


def test_the_panel_shows_about_eight_rows(opened, dialogs) -> None:
    window, _path = opened
    assert CHECKS_HEIGHT >= 8 * 26 + 60
    sizes = window.view.right.sizes()
    assert sizes[-1] >= 8 * 26 or not window.view.checks.isVisible()


def test_a_long_sum_message_keeps_the_amount_fields_in_line(opened, dialogs, ui, qtbot) -> None:
    window, _path = opened
    page = window.view.current_page()
    total = page.binder.widget_for("budget_total")
    fiscal = page.binder.widget_for("budget_fiscal")
    before = (total.mapTo(page, total.rect().topLeft()).x(), fiscal.mapTo(page, fiscal.rect().topLeft()).x())
    ui.type_into(fiscal, "123456789.12")
    assert "相差" in page.sum_text()
    page.layout().activate()
    qtbot.wait(20)
    after = (total.mapTo(page, total.rect().topLeft()).x(), fiscal.mapTo(page, fiscal.rect().topLeft()).x())
    assert after == before and after[0] == after[1]
    assert page.project.budget_fiscal == Decimal("123456789.12")
