"""Atomic file replacement: write beside the target, flush to disk, then ``os.replace``.

Killed at any moment, the target holds either its old or its new content, never a mix, and
no half-written file is left under the final name.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path


def temp_path_for(target: Path) -> Path:
    """A fresh hidden temp name in the target's folder (same filesystem, so replace is atomic)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def fsync_file(path: Path) -> None:
    """Flush a file's data to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (the rename) where the platform allows it."""
    if os.name == "nt":  # Windows cannot open a directory; NTFS journals the rename
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_stale_temps(target: Path) -> None:
    """Delete temp files left beside ``target`` by a write that was killed (crash, power cut)."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp*"):  # with a SQLite -journal
        with contextlib.suppress(OSError):
            stale.unlink()


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``target``, on error it is removed."""
    target = Path(target)
    sweep_stale_temps(target)
    tmp = temp_path_for(target)
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def write_atomic(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` and swap the result in atomically."""
    with replacing(target) as tmp:
        write(tmp)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically."""
    write_atomic(target, lambda tmp: tmp.write_bytes(data))
