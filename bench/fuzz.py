"""The long fuzzing run: N mutants of each kind, each in its own process under limits.

    .venv/bin/python bench/fuzz.py --count 10000            # all three kinds, seeds 0…9999
    .venv/bin/python bench/fuzz.py --count 200 --kinds json --start 5000

Every mutant (``tests/fuzz/engines.py``) goes through ``load``/open/``import``, ``check``, save,
reopen and export to xlsx, PDF and docx (``tests/fuzz/targets.py``) in a forked child with a
1.5 GB address-space limit and a 60 s time limit; the child's own peak resident memory and
wall time are measured.  Crashes and hangs are saved under ``tests/data/fuzz/`` (the suite
replays them for ever).  The summary replaces the fuzzing section of ``docs/reliability.md``
unless ``--no-doc`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzz.engines import KINDS, mutant, save_failure  # noqa: E402
from fuzz.targets import Outcome, run_isolated, warm  # noqa: E402

DOC = ROOT / "docs" / "reliability.md"
BEGIN, END = "<!-- fuzz:begin -->", "<!-- fuzz:end -->"
LIMIT_MB = 500


def run_kind(kind: str, start: int, count: int, *, full: bool, progress: bool) -> list[Outcome]:
    """Run ``count`` mutants of ``kind``; save the failures."""
    outcomes = []
    started = time.perf_counter()
    for i, seed in enumerate(range(start, start + count)):
        outcome = run_isolated(kind, seed, full=full)
        outcomes.append(outcome)
        if outcome.status in ("crash", "hang") or outcome.peak_mb > LIMIT_MB:
            save_failure(ROOT / "tests" / "data" / "fuzz", kind, seed, mutant(kind, seed))
            print(f"{kind} {seed}: {outcome.status} {outcome.peak_mb:.0f} MB {outcome.message}", flush=True)
        if progress and (i + 1) % 250 == 0:
            print(f"  {kind}: {i + 1}/{count} in {time.perf_counter() - started:.0f} s", flush=True)
    return outcomes


def summary_row(kind: str, outcomes: list[Outcome], seconds: float, exports: str, measured: str) -> str:
    """One Markdown table row for a kind."""
    status = Counter(o.status for o in outcomes)
    worst = max(outcomes, key=lambda o: o.seconds)
    peak = max(outcomes, key=lambda o: o.peak_mb)
    over = sum(o.peak_mb > LIMIT_MB for o in outcomes)
    seeds = f"{outcomes[0].seed}–{outcomes[-1].seed}"
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d") + f", `{measured}`"
    return (
        f"| {kind} | {len(outcomes):,} ({seeds}) | {status['accepted']:,} | {status['refused']:,} | "
        f"**{status['crash']}** | **{status['hang']}** | {worst.seconds:.2f} s | "
        f"{peak.peak_mb:.0f} MB | {over} | {exports} | {seconds / 60:.1f} min | {today} |"
    )


def commit() -> str:
    """The commit the run measured."""
    import subprocess

    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "?"


def machine() -> str:
    """A short description of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores (shared), Python {platform.python_version()}, {platform.system()}"


def write_doc(rows: dict[str, str]) -> None:
    """Put this run's rows into the fuzzing table of docs/reliability.md (other kinds' rows stay)."""
    text = DOC.read_text(encoding="utf-8")
    old: dict[str, str] = {}
    if BEGIN in text and END in text:
        for line in text[text.index(BEGIN) : text.index(END)].splitlines():
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 2 and cells[1] in KINDS:
                old[cells[1]] = line
    old.update(rows)
    section = "\n".join(
        [
            BEGIN,
            f"Measured with `bench/fuzz.py` on {machine()}; each mutant in its own forked process "
            "(peak memory is that process's own maximum resident size, the warm parent's shared pages included):",
            "",
            "| kind | mutants (seeds) | accepted | refused (one line, exit 2) | crashes | hangs | worst time | "
            "peak memory | processes over 500 MB | exports of accepted ones | run time | date, commit |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
            *(old[k] for k in KINDS if k in old),
            END,
        ]
    )
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> int:
    """Run the mutants and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="mutants per kind")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--xlsx-only", action="store_true", help="export accepted mutants to xlsx only (faster)")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/reliability.md")
    args = parser.parse_args()
    measured = commit()  # the code forked children run is the code imported now
    warm()
    rows: dict[str, str] = {}
    failed = 0
    exports = "xlsx" if args.xlsx_only else "xlsx, PDF, docx"
    for kind in args.kinds:
        started = time.perf_counter()
        outcomes = run_kind(kind, args.start, args.count, full=not args.xlsx_only, progress=True)
        rows[kind] = summary_row(kind, outcomes, time.perf_counter() - started, exports, measured)
        print(rows[kind], flush=True)
        failed += sum(o.status in ("crash", "hang") or o.peak_mb > LIMIT_MB for o in outcomes)
        if not args.no_doc:
            write_doc(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
