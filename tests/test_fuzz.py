"""Fuzzing in the suite: a quick run of fresh mutants, every saved failure replayed, a property.

Each run takes a new range of seeds (``PERFDESK_FUZZ_SEED`` fixes it, to reproduce a run); a
mutant that crashes or hangs is saved under ``tests/data/fuzz/`` and the test fails naming it —
commit the file with the fix, and :func:`test_saved_failures_stay_fixed` replays it for ever.
Every mutant runs in a forked child with memory and time limits (``fuzz.targets``); the long
run is ``bench/fuzz.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
import typing
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from fuzz.engines import KINDS, read_failure, save_failure
from fuzz.targets import MEMORY_LIMIT, run_isolated, run_pipeline, warm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.models.codec import DecodeError
from perfdesk.models.document import Document
from perfdesk.models.jsonio import FORMAT_NAME, FORMAT_VERSION, document_from_json

FUZZ_DATA = Path(__file__).parent / "data" / "fuzz"
QUICK = {"json": 100, "perfdesk": 80, "workbook": 70}  # about 40 s in all on a busy 2-core machine
PEAK_MB = 500


def _seed_base() -> int:
    fixed = os.environ.get("PERFDESK_FUZZ_SEED")
    return int(fixed) if fixed else int(time.time()) % 100_000_000 * 1_000


def _save(kind: str, seed: int, data: bytes) -> Path:
    return save_failure(FUZZ_DATA, kind, seed, data)


@pytest.fixture(scope="module")
def warmed() -> None:
    warm()


@pytest.mark.timeout(180)
@pytest.mark.parametrize("kind", KINDS)
def test_quick_fuzz_run(kind: str, warmed: None) -> None:
    from fuzz.engines import mutant

    base = _seed_base()
    bad = []
    for seed in range(base, base + QUICK[kind]):
        outcome = run_isolated(kind, seed, full=seed % 10 == 0, time_limit=20)
        if outcome.status in ("crash", "hang") or outcome.peak_mb > PEAK_MB:
            saved = _save(kind, seed, mutant(kind, seed))
            bad.append(f"{saved.name}: {outcome.status} {outcome.peak_mb:.0f} MB {outcome.message}")
    assert not bad, f"seeds {base}… (PERFDESK_FUZZ_SEED={base}):\n" + "\n".join(bad)


def _saved_failures() -> list[Path]:
    return sorted(FUZZ_DATA.glob("*-*.*")) if FUZZ_DATA.is_dir() else []


@pytest.mark.parametrize("path", _saved_failures(), ids=lambda p: p.name)
def test_saved_failures_stay_fixed(path: Path, warmed: None) -> None:
    kind = path.name.split("-", 1)[0]
    outcome = run_isolated(kind, 0, full=True, data=read_failure(path), time_limit=30)
    assert outcome.status in ("accepted", "refused"), outcome.message
    assert outcome.peak_mb < PEAK_MB


def test_harness_catches_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge is not blind: a leaked exception is a crash, a perfdesk refusal is not."""
    from fuzz import targets

    assert run_pipeline("json", b"{", tmp_path) == "refused"

    def boom(text: str) -> Document:
        raise KeyError("leaked")

    monkeypatch.setattr("perfdesk.models.jsonio.document_from_json", boom)
    with pytest.raises(targets.Crash, match="KeyError"):
        run_pipeline("json", b"{}", tmp_path)
    assert MEMORY_LIMIT > PEAK_MB * 1024 * 1024


def test_isolated_runner_reports_a_hang_and_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mutant that never returns is stopped and reported; so is one that kills its process."""
    from fuzz import targets

    monkeypatch.setattr(targets, "run_pipeline", lambda *args, **kwargs: time.sleep(60))
    outcome = run_isolated("json", 0, data=b"", time_limit=1)
    assert outcome.status == "hang" and outcome.seconds < 10
    monkeypatch.setattr(targets, "run_pipeline", lambda *args, **kwargs: os._exit(9))
    assert run_isolated("json", 0, data=b"", time_limit=5).status == "crash"
    monkeypatch.undo()
    assert run_isolated("json", 0, data=b"{", time_limit=5).status == "refused"


# ---- the property: whatever load accepts can be checked, saved, reopened and exported --------

# Mostly values load accepts (the property is about them), at their edges; sometimes not.
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.sampled_from(
    ["", "=1+1", '=HYPERLINK("http://x","y")', "#N/A", "长" * 490, "a\nb\tc", "（一）", "2021年", "\x0b"]
)
_EDGE = ["999999999999.999999", "-999999999999.999999", "0.000001", "-0", "0", "1e-6", "1E+11", "1e12", "NaN"]
_NUMBER = (
    st.decimals(min_value=-(10**12) + 1, max_value=10**12 - 1, places=6, allow_nan=False).map(str)
    | st.decimals(min_value=-999, max_value=999, places=2, allow_nan=False).map(str)
    | st.sampled_from(_EDGE)
)
_INT = st.integers(min_value=1949, max_value=2100) | st.sampled_from([0, 1, 1948, 2101, 10**9])


def _plain(tp: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Plain JSON data shaped like the model type ``tp`` (and sometimes not), by field type."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or type(tp).__name__ == "UnionType":
        inner = next(a for a in typing.get_args(tp) if a is not type(None))
        return st.none() | _plain(inner, depth)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: _plain(hints[f.name], depth + 1) for f in dataclasses.fields(tp)}
        return st.fixed_dictionaries({}, optional=fields)
    if origin is list:
        (item,) = typing.get_args(tp)
        return st.lists(_plain(item, depth + 1), max_size=3 if depth < 2 else 2)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from([m.value for m in tp]) | _TEXT
    if tp is Decimal:
        return _NUMBER | st.none()
    if tp is bool:
        return st.booleans()
    if tp is int:
        return _INT
    return _TEXT


def _as_json(document: Any) -> str:
    wrapper = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "document": document}
    return json.dumps(wrapper, ensure_ascii=True)  # lone surrogates travel as \\ud800


@pytest.mark.timeout(300)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_plain(Document))
def test_whatever_load_accepts_can_be_checked_saved_reopened_and_exported(tmp_path_factory, document: Any) -> None:
    text = _as_json(document)
    try:
        document_from_json(text)
    except DecodeError:
        return  # refused with a place: that is the other half of the promise
    folder = tmp_path_factory.mktemp("prop")
    assert run_pipeline("json", text.encode(), folder, full=True) == "accepted"
