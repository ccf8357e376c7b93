"""Laid-out pages as plain drawing operations: what the PDF writer and a print preview paint.

Coordinates are PDF points with the origin at the bottom left of the page; each page carries
its own :class:`Frame` (paper and text area): a wide table prints on landscape pages.  A
:class:`TextOp` names a font role; :meth:`perfdesk.export.pdf_text.FontBook.runs` turns its text into
(font, text) runs, so a painter other than reportlab draws the same glyphs with the same files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from perfdesk.export.layout import TABLE_PAGE, FontRole, PageSetup
from perfdesk.fonts import FontFile

PAGE_WIDTH, PAGE_HEIGHT = A4
FOOTER_BASELINE = 12 * mm  # the same on every page setup (print preview paints it there too)
RULE_WIDTH = 0.6


@dataclass(frozen=True)
class Frame:
    """The text area of a page setup in PDF points (origin bottom left)."""

    page_width: float
    page_height: float
    left: float
    width: float
    top: float  # y of the text area's top edge
    bottom: float  # y of its bottom edge

    @property
    def height(self) -> float:
        """Height of the text area."""
        return self.top - self.bottom

    @classmethod
    def of(cls, setup: PageSetup) -> Frame:
        """The frame of a page setup."""
        w, h = setup.width * mm, setup.height * mm
        left = setup.margin_left * mm
        return cls(w, h, left, setup.text_width * mm, h - setup.margin_top * mm, setup.margin_bottom * mm)


TABLE_FRAME = Frame.of(TABLE_PAGE)
# The 表格 page's frame, for code that predates page setups.
MARGIN_LEFT = TABLE_FRAME.left
MARGIN_BOTTOM = TABLE_FRAME.bottom
FRAME_WIDTH = TABLE_FRAME.width
FRAME_TOP = TABLE_FRAME.top
FRAME_HEIGHT = TABLE_FRAME.height


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
    """One page: its drawing operations, footer and paper."""

    ops: list[Op] = field(default_factory=list)
    part: int = 0  # index of the layout part that starts or continues here
    numbered: bool = True
    footer: str = ""  # filled in once the page count is known
    bookmarks: list[tuple[str, float]] = field(default_factory=list)  # part titles starting here, at y
    frame: Frame = TABLE_FRAME  # this page's paper and text area (a landscape part's pages are turned)

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the paper in points."""
        return self.frame.page_width, self.frame.page_height

    @property
    def landscape(self) -> bool:
        """True for a landscape (横向) page."""
        return self.frame.page_width > self.frame.page_height


@dataclass
class Pages:
    """The laid-out document: pages plus the faces they use."""

    pages: list[Page]
    fonts: dict[str, FontFile] = field(default_factory=dict)  # font name → its file
    frame: Frame = TABLE_FRAME  # the portrait frame of the page setup (a page may be turned: Page.frame)

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
