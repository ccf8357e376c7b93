"""The document itself, kept in a very hidden sheet of an exported workbook.

A printed table cannot show everything a document holds (the framework, the grade table, the
self-evaluation weights, the exact way an amount was typed: ``69.2`` prints as ``69.20``).  An
exporter that calls :func:`embed_document` makes its workbook import back losslessly; the
visible tables still win for every field the clerk changed (:mod:`perfdesk.importer.reconcile`).
"""

from __future__ import annotations

import re

from openpyxl.workbook.workbook import Workbook

from perfdesk.export.cells import set_cell
from perfdesk.importer.result import Collector
from perfdesk.models.codec import DecodeError
from perfdesk.models.document import Document
from perfdesk.models.jsonio import document_from_json, document_to_json

SHEET = "perfdesk"
MARK = "perfdesk-document"
CHUNK = 30_000  # characters per cell (Excel's limit is 32,767)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def embed_document(book: Workbook, doc: Document) -> None:
    """Add the very hidden sheet holding ``doc`` as JSON (call before saving the workbook)."""
    if SHEET in book.sheetnames:
        del book[SHEET]
    sheet = book.create_sheet(SHEET)
    sheet.sheet_state = "veryHidden"
    set_cell(sheet["A1"], MARK)
    set_cell(sheet["A2"], "请勿修改：perfdesk 用此表无损导入本工作簿")
    # characters XML cannot hold only occur inside JSON strings, where an escape means the same
    text = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", document_to_json(doc))
    for i in range(0, len(text), CHUNK):
        set_cell(sheet.cell(row=3 + i // CHUNK, column=1), text[i : i + CHUNK])


def read_embedded(book: Workbook, out: Collector) -> Document | None:
    """The document kept by :func:`embed_document`, or None (a damaged one is reported)."""
    if SHEET not in book.sheetnames:
        return None
    sheet = book[SHEET]
    if sheet["A1"].value != MARK:
        return None
    rows = sorted((r, c.value) for (r, col), c in sheet._cells.items() if col == 1 and r >= 3)
    text = "".join(v for _, v in rows if isinstance(v, str))
    try:
        return document_from_json(text)
    except DecodeError as exc:
        out.problem("", f"工作簿中 perfdesk 保存的文档数据无法读取（{exc}），只按可见表格导入")
        return None
