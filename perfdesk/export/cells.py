"""The one writer of workbook cells: text always stays text, never a formula, never cut.

Every exported workbook (the document's tables, the 目录, the hidden document sheet, the 汇总)
writes its cells through :func:`set_cell`.  A string is stored with the string type whatever it
starts with (``=1+1``, ``=HYPERLINK(…)``, ``#N/A`` stay visible text); characters XML cannot hold
are removed (Word's line breaks become newlines); text longer than an Excel cell can hold is
refused with its place rather than cut silently by Excel.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

CELL_LIMIT = 32_767  # characters Excel keeps in one cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class CellTooLong(ValueError):
    """A text longer than an Excel cell can hold; the message names sheet and cell."""


def xml_text(text: str) -> str:
    """``text`` without the characters an XML file cannot hold (vertical tab and form feed → newline)."""
    return _NOT_XML.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def set_cell(cell: Any, value: str | Decimal | int | float | None) -> Any:
    """Store ``value`` in an openpyxl cell: text as text (never a formula), numbers as numbers."""
    if isinstance(value, str):
        text = xml_text(value)
        if len(text) > CELL_LIMIT:
            sheet = getattr(getattr(cell, "parent", None), "title", "")
            raise CellTooLong(
                f"工作表“{sheet}”{cell.coordinate} 的文字有 {len(text):,} 字，超过 Excel 单元格的上限 {CELL_LIMIT:,} 字"
            )
        cell.value = text
        cell.data_type = "s"  # user text, never a formula, an error code or a number
        return cell
    cell.value = value
    return cell
