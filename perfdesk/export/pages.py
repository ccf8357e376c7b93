"""Laid-out pages as plain drawing operations: what the PDF writer and a print preview paint.

Coordinates are PDF points with the origin at the bottom left of an A4 page.  A :class:`TextOp`
names a font role; :meth:`perfdesk.export.pdf_text.FontBook.runs` turns its text into
(font, text) runs, so a painter other than reportlab draws the same glyphs with the same files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from perfdesk.export.layout import FontRole
from perfdesk.fonts import FontFile

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 22 * mm
FOOTER_BASELINE = 12 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP
FRAME_HEIGHT = FRAME_TOP - MARGIN_BOTTOM
RULE_WIDTH = 0.6


@dataclass(frozen=True)
class TextOp:
    """One line of text at a baseline; ``char_space`` widens it to justify."""

    x: float
    y: float
    text: str
    role: FontRole
    size: float
    char_space: float = 0.0


@dataclass(frozen=True)
class RectOp:
    """A cell border: a stroked rectangle (x, y is its bottom left corner)."""

    x: float
    y: float
    width: float
    height: float


Op = TextOp | RectOp


@dataclass
class Page:
    """One A4 page: its drawing operations and footer."""

    ops: list[Op] = field(default_factory=list)
    part: int = 0  # index of the layout part that starts or continues here
    numbered: bool = True
    footer: str = ""  # filled in once the page count is known
    bookmarks: list[tuple[str, float]] = field(default_factory=list)  # part titles starting here, at y


@dataclass
class Pages:
    """The laid-out document: pages plus the faces they use."""

    pages: list[Page]
    fonts: dict[str, FontFile] = field(default_factory=dict)  # font name → its file

    def __len__(self) -> int:
        return len(self.pages)


def number_pages(pages: list[Page]) -> None:
    """Write 第 n 页 共 N 页 into the footer of every numbered page."""
    total = sum(1 for p in pages if p.numbered)
    n = 0
    for page in pages:
        if page.numbered:
            n += 1
            page.footer = f"第 {n} 页 共 {total} 页"


FOOTER_SIZE = 10.5  # point size of the page-number footer
