"""The clerk's own indicator library: a small per-user SQLite file, learned from documents.

Every document opened or saved is passed to :meth:`UserStore.learn`.  The file keeps, per
document (unit × year, or a key the caller gives), how many rows used each indicator, so
opening or saving the same document again never inflates the counts: the document's previous
contribution is replaced.  ``uses`` is the sum over documents, or the imported count if that
is higher (a library exported to a new PC already counts the documents that will be opened
there again, so the two are not added).  The latest non-blank 描述/指标值/依据 win.  An entry
no document uses any more (a typo fixed later) is dropped unless it was imported.  Each call
is one transaction (rollback journal, not WAL, so the file may live on a USB stick).

The file is ``<data dir>/library.sqlite3`` (:func:`perfdesk.paths.data_dir`: ``$PERFDESK_DATA_DIR`` if set, else
``%LOCALAPPDATA%\\perfdesk`` on Windows).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from perfdesk.library.entry import Entry, Key, Source, canonical_pair, clean_text, entry_key
from perfdesk.models.document import Document
from perfdesk.paths import data_dir

APPLICATION_ID = 0x5044_4C42  # "PDLB"
SCHEMA_VERSION = 1
FILE_NAME = "library.sqlite3"
BUSY_TIMEOUT = 5.0  # seconds to wait for another perfdesk that is writing the file

_SCHEMA = f"""
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS entry (
    level1 TEXT NOT NULL, level2 TEXT NOT NULL, name_key TEXT NOT NULL,
    name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', value TEXT NOT NULL DEFAULT '',
    basis TEXT NOT NULL DEFAULT '', base_uses INTEGER NOT NULL DEFAULT 0,
    pinned INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL,
    PRIMARY KEY (level1, level2, name_key)
);
CREATE TABLE IF NOT EXISTS sighting (
    doc_key TEXT NOT NULL, level1 TEXT NOT NULL, level2 TEXT NOT NULL, name_key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (doc_key, level1, level2, name_key)
);
CREATE INDEX IF NOT EXISTS sighting_entry ON sighting (level1, level2, name_key);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
COMMIT;
"""

_UPSERT = """
INSERT INTO entry (level1, level2, name_key, name, description, value, basis, base_uses, pinned, updated)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (level1, level2, name_key) DO UPDATE SET
    name = excluded.name,
    description = CASE WHEN excluded.description <> '' THEN excluded.description ELSE description END,
    value = CASE WHEN excluded.value <> '' THEN excluded.value ELSE value END,
    basis = CASE WHEN excluded.basis <> '' THEN excluded.basis ELSE basis END,
    base_uses = MAX(base_uses, excluded.base_uses),
    pinned = MAX(pinned, excluded.pinned),
    updated = excluded.updated
"""

_ENTRIES = """
SELECT e.level1, e.level2, e.name, e.description, e.value, e.basis,
       MAX(e.base_uses, COALESCE((SELECT SUM(s.count) FROM sighting s
           WHERE s.level1 = e.level1 AND s.level2 = e.level2 AND s.name_key = e.name_key), 0))
FROM entry e ORDER BY e.level1, e.level2, e.name_key
"""

_ENTRY_FOR = """
SELECT e.level1, e.level2, e.name, e.description, e.value, e.basis,
       MAX(e.base_uses, COALESCE((SELECT SUM(s.count) FROM sighting s
           WHERE s.level1 = e.level1 AND s.level2 = e.level2 AND s.name_key = e.name_key), 0))
FROM entry e WHERE e.level1 = ? AND e.level2 = ? AND e.name_key = ?
"""

_DROP_ORPHANS = """
DELETE FROM entry WHERE pinned = 0 AND base_uses = 0 AND NOT EXISTS (
    SELECT 1 FROM sighting s
    WHERE s.level1 = entry.level1 AND s.level2 = entry.level2 AND s.name_key = entry.name_key)
"""


class LibraryFileError(Exception):
    """The library file cannot be used; ``damaged`` if it is not a usable library at all.

    Not damaged: busy (locked by another perfdesk), unwritable, or written by a newer perfdesk;
    such a file must be left alone.  Damaged: not SQLite, corrupt, or another program's file.
    """

    def __init__(self, path: Path, reason: str, *, damaged: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.damaged = damaged


@dataclass(frozen=True)
class LearnResult:
    """What :meth:`UserStore.learn` took from a document."""

    rows: int  # indicator rows learned
    entries: int  # distinct indicators among them
    skipped: int  # rows without a 三级 name or with a 一级/二级 no framework knows
    changed: frozenset[Key] = frozenset()  # keys whose entry may have changed or gone


def default_path() -> Path:
    """Where the clerk's own library lives."""
    return data_dir() / FILE_NAME


def document_key(doc: Document) -> str:
    """The identity of a document for counting: unit code, unit name and fiscal year."""
    unit = doc.unit
    return f"{unit.code.strip()}|{unit.name.strip()}|{unit.fiscal_year}"


@dataclass(frozen=True)
class _Row:
    level1: str
    level2: str
    name: str
    description: str
    value: str
    basis: str


