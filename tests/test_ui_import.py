"""文件 › 导入工作簿… and 项目 › 从工作簿导入项目表…: new window, problems with their cells, one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from perfdesk.export.service import export_document
from perfdesk.models.codec import to_plain
from perfdesk.models.jsonio import document_to_json
from perfdesk.samples import sample, samples
from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.core.session import STRUCTURE
from perfdesk.ui.dialogs.importdialogs import ImportReportDialog, ProjectTablesDialog
from perfdesk.ui.shell.mainwindow import open_windows
from perfdesk.ui.transfer.fileactions import transfer_of

# perfdesk's workbooks keep the document in a hidden sheet: every sample comes back whole.
ROUND_TRIPS = [s.name for s in samples()]


def exported(name: str, folder: Path) -> Path:
    path = folder / f"{name}.xlsx"
    export_document(sample(name).load(), path)
    return path


def with_bad_amounts(path: Path) -> Path:
    """The workbook with the first two 预算数 overwritten by text that is not an amount."""
    book = openpyxl.load_workbook(path)
    changed = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "预算数" and changed < 2:
                    ws.cell(row=cell.row, column=cell.column + 1).value = "约七十万"
                    changed += 1
    bad = path.with_name(path.stem + "-改.xlsx")
    book.save(bad)
    return bad


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The problems dialogs shown: (parent, title, intro, messages)."""
    shown: list[tuple[Any, ...]] = []
    monkeypatch.setattr(dialogs_module, "show_import_report", lambda *args: shown.append(args))
    return shown


def import_from_menu(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path, action: str) -> Any:
    monkeypatch.setattr(dialogs_module, "ask_open_workbook", lambda parent, folder=None: path)
    importing = transfer_of(window).importing
    window.actions_by_name[action].trigger()
    qtbot.waitUntil(lambda: importing.last_task is not None and not importing.last_task.running, timeout=30_000)
    return importing


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_import_workbook_opens_the_document_unsaved(window, qtbot, monkeypatch, tmp_path, reports, name) -> None:
    path = exported(name, tmp_path)
    importing = import_from_menu(window, qtbot, monkeypatch, path, "import_workbook")
    opened = importing.last_window
    assert opened is window  # the empty window takes it
    session = opened.session
    assert document_to_json(session.document) == document_to_json(sample(name).load())
    assert session.path is None and session.is_modified()
    assert opened.windowTitle().startswith(f"{name}（导入，未保存）")
    for _parent, _title, intro, messages in reports:  # at most notes on how the unit was derived
        assert "0 个问题" in intro and all(m.level.value == "说明" for m in messages)


def test_import_into_a_new_window_lists_problems_with_cells(window, qtbot, monkeypatch, tmp_path, reports) -> None:
    window.open_sample("changli-2021")
    bad = with_bad_amounts(exported("lunan-2025", tmp_path))
    importing = import_from_menu(window, qtbot, monkeypatch, bad, "import_workbook")
    new = importing.last_window
    assert new is not window and new in open_windows()
    assert new.session.document.projects[0].budget_total is None  # never guessed
    (parent, title, intro, messages) = reports[0]
    assert parent is new and title == "导入的问题与说明"
    assert "2 个问题" in intro
    problems = [(m.sheet, m.cell, m.message) for m in messages if m.level.value == "问题"]
    assert problems[0] == ("1、2025年安全生产专项经费", "C4", "预算数“约七十万”不是金额，未导入")


def test_problems_dialog_copies_sheet_cell_and_message(app, qtbot, tmp_path) -> None:
    from perfdesk.importer.reader import import_workbook

    result = import_workbook(with_bad_amounts(exported("lunan-2025", tmp_path)))
    dialog = ImportReportDialog("导入的问题与说明", "intro", result.all_messages())
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(result.all_messages()) >= 3  # 2 problems, and notes
    dialog.copy_all()
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0] == "类别\t工作表\t单元格\t说明"
    assert lines[1] == "问题\t1、2025年安全生产专项经费\tC4\t预算数“约七十万”不是金额，未导入"


