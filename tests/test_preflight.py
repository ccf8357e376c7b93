"""Bad and hostile workbooks are refused fast, in bounded memory, with a clear message."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from workbooks import assert_refused, entity_bomb, million_rows, rewrite, zip_bomb

from perfdesk.importer.preflight import OLE2_MAGIC, WorkbookRefused, preflight
from perfdesk.importer.workbook import open_workbook


def good_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "项目名称"
    sheet["B1"] = "安全生产专项经费"
    sheet["A2"] = 1
    sheet["B2"] = "=A2*2"
    book.save(path)
    return path


def refused(path: Path, text: str) -> None:
    error = assert_refused(open_workbook, path, text)
    assert str(path) in str(error)


def test_good_workbook_opens_with_cached_values_only(tmp_path: Path) -> None:
    book, checked = open_workbook(good_workbook(tmp_path / "ok.xlsx"))
    sheet = book.active
    assert sheet["B1"].value == "安全生产专项经费"
    assert sheet["B2"].value is None  # openpyxl wrote no cached value: the formula is not evaluated
    assert checked.sheets == 1 and checked.cells == 4 and checked.notes == []


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("项目名称,金额\n", encoding="utf-8")
    refused(path, "不是 Excel 工作簿")


def test_missing_and_folder(tmp_path: Path) -> None:
    refused(tmp_path / "none.xlsx", "不存在")
    with pytest.raises(WorkbookRefused, match="文件夹"):
        preflight(tmp_path)


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.95])
def test_truncated(tmp_path: Path, keep: float) -> None:
    data = good_workbook(tmp_path / "ok.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    refused(path, "损坏")


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE2_MAGIC + b"\x00" * 4000 + "Workbook".encode("utf-16-le"))
    refused(path, "旧版 .xls")


def test_password_protected(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(OLE2_MAGIC + b"\x00" * 2000 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
                     + "EncryptedPackage".encode("utf-16-le"))  # fmt: skip
    refused(path, "密码")


def test_zip_bomb(tmp_path: Path) -> None:
    path = zip_bomb(good_workbook(tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 1_000_000
    refused(path, "压缩炸弹")


def test_xml_entity_bomb(tmp_path: Path) -> None:
    refused(entity_bomb(good_workbook(tmp_path / "ok.xlsx"), tmp_path / "lol.xlsx"), "XML 实体")


def test_million_rows(tmp_path: Path) -> None:
    refused(million_rows(good_workbook(tmp_path / "ok.xlsx"), tmp_path / "rows.xlsx"), "行以上")


def test_macros_are_ignored_not_refused(tmp_path: Path) -> None:
    src = good_workbook(tmp_path / "ok.xlsx")
    path = rewrite(src, tmp_path / "macro.xlsx", {}, {"xl/vbaProject.bin": b"\x00" * 100})
    book, checked = open_workbook(path)
    assert book.active["B1"].value == "安全生产专项经费"
    assert any("宏" in note for note in checked.notes)


def test_forged_cached_formula_value_is_text_not_evaluated(tmp_path: Path) -> None:
    src = good_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(src) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    forged = sheet.replace(b"<f>A2*2</f><v></v>", b"<f>A2*2</f><v>999</v>").replace(
        b"<f>A2*2</f>", b"<f>A2*2</f><v>999</v>", 1
    )
    path = rewrite(src, tmp_path / "forged.xlsx", {"xl/worksheets/sheet1.xml": forged})
    book, _ = open_workbook(path)
    assert book.active["B2"].value == 999  # the cached value as stored; nothing computed
