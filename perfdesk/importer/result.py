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
    UNREAD = "未导入"  # a filled cell of a recognised table that no field took


@dataclass(frozen=True)
class ImportProblem:
    """Something the clerk should look at: where (sheet, cell like ``B7``) and what."""

    sheet: str
    cell: str
    message: str
    level: Level = Level.PROBLEM
    label: str = ""  # for 未导入: the label the value stands under or beside
    value: str = ""  # for 未导入: the cell's text

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
    questions: list[UnitQuestion] = field(default_factory=list)

    def all_messages(self) -> list[ImportProblem]:
        """Problems (未导入 among them) first, then notes."""
        return [*self.problems, *self.notes]

    def unread(self) -> list[ImportProblem]:
        """The filled cells no field took."""
        return [p for p in self.problems if p.level is Level.UNREAD]


@dataclass
class UnitQuestion:
    """Amounts whose unit no label states and whose size suggests another unit: the clerk decides.

    Answering changes only ``Project.money_unit`` (the numbers are kept as typed), so either answer
    can be undone without arithmetic.
    """

    project: int  # index into the document's projects
    sheet: str
    cell: str
    amount: str  # the amount as shown
    assumed: str  # the unit used meanwhile (万元)
    likely: str  # the unit the size suggests (元)


@dataclass
class ProjectImport:
    """One project table read from a sheet, with its own problems and notes."""

    project: Project
    sheet: str
    cell: str  # the 项目名称 label, to name the table in messages
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    question: UnitQuestion | None = None  # its amounts' unit is in doubt (project index set on assembly)
    owner_caption: str = ""  # the unit named in a caption line (``填报单位：…``), code first if given
    year: int | None = None  # the year in the table's title or subtitle
    columns: tuple[str, ...] = ()  # the indicator grid's roles, in column order (for the layout family)
    two_blocks: bool = False  # 长期 and 年度 indicator blocks
    title: str = ""  # the table's printed title (申报表, 审批表, 自评表 …)
    titles: dict[str, str] = field(default_factory=dict)  # field → printed title where a column holds another field


class NoTablesFound(WorkbookRefused):
    """A readable workbook without any official table the importer recognises."""


class Collector:
    """Collects problems and notes while a table is read."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.problems: list[ImportProblem] = []
        self.notes: list[ImportProblem] = []
        self.used: set[tuple[int, int]] = set()  # cells a field (or a label) took

    def use(self, *cells: object) -> None:
        """Mark cells (GridCells, or None) as taken by a field or recognised as labels."""
        for cell in cells:
            if cell is not None and hasattr(cell, "row"):
                self.used.add((cell.row, cell.col))  # type: ignore[attr-defined]

    def unread(self, cell: str, label: str, value: str) -> None:
        """A filled cell that no field took: 未导入, with its label and value."""
        where = f"“{label}”处" if label else "无标签处"
        message = f"{where}的“{_short(value)}”在文档中没有对应的栏目，未导入"
        self.problems.append(ImportProblem(self.sheet, cell, message, Level.UNREAD, label, value))

    def problem(self, cell: str, message: str) -> None:
        """Something could not be read; the field is left blank."""
        self.problems.append(ImportProblem(self.sheet, cell, message))

    def note(self, cell: str, message: str) -> None:
        """Something was derived, converted or ignored."""
        self.notes.append(ImportProblem(self.sheet, cell, message, Level.NOTE))


def _short(text: str, limit: int = 60) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
