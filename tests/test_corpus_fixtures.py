"""The real-table fixtures of tests/data/realtables: every real table of ../shared/realtables entered as a
perfdesk JSON document, with a manifest of what the model could not place and the tables' oddities.

These tests keep the fixtures honest for the engineers who use them (layouts, import, checks): each one
loads, is exactly what ``perfdesk dump`` writes, survives a real .perfdesk file, is checked by ``perfdesk
check`` without crashing, and every place the manifest names exists in its document.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from perfdesk.cli import main
from perfdesk.models import document as m
from perfdesk.models.jsonio import FORMAT_VERSION, document_from_json, document_to_json
from perfdesk.store.file import open_document, save_document

FOLDER = Path(__file__).parent / "data" / "realtables"
MANIFEST = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = MANIFEST["fixtures"]
FIXTURES = [e["fixture"] for e in ENTRIES]
SOURCES = Path(__file__).parents[2] / "shared" / "realtables"  # ../shared/realtables beside the worktree

# The README's rule: the brief's A → shenbao, B/C → two_block, D/E/I → split; the self-evaluation and 部门整体 families
# (F, G, J, H) print one-cell values under a 申报表-like header → shenbao, unless they carry E-style split columns.
FAMILY_LAYOUT = {
    **dict.fromkeys(["A", "F", "G", "J", "H", "G/H"], "shenbao"),
    **dict.fromkeys(["B", "C"], "two_block"),
    **dict.fromkeys(["D", "E", "I", "F+E", "E/H", "D/H", "I/H"], "split"),
}
FORMS = {"project", "evaluation", "dept_table", "unit"}
UNPLACED = [(e["fixture"], u) for e in ENTRIES for u in e["unplaced"]]


def _names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _load(name: str) -> m.Document:
    return document_from_json((FOLDER / name).read_text(encoding="utf-8"))


def test_manifest_names_every_fixture_and_nothing_else() -> None:
    on_disk = sorted(p.name for p in FOLDER.glob("*.json") if p.name != "manifest.json")
    assert sorted(FIXTURES) == on_disk
    assert len(set(FIXTURES)) == len(FIXTURES)
    assert len(FIXTURES) >= 31  # one per legible real table (21 holds three projects, 24 two)


def test_manifest_covers_every_source_table() -> None:
    named = {e["source"] for e in ENTRIES}
    assert len({s[:2] for s in named}) == 31
    if SOURCES.is_dir():  # the shared corpus sits beside the worktree on the team's machine
        tables = {p.name for p in SOURCES.glob("[0-9][0-9]-*.md")}
        assert named <= tables
        assert {n[:2] for n in named} == {t[:2] for t in tables}


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_is_what_dump_writes(name: str) -> None:
    text = (FOLDER / name).read_text(encoding="utf-8")
    assert json.loads(text)["version"] == FORMAT_VERSION
    assert document_to_json(document_from_json(text)) == text


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_survives_a_perfdesk_file(tmp_path: Path, name: str) -> None:
    doc = _load(name)
    path = tmp_path / "x.perfdesk"
    save_document(doc, path)
    reopened = open_document(path).document
    assert reopened == doc
    assert document_to_json(reopened) == (FOLDER / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FIXTURES)
def test_perfdesk_load_and_check_run(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], name: str) -> None:
    out = tmp_path / "x.perfdesk"
    assert main(["load", str(FOLDER / name), "-o", str(out)]) == 0
    capsysbinary.readouterr()
    code = main(["check", str(out)])
    text = capsysbinary.readouterr().out.decode()
    assert code in (0, 1)  # 1 = the table has errors, which real tables do
    doc = _load(name)
    assert text.startswith(f"{doc.unit.name} {doc.unit.fiscal_year}年：")


# Settings of the document rather than cells of the table: not looked for in the transcription.
_SETTINGS = {
    "layout",
    "framework",
    "grade_table",
    "project_table_style",
    "rule_set",
    "money_unit",
    "indicator_columns",
    "printing",
}


def _cell_texts(plain: Any, path: str = "") -> Any:
    if isinstance(plain, dict):
        for key, value in plain.items():
            if key in _SETTINGS or key.startswith("weight_") or (path == "" and key == "overall"):
                continue
            yield from _cell_texts(value, f"{path}.{key}")
    elif isinstance(plain, list):
        for i, value in enumerate(plain):
            yield from _cell_texts(value, f"{path}[{i}]")
    elif isinstance(plain, str) and plain:
        yield path, plain


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the shared transcriptions are not beside this checkout")
@pytest.mark.parametrize("entry", ENTRIES, ids=FIXTURES)
def test_every_entered_text_is_in_its_transcription(entry: dict[str, Any]) -> None:
    """Nothing invented, nothing retyped wrong: each text and amount (line by line) occurs in the source file."""
    source = (SOURCES / entry["source"]).read_text(encoding="utf-8")
    plain = json.loads((FOLDER / entry["fixture"]).read_text(encoding="utf-8"))["document"]
    missing = [
        (path, line) for path, text in _cell_texts(plain) for line in text.split("\n") if line and line not in source
    ]
    assert not missing


@pytest.mark.parametrize("entry", ENTRIES, ids=FIXTURES)
def test_manifest_entry_agrees_with_its_document(entry: dict[str, Any]) -> None:
    doc = _load(entry["fixture"])
    assert entry["fixture"][:2] == entry["source"][:2]
    assert entry["completeness"] in ("complete", "cut")
    assert isinstance(entry["year_printed"], bool)
    assert entry["layout"] == doc.unit.layout.value
    assert FAMILY_LAYOUT[entry["family"]] == entry["layout"]
    if entry["amount_unit"] in ("万元", "元"):
        assert {p.money_unit for p in doc.projects} <= {entry["amount_unit"]}
    assert set(doc.unit.indicator_columns) <= set(m.INDICATOR_DETAIL_FIELDS)
    assert doc.projects or doc.dept_table is not None


def _check_place(doc: m.Document, place: dict[str, Any]) -> None:
    form, project, row, field = place["form"], place["project"], place["row"], place["field"]
    assert form in FORMS
    if form == "unit":
        assert project is None and row is None
        assert field is None or field in _names(m.UnitInfo)
        return
    if form == "dept_table":
        assert doc.dept_table is not None and project is None
        rows, row_cls, cls = doc.dept_table.indicators, m.DeptIndicator, m.DeptTable
    else:
        assert isinstance(project, int) and 1 <= project <= len(doc.projects)
        p = doc.projects[project - 1]
        if form == "evaluation":
            assert p.evaluation is not None
            rows, row_cls, cls = p.evaluation.rows, m.EvalRow, m.ProjectEval
        else:
            block = place.get("block", "indicators")
            assert block in ("indicators", "long_term_indicators")
            rows, row_cls, cls = getattr(p, block), m.Indicator, m.Project
    if row is None:
        assert field is None or field in _names(cls) | _names(row_cls)
    else:
        assert isinstance(row, int) and 1 <= row <= len(rows), f"row {row} of {len(rows)}"
        assert field is None or field in _names(row_cls)


@pytest.mark.parametrize("entry", ENTRIES, ids=FIXTURES)
def test_oddity_places_exist(entry: dict[str, Any]) -> None:
    doc = _load(entry["fixture"])
    assert entry["oddities"], "every source file lists its observed oddities"
    for oddity in entry["oddities"]:
        assert oddity["text"].strip() and oddity["kind"].strip()
        assert isinstance(oddity["defect"], bool)
        _check_place(doc, oddity["place"])


@pytest.mark.parametrize(("fixture", "item"), UNPLACED, ids=[f"{f[:2]}:{u['field']}" for f, u in UNPLACED])
def test_unplaced_field_is_described(fixture: str, item: dict[str, Any]) -> None:
    """One test per printed value the model has no place for: ``pytest -v`` lists them, the tally counts them.
    Each says why it needs none: not table content (``"content": false``) or not legible (``"legible": false``),
    with a one-line reason."""
    flags = set(item) - {"field", "what", "example", "kind", "form"}
    assert flags in ({"content", "reason"}, {"legible", "reason"})
    assert item.get("content", item.get("legible")) is False
    assert isinstance(item["reason"], str) and item["reason"].strip() and "\n" not in item["reason"]
    assert item["form"] in FORMS
    assert all(isinstance(item[k], str) and item[k].strip() for k in ("field", "what", "example", "kind"))


def test_every_legible_content_value_is_placed() -> None:
    """Issue 11's done-when: every legible value a corpus table prints has a field (zero unplaced); what is
    left in the manifest is flagged as not table content or as illegible."""
    placed_wanting = [
        (f, u["field"]) for f, u in UNPLACED if u.get("content", True) is not False and u.get("legible", True)
    ]
    assert placed_wanting == []


def test_unplaced_fields_by_kind() -> None:
    """The gaps of the model, counted by kind (the README's table shows the same numbers); each kind says what is missing."""
    kinds = Counter(u["kind"] for _, u in UNPLACED)
    assert sum(kinds.values()) == len(UNPLACED) > 0
    assert set(kinds) == set(MANIFEST["unplaced_kinds"])
    assert all(text.strip() for text in MANIFEST["unplaced_kinds"].values())
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for kind, n in kinds.items():
        assert f"| {kind} | {n} |" in readme
    print("\nunplaced printed fields:", len(UNPLACED))
    for kind, n in kinds.most_common():
        print(f"  {kind}: {n}")
