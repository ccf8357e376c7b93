"""汇总: many units' documents merged, replaced on re-import, totalled, and written out."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from perfdesk.merge.core import Merge, UnitKey, merge_files
from perfdesk.merge.summary_xlsx import write_summary_xlsx
from perfdesk.samples import sample, samples
from perfdesk.store.file import open_document, save_document


def load(path: Path):
    return open_document(path).document


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for s in samples():
        path = tmp_path / f"{s.name}.perfdesk"
        save_document(s.load(), path)
        paths.append(path)
    bad = tmp_path / "broken.perfdesk"
    bad.write_bytes(b"not a database at all")
    return [*paths, bad]


def test_merge_samples(files: list[Path]) -> None:
    seen: list[int] = []
    merge, failures = merge_files(files, load, progress=lambda done, total, _: seen.append(done))
    assert len(merge.entries) == 5
    assert [f.path.name for f in failures] == ["broken.perfdesk"]
    assert "不是 perfdesk 文件" in failures[0].reason
    assert seen == [0, 1, 2, 3, 4, 5, 6]
    rows = {r.name: r for r in merge.unit_rows()}
    changli = rows["昌黎县应急管理局"]
    assert (changli.projects, changli.indicators, changli.total) == (6, 54, Decimal("230"))
    assert changli.fiscal + changli.other == changli.total
    assert rows["唐山市路南区应急管理局本级"].total == Decimal("226.85")
    total = merge.totals()
    assert total.projects == 17
    assert total.total == sum((r.total for r in merge.unit_rows()), Decimal(0))
    assert total.errors == 1  # seed 002's 2199.36


def test_reimport_replaces_instead_of_duplicating(tmp_path: Path) -> None:
    merge = Merge()
    doc = sample("changli-2021").load()
    assert merge.add(doc, tmp_path / "a.perfdesk") is False
    corrected = copy.deepcopy(doc)
    corrected.projects[0].budget_total = Decimal("21")
    corrected.projects[0].budget_fiscal = Decimal("21")
    assert merge.add(corrected, tmp_path / "a-corrected.perfdesk") is True
    assert len(merge.entries) == 1
    assert merge.unit_rows()[0].total == Decimal("231")
    assert merge.unit_rows()[0].source == "a-corrected.perfdesk"
    next_year = copy.deepcopy(doc)
    next_year.unit.fiscal_year = 2022
    merge.add(next_year, tmp_path / "b.perfdesk")
    assert len(merge.entries) == 2  # another year is another entry
    merge.remove(UnitKey("426003", 2022))
    assert len(merge.entries) == 1


def test_cancel_stops_between_files(files: list[Path]) -> None:
    calls = iter([False, False, True])
    merge, failures = merge_files(files, load, cancelled=lambda: next(calls))
    assert len(merge.entries) == 2 and failures == []


def test_summary_workbook(files: list[Path], tmp_path: Path) -> None:
    merge, failures = merge_files(files, load)
    doc = sample("lunan-2025").load()
    doc.unit.code = '=HYPERLINK("x")'
    doc.projects[0].name = "带\x0b换行"
    merge.add(doc, tmp_path / "evil.perfdesk")
    out = tmp_path / "汇总.xlsx"
    write_summary_xlsx(merge, failures, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "项目明细", "审核问题", "未能读取"]
    units = book["汇总"]
    assert units["A2"].value == "单位名称"
    names = [units.cell(row=r, column=1).value for r in range(3, units.max_row + 1)]
    assert names[-1] == "合计" and "昌黎县应急管理局" in names
    formula_cells = [c for row in units.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []
    assert units.print_title_rows == "$2:$2"
    projects = book["项目明细"]
    assert any(projects.cell(row=r, column=4).value == "带\n换行" for r in range(3, projects.max_row + 1))
    assert book["未能读取"]["A3"].value.endswith("broken.perfdesk")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
