"""The indicator library: common data, Chinese substring search, learning, persistence, xlsx."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.library import Entry, Library, LibraryFileError, LibraryImportError, Source, UserStore
from perfdesk.library.common import LibraryDataError, common_entries, parse_common
from perfdesk.library.entry import level1_names, level2_names
from perfdesk.library.search import SearchIndex
from perfdesk.library.store import FILE_NAME, default_path, document_key
from perfdesk.library.xlsxio import HEADERS, export_xlsx, import_xlsx
from perfdesk.models.document import Document, Framework, Indicator, Project, UnitInfo
from perfdesk.models.frameworks import FRAMEWORKS
from perfdesk.paths import ENV_DATA_DIR
from perfdesk.samples import sample, samples


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv(ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def library() -> Iterator[Library]:
    lib = Library.open()
    yield lib
    lib.close()


def names(entries: list[Entry]) -> list[str]:
    return [e.name for e in entries]


def doc_with(*rows: tuple[str, str, str, str, str, str], name: str = "测试局", year: int = 2025) -> Document:
    """A one-project document with the given indicator rows."""
    project = Project(name="项目", indicators=[Indicator(*r) for r in rows])
    return Document(unit=UnitInfo(name=name, fiscal_year=year), projects=[project])


# --- the common library -------------------------------------------------------------------


def test_common_library_is_large_and_covers_every_category() -> None:
    entries = common_entries()
    assert len({e.name for e in entries}) >= 150
    for framework, spec in FRAMEWORKS.items():
        for level1, level2s in spec.levels:
            for level2 in level2s:
                found = [e for e in entries if e.level1 == level1 and e.level2 == level2]
                assert len(found) >= 8, (framework, level1, level2)
    assert all(e.source is Source.COMMON and e.uses == 0 for e in entries)
    assert all(e.basis for e in entries)
    assert sum(1 for e in entries if e.value) / len(entries) > 0.95


def test_common_cost_indicators_sit_in_both_frameworks() -> None:
    entries = common_entries()
    places = {(e.level1, e.level2) for e in entries if e.name == "项目预算控制数"}
    assert places == {("产出指标", "成本指标"), ("成本指标", "经济成本指标")}
    social = [e for e in entries if e.level2 == "社会成本指标"]
    assert social and all(e.frameworks() == [Framework.Y2021] for e in social)


def test_common_data_is_validated() -> None:
    with pytest.raises(LibraryDataError, match="format"):
        parse_common({"groups": []})
    bad = {"format": "perfdesk-indicator-library", "groups": [{"placements": [["产出指标", "经济效益指标"]]}]}
    with pytest.raises(LibraryDataError, match="不是框架中的一级/二级"):
        parse_common(bad)


def test_category_lists_follow_the_frameworks() -> None:
    assert level1_names(Framework.Y2021) == ["成本指标", "产出指标", "效益指标", "满意度指标"]
    assert level1_names(Framework.Y2015) == ["产出指标", "效益指标", "满意度指标"]
    assert level2_names("成本指标") == ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert level2_names("产出指标", Framework.Y2015)[-1] == "成本指标"


# --- search -------------------------------------------------------------------------------


def test_two_character_chinese_words_are_found(library: Library) -> None:
    assert "群众满意度" in names(library.search("满意"))
    assert "检查覆盖率" in names(library.search("覆盖"))
    assert "资金支付及时率" in names(library.search("及时"))
    assert "应急演练次数" in names(library.search("演练"))


def test_search_normalises_width_case_and_spaces() -> None:
    index = SearchIndex([Entry("产出指标", "数量指标", "ＧＰＳ 定位终端数量"), Entry("产出指标", "数量指标", "其他")])
    assert names(index.search("gps定位")) == ["ＧＰＳ 定位终端数量"]
    assert names(index.search("  定位　终端 ")) == ["ＧＰＳ 定位终端数量"]


def test_filters_by_level1_level2_and_framework(library: Library) -> None:
    quality = library.search("覆盖", level1="产出指标", level2="质量指标")
    assert quality and {(e.level1, e.level2) for e in quality} == {("产出指标", "质量指标")}
    assert "覆盖乡镇（街道）数" not in names(quality)
    cost_2015 = library.search("", framework=Framework.Y2015, level1="成本指标")
    assert cost_2015 == []
    cost_2021 = library.search("", framework=Framework.Y2021, level1="成本指标")
    assert {e.level2 for e in cost_2021} == {"经济成本指标", "社会成本指标", "生态环境成本指标"}
    in_2015 = library.search("预算控制", framework=Framework.Y2015)
    assert [(e.level1, e.level2) for e in in_2015] == [("产出指标", "成本指标")]


def test_ranking_prefix_then_name_then_description_then_uses() -> None:
    entries = [
        Entry("满意度指标", "服务对象满意度指标", "群众满意度", uses=1),
        Entry("满意度指标", "服务对象满意度指标", "企业满意度", uses=9),
        Entry("满意度指标", "服务对象满意度指标", "满意度投诉率", uses=0, source=Source.COMMON),
        Entry("满意度指标", "服务对象满意度指标", "满意度调查份数", uses=3),
        Entry("效益指标", "社会效益指标", "社会影响", description="群众满意程度明显提高", uses=50),
        Entry("产出指标", "数量指标", "培训人次", uses=100),
    ]
    result = names(SearchIndex(entries).search("满意"))
    assert result == ["满意度调查份数", "满意度投诉率", "企业满意度", "群众满意度", "社会影响"]


def test_own_entries_come_before_common_ones_at_equal_uses() -> None:
    common = Entry("产出指标", "数量指标", "培训人次甲", source=Source.COMMON)
    own = Entry("产出指标", "数量指标", "培训人次乙", source=Source.OWN)
    assert names(SearchIndex([common, own]).search("培训")) == ["培训人次乙", "培训人次甲"]


def test_several_words_must_all_match(library: Library) -> None:
    result = library.search("企业 满意")
    assert result and all("企业" in e.name + e.description and "满意" in e.name + e.description for e in result)
    assert result[0].name.startswith("企业")


def test_empty_query_lists_everything_in_the_filter(library: Library) -> None:
    assert len(library.search("")) == len(library.entries())
    assert len(library.search("", limit=5)) == 5


def test_search_finds_in_50000_entries() -> None:
    entries = [
        Entry(
            "产出指标",
            "质量指标",
            f"第{i}号检查覆盖率" if i % 7 else f"服务满意度{i}",
            description=f"说明{i}",
            uses=i % 13,
        )
        for i in range(50_000)
    ]
    index = SearchIndex(entries)
    for query in ("满意", "覆盖", "说明"):
        hits = index.search(query)  # how fast: bench/bench_library.py (≤ 50 ms target)
        assert hits
        assert all(query in e.name or query in e.description for e in hits)


# --- learning and persistence -------------------------------------------------------------


def test_learn_changli_counts_uses(library: Library) -> None:
    result = library.learn(sample("changli-2021").load())
    assert result.rows == 54 and result.skipped == 0
    own = {e.name: e for e in library.entries(Source.OWN)}
    assert own["群众满意度指标"].uses == 5
    assert own["完成及时率"].uses == 5
    assert own["项目预算控制数"].uses == 4
    assert own["群众满意度指标"].level2 == "服务对象满意度指标"
    assert own["群众满意度指标"].basis == "历史经验"
    assert own["群众满意度指标"].value == "≥90.09%"  # the last row of the document wins


def test_relearning_the_same_document_does_not_inflate_counts(library: Library) -> None:
    doc = sample("changli-2021").load()
    library.learn(doc)
    library.learn(doc)
    library.learn(doc)
    own = {e.name: e.uses for e in library.entries(Source.OWN)}
    assert own["群众满意度指标"] == 5


def test_learn_all_samples_and_search_own_first(library: Library) -> None:
    for s in samples():
        library.learn(s.load())
    hits = library.search("满意")
    assert hits[0].source is Source.OWN
    top = {e.name: e.uses for e in hits if e.source is Source.OWN}
    assert top["服务对象满意度"] == 5  # lunan-2025 five times
    assert top["企业满意度"] == 3  # gaoxin-2022 three times
    learned = {e.name for e in library.entries(Source.OWN)}
    assert "培训对象的满意度（%）" in learned  # from the Guangdong 部门整体 table


def test_aliases_are_stored_under_canonical_names(library: Library) -> None:
    library.learn(sample("gaoxin-2022").load())
    own = {e.name: e for e in library.entries(Source.OWN)}
    entry = own["企业达标以及事故预防"]
    assert (entry.level1, entry.level2) == ("效益指标", "可持续影响指标")  # typed 效果指标 / 可持续性影响


def test_own_entry_shadows_the_common_one(library: Library) -> None:
    row = ("满意度指标", "服务对象满意度指标", "群众满意度", "本单位说明", "≥98%", "历史经验")
    library.learn(doc_with(row))
    hits = [e for e in library.search("群众满意度") if e.name == "群众满意度"]
    assert len(hits) == 1 and hits[0].source is Source.OWN and hits[0].value == "≥98%"


def test_rows_without_name_or_with_unknown_categories_are_skipped(library: Library) -> None:
    doc = doc_with(
        ("产出指标", "数量指标", "培训人次", "", "≥10人次", ""),
        ("产出指标", "经济效益指标", "错位", "", "1", ""),
        ("随便", "数量指标", "乱写", "", "1", ""),
        ("产出指标", "数量指标", "  ", "", "", ""),
        ("", "", "", "", "", ""),
    )
    result = library.learn(doc)
    assert (result.rows, result.skipped) == (1, 3)
    assert names(library.entries(Source.OWN)) == ["培训人次"]


def test_blank_texts_do_not_erase_learned_ones(library: Library) -> None:
    library.learn(doc_with(("产出指标", "数量指标", "培训人次", "描述甲", "≥10人次", "工作计划"), name="甲"))
    library.learn(doc_with(("产出指标", "数量指标", "培训 人次", "", "≥20人次", ""), name="乙"))
    (entry,) = library.entries(Source.OWN)
    assert (entry.name, entry.description, entry.value, entry.basis, entry.uses) == (
        "培训 人次",
        "描述甲",
        "≥20人次",
        "工作计划",
        2,
    )


def test_an_entry_no_document_uses_any_more_is_dropped(library: Library) -> None:
    library.learn(doc_with(("产出指标", "数量指标", "培训人数错字", "", "1", "")))
    library.learn(doc_with(("产出指标", "数量指标", "培训人数", "", "1", "")))
    assert names(library.entries(Source.OWN)) == ["培训人数"]
    assert "培训人数错字" not in names(library.search("培训"))


def test_persistence_across_reopen(data_dir: Path) -> None:
    lib = Library.open()
    lib.learn(sample("changli-2021").load())
    before = sorted(lib.entries(Source.OWN), key=lambda e: e.key)
    lib.close()
    assert (data_dir / FILE_NAME).exists() and default_path() == data_dir / FILE_NAME
    again = Library.open()
    assert sorted(again.entries(Source.OWN), key=lambda e: e.key) == before
    assert {e.name: e.uses for e in again.search("满意")}["群众满意度指标"] == 5
    again.close()


def test_library_file_is_versioned_and_not_wal(data_dir: Path) -> None:
    Library.open().close()
    conn = sqlite3.connect(data_dir / FILE_NAME)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x50444C42
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_failed_learn_leaves_the_file_unchanged(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    library.learn(sample("changli-2021").load())
    before = library.store.entries()  # type: ignore[union-attr]
    doc = sample("lunan-2025").load()
    monkeypatch.setattr("perfdesk.library.store._DROP_ORPHANS", "DELETE FROM no_such_table")
    with pytest.raises(LibraryFileError, match="已撤销"):
        library.learn(doc)
    assert library.store.entries() == before  # type: ignore[union-attr]


def test_a_locked_file_is_left_alone_and_common_entries_still_work(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("perfdesk.library.store.BUSY_TIMEOUT", 0.1)
    Library.open().close()
    path = data_dir / FILE_NAME
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another perfdesk in the middle of a write
    try:
        with pytest.raises(LibraryFileError) as raised:
            UserStore(path).entries()
        assert not raised.value.damaged
        lib = Library.open()
        assert lib.store is None and lib.notice and "只提供共性指标" in (lib.notice or "")
        assert "检查覆盖率" in names(lib.search("覆盖"))
        assert lib.learn(sample("changli-2021").load()).rows == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(data_dir.glob("*.damaged-*"))


def test_a_file_from_a_newer_perfdesk_is_not_touched(data_dir: Path) -> None:
    Library.open().close()
    path = data_dir / FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    lib = Library.open()
    assert lib.store is None and "更新版本" in (lib.notice or "")
    assert path.exists() and not list(data_dir.glob("*.damaged-*"))


def test_a_damaged_file_is_put_aside(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FILE_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryFileError) as raised:
        UserStore(data_dir / FILE_NAME)
    assert raised.value.damaged
    lib = Library.open()
    assert lib.notice and "已另存为" in lib.notice
    assert list(data_dir.glob(f"{FILE_NAME}.damaged-*"))
    lib.learn(sample("changli-2021").load())
    assert lib.entries(Source.OWN)
    lib.close()


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(LibraryFileError, match="不是 perfdesk 指标库文件"):
        UserStore(path)


def test_document_key_is_unit_and_year() -> None:
    doc = sample("changli-2021").load()
    assert document_key(doc).endswith("|2021")


def test_remove_own_entries(library: Library) -> None:
    library.learn(doc_with(("产出指标", "数量指标", "培训人次", "", "1", "")))
    common = next(e for e in library.entries(Source.COMMON) if e.name == "检查覆盖率")
    assert library.remove([*library.entries(Source.OWN), common]) == 1
    assert library.entries(Source.OWN) == []
    assert "检查覆盖率" in names(library.search("覆盖"))


# --- xlsx ---------------------------------------------------------------------------------


def test_xlsx_round_trip(library: Library, tmp_path: Path) -> None:
    for s in samples():
        library.learn(s.load())
    path = tmp_path / "指标库.xlsx"
    count = library.export_xlsx(path)
    own = library.entries(Source.OWN)
    assert count == len(own)
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert [c.value for c in ws[1]] == list(HEADERS)
    result = import_xlsx(path)
    assert result.ok and not result.notes
    assert sorted(result.entries, key=lambda e: e.key) == sorted(own, key=lambda e: e.key)


def test_import_into_a_fresh_library_keeps_counts(tmp_path: Path) -> None:
    first = Library.open(tmp_path / "a.sqlite3")
    first.learn(sample("changli-2021").load())
    first.export_xlsx(tmp_path / "x.xlsx")
    first.close()
    second = Library.open(tmp_path / "b.sqlite3")
    result = second.import_xlsx(tmp_path / "x.xlsx")
    assert result.ok
    assert {e.name: e.uses for e in second.entries(Source.OWN)}["群众满意度指标"] == 5
    second.learn(sample("changli-2021").load())  # the same document again: still 5, not 10
    assert {e.name: e.uses for e in second.entries(Source.OWN)}["群众满意度指标"] == 5
    second.close()


def test_imported_entries_are_kept_even_when_no_document_uses_them(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    export_xlsx([Entry("产出指标", "数量指标", "独有指标", uses=0)], path)
    library.import_xlsx(path)
    library.learn(doc_with(("产出指标", "数量指标", "别的", "", "1", "")))
    assert "独有指标" in names(library.entries(Source.OWN))


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    entry = Entry("产出指标", "数量指标", "=A1+B1", description="=SUM(A1:A9)", value="=1+1", basis="+-依据\x0b")
    export_xlsx([entry], path)
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert [(c.value, c.data_type) for c in ws[2][:5]] == [
        ("产出指标", "s"),
        ("数量指标", "s"),
        ("=A1+B1", "s"),
        ("=SUM(A1:A9)", "s"),
        ("=1+1", "s"),
    ]
    (back,) = import_xlsx(path).entries
    assert back == Entry("产出指标", "数量指标", "=A1+B1", "=SUM(A1:A9)", "=1+1", "+-依据")


def write_sheet(path: Path, rows: list[list[object]], header: list[str] | None = None) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header or list(HEADERS))
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_bad_rows_are_reported_with_cell_addresses(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_sheet(
        path,
        [
            ["产出指标", "数量指标", "培训人次", "", "≥100人次", "工作计划", 2],
            ["", "", "", "", "", "", None],  # blank row: ignored
            ["产出指标", "满意度", "错位", "", "1", "", 0],
            ["产出指标", "xx", "不知道", "", "1", "", 0],
            ["产出指标", "经济效益指标", "错位二", "", "1", "", 0],
            ["产出", "质量指标", "", "", "1", "", 0],
            ["乱写", "数量指标", "某某", "", "1", "", "三次"],
            ["产出指标", "数量指标", "培训 人次", "", "1", "", 1],
            ["产出指标", "数量指标", "公式行", "", "=1+2", "", 1],
        ],
    )
    result = import_xlsx(path)
    assert names(result.entries) == ["培训人次"]
    assert [str(e) for e in result.errors] == [
        "第4行（B4）：二级指标“满意度”不属于“产出指标”",
        "第5行（B5）：“xx”不是二级指标",
        "第6行（B6）：二级指标“经济效益指标”不属于“产出指标”",
        "第7行（C7）：三级指标为空",
        "第8行（A8）：“乱写”不是一级指标",
        "第8行（G8）：使用次数“三次”不是非负整数",
        "第9行（C9）：“培训 人次”与第2行重复",
        "第10行（E10）：指标值是公式“=1+2”，请改为文字",
    ]
    assert [e.cell for e in result.errors][:2] == ["B4", "B5"]
    assert [str(n) for n in result.notes] == []  # 第7行's alias note is dropped with the row


def test_a_library_with_errors_is_not_merged_unless_partial(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "mixed.xlsx"
    write_sheet(path, [["产出指标", "数量指标", "好行", "", "1", "", 1], ["产出指标", "坏", "坏行", "", "", "", 0]])
    result = library.import_xlsx(path)
    assert not result.ok and library.entries(Source.OWN) == []
    library.import_xlsx(path, partial=True)
    assert names(library.entries(Source.OWN)) == ["好行"]


def test_aliases_and_numbers_are_normalised_with_notes(tmp_path: Path) -> None:
    path = tmp_path / "alias.xlsx"
    header = ["三级指标", "一级指标", "二级指标", "指标值", "备注"]  # other order, no optional columns
    write_sheet(
        path, [["事故下降", "效果指标", "可持续性影响", 0.95, "x"], ["人数", "产出指标", "数量指标", 41, ""]], header
    )
    wb = openpyxl.load_workbook(path)
    wb.active["D2"].number_format = "0%"  # type: ignore[index]
    wb.save(path)
    result = import_xlsx(path)
    assert result.ok
    first, second = result.entries
    assert (first.level1, first.level2, first.value) == ("效益指标", "可持续影响指标", "95%")
    assert second.value == "41"
    assert [str(n) for n in result.notes] == [
        "第2行（B2）：一级指标“效果指标”按“效益指标”导入",
        "第2行（C2）：二级指标“可持续性影响”按“可持续影响指标”导入",
        "第2行（D2）：指标值是数值，按“95%”导入",
        "第3行（D3）：指标值是数值，按“41”导入",
    ]


def test_unreadable_workbooks_raise_a_clear_error(tmp_path: Path) -> None:
    not_xlsx = tmp_path / "a.xlsx"
    not_xlsx.write_text("hello", encoding="utf-8")
    with pytest.raises(LibraryImportError, match="不是 Excel 工作簿"):
        import_xlsx(not_xlsx)
    no_header = tmp_path / "b.xlsx"
    write_sheet(no_header, [["a", "b"]], header=["甲", "乙"])
    with pytest.raises(LibraryImportError, match="表头"):
        import_xlsx(no_header)


@pytest.mark.parametrize(("megabytes", "reason"), [(80, "解压后过大"), (8, "压缩比异常")])
def test_a_zip_bomb_is_refused_before_loading(tmp_path: Path, megabytes: int, reason: str) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 1024 * 1024))
    with pytest.raises(LibraryImportError, match=reason):
        import_xlsx(path)


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=texts.filter(bool),
    description=texts,
    value=texts,
    basis=texts,
    uses=st.integers(0, 10**6),
)
def test_xlsx_round_trip_property(
    tmp_path: Path, name: str, description: str, value: str, basis: str, uses: int
) -> None:
    entry = Entry("效益指标", "社会效益指标", name, description, value, basis, uses=uses)
    path = tmp_path / "p.xlsx"
    export_xlsx([entry], path)
    (back,) = import_xlsx(path).entries
    assert back == entry
