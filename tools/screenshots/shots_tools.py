"""Screenshots of the 自评表, the indicator library and the year/framework tools (for the README).

Called by :func:`take` in ``tools/screenshots/__main__.py``; also runs alone:
``python tools/screenshots/shots_tools.py docs/screenshots``.  Pop-ups (the type-ahead list)
and dialogs are painted onto the window grab where the clerk sees them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PERFDESK_DATA_DIR", tempfile.mkdtemp(prefix="perfdesk-shots-"))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QListView, QWidget
from shotkit import discard, new_window, run, settle

from perfdesk.models.document import Band
from perfdesk.models.rollover import convert_to_2021
from perfdesk.samples import sample
from perfdesk.ui.core.libraryholder import learn_quietly, shared_library
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.core.style import WINDOW_SIZE
from perfdesk.ui.dialogs.convertdialog import ConvertDialog
from perfdesk.ui.dialogs.library_dialog import LibraryDialog
from perfdesk.ui.dialogs.rolloverdialog import RolloverChoice, RolloverDialog
from perfdesk.ui.editors.evaluation import EvaluationEditor
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.grid.library_completer import LibraryCompleter
from perfdesk.ui.shell.mainwindow import MainWindow, open_windows

# 自评表 of changli-2021 project 2 (安全生产三年专项行动项目): 实际完成值 or 达成情况 per row.
_ACTUALS = ("18个", "100%", "100%", "104万元", None, None, None, None, "93%")
_BANDS = {4: Band.MET, 5: Band.MET, 6: Band.PARTLY, 7: Band.MET}
_REASONS = {
    0: "1个乡镇年中并入邻镇，实际应排查18个，已全部完成。",
    6: "部分乡镇隐患整改复查滞后，下年度将复查纳入月度督导。",
    8: "个别企业对检查频次有意见，将优化检查计划、减少重复检查。",
}


_TITLE_BAR = 28  # height of the title bar drawn over a dialog (a grab has no window frame)


def _save(pixmap: QPixmap, folder: Path, name: str) -> Path:
    path = folder / f"ui-{name}.png"
    pixmap.save(str(path))
    return path


def _overlay(base: QPixmap, widget: QWidget, at: QPoint) -> QPixmap:
    """Paint a pop-up or dialog onto a window grab (a dialog with a plain title bar), with a soft shadow."""
    image = QPixmap(base)
    shot = widget.grab()
    bar = _TITLE_BAR if widget.windowTitle() and not isinstance(widget, QListView) else 0
    width, height = shot.width(), shot.height() + bar
    painter = QPainter(image)
    painter.fillRect(at.x() + 6, at.y() + 6, width, height, QColor(0, 0, 0, 40))
    if bar:
        painter.fillRect(at.x(), at.y(), width, bar, QColor("#e6ebf1"))
        painter.setPen(QColor("#1f3b5b"))
        painter.drawText(at.x() + 12, at.y(), width - 24, bar, Qt.AlignmentFlag.AlignVCenter, widget.windowTitle())
    painter.drawPixmap(at.x(), at.y() + bar, shot)
    painter.setPen(QPen(QColor("#8a96a3"), 1))
    painter.drawRect(at.x(), at.y(), width - 1, height - 1)
    painter.end()
    return image


def _centered(base: QPixmap, widget: QWidget) -> QPoint:
    return QPoint(max(0, (base.width() - widget.width()) // 2), max(0, (base.height() - widget.height()) // 3))


def take_tools(folder: Path) -> list[Path]:
    """ui-evaluation, ui-typeahead, ui-library-picker, ui-rollover, ui-convert-preview."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("changli-2021", "lunan-2025"):  # the clerk's own library: what earlier documents taught it
        learn_quietly(sample(name).load())
    return [_evaluation(folder), _typeahead(folder), _picker(folder), _rollover(folder), _convert(folder)]


