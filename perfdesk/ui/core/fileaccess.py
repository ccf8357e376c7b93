"""How a file may be opened: the lock against a second perfdesk, and the read-only probe.

A document lock is a ``QLockFile`` beside the file with stale time 0, so a lock held for hours
by another PC is never taken over silently, while a crash on this PC still frees it (Qt sees
that the holding process is gone).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile


def tr(text: str) -> str:
    """Translate a user-visible text of this module."""
    return QCoreApplication.translate("fileaccess", text)


def lock_path(path: Path) -> Path:
    """The lock file of a document: hidden, beside it."""
    return path.with_name(f".~{path.name}.lock")


def probe_writable(path: Path) -> str | None:
    """None if the file can be saved in place, else why not (read-only medium, no permission)."""
    folder = path.parent
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        return tr("文件或其所在文件夹是只读的（例如写保护的U盘、光盘或没有写权限的共享文件夹）")
    try:
        fd, probe = tempfile.mkstemp(prefix=".perfdesk-probe-", dir=folder)
    except OSError as exc:
        return tr("无法在文件所在文件夹中写入（{reason}）").format(reason=exc.strerror or exc)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return None


# Tests replace this to simulate a read-only medium (chmod does not stop root).
writable_check: Callable[[Path], str | None] = probe_writable


@dataclass
class Access:
    """The outcome of acquiring a file: its lock, or why it must stay read-only."""

    lock: QLockFile | None
    read_only_reason: str | None


def acquire(path: Path) -> Access:
    """Probe and lock a document for editing; on failure say why it opens read-only."""
    reason = writable_check(path)
    if reason:
        return Access(None, tr("{reason}。文件以只读方式打开，可用“另存为”保存到别处。").format(reason=reason))
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return Access(lock, None)
    if lock.error() == QLockFile.LockError.LockFailedError:
        return Access(None, held_message(lock))
    return Access(None, tr("无法在文件所在文件夹中创建锁文件（可能是只读介质）。文件以只读方式打开。"))


def held_message(lock: QLockFile) -> str:
    """Who holds a lock, in words."""
    info = lock.getLockInfo()
    holder = ""
    if isinstance(info, tuple) and len(info) >= 2 and info[0]:
        holder = tr("（计算机 {host}，进程 {pid}）").format(host=info[1] or "?", pid=info[0])
    return tr(
        "此文件已在另一个 perfdesk 中打开{holder}。为避免互相覆盖，本窗口以只读方式打开；"
        "请到已打开的窗口中编辑，或用“另存为”保存副本。"
    ).format(holder=holder)


def lock_for_save(path: Path) -> QLockFile:
    """Lock a save-as target; raises PermissionError naming the holder if it is in use."""
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        raise PermissionError(tr("目标文件正在另一个 perfdesk 中打开，不能覆盖"))
    raise PermissionError(tr("无法在目标文件夹中写入"))
