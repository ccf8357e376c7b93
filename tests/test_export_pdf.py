"""PDF export read back: every row's text, page counts, embedded fonts, continued tables."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from perfdesk.export.compose import Form, Scope, build_layout
from perfdesk.export.layout import FontRole
from perfdesk.export.pdf import write_pdf
from perfdesk.export.pdf_text import NO_START, FontBook, FontError
from perfdesk.export.service import ExportError, export_document
from perfdesk.export.synthetic import generated_document
from perfdesk.fonts import find_fonts, resolve_typefaces
from perfdesk.models.document import Document, Indicator, Project, project_title
from perfdesk.samples import sample, samples

SAMPLES = [s.name for s in samples()]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    """Every bundled sample exported once: path and the page count the writer reported."""
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name in SAMPLES:
        path = folder / f"{name}.pdf"
        pages = write_pdf(build_layout(sample(name).load()), path)
        out[name] = (path, len(pages))
    return out


def _pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_indicator_row_and_amount_is_in_the_pdf(sample_pdfs: dict[str, tuple[Path, int]], name: str) -> None:
    path, pages = sample_pdfs[name]
    texts = _pages_text(path)
    assert len(texts) == pages
    whole = _squash("".join(texts))
    doc = sample(name).load()
    for project in doc.projects:
        assert _squash(project.name) in whole
        for ind in project.indicators:
            for text in (ind.level3, ind.description, ind.value, ind.basis):
                assert _squash(text) in whole, text
    if doc.dept_table is not None:
        for d in doc.dept_table.indicators:
            assert _squash(d.level3 + d.period_value + d.annual_value) in whole
        for task in doc.dept_table.key_tasks:
            assert _squash(task.name) in whole
        assert "4,393.85" in whole and "9,674,500.00" in whole
    if doc.self_report is not None:
        for member in doc.self_report.team:
            assert _squash(member.name) in whole
        assert "2302.75万元" in whole


def test_page_counts_and_table_pages(sample_pdfs: dict[str, tuple[Path, int]]) -> None:
    for name, (_, pages) in sample_pdfs.items():
        doc = sample(name).load()
        # title page and text, then every project table on its own page(s)
        assert pages >= len(doc.projects) + (2 if doc.projects else 1)
    texts = _pages_text(sample_pdfs["lunan-2025"][0])
    lunan = sample("lunan-2025").load()
    titles = [f"{k}.{project_title(p)}" for k, p in enumerate(lunan.projects, 1)]  # numbered 1. 2. … as seed 003
    starts = [next(i for i, t in enumerate(texts) if title in _squash(t)) for title in titles]
    assert len(starts) == 8 and len(set(starts)) == 8
    assert re.search(r"第 1 页 共 \d+ 页", texts[0])  # no title page: seed 003 has none
    texts = _pages_text(sample_pdfs["gaoxin-2022"][0])
    assert "第 1 页" not in texts[0]  # the title page is not numbered
    assert re.search(r"第 1 页 共 \d+ 页", texts[1])


@pytest.mark.parametrize("name", SAMPLES)
def test_every_font_is_embedded(sample_pdfs: dict[str, tuple[Path, int]], name: str) -> None:
    reader = PdfReader(sample_pdfs[name][0])
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for base, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{base} is not embedded"
        assert re.match(r"/[A-Z]{6}\+", base), f"{base} is not a subset"


def test_pdffonts_reports_every_font_embedded(sample_pdfs: dict[str, tuple[Path, int]]) -> None:
    if shutil.which("pdffonts") is None:
        if IN_CI:
            pytest.fail("pdffonts (poppler-utils) is missing in CI")
        pytest.skip("pdffonts is not installed")
    for path, _ in sample_pdfs.values():
        lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
        rows = lines[2:]
        assert rows
        for row in rows:
            emb, sub = row.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), row


def test_no_line_of_the_text_part_starts_with_closing_punctuation(sample_pdfs: dict[str, tuple[Path, int]]) -> None:
    for name in ("gaoxin-2022", "changli-2021", "lunan-2025", "gaoxin-selfeval-2024"):
        for page in _pages_text(sample_pdfs[name][0]):
            for line in page.splitlines():
                line = line.strip()
                assert not (line and line[0] in NO_START and line[0] not in "”’"), (name, line)


def _long_project(rows: int, long_cell: str = "") -> Document:
    indicators = [
        Indicator("产出指标", "数量指标", f"第{i}项指标", "每年开展检查工作的次数", f"≥{i}次", "工作计划")
        for i in range(rows)
    ]
    indicators += [Indicator("效益指标", "社会效益指标", "末行指标", long_cell or "说明", "100%", "工作计划")]
    return Document(projects=[Project(name="长表项目", goals=["目标"], indicators=indicators)])


def test_a_long_table_repeats_its_header_and_continues_the_merged_labels(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    pages = write_pdf(build_layout(_long_project(80), Scope(Form.PROJECTS)), path)
    assert len(pages) >= 3
    texts = [_squash(t) for t in _pages_text(path)]
    for text in texts[1:]:
        assert "一级指标二级指标三级指标绩效指标描述指标值指标值确定依据" in text
    assert "产出指标（续）" in texts[1] and "数量指标（续）" in texts[1]
    assert "产出指标（续）" not in texts[0]
    whole = "".join(texts)
    for i in range(80):
        assert f"第{i}项指标" in whole


def test_a_cell_longer_than_a_page_splits_over_pages(tmp_path: Path) -> None:
    marker = "甲乙丙丁戊己庚。"  # characters no other text of the table has
    path = tmp_path / "split.pdf"
    pages = write_pdf(build_layout(_long_project(3, marker * 400), Scope(Form.PROJECTS)), path)
    assert len(pages) >= 3
    texts = [_squash(t) for t in _pages_text(path)]
    heads = "1、长表项目绩效目标表（续）"
    assert all(t.startswith(heads) for t in texts[1:])  # a loose page names its project
    whole = "".join(texts)
    cell = "".join(ch for ch in whole if ch in "甲乙丙丁戊己庚")
    assert cell == "甲乙丙丁戊己庚" * 400  # nothing lost or doubled at the page breaks
    assert "效益指标（续）" in whole


def test_a_big_generated_document_lays_out(tmp_path: Path) -> None:
    doc = generated_document(12, 20, evaluations=True)
    pages = write_pdf(build_layout(doc), tmp_path / "big.pdf")
    assert len(pages) >= 12 * 2
    assert len(PdfReader(tmp_path / "big.pdf").pages) == len(pages)


def test_a_character_no_font_has_is_reported_not_dropped(tmp_path: Path) -> None:
    doc = sample("gaoxin-2022").load()
    doc.projects[0].indicators[0].level3 = "安全月\u0d85宣传"  # Sinhala: no font here draws it
    result = export_document(doc, tmp_path / "glyph.pdf")
    assert any("U+0D85" in str(w) and "安全生产专项经费" in w.place for w in result.warnings)
    whole = "".join(_pages_text(tmp_path / "glyph.pdf"))
    assert "安全月□宣传" in _squash(whole)


def test_no_font_at_all_is_a_clear_error_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FontError):
        FontBook({})
    monkeypatch.setattr("perfdesk.export.pdf_text.typefaces", lambda: resolve_typefaces({}))
    target = tmp_path / "nofont.pdf"
    with pytest.raises(ExportError, match="字体"):
        export_document(sample("gaoxin-2022").load(), target)
    assert list(tmp_path.iterdir()) == []


def test_single_project_pdf_is_one_page(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    pages = write_pdf(build_layout(doc, Scope(Form.PROJECTS, 0)), tmp_path / "one.pdf")
    assert len(pages) == 1
    text = _squash(_pages_text(tmp_path / "one.pdf")[0])
    assert "450001唐山市路南区应急管理局本级" in text and "单位：万元" in text  # the caption line
    assert "13020225P00001210004M" in text


def test_windows_fonts_are_preferred_when_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    if not uming.is_file():
        pytest.skip("fonts-arphic-uming is not installed")
    (tmp_path / "simfang.ttf").symlink_to(uming)  # stands in for 仿宋; any TrueType face will do
    monkeypatch.setenv("PERFDESK_FONT_DIR", str(tmp_path))
    book = FontBook()
    assert book.faces[FontRole.BODY][0].file.family == "仿宋"
    assert book.faces[FontRole.HEADING][0].file.role == "hei"


def test_the_fallback_song_face_is_the_simplified_chinese_one() -> None:
    songs = find_fonts()["song"]
    uming = [f for f in songs if f.path.name == "uming.ttc"]
    if not uming:
        pytest.skip("fonts-arphic-uming is not installed")
    face = TTFont("probe-uming", str(uming[0].path), subfontIndex=uming[0].index)
    assert face.face.name == b"UMingCN"
