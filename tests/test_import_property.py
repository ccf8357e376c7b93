"""Property: any mutation of an exported or hand-made workbook gives a document or a clear refusal."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.workbook.workbook import Workbook

from perfdesk.export.service import export_document
from perfdesk.importer.embedded import SHEET
from perfdesk.importer.preflight import WorkbookRefused
from perfdesk.importer.reader import import_project_tables, import_workbook
from perfdesk.models.checks import check_document
from perfdesk.models.jsonio import document_to_json
from perfdesk.samples import sample

BASES = ["changli-2021", "dongguan-2024", "gaoxin-2022", "lunan-2025"]


@cache
def base_bytes(name: str, keep: bool) -> bytes:
    """An exported sample workbook (with or without the kept document), made once; two projects at most."""
    doc = sample(name).load()
    doc.projects = doc.projects[:2]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.xlsx"
        export_document(doc, path)  # a whole-document export keeps the document
        if not keep:
            book = openpyxl.load_workbook(path)
            del book[SHEET]
            book.save(path)
        return path.read_bytes()


LABELS = ["项目名称", "项目编码", "预算数", "其中：财政资金", "一级指标", "二级指标", "三级指标", "指标值", "3月底",
          "12月底", "绩效目标", "目标1", "部门名称", "基本信息", "绩效指标", "产出指标", "数量指标", "单位：万元"]  # fmt: skip
values = st.one_of(
    st.none(),
    st.sampled_from(LABELS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9),
    st.dates(min_value=dt.date(1901, 1, 1)),
    st.just("=1/0"),
)
pos = st.integers(min_value=1, max_value=60)
col = st.integers(min_value=1, max_value=12)
ops = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 9), pos, col, values),
    st.tuples(st.just("format"), st.integers(0, 9), pos, col, st.sampled_from(["0%", "0.00", "@", "#,##0.00", "yyyy/m/d"])),
    st.tuples(st.sampled_from(["insert_rows", "delete_rows", "insert_cols", "delete_cols"]), st.integers(0, 9), pos, st.integers(1, 4)),
    st.tuples(st.just("unmerge"), st.integers(0, 9), st.integers(0, 40)),
    st.tuples(st.just("merge"), st.integers(0, 9), pos, col, st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.sampled_from(["delete_sheet", "hide_sheet"]), st.integers(0, 9)),
    st.tuples(st.just("corrupt_kept"), st.text(max_size=20)),
)  # fmt: skip


def mutate(book: Workbook, op: tuple[Any, ...]) -> None:
    """Apply one edit as a clerk (or a broken program) might make it; impossible edits are skipped."""
    kind, *args = op
    if kind == "corrupt_kept":
        if SHEET in book.sheetnames:
            book[SHEET]["A3"] = args[0]
        return
    sheets = book.worksheets
    ws = sheets[args[0] % len(sheets)]
    if kind == "set":
        cell = ws.cell(row=args[1], column=args[2])
        if type(cell).__name__ != "MergedCell":
            cell.value = args[3]
    elif kind == "format":
        ws.cell(row=args[1], column=args[2]).number_format = args[3]
    elif kind in ("insert_rows", "delete_rows", "insert_cols", "delete_cols"):
        getattr(ws, kind)(args[1], args[2])
    elif kind == "unmerge":
        ranges = list(ws.merged_cells.ranges)
        if ranges:
            ws.unmerge_cells(str(ranges[args[1] % len(ranges)]))
    elif kind == "merge":
        r, c, dr, dc = args[1:]
        ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
    elif kind == "delete_sheet" and len(sheets) > 1:
        book.remove(ws)
    elif kind == "hide_sheet" and len(sheets) > 1:
        ws.sheet_state = "hidden"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BASES), st.booleans(), st.lists(ops, min_size=1, max_size=8))
def test_mutated_workbooks_never_crash_the_importer(name: str, keep: bool, edits: list[tuple[Any, ...]]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(base_bytes(name, keep)))
    for op in edits:
        # an edit openpyxl refuses to make is not what is under test
        with contextlib.suppress(ValueError, TypeError, AttributeError, KeyError, IndexError, IllegalCharacterError):
            mutate(book, op)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.xlsx"
        try:
            book.save(path)
        except (ValueError, TypeError, IndexError):
            assume(False)  # openpyxl cannot write it, so no clerk could have made it
        try:
            result = import_workbook(path, year=2025)
        except WorkbookRefused as exc:
            assert exc.reason and str(path) in str(exc)
            return
        document_to_json(result.document)  # a valid document …
        check_document(result.document)  # … that the checks can run on
        assert all(p.message for p in result.problems + result.notes)
        with contextlib.suppress(WorkbookRefused):
            import_project_tables(path)


def test_decimal_cells_and_float_noise_read_exactly(tmp_path: Path) -> None:
    """0.1 + 0.2 stored as a float reads as 0.3; a Decimal written by a program reads as written.

    An amount of more than 6 decimals (1e-7 万元) is beyond the model's bounds: left blank, said.
    """
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["项目名称", "x"])
    ws.append(["预算数", 0.1 + 0.2, "其中：财政资金", Decimal("0.30"), "其他资金", 1e-7])
    ws.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
    path = tmp_path / "noise.xlsx"
    book.save(path)
    result = import_workbook(path, year=2025)
    p = result.document.projects[0]
    assert (p.budget_total, p.budget_fiscal) == (Decimal("0.3"), Decimal("0.3"))
    assert p.budget_other is None
    assert any("项目1 · 其他资金" in str(m) and "小数位过多" in str(m) for m in result.problems)
