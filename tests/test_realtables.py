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

# Defects no general rule can see, each with the reason (tests/data/realtables_misses.json, shown in
# docs/checks.md).  The list is exact: a defect that becomes flagged must leave it.
KNOWN_MISSES = {tuple(key.split("|")): reason for key, reason in checks_doc.load_misses().items()}


def test_every_defect_is_flagged_at_its_place() -> None:
    assert MEASURED is not None
    missed = {(fx, o["kind"]) for fx, o, ok in MEASURED.defects if not ok}
    assert missed == set(KNOWN_MISSES)  # exact: a defect newly flagged leaves the list
    assert all(len(reason) > 40 for reason in KNOWN_MISSES.values())  # a reason, not a shrug


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
