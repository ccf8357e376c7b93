"""What an import returns: the document, and every problem or note with its sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from perfdesk.importer.preflight import WorkbookRefused
from perfdesk.models.document import Document, Project


class Level(StrEnum):
    """A problem left something unread (blank); a note says what was derived or ignored."""

    PROBLEM = "问题"
    NOTE = "说明"


@dataclass(frozen=True)
class ImportProblem:
    """Something the clerk should look at: where (sheet, cell like ``B7``) and what."""

    sheet: str
    cell: str
    message: str
    level: Level = Level.PROBLEM

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" + (f" {self.cell}" if self.cell else "") if self.sheet else ""
        return f"{where}：{self.message}" if where else self.message


@dataclass
class ImportResult:
    """An imported document with the problems (unread cells) and notes (derived or ignored)."""

    document: Document
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    source: Path | None = None

    def all_messages(self) -> list[ImportProblem]:
        """Problems first, then notes."""
        return [*self.problems, *self.notes]


@dataclass
class ProjectImport:
    """One project table read from a sheet, with its own problems and notes."""

    project: Project
    sheet: str
    cell: str  # the 项目名称 label, to name the table in messages
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)


class NoTablesFound(WorkbookRefused):
    """A readable workbook without any official table the importer recognises."""


class Collector:
    """Collects problems and notes while a table is read."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.problems: list[ImportProblem] = []
        self.notes: list[ImportProblem] = []

    def problem(self, cell: str, message: str) -> None:
        """Something could not be read; the field is left blank."""
        self.problems.append(ImportProblem(self.sheet, cell, message))

    def note(self, cell: str, message: str) -> None:
        """Something was derived, converted or ignored."""
        self.notes.append(ImportProblem(self.sheet, cell, message, Level.NOTE))
