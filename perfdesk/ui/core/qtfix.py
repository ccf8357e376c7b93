"""Work-arounds for reference-counting bugs in PySide6 6.12 on CPython 3.11.

``SignalInstance.emit()`` returns ``True`` without taking a reference, so every signal emitted
from Python takes one reference away from ``True``.  After a few thousand emits (a few minutes
of typing) ``True`` is freed and the interpreter aborts ("bool_dealloc: deallocating True or
False").  Python 3.12+ makes ``True`` immortal, so the bug does no harm there.

The same release also returns ``None`` from every void method (``setText``, ``clear`` …) without
a reference: ``None`` is freed after some tens of thousands of calls ("none_dealloc").  perfdesk
pins PySide6 below 6.12; should a build with that bug be installed anyway, :func:`install` makes
``None`` as good as immortal (as Python 3.12 does) by adding 2**40 references to it.

:func:`install` probes for each bug and, only if it is present, wraps ``emit`` to add back the
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


def void_call_leaks_none() -> bool:
    """True if calling a void Qt method from Python takes a reference away from ``None``."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 8


def _immortalise_none() -> None:
    """Add 2**40 references to ``None``: no leak of one per call can free it in a lifetime."""
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def install() -> bool:
    """Wrap ``SignalInstance.emit`` if (and only if) the bug is present; True if wrapped."""
    global _installed
    if not _installed and void_call_leaks_none():
        _immortalise_none()
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
