"""Next year's document from this year's, and the 2015 → 2021 framework conversion."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfdesk.cli import main
from perfdesk.models.checks import check_document
from perfdesk.models.document import Framework
from perfdesk.models.rollover import convert_to_2021, rollover, year_references
from perfdesk.samples import sample, samples
from perfdesk.store.file import open_document

# Where each sample names its own year — the places a clerk must review after a rollover.
EXPECTED_FLAGS = {
    "changli-2021": 4,  # summary, measures lead, “2021/1/1日～2021年12月31日”, table 4 title
    "gaoxin-2022": 2,  # title “2022部门预算绩效文本”, “2022年工作要点”
    "lunan-2025": 9,  # three project names, three “在2025年12月31日前”, three “≤2025年”
    "dongguan-2024": 0,
    "gaoxin-selfeval-2024": 0,  # the report is not carried over
}


@pytest.mark.parametrize("name", [s.name for s in samples()])
def test_rollover_each_sample(name: str) -> None:
    doc = sample(name).load()
    new = rollover(doc)
    assert new.unit.fiscal_year == doc.unit.fiscal_year + 1
    assert new.unit.rolled_from == doc.unit.fiscal_year
    assert new.self_report is None
    assert [p.name for p in new.projects] == [p.name for p in doc.projects]  # names not rewritten
    assert [i.value for p in new.projects for i in p.indicators] == [
        i.value for p in doc.projects for i in p.indicators
    ]
    flags = [f for f in check_document(new) if f.code == "year-reference"]
    assert len(flags) == EXPECTED_FLAGS[name]
    assert len(year_references(new, doc.unit.fiscal_year)) == EXPECTED_FLAGS[name]
    assert not any(f.code == "year-reference" for f in check_document(doc))  # only after a rollover
    assert doc == sample(name).load()  # the original is untouched


def test_flag_places_and_text_untouched() -> None:
    new = rollover(sample("lunan-2025").load())
    flags = {(f.place.project, f.place.row, f.place.field) for f in check_document(new) if f.code == "year-reference"}
    assert (0, None, "name") in flags
    assert (0, 2, "description") in flags and (0, 2, "value") in flags
    assert new.projects[0].indicators[2].value == "≤2025年"
    new.projects[0].indicators[2].value = "≤2026年"  # the clerk reviews it: the flag goes
    flags = {(f.place.project, f.place.row, f.place.field) for f in check_document(new) if f.code == "year-reference"}
    assert (0, 2, "value") not in flags


def test_document_numbers_are_not_flagged() -> None:
    doc = sample("lunan-2025").load()
    doc.projects[1].indicators[0].basis = "唐汛【2025】3号"
    new = rollover(doc)
    assert not any(s.field == "basis" for s in year_references(new, 2025))


def test_rollover_clear_amounts_and_plans() -> None:
    new = rollover(sample("lunan-2025").load(), keep_amounts=False, keep_plans=False)
    assert all(p.budget_total is None and p.plan_dec is None for p in new.projects)
    kept = rollover(sample("lunan-2025").load())
    assert kept.projects[0].budget_total == sample("lunan-2025").load().projects[0].budget_total
    table = rollover(sample("dongguan-2024").load(), keep_amounts=False).dept_table
    assert table is not None and table.basic_expense is None
    assert all(t.amount_yuan is None for t in table.key_tasks)


def test_rollover_cli(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    src, out = tmp_path / "2021.perfdesk", tmp_path / "2022.perfdesk"
    main(["sample", "changli-2021", "-o", str(src)])
    assert main(["rollover", str(src), "-o", str(out), "--clear-plans"]) == 0
    assert "4 处文字提到 2021 年" in capsysbinary.readouterr().out.decode()
    doc = open_document(out).document
    assert (doc.unit.fiscal_year, doc.unit.rolled_from, doc.projects[0].plan_mar) == (2022, 2021, None)
    assert main(["check", str(out)]) == 0
    report = capsysbinary.readouterr().out.decode()
    assert report.count("由上年文档结转") == 4
    assert main(["rollover", str(src), "-o", str(src)]) == 2  # never over its own source


def test_convert_sample_001_to_2021() -> None:
    doc = sample("changli-2021").load()
    new, changes = convert_to_2021(doc)
    assert new.unit.framework is Framework.Y2021
    assert len(changes) == 6  # one 成本 row in each of the six projects
    for before, after in zip(doc.projects, new.projects, strict=True):
        cost = [i for i in before.indicators if i.level2 == "成本指标"]
        rest = [i for i in before.indicators if i.level2 != "成本指标"]
        assert [(i.level1, i.level2) for i in after.indicators[:1]] == [("成本指标", "经济成本指标")]
        assert [(i.level3, i.value) for i in after.indicators] == [(i.level3, i.value) for i in cost + rest]
        assert after.indicators[1:] == rest
    first = new.projects[0].indicators[0]
    assert (first.level3, first.value, first.basis) == ("年初预算指标", "20万元", "预算指标")
    assert not [f for f in check_document(new) if f.code in ("level2-mismatch", "level1-unknown")]
    assert doc.unit.framework is Framework.Y2015  # the original is untouched
    again, none = convert_to_2021(new)
    assert (again, none) == (new, [])


def test_convert_guangdong_table() -> None:
    new, changes = convert_to_2021(sample("dongguan-2024").load())
    assert changes == []  # seed 004 has no 成本 rows
    assert new.unit.framework is Framework.Y2021
