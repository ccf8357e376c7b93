"""Shared helpers for the tests (and ``bench/bench_hostile.py``) that feed bad and hostile workbooks
to the importer.

The tests bound what is deterministic — the reason given and the traced memory — and keep a wall
clock only as a hang guard (minutes, not the target): the refusal *times* are a speed target and
are measured by ``bench/bench_hostile.py`` into ``docs/benchmarks.md``.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from perfdesk.importer.preflight import WorkbookRefused

SHEET = "xl/worksheets/sheet1.xml"
MEMORY_LIMIT = 300 * 1024 * 1024  # traced peak of one refusal
HANG_GUARD_S = 120  # a reader that iterates what it should refuse takes hours; 5 s is the benchmark's target


def rewrite(src: Path, dst: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    """Copy the workbook src to dst with some zip members replaced and some added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def assert_refused(open_book: Callable[[Path], object], path: Path, text: str) -> WorkbookRefused:
    """open_book(path) is refused with text in the reason, in under 300 MB traced; returns the refusal."""
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(WorkbookRefused) as info:
        open_book(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert text in info.value.reason, info.value.reason
    assert elapsed < HANG_GUARD_S, elapsed
    assert peak < MEMORY_LIMIT, peak
    return info.value


# --- hostile workbooks, built from a small good one ---------------------------------------------


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


def sheet_xml(src: Path) -> bytes:
    with zipfile.ZipFile(src) as zf:
        return zf.read(SHEET)


def zip_bomb(src: Path, dst: Path) -> Path:
    """200 MB of nothing in the first sheet, ~200 KB compressed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != SHEET:
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open(SHEET, "w", force_zip64=True) as fh:
            zeros = b"\x00" * (1 << 20)
            for _ in range(200):
                fh.write(zeros)
    return dst


def entity_bomb(src: Path, dst: Path) -> Path:
    """A billion laughs in the first sheet."""
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return rewrite(src, dst, {SHEET: lol})


def million_rows(src: Path, dst: Path) -> Path:
    body = io.BytesIO()
    body.write(
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    for r in range(1, 1_000_001):
        body.write(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r))
    body.write(b"</sheetData></worksheet>")
    return rewrite(src, dst, {SHEET: body.getvalue()})


def merge_bomb(src: Path, dst: Path, ref: str = "A1:XFD1048576") -> Path:
    """openpyxl makes an object per merged position: one tag would take all the memory."""
    xml = sheet_xml(src).replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % ref.encode()
    )
    return rewrite(src, dst, {SHEET: xml})


def lying_dimension(src: Path, dst: Path) -> Path:
    """A sheet claiming the whole grid, with one cell at its far corner."""
    xml = sheet_xml(src)
    start = xml.index(b"<dimension")
    end = xml.index(b"/>", start) + 2
    lie = xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[end:]
    far = lie.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )
    return rewrite(src, dst, {SHEET: far})


def hyperlink_bomb(src: Path, dst: Path) -> Path:
    """openpyxl's full load would create a cell for every position a hyperlink range covers."""
    link = b'<hyperlinks><hyperlink ref="A1:XFD1048576" location="Sheet!A1"/></hyperlinks>'
    return rewrite(src, dst, {SHEET: sheet_xml(src).replace(b"</sheetData>", b"</sheetData>" + link)})


# name → (builder, the refusal's text, or None where the table imports all the same)
HOSTILE: dict[str, tuple[Callable[[Path, Path], Path], str | None]] = {
    "zip bomb (200 MB in 200 KB)": (zip_bomb, "压缩炸弹"),
    "XML entity bomb": (entity_bomb, "XML 实体"),
    "a million rows": (million_rows, "行以上"),
    "merged range over the whole sheet": (merge_bomb, "超出绩效表的合理大小"),
    "dimension claiming the whole sheet": (lying_dimension, None),
    "hyperlink over the whole sheet": (hyperlink_bomb, None),
}
