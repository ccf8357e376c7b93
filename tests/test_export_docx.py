"""Word export read back with python-docx: tables, merged cells, text and page setup."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from perfdesk.export.compose import build_layout
from perfdesk.export.docx import merge_chunk_height, row_heights, table_sections, write_docx
from perfdesk.export.layout import PAGE_SETUPS
from perfdesk.export.synthetic import generated_document
from perfdesk.fonts import typefaces
from perfdesk.models.document import PageStyle
from perfdesk.samples import sample, samples

SAMPLES = [s.name for s in samples()]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for name in SAMPLES:
        out[name] = folder / f"{name}.docx"
        write_docx(build_layout(sample(name).load()), out[name])
    return out


def _all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("name", SAMPLES)
def test_same_tables_and_text_as_the_layout(documents: dict[str, Path], name: str) -> None:
    document = docx.Document(str(documents[name]))
    layout = build_layout(sample(name).load())
    # one Word table per header section, so that each section's header row can repeat
    assert len(document.tables) == sum(len(table_sections(t)) for _, t in layout.tables())
    text = _all_text(document)
    doc = sample(name).load()
    for project in doc.projects:
        for ind in project.indicators:
            for value in (ind.level3, ind.description, ind.value, ind.basis):
                assert value in text
    if doc.overall.summary:
        assert doc.overall.summary.split("\n")[0].strip() in text
    if doc.self_report is not None:
        assert doc.self_report.problems.strip() in text


def test_merged_level_cells_and_grid_size(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["gaoxin-2022"]))
    table = document.tables[1]  # the indicator section of the first project table
    assert len(table.columns) == 9
    assert [c.text for c in table.rows[0].cells][:2] == ["一级指标", "二级指标"]
    rows = [[c.text for c in row.cells] for row in table.rows]
    first = next(i for i, r in enumerate(rows) if r[0] == "产出指标")
    # 产出指标 is one merged cell over five rows, 数量指标 over two
    assert all(table.cell(first + k, 0)._tc is table.cell(first, 0)._tc for k in range(5))
    assert table.cell(first + 5, 0)._tc is not table.cell(first, 0)._tc
    assert table.cell(first + 1, 1)._tc is table.cell(first, 1)._tc
    assert table.cell(first + 2, 1)._tc is not table.cell(first, 1)._tc
    # 三级 spans two grid columns
    assert table.cell(first, 2)._tc is table.cell(first, 3)._tc


def test_page_setup_is_a4_with_page_numbers(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["lunan-2025"]))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) >= 8  # every project table starts a page


def test_chinese_faces_are_named_for_word(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["gaoxin-2022"]))
    styles = document.styles.element.xml
    faces = typefaces()
    # the faces of this machine's one typeface set, the same the PDF embeds
    assert f'w:eastAsia="{faces.family("body")}"' in styles
    assert f'w:eastAsia="{faces.family("heading")}"' in styles


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rows(table: docx.table.Table) -> list[docx.oxml.CT_Row]:
    return table._tbl.findall(f"{W}tr")


@pytest.mark.parametrize("name", SAMPLES)
def test_header_rows_repeat_and_rows_do_not_split(documents: dict[str, Path], name: str) -> None:
    document = docx.Document(str(documents[name]))
    layout = build_layout(sample(name).load())
    headers = {"".join(c.text for c in row.cells if c) for _, t in layout.tables() for row in t.rows if row.header}
    repeated = 0
    for table in document.tables:
        rows = _rows(table)
        for tr in rows:
            assert tr.find(f"{W}trPr/{W}cantSplit") is not None  # no row of the samples is torn in half
        first = "".join(dict.fromkeys(c.text for c in table.rows[0].cells))
        if first in headers or any(h and first == h for h in headers):
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            repeated += 1
        # header marks only on the table's first rows: Word ignores them elsewhere
        marks = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
        assert marks == sorted(marks, reverse=True)
    assert repeated >= sum(1 for _, t in layout.tables() for row in t.rows if row.header) - 1


def test_the_long_dongguan_table_repeats_every_section_header(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["dongguan-2024"]))
    starts = ["".join(dict.fromkeys(c.text for c in t.rows[0].cells)) for t in document.tables]
    marked = [t for t in document.tables if _rows(t)[0].find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(marked) == 3  # 年度重点工作任务, 其他需完成的任务, 绩效指标
    assert any("一级指标" in s for s in starts)


def test_headings_use_word_heading_styles(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["changli-2021"]))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert "第一部分" in by_style["Heading 1"]
    assert "一、总体绩效目标" in by_style["Heading 2"]
    assert "总体绩效目标：" in by_style["perfdesk 正文"]  # seed 001's label line
    # the heading styles name our faces, not the template's theme fonts (which would win)
    for level in (1, 2, 3):
        fonts = document.styles[f"Heading {level}"].element.rPr.rFonts
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    # no paragraph outside a table carries its own font: styles do
    for p in document.paragraphs:
        for run in p.runs:
            assert run._r.rPr is None or run._r.rPr.rFonts is None


def test_margins_and_sizes_follow_the_page_setup(documents: dict[str, Path]) -> None:
    gongwen = docx.Document(str(documents["changli-2021"])).sections[0]  # 公文
    assert [round(m.mm) for m in (gongwen.top_margin, gongwen.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (gongwen.left_margin, gongwen.right_margin)] == [28, 26]
    body = docx.Document(str(documents["changli-2021"])).styles["perfdesk 正文"]
    assert body.font.size.pt == 16  # 三号
    compact = docx.Document(str(documents["gaoxin-2022"]))  # 表格
    assert round(compact.sections[0].left_margin.mm) == 20
    assert compact.styles["perfdesk 正文"].font.size.pt == 14


def test_caption_uses_a_right_tab_stop(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["lunan-2025"]))
    caption = next(p for p in document.paragraphs if p.text.startswith("450001"))
    assert "\t" not in "".join(t.text or "" for t in caption._p.iter(f"{W}t"))  # no raw tab character
    assert caption._p.find(f".//{W}tab") is not None
    stops = caption.paragraph_format.tab_stops
    assert len(stops) == 1 and round(stops[0].position.mm) == 156  # the 公文 text width


def test_signature_keeps_with_the_text_before_it(documents: dict[str, Path]) -> None:
    document = docx.Document(str(documents["gaoxin-selfeval-2024"]))
    paragraphs = document.paragraphs
    k = next(i for i, p in enumerate(paragraphs) if p.text == "高新区应急管理局" and i > 5)
    assert paragraphs[k].style.name == "perfdesk 落款"
    assert paragraphs[k - 1].paragraph_format.keep_with_next  # the spacer
    assert paragraphs[k - 2].paragraph_format.keep_with_next  # the last line of the team list


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _merge_runs(table: docx.table.Table) -> list[tuple[int, int, int, str]]:
    """Vertical merges read from the XML: (column, first row, rows, text of the first cell)."""
    runs: list[list] = []
    open_runs: dict[int, list] = {}
    for r, tr in enumerate(table._tbl.findall(f"{W}tr")):
        col = 0
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span = pr.find(f"{W}gridSpan") if pr is not None else None
            vmerge = pr.find(f"{W}vMerge") if pr is not None else None
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            if vmerge is not None and vmerge.get(f"{W}val") == "restart":
                open_runs[col] = [col, r, 1, text]
                runs.append(open_runs[col])
            elif vmerge is not None:
                open_runs[col][2] += 1
            else:
                open_runs.pop(col, None)
            col += int(span.get(f"{W}val")) if span is not None else 1
    return [tuple(run) for run in runs]


@pytest.mark.parametrize("setup", ["table", "gongwen"])
def test_a_long_level_block_restarts_its_label_on_each_piece(tmp_path: Path, setup: str) -> None:
    doc = generated_document(1, 60)  # 30 indicators under 产出指标: several pages
    doc.unit.printing.page_style = PageStyle(setup)
    layout = build_layout(doc)
    path = tmp_path / "long.docx"
    write_docx(layout, path)
    table = next(t for p, t in layout.tables() if p.key == "project:0")
    page = PAGE_SETUPS[setup]
    scale = page.text_width / sum(table.widths)
    limit = merge_chunk_height(table, scale, page.text_height)
    body = [h for h, row in zip(row_heights(table, scale), table.rows, strict=True) if not row.header]
    most = int(limit // min(body))  # N: no piece can hold more rows than this
    assert most < 30
    document = docx.Document(str(path))
    level1 = [run for t in document.tables for run in _merge_runs(t) if run[0] == 0]
    assert level1 and all(rows <= most for _, _, rows, _ in level1)
    labels = [text for *_, text in level1]
    assert labels.count("产出指标") == 1 and labels.count("产出指标（续）") >= 2
    assert "效益指标（续）" in labels
    level2 = [run for t in document.tables for run in _merge_runs(t) if run[0] == 1]
    assert all(rows <= most for _, _, rows, _ in level2)
    for t in document.tables:  # 二级 is cut where 一级 is: no piece runs into the next
        runs = _merge_runs(t)
        starts = {first for col, first, _, _ in runs if col == 0}
        for col, first, rows, _ in runs:
            if col == 1:
                assert not starts & set(range(first + 1, first + rows)), (first, rows)
    # a piece is kept on one page: every row of it but the last keeps with the next
    for t in document.tables:
        rows = t._tbl.findall(f"{W}tr")
        for _, first, n, _ in _merge_runs(t):
            for tr in rows[first : first + n - 1]:
                assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p"))


def test_blocks_that_fit_are_not_cut(documents: dict[str, Path]) -> None:
    text = docx.Document(str(documents["gaoxin-2022"])).element.xml
    assert "（续）" not in text
