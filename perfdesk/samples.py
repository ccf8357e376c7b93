"""The bundled sample documents: the five seed documents, entered completely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from perfdesk.models.document import Document
from perfdesk.models.jsonio import document_from_json
from perfdesk.resources import resource


@dataclass(frozen=True)
class Sample:
    """A bundled sample: its name (used on the command line) and what it holds."""

    name: str
    path: Path

    def load(self) -> Document:
        """The sample as a document."""
        return document_from_json(self.path.read_text(encoding="utf-8"))

    def describe(self) -> str:
        """One line: unit, year and the forms it holds."""
        doc = self.load()
        forms = []
        if doc.projects:
            forms.append(f"{len(doc.projects)} 个项目绩效目标表")
        if doc.dept_table is not None:
            forms.append("部门整体预算绩效目标表")
        if doc.self_report is not None:
            forms.append("整体支出绩效自评报告")
        return f"{doc.unit.name} {doc.unit.fiscal_year}年：{'、'.join(forms) or '空白文档'}"


def samples() -> list[Sample]:
    """All bundled samples, sorted by name."""
    folder = resource("samples")
    return [Sample(p.stem, p) for p in sorted(folder.glob("*.json"))]


def sample(name: str) -> Sample:
    """The sample called ``name``; KeyError if there is none."""
    for s in samples():
        if s.name == name:
            return s
    raise KeyError(name)


LARGEST_SAMPLE = "changli-2021"  # the sample with the most indicator rows; the app starts on it
