"""Open an .xlsx workbook for reading, safely: pre-flight first, then openpyxl in normal mode.

Normal (not read-only) mode keeps merged ranges, which official tables need; ``data_only``
gives a formula's cached value as text to confirm — formulas are never evaluated, macros
never run.  Every failure becomes :class:`WorkbookRefused` with a Chinese reason.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
import openpyxl.xml
from openpyxl.workbook.workbook import Workbook

from perfdesk.importer.preflight import Preflight, WorkbookRefused, preflight


def open_workbook(path: Path) -> tuple[Workbook, Preflight]:
    """The workbook at ``path`` with cached values, after the pre-flight; or WorkbookRefused."""
    path = Path(path)
    if not openpyxl.xml.DEFUSEDXML:
        raise WorkbookRefused(path, "安全组件 defusedxml 未启用（环境变量 OPENPYXL_DEFUSEDXML），拒绝读取工作簿")
    checked = preflight(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions, data validation …
            book = openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
    except WorkbookRefused:
        raise
    except ParseError as exc:
        raise WorkbookRefused(path, f"工作簿的 XML 无法解析或不安全（{exc}）") from None
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:
        raise WorkbookRefused(path, f"文件已损坏或不完整（{exc}）") from None
    except Exception as exc:  # defusedxml's and openpyxl's own errors have no common base
        name = type(exc).__name__
        if "Forbidden" in name:
            raise WorkbookRefused(path, "工作簿含有不安全的 XML 内容（实体或外部引用），拒绝打开") from None
        raise WorkbookRefused(path, f"无法读取工作簿（{name}: {exc}）") from None
    return book, checked
