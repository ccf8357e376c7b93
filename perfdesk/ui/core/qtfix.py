"""A work-around for a reference-counting bug in PySide6 6.12 on CPython 3.11.

``SignalInstance.emit()`` returns ``True`` without taking a reference, so every signal emitted
from Python takes one reference away from ``True``.  After a few thousand emits (a few minutes
of typing) ``True`` is freed and the interpreter aborts ("bool_dealloc: deallocating True or
False").  Python 3.12+ makes ``True`` immortal, so the bug does no harm there.

:func:`install` probes for the bug and, only if it is present, wraps ``emit`` to add back the
missing reference.  ``perfdesk.ui`` installs it on import.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    """True if emitting a signal from Python takes a reference away from ``True``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 8


def install() -> bool:
    """Wrap ``SignalInstance.emit`` if (and only if) the bug is present; True if wrapped."""
    global _installed
    if _installed or not emit_leaks_true():
        return _installed
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference emit() should have returned
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    return True
