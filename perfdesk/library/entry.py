"""One indicator of the library and the category rules it must follow (no Qt, no storage).

An :class:`Entry` is a 三级指标 with the text a clerk would put beside it.  Its 一级/二级 are
always the canonical names of :mod:`perfdesk.models.frameworks`; which framework(s) an entry
fits follows from that pair (``产出指标/成本指标`` is 2015 only, ``成本指标/…成本指标`` 2021 only).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from perfdesk.models.document import Framework
from perfdesk.models.frameworks import FRAMEWORKS, canonical_level1, canonical_level2


class Source(StrEnum):
    """Where an entry comes from: the built-in common library or the clerk's own documents."""

    COMMON = "共性"
    OWN = "本机文档"


Key = tuple[str, str, str]

_SPACE = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Entry:
    """A library indicator: canonical 一级/二级, the 三级 name and its typical texts."""

    level1: str
    level2: str
    name: str
    description: str = ""
    value: str = ""
    basis: str = ""
    uses: int = 0
    source: Source = Source.OWN

    @cached_property
    def key(self) -> Key:
        """The identity used for de-duplication: 一级, 二级 and the name without spaces."""
        return entry_key(self.level1, self.level2, self.name)

    def frameworks(self) -> list[Framework]:
        """The frameworks in which this 一级/二级 pair exists."""
        return [fw for fw in FRAMEWORKS if fits(fw, self.level1, self.level2)]


def name_key(name: str) -> str:
    """A 三级 name as compared for de-duplication: NFKC, no whitespace, case-folded."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).casefold()


def clean_text(text: str) -> str:
    """Text as stored: surrounding whitespace removed, inner text kept exactly."""
    return text.strip()


def entry_key(level1: str, level2: str, name: str) -> Key:
    """The de-duplication key of an indicator."""
    return (level1, level2, name_key(name))


def fits(framework: Framework, level1: str, level2: str) -> bool:
    """True if the canonical pair 一级/二级 exists in ``framework``."""
    return level2 in FRAMEWORKS[framework].level2_names(level1)


def valid_pair(level1: str, level2: str) -> bool:
    """True if the canonical pair exists in at least one framework."""
    return any(fits(fw, level1, level2) for fw in FRAMEWORKS)


def canonical_pair(level1: str, level2: str) -> tuple[str, str] | None:
    """The canonical 一级/二级 for what a clerk typed, or None if it fits no framework."""
    l1 = canonical_level1(level1)
    l2 = canonical_level2(level2)
    if l1 is None or l2 is None or not valid_pair(l1, l2):
        return None
    return l1, l2


def level1_names(framework: Framework | None = None) -> list[str]:
    """一级 names in print order; with no framework, those of both (2021 first, 成本 on top)."""
    specs = [FRAMEWORKS[framework]] if framework else [FRAMEWORKS[Framework.Y2021], FRAMEWORKS[Framework.Y2015]]
    names: list[str] = []
    for spec in specs:
        names += [n for n in spec.level1_names() if n not in names]
    return names


def level2_names(level1: str | None = None, framework: Framework | None = None) -> list[str]:
    """二级 names under ``level1`` (or under every 一级) in print order."""
    specs = [FRAMEWORKS[framework]] if framework else [FRAMEWORKS[Framework.Y2021], FRAMEWORKS[Framework.Y2015]]
    names: list[str] = []
    for spec in specs:
        for l1, l2s in spec.levels:
            if level1 is None or l1 == level1:
                names += [n for n in l2s if n not in names]
    return names
