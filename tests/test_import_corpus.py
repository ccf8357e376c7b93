"""The corpus test: every real table, typed the way a clerk types it, imports with nothing lost silently.

The workbooks are built from the fixtures of ``tests/data/realtables`` by :mod:`corpus_build`; each
written value must arrive in the imported document or be listed (未导入 / 问题) with its cell.
``python -m tests.corpus_build`` prints the table shown in docs/import.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_build import fixtures, measure

from perfdesk.importer.reader import import_workbook
from perfdesk.models.jsonio import document_from_json

FIXTURES = Path(__file__).parent / "data" / "realtables"
# 29 is an evaluation rubric (family I) with only 分值 columns: it imports as a 申报表-like 自评表 (shenbao),
# where the fixture maps family I to split.
LAYOUT_DIFFERS = {"29-ningxia-yinchuan-liuzhong.json"}


@pytest.mark.parametrize("fixture", fixtures())
def test_nothing_lost(fixture: str, tmp_path: Path) -> None:
    tally, result = measure(fixture, tmp_path)
    assert tally.lost == [], "\n".join(tally.lost)
    assert tally.arrived, "nothing arrived"
    # every amount in its right unit, never multiplied or divided
    expected = document_from_json((FIXTURES / fixture).read_text(encoding="utf-8"))
    if fixture not in LAYOUT_DIFFERS:  # it prints the way it arrived
        assert result.document.unit.layout == expected.unit.layout
    by_name = {p.name: p for p in result.document.projects}
    for project in expected.projects:
        found = by_name[project.name]
        assert found.money_unit == project.money_unit, project.name
        for attr in ("budget_total", "budget_fiscal", "budget_other", "period_total"):
            if getattr(project, attr) is None and project.evaluation is not None and not project.indicators:
                continue  # a 自评表's 其中 line also gives the project created from it its 财政资金 / 其他资金
            assert getattr(found, attr) == getattr(project, attr), (project.name, attr)


def test_the_corpus_totals(tmp_path: Path) -> None:
    """The share that arrives (not only reported) stays where docs/import.md says it is."""
    tallies = [measure(f, tmp_path)[0] for f in fixtures()]
    arrived = sum(len(t.arrived) for t in tallies)
    written = arrived + sum(len(t.reported) + len(t.lost) for t in tallies)
    assert sum(len(t.lost) for t in tallies) == 0
    assert arrived / written > 0.99, (arrived, written)


def test_a_corpus_workbook_saved_as_xls_reads_the_same(tmp_path: Path) -> None:
    """One corpus table through LibreOffice's .xls writer: the same document as from the .xlsx."""
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    from corpus_build import build

    xlsx = tmp_path / "t.xlsx"
    build("23-sichuan-zhaohua-tekun.json", xlsx)
    subprocess.run([office, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(xlsx)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    a = import_workbook(xlsx).document
    b = import_workbook(tmp_path / "t.xls").document
    assert b.projects[0].indicators == a.projects[0].indicators
    assert b.projects[0].fund_lines == a.projects[0].fund_lines
