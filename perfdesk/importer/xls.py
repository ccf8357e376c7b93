"""Excel 97–2003 (.xls) workbooks, and WPS files saved in that format, read with python-calamine.

The pre-flight for this format is here (``preflight.py`` checks the zip-based .xlsx): the file's
size, the OLE2 signature, a password (refused with one clear line), and — before any sheet is
turned into rows — each sheet's used area, so a sheet claiming a million rows is refused in
milliseconds instead of being materialised.  calamine gives values and merged ranges, not number
formats: those come from xlrd (:func:`number_formats`), so ``0.25`` shown as ``25%`` reads as 25%.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from perfdesk.importer.grid import MAX_LABEL, Grid, GridCell, display, label_key, merge_maps
from perfdesk.importer.preflight import (
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    OLE2_MAGIC,
    Preflight,
    WorkbookRefused,
)

# .xls cells are not compressed: 20 MB holds about two million cells, far beyond any table, and bounds
# what calamine materialises before the used-area check below.
MAX_XLS_BYTES = 20 * 1024 * 1024
MAX_SHEETS = 1_000  # perfdesk writes one sheet per project: 300 projects are 303 sheets
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), b"EncryptionInfo")


def is_xls(path: Path) -> bool:
    """True if the file is an OLE2 container that is not an encrypted .xlsx (an .xls workbook)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith(OLE2_MAGIC) and not _encrypted_xlsx(path)


def _encrypted_xlsx(path: Path) -> bool:
    with Path(path).open("rb") as fh:
        data = fh.read(4 * 1024 * 1024)
    return any(mark in data for mark in _ENCRYPTED)


def xls_preflight(path: Path) -> Preflight:
    """Size and signature of an .xls file; WorkbookRefused with one clear line if it will not be read."""
    path = Path(path)
    size = path.stat().st_size
    if size > min(MAX_FILE_BYTES, MAX_XLS_BYTES):
        raise WorkbookRefused(path, f"文件过大（{size // 1_048_576} MB），不像预算绩效表")
    with path.open("rb") as fh:
        if not fh.read(8).startswith(OLE2_MAGIC):
            raise WorkbookRefused(path, "不是 Excel 97–2003 工作簿（.xls）")
    return Preflight()


def _open(path: Path) -> Any:
    import python_calamine as pc  # the Rust reader loads only when an .xls is opened

    try:
        if path.suffix.lower() == ".xls":
            return pc.CalamineWorkbook.from_path(str(path))
        # calamine picks the format by the name: an .xls renamed (WPS users do) is read from a copy
        with tempfile.TemporaryDirectory(prefix="perfdesk-xls-") as folder:
            copy = Path(folder) / "workbook.xls"
            shutil.copyfile(path, copy)
            return pc.CalamineWorkbook.from_path(str(copy))
    except pc.PasswordError:
        raise WorkbookRefused(path, "工作簿设有打开密码，请在 Excel 或 WPS 中取消密码后再导入") from None
    except pc.CalamineError as exc:
        raise WorkbookRefused(path, f"无法读取 .xls 工作簿（{_reason(exc)}）") from None
    except Exception as exc:  # calamine's Rust errors surface with various Python types
        raise WorkbookRefused(path, f"无法读取 .xls 工作簿（{_reason(exc)}）") from None


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower():
        return "设有密码"
    return text[:120] or type(exc).__name__


