"""The built-in common library (共性指标), shipped as ``resources/library/common.json``.

The file holds groups of entries; each group names one or more placements (一级, 二级), so the
cost indicators are written once and appear both under 产出指标/成本指标 (2015) and under
成本指标/经济成本指标 (2021).  The data is curated by hand; the clerk's own entries are learned.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from perfdesk.library.entry import Entry, Source, clean_text, valid_pair
from perfdesk.resources import resource

FORMAT = "perfdesk-indicator-library"
_FIELDS = ("name", "description", "value", "basis")


class LibraryDataError(ValueError):
    """The common library file is malformed; the message says where."""


def common_path() -> Path:
    """Where the built-in library file is."""
    return resource("library", "common.json")


def parse_common(data: Any) -> list[Entry]:
    """The entries of a decoded common library document, validated."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LibraryDataError(f"不是指标库文件（format 应为 {FORMAT}）")
    entries: list[Entry] = []
    seen: set[tuple[str, str, str]] = set()
    for gi, group in enumerate(data.get("groups", []), 1):
        placements = _placements(group, gi)
        for ei, item in enumerate(group.get("entries", []), 1):
            texts = _texts(item, gi, ei)
            for level1, level2 in placements:
                entry = Entry(level1, level2, *texts, uses=0, source=Source.COMMON)
                if entry.key in seen:
                    raise LibraryDataError(f"第{gi}组第{ei}条：“{entry.name}”重复")
                seen.add(entry.key)
                entries.append(entry)
    return entries


def _placements(group: Any, gi: int) -> list[tuple[str, str]]:
    if not isinstance(group, dict) or not group.get("placements"):
        raise LibraryDataError(f"第{gi}组：缺少 placements")
    pairs = [tuple(p) for p in group["placements"]]
    for pair in pairs:
        if len(pair) != 2 or not valid_pair(*pair):
            raise LibraryDataError(f"第{gi}组：“{'/'.join(map(str, pair))}”不是框架中的一级/二级")
    return [(str(a), str(b)) for a, b in pairs]


def _texts(item: Any, gi: int, ei: int) -> tuple[str, str, str, str]:
    if not isinstance(item, dict) or not all(isinstance(item.get(f, ""), str) for f in _FIELDS):
        raise LibraryDataError(f"第{gi}组第{ei}条：字段应为文字")
    name, description, value, basis = (clean_text(item.get(f, "")) for f in _FIELDS)
    if not name:
        raise LibraryDataError(f"第{gi}组第{ei}条：三级指标为空")
    return name, description, value, basis


def load_common_file(path: Path) -> list[Entry]:
    """Read and validate a common library file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryDataError(f"{path}: {exc}") from None
    return parse_common(data)


@cache
def common_entries() -> tuple[Entry, ...]:
    """The built-in entries (read once per process)."""
    return tuple(load_common_file(common_path()))
