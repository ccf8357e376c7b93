"""Hostile workbooks given to the importer: how fast each is refused (or read), in how much memory.

    .venv/bin/python bench/bench_hostile.py [--write docs/benchmarks.md]

Each workbook of ``tests/workbooks.py``'s ``HOSTILE`` set (zip bomb, XML entity bomb, a million
rows, a merged range or a dimension or a hyperlink over the whole sheet) is built once, then
imported in a fresh process whose wall time and peak resident memory are measured.  The target
(issue 13): refused with a clear reason within 5 s and 300 MB.  The unit tests check the reason
and the traced memory; the time is measured here, not in a timed test.  Exits 1 if a target is
missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).parent))

SECTION = "## Hostile workbooks"
TARGET_S = 5.0
TARGET_MB = 300.0


def _child(path: str) -> None:
    """Import one workbook in this (fresh) process and print its JSON."""
    from bench_import import _peak_mb

    from perfdesk.importer.preflight import WorkbookRefused
    from perfdesk.importer.reader import import_workbook

    start = time.perf_counter()
    try:
        import_workbook(Path(path), year=2025)
        outcome = "read"
    except WorkbookRefused as exc:
        outcome = exc.reason
    print(json.dumps({"s": time.perf_counter() - start, "mb": _peak_mb(), "outcome": outcome}, ensure_ascii=False))


def _measure(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)], check=True, capture_output=True, text=True, timeout=600
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0

    from bench_export import machine
    from mdsection import write_section
    from workbooks import HOSTILE, table_workbook

    rows, missed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        good = table_workbook(folder / "good.xlsx")
        for i, (name, (build, expected)) in enumerate(HOSTILE.items()):
            path = build(good, folder / f"hostile{i}.xlsx")
            m = _measure(path)
            seconds, mb, outcome = float(m["s"]), float(m["mb"]), str(m["outcome"])
            right = outcome == "read" if expected is None else expected in outcome
            ok = right and seconds <= TARGET_S and mb <= TARGET_MB
            missed += not ok
            said = "read, nothing expanded" if outcome == "read" else f"refused: {outcome}"
            size = path.stat().st_size / 1024
            rows.append(f"| {name} | {size:,.0f} | {said} | {seconds:.2f} | {mb:.0f} | {'yes' if ok else '**no**'} |")
    text = "\n".join(
        [
            SECTION,
            "",
            "`bench/bench_hostile.py` — each hostile workbook of `tests/workbooks.py` (`HOSTILE`) imported in a "
            f"fresh process: wall time and peak RSS of the whole process (Python and perfdesk's imports included). "
            f"Target: a clear reason within {TARGET_S:.0f} s and {TARGET_MB:.0f} MB. The unit tests check the reason "
            "and the traced memory; the time is measured here. Rerun with "
            "`.venv/bin/python bench/bench_hostile.py --write docs/benchmarks.md`; it exits 1 if a target is missed.",
            "",
            f"Machine: {machine()}.",
            "",
            "| workbook | KB | outcome | s | peak RSS MB | within target |",
            "|---|---:|---|---:|---:|---|",
            *rows,
            "",
        ]
    )
    print(text)
    if args.write:
        write_section(args.write, SECTION, text)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
