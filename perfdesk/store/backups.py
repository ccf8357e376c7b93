"""Rotating backups of `.perfdesk` files, kept on the PC's own disk.

Before a save replaces a file, the file as it was is copied into the per-user data folder
(``backups/<name>-<hash of its full path>/``); the newest :data:`KEEP` copies are kept.  USB
sticks get pulled and die: the PC keeps the last good versions, and a damaged file is never
overwritten — the app offers the newest backup that opens cleanly instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import time
from pathlib import Path

from perfdesk.atomic import replacing
from perfdesk.paths import data_subdir
from perfdesk.store.file import DocumentFileError, Opened, open_document

KEEP = 10
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


def backup_folder(path: Path) -> Path:
    """The folder holding the backups of the file at ``path`` (not created)."""
    full = str(Path(path).resolve())
    digest = hashlib.sha256(full.encode("utf-8")).hexdigest()[:10]
    stem = _UNSAFE.sub("_", Path(path).stem)[:40] or "document"
    return data_subdir("backups") / f"{stem}-{digest}"


def backup_file(path: Path, *, keep: int = KEEP) -> Path | None:
    """Copy the current file at ``path`` into its backup folder; None if there is no file."""
    path = Path(path)
    if not path.is_file():
        return None
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}-{time.time_ns():020d}.perfdesk"  # sorts by time
    with replacing(target) as tmp:
        shutil.copyfile(path, tmp)
    _prune(folder, keep)
    return target


def list_backups(path: Path) -> list[Path]:
    """The backups of ``path``, newest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.perfdesk"), reverse=True)


def newest_good_backup(path: Path) -> tuple[Path, Opened] | None:
    """The newest backup of ``path`` that opens and passes the checks, with its document."""
    for candidate in list_backups(path):
        with contextlib.suppress(DocumentFileError):
            return candidate, open_document(candidate)
    return None


def _prune(folder: Path, keep: int) -> None:
    for old in sorted(folder.glob("*.perfdesk"), reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
