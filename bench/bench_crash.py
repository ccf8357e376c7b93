"""The long crash-safety run: SIGKILL a saving process 1,000 times, check every file left.

Usage: .venv/bin/python bench/bench_crash.py [KILLS]   (Linux; results go to docs/reliability.md)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from crashkit import kill_during_saves

from perfdesk.samples import sample


def main() -> int:
    """Run the kills and print one result line."""
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    big = sample("lunan-2025").load()
    big.projects = big.projects * 8
    docs = [sample("changli-2021").load(), big]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = kill_during_saves(Path(tmp) / "doc.perfdesk", docs, kills, seed=2026)
        elapsed = time.perf_counter() - started
    print(
        f"kills={report.kills} old={report.old} new={report.new} bad={len(report.bad)} "
        f"stray_temp_files={report.stray_temp_files} seconds={elapsed:.1f}"
    )
    for problem in report.bad[:10]:
        print("  ", problem)
    return 1 if report.bad else 0


if __name__ == "__main__":
    sys.exit(main())
