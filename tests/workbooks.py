"""Shared helpers for the tests that feed bad and hostile workbooks to the importer."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from perfdesk.importer.preflight import WorkbookRefused


def rewrite(src: Path, dst: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    """Copy the workbook src to dst with some zip members replaced and some added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def assert_refused(open_book: Callable[[Path], object], path: Path, text: str) -> WorkbookRefused:
    """open_book(path) is refused with text in the reason, within 5 s and 300 MB; returns the refusal."""
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(WorkbookRefused) as info:
        open_book(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert text in info.value.reason, info.value.reason
    assert elapsed < 5, elapsed
    assert peak < 300 * 1024 * 1024, peak
    return info.value
