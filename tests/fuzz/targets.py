"""Run one mutant through perfdesk as the CLI would, and judge the outcome.

The pipeline for every kind: read it (``load`` / open / ``import``) — a refusal must be one of
perfdesk's own errors with a one-line message naming the file — then, for what was accepted:
``check``, save, reopen (equal), and export (xlsx always, PDF and docx with ``full``); the
exported workbook must hold no formula cell.  Anything else is a crash.

:func:`run_isolated` runs one mutant in a forked child under limits (address space, CPU time,
wall time) and measures its time and peak memory; the parent process never runs hostile input.
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import signal
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fuzz.engines import SUFFIX, mutant

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of one mutant's process (the bar: 500 MB resident)
TIME_LIMIT = 60.0  # seconds of wall time before a mutant counts as a hang


class Crash(Exception):
    """perfdesk let an unexpected exception through, or its output was wrong."""


@dataclass
class Outcome:
    """What one mutant did."""

    kind: str
    seed: int
    status: str  # "accepted", "refused", "crash", "hang"
    message: str = ""
    seconds: float = 0.0
    peak_mb: float = 0.0


def refusal_types() -> tuple[type[BaseException], ...]:
    """perfdesk's own errors: each carries a one-line Chinese message naming the file."""
    from perfdesk.export.service import ExportError
    from perfdesk.importer.preflight import WorkbookRefused
    from perfdesk.models.codec import DecodeError
    from perfdesk.store.file import DocumentFileError

    return (DecodeError, DocumentFileError, WorkbookRefused, ExportError)


def run_pipeline(kind: str, data: bytes, folder: Path, *, full: bool = False) -> str:
    """Feed ``data`` of ``kind`` through perfdesk; returns "accepted" or "refused", raises Crash."""
    source = folder / f"input{SUFFIX[kind]}"
    source.write_bytes(data)
    try:
        doc = _read(kind, source, data)
    except refusal_types() as exc:
        _one_line(str(exc), source, kind)
        return "refused"
    except Exception as exc:
        raise Crash(_describe(exc)) from exc
    try:
        _use(doc, folder, full=full)
    except Crash:
        raise
    except Exception as exc:
        raise Crash(f"accepted, then {_describe(exc)}") from exc
    return "accepted"


def _read(kind: str, source: Path, data: bytes) -> object:
    if kind == "json":
        from perfdesk.models.codec import DecodeError
        from perfdesk.models.jsonio import MAX_JSON_BYTES, document_from_json

        if len(data) > MAX_JSON_BYTES:  # the CLI reads no more than this
            raise DecodeError("", f"{source}: 文件过大")
        try:
            return document_from_json(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise DecodeError("", f"{source}: 不是 UTF-8 文本") from None
        except DecodeError as exc:  # the CLI names the file before the place, as here
            raise DecodeError(exc.path, f"{source}: {exc.message}") from None
    if kind == "perfdesk":
        from perfdesk.store.file import open_document

        return open_document(source).document
    from perfdesk.importer.reader import import_workbook

    return import_workbook(source).document


def _use(doc: object, folder: Path, *, full: bool) -> None:
    from perfdesk.export.service import ExportError, export_document
    from perfdesk.models.checks import check_document, describe
    from perfdesk.store.file import open_document, save_document

    for finding in check_document(doc):  # type: ignore[arg-type]
        describe(finding.place, doc)  # type: ignore[arg-type]
    saved = folder / "saved.perfdesk"
    save_document(doc, saved)  # type: ignore[arg-type]
    again = open_document(saved).document
    if again != doc:
        raise Crash("saved and reopened, the document differs")
    for suffix in (".xlsx", ".pdf", ".docx") if full else (".xlsx",):
        target = folder / f"out{suffix}"
        try:
            export_document(again, target)
        except ExportError as exc:
            _one_line(str(exc), target, "export")
            continue
        if suffix == ".xlsx":
            assert_no_formulas(target)


def assert_no_formulas(path: Path) -> None:
    """No cell of the workbook is a formula (read from the raw sheet XML: ``<f>`` or ``t="str"``)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                body = zf.read(name)
                if b"<f>" in body or b"<f " in body or b"<f/>" in body:
                    raise Crash(f"formula cell in {path.name} {name}")


def _one_line(message: str, source: Path, kind: str) -> None:
    if "\n" in message or "Traceback" in message:
        raise Crash(f"refusal of more than one line: {message[:300]!r}")
    if str(source) not in message and kind != "export":
        raise Crash(f"refusal does not name the file: {message[:300]!r}")


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = next(
        (f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames) if "perfdesk" in f.filename), "?"
    )
    return f"{type(exc).__name__} at {where}: {str(exc)[:300]}"


def warm() -> None:
    """Import everything and run each unmutated base once here, so that forked children start warm."""
    from fuzz.engines import base_json, base_perfdesk, base_workbooks

    with tempfile.TemporaryDirectory() as tmp:
        for kind, bases in (("json", base_json()), ("perfdesk", base_perfdesk()), ("workbook", base_workbooks())):
            first = bases[0].encode() if isinstance(bases[0], str) else bases[0]
            run_pipeline(kind, first, Path(tmp), full=True)


def run_isolated(
    kind: str, seed: int, *, full: bool = False, data: bytes | None = None, time_limit: float = TIME_LIMIT
) -> Outcome:
    """Run one mutant in a forked child with a memory and time limit; measure time and peak memory."""
    payload = mutant(kind, seed) if data is None else data
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(kind, payload, write_end, full, time_limit)
    os.close(write_end)
    status, rusage = _wait(pid, started + time_limit + 5)
    seconds = time.perf_counter() - started
    with os.fdopen(read_end, "rb") as fh:
        report = fh.read().decode("utf-8", "replace")
    peak = rusage.ru_maxrss / 1024 if rusage is not None else 0.0
    if status is None:
        return Outcome(kind, seed, "hang", f"no result after {time_limit:.0f} s", seconds, peak)
    verdict, _, message = report.partition("\t")
    if not report and os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        verdict, message = "hang", "killed at the CPU time limit"
    if verdict not in ("accepted", "refused", "crash", "hang"):
        message = f"child died (status {status}): {report[:300]}"
        verdict = "crash"
    return Outcome(kind, seed, verdict, message, seconds, peak)


def _child(kind: str, payload: bytes, write_end: int, full: bool, time_limit: float) -> None:
    code = 0
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        cpu = int(time_limit) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(max(1, math.ceil(time_limit)))
        with tempfile.TemporaryDirectory() as tmp:
            try:
                verdict = run_pipeline(kind, payload, Path(tmp), full=full)
                text = f"{verdict}\t"
            except Crash as exc:
                text = f"crash\t{exc}"
            except _Timeout:
                text = "hang\t"
            except MemoryError:
                text = "crash\tMemoryError (over the memory limit)"
        os.write(write_end, text.encode("utf-8", "replace"))
    except BaseException:
        code = 3
    finally:
        os._exit(code)


class _Timeout(BaseException):
    """The child's own alarm: the mutant ran past the time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _wait(pid: int, deadline: float) -> tuple[int | None, resource.struct_rusage | None]:
    """Wait for the child until ``deadline``; kill it if it is still running then."""
    while True:
        done, status, rusage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, rusage
        if time.perf_counter() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _, _, rusage = os.wait4(pid, 0)
            return None, rusage
        time.sleep(0.005)
