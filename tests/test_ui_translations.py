"""Qt's own buttons and dialogs speak Chinese, like the rest of the app."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from perfdesk.ui.app import configure_application


def test_standard_buttons_are_chinese(qapp: QApplication) -> None:
    configure_application(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
