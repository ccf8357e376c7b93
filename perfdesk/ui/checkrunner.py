"""Runs the checks (审核) while the clerk types, without stalling the keyboard.

Checks run a moment after the last edit.  A small document is checked on the spot (a few
milliseconds).  A large one (a 300-project document takes ~85 ms) is checked in a worker
thread: the checks only read the document, and a result computed while the clerk kept editing
is thrown away and the check repeated, so what is shown always matches the document.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from perfdesk.models.checks import check_document
from perfdesk.models.findings import Finding, count
from perfdesk.ui.session import DocumentSession

DELAY_MS = 250
BACKGROUND_ROWS = 1500  # documents with more indicator rows than this are checked in a thread
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="perfdesk-checks")


class CheckRunner(QObject):
    """Keeps :attr:`findings` current; emits :attr:`updated` when they change."""

    updated = Signal()
    _finished = Signal(object, int)  # future, generation (from the worker thread)

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.findings: list[Finding] = []
        self._ran = False
        self._pending: Future[list[Finding]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._on_timeout)
        self._finished.connect(self._on_finished)
        session.document_changed.connect(self._on_document_changed)

    def _on_document_changed(self, _scope: object) -> None:
        self._timer.start()

    def counts(self) -> tuple[int, int]:
        """(errors, warnings)."""
        return count(self.findings)

    def busy(self) -> bool:
        """True while a check is scheduled or running."""
        return self._timer.isActive() or self._pending is not None

    def run(self) -> None:
        """Check now, on this thread."""
        self._timer.stop()
        self._publish(check_document(self.session.document))

    def _rows(self) -> int:
        return sum(len(p.indicators) for p in self.session.document.projects)

    def _on_timeout(self) -> None:
        if self._rows() < BACKGROUND_ROWS:
            self.run()
        elif self._pending is None:
            generation = self.session.generation
            future = _executor.submit(check_document, self.session.document)
            self._pending = future
            future.add_done_callback(lambda f: _emit(self._finished, f, generation))

    def _on_finished(self, future: Future[list[Finding]], generation: int) -> None:
        self._pending = None
        if generation != self.session.generation:
            self._timer.start()  # edited meanwhile: the result may be stale
            return
        try:
            findings = future.result()
        except Exception:  # a list changed under the worker: check again
            self._timer.start()
            return
        self._publish(findings)

    def _publish(self, findings: list[Finding]) -> None:
        if findings != self.findings or not self._ran:
            self.findings = findings
            self._ran = True
            self.updated.emit()


def _emit(signal: object, *args: object) -> None:
    """Emit from a worker thread; the receiver may already be gone (document closed)."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)  # type: ignore[attr-defined]
