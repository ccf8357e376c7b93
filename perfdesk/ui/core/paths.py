"""Per-user folders (settings, crash-recovery journals) and the recent-files list.

The folders come from :mod:`perfdesk.paths` (``PERFDESK_DATA_DIR`` overrides them, so tests and
portable installs keep everything in one place).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from perfdesk.paths import data_dir, data_subdir

MAX_RECENT = 10


def recovery_dir() -> Path:
    """Where unsaved edits are journalled until the document is saved or closed."""
    return data_subdir("recovery")


def settings() -> QSettings:
    """The user's settings (an INI file in the data folder)."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[Path]:
    """Recently opened or saved files, newest first, only those that still exist."""
    raw = settings().value("recent", [])
    names = [raw] if isinstance(raw, str) else list(raw or [])
    return [Path(n) for n in names if n and Path(n).is_file()]


def add_recent_file(path: Path) -> None:
    """Put a file at the top of the recent list."""
    path = Path(path).resolve()
    names = [str(path)] + [str(p) for p in recent_files() if p.resolve() != path]
    store = settings()
    store.setValue("recent", names[:MAX_RECENT])
    store.sync()


def clear_recent_files() -> None:
    """Forget the recent files."""
    store = settings()
    store.setValue("recent", [])
    store.sync()