def test_a_refused_workbook_gets_a_clear_message(window, qtbot, monkeypatch, tmp_path, dialogs) -> None:
    fake = tmp_path / "假的.xlsx"
    fake.write_bytes(b"this is not a workbook")
    import_from_menu(window, qtbot, monkeypatch, fake, "import_workbook")
    assert dialogs.names() == ["show_error"]
    title, text = dialogs.asked[0][1]
    assert title == "无法导入工作簿" and str(fake) in text and "Excel" in text
    assert window.session is None


def test_import_project_tables_is_one_undo_step(window, qtbot, monkeypatch, tmp_path, reports) -> None:
    window.open_sample("changli-2021")
    doc = window.session.document
    before = [p.name for p in doc.projects]
    lunan = sample("lunan-2025").load()
    offered: list[Any] = []

    def choose(parent: Any, found: list[Any], source: Path) -> list[int]:
        offered.extend(found)
        return [0, 2]

    monkeypatch.setattr(dialogs_module, "ask_project_tables", choose)
    import_from_menu(window, qtbot, monkeypatch, exported("lunan-2025", tmp_path), "import_projects")
    assert [f.project.name for f in offered] == [p.name for p in lunan.projects]
    assert len(doc.projects) == len(before) + 2
    assert to_plain(doc.projects[-2]) == to_plain(lunan.projects[0])
    assert to_plain(doc.projects[-1]) == to_plain(lunan.projects[2])
    assert window.isWindowModified()
    stack = window.session.stack(STRUCTURE)
    assert stack.count() == 1 and stack.undoText() == "从工作簿导入 2 个项目"
    assert window.view.current_page().node.project is doc.projects[-2]  # the first added is opened
    stack.undo()
    assert [p.name for p in doc.projects] == before
    assert stack.isClean() and window.isWindowModified()  # the sample copy is not on disk: still unsaved
    stack.redo()
    assert len(doc.projects) == len(before) + 2
    assert reports == []  # no problems in perfdesk's own tables


def test_project_tables_dialog_lists_and_ticks(app, qtbot, tmp_path) -> None:
    from perfdesk.importer.reader import import_project_tables

    found = import_project_tables(with_bad_amounts(exported("lunan-2025", tmp_path)))
    dialog = ProjectTablesDialog(found, tmp_path / "x.xlsx")
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 8 and model.chosen() == list(range(8))
    assert model.index(0, 4).data() == 1  # one problem: the 预算数
    assert "约七十万" in model.index(0, 4).data(3)  # tool tip
    model.set_all(False)
    add = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert model.chosen() == [] and not add.isEnabled()
    model.setData(model.index(3, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.chosen() == [3] and add.isEnabled()


def test_unit_question_and_unread_cells(window, qtbot, monkeypatch, tmp_path, reports) -> None:
    """Amounts no label gives a unit for, too large for 万元: the clerk is asked; 未导入 cells are listed."""
    from perfdesk.importer.result import Level
    from perfdesk.ui.dialogs import importdialogs as importing_module

    book = openpyxl.Workbook()
    ws = book.active
    for row in (("项目名称", "村道硬化", "资金性质", "一般公共预算"), ("预算数", 35_000_000),
                ("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "硬化里程", "≥5公里")):  # fmt: skip
        ws.append(row)
    path = tmp_path / "村道2024年.xlsx"
    book.save(path)
    asked: list[str] = []
    monkeypatch.setattr(importing_module, "ask_unit", lambda parent, title, text: asked.append(text) or True)
    importing = import_from_menu(window, qtbot, monkeypatch, path, "import_workbook")
    project = importing.last_window.session.document.projects[0]
    assert len(asked) == 1 and "B2" in asked[0]  # the cell holding the amount
    assert project.money_unit == "元" and str(project.budget_total) == "35000000"  # the number as typed
    (_parent, _title, intro, messages) = reports[0]
    unread = [m for m in messages if m.level is Level.UNREAD]
    assert [(m.cell, m.label, m.value) for m in unread] == [
        ("C1", "村道硬化", "资金性质"),
        ("D1", "资金性质", "一般公共预算"),
    ]
    assert "2 个单元格未导入" in intro
