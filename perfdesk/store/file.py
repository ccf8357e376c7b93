"""Open and save `.perfdesk` files: one SQLite file per unit × year.

Opening never changes the file and never writes beside it: the file is read once into an
in-memory database (``deserialize``), checked (header, size, ``quick_check``,
``application_id``, ``user_version``, the content checksum), migrated there, read with every
value type-checked and held to the model's bounds.
Saving writes a complete new database beside the target in one transaction and swaps it in
with ``os.replace``; a file of an older schema is first kept as ``NAME.vN.bak``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from perfdesk.atomic import replacing, write_failure
from perfdesk.models import bounds
from perfdesk.models.document import Document
from perfdesk.models.placewords import place_words
from perfdesk.store.mapper import Reader, document_rows
from perfdesk.store.schema import APPLICATION_ID, CHECKSUM_TABLE, CHECKSUM_VERSION, MIGRATIONS, SCHEMA_VERSION

SUFFIX = ".perfdesk"
_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 256 * 1024 * 1024  # a 300-project county is about 2 MB


class DocumentFileError(Exception):
    """A `.perfdesk` file that cannot be opened; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotPerfdeskFile(DocumentFileError):
    """Not SQLite, or SQLite written by another program."""


class DamagedFile(DocumentFileError):
    """Truncated or corrupted."""


class NewerFile(DocumentFileError):
    """Written by a newer perfdesk whose schema this version does not know."""


class SaveError(DocumentFileError):
    """Saving failed; the file on disk is unchanged and the document is still in memory."""


def _save_reason(exc: BaseException, path: Path) -> str:
    """A clerk's explanation of why a write failed."""
    return write_failure(exc, path)


def lock_path(path: Path) -> Path:
    """The editor's lock file of a document (the same name as ``perfdesk.ui.core.fileaccess.lock_path``)."""
    return path.with_name(f".~{path.name}.lock")


def editor_lock_holder(path: Path) -> str | None:
    """Who holds the editor's lock on ``path`` (a running perfdesk), or None if nobody does.

    The lock is a ``QLockFile`` (pid, application, host); a lock left by a process that no
    longer runs on this machine is stale and does not count.
    """
    try:
        lines = lock_path(Path(path)).read_text("utf-8", "replace").splitlines()
    except OSError:
        return None
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else 0
    host = lines[2] if len(lines) > 2 else ""
    if pid and host == socket.gethostname():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except (PermissionError, OSError, OverflowError):
            pass
    return f"进程 {pid}，计算机 {host or '未知'}"


@dataclass
class Opened:
    """A loaded document and what is worth telling about its file."""

    document: Document
    schema_version: int  # the file's version before migration
    notes: list[str] = field(default_factory=list)  # what was cleaned on reading (control characters)


def open_document(path: Path) -> Opened:
    """Read a `.perfdesk` file without modifying it (nothing is written beside it either)."""
    path = Path(path)
    data = _read_file(path)
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        try:
            mem.deserialize(data)
        except (sqlite3.Error, OverflowError, MemoryError) as exc:
            raise DamagedFile(path, f"文件已损坏（{_one_line(exc)}）") from None
        version = _check_database(path, mem)
        try:
            _verify_checksum(path, mem, version)
            for step in range(version, SCHEMA_VERSION):
                _apply(mem, step)
            doc = Reader(lambda table: _fetch(mem, table)).document()
        except DocumentFileError:
            raise
        except (ValueError, KeyError, TypeError, ArithmeticError, RecursionError, sqlite3.Error) as exc:
            raise DamagedFile(path, f"文件内容不完整或已损坏（{_one_line(exc)}）") from None
        cleaned = bounds.clean(doc, reset=False)  # a control character pasted by an older version
        try:
            bounds.check(doc)
        except bounds.BoundsError as exc:
            raise DamagedFile(path, f"文件内容超出范围（{exc}）") from None
        return Opened(doc, version, [f"{place_words(place)}：{what}" for place, what in cleaned])
    finally:
        mem.close()


