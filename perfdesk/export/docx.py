"""Word writer (python-docx): the same parts, paragraphs and tables, editable in Word or WPS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell as WordCell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from perfdesk.export.cells import xml_text
from perfdesk.export.layout import (
    OFFICE_FAMILIES,
    OFFICE_LATIN,
    STYLES,
    TEXT_WIDTH_MM,
    Align,
    CaptionLine,
    Cell,
    FontRole,
    Layout,
    PageBreak,
    Paragraph,
    Part,
    Spacer,
    Table,
)

_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}
CELL_LINE_SPACING = 1.15
NORMAL_SIZE = 10.5
CELL_STYLE = "perfdesk 表格文字"


def set_font(run: Run, role: FontRole, size: float, bold: bool = False) -> None:
    """Give a run its Chinese face (eastAsia), a Latin face, size and weight."""
    run.font.name = OFFICE_LATIN
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), OFFICE_FAMILIES[role])


def add_text(paragraph: WordParagraph, text: str, role: FontRole, size: float, bold: bool = False) -> None:
    """Add text to a paragraph; newlines become line breaks."""
    plain = role is FontRole.BODY and size == NORMAL_SIZE and not bold  # as the Normal style
    for i, line in enumerate(xml_text(text).split("\n")):  # XML cannot hold control characters
        run = paragraph.add_run()
        if not plain:
            set_font(run, role, size, bold)
        if i:
            run.add_break()
        run.add_text(line)


def _field(paragraph: WordParagraph, code: str, size: float) -> None:
    """A field such as PAGE or NUMPAGES, updated by Word when it lays out the pages."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    paragraph._p.append(simple)
    run = Run(OxmlElement("w:r"), paragraph)
    simple.append(run._r)
    set_font(run, FontRole.BODY, size)
    run.add_text("1")


def _cell_margins(tbl_pr: OxmlElement, **twips: int) -> None:
    """Default cell padding of a table, in twentieths of a point."""
    margins = OxmlElement("w:tblCellMar")
    for side, value in twips.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))  # the schema orders tblCellMar before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


class _Writer:
    """Appends parts to a Word document."""

    def __init__(self) -> None:
        self.doc: WordDocument = new_word_document()
        self.break_next = False
        self.empty = True
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        section.footer_distance = Mm(10)
        normal = self.doc.styles["Normal"]
        normal.font.name = OFFICE_LATIN
        normal.font.size = Pt(NORMAL_SIZE)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), OFFICE_FAMILIES[FontRole.BODY])
        cell_style = self.doc.styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        cell_style.base_style = normal
        cell_style.paragraph_format.line_spacing = CELL_LINE_SPACING
        cell_style.paragraph_format.space_before = cell_style.paragraph_format.space_after = Pt(0)
        self.cell_style_id = cell_style.style_id
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(footer, "第 ", FontRole.BODY, 10.5)
        _field(footer, "PAGE", 10.5)
        add_text(footer, " 页 共 ", FontRole.BODY, 10.5)
        _field(footer, "NUMPAGES", 10.5)
        add_text(footer, " 页", FontRole.BODY, 10.5)

    def _paragraph(self) -> WordParagraph:
        p = self.doc.add_paragraph()
        if self.break_next:
            p.paragraph_format.page_break_before = True
            self.break_next = False
        self.empty = False
        return p

    def part(self, part: Part) -> None:
        """Append one part, on a new page if it asks for one."""
        if part.new_page and not self.empty:
            self.break_next = True
        for block in part.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, CaptionLine):
                self.caption(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Spacer):
                self.spacer(block.height)
            elif isinstance(block, PageBreak):
                self.break_next = not self.empty

    def paragraph(self, para: Paragraph) -> None:
        """Append a paragraph in its style."""
        style = STYLES[para.style]
        p = self._paragraph()
        fmt = p.paragraph_format
        p.alignment = _ALIGN[style.align]
        fmt.space_before, fmt.space_after = Pt(style.space_before), Pt(style.space_after)
        fmt.line_spacing = style.leading * 0.83  # Word's "single" is already about 1.2 × the size
        if style.indent:
            fmt.first_line_indent = Pt(2 * style.size)
        fmt.keep_with_next = style.keep_with_next
        add_text(p, para.text, style.role, style.size, style.role is FontRole.HEADING)

    def caption(self, caption: CaptionLine) -> None:
        """Append the caption line: left text, right text on a right tab stop."""
        p = self._paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.keep_with_next = True
        add_text(p, f"{caption.left}\t{caption.right}", FontRole.BODY, 10.5)

    def spacer(self, height: float) -> None:
        """Append vertical space."""
        p = self._paragraph()
        fmt = p.paragraph_format
        fmt.space_before = Pt(height)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)

    def table(self, table: Table) -> None:
        """Append a table with its merged cells."""
        if self.break_next:  # a table cannot carry "page break before": give it a paragraph
            self._paragraph()
        scale = TEXT_WIDTH_MM / sum(table.widths)
        widths = [Mm(w * scale) for w in table.widths]
        t = self.doc.add_table(rows=0, cols=table.ncols)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        _cell_margins(t._tbl.tblPr, top=40, bottom=40, left=57, right=57)
        for col, width in zip(t.columns, widths, strict=True):
            col.width = width
        # Rows are built directly with gridSpan/vMerge: python-docx's merge() re-reads the whole
        # grid each time and took minutes for a 300-project document.
        owner: dict[tuple[int, int], tuple[int, Cell]] = {}
        for r, c, cell in table.origins():
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, c + dc)] = (r, cell)
        header_prefix = True
        for r, row in enumerate(table.rows):
            tr = t._tbl.add_tr()
            header_prefix = header_prefix and row.header
            if header_prefix:  # Word repeats only header rows at the top of a table
                tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            c = 0
            while c < table.ncols:
                origin_row, cell = owner[(r, c)]
                tc = tr.add_tc()
                tc.width = sum(widths[c : c + cell.colspan], Emu(0))
                if cell.colspan > 1:
                    tc.grid_span = cell.colspan
                if cell.rowspan > 1:
                    tc.vMerge = "restart" if r == origin_row else "continue"
                target = WordCell(tc, t)
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                if r == origin_row:
                    self._cell(target, cell.text, cell.align, cell.bold, table.font_size)
                c += cell.colspan
        self.empty = False

    def _cell(self, target: WordCell, text: str, align: Align, bold: bool, size: float) -> None:
        role = FontRole.HEADING if bold else FontRole.BODY
        # one paragraph per line: Word stretches a justified line that ends in a line break
        for i, line in enumerate(text.split("\n")):
            p = target.paragraphs[0] if i == 0 else target.add_paragraph()
            p._p.style = self.cell_style_id  # by id: assigning the style object looks it up every time
            p.alignment = _ALIGN[align]
            add_text(p, line, role, size, bold)


def write_docx(
    layout: Layout,
    target: BinaryIO | Path | str,
    step: Callable[[], None] | None = None,
) -> WordDocument:
    """Write the Word document; ``step`` is called after each part."""
    writer = _Writer()
    writer.doc.core_properties.title = xml_text(layout.title)[:255]
    writer.doc.core_properties.author = "perfdesk"
    for part in layout.parts:
        writer.part(part)
        if step is not None:
            step()
    writer.doc.save(target)
    return writer.doc
