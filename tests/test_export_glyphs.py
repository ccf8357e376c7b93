"""Every character printed: the PDF's per-character font chain and the check that warns first."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from perfdesk.export.compose import build_layout
from perfdesk.export.layout import FontRole
from perfdesk.export.pdf import write_pdf
from perfdesk.export.pdf_text import FontBook
from perfdesk.fonts import coverage, find_fonts, resolve_typefaces, typefaces
from perfdesk.models.checks import check_document, describe
from perfdesk.models.document import EvalRow, ProjectEval
from perfdesk.models.findings import Form
from perfdesk.models.glyphs import check_glyphs
from perfdesk.samples import sample

RARE = "𠀀𡒄㽞"  # CJK Extension B, B, A: required by GB 18030
STRESS = f"{RARE}😀≥"
NOBODY_DRAWS = "\u0d85"  # Sinhala: no face the project installs has it
HAS_EXT = bool(find_fonts()["ext"])


def _stress_document():
    doc = sample("gaoxin-2022").load()
    project = doc.projects[0]
    project.name = f"安全生产{STRESS}专项经费"
    project.purpose = f"用于{STRESS}应急体系建设"
    project.indicators[0].description = f"检查{STRESS}次数"
    return doc


@pytest.mark.skipif(not HAS_EXT, reason="no font for CJK Extensions installed (tools/dev.sh installs one)")
def test_rare_characters_and_emoji_are_drawn_with_embedded_fonts(tmp_path: Path) -> None:
    layout = build_layout(_stress_document())
    book = FontBook()
    write_pdf(layout, tmp_path / "stress.pdf", book)
    assert not book.missing  # no character fell back to □ (.notdef)
    assert not [w for w in layout.warnings if "字体中没有" in w.message]
    reader = PdfReader(tmp_path / "stress.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    for ch in STRESS:
        assert ch in text
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded TrueType subsets, the rare-character face too


def test_the_chain_tries_each_face_per_character() -> None:
    book = FontBook()
    first = book.faces[FontRole.BODY][0].name
    assert book.glyph("安", FontRole.BODY)[0] == first
    if HAS_EXT:
        assert book.glyph("𠀀", FontRole.BODY)[0] != first or "𠀀" in first
        assert book.glyph("𠀀", FontRole.BODY)[0] in {f.name for f in book.faces[FontRole.BODY]}
    book.glyph(NOBODY_DRAWS, FontRole.BODY)
    assert NOBODY_DRAWS in book.missing


def test_one_typeface_set_names_a_face_for_every_role() -> None:
    faces = typefaces()
    assert faces is typefaces()  # resolved once
    for role in ("body", "heading", "kai", "title"):
        assert faces.family(role)
    assert "正文" in faces.describe()
    # without any Windows font the free faces are named, not 仿宋 that is not there
    if not any(f.path.name.startswith("sim") for fs in find_fonts().values() for f in fs):
        assert faces.family("body") != "仿宋"
    # preference: 仿宋 for the body, 黑体 for headings, 方正小标宋 else the heading face for titles
    fake = {
        "fang": [],
        "song": [faces.body],
        "hei": [faces.heading],
        "kai": [],
        "title": [],
        "ext": [],
    }
    resolved = resolve_typefaces(fake)  # type: ignore[arg-type]
    assert resolved.title == resolved.heading and resolved.kai == resolved.body


def test_check_warns_with_the_place_before_printing() -> None:
    doc = sample("gaoxin-2022").load()
    doc.projects[1].indicators[2].description = f"检查{NOBODY_DRAWS}次数"
    doc.projects[0].evaluation = ProjectEval(rows=[EvalRow(level3=f"满意度{NOBODY_DRAWS}")])
    findings = [f for f in check_document(doc) if f.code == "undrawable-character"]
    assert len(findings) == 2
    places = {(f.place.form, f.place.project, f.place.row, f.place.field) for f in findings}
    assert (Form.PROJECT, 1, 2, "description") in places
    assert (Form.EVALUATION, 0, 0, "level3") in places
    assert "U+0D85" in findings[0].message
    assert "第3行" in describe(next(f.place for f in findings if f.place.form is Form.PROJECT), doc)


@pytest.mark.skipif(not HAS_EXT, reason="no font for CJK Extensions installed")
def test_no_warning_for_what_the_fonts_draw() -> None:
    assert not [f for f in check_document(_stress_document()) if f.code == "undrawable-character"]
    assert all(ord(ch) in coverage() for ch in STRESS)


def test_common_text_never_reads_the_font_files() -> None:
    def fail() -> frozenset[int]:
        raise AssertionError("fonts read for common text")

    assert check_glyphs(sample("changli-2021").load(), fail) == []
    doc = sample("gaoxin-2022").load()
    doc.unit.name = f"高新区{RARE}"
    findings = check_glyphs(doc, lambda: frozenset())
    assert [(f.place.form, f.place.field) for f in findings] == [(Form.UNIT, "name")]
    assert all(f"U+{ord(ch):04X}" in findings[0].message for ch in RARE)
