"""The indicator library as the rest of perfdesk sees it: common entries + the clerk's own.

:class:`Library` joins the built-in 共性 entries and the clerk's :class:`UserStore`, keeps one
:class:`SearchIndex` over both (rebuilt lazily after a change) and offers learning, search and
xlsx import/export.  Where the clerk has an entry with the same 一级/二级/三级 as a common one,
the clerk's own (with their values and counts) replaces the common one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from perfdesk.library.common import common_entries
from perfdesk.library.entry import Entry, Key, Source
from perfdesk.library.search import Normalizer, SearchIndex
from perfdesk.library.store import LearnResult, LibraryFileError, UserStore, default_path
from perfdesk.library.xlsxio import ImportResult, export_xlsx, import_xlsx
from perfdesk.models.document import Document, Framework


class Library:
    """The library the editor picks indicators from; not thread-safe (use it on the GUI thread)."""

    def __init__(self, store: UserStore | None = None, common: Sequence[Entry] | None = None) -> None:
        self.store = store
        self.common: tuple[Entry, ...] = tuple(common_entries() if common is None else common)
        self.path: Path | None = store.path if store is not None else None  # the clerk's file
        self.notice: str | None = None  # set by open() when the file could not be used as is
        self._own: dict[Key, Entry] | None = None  # the store's entries, read once then patched
        self._index: SearchIndex | None = None
        self._normalizer = Normalizer()  # remembers normalised texts across index rebuilds

    @classmethod
    def open(cls, path: Path | None = None, *, recover: bool = True) -> Library:
        """Open the clerk's library file (created if missing) together with the common entries.

        With ``recover`` (the default) it never raises: a damaged file is renamed
        ``….damaged-<time>`` and a new one started; a file that is only busy, unwritable or
        from a newer perfdesk is left alone and the library offers the common entries only
        (``store`` is None).  :attr:`notice` then says what happened, for the UI to show once.
        """
        path = Path(path) if path is not None else default_path()
        try:
            return cls(UserStore(path))
        except LibraryFileError as exc:
            if not recover:
                raise
            problem = exc
        if problem.damaged:
            aside = path.with_name(f"{path.name}.damaged-{dt.datetime.now():%Y%m%d%H%M%S}")
            try:
                os.replace(path, aside)
                with contextlib.suppress(OSError):
                    path.with_name(path.name + "-journal").unlink()
                library = cls(UserStore(path))
            except (OSError, LibraryFileError):
                pass
            else:
                library.notice = f"指标库文件无法使用（{problem.reason}），已另存为 {aside.name} 并新建指标库。"
                return library
        library = cls(None)
        library.path = path
        library.notice = f"本机指标库暂不可用（{problem.reason}），本次只提供共性指标。"
        return library

    def close(self) -> None:
        """Close the clerk's library file."""
        if self.store is not None:
            self.store.close()

    @property
    def index(self) -> SearchIndex:
        """The search index over all entries, rebuilt after a change."""
        if self._index is None:
            self._index = SearchIndex(self.entries(), self._normalizer)
        return self._index

    def entries(self, source: Source | None = None) -> list[Entry]:
        """Own entries then common ones not shadowed by an own entry; optionally one source only."""
        own = list(self._own_entries().values()) if source is not Source.COMMON else []
        if source is Source.OWN:
            return own
        keys = {e.key for e in own}
        return own + [e for e in self.common if e.key not in keys]

    def search(
        self,
        query: str = "",
        *,
        level1: str | None = None,
        level2: str | None = None,
        framework: Framework | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries matching ``query`` (Chinese substrings; spaces separate words), best first."""
        return self.index.search(query, level1=level1, level2=level2, framework=framework, limit=limit)

    def learn(self, doc: Document, key: str | None = None) -> LearnResult:
        """Learn the indicators of a document just opened or saved.

        Raises LibraryFileError if the file cannot be written (e.g. locked by another perfdesk
        for more than 5 s); a save must not fail because of that, so catch it there.  Without a
        usable file (see :meth:`open`) nothing is learned.
        """
        if self.store is None:
            return LearnResult(0, 0, 0)
        result = self.store.learn(doc, key)
        self._refresh(result.changed)
        return result

    def merge(self, entries: Iterable[Entry]) -> int:
        """Keep these entries in the clerk's library (e.g. after an import)."""
        entries = list(entries)
        count = self._store().merge(entries)
        self._refresh(e.key for e in entries)
        return count

    def remove(self, entries: Iterable[Entry]) -> int:
        """Delete own entries (common ones cannot be deleted)."""
        keys = [e.key for e in entries if e.source is Source.OWN]
        count = self._store().remove(keys)
        self._refresh(keys)
        return count

    def export_xlsx(self, path: Path, source: Source | None = Source.OWN) -> int:
        """Write the clerk's entries (or all, with ``source=None``) to an xlsx file."""
        entries = sorted(self.entries(source), key=lambda e: (-e.uses, e.level1, e.level2, e.name))
        return export_xlsx(entries, path)

    def import_xlsx(self, path: Path, *, partial: bool = False) -> ImportResult:
        """Read a library sheet; merge it if every row is valid (or, with ``partial``, the valid rows)."""
        result = import_xlsx(path)
        if result.ok or partial:
            self.merge(result.entries)
        return result

    def _store(self) -> UserStore:
        if self.store is None:
            raise LibraryFileError(self.path or default_path(), self.notice or "本机指标库不可用")
        return self.store

    def _own_entries(self) -> dict[Key, Entry]:
        if self._own is None:
            self._own = {e.key: e for e in self.store.entries()} if self.store is not None else {}
        return self._own

    def _refresh(self, keys: Iterable[Key]) -> None:
        """Re-read the entries of some keys instead of the whole file, and drop the index."""
        self._index = None
        if self._own is None:
            return
        keys = set(keys)
        fresh = self._store().entries_for(keys)
        for key in keys:
            if key in fresh:
                self._own[key] = fresh[key]
            else:
                self._own.pop(key, None)
