"""Generated documents of any size, for the export benchmark and for stress tests of layouts."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.models.document import (
    DeptIndicator,
    DeptTable,
    Document,
    EvalRow,
    Indicator,
    KeyTask,
    OverallTarget,
    Project,
    ProjectEval,
    SubTarget,
    UnitInfo,
)
from perfdesk.models.frameworks import FRAMEWORKS

_WORDS = "组织开展安全生产督导检查活动，提高应急救援能力和防灾减灾水平；确保全区安全生产形势持续稳定。"


def _text(seed: int, length: int) -> str:
    """Deterministic Chinese filler text of about ``length`` characters."""
    start = seed % len(_WORDS)
    body = (_WORDS * (length // len(_WORDS) + 2))[start : start + length]
    return body


def generated_document(projects: int = 300, indicators: int = 20, *, evaluations: bool = False) -> Document:
    """A document with ``projects`` project tables of ``indicators`` rows each, every 二级 used."""
    unit = UnitInfo(name="示例县应急管理局", code="426003", fiscal_year=2025)
    spec = FRAMEWORKS[unit.framework]
    pairs = [(l1, l2) for l1, names in spec.levels for l2 in names]
    overall = OverallTarget(
        summary=_text(1, 400),
        sub_targets=[SubTarget(f"分项目标{i}", _text(i, 60), _text(i + 7, 80)) for i in range(1, 4)],
    )
    doc = Document(unit=unit, overall=overall)
    for p in range(projects):
        rows = []
        for i in range(indicators):
            l1, l2 = pairs[min(i * len(pairs) // max(indicators, 1), len(pairs) - 1)]
            rows.append(
                Indicator(
                    l1, l2, f"指标{p + 1}-{i + 1}", _text(p + i, 20 + (i * 7) % 40), f"≥{90 + i % 10}%", "工作计划"
                )
            )
        project = Project(
            code=f"13020225P{p:012d}",
            name=f"第{p + 1}号专项经费",
            budget_total=Decimal("120.50"),
            budget_fiscal=Decimal("100.50"),
            budget_other=Decimal("20.00"),
            purpose=_text(p, 120),
            plan_mar=Decimal(25),
            plan_jun=Decimal(50),
            plan_oct=Decimal(75),
            plan_dec=Decimal(100),
            goals=[_text(p + 3, 50), _text(p + 5, 70)],
            indicators=rows,
        )
        if evaluations:
            project.evaluation = ProjectEval(
                initial_budget=Decimal("120.50"),
                annual_budget=Decimal("120.50"),
                executed=Decimal("100.00"),
                execution_reason="部分合同尾款跨年支付。",
                annual_goal=_text(p, 60),
                actual_summary=_text(p + 1, 60),
                rows=[EvalRow(r.level1, r.level2, r.level3, r.value, r.value.lstrip("≥")) for r in rows],
            )
        doc.projects.append(project)
    doc.dept_table = DeptTable(
        region="示例市",
        dept_name=unit.name,
        staff_count=50,
        sub_units=2,
        basic_expense=Decimal("1000"),
        goals=[_text(2, 80)],
        key_tasks=[KeyTask("重点任务", _text(3, 60), Decimal("1000000"), _text(4, 60))],
        indicators=[DeptIndicator(l1, l2, f"部门指标{k}", "100%", "100%") for k, (l1, l2) in enumerate(pairs[:4])],
    )
    return doc
