"""Write the merge summary in the format its file name asks for (.xlsx or .pdf)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from perfdesk.merge.core import LoadFailure, Merge
from perfdesk.merge.load import WORKBOOK_SUFFIXES
from perfdesk.store.file import SUFFIX

SUMMARY_SUFFIXES = {".xlsx": "Excel 工作簿", ".pdf": "PDF"}
INPUT_SUFFIXES = (SUFFIX, *WORKBOOK_SUFFIXES)


class SummaryError(Exception):
    """The summary cannot be written; the message says why, in Chinese."""


def write_summary(merge: Merge, failures: Sequence[LoadFailure], path: Path) -> str:
    """Write the summary atomically as a workbook or a PDF (by suffix); returns what was written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUMMARY_SUFFIXES:
        raise SummaryError(f"{path}: 汇总只能写成 .xlsx 或 .pdf")
    if suffix == ".xlsx":
        from perfdesk.export.cells import CellTooLong
        from perfdesk.merge.summary_xlsx import write_summary_xlsx

        try:
            write_summary_xlsx(merge, failures, path)
        except CellTooLong as exc:
            raise SummaryError(f"{path}: {exc}") from None
        return SUMMARY_SUFFIXES[suffix]
    from perfdesk.export.pdf_text import FontError
    from perfdesk.merge.summary_pdf import write_summary_pdf

    try:
        pages = write_summary_pdf(merge, failures, path)
    except FontError as exc:
        raise SummaryError(f"{path}: {exc}") from None
    return f"PDF，{pages} 页"


def input_files(names: Iterable[str | Path]) -> list[Path]:
    """The files to merge: each path given, a folder's .perfdesk/.xlsx files (sorted) in place of the folder."""
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            paths += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        else:
            paths.append(path)
    return paths
