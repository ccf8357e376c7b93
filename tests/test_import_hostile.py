"""Bad and hostile files given to the importer: a clear refusal in bounded memory, never a crash.

How fast each is refused is measured by ``bench/bench_hostile.py`` (target: 5 s).
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from workbooks import (
    HANG_GUARD_S,
    SHEET,
    assert_refused,
    entity_bomb,
    hyperlink_bomb,
    lying_dimension,
    merge_bomb,
    million_rows,
    rewrite,
    sheet_xml,
    table_workbook,
    zip_bomb,
)

from perfdesk.importer.preflight import OLE2_MAGIC
from perfdesk.importer.reader import import_workbook


def refused(path: Path, text: str) -> None:
    assert_refused(import_workbook, path, text)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("项目名称,金额\n", encoding="utf-8")
    refused(path, "不是 Excel 工作簿")


def test_truncated(tmp_path: Path) -> None:
    data = table_workbook(tmp_path / "ok.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) * 2 // 3])
    refused(path, "损坏")


def test_old_xls_and_password(tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(OLE2_MAGIC + b"\x00" * 4000)
    refused(old, "无法读取 .xls 工作簿")  # an .xls is read (test_import_xls); a broken one is refused
    secret = tmp_path / "secret.xlsx"
    secret.write_bytes(OLE2_MAGIC + b"\x00" * 2000 + "EncryptedPackage".encode("utf-16-le"))
    refused(secret, "密码")


def test_zip_bomb(tmp_path: Path) -> None:
    refused(zip_bomb(table_workbook(tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx"), "压缩炸弹")


def test_xml_entity_bomb(tmp_path: Path) -> None:
    refused(entity_bomb(table_workbook(tmp_path / "ok.xlsx"), tmp_path / "lol.xlsx"), "XML 实体")


def test_a_million_rows(tmp_path: Path) -> None:
    refused(million_rows(table_workbook(tmp_path / "ok.xlsx"), tmp_path / "rows.xlsx"), "行以上")


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "$A$1:$Z$20000", "A:XFD"])
def test_merged_range_bomb(tmp_path: Path, ref: str) -> None:
    """openpyxl makes an object per merged position: one tag would take all the memory."""
    path = merge_bomb(table_workbook(tmp_path / "ok.xlsx"), tmp_path / "merge.xlsx", ref)
    refused(path, "超出绩效表的合理大小")


def test_lying_dimension_is_never_iterated(tmp_path: Path) -> None:
    path = lying_dimension(table_workbook(tmp_path / "ok.xlsx"), tmp_path / "dim.xlsx")
    started = time.perf_counter()
    result = import_workbook(path, year=2025)
    assert time.perf_counter() - started < HANG_GUARD_S  # iterating 17 billion cells would take hours
    assert result.document.projects[0].name == "安全生产专项经费"


def test_formula_gives_its_cached_value_never_evaluated(tmp_path: Path) -> None:
    src = table_workbook(tmp_path / "ok.xlsx")
    forged = (
        sheet_xml(src)
        .replace(b"<f>C3*2</f><v></v>", b"<f>C3*2</f><v>999</v>")
        .replace(b"<f>C3*2</f>", b"<f>C3*2</f><v>999</v>", 1)
    )
    result = import_workbook(rewrite(src, tmp_path / "forged.xlsx", {SHEET: forged}), year=2025)
    assert str(result.document.projects[0].budget_total) == "999"  # the stored value, nothing computed
    no_cache = import_workbook(src, year=2025)
    assert no_cache.document.projects[0].budget_total is None


def test_macros_are_ignored_with_a_note(tmp_path: Path) -> None:
    src = table_workbook(tmp_path / "ok.xlsx")
    path = rewrite(src, tmp_path / "macro.xlsm", {}, {"xl/vbaProject.bin": b"\x00" * 100})
    result = import_workbook(path, year=2025)
    assert result.document.projects[0].name == "安全生产专项经费"
    assert any("宏" in str(n) for n in result.notes)


def test_shared_strings_bomb(tmp_path: Path) -> None:
    """Millions of short distinct strings: a small file that openpyxl would turn into 550 MB."""
    src = table_workbook(tmp_path / "ok.xlsx")
    strings = b"".join(b"<si><t>%x</t></si>" % i for i in range(400_000))
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + strings + b"</sst>"
    with zipfile.ZipFile(src) as zf:
        rels = zf.read("xl/_rels/workbook.xml.rels")
        types = zf.read("[Content_Types].xml")
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    rels = rels.replace(
        b"</Relationships>", b'<Relationship Id="rS" Type="%s" Target="sharedStrings.xml"/></Relationships>' % kind
    )
    part = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    types = types.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>' % part)
    replace = {"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}
    refused(rewrite(src, tmp_path / "sst.xlsx", replace, {"xl/sharedStrings.xml": sst}), "文字条目超过")


def test_styles_bomb(tmp_path: Path) -> None:
    """600,000 cell formats in a 0.5 MB file took openpyxl 13 s and 1.3 GB."""
    src = table_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(src) as zf:
        styles = zf.read("xl/styles.xml")
    many = b"".join(b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>' % (i % 163) for i in range(100_000))
    bomb = styles.replace(b"<cellXfs", b"<cellStyleXfs>" + many + b"</cellStyleXfs><cellXfs", 1)
    refused(rewrite(src, tmp_path / "styles.xlsx", {"xl/styles.xml": bomb}), "单元格格式超过")


def test_a_sheet_moved_out_of_xl_worksheets_is_still_counted(tmp_path: Path) -> None:
    src = table_workbook(tmp_path / "ok.xlsx")
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, 200_001))
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows
    sheet += b"</sheetData></worksheet>"
    with zipfile.ZipFile(src) as zf:
        rels = zf.read("xl/_rels/workbook.xml.rels").replace(b"worksheets/sheet1.xml", b"data.xml")
    path = rewrite(
        src, tmp_path / "moved.xlsx", {"xl/_rels/workbook.xml.rels": rels, SHEET: b""}, {"xl/data.xml": sheet}
    )
    refused(path, "行以上")


def test_hyperlink_over_the_whole_sheet_is_not_expanded(tmp_path: Path) -> None:
    """openpyxl's full load would create a cell for every position a hyperlink range covers."""
    path = hyperlink_bomb(table_workbook(tmp_path / "ok.xlsx"), tmp_path / "link.xlsx")
    started = time.perf_counter()
    result = import_workbook(path, year=2025)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert result.document.projects[0].name == "安全生产专项经费"
