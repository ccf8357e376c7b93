"""Word writer (python-docx): the same parts, paragraphs and tables, editable in Word or WPS.

Paragraphs carry named styles — headings Word's own 标题 1/2/3, so the navigation pane and an
automatic 目录 work — with the faces of :func:`office_families` and the sizes and margins of the
layout's page setup.  A table is written as one Word table per header section (separated by a
1 pt paragraph), because Word repeats only the first rows of a table on the next page: every
header row is marked ``w:tblHeader`` and repeats.  Rows never split (``w:cantSplit``) unless
taller than half a page, small merged 一级 blocks and the last rows of a section keep together,
and the signature block keeps with the paragraph before it.  Word cannot repeat a merged 一级/二级
cell, so a block taller than about half a page is cut into pieces kept on one page each, every
later piece labelled 〈label〉（续） as in the PDF (:func:`split_long_merges`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from perfdesk.export.cells import xml_text
from perfdesk.export.layout import (
    HEADING_LEVELS,
    OFFICE_LATIN,
    Align,
    CaptionLine,
    Cell,
    FontRole,
    Layout,
    PageBreak,
    PageSetup,
    Paragraph,
    Part,
    Row,
    Spacer,
    Table,
    TextStyle,
    continued_text,
    estimate_lines,
    fit_number_columns,
    heading_like,
    office_families,
    section_titles,
    sign_pieces,
    signs_family,
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
CELL_HEAD_STYLE = "perfdesk 表头"
# Layout styles without a heading level become these Word paragraph styles.
STYLE_NAMES = {
    "body": "perfdesk 正文",
    "signature": "perfdesk 落款",
    "caption": "perfdesk 表前说明",
    "subtitle": "perfdesk 副标题",
    "cover-unit": "perfdesk 封面单位",
    "cover-title": "perfdesk 封面标题",
    "cover-compiler": "perfdesk 封面编制单位",
}
KEEP_BLOCK_ROWS = 12  # a merged 一级 block of at most this many rows is kept on one page
_FAMILIES: dict[FontRole, str] = {}
_SIGNS_FACE: dict[str, str] = {}
_SIGNS = re.compile("[≥≤≠±×÷]")


def _families() -> dict[FontRole, str]:
    if not _FAMILIES:
        _FAMILIES.update(office_families())
    return _FAMILIES


def _style_font(font: object, rpr: OxmlElement, role: FontRole, size: float, bold: bool) -> None:
    font.name = OFFICE_LATIN  # type: ignore[attr-defined]
    font.size = Pt(size)  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the face named here
    fonts.set(qn("w:eastAsia"), _families()[role])
    fonts.set(qn("w:hAnsi"), OFFICE_LATIN)
    fonts.set(qn("w:ascii"), OFFICE_LATIN)


def set_font(run: Run, role: FontRole, size: float, bold: bool = False) -> None:
    """Give a run its Chinese face (eastAsia), a Latin face, size and weight."""
    _style_font(run.font, run._element.get_or_add_rPr(), role, size, bold)


def add_text(
    paragraph: WordParagraph, text: str, role: FontRole | None = None, size: float = 0, bold: bool = False
) -> None:
    """Add text to a paragraph; newlines become line breaks, tabs Word tabs.

    Without a role the text takes its paragraph style's font.
    """
    signs = _signs_family()
    for i, line in enumerate(xml_text(text).split("\n")):  # XML cannot hold control characters
        pieces = sign_pieces(line) if signs and _SIGNS.search(line) else [(line, False)]
        for j, (chunk, sign) in enumerate(pieces):
            run = paragraph.add_run()
            if role is not None:
                set_font(run, role, size, bold)
            if sign:  # ≥ from a face that draws it upright
                _name_face(run._element.get_or_add_rPr(), signs)
            if i and not j:
                run.add_break()
            for k, piece in enumerate(chunk.split("\t")):
                if k:
                    run.add_tab()
                if piece:
                    run.add_text(piece)


def _signs_family() -> str:
    if "signs" not in _SIGNS_FACE:
        _SIGNS_FACE["signs"] = signs_family() or ""
    return _SIGNS_FACE["signs"]


def _name_face(rpr: OxmlElement, family: str) -> None:
    """Name ``family`` for every script of a run (Word and LibreOffice class ≥ differently)."""
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


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

    def __init__(self, page: PageSetup, cover: bool = False) -> None:
        self.doc: WordDocument = new_word_document()
        self.page = page
        self.break_next = False
        self.empty = True
        self.previous: list[WordParagraph] = []  # the latest paragraphs, for keep-with-next
        self.base = page  # the portrait setup; a landscape part gets a section of its own, turned
        section = self.doc.sections[0]
        _page_section(section, page)
        normal = self.doc.styles["Normal"]
        _style_font(normal.font, normal.element.get_or_add_rPr(), FontRole.BODY, NORMAL_SIZE, False)
        self.style_ids: dict[str, str] = {}
        for name, style in page.styles.items():
            self.style_ids[name] = self._paragraph_style(name, style)
        self.cell_style_id = self._cell_style(CELL_STYLE, False)
        self.cell_head_style_id = self._cell_style(CELL_HEAD_STYLE, True)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(footer, "第 ", FontRole.BODY, 10.5)
        _field(footer, "PAGE", 10.5)
        add_text(footer, " 页 共 ", FontRole.BODY, 10.5)
        _field(footer, "NUMPAGES", 10.5)
        add_text(footer, " 页", FontRole.BODY, 10.5)
        # No number on a cover, as in the PDF.  It still counts (the next page is 第 2 页): 共 N 页
        # less the cover needs a formula field, which LibreOffice prints as two numbers side by side.
        section.different_first_page_header_footer = cover

    def _paragraph_style(self, name: str, style: TextStyle) -> str:
        """The Word style for a layout style: 标题 1/2/3 (Heading n) for headings."""
        level = HEADING_LEVELS.get(name)
        if level is not None and name != "title":
            word = self.doc.styles[f"Heading {level}"]
        elif name == "title":
            word = self.doc.styles.add_style("perfdesk 表名", WD_STYLE_TYPE.PARAGRAPH)
            word.base_style = self.doc.styles["Heading 1"]
        else:
            word = self.doc.styles.add_style(STYLE_NAMES.get(name, f"perfdesk {name}"), WD_STYLE_TYPE.PARAGRAPH)
            word.base_style = self.doc.styles["Normal"]
        bold = style.role is FontRole.HEADING or style.role is FontRole.TITLE
        _style_font(word.font, word.element.get_or_add_rPr(), style.role, style.size, bold)
        word.font.italic = False
        word.font.color.rgb = None
        word.font.color.theme_color = None
        fmt = word.paragraph_format
        fmt.alignment = _ALIGN[style.align]
        fmt.space_before, fmt.space_after = Pt(style.space_before), Pt(style.space_after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(style.size * style.leading)
        fmt.first_line_indent = Pt(2 * style.size) if style.indent else Pt(0)
        fmt.keep_with_next = style.keep_with_next
        fmt.widow_control = True
        return word.style_id

    def _cell_style(self, name: str, bold: bool) -> str:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        role = FontRole.HEADING if bold else FontRole.BODY
        _style_font(style.font, style.element.get_or_add_rPr(), role, NORMAL_SIZE, bold)
        style.paragraph_format.line_spacing = CELL_LINE_SPACING
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.first_line_indent = Pt(0)
        return style.style_id

    def _paragraph(self) -> WordParagraph:
        p = self.doc.add_paragraph()
        if self.break_next:
            p.paragraph_format.page_break_before = True
            self.break_next = False
        self.empty = False
        self.previous = [*self.previous[-2:], p]
        return p

    def part(self, part: Part) -> None:
        """Append one part, on a new page if it asks for one; a part whose orientation differs
        from the one before starts a new section (a new page) on its own page setup."""
        page = self.base.for_part(part)
        if page.landscape != self.page.landscape:
            self.page = page
            if self.empty:
                _page_section(self.doc.sections[-1], page)
            else:
                section = self.doc.add_section(WD_SECTION.NEW_PAGE)
                _page_section(section, page)
                _continue_numbering(section)
                self.break_next = False  # the section break starts the new page
                self.previous = []
        elif part.new_page and not self.empty:
            self.break_next = True
        self._blocks(part)

    def _blocks(self, part: Part) -> None:
        """Append the blocks of a part."""
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
        if para.style == "signature":  # the signature block keeps with the text before it
            for earlier in self.previous:
                if earlier._p.style != self.style_ids["signature"]:
                    earlier.paragraph_format.keep_with_next = True
        p = self._paragraph()
        p._p.style = self.style_ids[para.style]
        if para.style == "body" and heading_like(para.text):  # a label line never ends a page
            p.paragraph_format.keep_with_next = True
        add_text(p, para.text)

    def caption(self, caption: CaptionLine) -> None:
        """Append the caption line: left text, right text on a right tab stop."""
        p = self._paragraph()
        p._p.style = self.style_ids["caption"]
        p.paragraph_format.tab_stops.add_tab_stop(Mm(self.page.text_width), WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.keep_with_next = True
        add_text(p, f"{caption.left}\t{caption.right}")

    def spacer(self, height: float) -> WordParagraph:
        """Append vertical space."""
        p = self._paragraph()
        fmt = p.paragraph_format
        fmt.space_before = Pt(height)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)
        return p

    def table(self, table: Table) -> None:
        """Append a table with its merged cells, one Word table per header section."""
        if self.break_next:  # a table cannot carry "page break before": give it a paragraph
            self._paragraph()
        scale = self.page.text_width / sum(table.widths)
        widths = [Mm(w) for w in fit_number_columns(table, self.page.text_width)]  # a number never wraps
        table = split_long_merges(table, scale, self.page.text_height)
        limit = merge_chunk_height(table, scale, self.page.text_height)
        owner: dict[tuple[int, int], tuple[int, Cell]] = {}
        for r, c, cell in table.origins():
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, c + dc)] = (r, cell)
        keep = _keep_rows(table, self.page.orphan_rows) | _keep_merges(table, scale, limit)
        tall = _tall_rows(table, scale, self.page.text_height / 2)
        sections = table_sections(table)
        for k, (start, stop) in enumerate(sections):
            if k:
                self.spacer(0).paragraph_format.keep_with_next = True  # Word would join adjacent tables
            self._section(table, start, stop, widths, owner, keep, tall)
        self.empty = False

    def _section(
        self,
        table: Table,
        start: int,
        stop: int,
        widths: list[Emu],
        owner: dict[tuple[int, int], tuple[int, Cell]],
        keep: set[int],
        tall: set[int],
    ) -> None:
        t = self.doc.add_table(rows=0, cols=table.ncols)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        _cell_margins(t._tbl.tblPr, top=40, bottom=40, left=57, right=57)
        for col, width in zip(t.columns, widths, strict=True):
            col.width = width
        # Rows and cells are built as plain XML in schema order: python-docx's merge() re-reads the
        # whole grid each time and took minutes for a 300-project document, and its property
        # setters search for each child's place, which tripled the time of a large export.
        header_prefix = True
        for r in range(start, stop):
            row = table.rows[r]
            tr = t._tbl.add_tr()
            tr_pr = tr.get_or_add_trPr()
            if r not in tall:
                tr_pr.append(OxmlElement("w:cantSplit"))
            header_prefix = header_prefix and row.header
            if header_prefix:  # Word repeats the header rows at the top of a table on each page
                tr_pr.append(OxmlElement("w:tblHeader"))
            keep_row = r in keep or row.header
            c = 0
            while c < table.ncols:
                origin_row, cell = owner[(r, c)]
                width = sum(widths[c : c + cell.colspan], Emu(0))
                merge = "" if cell.rowspan == 1 else "restart" if r == origin_row else "continue"
                tc = _tc(width, cell.colspan, merge)
                tr.append(tc)
                lines = cell.text.split("\n") if r == origin_row else [""]
                style = self.cell_head_style_id if cell.bold else self.cell_style_id
                # one paragraph per line: Word stretches a justified line that ends in a line break
                for line in lines:
                    p = _p(style, _JC[cell.align], keep_row)
                    tc.append(p)
                    if line and table.font_size == NORMAL_SIZE:
                        p.extend(_runs(line))
                    elif line:
                        role = FontRole.HEADING if cell.bold else FontRole.BODY
                        add_text(WordParagraph(p, t), line, role, table.font_size, cell.bold)
                c += cell.colspan


def _page_section(section: Section, page: PageSetup) -> None:
    """Give a Word section the paper, orientation and margins of a page setup."""
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.left_margin, section.right_margin = Mm(page.margin_left), Mm(page.margin_right)
    section.top_margin, section.bottom_margin = Mm(page.margin_top), Mm(page.margin_bottom)
    section.footer_distance = Mm(page.footer_distance)
    section.header_distance = Mm(min(15.0, page.margin_top / 2))


def _el(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right", Align.JUSTIFY: "both"}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _tc(width: Emu, colspan: int, merge: str) -> OxmlElement:
    """A table cell's ``w:tc`` with its width, span, vertical merge and centred content."""
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    tc.append(pr)
    pr.append(_el("w:tcW", w=str(int(width) // 635), type="dxa"))  # EMU → twips
    if colspan > 1:
        pr.append(_el("w:gridSpan", val=str(colspan)))
    if merge == "restart":
        pr.append(_el("w:vMerge", val="restart"))
    elif merge:
        pr.append(OxmlElement("w:vMerge"))
    pr.append(_el("w:vAlign", val="center"))
    return tc


def _p(style: str, jc: str, keep: bool) -> OxmlElement:
    """A paragraph in a style, aligned, optionally kept with the next one."""
    p = OxmlElement("w:p")
    pr = OxmlElement("w:pPr")
    p.append(pr)
    pr.append(_el("w:pStyle", val=style))
    if keep:
        pr.append(OxmlElement("w:keepNext"))
    pr.append(_el("w:jc", val=jc))
    return p


def _runs(text: str) -> list[OxmlElement]:
    """Runs of plain text, ≥ ≤ … in runs of their own naming the upright face where needed."""
    signs = _signs_family()
    if not signs or not _SIGNS.search(text):
        return [_r(text)]
    out = []
    for piece, sign in sign_pieces(text):
        run = _r(piece)
        if sign:
            rpr = OxmlElement("w:rPr")
            rpr.append(_el("w:rFonts", ascii=signs, hAnsi=signs, eastAsia=signs, cs=signs))
            run.insert(0, rpr)
        out.append(run)
    return out


def _r(text: str) -> OxmlElement:
    """A run of plain text (spaces kept)."""
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = xml_text(text)  # XML cannot hold control characters
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")
    run.append(t)
    return run


def table_sections(table: Table) -> list[tuple[int, int]]:
    """Row ranges that start at a header row (the first may not), cut only where no merge crosses.

    Word repeats only a table's first rows, so each header row starts a Word table of its own.
    """
    n = len(table.rows)
    crossing = [0] * (n + 1)  # crossing[r]: a merged cell covers both row r-1 and row r
    for r, _, cell in table.origins():
        for k in range(r + 1, r + cell.rowspan):
            crossing[k] = 1
    cuts = [r for r in range(1, n) if table.rows[r].header and not crossing[r]]
    bounds = [0, *cuts, n]
    return [(a, b) for a, b in itertools.pairwise(bounds) if a < b]


def row_heights(table: Table, scale: float) -> list[float]:
    """Estimated height (mm) of each row from the cells that lie in it alone, generously."""
    line = table.font_size * 1.35 * 25.4 / 72  # mm; Word's cell lines are 1.15
    heights = [line + 2.0] * len(table.rows)  # 2 mm: the cell margins, and a little more
    for r, c, cell in table.origins():
        if cell.rowspan > 1:
            continue
        mm = sum(table.widths[c : c + cell.colspan]) * scale
        units = (mm - 2) / (table.font_size * 25.4 / 72 / 2)
        heights[r] = max(heights[r], estimate_lines(cell.text, units) * line + 2.0)
    return heights


def merge_chunk_height(table: Table, scale: float, page_height_mm: float) -> float:
    """The most rows (mm) a merged cell spans in one piece: half of a page less the header rows
    that repeat above them and a title, with a margin for the estimate.  A piece is kept on
    one page (so every page starts with a label), which leaves at most this much blank."""
    heights = row_heights(table, scale)
    header = max((sum(heights[a:b]) for a, b in _leading_headers(table)), default=0.0)
    return max((page_height_mm * 0.85 - header - 15.0) / 2, page_height_mm / 6)


def _keep_merges(table: Table, scale: float, limit: float) -> set[int]:
    """Rows of every merged block no taller than ``limit``: kept with the next row, so that
    the block (a whole 一级 group, or one piece of it) starts on the page where it ends."""
    heights = row_heights(table, scale)
    keep: set[int] = set()
    for r, _, cell in table.origins():
        if cell.rowspan > 1 and sum(heights[r : r + cell.rowspan]) <= limit:
            keep.update(range(r, r + cell.rowspan - 1))
    return keep


def _leading_headers(table: Table) -> list[tuple[int, int]]:
    """The header rows each Word table of ``table`` starts with (those Word repeats)."""
    out = []
    for start, stop in table_sections(table):
        end = start
        while end < stop and table.rows[end].header:
            end += 1
        out.append((start, end))
    return out


def split_long_merges(table: Table, scale: float, page_height_mm: float) -> Table:
    """The table with each vertically merged cell cut into pieces that fit on a page.

    Word repeats header rows but not a merged 一级/二级 cell, so a block longer than a page
    would continue under a blank 一级 column; each later piece shows the label with 「（续）」,
    as the PDF does on a continued page.  A label that starts in a header row (年度重点工作任务,
    绩效指标) is left whole: it repeats with that row.  Returns ``table`` itself if nothing is cut.
    """
    heights = row_heights(table, scale)
    limit = merge_chunk_height(table, scale, page_height_mm)
    cuts: list[tuple[int, int, Cell, list[int]]] = []
    boundaries: set[int] = set()  # rows where a piece of a cell further left starts
    for r, c, cell in sorted(table.origins(), key=lambda o: (o[1], o[0])):  # 一级 before 二级
        inner = set(range(r + 1, r + cell.rowspan)) & boundaries
        tall = sum(heights[r : r + cell.rowspan]) > limit
        if cell.rowspan < 2 or table.rows[r].header or not (tall or inner):
            continue  # a section label that starts in a header row repeats with that row
        # 二级 is cut where 一级 is, so that no kept-together piece runs into the next one
        starts, used = [r], heights[r]
        for k in range(r + 1, r + cell.rowspan):
            if k in inner or used + heights[k] > limit:
                starts.append(k)
                used = 0.0
            used += heights[k]
        if len(starts) > 1:
            cuts.append((r, c, cell, starts))
            boundaries.update(starts[1:])
    if not cuts:
        return table
    rows = [Row(list(row.cells), row.header, row.repeated) for row in table.rows]
    for r, c, cell, starts in cuts:
        ends = [*starts[1:], r + cell.rowspan]
        for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
            text = cell.text if i == 0 else continued_text(cell)
            rows[a].cells[c] = replace(cell, text=text, rowspan=b - a)
    return Table(table.widths, rows, table.font_size)


def _keep_rows(table: Table, orphans: int) -> set[int]:
    """Rows whose paragraphs keep with the next row: inside small merged blocks, before the
    last ``orphans`` rows of a section, so that no row is left alone on a page, and a section's
    title row (长期绩效指标) with the section it titles."""
    keep: set[int] = section_titles(table)
    for r, _, cell in table.origins():
        if 1 < cell.rowspan <= KEEP_BLOCK_ROWS:
            keep.update(range(r, r + cell.rowspan - 1))
    for _, stop in table_sections(table):
        keep.update(range(max(0, stop - orphans), stop - 1))
    return keep


def _tall_rows(table: Table, scale: float, limit_mm: float) -> set[int]:
    """Rows estimated taller than ``limit_mm``: these may split between pages."""
    out: set[int] = set()
    line = table.font_size * 1.35
    for r, c, cell in table.origins():
        if cell.rowspan > 1:
            continue
        mm = sum(table.widths[c : c + cell.colspan]) * scale
        units = (mm - 2) / (table.font_size * 25.4 / 72 / 2)
        if estimate_lines(cell.text, units) * line > limit_mm * 72 / 25.4:
            out.add(r)
    return out


def _continue_numbering(section: Section) -> None:
    """A later section (a landscape part) numbers its first page too (only the cover has none)."""
    section.different_first_page_header_footer = False


def write_docx(
    layout: Layout,
    target: BinaryIO | Path | str,
    step: Callable[[], None] | None = None,
) -> WordDocument:
    """Write the Word document; ``step`` is called after each part."""
    cover = bool(layout.parts) and not layout.parts[0].numbered
    writer = _Writer(layout.page, cover=cover)
    writer.doc.core_properties.title = xml_text(layout.title)[:255]
    writer.doc.core_properties.author = "perfdesk"
    for part in layout.parts:
        writer.part(part)
        if step is not None:
            step()
    writer.doc.save(target)
    return writer.doc
