"""Grade tables (评价等级) as data: regions differ, so a document names the table it uses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class GradeTable:
    """Bands from the highest threshold down; a score ≥ threshold gets that band's grade."""

    id: str
    name: str
    bands: tuple[tuple[Decimal, str], ...]

    def grade(self, score: Decimal) -> str:
        """The grade for a score."""
        for threshold, grade in self.bands:
            if score >= threshold:
                return grade
        return self.bands[-1][1]


GRADE_TABLES: dict[str, GradeTable] = {
    t.id: t
    for t in (
        GradeTable(
            "90-80-60",
            "财政部：≥90 优，80–89 良，60–79 中，<60 差",
            ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差")),
        ),
        GradeTable(
            "85-75-60",
            "≥85 优秀，75–85 良好，60–75 一般，<60 较差",
            ((Decimal(85), "优秀"), (Decimal(75), "良好"), (Decimal(60), "一般"), (Decimal(0), "较差")),
        ),
    )
}
DEFAULT_GRADE_TABLE = "90-80-60"


def grade_table(table_id: str) -> GradeTable:
    """The named table, or the MOF default for an unknown id."""
    return GRADE_TABLES.get(table_id, GRADE_TABLES[DEFAULT_GRADE_TABLE])
