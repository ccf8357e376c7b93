"""PDF writer: draw laid-out pages with reportlab, every font embedded as a subset."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from perfdesk import __version__
from perfdesk.export.layout import ExportWarning, FontRole, Layout
from perfdesk.export.pages import (
    FOOTER_BASELINE,
    FOOTER_SIZE,
    PAGE_WIDTH,
    RULE_WIDTH,
    Page,
    Pages,
    RectOp,
    TextOp,
)
from perfdesk.export.pdf_compose import compose
from perfdesk.export.pdf_text import FontBook

# Compressed page streams are written as binary, not ASCII85 (which made the files a fifth larger
# and, without reportlab's C accelerator, cost a third of the drawing time).
rl_config.useA85 = 0


def layout_pages(layout: Layout, book: FontBook | None = None, step: Callable[[], None] | None = None) -> Pages:
    """Lay out the whole layout on pages (also what a print preview paints)."""
    book = book or FontBook()
    pages = compose(layout, book, step)
    layout.warnings.extend(missing_glyph_warnings(book))
    return pages


def missing_glyph_warnings(book: FontBook) -> list[ExportWarning]:
    """One warning per character that no font could draw."""
    out = []
    for ch, places in sorted(book.missing.items()):
        where = "、".join(sorted(p for p in places if p)) or ""
        out.append(ExportWarning(where, f"字体中没有字符“{ch}”（U+{ord(ch):04X}），PDF 中以 □ 代替"))
    return out


def render(
    pages: Pages,
    book: FontBook,
    out: BinaryIO | Path | str,
    title: str = "",
    step: Callable[[int], None] | None = None,
) -> None:
    """Draw the pages into a PDF file or stream; ``step`` gets each page's part index."""
    # The initial font must be one of ours, or the PDF references a non-embedded Helvetica.
    first = book.faces[FontRole.BODY][0].name
    target = str(out) if isinstance(out, Path) else out
    size = pages.pages[0].size if pages.pages else (pages.frame.page_width, pages.frame.page_height)
    canvas = Canvas(target, pagesize=size, initialFontName=first, initialFontSize=FOOTER_SIZE)
    canvas.setTitle(title)
    canvas.setCreator(f"perfdesk {__version__}")
    canvas.setAuthor("perfdesk")
    for number, page in enumerate(pages.pages):
        canvas.setPageSize(page.size)  # a landscape part's pages are turned
        _draw_page(canvas, page, book, number, page.size[0])
        canvas.showPage()
        if step is not None:
            step(page.part)
    canvas.save()


def _draw_page(canvas: Canvas, page: Page, book: FontBook, number: int, page_width: float = PAGE_WIDTH) -> None:
    for k, (title, y) in enumerate(page.bookmarks):
        key = f"p{number}-{k}"
        canvas.bookmarkPage(key, fit="XYZ", left=0, top=y + 20)
        canvas.addOutlineEntry(title, key, level=0)
    rects = [op for op in page.ops if isinstance(op, RectOp)]
    if rects:
        canvas.setLineWidth(RULE_WIDTH)
        path = canvas.beginPath()
        for r in rects:
            path.rect(r.x, r.y, r.width, r.height)
        canvas.drawPath(path, stroke=1, fill=0)
    text = canvas.beginText()
    spacing = 0.0
    for op in page.ops:
        if not isinstance(op, TextOp) or not op.text:
            continue
        if op.char_space != spacing:
            text.setCharSpace(op.char_space)
            spacing = op.char_space
        text.setTextOrigin(op.x, op.y)
        for font, run in book.runs(op.text, op.role):
            text.setFont(font, op.size)
            text.textOut(run)
    if page.footer:
        if spacing:
            text.setCharSpace(0)
        width = book.width(page.footer, FontRole.BODY, FOOTER_SIZE)
        text.setTextOrigin((page_width - width) / 2, FOOTER_BASELINE)
        for font, run in book.runs(page.footer, FontRole.BODY):
            text.setFont(font, FOOTER_SIZE)
            text.textOut(run)
    canvas.drawText(text)


def write_pdf(layout: Layout, target: BinaryIO | Path | str, book: FontBook | None = None) -> Pages:
    """Lay out and write the PDF; returns the pages (their count, for tests and messages)."""
    book = book or FontBook()
    pages = layout_pages(layout, book)
    render(pages, book, target, layout.title)
    return pages


def pdf_bytes(layout: Layout, book: FontBook | None = None) -> bytes:
    """The PDF as bytes."""
    buffer = io.BytesIO()
    write_pdf(layout, buffer, book)
    return buffer.getvalue()
