"""Merge benchmark: 100 generated unit workbooks (about 2,000 projects) read into one 汇总.

    .venv/bin/python bench/bench_merge.py [--units 100] [--projects 2000] [--indicators 9]
                                          [--write docs/benchmarks.md]

Each unit's workbook is written by perfdesk's own exporter (contents sheet, 部门整体绩效目标,
one sheet per 项目绩效目标表, the 部门整体预算绩效目标表), once as exported today and once with
the kept document (:func:`perfdesk.importer.embedded.embed_document`), which makes the import
compare every table with it.  The merge of each set runs in a fresh process, so that its peak
RSS is the merge's own: import of every workbook, the checks, then the summary workbook and PDF.
Target on a 2-core machine: merge + summary workbook ≤ 30 s and ≤ 500 MB peak; exits 1 if not.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import openpyxl

from perfdesk.export.service import export_document
from perfdesk.export.synthetic import generated_document
from perfdesk.importer.embedded import embed_document
from perfdesk.merge.core import merge_files
from perfdesk.merge.load import load_any
from perfdesk.merge.output import input_files, write_summary

SECTION = "## Import and merge"
TARGET_SECONDS = 30.0
TARGET_MB = 500.0


def project_counts(units: int, projects: int) -> list[int]:
    """Projects per unit: spread around the mean (±5), summing to ``projects``."""
    base = projects // units
    counts = [max(1, base + (u % 11) - 5) for u in range(units)]
    counts[-1] += projects - sum(counts)
    return counts


def generate(folder: Path, units: int, projects: int, indicators: int, keep: bool) -> float:
    """Write the unit workbooks; returns seconds taken."""
    start = time.perf_counter()
    for u, count in enumerate(project_counts(units, projects)):
        doc = generated_document(count, indicators)
        doc.unit.code = f"4{u:05d}"
        doc.unit.name = f"示例县第{u + 1}局"
        for p, project in enumerate(doc.projects):
            project.budget_total = Decimal(f"{10 + (u * 7 + p) % 90}.{(u + p) % 100:02d}")
            project.budget_fiscal, project.budget_other = project.budget_total, Decimal("0.00")
        path = folder / f"{doc.unit.code}{doc.unit.name}.xlsx"
        export_document(doc, path)
        if keep:
            book = openpyxl.load_workbook(path)
            embed_document(book, doc)
            book.save(path)
    return time.perf_counter() - start


def child(folder: Path, out: Path) -> None:
    """Run in a fresh process: merge the folder, write both summaries, print the measures as JSON."""
    start = time.perf_counter()
    merge, failures = merge_files(input_files([folder]), load_any)
    merged = time.perf_counter()
    write_summary(merge, failures, out / "汇总.xlsx")
    xlsx = time.perf_counter()
    rss_before_pdf = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pdf_kind = write_summary(merge, failures, out / "汇总.pdf")
    done = time.perf_counter()
    total = merge.totals()
    result = {
        "merge_s": merged - start,
        "xlsx_s": xlsx - merged,
        "pdf_s": done - xlsx,
        "pdf": pdf_kind,
        "peak_mb_merge_xlsx": rss_before_pdf,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "units": len(merge.entries),
        "projects": total.projects,
        "indicators": total.indicators,
        "failures": len(failures),
        "unread": total.unread,
    }
    print(json.dumps(result, ensure_ascii=False))


def run_child(folder: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), "--out", str(out)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])


def section(args: argparse.Namespace, rows: list[tuple[str, float, dict[str, float]]]) -> str:
    """The Markdown section for docs/benchmarks.md."""
    cpu = platform.processor() or platform.machine()
    lines = [
        SECTION,
        "",
        "`bench/bench_merge.py` — the bureau's 汇总 of generated unit workbooks written by perfdesk's exporter",
        f"({args.units} units, {args.projects} projects of {args.indicators} indicators, each workbook also holding",
        "the 部门整体绩效目标 text and a 部门整体预算绩效目标表). Each merge runs in a fresh process: import of",
        "every workbook (pre-flight, load, label-driven reading), the checks, then the summary workbook and the",
        "summary PDF. Run it with `.venv/bin/python bench/bench_merge.py [--write docs/benchmarks.md]`; it exits 1",
        f"if merge + summary workbook takes more than {TARGET_SECONDS:.0f} s or {TARGET_MB:.0f} MB peak RSS.",
        "",
        f"Machine: {os.cpu_count()} cores (`nproc` = {os.cpu_count()}, {cpu}), Python {platform.python_version()}, "
        f"{datetime.date.today().isoformat()}.",
        "",
        "| workbooks | generate s | merge s | summary xlsx s | merge + xlsx s | peak RSS MB (merge + xlsx) | summary PDF s | peak RSS MB (all) | units / projects / indicators |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]  # fmt: skip
    for label, gen, r in rows:
        lines.append(
            f"| {label} | {gen:.1f} | {r['merge_s']:.1f} | {r['xlsx_s']:.1f} | **{r['merge_s'] + r['xlsx_s']:.1f}** | "
            f"**{r['peak_mb_merge_xlsx']:.0f}** | {r['pdf_s']:.1f} ({r['pdf']}) | {r['peak_mb']:.0f} | "
            f"{r['units']:.0f} / {r['projects']:.0f} / {r['indicators']:.0f} |"
        )
    lines += [
        "",
        f"Target ≤ {TARGET_SECONDS:.0f} s and ≤ {TARGET_MB:.0f} MB for merge + summary workbook: "
        + ("**met**." if all(ok(r) for _, _, r in rows) else "**NOT met**."),
        "",
        "What made it fast: workbooks are loaded with only cell values, number formats and merged ranges",
        "(`perfdesk/importer/workbook.py`); openpyxl's full load styles every merged position and took 6× as long.",
        "“With kept document” also reads each table of the exporter's layout for the kept document in memory",
        "(`perfdesk/importer/simulate.py`) to find the fields the clerk changed; its generate time includes",
        "reopening and saving each workbook with openpyxl to add the kept document.",
        "",
    ]
    return "\n".join(lines)


def ok(r: dict[str, float]) -> bool:
    return r["merge_s"] + r["xlsx_s"] <= TARGET_SECONDS and r["peak_mb_merge_xlsx"] <= TARGET_MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=9)
    parser.add_argument("--write", type=Path, help="update the section in this Markdown file")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.out)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, keep in (("as exported", False), ("with kept document", True)):
            folder = Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            gen = generate(folder, args.units, args.projects, args.indicators, keep)
            result = run_child(folder, Path(tmp))
            rows.append((label, gen, result))
            print(f"{label}: generated in {gen:.1f} s; {json.dumps(result, ensure_ascii=False)}", flush=True)
    text = section(args, rows)
    print(text)
    if args.write:
        sys.path.insert(0, str(Path(__file__).parent))
        from mdsection import write_section

        write_section(args.write, SECTION, text)
    return 0 if all(ok(r) for _, _, r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
