"""Excel 97–2003 (.xls) workbooks import like .xlsx (python-calamine), and hostile ones are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from workbooks import assert_refused

from perfdesk.cli import main
from perfdesk.importer.reader import import_workbook
from perfdesk.importer.xls import is_xls
from perfdesk.models.jsonio import document_to_json

DATA = Path(__file__).parent / "data" / "xls"


def _xlsx_twin(tmp_path: Path) -> Path:
    """mixed.xls was saved by LibreOffice from this workbook (the builders of the other import tests)."""
    import openpyxl
    from test_import_evaluation import f_family
    from test_import_families import shenbao_sheet

    book = openpyxl.Workbook()
    f_family(book.active)
    book.active.title = "自评"
    shenbao_sheet(book.create_sheet("申报"))
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "x"
    hidden.sheet_state = "hidden"
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    return path


def test_xls_imports_like_its_xlsx_twin(tmp_path: Path) -> None:
    xls = import_workbook(DATA / "mixed.xls")
    xlsx = import_workbook(_xlsx_twin(tmp_path))
    assert document_to_json(xls.document) == document_to_json(xlsx.document)
    assert [str(m) for m in xls.all_messages()] == [str(m) for m in xlsx.all_messages()]
    (first, second) = xls.document.projects
    assert first.money_unit == "元" and first.indicators[0].level1_points == 50  # merged cells and labels read
    assert second.evaluation is not None and len(second.evaluation.rows) == 5


def test_xls_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "表.xlsx"  # WPS users rename files; the content decides
    shutil.copy(DATA / "mixed.xls", renamed)
    assert is_xls(renamed)
    assert len(import_workbook(renamed).document.projects) == 2


def test_cli_imports_xls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.perfdesk"
    assert main(["import", str(DATA / "mixed.xls"), "-o", str(out)]) == 0
    assert out.exists() and "未导入" in capsys.readouterr().out


def _locked(tmp_path: Path) -> Path:
    """An .xls whose workbook stream carries a FILEPASS record: what a password makes."""
    data = bytearray((DATA / "mixed.xls").read_bytes())
    bof = data.find(bytes([0x09, 0x08, 0x10, 0x00]))
    data[bof + 20 : bof + 22] = bytes([0x2F, 0x00])  # the record after BOF becomes FILEPASS
    path = tmp_path / "locked.xls"
    path.write_bytes(data)
    return path


def test_password_is_one_clear_line(tmp_path: Path) -> None:
    refusal = assert_refused(import_workbook, _locked(tmp_path), "密码")
    assert "\n" not in refusal.reason


def test_sheet_claiming_the_whole_grid_is_refused_fast(tmp_path: Path) -> None:
    assert_refused(import_workbook, DATA / "sparse.xls", "超出绩效表的合理大小")


def test_garbage_after_the_ole2_signature(tmp_path: Path) -> None:
    path = tmp_path / "junk.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 4096)
    assert_refused(import_workbook, path, ".xls")


def test_truncated_xls(tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    path.write_bytes((DATA / "mixed.xls").read_bytes()[:3000])
    assert_refused(import_workbook, path, ".xls")


def test_oversized_xls(tmp_path: Path) -> None:
    path = tmp_path / "big.xls"
    with path.open("wb") as fh:
        fh.write(bytes.fromhex("d0cf11e0a1b11ae1"))
        fh.truncate(51 * 1024 * 1024)
    assert_refused(import_workbook, path, "文件过大")


def test_refused_xls_leaves_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.perfdesk"
    assert main(["import", str(_locked(tmp_path)), "-o", str(out)]) != 0
    assert not out.exists() and "密码" in capsys.readouterr().err


def test_xls_percent_and_decimal_formats_read_as_shown(tmp_path: Path) -> None:
    """percent.xls is LibreOffice's .xls of test_import_handmade's seed-000 sheet: 10% typed as 0.1 with 0%."""
    import openpyxl
    from test_import_handmade import seed000_sheet

    book = openpyxl.Workbook()
    seed000_sheet(book.active)
    book.active.title = "高新区"
    twin = tmp_path / "percent.xlsx"
    book.save(twin)
    xls = import_workbook(DATA / "percent.xls", year=2021).document
    xlsx = import_workbook(twin, year=2021).document
    assert document_to_json(xls) == document_to_json(xlsx)
    second = xls.projects[1]
    assert (second.plan_mar, second.plan_dec) == (10, 100)  # not 0.1 and 1
    assert second.indicators[1].value == "95%"