def read_xls(path: Path) -> tuple[list[tuple[str, str, Grid | None]], Preflight]:
    """Every sheet of an .xls file as (title, state, grid); hidden sheets come without a grid.

    Every sheet's used area is checked before any sheet is turned into rows or its formats are read.
    """
    path = Path(path)
    checked = xls_preflight(path)
    book = _open(path)
    import python_calamine as pc

    metas = book.sheets_metadata
    if len(metas) > MAX_SHEETS:
        raise WorkbookRefused(path, f"工作表过多（{len(metas)} 张），拒绝打开")
    found: list[tuple[str, str, Any]] = []
    total = 0
    for meta in metas:
        if meta.typ is not pc.SheetTypeEnum.WorkSheet:
            continue
        state = "visible" if meta.visible is pc.SheetVisibleEnum.Visible else "hidden"
        if state != "visible":
            found.append((meta.name, state, None))
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception as exc:
            raise WorkbookRefused(path, f"工作表“{meta.name}”无法读取（{_reason(exc)}）") from None
        height, width = sheet.height, sheet.width
        if height > MAX_ROWS:
            raise WorkbookRefused(path, f"工作表“{meta.name}”有 {height} 行，超出绩效表的合理大小，拒绝打开")
        total += height * width
        if total > MAX_CELLS * 4:  # the used area, blanks included; a real table is far below
            raise WorkbookRefused(path, f"单元格超过 {MAX_CELLS} 个，超出绩效表的合理大小，拒绝打开")
        found.append((meta.name, state, sheet))
    formats, failure = number_formats(path)
    if failure:
        checked.notes.append(
            f"无法读取 .xls 的数字格式（{failure}）：百分数、小数位按 Excel“常规”格式读取，请核对百分比单元格"
        )
    sheets: list[tuple[str, str, Grid | None]] = []
    for name, state, sheet in found:
        grid = grid_from_calamine(sheet, name, formats.get(name)) if sheet is not None else None
        sheets.append((name, state, grid))
        checked.sheets += sheet is not None
    return sheets, checked


Formats = dict[tuple[int, int], str]  # (row, col), 0-based → number format of a numeric cell


def number_formats(path: Path) -> tuple[dict[str, Formats], str]:
    """The number format of every numeric cell, by sheet (calamine gives values only), with xlrd.

    ``0.25`` shown as ``25%`` is 25 in a 资金支出计划 and ``90%`` in a 指标值: without its format it would
    read as 0.25.  Returns the formats and, if they could not be read, why (said in a note).
    """
    try:
        import xlrd  # pure Python, reads BIFF records: only the cell formats are taken from it

        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:  # a WPS variant xlrd does not know: the values still come from calamine
        return {}, str(exc)[:80] or type(exc).__name__
    out: dict[str, Formats] = {}
    try:
        for index, name in enumerate(book.sheet_names()):
            sheet = book.sheet_by_index(index)
            cells: Formats = {}
            for r in range(sheet.nrows):
                for c, kind in enumerate(sheet.row_types(r)):
                    if kind == xlrd.XL_CELL_NUMBER:
                        xf = book.xf_list[sheet.cell_xf_index(r, c)]
                        fmt = book.format_map.get(xf.format_key)
                        if fmt is not None and fmt.format_str not in ("General", ""):
                            cells[(r, c)] = fmt.format_str
            out[name] = cells
            book.unload_sheet(index)
    except Exception as exc:
        return out, str(exc)[:80] or type(exc).__name__
    finally:
        book.release_resources()
    return out, ""


def grid_from_calamine(sheet: Any, title: str, formats: Formats | None = None) -> Grid:
    """A calamine sheet as a :class:`Grid` (1-based rows and columns, merged ranges kept).

    ``formats`` gives numeric cells their number format (:func:`number_formats`); without it a number
    reads as Excel's General format shows it.
    """
    formats = formats or {}
    start = sheet.start or (0, 0)
    spans, owner = merge_maps(
        (r0 + 1, c0 + 1, r1 + 1, c1 + 1)
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []
        if (r1 - r0 + 1) * (c1 - c0 + 1) <= MAX_CELLS  # a range over a whole sheet merges nothing a table shows
    )
    cells: dict[tuple[int, int], GridCell] = {}
    for i, values in enumerate(sheet.iter_rows()):
        r = start[0] + i + 1
        for j, value in enumerate(values):
            c = start[1] + j + 1
            if (r, c) in owner:
                continue
            text, shown, exact, percent = display(value, formats.get((r - 1, c - 1), "General"))
            last = spans.get((r, c), (r, c))
            if text or last != (r, c):
                indented = isinstance(value, str) and value.startswith(("\u3000", "  "))
                key = label_key(text) if len(text) <= MAX_LABEL else ""
                cells[(r, c)] = GridCell(r, c, text, key, shown, percent, exact, *last, indented)
    for (r, c), last in spans.items():
        if (r, c) not in cells:
            cells[(r, c)] = GridCell(r, c, "", "", None, False, None, *last)
    return Grid(title, cells, owner)