def document_rows(doc: Document) -> tuple[list[_Row], int]:
    """The learnable indicator rows of a document (project grids and the 部门整体 table)."""
    raw = [(i.level1, i.level2, i.level3, i.description, i.value, i.basis) for p in doc.projects for i in p.indicators]
    if doc.dept_table is not None:
        raw += [
            (i.level1, i.level2, i.level3, "", i.annual_value or i.period_value, "") for i in doc.dept_table.indicators
        ]
    rows: list[_Row] = []
    skipped = 0
    for level1, level2, name, description, value, basis in raw:
        pair = canonical_pair(level1, level2)
        if pair is None or not name.strip():
            skipped += int(bool(name.strip() or level1.strip() or level2.strip()))
            continue
        rows.append(_Row(*pair, *(clean_text(t) for t in (name, description, value, basis))))
    return rows, skipped


class UserStore:
    """The clerk's library file, open for reading and learning."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._conn = _connect(self.path)

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def entries(self) -> list[Entry]:
        """All own entries with their use counts."""
        return [Entry(*row[:6], uses=row[6], source=Source.OWN) for row in self._conn.execute(_ENTRIES)]

    def learn(self, doc: Document, key: str | None = None) -> LearnResult:
        """Add or update the document's indicators; re-learning a document replaces its counts."""
        rows, skipped = document_rows(doc)
        counts: dict[Key, int] = {}
        latest: dict[Key, _Row] = {}
        for row in rows:
            k = entry_key(row.level1, row.level2, row.name)
            counts[k] = counts.get(k, 0) + 1
            latest[k] = _merge(latest.get(k), row)
        doc_key = key if key is not None else document_key(doc)
        now = _now()
        with self._transaction() as conn:
            before = self._document_keys(doc_key)
            conn.execute("DELETE FROM sighting WHERE doc_key = ?", (doc_key,))
            conn.executemany(
                _UPSERT, [(*k, r.name, r.description, r.value, r.basis, 0, 0, now) for k, r in latest.items()]
            )
            conn.executemany(
                "INSERT INTO sighting VALUES (?, ?, ?, ?, ?)", [(doc_key, *k, n) for k, n in counts.items()]
            )
            conn.execute(_DROP_ORPHANS)
        return LearnResult(len(rows), len(counts), skipped, frozenset(before | counts.keys()))

    def forget_document(self, key: str) -> frozenset[Key]:
        """Remove one document's contribution; returns the keys whose entry changed or went."""
        with self._transaction() as conn:
            before = self._document_keys(key)
            conn.execute("DELETE FROM sighting WHERE doc_key = ?", (key,))
            conn.execute(_DROP_ORPHANS)
        return frozenset(before)

    def entries_for(self, keys: Iterable[Key]) -> dict[Key, Entry]:
        """The current entries for some keys; a key without an entry is left out."""
        found: dict[Key, Entry] = {}
        for key in keys:
            row = self._conn.execute(_ENTRY_FOR, key).fetchone()
            if row is not None:
                found[key] = Entry(*row[:6], uses=row[6], source=Source.OWN)
        return found

    def _document_keys(self, doc_key: str) -> set[Key]:
        sql = "SELECT level1, level2, name_key FROM sighting WHERE doc_key = ?"
        return {tuple(r) for r in self._conn.execute(sql, (doc_key,))}  # type: ignore[misc]

    def merge(self, entries: Iterable[Entry]) -> int:
        """Add entries (e.g. imported) and keep them; their use counts become a floor."""
        now = _now()
        params = [(*e.key, e.name, e.description, e.value, e.basis, e.uses, 1, now) for e in entries]
        with self._transaction() as conn:
            conn.executemany(_UPSERT, params)
        return len(params)

    def remove(self, keys: Iterable[Key]) -> int:
        """Delete entries and their counts for good; returns how many existed."""
        keys = list(keys)
        with self._transaction() as conn:
            before = conn.total_changes
            conn.executemany("DELETE FROM entry WHERE level1 = ? AND level2 = ? AND name_key = ?", keys)
            removed = conn.total_changes - before
            conn.executemany("DELETE FROM sighting WHERE level1 = ? AND level2 = ? AND name_key = ?", keys)
        return removed

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a SQLite failure rolls back and becomes a LibraryFileError."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise LibraryFileError(self.path, f"指标库暂时无法写入（{exc}）") from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise LibraryFileError(self.path, f"指标库写入失败，已撤销（{exc}）") from exc
            raise


def _merge(old: _Row | None, new: _Row) -> _Row:
    """The later row wins, except that a blank text keeps the earlier one."""
    if old is None:
        return new
    pick = [
        n or o
        for o, n in zip((old.description, old.value, old.basis), (new.description, new.value, new.basis), strict=True)
    ]
    return _Row(new.level1, new.level2, new.name, *pick)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and check the library file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryFileError(path, f"无法打开指标库（{exc}）") from None
    try:
        _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and version == 0 and tables == 0:
            conn.executescript(_SCHEMA)
            return
    except sqlite3.Error as exc:
        raise _file_error(path, exc) from None
    if app_id != APPLICATION_ID:
        raise LibraryFileError(path, "不是 perfdesk 指标库文件", damaged=True)
    if version > SCHEMA_VERSION:
        raise LibraryFileError(path, "指标库由更新版本的 perfdesk 写入，本版本不能使用")
    try:
        conn.execute("SELECT level1 FROM entry LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        raise _file_error(path, exc) from None


def _file_error(path: Path, exc: sqlite3.Error) -> LibraryFileError:
    """Locked, unreadable or I/O trouble (OperationalError) is not damage; anything else is."""
    if isinstance(exc, sqlite3.OperationalError):
        return LibraryFileError(path, f"指标库暂时无法使用（{exc}）")
    return LibraryFileError(path, f"指标库文件已损坏（{exc}）", damaged=True)
