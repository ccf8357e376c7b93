"""横向 pages for wide tables: one decision in the layout, followed by the PDF, the print path,
Word sections and Excel sheets; portrait parts and the seed samples print as before."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from perfdesk.export.compose import build_layout
from perfdesk.export.layout import (
    PAGE_SETUPS,
    WIDE_COLUMNS,
    Table,
    is_wide_table,
    printed_columns,
    table_min_width,
)
from perfdesk.export.pdf import layout_pages
from perfdesk.export.pdf_text import FontBook
from perfdesk.export.service import export_document, print_job
from perfdesk.models import document as m
from perfdesk.models.jsonio import document_from_json
from perfdesk.samples import sample, samples

DATA = Path(__file__).parent / "data"
A4 = (595.28, 841.89)


def _wide_doc() -> m.Document:
    """A split-column project table (8 cells a row) between a portrait cover and a portrait 自评报告."""
    doc = document_from_json((DATA / "realtables" / "20-chongqing-rongchang-lvhua.json").read_text(encoding="utf-8"))
    doc.self_report = sample("gaoxin-selfeval-2024").load().self_report
    assert doc.unit.printing.page_style is m.PageStyle.TABLE
    return doc


def _tables(layout, key: str) -> list[Table]:
    return [b for p in layout.parts if p.key == key for b in p.blocks if isinstance(b, Table)]


def test_wide_is_decided_from_the_columns_printed_and_the_widths_they_need() -> None:
    page = PAGE_SETUPS["table"]
    split = _tables(build_layout(_wide_doc()), "project:0")[0]
    assert printed_columns(split) >= WIDE_COLUMNS and is_wide_table(split, page)
    assert table_min_width(split) > page.text_width
    hebei = _tables(build_layout(sample("changli-2021").load()), "project:0")[0]
    assert hebei.ncols >= 8  # cut into sub-columns: the grid's column count alone would call it wide
    assert printed_columns(hebei) < WIDE_COLUMNS
    assert table_min_width(hebei) < page.text_width and not is_wide_table(hebei, page)


@pytest.mark.parametrize(
    ("name", "wide"),
    [
        ("families/hunan_dept-13-fuliang.json", {"dept"}),  # 7 cells a row, but needs 1.25× the width
        ("families/two_block-17-ningxiang.json", set()),  # a four-character label wraps once at worst
        ("realtables/30-xinjiang-bingtuan-baoxianku.json", set()),  # 申报: one long number
        ("realtables/05-anhui-tianchang-shuili.json", {"eval"}),  # 申报 project upright, 自评表 turned
        ("realtables/16-hubei-guangshui-zhengfuban-dept.json", {"dept"}),  # 湖南 部门整体 grid
    ],
)
def test_which_tables_turn(name: str, wide: set[str]) -> None:
    doc = document_from_json((DATA / name).read_text(encoding="utf-8"))
    assert {p.key.split(":")[0] for p in build_layout(doc).parts if p.landscape} == wide


@pytest.mark.parametrize(
    ("style", "orientation", "landscape"),
    [
        (m.PageStyle.TABLE, m.Orientation.AUTO, {"part2", "project:0"}),
        (m.PageStyle.GONGWEN, m.Orientation.AUTO, set()),  # GB/T 9704 stays upright
        (m.PageStyle.TABLE, m.Orientation.PORTRAIT, set()),
        (m.PageStyle.GONGWEN, m.Orientation.LANDSCAPE, {"part2", "project:0"}),
    ],
)
def test_the_clerk_chooses_auto_portrait_or_landscape(style, orientation, landscape) -> None:
    doc = _wide_doc()
    doc.unit.printing.page_style, doc.unit.printing.orientation = style, orientation
    layout = build_layout(doc)
    assert {p.key for p in layout.parts if p.landscape} == landscape
    assert [p.key for p in layout.parts][-1] == "report"  # text parts stay portrait


def test_pdf_turns_the_wide_tables_pages_only(tmp_path: Path) -> None:
    doc = _wide_doc()
    result = export_document(doc, tmp_path / "w.pdf")
    reader = PdfReader(tmp_path / "w.pdf")
    sizes = [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages]
    assert len(sizes) == result.pages
    wide = [i for i, p in enumerate(reader.pages) if "古昌镇" in p.extract_text()]
    assert sizes[0] == A4 and sizes[-1] == A4  # the cover and the 自评报告 upright
    assert wide and all(sizes[i] == (A4[1], A4[0]) for i in wide)
    assert sum(s == (A4[1], A4[0]) for s in sizes) == len(wide)


def test_portrait_parts_are_drawn_as_before() -> None:
    doc = _wide_doc()
    auto = layout_pages(build_layout(doc), FontBook())
    doc.unit.printing.orientation = m.Orientation.PORTRAIT
    upright = layout_pages(build_layout(doc), FontBook())
    assert any(p.landscape for p in auto.pages) and not any(p.landscape for p in upright.pages)
    report = [p.ops for p in auto.pages if p.part == len(build_layout(doc).parts) - 1]
    assert report == [p.ops for p in upright.pages if p.part == len(build_layout(doc).parts) - 1]
    assert auto.pages[0].ops == upright.pages[0].ops  # the cover


def test_a_landscape_table_fits_the_turned_text_area() -> None:
    pages = layout_pages(build_layout(_wide_doc()), FontBook())
    for page in pages.pages:
        frame = page.frame
        rects = [op for op in page.ops if hasattr(op, "width") and not hasattr(op, "text")]
        assert all(frame.left - 0.5 <= r.x and r.x + r.width <= frame.left + frame.width + 0.5 for r in rects)
        if page.landscape:
            assert frame.width > pages.frame.width  # the table uses the wider line


@pytest.mark.parametrize("name", [s.name for s in samples()])
def test_the_seed_samples_print_as_before_in_their_default_setting(name: str) -> None:
    doc = sample(name).load()
    assert doc.unit.printing.orientation is m.Orientation.AUTO
    layout = build_layout(doc)
    assert not any(p.landscape for p in layout.parts)
    auto = layout_pages(layout, FontBook())
    doc.unit.printing.orientation = m.Orientation.PORTRAIT
    upright = layout_pages(build_layout(doc), FontBook())
    assert [p.ops for p in auto.pages] == [p.ops for p in upright.pages]


def test_word_puts_the_wide_table_in_a_landscape_section(tmp_path: Path) -> None:
    doc = _wide_doc()
    export_document(doc, tmp_path / "w.docx")
    word = docx.Document(str(tmp_path / "w.docx"))
    sections = word.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    portrait, landscape = PAGE_SETUPS["table"], PAGE_SETUPS["table"].turned()
    for section, page in zip(sections, [portrait, landscape, portrait], strict=True):
        assert round(section.page_width.mm) == round(page.width) and round(section.page_height.mm) == round(page.height)
        margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
        wanted = (page.margin_top, page.margin_right, page.margin_bottom, page.margin_left)
        assert [round(x.mm, 1) for x in margins] == [round(x, 1) for x in wanted]
    assert round(sections[1].page_width.mm) == 297 and round(sections[1].page_height.mm) == 210
    # the turned page keeps the binding margin (portrait left) at the top, as Word turns it
    assert landscape.margin_top == portrait.margin_left and landscape.margin_left == portrait.margin_bottom
    size = sections[1]._sectPr.find(qn("w:pgSz"))
    assert size.get(qn("w:orient")) == "landscape"
    # the wide table is in the landscape section: its first cell comes after the first section break
    body = word.element.body
    breaks = [i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    tables = [i for i, el in enumerate(body) if el.tag == qn("w:tbl")]
    assert len(breaks) == 2 and tables and all(breaks[0] < i < breaks[1] for i in tables)
    # the footer (page numbers) is inherited by every section
    assert all("PAGE" in "".join(s.footer._element.xml.split()) for s in sections)


def test_excel_turns_the_wide_tables_sheet(tmp_path: Path) -> None:
    doc = _wide_doc()
    export_document(doc, tmp_path / "w.xlsx")
    book = load_workbook(tmp_path / "w.xlsx")
    turned = {ws.title: ws.page_setup.orientation for ws in book.worksheets if ws.sheet_state == "visible"}
    project = next(t for t in turned if "古昌镇" in t)
    assert turned[project] == "landscape"
    assert all(v == "portrait" for t, v in turned.items() if t != project)
    doc.unit.printing.orientation = m.Orientation.PORTRAIT
    export_document(doc, tmp_path / "p.xlsx")
    upright = load_workbook(tmp_path / "p.xlsx")
    assert all(ws.page_setup.orientation == "portrait" for ws in upright.worksheets if ws.sheet_state == "visible")
    # the landscape sheet's table is drawn on the wider page, not shrunk into the portrait width
    width = sum(book[project].column_dimensions[c].width for c in "ABCDEFGHI")
    narrow = sum(upright[project].column_dimensions[c].width for c in "ABCDEFGHI")
    assert width > narrow * 1.4


def test_print_job_pages_and_painted_pages_turn_alike(app, tmp_path: Path) -> None:
    from perfdesk.ui.transfer.printing import paint_to_pdf

    job = print_job(_wide_doc())
    painted = paint_to_pdf(job, tmp_path / "printed.pdf")
    assert painted == len(job.pages.pages)
    reader = PdfReader(tmp_path / "printed.pdf")
    turned = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert turned == [p.landscape for p in job.pages.pages] and any(turned) and not all(turned)


def test_preview_shows_every_page_with_its_orientation(app, qtbot) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from perfdesk.ui.transfer.printing import PagePainter, new_printer, register_fonts

    job = print_job(_wide_doc())
    printer = new_printer()
    preview = QPrintPreviewWidget(printer)
    qtbot.addWidget(preview)
    painter = PagePainter(job, register_fonts(job.font_files()))
    painted: list[int] = []
    preview.paintRequested.connect(lambda p: painted.append(painter.paint(p)))
    preview.updatePreview()
    assert painted == [len(job.pages.pages)] == [preview.pageCount()]


def test_the_export_dialog_text_names_the_orientation() -> None:
    from perfdesk.export.service import page_setup_text

    doc = sample("changli-2021").load()
    assert page_setup_text(doc).endswith("宽表横向打印（自动）")
    doc.unit.printing.orientation = m.Orientation.LANDSCAPE
    assert page_setup_text(doc).endswith("表格横向打印")


# ---------------------------------------------------------------- headings typed as text keep with next


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("总体绩效目标：", True),
        ("三、工作保障措施", True),
        ("（一）加强组织领导", True),
        ("一、加强组织领导，明确职责分工，确保各项工作落实到位。", False),
        ("（二）强化预算管理。", False),
        ("完成全年任务", False),
    ],
)
def test_heading_like_lines(text: str, heading: bool) -> None:
    from perfdesk.export.layout import heading_like

    assert heading_like(text) is heading


FILLER = "为进一步加强预算绩效管理，提高财政资金使用效益，" * 3


def _text_pages(n: int, style: str) -> list[list[str]]:
    """The text lines of each PDF page: ``n`` paragraphs, a heading typed as text, a paragraph."""
    from perfdesk.export.layout import Layout, Paragraph, Part

    blocks = [Paragraph(FILLER) for _ in range(n)] + [Paragraph("三、工作保障措施"), Paragraph(FILLER * 2)]
    pages = layout_pages(Layout("t", [Part("o", "t", blocks)], page=PAGE_SETUPS[style]), FontBook())
    return [[op.text for op in page.ops if getattr(op, "text", "")] for page in pages.pages]


@pytest.mark.parametrize("style", ["table", "gongwen"])
def test_a_heading_typed_as_text_never_ends_a_pdf_page(style: str) -> None:
    first = next(n for n in range(5, 60) if len(_text_pages(n, style)) > 1)
    for n in range(first - 2, first + 6):  # walk the heading over the page foot
        for lines in _text_pages(n, style):
            assert lines and lines[-1] != "三、工作保障措施", n


def test_word_keeps_a_label_line_with_the_next_paragraph(tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    assert doc.unit.printing.target_labels
    export_document(doc, tmp_path / "c.docx")
    word = docx.Document(str(tmp_path / "c.docx"))
    label = next(p for p in word.paragraphs if p.text == "总体绩效目标：")
    assert label.paragraph_format.keep_with_next
    body = next(p for p in word.paragraphs if len(p.text) > 40)
    assert not body.paragraph_format.keep_with_next


# ---------------------------------------------------------------- numbers never wrap in Word


def test_word_amount_columns_hold_their_numbers(tmp_path: Path) -> None:
    from perfdesk.export.layout import number_width

    doc = sample("dongguan-2024").load()
    export_document(doc, tmp_path / "d.docx")
    word = docx.Document(str(tmp_path / "d.docx"))
    checked = 0
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                text = cell.text.strip()
                if text == "1,767,500.00":
                    width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) * 25.4 / 1440
                    assert width >= number_width(m_cell(text), 10.5) - 0.1
                    checked += 1
    assert checked


def m_cell(text: str):
    from perfdesk.export.layout import Cell

    return Cell(text)


@given(
    widths=st.lists(st.floats(5, 60), min_size=2, max_size=10),
    digits=st.lists(st.integers(0, 16), min_size=10, max_size=10),
)
def test_fit_number_columns_keeps_the_width_and_fits_numbers_when_it_can(widths, digits) -> None:
    from perfdesk.export.layout import Cell, Row, fit_number_columns, number_width

    cells = [Cell("9" * d if d else "说明文字") for d in digits[: len(widths)]]
    table = Table(tuple(widths), [Row(list(cells))])
    fitted = fit_number_columns(table, 170.0)
    assert sum(fitted) == pytest.approx(170.0)
    need = [number_width(c, table.font_size) for c in cells]
    scaled = [w * 170.0 / sum(widths) for w in widths]
    if sum(need) <= 170.0 - 0.01 and any(n > s for n, s in zip(need, scaled, strict=True)):
        fits = all(f >= n - 1e-6 for f, n in zip(fitted, need, strict=True))
        short = sum(max(0.0, n - s) for n, s in zip(need, scaled, strict=True))
        spare = sum(max(0.0, s - n) for n, s in zip(need, scaled, strict=True))
        assert fits or spare < short
    if all(n <= s for n, s in zip(need, scaled, strict=True)):
        assert fitted == pytest.approx(scaled)


# ---------------------------------------------------------------- ≥ upright in Word and Excel too


def _font(role: str, family: str, name: str):
    from perfdesk.fonts import FontFile

    return FontFile(role, family, Path("/fonts") / name)


def test_signs_come_from_an_upright_face_where_the_body_face_slants_them() -> None:
    from perfdesk.fonts import resolve_typefaces

    uming, wqy = _font("song", "AR PL UMing CN", "uming.ttc"), _font("hei", "WenQuanYi Micro Hei", "wqy-microhei.ttc")
    linux = resolve_typefaces({"song": [uming], "hei": [wqy]})
    assert linux.body == uming and linux.signs == wqy
    assert "符号 ≥≤ WenQuanYi Micro Hei" in linux.describe()
    fang, hei = _font("fang", "仿宋", "simfang.ttf"), _font("hei", "黑体", "simhei.ttf")
    windows = resolve_typefaces({"fang": [fang], "hei": [hei], "song": [uming]})
    assert windows.signs is None and "符号" not in windows.describe()
    babel = _font("ext", "BabelStone Han", "BabelStoneHan.ttf")
    assert resolve_typefaces({"song": [uming], "ext": [babel]}).signs is None  # no upright face: none named


def _signs() -> str:
    from perfdesk.fonts import typefaces

    signs = typefaces().signs
    if signs is None:
        pytest.skip("the body face of this machine draws ≥ upright")
    return signs.family


def test_word_names_the_upright_face_for_signs(tmp_path: Path) -> None:
    family = _signs()
    export_document(sample("lunan-2025").load(), tmp_path / "l.docx")
    runs = docx.Document(str(tmp_path / "l.docx")).element.body.iter(qn("w:r"))
    signs = [r for r in runs if "≥" in "".join(t.text or "" for t in r.iter(qn("w:t")))]
    assert signs
    for run in signs:
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        assert set(text) <= set("≥≤≠±×÷")  # a run of its own
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:eastAsia")) == family == fonts.get(qn("w:hAnsi"))


def test_excel_names_the_upright_face_for_signs_and_keeps_the_text(tmp_path: Path) -> None:
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    family = _signs()
    export_document(sample("lunan-2025").load(), tmp_path / "l.xlsx")
    book = load_workbook(tmp_path / "l.xlsx", rich_text=True)
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]  # not the hidden document
    cells = [c for ws in visible for row in ws.iter_rows() for c in row if "≥" in str(c.value or "")]
    assert cells
    for cell in cells:
        assert isinstance(cell.value, CellRichText), cell.coordinate
        blocks = [b for b in cell.value if isinstance(b, TextBlock)]
        assert blocks and all(b.font.rFont == family and set(b.text) <= set("≥≤≠±×÷") for b in blocks)
    plain = load_workbook(tmp_path / "l.xlsx")  # read as text, as the importer does
    first = cells[0]
    assert plain[first.parent.title][first.coordinate].value == str(first.value)


def test_excel_page_header_is_one_line(tmp_path: Path) -> None:
    doc = _wide_doc()
    assert "\n" in doc.projects[0].table_title  # 项目绩效目标表\n(2022年度), printed on two lines
    export_document(doc, tmp_path / "w.xlsx")
    heads = [
        ws.oddHeader.center.text for ws in load_workbook(tmp_path / "w.xlsx").worksheets if ws.oddHeader.center.text
    ]
    assert heads and all("\n" not in h and "_x000a_" not in h for h in heads)
    assert any(doc.projects[0].name in h for h in heads)  # the title does not name the project: the header does


def test_a_continued_page_names_the_project_its_stated_title_does_not(tmp_path: Path) -> None:
    doc = _wide_doc()
    assert doc.projects[0].name not in doc.projects[0].table_title
    export_document(doc, tmp_path / "w.pdf")
    continued = [p.extract_text() for p in PdfReader(tmp_path / "w.pdf").pages if "（续）" in p.extract_text()]
    assert continued and all(doc.projects[0].name in text for text in continued)


def test_word_code_spanning_columns_gets_room_for_one_line(tmp_path: Path) -> None:
    from perfdesk.export.layout import Cell, number_width

    export_document(sample("lunan-2025").load(), tmp_path / "l.docx")
    body = docx.Document(str(tmp_path / "l.docx")).element.body
    cells = [
        tc
        for tc in body.iter(qn("w:tc"))
        if "".join(t.text or "" for t in tc.iter(qn("w:t"))) == "13020225P00001210004M"
    ]
    assert cells
    for tc in cells:
        width = int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) * 25.4 / 1440
        assert width >= number_width(Cell("13020225P00001210004M"), 10.5) - 0.1


def test_a_row_of_column_heads_never_ends_a_pdf_page() -> None:
    """总体目标 | 年度目标 beside the merged 绩效目标 label goes over with the row it heads."""
    pages = layout_pages(build_layout(_wide_doc()), FontBook())
    for page in pages.pages:
        texts = [op.text for op in page.ops if getattr(op, "text", "")]
        assert texts and texts[-1] not in ("总体目标", "年度目标")
    assert any("年度目标" in [getattr(op, "text", "") for op in page.ops] for page in pages.pages)


def test_a_long_wide_table_repeats_its_header_on_every_landscape_page() -> None:
    from perfdesk.export.synthetic import generated_document

    doc = generated_document(1, 60)
    doc.unit.layout = m.Layout.SPLIT
    pages = layout_pages(build_layout(doc), FontBook())
    turned = [p for p in pages.pages if p.landscape]
    assert len(turned) >= 3
    for page in turned[1:]:
        texts = [getattr(op, "text", "") for op in page.ops]
        assert (
            any(t.endswith("（续）") for t in texts[:2]) and "三级指标" in texts
        )  # the project named, header repeated
        frame = page.frame
        assert all(op.y >= frame.bottom - 1 for op in page.ops if hasattr(op, "text"))
