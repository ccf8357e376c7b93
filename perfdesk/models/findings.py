"""Findings of the checks: what is wrong, how bad, and exactly where (form, project, row, field)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """错误 sends the table back; 警告 is worth a look."""

    ERROR = "错误"
    WARNING = "警告"


class Form(StrEnum):
    """Which form a finding is on."""

    UNIT = "单位信息"
    OVERALL = "部门整体绩效目标"
    PROJECT = "项目绩效目标表"
    DEPT_TABLE = "部门整体预算绩效目标表"
    SELF_REPORT = "整体支出绩效自评报告"
    EVALUATION = "项目支出绩效自评表"  # a project's 自评表 grid (rows of Project.evaluation)


@dataclass(frozen=True)
class Place:
    """Where a finding is: form, project index, row index in its grid, model field name."""

    form: Form
    project: int | None = None
    row: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class Finding:
    """One result of the checks."""

    severity: Severity
    code: str
    message: str
    place: Place

    @property
    def is_error(self) -> bool:
        """True for errors."""
        return self.severity is Severity.ERROR


def count(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(f.is_error for f in findings)
    return errors, len(findings) - errors