def _evaluation(folder: Path) -> Path:
    window = new_window()
    window.open_sample("changli-2021")
    assert window.view is not None and window.session is not None
    project = window.session.document.projects[1]
    page = window.view.open_node(NodeRef(NodeKind.EVALUATION, project))
    assert isinstance(page, EvaluationEditor)
    page.generate()
    page.binder.widget_for("executed").edit.setText("98.6")  # type: ignore[union-attr]
    page.binder.widget_for("executed").edit.textEdited.emit("98.6")  # type: ignore[union-attr]
    evaluation = project.evaluation
    assert evaluation is not None and page.model is not None
    page.binder.widget_for("annual_goal").setPlainText(  # type: ignore[union-attr]
        "完成安全生产三年专项行动各阶段任务，督导检查覆盖全县重点行业企业，隐患整改率达到95%以上。"
    )
    page.binder.widget_for("actual_summary").setPlainText(  # type: ignore[union-attr]
        "全年开展督导检查15次，覆盖重点行业企业312家，排查隐患1,046项，整改完成率100%。"
    )
    model = page.model
    for row, actual in enumerate(_ACTUALS):
        if actual is not None and row < len(evaluation.rows):
            model.setData(model.index(row, model.column_of("actual") or 0), actual)
    for row, band in _BANDS.items():
        model.setData(model.index(row, model.column_of("band") or 0), band.value)
    for row, reason in _REASONS.items():
        model.setData(model.index(row, model.column_of("reason") or 0), reason)
    window.view.runner.run()
    window.view.checks.current_only.setChecked(True)  # the findings of this 自评表 only
    window.view.right.setSizes([window.height() - 150, 110])
    settle(500)
    shot = _save(window.grab(), folder, "evaluation")
    discard(window)
    return shot


def _project_page(window: MainWindow, name: str) -> ProjectEditor:
    window.open_sample(name)
    assert window.view is not None
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    return page


def _typeahead(folder: Path) -> Path:
    window = new_window()
    page = _project_page(window, "changli-2021")
    grid = page.tables["indicators"].grid
    row = next(i for i, ind in enumerate(page.project.indicators) if ind.level1 == "满意度指标")
    assert window.view is not None
    window.view.checks.hide()
    page.splitter.setSizes([150, 650])
    settle()
    grid.setFocus()
    index = grid.model().index(row, 2)
    grid.setCurrentIndex(index)
    grid.scrollTo(index)
    settle(100)
    grid.edit(index)
    editor = QApplication.focusWidget()
    helper = editor.findChild(LibraryCompleter) if editor is not None else None
    assert helper is not None
    helper.editor.setPlainText("满意")  # type: ignore[union-attr]
    helper.complete()
    helper._move(Qt.Key.Key_Down)
    settle()
    base = window.grab()
    popup = helper.popup()
    at = popup.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
    shot = _save(_overlay(base, popup, at), folder, "typeahead")
    helper.hide()
    discard(window)
    return shot


def _picker(folder: Path) -> Path:
    window = new_window()
    page = _project_page(window, "changli-2021")
    doc = page.session.document
    dialog = LibraryDialog(
        shared_library(), framework=doc.unit.framework, level1="产出指标", level2="质量指标", parent=window
    )
    dialog.search_edit.setText("率")
    dialog.show()
    settle()
    shot = _save(_overlay(window.grab(), dialog, _centered(window.grab(), dialog)), folder, "library-picker")
    dialog.close()
    discard(window)
    return shot


def _rollover(folder: Path) -> Path:
    window = new_window()
    window.open_sample("changli-2021")
    assert window.session is not None
    source = window.session.document
    dialog = RolloverDialog(source, window.session.display_name(), window)
    dialog.keep_plans.setChecked(False)
    dialog.show()
    settle()
    import perfdesk.ui.dialogs as dialogs

    original = dialogs.ask_rollover
    dialogs.ask_rollover = lambda *_args: RolloverChoice(None, True, False)  # type: ignore[assignment]
    try:
        window.actions_by_name["new_year"].trigger()
    finally:
        dialogs.ask_rollover = original  # type: ignore[assignment]
    new = open_windows()[-1]
    assert new.view is not None
    new.resize(*WINDOW_SIZE)
    new.view.open_node(NodeRef(NodeKind.SUMMARY))
    new.view.checks.warnings_button.click()
    new.view.right.setSizes([new.height() - 380, 300])  # all the warnings, the year ones last
    new.view.runner.run()
    settle(500)
    base = new.grab()
    at = QPoint(base.width() - dialog.width() - 24, 70)
    shot = _save(_overlay(base, dialog, at), folder, "rollover")
    dialog.close()
    discard(new)
    discard(window)
    return shot


def _convert(folder: Path) -> Path:
    window = new_window()
    _project_page(window, "changli-2021")
    assert window.session is not None
    doc = window.session.document
    _converted, changes = convert_to_2021(doc)
    dialog = ConvertDialog(doc, changes, window)
    dialog.show()
    settle()
    base = window.grab()
    shot = _save(_overlay(base, dialog, _centered(base, dialog)), folder, "convert-preview")
    dialog.close()
    discard(window)
    return shot


def main(argv: list[str] | None = None) -> int:
    """Entry point: take only these screenshots."""
    return run(take_tools, argv)


if __name__ == "__main__":
    sys.exit(main())
