"""The rule catalogue measured on real published tables (deliverable 6 of issue 14).

Every corpus table of ``../shared/realtables`` is entered as a perfdesk document in
``tests/data/realtables`` with its "Observed oddities" in ``manifest.json``.  Each oddity marked
as a defect must be flagged at its place, and the legitimate content of a table may give at most
one false alarm.  The measurement is the one ``docs/checks.md`` reports (``tools/checks_doc.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checks_doc_tool import checks_doc

from perfdesk.models.rules import RULES

ROOT = Path(__file__).resolve().parent.parent

MEASURED = checks_doc.measure()
pytestmark = pytest.mark.skipif(MEASURED is None, reason="the realtables corpus is not merged into this checkout")

# Defects no general rule can see, each with the reason.  The list is exact: a defect that
# becomes flagged must leave it.
KNOWN_MISSES = {
    ("03-shanxi-yangquan-nongcunlu.json", "amount_mismatch"): "the 实施计划 amounts are not held by the document",
    ("04-neimenggu-ganqimaodu-ziping.json", "rate_wrong"): "the per-source 执行率 rows are not held by the document",
    (
        "04-neimenggu-ganqimaodu-ziping.json",
        "goal_mismatch",
    ): "whether two texts describe the same thing is for a reader",
    ("07-anhui-tangxi-cunji.json", "sum_mismatch"): "amounts inside the 年度目标 sentence are not parsed",
    (
        "08-anhui-tanghu-dept-ziping.json",
        "funds_inconsistent",
    ): "the 部门整体 执行数/执行率 block is not held by the document",
    (
        "10-anhui-mengcheng-gongwei.json",
        "header_missing",
    ): "申报表 variants without a 主管部门 cell (01, 23) cannot be told from one left empty",
    ("11-fujian-ningde-dangshi-dept.json", "sum_mismatch"): "the 年度履职目标 amounts are not held by the document",
    ("11-fujian-ningde-dangshi-dept.json", "charge_mismatch"): "which project a task belongs to is for a reader",
    (
        "11-fujian-ningde-dangshi-dept.json",
        "value_mismatch",
    ): "row 6: a 时效 rate of 100% beside a date is a judgement call",
    (
        "20-chongqing-rongchang-lvhua.json",
        "amount_mismatch",
    ): "the project list printed above the table is not part of the document",
    (
        "20-chongqing-rongchang-lvhua.json",
        "content_missing",
    ): "项目概况及立项依据 is one merged cell: whether a sentence states a legal basis is for a reader",
    (
        "20-chongqing-rongchang-lvhua.json",
        "decimals",
    ): "153.5184 万元 is an exact 元 amount; the issue counts flagging it as "
    "noise and table 17 carries four decimals unremarked",
    ("25-guizhou-taibai-dept-ziping.json", "funds_overrun"): "the 部门整体 执行数 block is not held by the document",
    ("25-guizhou-taibai-dept-ziping.json", "goal_not_measurable"): "whether a goal is measurable is for a reader",
    ("29-ningxia-yinchuan-liuzhong.json", "score_wrong"): "row 5's target is a dash: nothing to score the printed 9/10 "
    "against",
    (
        "30-xinjiang-bingtuan-baoxianku.json",
        "header_wrong",
    ): "项目属性 wording varies too much between provinces to tell a fund name from a category",
    ("30-xinjiang-bingtuan-baoxianku.json", "goal_mismatch"): "whether the goal covers the indicators is for a reader",
}


def test_every_defect_is_flagged_at_its_place() -> None:
    assert MEASURED is not None
    missed = {(fx, o["kind"]) for fx, o, ok in MEASURED.defects if not ok}
    assert missed == set(KNOWN_MISSES)  # exact: a defect newly flagged leaves the list


@pytest.mark.parametrize("fixture", [f["fixture"] for f in (MEASURED.fixtures if MEASURED else [])])
def test_at_most_one_false_alarm_per_table(fixture: str) -> None:
    assert MEASURED is not None
    alarms = MEASURED.false_alarms(fixture)
    assert len(alarms) <= 1, [(j.finding.code, j.where, j.finding.message) for j in alarms]


def test_findings_on_real_tables_are_catalogued() -> None:
    assert MEASURED is not None
    for judged in MEASURED.judged:
        rule = RULES[judged.finding.code]
        assert judged.finding.severity is rule.severity, judged.finding


def test_review_names_existing_findings() -> None:
    """A verdict given by hand must still match a finding (or it is stale)."""
    assert MEASURED is not None
    keys = {checks_doc.finding_key(j.fixture, j.finding) for j in MEASURED.judged}
    assert set(checks_doc.load_review()) <= keys
