"""Bad and hostile files given to the importer: a clear refusal within 5 s and 300 MB, never a crash."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from workbooks import assert_refused, rewrite

from perfdesk.importer.preflight import OLE2_MAGIC
from perfdesk.importer.reader import import_workbook

SHEET = "xl/worksheets/sheet1.xml"


def table_workbook(path: Path) -> Path:
    """A tiny workbook holding one project table (so that a file that opens also imports)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["项目编码", "", "项目名称", "安全生产专项经费"])
    ws.append(["预算规模及资金用途", "预算数", "=C3*2", "其中：财政资金", 10, "其他资金", 0])
    ws.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
    ws.append(["产出指标", "数量指标", "检查次数", "次数", "≥2次", "计划"])
    book.save(path)
    return path


def refused(path: Path, text: str) -> None:
    assert_refused(import_workbook, path, text)


def sheet_xml(src: Path) -> bytes:
    with zipfile.ZipFile(src) as zf:
        return zf.read(SHEET)


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
    src = table_workbook(tmp_path / "ok.xlsx")
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != SHEET:
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open(SHEET, "w", force_zip64=True) as fh:
            for _ in range(200):
                fh.write(b" " * (1 << 20))
    refused(path, "压缩炸弹")


def test_xml_entity_bomb(tmp_path: Path) -> None:
    src = table_workbook(tmp_path / "ok.xlsx")
    entities = b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10))
    xml = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a0 "lol">' + entities + b"]>" + sheet_xml(src)[38:]
    refused(rewrite(src, tmp_path / "lol.xlsx", {SHEET: xml}), "XML 实体")


def test_a_million_rows(tmp_path: Path) -> None:
    src = table_workbook(tmp_path / "ok.xlsx")
    body = io.BytesIO()
    body.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    for r in range(1, 1_000_001):
        body.write(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r))
    body.write(b"</sheetData></worksheet>")
    refused(rewrite(src, tmp_path / "rows.xlsx", {SHEET: body.getvalue()}), "行以上")


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "$A$1:$Z$20000", "A:XFD"])
def test_merged_range_bomb(tmp_path: Path, ref: str) -> None:
    """openpyxl makes an object per merged position: one tag would take all the memory."""
    src = table_workbook(tmp_path / "ok.xlsx")
    xml = sheet_xml(src).replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % ref.encode()
    )
    refused(rewrite(src, tmp_path / "merge.xlsx", {SHEET: xml}), "超出绩效表的合理大小")


def test_lying_dimension_is_never_iterated(tmp_path: Path) -> None:
    src = table_workbook(tmp_path / "ok.xlsx")
    xml = sheet_xml(src)
    start = xml.index(b"<dimension")
    end = xml.index(b"/>", start) + 2
    lie = xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[end:]
    far = lie.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )
    path = rewrite(src, tmp_path / "dim.xlsx", {SHEET: far})
    started = time.perf_counter()
    result = import_workbook(path, year=2025)
    assert time.perf_counter() - started < 5
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
    src = table_workbook(tmp_path / "ok.xlsx")
    link = b'<hyperlinks><hyperlink ref="A1:XFD1048576" location="Sheet!A1"/></hyperlinks>'
    xml = sheet_xml(src).replace(b"</sheetData>", b"</sheetData>" + link)
    started = time.perf_counter()
    result = import_workbook(rewrite(src, tmp_path / "link.xlsx", {SHEET: xml}), year=2025)
    assert time.perf_counter() - started < 5
    assert result.document.projects[0].name == "安全生产专项经费"
