"""汇总: the level above reads many units' documents, reviews and totals them.

A :class:`Merge` holds one document per unit and year.  Its projects are keyed by unit code,
project code (the name when the code is blank) and year: a project sent again (a corrected
workbook) replaces the earlier one, a new project is added, nothing is duplicated; a file
imported again replaces everything that came from it.  The summary rows — units, projects,
amounts, findings, import problems — are plain data for the summary window, the summary
workbook and the summary PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfdesk.importer.preflight import WorkbookRefused
from perfdesk.importer.result import ImportProblem, ImportResult, Level
from perfdesk.models.checks import Finding, check_document, count
from perfdesk.models.document import Document, Project
from perfdesk.models.money import convert_money, sum_amounts
from perfdesk.store.file import DocumentFileError

Loader = Callable[[Path], Document | ImportResult]
# What a loader raises for a file it cannot read; each carries a Chinese ``reason``.
LOAD_ERRORS: tuple[type[DocumentFileError] | type[WorkbookRefused], ...] = (DocumentFileError, WorkbookRefused)


@dataclass(frozen=True)
class UnitKey:
    """A unit in a merge: its budget code (or, lacking one, its name) and the fiscal year."""

    code_or_name: str
    year: int

    @staticmethod
    def of(doc: Document, source: Path | None = None) -> UnitKey:
        """The key of a document's unit; a unit without code and name is known by its file."""
        ident = doc.unit.code.strip() or doc.unit.name.strip()
        if not ident and source is not None:
            ident = f"（{Path(source).name}）"
        return UnitKey(ident, doc.unit.fiscal_year)


def project_keys(projects: Sequence[Project]) -> list[tuple[str, int]]:
    """Each project's key in its unit: its code (or name) and which occurrence of it this is."""
    seen: dict[str, int] = {}
    keys = []
    for p in projects:
        ident = p.code.strip() or p.name.strip()
        seen[ident] = seen.get(ident, 0) + 1
        keys.append((ident, seen[ident]))
    return keys


@dataclass
class UnitEntry:
    """One unit's document in the merge, where it came from and what the checks found."""

    document: Document
    source: Path  # the file added last
    findings: list[Finding]
    project_sources: list[Path] = field(default_factory=list)  # the file each project came from
    import_problems: dict[Path, list[ImportProblem]] = field(default_factory=dict)  # per workbook

    @property
    def sources(self) -> list[Path]:
        """The files this unit's data comes from, first seen first."""
        return list(dict.fromkeys([*self.project_sources, self.source]))

    @property
    def problems(self) -> list[ImportProblem]:
        """Import problems and notes of every file still in use."""
        return [p for items in self.import_problems.values() for p in items]

    @property
    def unread(self) -> int:
        """Number of import problems (cells that could not be read)."""
        return sum(p.level is not Level.NOTE for p in self.problems)  # problems and 未导入 cells

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
    unread: int = 0  # import problems: cells of a workbook that could not be read


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

    def add(self, doc: Document, source: Path, problems: Sequence[ImportProblem] = ()) -> bool:
        """Add a unit's document, replacing its projects already there; True if the unit was there."""
        source = Path(source)
        key = UnitKey.of(doc, source)
        entry = self.entries.get(key)
        if entry is None:
            entry = UnitEntry(doc, source, [], [source] * len(doc.projects))
        else:
            entry = _combined(entry, doc, source)
        entry.import_problems[source] = list(problems)
        used = {*entry.project_sources, source}
        entry.import_problems = {s: ps for s, ps in entry.import_problems.items() if s in used}
        entry.findings = check_document(entry.document)
        replaced = key in self.entries
        self.entries[key] = entry
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
                        unit.name, unit.code, p.code, p.name, wan(p, "budget_total"), wan(p, "budget_fiscal"),
                        wan(p, "budget_other"),
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
            unread=sum(r.unread for r in rows),
        )  # fmt: skip


def wan(project: Project, attr: str) -> Decimal | None:
    """A project amount in 万元, the 汇总's unit (a project typed in 元 keeps its own unit: issue 12)."""
    return convert_money(getattr(project, attr), project.money_unit, "万元")


def _combined(entry: UnitEntry, doc: Document, source: Path) -> UnitEntry:
    """``entry`` with ``doc`` added: a file sent again replaces all it gave, a project its namesake."""
    old = entry.document
    kept = [(p, s) for p, s in zip(old.projects, entry.project_sources, strict=True) if s != source]
    projects = [p for p, _ in kept]
    sources = [s for _, s in kept]
    index = {k: i for i, k in enumerate(project_keys(projects))}
    for project, key in zip(doc.projects, project_keys(doc.projects), strict=True):
        if key in index:
            projects[index[key]], sources[index[key]] = project, source
        else:
            projects.append(project)
            sources.append(source)
    merged = Document(
        unit=doc.unit,
        overall=doc.overall if _has_text(doc) or not _has_text(old) else old.overall,
        projects=projects,
        dept_table=doc.dept_table if doc.dept_table is not None else old.dept_table,
        self_report=doc.self_report if doc.self_report is not None else old.self_report,
    )
    return UnitEntry(merged, source, [], sources, dict(entry.import_problems))


def _has_text(doc: Document) -> bool:
    o = doc.overall
    return bool(
        o.summary.strip() or o.sub_targets_text.strip() or o.sub_targets or o.measures.groups or o.measures.text
    )


def _unit_row(entry: UnitEntry) -> UnitRow:
    doc = entry.document
    return UnitRow(
        name=doc.unit.name, code=doc.unit.code, year=doc.unit.fiscal_year, projects=len(doc.projects),
        indicators=sum(len(p.indicators) for p in doc.projects),
        total=sum_amounts(*(wan(p, "budget_total") for p in doc.projects)),
        fiscal=sum_amounts(*(wan(p, "budget_fiscal") for p in doc.projects)),
        other=sum_amounts(*(wan(p, "budget_other") for p in doc.projects)),
        errors=entry.errors, warnings=entry.warnings, source="、".join(s.name for s in entry.sources),
        unread=entry.unread,
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
            loaded = load(path)
        except LOAD_ERRORS as exc:
            failures.append(LoadFailure(Path(path), exc.reason))
            continue
        if isinstance(loaded, ImportResult):
            merge.add(loaded.document, path, loaded.all_messages())
        else:
            merge.add(loaded, path)
    if progress is not None:
        progress(len(paths), len(paths), Path())
    return merge, failures
