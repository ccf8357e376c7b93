"""The check for characters that no installed font draws (they would print as □).

The walk over the document is pure; which code points are drawable is passed in (by default
:func:`perfdesk.fonts.coverage`, the faces the PDF embeds), so this module stays free of fonts.
Characters of the common ranges — ASCII, GBK's ideographs, CJK and full-width punctuation —
are drawn by every Chinese face and never cost a look into the font files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from perfdesk.models.document import Document
from perfdesk.models.findings import Finding, Form, Place, Severity

Coverage = Callable[[], frozenset[int]]

# (first, last) code points every Chinese face draws: ASCII, CJK punctuation, GBK ideographs,
# full-width forms; anything else is looked up in the fonts.
_COMMON = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1: × · °
    (0x2010, 0x2027),  # dashes, “ ” ‘ ’, …
    (0x2030, 0x2033),  # ‰ ′ ″
    (0x2264, 0x2265),  # ≤ ≥
    (0x3000, 0x303F),  # CJK punctuation
    (0x4E00, 0x9FA5),  # GBK ideographs
    (0xFF01, 0xFF5E),  # full-width forms
)
_IGNORED = frozenset("\n\r\t\u3000 ")


def _common(code: int) -> bool:
    return any(a <= code <= b for a, b in _COMMON)


def _default_coverage() -> frozenset[int]:
    from perfdesk.fonts import coverage  # fonts are read only when a rare character turns up

    return coverage()


def text_places(doc: Document) -> Iterator[tuple[Place, str]]:
    """Every text field of the document with its place (form, project, row, field)."""
    yield from _walk(doc.unit, Place(Form.UNIT))
    yield from _walk(doc.overall, Place(Form.OVERALL))
    for p, project in enumerate(doc.projects):
        yield from _walk(project, Place(Form.PROJECT, p), skip={"evaluation"})
        if project.evaluation is not None:
            yield from _walk(project.evaluation, Place(Form.EVALUATION, p))
    if doc.dept_table is not None:
        yield from _walk(doc.dept_table, Place(Form.DEPT_TABLE))
    if doc.self_report is not None:
        yield from _walk(doc.self_report, Place(Form.SELF_REPORT))


def _walk(
    obj: Any, at: Place, prefix: str = "", skip: frozenset[str] | set[str] = frozenset()
) -> Iterator[tuple[Place, str]]:
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        name = f"{prefix}{f.name}"
        if isinstance(value, str):
            yield dataclasses.replace(at, field=name), value
        elif dataclasses.is_dataclass(value):
            yield from _walk(value, at, f"{name}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield dataclasses.replace(at, field=name), item
                elif dataclasses.is_dataclass(item):
                    # rows of a grid keep their row number; nested lists name the field only
                    row = at.row if at.row is not None else i
                    yield from _walk(item, dataclasses.replace(at, row=row))


def check_glyphs(doc: Document, coverage: Coverage = _default_coverage) -> list[Finding]:
    """A warning per text field holding characters no installed font draws, before printing."""
    findings: list[Finding] = []
    covered: frozenset[int] | None = None
    for place, text in text_places(doc):
        rare = [ch for ch in dict.fromkeys(text) if ch not in _IGNORED and not _common(ord(ch))]
        if not rare:
            continue
        if covered is None:
            covered = coverage()
        missing = [ch for ch in rare if ord(ch) not in covered]
        if missing:
            chars = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing[:5])
            more = f"等 {len(missing)} 个字符" if len(missing) > 5 else ""
            findings.append(
                Finding(
                    Severity.WARNING,
                    "undrawable-character",
                    f"字符 {chars}{more}没有可用的字体，打印和 PDF 中会显示为 □；请改用常用字或安装字体",
                    place,
                )
            )
    return findings
