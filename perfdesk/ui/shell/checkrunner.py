"""Runs the checks (审核) while the clerk types, without ever delaying a keystroke.

Checks run a moment after the last edit, on the GUI thread (a worker thread would compete with
the GUI for Python's lock and make painting stutter).  A small document is checked after
250 ms (a few milliseconds of work).  A large one (a 300-project document takes ~85 ms) waits
until the clerk has paused typing for a moment, so the check never lands between keystrokes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from perfdesk.models.checks import check_document
from perfdesk.models.findings import Finding, count
from perfdesk.ui.core import idle
from perfdesk.ui.core.session import DocumentSession

DELAY_MS = 250
IDLE_MS = 500  # a large document is checked only after this long without input
LARGE_ROWS = 1500  # indicator rows from which a document counts as large


class CheckRunner(QObject):
    """Keeps :attr:`findings` current; emits :attr:`updated` when they change."""

    updated = Signal()

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.findings: list[Finding] = []
        self._ran = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._on_timeout)
        session.document_changed.connect(self._on_document_changed)

    def _on_document_changed(self, _scope: object) -> None:
        self._timer.start(DELAY_MS)

    def counts(self) -> tuple[int, int]:
        """(errors, warnings)."""
        return count(self.findings)

    def busy(self) -> bool:
        """True while a check is scheduled."""
        return self._timer.isActive()

    def run(self) -> None:
        """Check now."""
        self._timer.stop()
        findings = check_document(self.session.document)
        if findings != self.findings or not self._ran:
            self.findings = findings
            self._ran = True
            self.updated.emit()

    def _large(self) -> bool:
        return sum(len(p.indicators) for p in self.session.document.projects) >= LARGE_ROWS

    def _on_timeout(self) -> None:
        waited = idle.idle_ms()
        if waited < IDLE_MS and self._large():
            self._timer.start(IDLE_MS - waited)
            return
        self.run()
