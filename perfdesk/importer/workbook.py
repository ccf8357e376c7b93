"""Open an .xlsx workbook for reading, safely: pre-flight first, then openpyxl in normal mode.

Normal (not read-only) mode keeps merged ranges, which official tables need; ``data_only``
gives a formula's cached value as text to confirm — formulas are never evaluated, macros
never run.  Every failure becomes :class:`WorkbookRefused` with a Chinese reason.

Only cell values (with their number formats), merged ranges and sheet states are loaded:
openpyxl's full load also styles every merged position (most of the time of a 20-table
workbook), expands hyperlink ranges cell by cell and decodes images, none of which an import
needs.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl.xml
from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import WorksheetReader
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from perfdesk.importer.preflight import MAX_CELLS, Preflight, WorkbookRefused, preflight


class _TooLarge(Exception):
    """A sheet whose merged ranges cover more positions than any budget table."""


class _SheetReader(WorksheetReader):
    """A worksheet's cells and merged ranges, nothing else."""

    def bind_merged_cells(self) -> None:
        if self.parser.merged_cells:
            ranges = [CellRange(m.ref) for m in self.parser.merged_cells.mergeCell]
            # the pre-flight counted the merged area from the raw XML; this is the parser's own view
            if sum(r.size["rows"] * r.size["columns"] for r in ranges) > MAX_CELLS:
                raise _TooLarge(self.ws.title)
            self.ws.merged_cells = MultiCellRange(ranges)

    def bind_all(self) -> None:
        self.bind_cells()
        self.bind_merged_cells()


class _BookReader(ExcelReader):
    """openpyxl's reader with worksheets read by :class:`_SheetReader` (chart sheets skipped)."""

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            with self.archive.open(rel.target) as fh:
                ws = self.wb.create_sheet(sheet.name)
                _SheetReader(ws, fh, self.shared_strings, self.data_only, self.rich_text).bind_all()
            ws.sheet_state = sheet.state


def _load(path: Path) -> Workbook:
    # a file object: openpyxl would refuse a name not ending in .xlsx (the pre-flight checked the content)
    with path.open("rb") as fh:
        reader = _BookReader(fh, read_only=False, keep_vba=False, data_only=True, keep_links=False)
        reader.read()
    return reader.wb


def open_workbook(path: Path) -> tuple[Workbook, Preflight]:
    """The workbook at ``path`` with cached values, after the pre-flight; or WorkbookRefused."""
    path = Path(path)
    if not openpyxl.xml.DEFUSEDXML:
        raise WorkbookRefused(path, "安全组件 defusedxml 未启用（环境变量 OPENPYXL_DEFUSEDXML），拒绝读取工作簿")
    checked = preflight(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions, data validation …
            book = _load(path)
    except WorkbookRefused:
        raise
    except _TooLarge as exc:
        raise WorkbookRefused(
            path, f"工作表“{exc}”的合并单元格超过 {MAX_CELLS} 个位置，超出绩效表的合理大小，拒绝打开"
        ) from None
    except ParseError as exc:
        raise WorkbookRefused(path, f"工作簿的 XML 无法解析或不安全（{exc}）") from None
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:
        raise WorkbookRefused(path, f"文件已损坏或不完整（{exc}）") from None
    except Exception as exc:  # defusedxml's and openpyxl's own errors have no common base
        name = type(exc).__name__
        if "Forbidden" in name:
            raise WorkbookRefused(path, "工作簿含有不安全的 XML 内容（实体或外部引用），拒绝打开") from None
        raise WorkbookRefused(path, f"无法读取工作簿（{name}: {' '.join(str(exc).split())[:160]}）") from None
    return book, checked
