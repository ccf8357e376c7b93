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
