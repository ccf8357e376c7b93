"""The renderer-neutral layout: grids, merged labels, scopes, text cleaning and line breaking."""

from __future__ import annotations

import itertools
from copy import deepcopy
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from perfdesk.export.compose import Form, Scope, ScopeError, build_layout, resolve_project
from perfdesk.export.forms_tables import dept_indicator_rows, level_cells, runs
from perfdesk.export.layout import (
    Cell,
    FontRole,
    GridBuilder,
    Paragraph,
    Table,
    clean_text,
    cn_number,
    continued_text,
    format_percent,
    header_run,
    insert_header_copy,
    percent_number_format,
)
from perfdesk.export.pdf_text import NO_END, NO_START, FontBook
from perfdesk.export.synthetic import generated_document
from perfdesk.models.document import (
    DeptIndicator,
    DeptTable,
    Document,
    Framework,
    PrintSettings,
    Project,
    TableNumbering,
)
from perfdesk.models.frameworks import FRAMEWORKS
from perfdesk.samples import sample, samples


def _grid_is_covered_exactly(table: Table) -> None:
    """Every position is the origin of one cell or covered by exactly one span."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, cell in table.origins():
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                assert (r + dr, c + dc) not in owner, f"overlap at {(r + dr, c + dc)}"
                owner[(r + dr, c + dc)] = (r, c)
    for r, row in enumerate(table.rows):
        assert len(row.cells) == table.ncols
        for c, cell in enumerate(row.cells):
            assert (r, c) in owner
            assert (cell is not None) == (owner[(r, c)] == (r, c))


def test_grid_builder_fills_positions_left_free_by_spans() -> None:
    g = GridBuilder((10, 10, 10))
    g.row(Cell("a", rowspan=2), Cell("b", colspan=2))
    g.row(Cell("c"), Cell("d"))
    table = g.table()
    assert [[c.text if c else None for c in row.cells] for row in table.rows] == [["a", "b", None], [None, "c", "d"]]
    _grid_is_covered_exactly(table)


def test_grid_builder_rejects_rows_that_do_not_fill_the_grid() -> None:
    g = GridBuilder((10, 10))
    with pytest.raises(ValueError):
        g.row(Cell("only one"))
    with pytest.raises(ValueError):
        g.row(Cell("a"), Cell("b"), Cell("c"))
    g = GridBuilder((10, 10))
    g.row(Cell("a", rowspan=3), Cell("b"))
    with pytest.raises(ValueError, match="past the last row"):
        g.table()


@pytest.mark.parametrize("name", [s.name for s in samples()])
def test_every_sample_table_grid_is_consistent(name: str) -> None:
    layout = build_layout(sample(name).load())
    tables = list(layout.tables())
    assert tables or name == "gaoxin-selfeval-2024"
    for _, table in tables:
        _grid_is_covered_exactly(table)


def test_level_cells_merge_runs_of_equal_labels_within_their_level1() -> None:
    rows = [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "数量指标")]
    cells = level_cells(rows, FRAMEWORKS[Framework.Y2015])
    assert [c1.rowspan if c1 else 0 for c1, _ in cells] == [3, 0, 0, 1]
    assert [c2.rowspan if c2 else 0 for _, c2 in cells] == [2, 0, 1, 1]
    assert cells[0][0] is not None and "产出指标" in cells[0][0].choices
    assert runs([1, 1, 2, 1]) == [2, 0, 1, 1]


def test_project_table_merges_level1_and_level2_as_typed() -> None:
    doc = sample("gaoxin-2022").load()
    layout = build_layout(doc, Scope(Form.PROJECTS, 0))
    (_, table), *_ = list(layout.tables())
    header = next(r for r, row in enumerate(table.rows) if row.header)
    first = table.rows[header + 1].cells
    assert first[0] is not None and first[0].text == "产出指标" and first[0].rowspan == 5
    assert first[1] is not None and first[1].text == "数量指标" and first[1].rowspan == 2
    labels = [row.cells[0].text for row in table.rows[header + 1 :] if row.cells[0] is not None]
    assert labels == ["产出指标", "效果指标", "满意度指标"]  # kept as typed (seed 000)
    assert continued_text(first[0]) == "产出指标（续）"


def test_dept_indicators_print_every_level2_with_blank_rows() -> None:
    dept = DeptTable(
        indicators=[
            DeptIndicator("产出指标", "数量指标", "a", "1", "1"),
            DeptIndicator("效果指标", "经济效益", "b", "2", "2"),
            DeptIndicator("奇怪的一级", "奇怪的二级", "c", "3", "3"),
        ]
    )
    rows = dept_indicator_rows(dept, FRAMEWORKS[Framework.Y2015])
    pairs = [(r.level1, r.level2, r.level3) for r in rows]
    assert pairs[:4] == [
        ("产出指标", "数量指标", "a"),
        ("产出指标", "质量指标", ""),
        ("产出指标", "时效指标", ""),
        ("产出指标", "成本指标", ""),
    ]
    assert ("效果指标", "经济效益", "b") in pairs  # typed names kept
    assert ("效果指标", "社会效益指标", "") in pairs  # the empty rows take the typed 一级
    assert pairs[-1] == ("奇怪的一级", "奇怪的二级", "c")  # never dropped
    assert len(rows) == 9 + 1  # every 二级 of the 2015 framework, plus the unknown row


def test_dongguan_table_has_the_empty_cost_row_of_seed_004() -> None:
    layout = build_layout(sample("dongguan-2024").load())
    (_, table), *_ = list(layout.tables())
    texts = [[c.text for c in row.cells if c is not None] for row in table.rows]
    assert ["成本指标", "", "", ""] in texts


def test_scopes_pick_forms_and_reject_missing_ones() -> None:
    doc = sample("lunan-2025").load()
    doc.unit.printing = PrintSettings()  # with a title page, as before print settings existed
    assert [p.key for p in build_layout(doc).parts][:4] == ["cover", "overall", "part2", "project:0"]
    assert [p.key for p in build_layout(doc, Scope(Form.PROJECTS, 2)).parts] == ["project:2"]
    assert [p.key for p in build_layout(doc, Scope(Form.TEXT)).parts] == ["cover", "overall"]
    with pytest.raises(ScopeError):
        build_layout(doc, Scope(Form.DEPT))
    with pytest.raises(ScopeError):
        build_layout(doc, Scope(Form.EVALS, 0))
    with pytest.raises(ScopeError):
        build_layout(doc, Scope(Form.PROJECTS, 99))
    assert resolve_project(doc, "2") == 1
    assert resolve_project(doc, doc.projects[3].code) == 3
    assert resolve_project(doc, doc.projects[4].name) == 4
    with pytest.raises(ScopeError):
        resolve_project(doc, "不存在的项目")
    with pytest.raises(ScopeError):
        build_layout(Document())


def test_whole_document_includes_every_form_once() -> None:
    doc = generated_document(3, 5, evaluations=True)
    keys = [p.key for p in build_layout(doc).parts]
    assert keys == [
        "cover",
        "overall",
        "part2",
        "project:0",
        "project:1",
        "project:2",
        "dept",
        "eval:0",
        "eval:1",
        "eval:2",
    ]
    sheets = [p.sheet for p in build_layout(doc).parts if p.sheet]
    assert len(sheets) == len(set(sheets)) and all(len(s) <= 31 for s in sheets)


def test_sheet_names_are_unique_short_and_legal() -> None:
    doc = Document(projects=[Project(name="很长的项目名称" * 10 + "[a]:*?/\\") for _ in range(3)])
    names = [p.sheet for p in build_layout(doc).parts if p.sheet]
    assert len(set(names)) == 3
    for name in names:
        assert name is not None and len(name) <= 31 and not set("[]:*?/\\") & set(name)


def test_clean_text_maps_word_line_breaks_and_drops_control_characters() -> None:
    text, notes = clean_text("第一行\x0b第二行\r\n第三行\x07\tend")
    assert text == "第一行\n第二行\n第三行 end"
    assert len(notes) == 2
    assert clean_text("普通文字") == ("普通文字", [])


def test_layout_text_is_cleaned_and_reported_where_it_was() -> None:
    doc = sample("gaoxin-2022").load()
    doc.unit.printing.table_numbering = TableNumbering.COMMA
    doc.projects[1].indicators[0].description = "bad\x01text"
    layout = build_layout(doc)
    assert any("U+0001" in w.message and "2、" in w.place for w in layout.warnings)
    texts = [c.text for _, t in layout.tables() for _, _, c in t.origins()]
    assert "badtext" in texts


def test_number_helpers() -> None:
    assert format_percent(Decimal("25.00")) == "25%"
    assert format_percent(Decimal("100.00")) == "100%"
    assert format_percent(Decimal("12.5")) == "12.5%"
    assert format_percent(None) == ""
    assert percent_number_format(Decimal("0.25")) == "0%"
    assert percent_number_format(Decimal("0.125")) == "0.0%"
    assert [cn_number(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]


def test_report_grade_comes_from_the_units_grade_table() -> None:
    doc = sample("gaoxin-selfeval-2024").load()
    assert doc.self_report is not None
    doc.self_report.score = Decimal("80")
    doc.self_report.score_line = True
    doc.self_report.finance_text = ""
    texts = [b.text for p in build_layout(doc).parts for b in p.blocks if isinstance(b, Paragraph)]
    assert "综合绩效评价得分：80分，评价等级：良好。" in texts  # 85-75-60 table of seed 002
    assert any(t.startswith("3、年初预算资金安排比上年增加1048.04万元") for t in texts)


# ---------------------------------------------------------------- line breaking

BOOK = FontBook()
BOOK_ROLE = FontRole.BODY
CJK = "安全生产督导检查活动提高应急救援能力"
ALPHABET = CJK + "，。；：！？）》”、（《“" + "abc123 ,"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=120), st.integers(min_value=3, max_value=30))
@example("““ 《", 3)  # a line of opening quotes followed by a space (found by hypothesis)
@example("安全生产专项经费, 主要用于应急体系建设, and some words, more", 9)  # ASCII ", " at a break
@example("“” ！", 3)  # a space before closing punctuation at a break (found by hypothesis)
@example("111”！", 3)  # one word fills the line: the punctuation hangs (found by hypothesis)
def test_wrapping_keeps_every_character_and_never_starts_a_line_with_closing_punctuation(text: str, chars: int) -> None:
    size = 10.0
    width = chars * size
    lines = BOOK.wrap(text, width, BOOK_ROLE, size)
    assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
    for before, line in itertools.pairwise(lines):
        assert not line.text.startswith(" ") or before.last  # no stray space after a wrap (", ")
        if line.text and line.text[0] in NO_START:
            assert len(before.text.strip()) <= 1, (before.text, line.text)
        if before.text and before.text[-1] in NO_END:
            assert len(before.text.strip()) <= 1, (before.text, line.text)


def test_wrapping_keeps_latin_words_and_the_word_指标_whole() -> None:
    size = 10.0
    lines = BOOK.wrap("编码13020225P00001210004M", 25 * size, BOOK_ROLE, size)
    assert any("13020225P00001210004M" in line.text for line in lines)
    assert [line.text for line in BOOK.wrap("产出指标", 3 * size, BOOK_ROLE, size)] == ["产出", "指标"]


def _coverage(table: Table) -> dict[tuple[int, int], int]:
    """How many cells cover each grid position."""
    seen: dict[tuple[int, int], int] = {}
    for r, c, cell in table.origins():
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                seen[(r + dr, c + dc)] = seen.get((r + dr, c + dc), 0) + 1
    return seen


@pytest.mark.parametrize("name", ["dongguan-2024", "gaoxin-2022"])
def test_a_header_copy_keeps_the_grid_whole_wherever_it_is_inserted(name: str) -> None:
    layout = build_layout(sample(name).load())
    for _, table in layout.tables():
        for at in range(1, len(table.rows)):
            run = header_run(table, at)
            if not run or table.rows[at].header:
                continue
            copy = deepcopy(table)
            added = insert_header_copy(copy, at, run)
            assert added == len(run) and len(copy.rows) == len(table.rows) + added
            assert all(copy.rows[at + k].repeated and copy.rows[at + k].header for k in range(added))
            cover = _coverage(copy)
            assert set(cover) == {(r, c) for r in range(len(copy.rows)) for c in range(copy.ncols)}
            assert set(cover.values()) == {1}, (name, at)  # every position covered exactly once
            for k in range(added):  # the copy shows the header's own texts
                own = [c.text for c in copy.rows[at + k].cells if c is not None and c.rowspan <= added]
                assert own and all(t in [c.text for c in table.rows[run[k]].cells if c] for t in own)
            assert not any(r.repeated for r in table.rows)  # the original is untouched
