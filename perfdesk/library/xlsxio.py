"""Export the indicator library to an xlsx sheet and import it back, validating every row.

The sheet has one header row: 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
指标值确定依据 | 使用次数.  Export keeps text as text (a value starting with ``=`` is never a
formula) and writes atomically.  Import runs the shared pre-flight
(:mod:`perfdesk.importer.preflight`) before openpyxl reads anything, finds the
columns by their header, and reports each bad row with its cell address instead of guessing;
aliases such as 效果指标 are mapped to the canonical name and reported as notes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from perfdesk.atomic import write_atomic
from perfdesk.export.cells import set_cell
from perfdesk.importer.preflight import WorkbookRefused, preflight
from perfdesk.library.entry import Entry, Key, Source, clean_text, valid_pair
from perfdesk.models.frameworks import canonical_level1, canonical_level2

SHEET_TITLE = "指标库"
HEADERS = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "使用次数")
REQUIRED = HEADERS[:3]
_WIDTHS = (12, 16, 28, 44, 14, 18, 10)

MAX_ROWS = 100_000  # the shared pre-flight also caps a workbook at 300,000 cells (~42,000 entries)
_HEADER_SCAN = 30  # columns looked at in the header row


class LibraryImportError(Exception):
    """The workbook cannot be read at all (not xlsx, too large, no header); the message says why."""


@dataclass(frozen=True)
class RowProblem:
    """A problem with one cell of the imported sheet."""

    row: int
    column: int  # 1-based
    message: str

    @property
    def cell(self) -> str:
        """The cell address, e.g. B5."""
        return f"{get_column_letter(self.column)}{self.row}"

    def __str__(self) -> str:
        return f"第{self.row}行（{self.cell}）：{self.message}"


@dataclass
class ImportResult:
    """The valid entries of a sheet, the rows refused, and notes on what was normalised."""

    entries: list[Entry] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True if no row was refused."""
        return not self.errors


