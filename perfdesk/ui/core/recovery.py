"""Crash recovery: unsaved edits are journalled every few seconds and offered back at start.

A journal is one file per open document in the per-user recovery folder: a first line of JSON
metadata (original path, time, title) followed by the whole document as perfdesk JSON (compact).
The document is serialised on the GUI thread when the clerk pauses (~40 ms for a 300-project
document; a worker thread would fight the GUI for Python's lock) — or after 10 s of non-stop
typing at the latest — and the bytes are written atomically and flushed to disk in a worker
thread.  The journal is locked with a ``QLockFile`` while its window lives and deleted when the
document is saved or closed.  A journal whose lock is free at start belongs to a perfdesk that
crashed: that is what :func:`find_orphans` returns.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from perfdesk.atomic import write_bytes_atomic
from perfdesk.models.codec import to_plain
from perfdesk.models.document import Document
from perfdesk.models.jsonio import FORMAT_NAME, FORMAT_VERSION, document_from_json
from perfdesk.ui.core import idle
from perfdesk.ui.core.paths import recovery_dir
from perfdesk.ui.core.session import DocumentSession

SUFFIX = ".journal"
INTERVAL_MS = 5000  # the first edit after a write schedules the next write this much later
IDLE_MS = 300  # ... which waits for a pause in typing this long
MAX_DELAY_MS = 10000  # ... but not longer than this after that first edit
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="perfdesk-journal")


@dataclass
class Orphan:
    """A journal left behind by a perfdesk that did not close normally."""

    journal: Path
    path: Path | None  # the document's file, None for a never-saved document
    title: str
    saved_at: float

    def load(self) -> Document:
        """The journalled document; raises DecodeError or OSError."""
        _, body = _split(self.journal.read_text(encoding="utf-8"))
        return document_from_json(body)

    def discard(self) -> None:
        """Delete the journal and its lock."""
        for p in (self.journal, _lock_path(self.journal)):
            with contextlib.suppress(OSError):
                p.unlink()


def _lock_path(journal: Path) -> Path:
    return journal.with_name(journal.name + ".lock")


def _split(text: str) -> tuple[dict[str, object], str]:
    head, _, body = text.partition("\n")
    meta = json.loads(head)
    if not isinstance(meta, dict):
        raise ValueError("bad journal header")
    return meta, body


def _document_title(doc: Document) -> str:
    return f"{doc.unit.name or '未命名单位'} {doc.unit.fiscal_year}年"


class Journal(QObject):
    """The recovery journal of one session: written on a timer while there are unsaved edits."""

    written = Signal()

    def __init__(self, session: DocumentSession, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        folder = folder or recovery_dir()
        self.path = folder / f"{uuid.uuid4().hex}{SUFFIX}"
        self._lock = QLockFile(str(_lock_path(self.path)))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)
        self._pending: Future[None] | None = None
        self._written_generation = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._first_change = time.monotonic()
        session.document_changed.connect(self._on_changed)
        session.saved.connect(self.discard)

    def _on_changed(self, _scope: object) -> None:
        if not self._timer.isActive():
            self._first_change = time.monotonic()
            self._timer.start(INTERVAL_MS)

    def _on_timeout(self) -> None:
        waited = idle.idle_ms()
        overdue = (time.monotonic() - self._first_change) * 1000 >= MAX_DELAY_MS
        if waited < IDLE_MS and not overdue:
            self._timer.start(IDLE_MS - waited)
            return
        self.flush()

    def flush(self) -> None:
        """Write the journal now if there are unsaved edits (the disk write runs in a worker thread)."""
        self._timer.stop()
        if not self.session.is_modified():
            self.discard()
            return
        if self._written_generation == self.session.generation:
            return
        self._written_generation = self.session.generation
        meta = {
            "path": str(self.session.path) if self.session.path else None,
            "title": _document_title(self.session.document),
            "saved_at": time.time(),
            "name": self.session.display_name(),
        }
        # The same wrapper as jsonio.document_to_json, without indentation (4x faster).
        wrapper = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "document": to_plain(self.session.document)}
        text = json.dumps(meta, ensure_ascii=False) + "\n" + json.dumps(wrapper, ensure_ascii=False)
        data, target = text.encode("utf-8"), self.path
        self._wait()
        self._pending = _executor.submit(write_bytes_atomic, target, data)
        self._pending.add_done_callback(lambda _f: _emit_written(self))

    def write_now(self) -> None:
        """Write synchronously (used right after restoring a journal)."""
        self._written_generation = -1
        self.flush()
        self._wait()

    def _wait(self) -> None:
        if self._pending is not None:
            with contextlib.suppress(Exception):
                self._pending.result()
            self._pending = None

    def discard(self) -> None:
        """Delete the journal (the document was saved or closed); keep journalling later edits."""
        self._timer.stop()
        self._wait()
        self._written_generation = -1
        with contextlib.suppress(OSError):
            self.path.unlink()

    def close(self) -> None:
        """The document was closed normally: delete the journal and release its lock."""
        self.session.document_changed.disconnect(self._on_changed)
        self.discard()
        self._lock.unlock()
        with contextlib.suppress(OSError):
            _lock_path(self.path).unlink()

    def abandon(self) -> None:
        """Stop without deleting anything (what a crash leaves behind; used by tests)."""
        self._timer.stop()
        self._wait()
        self._lock.unlock()


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    """Journals of perfdesk windows that crashed (their lock is free), newest first."""
    folder = folder or recovery_dir()
    found: list[Orphan] = []
    for journal in folder.glob(f"*{SUFFIX}"):
        lock = QLockFile(str(_lock_path(journal)))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # a running perfdesk owns it
        lock.unlock()
        try:
            with journal.open(encoding="utf-8") as fh:
                meta, _ = _split(fh.readline())
        except (OSError, ValueError):
            continue
        path = meta.get("path")
        found.append(
            Orphan(
                journal=journal,
                path=Path(str(path)) if path else None,
                title=str(meta.get("title", "")),
                saved_at=float(str(meta.get("saved_at", 0))),
            )
        )
    found.sort(key=lambda o: o.saved_at, reverse=True)
    return found


def _emit_written(journal: Journal) -> None:
    """Announce a finished write from the worker thread (the window may have closed meanwhile)."""
    with contextlib.suppress(RuntimeError):
        journal.written.emit()
