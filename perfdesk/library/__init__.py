"""The indicator library (指标库): common indicators plus those the clerk has used, searchable.

No Qt here; the picker dialog and the type-ahead helper are in ``perfdesk/ui/library_*.py``.
"""

from __future__ import annotations

from perfdesk.library.entry import Entry, Source
from perfdesk.library.library import Library
from perfdesk.library.store import LearnResult, LibraryFileError, UserStore, data_dir, default_path
from perfdesk.library.xlsxio import ImportResult, LibraryImportError, RowProblem

__all__ = [
    "Entry",
    "ImportResult",
    "LearnResult",
    "Library",
    "LibraryFileError",
    "LibraryImportError",
    "RowProblem",
    "Source",
    "UserStore",
    "data_dir",
    "default_path",
]
