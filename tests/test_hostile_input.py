"""Every attack of issue 13, one test each: one Chinese line on stderr, exit 2, never a traceback.

Workbooks, JSON documents, damaged `.perfdesk` files, writes to bad media, and text that must
never become a formula or be cut.  The fuzzing harness (tests/test_fuzz.py) finds the next ones.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from fuzz.targets import assert_no_formulas
from workbooks import rewrite

from perfdesk.atomic import ReadOnlyTarget, temp_path_for, write_bytes_atomic, write_failure
from perfdesk.cli import main
from perfdesk.export.service import ExportError, export_document
from perfdesk.importer.preflight import WorkbookRefused, preflight
from perfdesk.importer.reader import import_workbook
from perfdesk.models import bounds
from perfdesk.models.checks import check_document
from perfdesk.models.document import Document, Project, SubTarget
from perfdesk.models.jsonio import document_to_json
from perfdesk.samples import sample
from perfdesk.store.file import DamagedFile, DocumentFileError, lock_path, open_document, save_document


def cli(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str]:
    """Run the CLI in-process: (exit code, stderr); stderr must be one line when the code is 2."""
    code = main(list(argv))
    _, err = capsysbinary.readouterr()
    text = err.decode("utf-8")
    if code == 2:
        assert text.count("\n") == 1 and "Traceback" not in text and "内部错误" not in text, text
    return code, text


def sample_json(**unit: object) -> dict:
    data = json.loads(document_to_json(sample("changli-2021").load()))
    data["document"]["unit"].update(unit)
    return data


def load_text(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], text: str) -> tuple[int, str]:
    source = tmp_path / "in.json"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, err = cli(capsysbinary, "load", str(source), "-o", str(tmp_path / "out.perfdesk"))
    if code == 2:
        assert str(source) in err
        assert not (tmp_path / "out.perfdesk").exists()
    return code, err


# ---- JSON load ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("[" * 1000 + "]" * 1000, "嵌套"),
        (
            '{"format": "perfdesk-document", "version": 1, "document": {"unit": {"fiscal_year": ' + "9" * 4301 + "}}}",
            "位数",
        ),
    ],
)
def test_json_parser_limits_are_one_line(tmp_path: Path, capsysbinary, raw: str, words: str) -> None:
    code, err = load_text(tmp_path, capsysbinary, raw)
    assert code == 2 and words in err


@pytest.mark.parametrize(
    ("field", "raw", "words"),
    [
        ("fiscal_year", str(2**63), "1949"),
        ("fiscal_year", "1e999999999", "整数"),
        ("fiscal_year", "1948", "1949"),
        ("name", '"\\ud800"', "U+D800"),
        ("name", '"a\\u000bb"', "控制字符"),
        ("name", json.dumps("单" * 200_000), "文字过长"),
        ("weight_output", '"1e30"', "超出范围"),
    ],
)
def test_json_values_out_of_bounds_are_refused(tmp_path: Path, capsysbinary, field: str, raw: str, words: str) -> None:
    text = json.dumps(sample_json(**{field: "@@"})).replace('"@@"', raw)
    code, err = load_text(tmp_path, capsysbinary, text)
    assert code == 2 and words in err and f"unit.{field}" in err


@pytest.mark.parametrize("amount", ["1e30", "1e28", "2e999999999", "-1e12", "0.0000001"])
def test_amounts_that_would_kill_check_and_export_are_refused_at_load(
    tmp_path: Path, capsysbinary, amount: str
) -> None:
    data = sample_json()
    data["document"]["projects"][0]["budget_total"] = amount
    code, err = load_text(tmp_path, capsysbinary, json.dumps(data))
    assert code == 2 and "projects[0].budget_total" in err


def test_too_many_projects_are_refused(tmp_path: Path, capsysbinary) -> None:
    data = sample_json()
    data["document"]["projects"] = [data["document"]["projects"][0]] * 2_500
    code, err = load_text(tmp_path, capsysbinary, json.dumps(data))
    assert code == 2 and "条目过多" in err


def test_too_many_rows_in_all_are_refused() -> None:
    from perfdesk.models.document import Indicator

    doc = Document(projects=[Project(indicators=[Indicator()] * 40) for _ in range(800)])
    with pytest.raises(bounds.BoundsError, match="条目总数过多"):
        bounds.check(doc)


def test_a_hundred_sub_targets_export(tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    doc.overall.sub_targets = [SubTarget(title=f"目标{i}", target="t") for i in range(1, 101)]
    bounds.check(doc)
    result = export_document(doc, tmp_path / "a.pdf")
    assert result.pages and result.pages > 1


def test_every_bound_follows_the_field_type() -> None:
    """A dataclass field added later is bounded by its type alone."""
    from dataclasses import dataclass, field

    @dataclass
    class Future:
        new_amount: Decimal | None = None
        report_year: int = 2025
        new_text: str = ""
        items: list[str] = field(default_factory=list)

    assert not list(bounds.violations(Future()))
    places = dict(bounds.violations(Future(Decimal("1e13"), 3000, "x\x00", ["a"] * 5000)))
    assert set(places) == {"new_amount", "report_year", "new_text", "items"}
    assert dict(bounds.violations(Future(report_year=None))) == {"report_year": "不能为空"}  # type: ignore[arg-type]


def test_editor_amount_parsing_uses_the_bounds() -> None:
    from perfdesk.ui.core.inputs import InputError, parse_amount, parse_percent

    assert parse_amount("12.5") == Decimal("12.5")
    for text in ("1000000000000", "1.0000001"):
        with pytest.raises(InputError):
            parse_amount(text)
    with pytest.raises(InputError):
        parse_percent("99999999")


# ---- damaged .perfdesk ----------------------------------------------------------------------


def saved(tmp_path: Path, doc: Document | None = None) -> Path:
    path = tmp_path / "doc.perfdesk"
    save_document(doc or sample("changli-2021").load(), path)
    return path


def sql(path: Path, *statements: str, checksum: bool = True) -> None:
    """Edit a saved file by hand; with ``checksum`` the stored checksum is made to match again."""
    from perfdesk.store.file import CHECKSUM_TABLE, content_checksum

    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    if checksum:
        conn.execute(f"UPDATE {CHECKSUM_TABLE} SET sha256 = ?", (content_checksum(conn),))
    conn.close()


def refused_one_line(capsysbinary, path: Path, words: str) -> None:
    before = path.read_bytes()
    for command in ("check", "dump"):
        code, err = cli(capsysbinary, command, str(path))
        assert code == 2 and str(path) in err and words in err, err
    code, err = cli(capsysbinary, "export", str(path), "-o", str(path.with_suffix(".pdf")))
    assert code == 2
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (["UPDATE project SET name = CAST(x'fffe41' AS TEXT) WHERE position = 0"], "损坏"),
        (["DROP TABLE indicator"], "损坏"),
        (["ALTER TABLE project DROP COLUMN purpose"], "缺少此列"),
        (["UPDATE indicator SET position = NULL"], "position"),
        (["UPDATE indicator SET parent_id = 'x' WHERE position = 1"], "parent_id"),
        (["UPDATE project SET budget_total = 'abc' WHERE position = 0"], "budget_total"),
        (["UPDATE project SET budget_total = '1e30' WHERE position = 0"], "超出范围"),
        (["UPDATE document SET unit_fiscal_year = 9223372036854775807"], "1949"),
        (["UPDATE project SET goals = '[[[[' WHERE position = 0"], "goals"),
        (["PRAGMA user_version=1"], "损坏"),
    ],
)
def test_damaged_files_are_one_line(tmp_path: Path, capsysbinary, statements: list[str], words: str) -> None:
    path = saved(tmp_path)
    sql(path, *statements)
    refused_one_line(capsysbinary, path, words)


def test_a_flipped_digit_is_reported_not_shown(tmp_path: Path, capsysbinary) -> None:
    doc = sample("changli-2021").load()
    doc.projects[0].budget_total = Decimal(12)
    path = saved(tmp_path, doc)
    data = path.read_bytes()
    at = data.index(b"12", data.index(doc.projects[0].name.encode()) - 200)
    flipped = data[:at] + bytes([data[at] ^ 0x02]) + data[at + 1 :]  # "12" → "32", as a bit flip does
    path.write_bytes(flipped)
    refused_one_line(capsysbinary, path, "校验")


def test_integrity_report_is_one_line(tmp_path: Path, capsysbinary) -> None:
    path = saved(tmp_path)
    data = bytearray(path.read_bytes())
    data[4096 + 8 : 4096 + 200] = bytes(192)  # cell pointers of a b-tree page
    path.write_bytes(bytes(data))
    refused_one_line(capsysbinary, path, "损坏")


def test_wal_file_opens_without_writing_beside_it(tmp_path: Path) -> None:
    path = saved(tmp_path)
    sql(path, "PRAGMA journal_mode=WAL", checksum=False)
    before = path.read_bytes()
    assert open_document(path).document == sample("changli-2021").load()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.perfdesk"]
    assert path.read_bytes() == before


def test_a_fifo_is_refused_without_hanging(tmp_path: Path, capsysbinary) -> None:
    fifo = tmp_path / "X.perfdesk"
    os.mkfifo(fifo)
    code, err = cli(capsysbinary, "check", str(fifo))
    assert code == 2 and "不是普通文件" in err


def test_control_characters_of_an_old_file_are_cleaned_with_a_note(tmp_path: Path, capsysbinary) -> None:
    path = saved(tmp_path)
    sql(path, "UPDATE document SET unit_name = unit_name || char(11)")
    opened = open_document(path)
    assert opened.document.unit.name == sample("changli-2021").load().unit.name
    assert opened.notes and "控制字符" in opened.notes[0]
    assert main(["check", str(path)]) == 0
    assert "说明" in capsysbinary.readouterr().err.decode() and "单位名称" in opened.notes[0]


# ---- writes and media -----------------------------------------------------------------------


def test_dump_on_a_full_disk_is_one_line(tmp_path: Path) -> None:
    path = saved(tmp_path)
    out = tmp_path / "out.json"
    script = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000));"
        "from perfdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run([sys.executable, "-c", script, "dump", str(path), "-o", str(out)], capture_output=True)
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and "磁盘空间不足" in err, err
    assert not out.exists() and not list(tmp_path.glob(".*tmp"))


def test_merge_to_a_missing_folder_is_one_line(tmp_path: Path, capsysbinary) -> None:
    path = saved(tmp_path)
    code, err = cli(capsysbinary, "merge", str(path), "-o", str(tmp_path / "gone" / "sum.xlsx"))
    assert code == 2 and "保存位置不存在" in err


def test_read_only_medium_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    assert "只读" in write_failure(OSError(errno.EROFS, "Read-only file system"), tmp_path / "a")
    monkeypatch.setattr("perfdesk.atomic._medium_read_only", lambda folder: True)
    assert "只读" in write_failure(sqlite3.OperationalError("unable to open database file"), tmp_path / "a")
    monkeypatch.undo()
    assert "不存在" in write_failure(sqlite3.OperationalError("unable to open database file"), tmp_path / "no" / "a")


def test_read_only_target_is_not_replaced(tmp_path: Path, capsysbinary) -> None:
    target = saved(tmp_path)
    target.chmod(0o444)
    before = target.read_bytes()
    with pytest.raises(ReadOnlyTarget):
        write_bytes_atomic(target, b"new")
    source = tmp_path / "in.json"
    source.write_text(document_to_json(Document()), encoding="utf-8")
    code, err = cli(capsysbinary, "load", str(source), "-o", str(target))
    assert code == 2 and "只读" in err
    assert target.read_bytes() == before


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = saved(tmp_path)
    target.chmod(0o640)
    save_document(Document(), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_concurrent_writers_keep_each_others_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = target.with_name(f".{target.name}.p{other.pid}-0123abcd.tmp")
        live.write_bytes(b"another writer's half")
        dead = target.with_name(f".{target.name}.p{2**22 + 12345}-0123abcd.tmp")
        dead.write_bytes(b"a killed writer's")
        write_bytes_atomic(target, b"{}")
        assert live.exists() and not dead.exists()
        assert temp_path_for(target).name.startswith(f".{target.name}.p{os.getpid()}-")
    finally:
        other.kill()
        other.wait()


def test_cli_honours_the_editor_lock(tmp_path: Path, capsysbinary) -> None:
    target = saved(tmp_path)
    before = target.read_bytes()
    lock_path(target).write_text(f"{os.getpid()}\nperfdesk\n{socket.gethostname()}\n", encoding="utf-8")
    source = tmp_path / "in.json"
    source.write_text(document_to_json(Document()), encoding="utf-8")
    code, err = cli(capsysbinary, "load", str(source), "-o", str(target))
    assert code == 2 and "正在 perfdesk 中编辑" in err
    assert target.read_bytes() == before
    lock_path(target).write_text(f"{2**22 + 12345}\nperfdesk\n{socket.gethostname()}\n", encoding="utf-8")
    assert cli(capsysbinary, "load", str(source), "-o", str(target))[0] == 0  # a stale lock of a dead process


def test_lock_name_is_the_editors() -> None:
    from perfdesk.ui.core.fileaccess import lock_path as editor_lock

    assert lock_path(Path("/x/a.perfdesk")) == editor_lock(Path("/x/a.perfdesk"))


# ---- text -----------------------------------------------------------------------------------


def test_formula_text_never_becomes_a_formula(tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    doc.unit.name = "=1+1"
    doc.unit.title = '=HYPERLINK("http://example.com","点我")'
    doc.projects[0].department_name = "=SUM(A1:A9)"
    doc.projects[0].indicators[0].value = "#N/A"
    out = tmp_path / "a.xlsx"
    export_document(doc, out)
    assert_no_formulas(out)
    from openpyxl import load_workbook

    book = load_workbook(out)
    assert book["目录"]["A1"].value.startswith("=1+1")
    assert book["目录"]["A1"].data_type == "s"


def test_control_characters_do_not_break_exports(tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    doc.unit.name = "应急\x0b管理局\x01"
    doc.projects[0].purpose = "第一行\x0c第二行"
    for suffix in (".xlsx", ".docx", ".pdf"):
        export_document(doc, tmp_path / f"a{suffix}")


def test_text_over_a_cell_is_refused_never_cut(tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    doc.projects[0].goals = ["长" * 30_000, "长" * 30_000]  # one cell of 60,000 characters
    with pytest.raises(ExportError, match="32,767"):
        export_document(doc, tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()
    with pytest.raises(bounds.BoundsError, match="文字过长"):
        bounds.check(Document(projects=[Project(purpose="长" * 40_000)]))


# ---- workbook import ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "export.xlsx"
    export_document(sample("changli-2021").load(), path)
    return path


def _first_sheet(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return next(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet") and n != "xl/worksheets/sheet1.xml")


def test_merged_range_written_with_a_character_reference(tmp_path: Path, exported: Path) -> None:
    name = _first_sheet(exported)
    with zipfile.ZipFile(exported) as zf:
        body = zf.read(name).decode()
    import re

    merge = '<mergeCell ref="A1&#58;XFD1048576"/>'
    if "<mergeCells" in body:
        body = re.sub(r"(<mergeCells[^>]*>)", lambda m: m.group(1) + merge, body, count=1)
    else:
        body = body.replace("</sheetData>", f"</sheetData><mergeCells>{merge}</mergeCells>", 1)
    bad = rewrite(exported, tmp_path / "bad.xlsx", {name: body.encode()})
    with pytest.raises(WorkbookRefused):
        import_workbook(bad)


def test_dtd_after_the_first_4_kb(tmp_path: Path, exported: Path) -> None:
    name = _first_sheet(exported)
    with zipfile.ZipFile(exported) as zf:
        body = zf.read(name)
    at = max(4200, len(body) // 2)
    body = body[:at] + b'<!DOCTYPE x [<!ENTITY a "a">]>' + body[at:]
    bad = rewrite(exported, tmp_path / "dtd.xlsx", {name: body})
    with pytest.raises(WorkbookRefused, match="实体"):
        preflight(bad)


def test_damaged_compressed_data(tmp_path: Path, exported: Path) -> None:
    data = bytearray(exported.read_bytes())
    with zipfile.ZipFile(exported) as zf:
        info = max(zf.infolist(), key=lambda i: i.compress_size)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 60):
        data[i] ^= 0x55
    bad = tmp_path / "flip.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(WorkbookRefused) as info_:
        import_workbook(bad)
    assert "\n" not in str(info_.value) and str(bad) in str(info_.value)


def test_style_with_an_undefined_number_format(tmp_path: Path, exported: Path) -> None:
    with zipfile.ZipFile(exported) as zf:
        styles = zf.read("xl/styles.xml").decode()
    import re

    styles = re.sub(r'numFmtId="\d+"', 'numFmtId="999"', styles)
    bad = rewrite(exported, tmp_path / "fmt.xlsx", {"xl/styles.xml": styles.encode()})
    result = import_workbook(bad)
    assert result.document.projects


def _sheet_with(path: Path, text: str) -> tuple[str, str]:
    """(member name, XML) of the sheet whose XML holds ``text`` (strings are written inline)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            body = zf.read(name).decode("utf-8")
            if name.startswith("xl/worksheets/") and text in body:
                return name, body
    raise AssertionError(text)


