"""Kill a process that saves documents over and over, and inspect what it left behind.

Shared by tests/test_reliability.py (a bounded number of kills) and bench/bench_crash.py
(the long run).  Linux only: the saver is a forked child, so a kill costs milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from perfdesk.models.document import Document
from perfdesk.store.file import open_document, save_document


def _saver(
    path: str, docs: list[Document], ready: multiprocessing.synchronize.Event, save: Callable[[Document, Path], None]
) -> None:
    first = True
    while True:
        for doc in docs:
            save(doc, Path(path))
            if first:
                ready.set()
                first = False


@dataclass
class CrashReport:
    """What the kills left: how many, and every file that was not a whole old or new document."""

    kills: int = 0
    old: int = 0
    new: int = 0
    bad: list[str] = field(default_factory=list)
    stray_temp_files: int = 0


def kill_during_saves(
    path: Path,
    docs: list[Document],
    kills: int,
    *,
    max_delay: float = 0.08,
    save: Callable[[Document, Path], None] = save_document,
    seed: int = 1,
    identify: Callable[[Path], object] | None = None,
) -> CrashReport:
    """Save ``docs`` in turn in a child, SIGKILL it at random moments, check the file each time.

    The kills come within ``max_delay`` seconds of the child's first save, or within 2.5 rounds
    of saves as timed here when that is longer, so that they land inside later saves too.
    ``identify`` reads a file back into something comparable (default: the document of a
    `.perfdesk` file, checked with ``integrity_check``); exports pass their own reader.
    """
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(seed)
    report = CrashReport()
    started = time.perf_counter()
    for doc in docs:  # time one round of saves: kills must reach past it even on a busy machine
        save(doc, path)
    max_delay = max(max_delay, 2.5 * (time.perf_counter() - started))
    expected = None
    if identify is not None:
        expected = []
        for doc in docs:
            save(doc, path)
            expected.append(identify(path))
    save(docs[0], path)
    for _ in range(kills):
        ready = ctx.Event()
        child = ctx.Process(target=_saver, args=(str(path), docs, ready, save), daemon=True)
        child.start()
        ready.wait(10)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join()
        report.kills += 1
        if identify is None:
            _inspect(path, docs, report)
        else:
            _identify(path, identify, expected or [], report)
    report.stray_temp_files = len(list(path.parent.glob(f".{path.name}.*.tmp*")))
    return report


def _identify(path: Path, identify: Callable[[Path], object], expected: list[object], report: CrashReport) -> None:
    try:
        seen = identify(path)
    except Exception as exc:
        report.bad.append(f"unreadable: {exc}")
        return
    if seen == expected[0]:
        report.old += 1
    elif seen in expected:
        report.new += 1
    else:
        report.bad.append("neither the old nor the new file")


def _inspect(path: Path, docs: list[Document], report: CrashReport) -> None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        doc = open_document(path).document
    except Exception as exc:
        report.bad.append(f"unreadable: {exc}")
        return
    if integrity != "ok":
        report.bad.append(f"integrity_check: {integrity}")
    elif doc == docs[0]:
        report.old += 1
    elif doc in docs:
        report.new += 1
    else:
        report.bad.append("a mix of two documents")
