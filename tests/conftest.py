"""Shared test set-up: Qt runs offscreen; per-user folders live in tmp_path; dialogs never block.

UI tests get a configured application (CJK fonts registered), a ``dialogs`` script that
answers the app's questions (save where, discard or save, recover or not …) and a ``window``
fixture that closes every main window at the end without asking.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _perfdesk_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, recovery journals, backups and the learned library go to a per-test folder."""
    folder = tmp_path / "perfdesk-data"
    monkeypatch.setenv("PERFDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal dialog that a test did not script is answered "cancel" at once instead of blocking."""
    calls: list[str] = []
    try:
        from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
    except ImportError:  # pragma: no cover - Qt is always installed with the test extras
        return calls

    def answer(name: str, value: Any) -> Any:
        def fake(*_args: Any, **_kwargs: Any) -> Any:
            calls.append(name)
            return value

        return fake

    Button = QMessageBox.StandardButton
    for name, value in (
        ("question", Button.No),
        ("warning", Button.Ok),
        ("critical", Button.Ok),
        ("information", Button.Ok),
    ):
        monkeypatch.setattr(QMessageBox, name, staticmethod(answer(name, value)))
    monkeypatch.setattr(QMessageBox, "exec", answer("QMessageBox.exec", 0))
    monkeypatch.setattr(QDialog, "exec", answer("QDialog.exec", QDialog.DialogCode.Rejected))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer("getOpenFileName", ("", ""))))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer("getSaveFileName", ("", ""))))
    return calls


@dataclass
class DialogScript:
    """Answers for perfdesk.ui.dialogs, and a record of what was asked."""

    save_path: Path | None = None
    open_path: Path | None = None
    unsaved: str = "discard"
    confirm: bool = True
    recovery: str = "restore"
    new_document: Any = None
    asked: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def names(self) -> list[str]:
        """The names of the questions asked, in order."""
        return [name for name, _ in self.asked]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogScript:
    """Script the app's dialogs: set attributes of the returned object to choose the answers."""
    from perfdesk.ui import dialogs as module

    script = DialogScript()

    def record(name: str, result: Any) -> Any:
        def fake(*args: Any, **_kwargs: Any) -> Any:
            script.asked.append((name, args[1:]))
            return result() if callable(result) else result

        return fake

    monkeypatch.setattr(module, "ask_save_path", record("ask_save_path", lambda: script.save_path))
    monkeypatch.setattr(module, "ask_open_path", record("ask_open_path", lambda: script.open_path))
    monkeypatch.setattr(module, "ask_unsaved", record("ask_unsaved", lambda: script.unsaved))
    monkeypatch.setattr(module, "confirm", record("confirm", lambda: script.confirm))
    monkeypatch.setattr(module, "ask_recovery", record("ask_recovery", lambda: script.recovery))
    monkeypatch.setattr(module, "ask_new_document", record("ask_new_document", lambda: script.new_document))
    monkeypatch.setattr(module, "show_error", record("show_error", None))
    monkeypatch.setattr(module, "show_info", record("show_info", None))
    monkeypatch.setattr(module, "show_help", record("show_help", None))
    return script


@pytest.fixture
def app(qapp: Any) -> Any:
    """The QApplication configured as perfdesk configures it (CJK fonts, style sheet)."""
    from perfdesk.ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture
def window(app: Any, qtbot: Any, dialogs: DialogScript) -> Iterator[Any]:
    """An empty main window; every main window is closed (changes discarded) afterwards."""
    from perfdesk.ui.shell.mainwindow import MainWindow, open_windows

    win = MainWindow()
    win.show()
    qtbot.waitExposed(win)
    yield win
    dialogs.unsaved = "discard"
    for w in open_windows():
        w.close()
        w.deleteLater()


@pytest.fixture
def opened(window: Any, tmp_path: Path) -> tuple[Any, Path]:
    """The main window on a saved copy of the changli-2021 sample (six projects, no 自评表 yet)."""
    from perfdesk.samples import sample
    from perfdesk.store.file import save_document

    path = tmp_path / "昌黎.perfdesk"
    save_document(sample("changli-2021").load(), path)
    window.open_file(path)
    return window, path


class Ui:
    """Ways to type into widgets the way a clerk does (Chinese through an input method)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    @staticmethod
    def ime(widget: Any, text: str) -> None:
        """Type ``text`` through an input method: a pre-edit, then the commit."""
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(widget, QInputMethodEvent("pinyin", []))
        commit = QInputMethodEvent("", [])
        commit.setCommitString(text)
        QApplication.sendEvent(widget, commit)

    def type_into(self, widget: Any, text: str) -> None:
        """Focus a field, select what is there and type over it."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        target = getattr(widget, "edit", widget)
        target.setFocus()
        QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if text.isascii():
            QTest.keyClicks(target, text)
        else:
            self.ime(target, text)

    def type_cell(self, grid: Any, row: int, col: int, text: str, then: str = "enter") -> None:
        """Type into a grid cell as in Excel (no double-click), then press Enter or Tab."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QAbstractItemView, QApplication

        grid.setFocus()
        grid.setCurrentIndex(grid.model().index(row, col))
        if text.isascii():
            QTest.keyClick(grid, text[0])
            editor = QApplication.focusWidget()
            QTest.keyClicks(editor, text[1:])
        else:
            self.ime(grid, text)
            editor = QApplication.focusWidget()
        assert grid.state() == QAbstractItemView.State.EditingState
        key = {"enter": Qt.Key.Key_Return, "tab": Qt.Key.Key_Tab}[then]
        QTest.keyClick(editor, key)


@pytest.fixture
def ui(qtbot: Any) -> Ui:
    """Typing helpers."""
    return Ui(qtbot)