def test_edited_hidden_document_is_not_trusted(tmp_path: Path, exported: Path) -> None:
    name, strings = _sheet_with(exported, '"fiscal_year": 2021')
    edited = strings.replace('"fiscal_year": 2021', '"fiscal_year": 1e999999999', 1)
    bad = rewrite(exported, tmp_path / "hidden.xlsx", {name: edited.encode()})
    result = import_workbook(bad)
    assert result.document.unit.fiscal_year == 2021
    assert any("perfdesk 保存的文档数据无法读取" in str(p) for p in result.problems)
    check_document(result.document)


def test_own_export_with_much_repetitive_text_imports(tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    for p in doc.projects:
        p.purpose = "重复的文字" * 6_000  # 30,000 characters each, 180,000 in all, twice (table and hidden sheet)
    path = tmp_path / "rep.xlsx"
    export_document(doc, path)
    result = import_workbook(path)
    assert result.document.projects[0].purpose == doc.projects[0].purpose


def test_import_cleans_out_of_bounds_values_with_a_problem(tmp_path: Path, exported: Path) -> None:
    project = sample("changli-2021").load().projects[0].name
    encoded = "".join(f"&#{ord(c)};" for c in project)  # openpyxl writes ASCII with character references
    name, body = _sheet_with(exported, f">{encoded}<")
    edited = body.replace(f">{encoded}<", f">{encoded}{'&#38271;' * 33_000}<")  # 长 × 33,000
    bad = rewrite(exported, tmp_path / "long.xlsx", {name: edited.encode()})
    result = import_workbook(bad)
    assert len(result.document.projects[0].name) <= bounds.SHORT_LIMIT
    assert any("文字过长" in str(p) for p in result.problems)
    save_document(result.document, tmp_path / "ok.perfdesk")


def test_clean_removes_control_characters_and_says_where() -> None:
    doc = Document(projects=[Project(name="a\x0bb", goals=["x\x00"])])
    changes = bounds.clean(doc)
    assert doc.projects[0].name == "ab" and doc.projects[0].goals == ["x"]
    assert [place for place, _ in changes] == ["projects[0].name", "projects[0].goals[0]"]


def test_damaged_file_error_is_typed(tmp_path: Path) -> None:
    path = saved(tmp_path)
    sql(path, "UPDATE project SET budget_total = x'00ff'")
    with pytest.raises(DamagedFile):
        open_document(path)
    with pytest.raises(DocumentFileError):
        open_document(tmp_path)


def test_what_could_not_be_reopened_is_not_saved(tmp_path: Path) -> None:
    """A clerk pasting 100,000 characters into 单位名称 is told at save, not locked out at the next open."""
    from perfdesk.store.file import SaveError

    path = saved(tmp_path)
    before = path.read_bytes()
    doc = sample("changli-2021").load()
    doc.unit.name = "单" * 100_000
    with pytest.raises(SaveError, match=r"unit\.name"):
        save_document(doc, path)
    assert path.read_bytes() == before
    doc.unit.name = "单位\x0b"  # a control character is saved, and removed with a note on opening
    save_document(doc, path)
    assert open_document(path).notes


def test_a_lone_surrogate_is_refused_at_save(tmp_path: Path) -> None:
    from perfdesk.store.file import SaveError

    with pytest.raises(SaveError, match="U\\+D800"):
        save_document(Document(projects=[Project(name="a\ud800")]), tmp_path / "a.perfdesk")
    assert not list(tmp_path.iterdir())


def test_bit_flips_never_open_with_changed_content(tmp_path: Path) -> None:
    """150 single-bit flips anywhere past the header: each is refused or opens unchanged (was: 20 changed)."""
    import random

    doc = sample("changli-2021").load()
    good = saved(tmp_path, doc).read_bytes()
    rng = random.Random(13)
    outcomes = {"refused": 0, "same": 0}
    for _ in range(150):
        data = bytearray(good)
        at = rng.randrange(100, len(data))
        data[at] ^= 1 << rng.randrange(8)
        path = tmp_path / "flip.perfdesk"
        path.write_bytes(bytes(data))
        try:
            opened = open_document(path).document
        except DocumentFileError as exc:
            assert "\n" not in str(exc)
            outcomes["refused"] += 1
            continue
        assert opened == doc, f"bit flip at byte {at} opened with changed content"
        outcomes["same"] += 1
    assert outcomes["refused"] > 0
