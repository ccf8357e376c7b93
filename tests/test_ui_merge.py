"""The 汇总 window: units read in a worker, totals, replace on re-add, failures, drill-down, summary files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton

from perfdesk.export.service import export_document
from perfdesk.merge.core import merge_files
from perfdesk.merge.load import load_any
from perfdesk.models.jsonio import document_to_json
from perfdesk.samples import sample, samples
from perfdesk.store.file import save_document
from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.shell.mainwindow import MainWindow
from perfdesk.ui.transfer import mergewindow
from perfdesk.ui.transfer.mergewindow import MergeWindow, open_merge_window


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The five samples as .perfdesk files, and a broken one."""
    folder = tmp_path / "报送"
    folder.mkdir()
    for s in samples():
        save_document(s.load(), folder / f"{s.name}.perfdesk")
    (folder / "broken.perfdesk").write_bytes(b"not a database at all")
    return folder


@pytest.fixture
def merge_window(app: Any, qtbot: Any, dialogs: Any) -> Iterator[MergeWindow]:
    window = MergeWindow(MainWindow)
    qtbot.addWidget(window)
    window.show()
    yield window
    for opened in window.opened:
        opened.close()


def add_and_wait(window: MergeWindow, qtbot: Any, paths: list[Path]) -> None:
    assert window.add_paths(paths) is not None
    qtbot.waitUntil(lambda: not window.busy(), timeout=60_000)


def test_a_folder_of_units_with_totals_and_failures(merge_window, qtbot, folder) -> None:
    add_and_wait(merge_window, qtbot, [folder])
    units = merge_window.units
    assert units.rowCount() == 5 + 1
    expected, _ = merge_files(sorted(folder.glob("*.perfdesk")), load_any)
    total = expected.totals()
    assert units.total == total and total.projects == 17
    last = units.rowCount() - 1
    assert units.index(last, 0).data() == "合计（5 个单位）"
    assert units.index(last, 5).data() == f"{total.total:,.2f}"
    assert units.index(last, 3).data() == "17"
    changli = next(r for r in range(5) if units.index(r, 0).data() == "昌黎县应急管理局")
    assert [units.index(changli, c).data() for c in (3, 4, 5)] == ["6", "54", "230.00"]
    assert [(f.path.name, "不是 perfdesk 文件" in f.reason) for f in merge_window.failed.failures] == [
        ("broken.perfdesk", True)
    ]
    assert merge_window.failure_label.text() == "未能读取的文件（1）"
    status = merge_window.statusBar().currentMessage()
    assert "已添加 5 个单位" in status and "1 个文件未能读取" in status


def test_a_corrected_file_replaces_and_a_fixed_file_leaves_the_failures(merge_window, qtbot, folder, tmp_path) -> None:
    add_and_wait(merge_window, qtbot, [folder])
    before = merge_window.units.total.total
    doc = sample("lunan-2025").load()  # a sample whose tables round-trip (tests/test_import_roundtrip.py)
    project = doc.projects[0]
    project.budget_total += 1
    project.budget_fiscal = (project.budget_fiscal or Decimal(0)) + 1
    corrected = tmp_path / "路南-更正.xlsx"
    export_document(doc, corrected)
    save_document(sample("gaoxin-2022").load(), folder / "broken.perfdesk")  # sent again, now readable
    add_and_wait(merge_window, qtbot, [corrected, folder / "broken.perfdesk"])
    assert merge_window.units.rowCount() == 5 + 1  # replaced, not duplicated
    assert merge_window.units.total.total == before + 1
    assert merge_window.failed.failures == []
    status = merge_window.statusBar().currentMessage()
    assert "已用新文件替换 2 个单位的数据" in status and "唐山市路南区应急管理局本级 2025" in status


def test_remove_and_open_a_unit_read_only(merge_window, qtbot, folder) -> None:
    add_and_wait(merge_window, qtbot, [folder])
    units = merge_window.units
    first = units.index(0, 0).data()
    key = units.keys[0]
    opened = merge_window.open_unit(units.index(0, 0))
    assert opened is not None and opened.session.read_only
    assert document_to_json(opened.session.document) == document_to_json(merge_window.merge.entries[key].document)
    assert opened.session.document is not merge_window.merge.entries[key].document  # a copy
    assert "汇总" in opened.windowTitle()
    merge_window.table.selectRow(0)
    merge_window.remove_units()
    assert units.rowCount() == 4 + 1 and first not in [units.index(r, 0).data() for r in range(4)]


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_export_the_summary(merge_window, qtbot, monkeypatch, folder, tmp_path, suffix) -> None:
    add_and_wait(merge_window, qtbot, [folder])
    target = tmp_path / f"汇总{suffix}"
    suggested: list[Path] = []
    monkeypatch.setattr(dialogs_module, "ask_summary_path", lambda parent, s: suggested.append(s) or target)
    told: list[tuple[Any, ...]] = []
    monkeypatch.setattr(dialogs_module, "ask_after_export", lambda *args: told.append(args) or "")
    merge_window.actions_by_name[f"export_{suffix[1:]}"].trigger()
    qtbot.waitUntil(lambda: not merge_window.busy(), timeout=60_000)
    assert suggested[0].name == f"预算绩效目标汇总2024年{suffix}"  # the year most units have
    assert str(target) in told[0][2]
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(target)
        assert book.sheetnames[0] == "汇总" and "未能读取" in book.sheetnames
        rows = list(book["汇总"].iter_rows(values_only=True))
        assert rows[-1][0] == "合计" and Decimal(str(rows[-1][5])) == merge_window.units.total.total
    else:
        assert len(PdfReader(str(target)).pages) >= 2


def test_cancel_keeps_the_units_read_so_far(merge_window, qtbot, monkeypatch, folder) -> None:
    gate = threading.Event()
    calls: list[Path] = []

    def load(path: Path) -> Any:
        calls.append(path)
        if len(calls) == 2:
            assert gate.wait(30)  # the second file takes until the clerk presses 取消
        return load_any(path)

    monkeypatch.setattr(mergewindow, "load_any", load)
    progress: list[Any] = []
    real = mergewindow.run_with_progress
    monkeypatch.setattr(mergewindow, "run_with_progress", lambda *a: progress.append(real(*a)) or progress[-1])
    merge_window.add_paths([folder])
    qtbot.waitUntil(lambda: len(calls) == 2)
    progress[0].findChild(QPushButton).click()  # 取消
    gate.set()
    qtbot.waitUntil(lambda: not merge_window.busy(), timeout=30_000)
    assert merge_window.last_report.cancelled and len(calls) == 2
    assert merge_window.units.rowCount() == 1 + 1  # broken.perfdesk failed, changli-2021 was read
    assert len(merge_window.failed.failures) == 1
    assert "已取消" in merge_window.statusBar().currentMessage()


def test_the_menu_opens_one_merge_window(window, qtbot) -> None:
    window.actions_by_name["merge"].trigger()
    first = mergewindow.merge_windows()[0]
    qtbot.addWidget(first)
    assert open_merge_window(MainWindow) is first
    first.close()
    assert mergewindow.merge_windows() == []


def test_quit_closes_the_merge_window_too(window) -> None:
    from perfdesk.ui.shell.mainwindow import quit_all

    merge = open_merge_window(MainWindow)
    assert merge.isVisible()
    assert quit_all()
    assert mergewindow.merge_windows() == []
    assert not merge.isVisible()
