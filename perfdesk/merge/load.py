"""Load one file sent up for the merge: a `.perfdesk` document or a workbook (.xlsx)."""

from __future__ import annotations

from pathlib import Path

from perfdesk.importer.preflight import OLE2_MAGIC, ZIP_MAGIC, WorkbookRefused
from perfdesk.importer.reader import import_workbook
from perfdesk.importer.result import ImportResult
from perfdesk.store.file import DocumentFileError, open_document

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SQLITE_MAGIC = b"SQLite format 3\x00"


def load_any(path: Path) -> ImportResult:
    """The document in ``path`` with its import problems; DocumentFileError or WorkbookRefused if unreadable.

    The kind is told by the file's first bytes, so a workbook renamed to .perfdesk (or the
    reverse) still loads; an old .xls gets the workbook's clear message.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        head = b""  # the readers below give the clear message (missing, a folder, no permission)
    if head.startswith((ZIP_MAGIC, OLE2_MAGIC)) or (not head.startswith(SQLITE_MAGIC) and _is_workbook_name(path)):
        return import_workbook(path)
    try:
        opened = open_document(path)
    except DocumentFileError:
        if not head.startswith(SQLITE_MAGIC) and not _is_workbook_name(path):
            raise DocumentFileError(path, "既不是 perfdesk 文件（.perfdesk），也不是 Excel 工作簿（.xlsx）") from None
        raise
    return ImportResult(opened.document, source=path)


def _is_workbook_name(path: Path) -> bool:
    return path.suffix.lower() in (*WORKBOOK_SUFFIXES, ".xls")


__all__ = ["WorkbookRefused", "load_any"]
