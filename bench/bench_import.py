"""Import benchmark per reader: a generated 300-project workbook (20 indicators each) read back.

    .venv/bin/python bench/bench_import.py [--projects N] [--indicators N] [--write docs/benchmarks.md]

The workbook is written by perfdesk's exporter, then (1) kept as it is (.xlsx with the hidden
document), (2) without the hidden sheet (tables only, every cell read by its labels), and (3)
saved by LibreOffice as Excel 97–2003 (.xls, read with python-calamine).  Each measurement runs in
a fresh process (its peak RSS is the process's); "load" is the reader alone (openpyxl's cells
and merged ranges, or calamine's) turned into grids, "import" the whole import.  The script exits
1 if a whole import takes more than 30 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECTION = "## Import per reader"
LIMIT_S = 30.0


def _child(kind: str, path: str) -> None:
    """Run one measurement in this (fresh) process and print its JSON."""
    from perfdesk.importer.reader import import_workbook, load_sheets
    from perfdesk.importer.xls import grid_from_calamine

    start = time.perf_counter()
    if kind == "load":
        sheets, _, _ = load_sheets(Path(path))
        cells = sum(len(g.cells) for _, _, g in sheets if g is not None)
    elif kind == "calamine-xlsx":
        import python_calamine as pc

        book = pc.CalamineWorkbook.from_path(path)
        grids = [grid_from_calamine(book.get_sheet_by_name(n), n) for n in book.sheet_names]
        cells = sum(len(g.cells) for g in grids)
    else:
        result = import_workbook(Path(path))
        cells = sum(len(p.indicators) for p in result.document.projects)
    seconds = time.perf_counter() - start
    rss = _peak_mb()
    print(json.dumps({"s": seconds, "mb": rss, "n": cells}))


def _peak_mb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss would carry the parent's peak across fork + exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _workbooks(folder: Path, projects: int, indicators: int) -> dict[str, Path]:
    import openpyxl

    from perfdesk.export.service import export_document
    from perfdesk.export.synthetic import generated_document
    from perfdesk.importer.embedded import SHEET

    kept = folder / "kept.xlsx"
    export_document(generated_document(projects, indicators), kept)
    tables = folder / "tables.xlsx"
    book = openpyxl.load_workbook(kept)
    del book[SHEET]
    book.save(tables)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    paths = {"kept": kept, "tables": tables}
    if office is not None:
        subprocess.run([office, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "xls", "--outdir", str(folder), str(tables)],
                       check=True, capture_output=True, timeout=1800)  # fmt: skip
        paths["xls"] = folder / "tables.xls"
    return paths


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    rows = []
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        paths = _workbooks(Path(tmp), args.projects, args.indicators)
        runs = [
            ("openpyxl (perfdesk's loader)", "load", "tables", ".xlsx, tables only"),
            ("python-calamine", "calamine-xlsx", "tables", ".xlsx, tables only"),
            ("openpyxl + labels", "import", "tables", ".xlsx, tables only"),
            ("openpyxl + kept document", "import", "kept", ".xlsx as exported (hidden document)"),
        ]
        if "xls" in paths:
            runs += [("python-calamine + xlrd formats", "load", "xls", ".xls (LibreOffice)"),
                     ("python-calamine + labels", "import", "xls", ".xls (LibreOffice)")]  # fmt: skip
        for reader, kind, which, what in runs:
            m = _measure(kind, paths[which])
            size = paths[which].stat().st_size / 1_048_576
            if kind == "import":
                worst = max(worst, m["s"])
            step = "import" if kind == "import" else "load to grids"
            count = f"{int(m['n'])} indicators" if kind == "import" else f"{int(m['n'])} cells"
            rows.append(f"| {what} | {size:.1f} | {reader} | {step} | {m['s']:.2f} | {m['mb']:.0f} | {count} |")
    table = [
        "| workbook | MB | reader | step | s | peak RSS MB | read |",
        "|---|---:|---|---|---:|---:|---|",
        *rows,
    ]
    intro = (
        "`bench/bench_import.py` — import of a generated workbook of "
        f"{args.projects} projects × {args.indicators} indicators written by perfdesk's exporter, per reader: "
        "as exported (hidden document), tables only, and saved by LibreOffice as .xls. Each row runs in a fresh "
        "process. The machine is shared with other builds: times vary between runs. Rerun with `.venv/bin/python bench/bench_import.py --write docs/benchmarks.md`; it exits 1 if "
        f"an import takes more than {LIMIT_S:.0f} s."
    )
    outro = (
        "openpyxl stays the .xlsx reader: calamine loads faster but gives no number formats, and an official "
        "table needs them (0.25 shown as 25% is 25, 69.2 shown as 69.20 is read as shown). calamine reads .xls, "
        "which openpyxl cannot, with its number formats from xlrd; its grids feed the same label-driven readers."
    )
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_export import machine  # only here: it loads the exporters, which the children must not

    text = "\n".join([SECTION, "", intro, "", f"Machine: {machine()}.", "", *table, "", outro, ""])
    print(text)
    if args.write:
        from mdsection import write_section

        write_section(args.write, SECTION, text)
    return 1 if worst > LIMIT_S else 0


if __name__ == "__main__":
    raise SystemExit(main())
