"""In-memory search over library entries: category filters and Chinese substring matching.

SQLite FTS5 does not split Chinese words, so there is no tokenizer here at all: names and
descriptions are normalised once (NFKC, case-folded, whitespace removed) and every query is a
plain substring test, which finds a two-character word such as 满意 or 覆盖 anywhere in a name.

Ranking: a name that starts with the query, then a name that contains it, then a description
that contains it; inside each tier more uses first, the clerk's own entries before the common
ones, then the original order.  The entries are sorted once in that order when the index is
built, so a query is one linear scan that appends to three lists and never sorts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from perfdesk.library.entry import Entry, Source, fits
from perfdesk.models.document import Framework


def normalize(text: str) -> str:
    """Text as the index compares it: NFKC, case-folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def query_terms(query: str) -> list[str]:
    """The normalised terms of a query; words separated by spaces must all match."""
    return [t for t in (normalize(w) for w in query.split()) if t]


class Normalizer:
    """:func:`normalize` with a memory, so that rebuilding an index after a change is cheap."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = normalize(text)
        return found


class SearchIndex:
    """An immutable index over a list of entries; build a new one when the entries change."""

    def __init__(self, entries: Iterable[Entry], normalizer: Normalizer | None = None) -> None:
        norm = normalizer or Normalizer()
        # Two stable sorts: own before common, then more uses first; ties keep the given order.
        ranked = sorted(entries, key=lambda e: e.source is not Source.OWN)
        ranked.sort(key=lambda e: -e.uses)
        self._entries: list[Entry] = ranked
        self._names = [norm(e.name) for e in ranked]
        self._descs = [norm(e.description) for e in ranked]
        self._subsets: dict[tuple[Framework | None, str | None, str | None], list[int]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> Sequence[Entry]:
        """All entries in rank order (most used first)."""
        return self._entries

    def search(
        self,
        query: str = "",
        *,
        level1: str | None = None,
        level2: str | None = None,
        framework: Framework | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries matching ``query`` inside the filters, best first (all of them for no query)."""
        rows = self._subset(framework, level1, level2)
        terms = query_terms(query)
        if not terms:
            hits: Sequence[int] = rows
        elif len(terms) == 1:
            hits = self._scan(rows, terms[0])
        else:
            hits = self._scan_all(rows, terms)
        return [self._entries[i] for i in hits[:limit]]

    def _scan(self, rows: Iterable[int], term: str) -> list[int]:
        names, descs = self._names, self._descs
        prefix: list[int] = []
        inside: list[int] = []
        described: list[int] = []
        for i in rows:
            at = names[i].find(term)
            if at == 0:
                prefix.append(i)
            elif at > 0:
                inside.append(i)
            elif term in descs[i]:
                described.append(i)
        return prefix + inside + described

    def _scan_all(self, rows: Iterable[int], terms: list[str]) -> list[int]:
        tiers: tuple[list[int], list[int], list[int]] = ([], [], [])
        first, rest = terms[0], terms[1:]
        for i in rows:
            name, desc = self._names[i], self._descs[i]
            if first not in name and first not in desc:  # most rows stop here, cheaply
                continue
            if not all(t in name or t in desc for t in rest):
                continue
            in_name = all(t in name for t in terms)
            tiers[0 if in_name and name.startswith(terms[0]) else 1 if in_name else 2].append(i)
        return tiers[0] + tiers[1] + tiers[2]

    def _subset(self, framework: Framework | None, level1: str | None, level2: str | None) -> Sequence[int]:
        key = (framework, level1 or None, level2 or None)
        if key == (None, None, None):
            return range(len(self._entries))
        rows = self._subsets.get(key)
        if rows is None:
            rows = [i for i, e in enumerate(self._entries) if _accepts(e, *key)]
            self._subsets[key] = rows
        return rows


@cache
def _fits(framework: Framework, level1: str, level2: str) -> bool:
    return fits(framework, level1, level2)


def _accepts(entry: Entry, framework: Framework | None, level1: str | None, level2: str | None) -> bool:
    if level1 is not None and entry.level1 != level1:
        return False
    if level2 is not None and entry.level2 != level2:
        return False
    return framework is None or _fits(framework, entry.level1, entry.level2)
