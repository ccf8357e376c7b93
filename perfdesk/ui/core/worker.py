"""Slow work off the GUI thread: a :class:`Task` runs a function in Qt's thread pool.

The function gets the task: it calls :meth:`Task.report` for progress and asks
:meth:`Task.cancelled` whether to stop.  It never touches widgets; the task's signals carry
progress, the result or the exception back to the GUI thread, where :func:`run_with_progress`
shows a progress dialog with 取消.
"""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[["Task"], Any]
_ACTIVE: set[Task] = set()  # tasks are kept alive here until their last signal is delivered
PROGRESS_DELAY_MS = 400  # quick jobs finish before the progress dialog would flash
_gc_holds = 0  # running tasks that keep the cyclic garbage collector off
_gc_was_enabled = True


class Task(QObject):
    """A function run in the thread pool, reporting by signals (delivered in the GUI thread)."""

    progress = Signal(int, int, str)  # done, total (0 = unknown), what is being done
    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised
    finished = Signal()  # after succeeded or failed

    def __init__(self, work: Work) -> None:
        # Owned by the application object, never by a window (it must outlive one closed mid-task)
        # and never by Python alone (its last reference may go in the pool thread); deleted in the
        # GUI thread once the worker has let go of it.
        super().__init__(QCoreApplication.instance())
        self.work = work
        self._cancel = threading.Event()
        self._released = threading.Event()  # set by the worker after its last emit
        self.running = False
        self.finished.connect(self._forget)

    def start(self) -> None:
        """Run the function in the global thread pool."""
        _guard_quit()
        _hold_gc()
        self.running = True
        _ACTIVE.add(self)
        QThreadPool.globalInstance().start(_Runner(self))

    def cancel(self) -> None:
        """Ask the function to stop at its next check."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called (the function polls this)."""
        return self._cancel.is_set()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Progress from the worker thread."""
        self.progress.emit(done, total, text)

    def _forget(self) -> None:
        self.running = False
        if self in _ACTIVE:
            _ACTIVE.discard(self)
            _release_gc()
        self._dispose()

    def _dispose(self) -> None:
        """Delete the Qt object once the worker is out of its last ``emit``."""
        if self._released.is_set():
            self.deleteLater()
        else:
            QTimer.singleShot(5, self._dispose)


class _Runner(QRunnable):
    """Runs one task's function and emits its outcome."""

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        """Runs in a pool thread: nothing here may touch a widget."""
        task = self.task
        try:
            result = task.work(task)
        except BaseException as exc:  # every failure is reported, never raised into Qt
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            task.failed.emit(exc)
        else:
            task.succeeded.emit(result)
        finally:
            task.finished.emit()
            task._released.set()


def _hold_gc() -> None:
    """Keep Python's cyclic GC off while a worker runs (called in the GUI thread).

    A collection runs in whichever thread happens to allocate; in a pool thread it would destroy
    Qt objects of the GUI thread that sit in garbage cycles, and the process crashes.
    """
    global _gc_holds, _gc_was_enabled
    if _gc_holds == 0:
        _gc_was_enabled = gc.isenabled()
        gc.disable()
    _gc_holds += 1


def _release_gc() -> None:
    """The last running task is over: collections resume, in the GUI thread."""
    global _gc_holds
    _gc_holds = max(_gc_holds - 1, 0)
    if _gc_holds == 0 and _gc_was_enabled:
        gc.enable()


_quit_guarded: set[int] = set()


def _guard_quit() -> None:
    """On quit, cancel running tasks and wait: Python must not exit under a pool thread."""
    app = QCoreApplication.instance()
    if app is not None and id(app) not in _quit_guarded:
        _quit_guarded.add(id(app))
        app.aboutToQuit.connect(cancel_all)


def cancel_all(timeout_ms: int = 15_000) -> bool:
    """Ask every running task to stop and wait for the pool; False if one is still running."""
    for task in list(_ACTIVE):
        task.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def active_tasks() -> list[Task]:
    """The tasks still running (tests wait for these)."""
    return list(_ACTIVE)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Cancel nothing, but wait for the pool and deliver the tasks' last signals (quit, tests)."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    QCoreApplication.processEvents()
    return done


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("worker", text)


class _ProgressBinding(QObject):
    """Connects a task to its progress dialog; a child of the dialog, so it dies with it."""

    def __init__(self, task: Task, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.task = task
        self.dialog = dialog
        dialog.canceled.connect(self.cancel)
        task.progress.connect(self.show_progress)
        task.finished.connect(self.close)

    def cancel(self) -> None:
        """The clerk pressed 取消 (or closed the dialog)."""
        self.task.cancel()
        self.dialog.setLabelText(tr("正在取消…"))

    def show_progress(self, done: int, total: int, text: str) -> None:
        """Move the bar (a busy bar while the total is unknown)."""
        if self.task.cancelled():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def close(self) -> None:
        """The task is over: the dialog goes."""
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()


def run_with_progress(parent: QWidget | None, task: Task, title: str, label: str) -> QProgressDialog:
    """Start ``task`` with a window-modal progress dialog whose 取消 cancels it."""
    dialog = QProgressDialog(label, tr("取消"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setMinimumWidth(420)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    _ProgressBinding(task, dialog)
    task.start()
    return dialog
