"""汇总: the level above reads many units' documents, reviews and totals them.

A :class:`Merge` holds one document per unit and year.  Adding a document for a unit that is
already there replaces it (a corrected workbook sent again), it never duplicates it.  The
summary rows — units, projects, amounts, findings — are plain data for the summary window,
the summary workbook and the summary PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfdesk.importer.preflight import WorkbookRefused
from perfdesk.models.checks import Finding, check_document, count
from perfdesk.models.document import Document
from perfdesk.models.money import sum_amounts
from perfdesk.store.file import DocumentFileError

Loader = Callable[[Path], Document]
# What a loader raises for a file it cannot read; each carries a Chinese ``reason``.
LOAD_ERRORS: tuple[type[DocumentFileError] | type[WorkbookRefused], ...] = (DocumentFileError, WorkbookRefused)


@dataclass(frozen=True)
class UnitKey:
    """A unit in a merge: its budget code (or, lacking one, its name) and the fiscal year."""

    code_or_name: str
    year: int

    @staticmethod
    def of(doc: Document) -> UnitKey:
        """The key of a document's unit."""
        return UnitKey(doc.unit.code.strip() or doc.unit.name.strip(), doc.unit.fiscal_year)


@dataclass
class UnitEntry:
    """One unit's document in the merge, where it came from and what the checks found."""

    document: Document
    source: Path
    findings: list[Finding]

    @property
    def errors(self) -> int:
        """Number of errors."""
        return count(self.findings)[0]

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return count(self.findings)[1]


@dataclass(frozen=True)
class UnitRow:
    """A line of the unit summary."""

    name: str
    code: str
    year: int
    projects: int
    indicators: int
    total: Decimal
    fiscal: Decimal
    other: Decimal
    errors: int
    warnings: int
    source: str


@dataclass(frozen=True)
class ProjectRow:
    """A line of the project list: one project of one unit."""

    unit: str
    unit_code: str
    code: str
    name: str
    total: Decimal | None
    fiscal: Decimal | None
    other: Decimal | None
    indicators: int
    errors: int
    warnings: int


@dataclass
class LoadFailure:
    """A file that could not be read, with the reason."""

    path: Path
    reason: str


@dataclass
class Merge:
    """The documents of many units, keyed by unit and year."""

    entries: dict[UnitKey, UnitEntry] = field(default_factory=dict)

    def add(self, doc: Document, source: Path) -> bool:
        """Add or replace a unit's document; True if it replaced an earlier one."""
        key = UnitKey.of(doc)
        replaced = key in self.entries
        self.entries[key] = UnitEntry(doc, Path(source), check_document(doc))
        return replaced

    def remove(self, key: UnitKey) -> None:
        """Drop a unit from the merge."""
        self.entries.pop(key, None)

    def sorted_entries(self) -> list[tuple[UnitKey, UnitEntry]]:
        """Entries by year, then unit code/name."""
        return sorted(self.entries.items(), key=lambda kv: (kv[0].year, kv[0].code_or_name))

    def unit_rows(self) -> list[UnitRow]:
        """One summary line per unit."""
        return [_unit_row(entry) for _, entry in self.sorted_entries()]

    def project_rows(self) -> list[ProjectRow]:
        """Every project of every unit."""
        rows = []
        for _, entry in self.sorted_entries():
            unit = entry.document.unit
            for index, p in enumerate(entry.document.projects):
                mine = [f for f in entry.findings if f.place.project == index]
                errors, warnings = count(mine)
                rows.append(
                    ProjectRow(
                        unit.name, unit.code, p.code, p.name, p.budget_total, p.budget_fiscal, p.budget_other,
                        len(p.indicators), errors, warnings,
                    )
                )  # fmt: skip
        return rows

    def totals(self) -> UnitRow:
        """The grand total line."""
        rows = self.unit_rows()
        return UnitRow(
            name="合计", code="", year=0,
            projects=sum(r.projects for r in rows), indicators=sum(r.indicators for r in rows),
            total=sum_amounts(*(r.total for r in rows)), fiscal=sum_amounts(*(r.fiscal for r in rows)),
            other=sum_amounts(*(r.other for r in rows)),
            errors=sum(r.errors for r in rows), warnings=sum(r.warnings for r in rows), source="",
        )  # fmt: skip


def _unit_row(entry: UnitEntry) -> UnitRow:
    doc = entry.document
    return UnitRow(
        name=doc.unit.name, code=doc.unit.code, year=doc.unit.fiscal_year, projects=len(doc.projects),
        indicators=sum(len(p.indicators) for p in doc.projects),
        total=sum_amounts(*(p.budget_total for p in doc.projects)),
        fiscal=sum_amounts(*(p.budget_fiscal for p in doc.projects)),
        other=sum_amounts(*(p.budget_other for p in doc.projects)),
        errors=entry.errors, warnings=entry.warnings, source=entry.source.name,
    )  # fmt: skip


def merge_files(
    paths: Iterable[Path],
    load: Loader,
    *,
    into: Merge | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Merge, list[LoadFailure]]:
    """Load each file with ``load`` into a merge; failures are collected, never fatal."""
    merge = into if into is not None else Merge()
    failures: list[LoadFailure] = []
    paths = list(paths)
    for done, path in enumerate(paths):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(paths), path)
        try:
            merge.add(load(path), path)
        except LOAD_ERRORS as exc:
            failures.append(LoadFailure(Path(path), exc.reason))
    if progress is not None:
        progress(len(paths), len(paths), Path())
    return merge, failures
