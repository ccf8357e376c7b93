"""docs/checks.md is generated from the rule catalogue: the test fails when it is stale."""

from __future__ import annotations

from pathlib import Path

from checks_doc_tool import checks_doc

from perfdesk.models.rules import RULE_SETS, RULES

ROOT = Path(__file__).resolve().parent.parent


def test_docs_checks_md_is_current() -> None:
    expected = checks_doc.render(checks_doc.measure())
    current = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert current == expected, "docs/checks.md is stale: run .venv/bin/python tools/checks_doc.py"


def test_every_rule_and_set_is_documented() -> None:
    text = checks_doc.render(None)
    for rule_id in RULES:
        assert f"| `{rule_id}` |" in text
    for set_id in RULE_SETS:
        assert f"(`{set_id}`)" in text
    assert "measured" in text.lower()


def test_every_rule_has_a_source_and_place() -> None:
    for rule in RULES.values():
        assert rule.description and rule.place and rule.source, rule.id
        assert "|" not in rule.description + rule.place + rule.source, rule.id  # the Markdown table
