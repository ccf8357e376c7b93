"""Word export read back with python-docx: tables, merged cells, text and page setup."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from perfdesk.export.compose import build_layout
from perfdesk.export.docx import write_docx
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
    assert len(document.tables) == len(list(layout.tables()))
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
    table = document.tables[0]
    assert len(table.columns) == 9
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
    xml = document.element.xml
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml
