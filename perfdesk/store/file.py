"""Open and save `.perfdesk` files: one SQLite file per unit × year.

Opening never changes the file: it is copied into memory with SQLite's backup API, checked
(header, size, ``quick_check``, ``application_id``, ``user_version``) and migrated there.
Saving writes a complete new database beside the target in one transaction and swaps it in
with ``os.replace``; a file of an older schema is first kept as ``NAME.vN.bak``.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from perfdesk.atomic import replacing
from perfdesk.models.document import Document
from perfdesk.store.mapper import Reader, document_rows
from perfdesk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SUFFIX = ".perfdesk"
_MAGIC = b"SQLite format 3\x00"


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


def _save_reason(exc: BaseException) -> str:
    """A clerk's explanation of why a write failed."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text:
        return "磁盘空间不足，文件未保存（原文件未改动）"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or "read-only" in text:
        return "没有写入权限或存储介质为只读，文件未保存（原文件未改动）"
    if code == errno.ENOENT or "unable to open" in text:
        return "保存位置不存在（U 盘是否已拔出？），文件未保存"
    if "disk i/o error" in text or code == errno.EIO:
        return "磁盘读写错误（磁盘已满、U 盘被拔出或介质损坏），文件未保存（原文件未改动）"
    return f"写入失败（{exc}），原文件未改动"


@dataclass
class Opened:
    """A loaded document and what is worth telling about its file."""

    document: Document
    schema_version: int  # the file's version before migration


def open_document(path: Path) -> Opened:
    """Read a `.perfdesk` file without modifying it."""
    path = Path(path)
    _check_header(path)
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _copy_into(path, mem)
        version = _check_database(path, mem)
        for step in range(version, SCHEMA_VERSION):
            _apply(mem, step)
        reader = Reader(lambda table: _fetch(mem, table))
        try:
            doc = reader.document()
        except (ValueError, KeyError, TypeError, sqlite3.Error) as exc:
            raise DamagedFile(path, f"文件内容不完整或已损坏（{exc}）") from None
        return Opened(doc, version)
    finally:
        mem.close()


def save_document(doc: Document, path: Path) -> None:
    """Write the whole document to ``path`` atomically; the old file stays intact on failure."""
    path = Path(path)
    try:
        old_version = _existing_version(path)
        if old_version is not None and old_version < SCHEMA_VERSION:
            backup = path.with_name(f"{path.name}.v{old_version}.bak")
            with replacing(backup) as tmp:
                shutil.copyfile(path, tmp)
        with replacing(path) as tmp:
            write_database(doc, tmp)
    except (OSError, sqlite3.Error) as exc:
        raise SaveError(path, _save_reason(exc)) from exc


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
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentFileError(path, "文件不存在") from None
    except IsADirectoryError:
        raise DocumentFileError(path, "这是一个文件夹，不是文件") from None
    except OSError as exc:
        raise DocumentFileError(path, f"无法读取文件（{exc.strerror}）") from None
    if not head.startswith(_MAGIC):
        raise NotPerfdeskFile(path, "不是 perfdesk 文件（不是 SQLite 数据库）")
    if len(head) < 100:
        raise DamagedFile(path, "文件被截断（文件头不完整）")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", head[28:32])[0]
    if pages and size < page_size * pages:
        raise DamagedFile(path, f"文件被截断（应有 {page_size * pages} 字节，只有 {size} 字节）")


def _copy_into(path: Path, mem: sqlite3.Connection) -> None:
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DocumentFileError(path, f"无法打开文件（{exc}）") from None
    try:
        src.backup(mem)
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(path, f"文件已损坏（{exc}）") from None
    finally:
        src.close()


def _check_database(path: Path, mem: sqlite3.Connection) -> int:
    try:
        check = mem.execute("PRAGMA quick_check").fetchone()[0]
        app_id = mem.execute("PRAGMA application_id").fetchone()[0]
        version = mem.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(path, f"文件已损坏（{exc}）") from None
    if check != "ok":
        raise DamagedFile(path, f"文件已损坏（完整性检查：{check}）")
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
