"""Flow a layout onto A4 pages: paragraphs split by lines, tables by :mod:`pdf_table`.

Headings stay with what follows them, a paragraph leaves no single line alone at the top or
bottom of a page, and each part starts on a new page unless it says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from perfdesk.export.layout import (
    STYLES,
    Align,
    Block,
    CaptionLine,
    FontRole,
    Layout,
    PageBreak,
    Paragraph,
    Part,
    Spacer,
    Table,
)
from perfdesk.export.pages import (
    FRAME_TOP,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    Page,
    Pages,
    TextOp,
    number_pages,
)
from perfdesk.export.pdf_table import CENTER_SHIFT, TableFlow
from perfdesk.export.pdf_text import FontBook, line_op

CAPTION_SIZE = 10.5
TABLE_SPACE_AFTER = 8.0


class Composer:
    """Places the blocks of a layout on pages."""

    def __init__(self, book: FontBook) -> None:
        self.book = book
        self.pages: list[Page] = []
        self.page = Page()
        self.y = FRAME_TOP
        self.empty = True
        self.part_index = 0
        self.numbered = True
        self._flows: dict[int, TableFlow] = {}

    @property
    def avail(self) -> float:
        """Height left on the current page."""
        return self.y - MARGIN_BOTTOM

    def new_page(self) -> None:
        """Start a new page."""
        self.page = Page(part=self.part_index, numbered=self.numbered)
        self.pages.append(self.page)
        self.y = FRAME_TOP
        self.empty = True

    def add_part(self, index: int, part: Part) -> None:
        """Lay out one part, on a new page if it asks for one."""
        self.part_index, self.numbered = index, part.numbered
        if not self.pages or (part.new_page and not self.empty):
            self.new_page()
        elif self.empty:
            self.page.part, self.page.numbered = index, part.numbered
        self.page.bookmarks.append((part.title, self.y))
        self.book.place = part.title
        for i in range(len(part.blocks)):
            self._place(part.blocks, i)

    def _place(self, blocks: Sequence[Block], i: int) -> None:
        block = blocks[i]
        if isinstance(block, Paragraph):
            self._paragraph(block, blocks, i)
        elif isinstance(block, CaptionLine):
            self._caption(block, blocks, i)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Spacer):
            if block.height > self.avail:
                self.new_page()
            else:
                self.y -= block.height
        elif isinstance(block, PageBreak) and not self.empty:
            self.new_page()

    # ------------------------------------------------------------ measuring what follows

    def _flow(self, table: Table) -> TableFlow:
        flow = self._flows.get(id(table))
        if flow is None:
            flow = self._flows[id(table)] = TableFlow(table, self.book, FRAME_WIDTH)
        return flow

    def _min_height(self, blocks: Sequence[Block], i: int) -> float:
        """Height that block ``i`` needs at least on the page where it starts."""
        if i >= len(blocks):
            return 0.0
        block = blocks[i]
        if isinstance(block, Table):
            return self._flow(block).min_start_height()
        if isinstance(block, CaptionLine):
            return CAPTION_SIZE * 1.4 + self._min_height(blocks, i + 1)
        if isinstance(block, Paragraph):
            style = STYLES[block.style]
            leading = style.size * style.leading
            lines = self.book.wrap(block.text, FRAME_WIDTH, style.role, style.size, 2 * style.size)
            own = style.space_before + min(len(lines), 2) * leading
            if style.keep_with_next:
                own = style.space_before + len(lines) * leading + style.space_after
                own += self._min_height(blocks, i + 1)
            return own
        return 0.0

    # ------------------------------------------------------------ blocks

    def _paragraph(self, para: Paragraph, blocks: Sequence[Block], i: int) -> None:
        style = STYLES[para.style]
        size, leading = style.size, style.size * style.leading
        indent = 2 * size if style.indent else 0.0
        if style.align is Align.CENTER:
            lines = self.book.wrap_balanced(para.text, FRAME_WIDTH, style.role, size)
        else:
            lines = self.book.wrap(para.text, FRAME_WIDTH, style.role, size, indent)
        before = 0.0 if self.empty else style.space_before
        need = before + len(lines) * leading
        if style.keep_with_next:
            need += style.space_after + self._min_height(blocks, i + 1)
        if need > self.avail and not self.empty:
            whole = style.keep_with_next or len(lines) <= 3 or self.avail < before + 2 * leading
            if whole:
                self.new_page()
                before = 0.0
        self.y -= before
        done = 0
        while done < len(lines):
            fit = int((self.avail + 0.01) // leading)
            rest = len(lines) - done
            if fit < rest and rest - fit < 2 and fit > 2:
                fit -= 1  # no single line alone at the top of the next page
            if fit <= 0 or (fit == 1 and rest > 1 and not self.empty):
                self.new_page()
                continue
            for k in range(done, min(done + fit, len(lines))):
                first = k == 0 or lines[k - 1].last
                x = MARGIN_LEFT + (indent if first and style.align is not Align.CENTER else 0.0)
                width = FRAME_WIDTH - (x - MARGIN_LEFT)
                baseline = self.y - leading / 2 - CENTER_SHIFT * size
                self.page.ops.append(line_op(lines[k], style.align, x, width, baseline, style.role, size))
                self.y -= leading
            self.empty = False
            done = min(done + fit, len(lines))
            if done < len(lines):
                self.new_page()
        self.y -= style.space_after

    def _caption(self, caption: CaptionLine, blocks: Sequence[Block], i: int) -> None:
        leading = CAPTION_SIZE * 1.4
        if leading + self._min_height(blocks, i + 1) > self.avail and not self.empty:
            self.new_page()
        baseline = self.y - leading / 2 - CENTER_SHIFT * CAPTION_SIZE
        right_width = self.book.width(caption.right, FontRole.BODY, CAPTION_SIZE)
        ops = self.page.ops
        ops.append(TextOp(MARGIN_LEFT, baseline, caption.left, FontRole.BODY, CAPTION_SIZE))
        ops.append(
            TextOp(MARGIN_LEFT + FRAME_WIDTH - right_width, baseline, caption.right, FontRole.BODY, CAPTION_SIZE)
        )
        self.y -= leading + 2
        self.empty = False

    def _table(self, table: Table) -> None:
        flow = self._flow(table)
        while not flow.done:
            chunk = flow.take(self.avail, self.empty)
            if chunk is None:
                self.new_page()
                continue
            flow.draw(chunk, MARGIN_LEFT, self.y, self.page.ops)
            self.y -= chunk.height
            self.empty = False
            if not flow.done:
                self.new_page()
        self._flows.pop(id(table), None)
        self.y -= TABLE_SPACE_AFTER


def compose(
    layout: Layout,
    book: FontBook,
    step: Callable[[], None] | None = None,
) -> Pages:
    """Lay out every part on pages and number them; ``step`` is called after each part."""
    composer = Composer(book)
    for index, part in enumerate(layout.parts):
        composer.add_part(index, part)
        if step is not None:
            step()
    number_pages(composer.pages)
    return Pages(composer.pages, dict(book.face_names()))
