"""The check for characters that no installed font draws (they would print as □).

The walk over the document is pure; which code points are drawable is passed in (by default
:func:`perfdesk.fonts.coverage`, the faces the PDF embeds), so this module stays free of fonts.
Characters of the common ranges — ASCII, GBK's ideographs, CJK and full-width punctuation —
are drawn by every Chinese face and never cost a look into the font files.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from perfdesk.models.document import Document
from perfdesk.models.findings import Finding, Form, Place, Severity

Coverage = Callable[[], frozenset[int]]

# Characters every Chinese face draws, never looked up: ASCII, Latin-1 (× · °), dashes and
# quotes (“ ” …), ‰ ′ ″, ≤ ≥, CJK punctuation, GBK's ideographs, full-width forms, white space.
_RARE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u2033\u2264\u2265\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]"
)


def _default_coverage() -> frozenset[int]:
    from perfdesk.fonts import coverage  # fonts are read only when a rare character turns up

    return coverage()


def text_places(doc: Document) -> Iterator[tuple[Place, str]]:
    """Every text field of the document with its place (form, project, row, field)."""
    for at, name, text in _texts(doc):
        yield Place(at.form, at.project, at.row, name), text


def _texts(doc: Document) -> Iterator[tuple[Place, str, str]]:
    """(place without the field, field name, text) of every text, cheap enough for every check run."""
    yield from _walk(doc.unit, Place(Form.UNIT))
    yield from _walk(doc.overall, Place(Form.OVERALL))
    for p, project in enumerate(doc.projects):
        yield from _walk(project, Place(Form.PROJECT, p), skip=frozenset({"evaluation"}))
        if project.evaluation is not None:
            yield from _walk(project.evaluation, Place(Form.EVALUATION, p))
    if doc.dept_table is not None:
        yield from _walk(doc.dept_table, Place(Form.DEPT_TABLE))
    if doc.self_report is not None:
        yield from _walk(doc.self_report, Place(Form.SELF_REPORT))


def _walk(
    obj: Any, at: Place, prefix: str = "", skip: frozenset[str] = frozenset()
) -> Iterator[tuple[Place, str, str]]:
    for name in type(obj).__dataclass_fields__:
        if name in skip:
            continue
        value = getattr(obj, name)
        if isinstance(value, str):
            yield at, prefix + name, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield at, prefix + name, item
                elif dataclasses.is_dataclass(item):
                    # rows of a grid keep their row number; nested lists name the field only
                    yield from _walk(item, Place(at.form, at.project, at.row if at.row is not None else i))
        elif dataclasses.is_dataclass(value):
            yield from _walk(value, at, f"{prefix}{name}.")


def check_glyphs(doc: Document, coverage: Coverage = _default_coverage) -> list[Finding]:
    """A warning per text field holding characters no installed font draws, before printing."""
    findings: list[Finding] = []
    covered: frozenset[int] | None = None
    for at, name, text in _texts(doc):
        if _RARE.search(text) is None:
            continue
        rare = list(dict.fromkeys(_RARE.findall(text)))
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
                    Place(at.form, at.project, at.row, name),
                )
            )
    return findings
