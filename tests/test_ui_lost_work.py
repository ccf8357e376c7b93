"""Nothing typed is lost: open cell editors, kill -9, and documents that are not on disk yet."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from perfdesk.samples import sample
from perfdesk.store.file import save_document
from perfdesk.ui.app import offer_recovery
from perfdesk.ui.core import recovery
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.rolloverdialog import RolloverChoice
from perfdesk.ui.editors.overall import MeasuresEditor
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.shell.mainwindow import open_windows

ROOT = Path(__file__).resolve().parents[1]
TYPED = "Staff training every quarter, checked by the finance office"  # 60 characters, no Enter


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "昌黎.perfdesk"
    save_document(sample("changli-2021").load(), path)
    return path


def _start_typing(grid, row: int, col: int, text: str):
    """Type into a cell as in Excel, without Enter: the editor stays open."""
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(row, col))
    QTest.keyClick(grid, text[0])
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, text[1:])
    assert grid.state() == QAbstractItemView.State.EditingState
    return editor


def test_text_in_an_open_cell_editor_is_in_the_document_and_esc_takes_it_back(opened, dialogs) -> None:
    window, _path = opened
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    grid = page.tables["indicators"].grid
    before = page.project.indicators[0].level3
    steps = page.stack.count()
    editor = _start_typing(grid, 0, 2, TYPED)
    assert page.project.indicators[0].level3 == TYPED  # handed over while typing
    assert page.stack.count() == steps + 1  # the keystrokes are ONE undo step
    assert window.actions_by_name["undo"].isEnabled() and window.session.is_modified()
    assert "●" in window.view.tabs.tabText(window.view.tabs.currentIndex())
    assert editor.toPlainText() == TYPED  # the cursor was not disturbed by the cell's own update
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert grid.state() != QAbstractItemView.State.EditingState
    assert page.project.indicators[0].level3 == before
    assert page.stack.index() == steps  # nothing left to undo from the cancelled edit
    assert not window.session.is_modified()


def test_enter_after_typing_is_one_step_and_moves_down(opened, dialogs) -> None:
    window, _path = opened
    page = window.view.current_page()
    grid = page.tables["indicators"].grid
    steps = page.stack.count()
    editor = _start_typing(grid, 1, 4, "98%")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert page.project.indicators[1].value == "98%"
    assert page.stack.count() == steps + 1
    assert grid.currentIndex().row() == 2
    window.actions_by_name["undo"].trigger()
    assert page.project.indicators[1].value != "98%"


def test_typing_into_the_blank_row_adds_one_row(opened, dialogs) -> None:
    window, _path = opened
    window.view.open_node(NodeRef(NodeKind.MEASURES))
    page = window.view.current_page()
    assert isinstance(page, MeasuresEditor)
    grid = page.tables["measures:0"].grid
    model = grid.model()
    count = len(model.items)
    editor = _start_typing(grid, count, 0, "New measure")
    assert len(model.items) == count + 1 and model.items[-1] == "New measure"
    QTest.keyClicks(editor, " two")
    assert len(model.items) == count + 1 and model.items[-1] == "New measure two"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert len(model.items) == count + 1 and model.items[-1] == "New measure two"
    assert grid.currentIndex().row() == count + 1  # the blank row again


def test_tab_after_typing_into_the_blank_row_stays_on_the_new_row(opened, dialogs) -> None:
    window, _path = opened
    page = window.view.current_page()
    grid = page.tables["indicators"].grid
    count = len(page.project.indicators)
    editor = _start_typing(grid, count, 2, "Trees planted")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert len(page.project.indicators) == count + 1 and page.project.indicators[-1].level3 == "Trees planted"
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (count, 3)  # as in Excel


_KILLED_WHILE_TYPING = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from perfdesk.ui.app import configure_application
    from perfdesk.ui.core import recovery
    from perfdesk.ui.core.nodes import NodeKind, NodeRef
    from perfdesk.ui.shell.mainwindow import MainWindow
    recovery.INTERVAL_MS = 50
    app = QApplication([])
    configure_application(app)
    window = MainWindow()
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.open_file(sys.argv[1])
    page = window.view.open_node(NodeRef(NodeKind.MEASURES))
    grid = page.tables["measures:0"].grid
    model = grid.model()
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(grid, sys.argv[2][0])
    QTest.keyClicks(QApplication.focusWidget(), sys.argv[2][1:])  # no Enter: the editor stays open

    def written():
        if sys.argv[2] in window.journal.path.read_text(encoding="utf-8"):
            print("journalled", grid.state() == grid.State.EditingState, flush=True)

    window.journal.written.connect(written)
    QTimer.singleShot(20000, lambda: (print("not journalled", flush=True), app.quit()))
    app.exec()
    """
)


def test_kill_9_while_a_cell_editor_is_open_recovers_the_text(window, dialogs, sample_file: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WHILE_TYPING, str(sample_file), TYPED],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline().strip()
        assert line == "journalled True"  # written while the cell editor was still open
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    [orphan] = recovery.find_orphans()
    assert orphan.path == sample_file.absolute()
    assert offer_recovery(window) == [window]
    measures = window.session.document.overall.measures
    texts = [item for group in measures.groups for item in group.items]
    assert TYPED in texts
    assert window.session.is_modified()


# ------------------------------------------------------------------ documents not on disk


def test_a_next_year_document_asks_before_closing(window, dialogs, monkeypatch) -> None:
    from perfdesk.ui import dialogs as dialogs_module

    window.open_sample("changli-2021")
    monkeypatch.setattr(dialogs_module, "ask_rollover", lambda *_a: RolloverChoice(None, False, True))
    window.actions_by_name["new_year"].trigger()
    new_window = open_windows()[-1]
    assert new_window is not window and new_window.session.path is None
    dialogs.unsaved = "cancel"
    new_window.actions_by_name["close_document"].trigger()
    assert dialogs.names()[-1] == "ask_unsaved"
    assert new_window.session is not None  # still open: the clerk cancelled


def test_a_new_document_asks_before_closing(window, dialogs) -> None:
    from perfdesk.models.document import Document

    window.new_document(Document())
    dialogs.unsaved = "cancel"
    assert not window.close_document()
    assert dialogs.names() == ["ask_unsaved"]
