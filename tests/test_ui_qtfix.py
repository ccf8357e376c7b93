"""PySide6 6.12 on CPython 3.11 loses a reference to True on every emit: perfdesk.ui puts it back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import perfdesk.ui  # noqa: F401 - installs the fix
from perfdesk.ui.core import qtfix


class _Sender(QObject):
    changed = Signal(object, object)


def test_many_emits_keep_true_alive() -> None:
    sender = _Sender()
    received: list[object] = []
    sender.changed.connect(lambda a, b: received.append(a))
    before = sys.getrefcount(True)
    for i in range(20000):  # without the fix, True is freed (and Python aborts) long before this
        sender.changed.emit(i, "x")
    assert len(received) == 20000
    assert abs(sys.getrefcount(True) - before) < 50
    assert not qtfix.emit_leaks_true()
    assert sender.changed.emit(1, 2) is True


def test_void_calls_do_not_free_none(qapp) -> None:
    """PySide6 6.12.0 returned None from void methods without a reference: 60,000 calls aborted."""
    from PySide6.QtWidgets import QLineEdit

    assert not qtfix.void_call_leaks_none() or sys.getrefcount(None) > 1 << 39  # pinned, or made safe
    edit = QLineEdit()
    for _ in range(60_000):
        edit.setText("x")
    assert edit.text() == "x"


def test_the_pinned_pyside_has_no_void_call_leak() -> None:
    """pyproject pins PySide6 below 6.12; this fails if a build with the None leak slips in."""
    assert not qtfix.void_call_leaks_none()
