"""The .perfdesk file: round trips, migration from a stored v1 file, refusal of bad files."""

from __future__ import annotations

import os
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.models.document import Document, Indicator, PrintSettings, Project
from perfdesk.samples import samples
from perfdesk.store import file as store
from perfdesk.store.file import (
    DamagedFile,
    DocumentFileError,
    NewerFile,
    NotPerfdeskFile,
    SaveError,
    open_document,
    save_document,
)
from perfdesk.store.mapper import column_names
from perfdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", [s.name for s in samples()])
def test_sample_round_trip(tmp_path: Path, name: str) -> None:
    doc = next(s for s in samples() if s.name == name).load()
    path = tmp_path / "a.perfdesk"
    save_document(doc, path)
    assert open_document(path).document == doc


def test_file_header_and_journal(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    save_document(samples()[0].load(), path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert [p.name for p in tmp_path.iterdir()] == ["a.perfdesk"]  # no temp or journal left


def test_amounts_are_stored_as_exact_text(tmp_path: Path) -> None:
    doc = Document(projects=[Project(name="p", budget_total=Decimal("0.10"), budget_fiscal=Decimal("0.1"))])
    path = tmp_path / "a.perfdesk"
    save_document(doc, path)
    row = (
        sqlite3.connect(path)
        .execute("SELECT budget_total, budget_fiscal, typeof(budget_total) FROM project")
        .fetchone()
    )
    assert row == ("0.10", "0.1", "text")
    assert open_document(path).document.projects[0].budget_total == Decimal("0.10")


def test_schema_has_every_mapped_column(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    save_document(Document(), path)
    conn = sqlite3.connect(path)
    for table, columns in column_names().items():
        actual = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        assert columns <= actual, (table, columns - actual)


def test_migration_from_stored_v1_file(tmp_path: Path) -> None:
    original = DATA / "changli-2021.v1.perfdesk"
    path = tmp_path / "old.perfdesk"
    shutil.copyfile(original, path)
    before = path.read_bytes()
    opened = open_document(path)
    assert opened.schema_version == 1
    expected = next(s for s in samples() if s.name == "changli-2021").load()
    expected.unit.printing = PrintSettings()  # an older file prints as it did
    assert opened.document == expected
    assert path.read_bytes() == before  # opening never changes the file
    save_document(opened.document, path)
    backup = tmp_path / "old.perfdesk.v1.bak"
    assert backup.read_bytes() == before  # the copy kept before the file is upgraded
    assert open_document(path).schema_version == SCHEMA_VERSION


def test_migrations_run_one_step_at_a_time(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    store._apply(conn, 0)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    store._apply(conn, 1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    with pytest.raises(sqlite3.OperationalError):
        store._apply(conn, 1)  # a failing step rolls back and leaves the version
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "doc.perfdesk"
    save_document(samples()[0].load(), path)
    return path


def _refused(path: Path, error: type[DocumentFileError], text: str) -> None:
    before = path.read_bytes()
    with pytest.raises(error) as info:
        open_document(path)
    assert text in str(info.value)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_file_is_refused_untouched(tmp_path: Path, keep: float) -> None:
    path = _saved(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    _refused(path, DamagedFile, "截断")


def test_short_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.perfdesk"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    _refused(path, DamagedFile, "截断")


def test_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.perfdesk"
    path.write_bytes(os.urandom(5000))
    _refused(path, NotPerfdeskFile, "不是 perfdesk 文件")


def test_corrupted_pages_are_refused(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    data = bytearray(path.read_bytes())
    data[4096:8192] = os.urandom(4096)  # smash page 2 (a b-tree page)
    path.write_bytes(bytes(data))
    _refused(path, DamagedFile, "损坏")


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused(path, NotPerfdeskFile, "其他程序")


def test_newer_file_is_refused(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused(path, NewerFile, "更新版本")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentFileError, match="不存在"):
        open_document(tmp_path / "nope.perfdesk")
    with pytest.raises(DocumentFileError, match="文件夹"):
        open_document(tmp_path)


def test_failed_save_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tmp_path)
    before = path.read_bytes()

    def explode(doc: Document, target: Path) -> None:
        target.write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_database", explode)
    with pytest.raises(SaveError, match="磁盘空间不足"):
        save_document(Document(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
money = st.none() | st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
indicators = st.builds(Indicator, level1=text, level2=text, level3=text, description=text, value=text, basis=text)
projects = st.builds(
    Project, code=text, name=text, budget_total=money, budget_fiscal=money, plan_dec=money,
    goals=st.lists(text, max_size=3), indicators=st.lists(indicators, max_size=5),
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(projects, max_size=4))
def test_any_document_round_trips(tmp_path: Path, projects: list[Project]) -> None:
    doc = Document(projects=projects)
    path = tmp_path / "h.perfdesk"
    save_document(doc, path)
    assert open_document(path).document == doc
