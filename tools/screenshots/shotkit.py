"""Shared steps of the screenshot scripts: a fresh full-size window, settling, discarding."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfdesk.ui.app import configure_application
from perfdesk.ui.core.style import WINDOW_SIZE
from perfdesk.ui.shell.mainwindow import MainWindow


def settle(ms: int = 350) -> None:
    """Let layouts, timers and the checks finish before a grab."""
    QTest.qWait(ms)


def new_window() -> MainWindow:
    """A shown main window at the standard size (not the size a previous shot left in the settings)."""
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window)
    return window


def discard(window: MainWindow) -> None:
    """Close a window without the unsaved-changes question."""
    if window.session is not None:
        window.session._forced_dirty = False
        for stack in window.session.undo_group.stacks():
            stack.setClean()
    window.close()


def run(take: Callable[[Path], list[Path]], argv: list[str] | None = None) -> int:
    """Entry point of a screenshot script: take the shots into the folder given (docs/screenshots), list them."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "docs/screenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)  # type: ignore[arg-type]
    for path in take(folder):
        print(path)
    return 0
