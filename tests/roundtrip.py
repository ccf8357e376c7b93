"""The round trip a document's fields must survive: save → reopen → JSON → load → xlsx → import."""

from __future__ import annotations

from pathlib import Path

from perfdesk.export.service import export_document
from perfdesk.importer.reader import import_workbook
from perfdesk.importer.result import ImportResult
from perfdesk.models.document import Document
from perfdesk.models.jsonio import document_from_json, document_to_json
from perfdesk.store.file import open_document, save_document


def round_trip(doc: Document, folder: Path) -> ImportResult:
    """Each step gives back ``doc`` exactly; returns the import of the exported workbook."""
    save_document(doc, folder / "a.perfdesk")
    reopened = open_document(folder / "a.perfdesk").document
    assert reopened == doc
    loaded = document_from_json(document_to_json(reopened))
    assert loaded == doc
    export_document(loaded, folder / "a.xlsx")
    result = import_workbook(folder / "a.xlsx")
    assert result.document == doc
    return result
