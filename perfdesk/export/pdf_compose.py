"""Flow a layout onto pages: paragraphs split by lines, tables by :mod:`pdf_table`.

Headings stay with what follows them, a paragraph leaves no single line alone at the top or
bottom of a page, the signature block stays with the paragraph before it, and each part starts
on a new page unless it says otherwise.  A table that goes on over a page break is headed there
by its part's title with （续）, so a loose page still names its project.  Page size, margins and
text styles come from the layout's :class:`~perfdesk.export.layout.PageSetup`; a part marked
:attr:`~perfdesk.export.layout.Part.landscape` starts a page of its own and prints on that setup
turned (:meth:`~perfdesk.export.layout.PageSetup.turned`), the next portrait part upright again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from perfdesk.export.layout import (
    CONTINUED,
    TABLE_PAGE,
    Align,
    Block,
    CaptionLine,
    FontRole,
    Layout,
    PageBreak,
    PageSetup,
    Paragraph,
    Part,
    Spacer,
    Table,
    TextStyle,
    heading_like,
)
from perfdesk.export.pages import Frame, Page, Pages, TextOp, number_pages
from perfdesk.export.pdf_table import CENTER_SHIFT, TableFlow
from perfdesk.export.pdf_text import FontBook, line_op

TABLE_SPACE_AFTER = 8.0
RUNNING_SIZE = 10.5  # the 〈项目〉绩效目标表（续） line above a continued table


class Composer:
    """Places the blocks of a layout on pages."""

    def __init__(self, book: FontBook, setup: PageSetup = TABLE_PAGE) -> None:
        self.book = book
        self.base = setup  # the portrait setup; a landscape part uses it turned
        self.setup = setup
        self.frame = Frame.of(setup)
        self.pages: list[Page] = []
        self.page = Page(frame=self.frame)
        self.y = self.frame.top
        self.empty = True
        self.part_index = 0
        self.part_title = ""
        self.numbered = True
        self._flows: dict[int, TableFlow] = {}

    @property
    def caption_size(self) -> float:
        """Point size of caption lines on this page setup."""
        return self.setup.caption_size

    def style(self, name: str) -> TextStyle:
        """A text style of the page setup."""
        return self.setup.style(name)

    @property
    def avail(self) -> float:
        """Height left on the current page."""
        return self.y - self.frame.bottom

    def new_page(self) -> None:
        """Start a new page."""
        self.page = Page(part=self.part_index, numbered=self.numbered, frame=self.frame)
        self.pages.append(self.page)
        self.y = self.frame.top
        self.empty = True

    def add_part(self, index: int, part: Part) -> None:
        """Lay out one part, on a new page if it asks for one."""
        self.part_index, self.numbered = index, part.numbered
        setup = self.base.for_part(part)
        turned = setup.landscape != self.setup.landscape
        if turned:  # a wide table's part prints on landscape pages, the next part upright again
            self.setup, self.frame = setup, Frame.of(setup)
        if not self.pages or ((part.new_page or turned) and not self.empty):
            self.new_page()
        elif self.empty:
            self.page.part, self.page.numbered, self.page.frame = index, part.numbered, self.frame
            self.y = self.frame.top
        self.page.bookmarks.append((part.title, self.y))
        self.book.place = self.part_title = part.title
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
            flow = self._flows[id(table)] = TableFlow(
                table, self.book, self.frame.width, self.frame.height, self.setup.orphan_rows
            )
        return flow

    def _min_height(self, blocks: Sequence[Block], i: int) -> float:
        """Height that block ``i`` needs at least on the page where it starts."""
        if i >= len(blocks):
            return 0.0
        block = blocks[i]
        if isinstance(block, Table):
            return self._flow(block).min_start_height()
        if isinstance(block, CaptionLine):
            return self.caption_size * 1.4 + self._min_height(blocks, i + 1)
        if isinstance(block, Paragraph):
            style = self.style(block.style)
            leading = style.size * style.leading
            lines = self.book.wrap(block.text, self.frame.width, style.role, style.size, 2 * style.size)
            own = style.space_before + min(len(lines), 2) * leading
            if self._keeps_next(blocks, i):
                own = style.space_before + len(lines) * leading + style.space_after
                own += self._min_height(blocks, i + 1)
            return own
        if isinstance(block, Spacer) and self._keeps_next(blocks, i):
            return block.height + self._min_height(blocks, i + 1)
        return 0.0

    def _keeps_next(self, blocks: Sequence[Block], i: int) -> bool:
        """True if block ``i`` must share a page with the next: a heading, or text before a signature."""
        block = blocks[i]
        if isinstance(block, Paragraph) and self.style(block.style).keep_with_next:
            return True
        if isinstance(block, Paragraph) and block.style == "body" and heading_like(block.text):
            return True  # a label line (总体绩效目标：) heads what follows
        if isinstance(block, Paragraph) and block.style == "signature":
            return False
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(following, Spacer):
            following = blocks[i + 2] if i + 2 < len(blocks) else None
        return isinstance(following, Paragraph) and following.style == "signature"

    # ------------------------------------------------------------ blocks

    def _paragraph(self, para: Paragraph, blocks: Sequence[Block], i: int) -> None:
        style = self.style(para.style)
        size, leading = style.size, style.size * style.leading
        indent = 2 * size if style.indent else 0.0
        left, frame_width = self.frame.left, self.frame.width
        if style.align is Align.CENTER:
            lines = self.book.wrap_balanced(para.text, frame_width, style.role, size)
        else:
            lines = self.book.wrap(para.text, frame_width, style.role, size, indent)
        before = 0.0 if self.empty else style.space_before
        need = before + len(lines) * leading
        keep = self._keeps_next(blocks, i)
        if keep:
            need += style.space_after + self._min_height(blocks, i + 1)
        if need > self.avail and not self.empty:
            whole = keep or len(lines) <= 3 or self.avail < before + 2 * leading
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
                x = left + (indent if first and style.align is not Align.CENTER else 0.0)
                width = frame_width - (x - left)
                baseline = self.y - leading / 2 - CENTER_SHIFT * size
                self.page.ops.append(line_op(lines[k], style.align, x, width, baseline, style.role, size))
                self.y -= leading
            self.empty = False
            done = min(done + fit, len(lines))
            if done < len(lines):
                self.new_page()
        self.y -= style.space_after

    def _caption(self, caption: CaptionLine, blocks: Sequence[Block], i: int) -> None:
        size = self.caption_size
        leading = size * 1.4
        if leading + self._min_height(blocks, i + 1) > self.avail and not self.empty:
            self.new_page()
        baseline = self.y - leading / 2 - CENTER_SHIFT * size
        right_width = self.book.width(caption.right, FontRole.BODY, size)
        ops = self.page.ops
        ops.append(TextOp(self.frame.left, baseline, caption.left, FontRole.BODY, size))
        ops.append(
            TextOp(self.frame.left + self.frame.width - right_width, baseline, caption.right, FontRole.BODY, size)
        )
        self.y -= leading + 2
        self.empty = False

    def _running_head(self) -> None:
        """On a page where a table goes on: the part's title with （续）, so the page names its project."""
        if not self.part_title:
            return
        leading = RUNNING_SIZE * 1.4
        text = f"{self.part_title}{CONTINUED}"
        lines = self.book.wrap(text, self.frame.width, FontRole.HEADING, RUNNING_SIZE)
        for line in lines:
            baseline = self.y - leading / 2 - CENTER_SHIFT * RUNNING_SIZE
            self.page.ops.append(
                line_op(line, Align.LEFT, self.frame.left, self.frame.width, baseline, FontRole.HEADING, RUNNING_SIZE)
            )
            self.y -= leading
        self.y -= 2

    def _table(self, table: Table) -> None:
        flow = self._flow(table)
        while not flow.done:
            chunk = flow.take(self.avail, self.empty)
            if chunk is None:
                self.new_page()
                if flow.started:
                    self._running_head()
                continue
            flow.draw(chunk, self.frame.left, self.y, self.page.ops)
            self.y -= chunk.height
            self.empty = False
            if not flow.done:
                self.new_page()
                self._running_head()
        self._flows.pop(id(table), None)
        self.y -= TABLE_SPACE_AFTER


def compose(
    layout: Layout,
    book: FontBook,
    step: Callable[[], None] | None = None,
) -> Pages:
    """Lay out every part on pages and number them; ``step`` is called after each part."""
    composer = Composer(book, layout.page)
    for index, part in enumerate(layout.parts):
        composer.add_part(index, part)
        if step is not None:
            step()
    number_pages(composer.pages)
    return Pages(composer.pages, dict(book.face_names()), Frame.of(layout.page))
