"""Atomic file replacement: write beside the target, flush to disk, then ``os.replace``.

Killed at any moment, the target holds either its old or its new content, never a mix, and
no half-written file is left under the final name.  Each temp name carries its writer's
process id, so a write sweeps only the temps of writers that are gone and two concurrent
writers never delete each other's.  A replaced file keeps its permission bits; a target
marked read-only is refused, not replaced.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

_PID = re.compile(r"\.p(\d+)-[0-9a-f]+\.tmp")


def temp_path_for(target: Path) -> Path:
    """A fresh hidden temp name in the target's folder (same filesystem, so replace is atomic)."""
    return target.with_name(f".{target.name}.p{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _writer_alive(pid: int) -> bool:
    """Whether the process that named a temp file still runs (on this machine)."""
    if pid == os.getpid():
        return True  # another write of this process, perhaps in another thread
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # exists (another user's), or cannot tell: keep it
    return True


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
    prefix = f".{target.name}"
    for stale in target.parent.glob(f"{glob.escape(prefix)}.*.tmp*"):  # with a SQLite -journal
        owner = _PID.match(stale.name, len(prefix))
        if owner is not None and _writer_alive(int(owner.group(1))):
            continue  # a concurrent writer's: it removes or renames it itself
        with contextlib.suppress(OSError):
            stale.unlink()


class ReadOnlyTarget(PermissionError):
    """The file to be replaced is marked read-only: it is left alone."""


def refuse_read_only(target: Path) -> int | None:
    """The permission bits of an existing ``target``; PermissionError if it is marked read-only.

    Root may write any file, so the mode bits are read rather than trusting ``os.access``.
    """
    try:
        info = os.stat(target)
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode) and not info.st_mode & 0o222:
        raise ReadOnlyTarget(errno.EACCES, "目标文件是只读的", str(target))
    return stat.S_IMODE(info.st_mode)


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``target``, on error it is removed."""
    target = Path(target)
    mode = refuse_read_only(target)
    sweep_stale_temps(target)
    tmp = temp_path_for(target)
    try:
        yield tmp
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)  # a replaced file keeps its permissions
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


def _medium_read_only(folder: Path) -> bool:
    """Whether the folder lies on a file system mounted read-only (a locked SD card, a CD)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # Windows has no statvfs
        return False


def write_failure(exc: BaseException, target: Path) -> str:
    """A clerk's one-line explanation of why writing ``target`` failed (the old file is unchanged)."""
    folder = Path(target).parent
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if isinstance(exc, ReadOnlyTarget):
        return "文件已设为只读，未覆盖（请先取消只读属性，或另存为其他文件名）"
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text:
        return "磁盘空间不足，文件未保存（原文件未改动）"
    if code == errno.EROFS or _medium_read_only(folder):
        return "存储介质为只读（U 盘或存储卡的写保护开关？），文件未保存（原文件未改动）"
    if "readonly" in text or "read-only" in text:
        return "没有写入权限或存储介质为只读，文件未保存（原文件未改动）"
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限，文件未保存（原文件未改动）"
    if code == errno.ENOENT or not folder.is_dir():
        return "保存位置不存在（U 盘是否已拔出？），文件未保存"
    if "unable to open" in text:
        return "无法在保存位置创建文件（没有写入权限？），文件未保存（原文件未改动）"
    if "disk i/o error" in text or code == errno.EIO:
        return "磁盘读写错误（磁盘已满、U 盘被拔出或介质损坏），文件未保存（原文件未改动）"
    return f"写入失败（{' '.join(str(exc).split())[:160]}），原文件未改动"
