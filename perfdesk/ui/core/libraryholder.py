"""The app's one indicator library (指标库), opened on first use, and learning that never gets in the way.

Every window and grid asks :func:`shared_library`; the library file is opened once per process
(again only if ``PERFDESK_DATA_DIR`` now points elsewhere, as in tests).  :func:`learn_quietly`
is what the session calls after opening and saving a document: a busy or broken library file
must never make a save fail, so its errors are swallowed and only reported through the notice.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from perfdesk.library import Library
    from perfdesk.models.document import Document

_library: Library | None = None
_notice: str | None = None  # a problem with the library file, until the window has shown it


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("library", text)


def shared_library() -> Library:
    """The indicator library of this process (common entries plus the clerk's own file)."""
    global _library, _notice
    from perfdesk.library import Library, default_path

    path = default_path()
    if _library is None or _library.path != path:
        close_shared_library()
        _library = Library.open(path)
        _notice = _library.notice
    return _library


def close_shared_library() -> None:
    """Close the library file (at exit, or before pointing at another data folder)."""
    global _library
    if _library is not None:
        _library.close()
        _library = None


def take_notice() -> str | None:
    """A problem with the library file to show once (then forgotten)."""
    global _notice
    notice, _notice = _notice, None
    return notice


def learn_quietly(doc: Document) -> bool:
    """Learn a document's indicators; False (never an exception) when the library file is unusable."""
    global _notice
    from perfdesk.library import LibraryFileError

    try:
        shared_library().learn(doc)
    except (LibraryFileError, OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        _notice = tr("指标库暂时无法记录本文档的指标（{reason}）；文档本身不受影响。").format(reason=reason)
        return False
    return True