def _one_line(exc: BaseException) -> str:
    """An exception's text on one short line (SQLite's integrity report has many)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:160] + "…"


def save_document(doc: Document, path: Path) -> None:
    """Write the whole document to ``path`` atomically; the old file stays intact on failure."""
    path = Path(path)
    try:  # what is saved must open again: the bounds the reader holds it to are checked first
        bounds.check(doc, characters=False)
    except bounds.BoundsError as exc:
        raise SaveError(path, f"{exc}，文件未保存（原文件未改动）") from None
    try:
        old_version = _existing_version(path)
        if old_version is not None and old_version < SCHEMA_VERSION:
            backup = path.with_name(f"{path.name}.v{old_version}.bak")
            with replacing(backup) as tmp:
                shutil.copyfile(path, tmp)
        with replacing(path) as tmp:
            write_database(doc, tmp)
    except (OSError, sqlite3.Error) as exc:
        raise SaveError(path, _save_reason(exc, path)) from exc


def write_database(doc: Document, target: Path) -> None:
    """Create a fresh `.perfdesk` database at ``target`` (which must not exist) holding ``doc``."""
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("BEGIN")
        for sql in MIGRATIONS:
            _run_script(conn, sql)
        db = sqlite_utils.Database(conn)
        for table, rows in document_rows(doc).items():
            db[table].insert_all(rows, batch_size=500)
        conn.execute(f"INSERT INTO {CHECKSUM_TABLE} (sha256) VALUES (?)", (content_checksum(conn),))
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _read_file(path: Path) -> bytes:
    """The whole file, read once without locking it; only regular files of a sane size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentFileError(path, "文件不存在") from None
    except OSError as exc:
        raise DocumentFileError(path, f"无法读取文件（{exc.strerror}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentFileError(path, "这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentFileError(path, "不是普通文件（是设备或管道），拒绝打开")
    if info.st_size > MAX_FILE_BYTES:
        raise NotPerfdeskFile(path, f"文件过大（{info.st_size // 1_048_576} MB），不是 perfdesk 文件")
    try:
        # O_NONBLOCK: a FIFO swapped in after the check must not hang the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise DocumentFileError(path, "不是普通文件（是设备或管道），拒绝打开")
            with os.fdopen(os.dup(fd), "rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise DocumentFileError(path, "这是一个文件夹，不是文件") from None
    except OSError as exc:
        raise DocumentFileError(path, f"无法读取文件（{exc.strerror}）") from None
    _check_header(path, data)
    if data[18:20] == b"\x02\x02":
        data = data[:18] + b"\x01\x01" + data[20:]  # a WAL-mode file is read as a rollback-journal one
    return data


def _check_header(path: Path, data: bytes) -> None:
    head = data[:100]
    if not head.startswith(_MAGIC):
        raise NotPerfdeskFile(path, "不是 perfdesk 文件（不是 SQLite 数据库）")
    if len(head) < 100:
        raise DamagedFile(path, "文件被截断（文件头不完整）")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", head[28:32])[0]
    if pages and len(data) < page_size * pages:
        raise DamagedFile(path, f"文件被截断（应有 {page_size * pages} 字节，只有 {len(data)} 字节）")


def _check_database(path: Path, mem: sqlite3.Connection) -> int:
    try:
        check = mem.execute("PRAGMA quick_check").fetchone()[0]
        app_id = mem.execute("PRAGMA application_id").fetchone()[0]
        version = mem.execute("PRAGMA user_version").fetchone()[0]
    except (sqlite3.DatabaseError, ValueError) as exc:  # the report itself may hold bytes that are not UTF-8
        raise DamagedFile(path, f"文件已损坏（{_one_line(exc)}）") from None
    if check != "ok":
        raise DamagedFile(path, f"文件已损坏（完整性检查：{_one_line(check)}）")
    if app_id != APPLICATION_ID:
        raise NotPerfdeskFile(path, "不是 perfdesk 文件（是其他程序的 SQLite 数据库）")
    if version > SCHEMA_VERSION:
        raise NewerFile(
            path,
            f"文件由更新版本的 perfdesk 保存（格式 {version}，本程序支持到 {SCHEMA_VERSION}），请升级 perfdesk 后再打开",
        )
    if version < 1:
        raise DamagedFile(path, "文件没有格式版本号")
    return int(version)


def content_checksum(conn: sqlite3.Connection) -> str:
    """SHA-256 of every row of every table but the checksum's own, in a fixed order."""
    digest = hashlib.sha256()
    factory = conn.text_factory
    conn.text_factory = bytes  # the stored bytes, even where they are not valid UTF-8
    try:
        _digest_tables(conn, digest)
    finally:
        conn.text_factory = factory
    return digest.hexdigest()


def _digest_tables(conn: sqlite3.Connection, digest: hashlib._Hash) -> None:
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name",
        (CHECKSUM_TABLE,),
    ).fetchall()
    for (raw_name,) in tables:
        table = raw_name.decode("utf-8", "replace")
        digest.update(f"\x1e{table}\x1e".encode())
        for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid"):
            for value in row:
                digest.update(f"{type(value).__name__}:{value!r}\x1f".encode())
            digest.update(b"\x1d")


def _verify_checksum(path: Path, mem: sqlite3.Connection, version: int) -> None:
    """Compare the stored checksum with the rows as read (files from before the checksum have none)."""
    if version < CHECKSUM_VERSION:
        return
    try:
        rows = mem.execute(f"SELECT sha256 FROM {CHECKSUM_TABLE}").fetchall()
    except sqlite3.Error:
        rows = []
    if len(rows) != 1 or rows[0][0] != content_checksum(mem):
        raise DamagedFile(path, "文件内容校验失败：内容与保存时不一致（磁盘或 U 盘可能已损坏），请用备份恢复")


def _apply(conn: sqlite3.Connection, step: int) -> None:
    """Apply migration ``step`` (0-based) in its own transaction."""
    conn.execute("BEGIN")
    try:
        _run_script(conn, MIGRATIONS[step])
        conn.execute(f"PRAGMA user_version={step + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _run_script(conn: sqlite3.Connection, sql: str) -> None:
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


def _fetch(conn: sqlite3.Connection, table: str) -> list[dict[str, object]]:
    cur = conn.execute(f"SELECT * FROM [{table}]")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def _existing_version(path: Path) -> int | None:
    """The schema version of an existing perfdesk file at ``path``, or None."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return None
    if not head.startswith(_MAGIC) or len(head) < 100:
        return None
    if struct.unpack(">I", head[68:72])[0] != APPLICATION_ID:
        return None
    return int(struct.unpack(">I", head[60:64])[0])
