"""Output that goes out as it is: what each seed shows, what the clerk typed, the page setup."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from perfdesk.export.compose import build_layout
from perfdesk.export.layout import CONTINUED, GONGWEN_PAGE, TABLE_PAGE, Paragraph, Table
from perfdesk.export.pdf import write_pdf
from perfdesk.models.document import PageStyle, PrintSettings
from perfdesk.samples import sample


def _paragraphs(name: str) -> list[str]:
    return [b.text for p in build_layout(sample(name).load()).parts for b in p.blocks if isinstance(b, Paragraph)]


def _cells(name: str) -> list[str]:
    layout = build_layout(sample(name).load())
    return [c.text for _, t in layout.tables() for _, _, c in t.origins()]


def test_self_report_prints_what_the_clerk_typed() -> None:
    doc = sample("gaoxin-selfeval-2024").load()
    report = doc.self_report
    assert report is not None
    texts = _paragraphs("gaoxin-selfeval-2024")
    for line in report.finance_text.split("\n"):
        assert line in texts  # as typed: 应急管理局 (not the unit name inserted), 0万元, 45.51%
    assert not any(t.startswith("综合绩效评价得分") for t in texts)  # seed 002 has no such line
    assert "联络人：宋雪莹 曹迈迈\u3000财务工作人员" in texts  # one line, as in the seed
    # every typed paragraph, in the order typed
    typed = [
        line.strip()
        for field in ("overview", "conclusion", "problems")
        for line in getattr(report, field).split("\n")
        if line.strip()
    ]
    positions = [texts.index(t) for t in typed]
    assert positions == sorted(positions)


def test_older_documents_keep_the_generated_sentences() -> None:
    doc = sample("gaoxin-selfeval-2024").load()
    assert doc.self_report is not None
    doc.self_report.finance_text = ""
    texts = [b.text for p in build_layout(doc).parts for b in p.blocks if isinstance(b, Paragraph)]
    assert any(t.startswith("1、2024年高新区应急管理局部门年初安排预算收入2302.75万元") for t in texts)


def test_seed_figures_print_as_typed() -> None:
    assert "69.2万" in _cells("gaoxin-2022")  # seed 000: no unit line, the unit on the amount
    changli = _cells("changli-2021")
    assert "25.00" in changli and "25%" not in changli  # seed 001: the header says 累计进度%
    assert "25%" in _cells("lunan-2025")  # seed 003
    doc = sample("gaoxin-2022").load()
    doc.unit.printing.figures_as_typed = False  # an older file: two decimals as before
    cells = [c.text for _, t in build_layout(doc).tables() for _, _, c in t.origins()]
    assert "69.20" in cells


def test_headings_and_pages_the_seeds_have() -> None:
    keys = {
        name: [p.key for p in build_layout(sample(name).load()).parts]
        for name in ("gaoxin-2022", "changli-2021", "lunan-2025")
    }
    assert keys["gaoxin-2022"][:2] == ["cover", "overall"] and "part2" not in keys["gaoxin-2022"]  # seed 000
    assert keys["changli-2021"][:2] == ["overall", "part2"]  # seed 001: no title page
    assert keys["lunan-2025"][:2] == ["overall", "project:0"]  # seed 003: no title page, no 第二部分
    gaoxin = _paragraphs("gaoxin-2022")
    assert "2022年部门整体绩效目标" in gaoxin and "第一部分" not in gaoxin
    changli = _paragraphs("changli-2021")
    assert changli[:2] == ["第一部分", "部门整体绩效目标"]
    assert changli[changli.index("一、总体绩效目标") + 1] == "总体绩效目标："  # seed 001 keeps its labels
    assert changli[changli.index("二、分项绩效目标") + 1] == "分项绩效目标："
    lunan = build_layout(sample("lunan-2025").load())
    assert lunan.parts[1].title.startswith("1.2025年安全生产专项经费")  # seed 003 numbers 1. 2.
    assert build_layout(sample("gaoxin-2022").load()).parts[2].title == "安全生产专项经费项目绩效目标表"


def test_defaults_print_as_before() -> None:
    doc = sample("lunan-2025").load()
    doc.unit.printing = PrintSettings()
    layout = build_layout(doc)
    assert layout.page is TABLE_PAGE
    assert [p.key for p in layout.parts][:3] == ["cover", "overall", "part2"]
    assert layout.parts[3].title.startswith("1、")
    doc.unit.printing.page_style = PageStyle.GONGWEN
    assert build_layout(doc).page is GONGWEN_PAGE


def test_gongwen_page_setup_in_the_pdf(tmp_path: Path) -> None:
    layout = build_layout(sample("changli-2021").load())
    pages = write_pdf(layout, tmp_path / "gw.pdf")
    assert pages.frame.left == pytest.approx(28 * 72 / 25.4)
    assert pages.frame.page_height - pages.frame.top == pytest.approx(37 * 72 / 25.4)
    sizes = {op.size for page in pages.pages for op in page.ops if hasattr(op, "size") and op.role.value == "body"}
    assert 16 in sizes  # 仿宋 三号


def test_every_page_of_a_long_table_names_its_table_and_repeats_a_header(tmp_path: Path) -> None:
    layout = build_layout(sample("dongguan-2024").load())
    part = layout.parts[0]
    path = tmp_path / "dg.pdf"
    pages = write_pdf(layout, path)
    assert len(pages) >= 3
    texts = [page.extract_text().replace(" ", "").replace("\n", "") for page in PdfReader(path).pages]
    table = next(b for b in part.blocks if isinstance(b, Table))
    headers = {"".join(c.text for c in row.cells if c and c.bold) for row in table.rows if row.header}
    for text in texts[1:]:
        assert text.startswith(f"{part.title}{CONTINUED}")  # a loose page names its table
        assert any(h[:6] in text for h in headers), text[:80]  # and shows a header row


def test_no_page_holds_a_lone_last_row(tmp_path: Path) -> None:
    for name in ("changli-2021", "lunan-2025", "dongguan-2024"):
        layout = build_layout(sample(name).load())
        pages = write_pdf(layout, tmp_path / f"{name}.pdf")
        for page in pages.pages[1:]:
            lines = [op for op in page.ops if hasattr(op, "text") and op.text]
            rects = [op for op in page.ops if not hasattr(op, "text")]
            if rects and lines and CONTINUED in lines[0].text:
                rows = {round(r.y + r.height, 1) for r in rects}
                assert len(rows) >= 3, (name, lines[0].text)  # header + at least two rows


def test_a_title_never_ends_a_page(tmp_path: Path) -> None:
    for name in ("changli-2021", "lunan-2025", "gaoxin-2022"):
        layout = build_layout(sample(name).load())
        pages = write_pdf(layout, tmp_path / f"{name}.pdf")
        titles = {b.text for p in layout.parts for b in p.blocks if isinstance(b, Paragraph) and b.style == "title"}
        assert titles
        for page in pages.pages:
            last = max(page.ops, key=lambda op: -op.y, default=None)  # the lowest drawing on the page
            assert last is None or getattr(last, "text", "") not in titles, (name, last)