def export_xlsx(entries: Iterable[Entry], path: Path) -> int:
    """Write the entries as one sheet to ``path`` atomically; returns the row count."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_TITLE
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    count = 0
    for count, e in enumerate(entries, 1):
        texts = (e.level1, e.level2, e.name, e.description, e.value, e.basis)
        for col, text in enumerate(texts, 1):
            set_cell(ws.cell(row=count + 1, column=col), text)
        ws.cell(row=count + 1, column=len(HEADERS), value=e.uses)
    for col, width in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=2, max_col=len(HEADERS) - 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    write_atomic(Path(path), lambda tmp: wb.save(tmp))
    return count


def import_xlsx(path: Path) -> ImportResult:
    """Read and validate a library sheet; raises LibraryImportError if it cannot be read at all."""
    path = Path(path)
    _preflight(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except ParseError as exc:
        raise LibraryImportError(f"{path.name}：文件内容异常，无法读取（{exc}）") from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise LibraryImportError(f"{path.name}：不是有效的 xlsx 文件（{exc}）") from None
    try:
        return _read_sheet(_pick_sheet(wb, path))
    except ParseError as exc:
        raise LibraryImportError(f"{path.name}：文件内容异常，无法读取（{exc}）") from None
    finally:
        wb.close()


def _preflight(path: Path) -> None:
    """Refuse zip bombs, XML bombs and non-xlsx files in milliseconds, before openpyxl loads anything."""
    try:
        preflight(path)
    except WorkbookRefused as exc:
        raise LibraryImportError(f"{path.name}：{exc.reason}") from None


def _pick_sheet(wb: Any, path: Path) -> Any:
    """The sheet called 指标库, else the first sheet whose first row has the headers."""
    if SHEET_TITLE in wb.sheetnames:
        return wb[SHEET_TITLE]
    for ws in wb.worksheets:
        first = next(ws.iter_rows(min_row=1, max_row=1, max_col=_HEADER_SCAN, values_only=True), ())
        if set(REQUIRED) <= {_header(v) for v in first}:
            return ws
    raise LibraryImportError(f"{path.name}：没有找到含“一级指标/二级指标/三级指标”表头的工作表")


def _header(value: Any) -> str:
    return "".join(str(value).split()) if value is not None else ""


def _columns(ws: Any) -> dict[str, int]:
    """Header name → 0-based column, from the first row."""
    first = next(ws.iter_rows(min_row=1, max_row=1, max_col=_HEADER_SCAN, values_only=True), ())
    found: dict[str, int] = {}
    for col, value in enumerate(first):
        name = _header(value)
        if name in HEADERS and name not in found:
            found[name] = col
    missing = [h for h in REQUIRED if h not in found]
    if missing:
        raise LibraryImportError(f"第1行：缺少“{'、'.join(missing)}”列")
    return found


def _read_sheet(ws: Any) -> ImportResult:
    cols = _columns(ws)
    width = max(cols.values()) + 1
    result = ImportResult()
    seen: dict[Key, int] = {}
    for row_no, cells in enumerate(ws.iter_rows(min_row=2, max_col=width), 2):
        if row_no > MAX_ROWS + 1:
            raise LibraryImportError(f"行数超过 {MAX_ROWS}，不像指标库")
        reader = _RowReader(row_no, cells, cols, result)
        entry = reader.entry()
        if entry is None:
            continue
        if entry.key in seen:
            result.errors.append(RowProblem(row_no, cols["三级指标"] + 1, f"“{entry.name}”与第{seen[entry.key]}行重复"))
            continue
        seen[entry.key] = row_no
        result.entries.append(entry)
    result.errors.sort(key=lambda p: (p.row, p.column))
    result.notes.sort(key=lambda p: (p.row, p.column))
    return result


class _RowReader:
    """Reads one sheet row into an Entry, recording problems with their cell addresses."""

    def __init__(self, row: int, cells: tuple[Any, ...], cols: dict[str, int], result: ImportResult) -> None:
        self.row = row
        self.cells = cells
        self.cols = cols
        self.result = result
        self.failed = False
        self.notes: list[RowProblem] = []

    def error(self, header: str, message: str) -> None:
        """Refuse the row because of this cell."""
        self.result.errors.append(RowProblem(self.row, self.cols[header] + 1, message))
        self.failed = True

    def note(self, header: str, message: str) -> None:
        """Record a normalisation the clerk should know about (dropped if the row is refused)."""
        self.notes.append(RowProblem(self.row, self.cols[header] + 1, message))

    def raw(self, header: str) -> Any:
        """The cell of a column, or None when the column is absent or the row short."""
        col = self.cols.get(header)
        if col is None or col >= len(self.cells):
            return None
        return self.cells[col]

    def text(self, header: str) -> str:
        """A cell as text; numbers and dates converted with a note, formulas refused."""
        cell = self.raw(header)
        value = getattr(cell, "value", None)
        if value is None:
            return ""
        if getattr(cell, "data_type", "s") == "f":
            self.error(header, f"{header}是公式“{value}”，请改为文字")
            return ""
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value).strip()
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | dt.date):
            self.error(header, f"{header}“{value}”不是文字")
            return ""
        converted = _number_text(value, getattr(cell, "number_format", "General"))
        self.note(header, f"{header}是{'日期' if isinstance(value, dt.date) else '数值'}，按“{converted}”导入")
        return converted

    def entry(self) -> Entry | None:
        """The row as an Entry, or None (blank row, or refused with errors recorded)."""
        if all(_blank(getattr(c, "value", None)) for c in self.cells):
            return None
        texts = {h: self.text(h) for h in HEADERS[:6]}
        uses_cell = self.raw("使用次数")
        level1 = self._level1(texts["一级指标"])
        level2 = self._level2(texts["二级指标"], level1)
        if not texts["三级指标"]:
            self.error("三级指标", "三级指标为空")
        uses = self._uses(uses_cell)
        if self.failed or level1 is None or level2 is None:
            return None
        self.result.notes += self.notes
        return Entry(
            level1,
            level2,
            clean_text(texts["三级指标"]),
            texts["绩效指标描述"],
            texts["指标值"],
            texts["指标值确定依据"],
            uses=uses,
            source=Source.OWN,
        )

    def _level1(self, text: str) -> str | None:
        if not text:
            self.error("一级指标", "一级指标为空")
            return None
        canonical = canonical_level1(text)
        if canonical is None:
            self.error("一级指标", f"“{text}”不是一级指标")
        elif canonical != text:
            self.note("一级指标", f"一级指标“{text}”按“{canonical}”导入")
        return canonical

    def _level2(self, text: str, level1: str | None) -> str | None:
        if not text:
            self.error("二级指标", "二级指标为空")
            return None
        canonical = canonical_level2(text)
        if canonical is None:
            self.error("二级指标", f"“{text}”不是二级指标")
            return None
        if level1 is not None and not valid_pair(level1, canonical):
            self.error("二级指标", f"二级指标“{text}”不属于“{level1}”")
            return None
        if canonical != text:
            self.note("二级指标", f"二级指标“{text}”按“{canonical}”导入")
        return canonical

    def _uses(self, cell: Any) -> int:
        value = getattr(cell, "value", None)
        if _blank(value):
            return 0
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal(-1)
        if isinstance(value, bool) or number < 0 or number != number.to_integral_value():
            self.error("使用次数", f"使用次数“{value}”不是非负整数")
            return 0
        return int(number)


def _number_text(value: Any, number_format: str) -> str:
    """A numeric or date cell as the text a clerk sees: 0.95 with a % format is 95%."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    number = Decimal(str(value))
    if "%" in (number_format or ""):
        return f"{_plain(number * 100)}%"
    return _plain(number)


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 95.0 → 95, 1E+2 → 100."""
    return format(number.normalize(), "f")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
