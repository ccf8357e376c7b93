"""Printed pages read back as a clerk sees them: every sample and family fixture in all three
formats; what one can detect mechanically of a page that looks wrong is checked here."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument

from perfdesk.export.compose import build_layout
from perfdesk.export.docx import write_docx
from perfdesk.export.layout import Layout, Table, section_titles
from perfdesk.export.pdf import write_pdf
from perfdesk.export.xlsx import write_xlsx
from perfdesk.models.jsonio import document_from_json
from perfdesk.samples import samples

FAMILIES = Path(__file__).parent / "data" / "families"
SOURCES = [(s.name, s.path) for s in samples()] + [(p.stem, p) for p in sorted(FAMILIES.glob("*.json"))]
FOOTER = re.compile(r"^第\s*\d+\s*页")


def _layout(path: Path) -> Layout:
    return build_layout(document_from_json(path.read_text(encoding="utf-8")))


def _titles(layout: Layout) -> set[str]:
    """The text of every section title row (长期绩效指标, 年度绩效指标 …) of the layout."""
    out = set()
    for part in layout.parts:
        for block in part.blocks:
            if isinstance(block, Table):
                for r in section_titles(block):
                    out.update(c.text for c in block.rows[r].cells if c is not None)
    return out


def test_the_two_block_fixture_has_section_titles() -> None:
    # the check below would prove nothing without them
    assert {"长期绩效指标", "年度绩效指标"} <= _titles(_layout(FAMILIES / "two_block-17-ningxiang.json"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize(("name", "source"), SOURCES, ids=[n for n, _ in SOURCES])
def test_no_pdf_page_ends_with_a_section_title(tmp_path: Path, name: str, source: Path) -> None:
    # two_block-17-ningxiang printed 长期绩效指标 as the last line of page 2, its rows on page 3
    layout = _layout(source)
    titles = _titles(layout)
    pdf = tmp_path / f"{name}.pdf"
    write_pdf(layout, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(text.split("\f")[:-1], 1):
        lines = [line.strip() for line in page.splitlines() if line.strip() and not FOOTER.match(line.strip())]
        if lines:
            assert lines[-1] not in titles, f"{name}: page {number} ends with {lines[-1]!r}"


@pytest.mark.parametrize(("name", "source"), SOURCES, ids=[n for n, _ in SOURCES])
def test_no_sheet_page_ends_with_a_section_title(tmp_path: Path, name: str, source: Path) -> None:
    layout = _layout(source)
    titles = _titles(layout)
    path = tmp_path / f"{name}.xlsx"
    write_xlsx(layout, path)
    for ws in openpyxl.load_workbook(path).worksheets[1:]:
        for brk in ws.row_breaks.brk:
            values = [c.value for c in ws[brk.id] if c.value is not None]
            assert not (len(values) == 1 and values[0] in titles), (
                f"{name}: {ws.title} page ends at row {brk.id} with {values}"
            )


@pytest.mark.parametrize(("name", "source"), SOURCES, ids=[n for n, _ in SOURCES])
def test_a_word_section_title_keeps_with_its_section(tmp_path: Path, name: str, source: Path) -> None:
    layout = _layout(source)
    titles = _titles(layout)
    path = tmp_path / f"{name}.docx"
    write_docx(layout, path)
    seen = 0
    for table in WordDocument(str(path)).tables:
        for row in table.rows:
            cells = {id(c._tc): c for c in row.cells}
            if len(cells) == 1 and row.cells[0].text in titles:
                seen += 1
                assert all(p.paragraph_format.keep_with_next for p in row.cells[0].paragraphs), row.cells[0].text
    assert seen >= len(titles)


@pytest.mark.parametrize(("name", "source"), SOURCES, ids=[n for n, _ in SOURCES])
def test_a_word_cover_has_no_page_number_and_every_other_page_has_one(tmp_path: Path, name: str, source: Path) -> None:
    # the Word file printed 第 1 页 共 N 页 on the cover, which the PDF leaves unnumbered
    layout = _layout(source)
    cover = not layout.parts[0].numbered
    path = tmp_path / f"{name}.docx"
    write_docx(layout, path)
    sections = WordDocument(str(path)).sections
    first = sections[0]
    assert first.different_first_page_header_footer == cover
    if cover:
        assert "PAGE" not in first.first_page_footer._element.xml  # the cover's footer: empty
    assert "PAGE" in first.footer._element.xml
    for later in sections[1:]:  # a landscape section numbers its first page
        assert not later.different_first_page_header_footer


def test_some_fixtures_have_a_cover() -> None:
    assert sum(not _layout(source).parts[0].numbered for _, source in SOURCES) >= 3


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize(("name", "source"), SOURCES, ids=[n for n, _ in SOURCES])
def test_no_pdf_page_is_empty_or_holds_only_a_title(tmp_path: Path, name: str, source: Path) -> None:
    layout = _layout(source)
    pdf = tmp_path / f"{name}.pdf"
    write_pdf(layout, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(text.split("\f")[:-1], 1):
        lines = [line.strip() for line in page.splitlines() if line.strip() and not FOOTER.match(line.strip())]
        assert lines, f"{name}: page {number} is empty"
        assert len(lines) > 1 or number == 1, f"{name}: page {number} holds only {lines}"
