"""汇总 from workbooks and .perfdesk files: keyed by unit, project and year; problems per unit; PDF."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from perfdesk.export.service import export_document
from perfdesk.merge.core import Merge, UnitKey, merge_files
from perfdesk.merge.load import load_any
from perfdesk.merge.output import SummaryError, input_files, write_summary
from perfdesk.merge.summary_pdf import write_summary_pdf
from perfdesk.merge.summary_xlsx import write_summary_xlsx
from perfdesk.models.document import Document
from perfdesk.samples import sample, samples
from perfdesk.store.file import DocumentFileError, save_document


def exported(doc: Document, path: Path) -> Path:
    export_document(doc, path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """What the bureau received: four units as .perfdesk, 路南 as a workbook, and a broken file."""
    for s in samples():
        if s.name == "lunan-2025":
            exported(s.load(), tmp_path / "路南.xlsx")
        else:
            save_document(s.load(), tmp_path / f"{s.name}.perfdesk")
    (tmp_path / "坏文件.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "说明.txt").write_text("not merged", encoding="utf-8")
    return tmp_path


def test_merge_a_folder_of_workbooks_and_documents(folder: Path) -> None:
    paths = input_files([folder])
    assert [p.name for p in paths][-1] == "路南.xlsx" and all(p.suffix != ".txt" for p in paths)
    seen: list[int] = []
    merge, failures = merge_files(paths, load_any, progress=lambda done, total, _: seen.append(done))
    assert seen == list(range(len(paths) + 1))
    assert [f.path.name for f in failures] == ["坏文件.xlsx"] and "损坏" in failures[0].reason
    rows = {r.name: r for r in merge.unit_rows()}
    lunan = rows["唐山市路南区应急管理局本级"]
    assert (lunan.code, lunan.year, lunan.projects, lunan.total) == ("450001", 2025, 8, Decimal("226.85"))
    assert lunan.source == "路南.xlsx" and lunan.unread == 0
    assert merge.totals().projects == 17


def test_a_corrected_workbook_replaces_the_unit_data(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    merge, _ = merge_files([exported(doc, tmp_path / "路南.xlsx")], load_any)
    corrected = copy.deepcopy(doc)
    corrected.projects[0].budget_total = corrected.projects[0].budget_fiscal = Decimal("55.00")
    merge, _ = merge_files([exported(corrected, tmp_path / "路南（更正）.xlsx")], load_any, into=merge)
    (row,) = merge.unit_rows()
    assert (row.projects, row.total) == (8, Decimal("231.85"))  # replaced, not duplicated
    assert row.source == "路南（更正）.xlsx"


def test_projects_are_keyed_by_unit_project_code_and_year(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    first, second = copy.deepcopy(doc), copy.deepcopy(doc)
    first.projects = doc.projects[:3]  # one workbook per batch of projects
    second.projects = copy.deepcopy(doc.projects[2:5])
    second.projects[0].budget_total = Decimal("1.00")
    merge = Merge()
    merge.add(first, tmp_path / "a.xlsx")
    assert merge.add(second, tmp_path / "b.xlsx") is True
    entry = merge.entries[UnitKey("450001", 2025)]
    assert [p.code for p in entry.document.projects] == [p.code for p in doc.projects[:5]]
    assert entry.document.projects[2].budget_total == Decimal("1.00")
    assert [s.name for s in entry.project_sources] == ["a.xlsx", "a.xlsx", "b.xlsx", "b.xlsx", "b.xlsx"]
    resent = copy.deepcopy(first)
    resent.projects = resent.projects[:1]  # a.xlsx sent again without its second project
    merge.add(resent, tmp_path / "a.xlsx")
    assert [p.code for p in entry.document.projects] != [
        p.code for p in merge.entries[UnitKey("450001", 2025)].document.projects
    ]
    codes = [p.code for p in merge.entries[UnitKey("450001", 2025)].document.projects]
    assert codes == [doc.projects[i].code for i in (2, 3, 4, 0)]
    other_year = copy.deepcopy(first)
    other_year.unit.fiscal_year = 2026
    merge.add(other_year, tmp_path / "c.xlsx")
    assert len(merge.entries) == 2


def test_units_without_code_or_name_are_kept_apart(tmp_path: Path) -> None:
    merge = Merge()
    for name in ("x.xlsx", "y.xlsx"):
        doc = sample("gaoxin-2022").load()
        doc.unit.name = ""
        merge.add(doc, tmp_path / name)
    assert sorted(k.code_or_name for k in merge.entries) == ["（x.xlsx）", "（y.xlsx）"]


def test_import_problems_are_listed_per_unit(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    path = exported(doc, tmp_path / "路南.xlsx")
    book = openpyxl.load_workbook(path)
    name = next(n for n in book.sheetnames if n.startswith("1、"))
    sheet = book[name]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "预算数":
                sheet.cell(row=cell.row, column=cell.column + 1).value = "五十万"
    book.save(path)
    merge, failures = merge_files([path], load_any)
    (row,) = merge.unit_rows()
    assert row.unread == 1 and failures == []
    (entry,) = merge.entries.values()
    assert "不是金额" in entry.problems[0].message and entry.problems[0].sheet == name
    out = tmp_path / "汇总.xlsx"
    write_summary_xlsx(merge, failures, out)
    summary = openpyxl.load_workbook(out)
    assert "导入问题" in summary.sheetnames
    assert summary["导入问题"]["F3"].value.endswith("不是金额，未导入")
    assert summary["汇总"]["K2"].value == "导入问题"


def test_load_any_tells_the_kind_by_content(tmp_path: Path) -> None:
    doc = sample("dongguan-2024").load()
    renamed = tmp_path / "东莞.perfdesk"
    exported(doc, tmp_path / "东莞.xlsx").rename(renamed)
    assert load_any(renamed).document.dept_table == doc.dept_table
    text = tmp_path / "notes.dat"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(DocumentFileError, match="既不是 perfdesk 文件"):
        load_any(text)


def test_summary_pdf_and_dispatch(folder: Path, tmp_path: Path) -> None:
    merge, failures = merge_files(input_files([folder]), load_any)
    out = tmp_path / "汇总.pdf"
    pages = write_summary_pdf(merge, failures, out)
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    for needle in ("预算绩效目标汇总表", "唐山市路南区应急管理局本级", "项目明细", "未能读取的文件", "坏文件.xlsx"):
        assert needle in text.replace("\n", ""), needle
    assert write_summary(merge, failures, tmp_path / "s.xlsx") == "Excel 工作簿"
    with pytest.raises(SummaryError):
        write_summary(merge, failures, tmp_path / "s.csv")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
