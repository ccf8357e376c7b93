"""The indicator library in the editor: 三级 type-ahead, the 指标库… picker, learning, xlsx import/export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from perfdesk.library import Entry, Library, LibraryFileError, Source
from perfdesk.models import frameworks as fw
from perfdesk.models.document import Indicator
from perfdesk.samples import sample
from perfdesk.store.file import save_document
from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.core.libraryholder import shared_library
from perfdesk.ui.dialogs.library_dialog import LibraryDialog
from perfdesk.ui.editors.librarywiring import wiring_of
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.grid.library_completer import LibraryCompleter


def rows(indicators: list[Indicator]) -> list[tuple[str, ...]]:
    return [(i.level1, i.level2, i.level3, i.description, i.value, i.basis) for i in indicators]


@pytest.fixture
def project_page(window) -> ProjectEditor:
    window.open_sample("changli-2021")
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    return page


def satisfaction_row(page: ProjectEditor) -> int:
    return next(i for i, ind in enumerate(page.project.indicators) if ind.level1 == "满意度指标")


def test_typeahead_fills_the_row_and_one_undo_restores_it(window, project_page, ui, qtbot) -> None:
    page = project_page
    grid = page.tables["indicators"].grid
    indicators = page.project.indicators
    row = satisfaction_row(page)
    before = rows(indicators)
    steps = page.stack.count()

    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(row, 2))
    ui.ime(grid, "满意")  # Chinese through the input method opens the 三级 editor
    editor = QApplication.focusWidget()
    helper = editor.findChild(LibraryCompleter)
    assert helper is not None
    qtbot.waitUntil(helper.is_open, timeout=3000)  # the list opens for text typed through an input method
    offered = helper.model.entries
    assert offered and {(e.level1, e.level2) for e in offered} == {("满意度指标", "服务对象满意度指标")}
    QTest.keyClick(editor, Qt.Key.Key_Down)
    entry = helper.current_entry()
    assert entry is not None
    QTest.keyClick(editor, Qt.Key.Key_Return)  # taken by the completer: the row is filled

    filled = indicators[row]
    assert filled.level3 == entry.name
    assert filled.value == (entry.value or before[row][4])
    assert filled.basis == (entry.basis or before[row][5])
    assert filled.description == (entry.description or before[row][3])
    assert page.stack.count() == steps + 1  # ONE undo step
    assert grid.state() != grid.State.EditingState

    # Every cell stays editable afterwards.
    ui.type_cell(grid, row, 4, "≥98%")
    assert indicators[row].value == "≥98%"
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert rows(indicators) == before


def test_typeahead_in_the_blank_row_adds_a_row(window, project_page, ui, qtbot) -> None:
    page = project_page
    grid = page.tables["indicators"].grid
    indicators = page.project.indicators
    count = len(indicators)
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(count, 2))
    ui.ime(grid, "覆盖")
    editor = QApplication.focusWidget()
    helper = editor.findChild(LibraryCompleter)
    helper.complete()
    entry = helper.model.entries[0]
    helper.choose(0)
    assert len(indicators) == count + 1
    new = indicators[-1]
    assert new.level3 == entry.name
    assert (fw.canonical_level1(new.level1), fw.canonical_level2(new.level2)) == (entry.level1, entry.level2)
    window.actions_by_name["undo"].trigger()
    assert len(indicators) == count


def test_picker_fills_an_empty_row_or_inserts_below(window, project_page, monkeypatch, qtbot) -> None:
    page = project_page
    grid = page.tables["indicators"].grid
    indicators = page.project.indicators
    row = satisfaction_row(page)
    entry = shared_library().search("满意", level1="满意度指标", framework=page.session.document.unit.framework)[0]
    asked: list[dict[str, Any]] = []

    def pick(_parent: Any, library: Library, **filters: Any) -> Entry:
        asked.append(filters)
        return entry

    monkeypatch.setattr(dialogs_module, "pick_library_entry", pick)
    before = rows(indicators)
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(row, 3))
    wiring = wiring_of(page.tables["indicators"])
    assert wiring is not None and "library" in page.tables["indicators"].buttons
    assert wiring.action in grid.extra_actions  # in the grid's right-click menu too

    # A row that has a 三级 already: the entry goes into a new row below it.
    grid.actions_by_name["library"].trigger()
    assert asked[-1] == {"framework": page.session.document.unit.framework,
                         "level1": "满意度指标", "level2": "服务对象满意度指标"}  # fmt: skip
    assert len(indicators) == len(before) + 1
    inserted = indicators[row + 1]
    assert (inserted.level1, inserted.level2, inserted.level3) == (
        indicators[row].level1,
        indicators[row].level2,
        entry.name,
    )
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (row + 1, 2)
    window.actions_by_name["undo"].trigger()
    assert rows(indicators) == before

    # A row whose 三级 is empty is filled (一级/二级 kept, they are set).
    grid.model().setData(grid.model().index(row, 2), "")
    grid.setCurrentIndex(grid.model().index(row, 2))
    steps = page.stack.count()
    window.actions_by_name["library_pick"].trigger()  # 工具 › 从指标库选择指标…
    assert page.stack.count() == steps + 1
    assert indicators[row].level3 == entry.name and len(indicators) == len(before)
    window.actions_by_name["undo"].trigger()
    assert indicators[row].level3 == ""


def test_picker_from_the_menu_runs_the_real_dialog(window, project_page, monkeypatch) -> None:
    page = project_page
    grid = page.tables["indicators"].grid
    row = satisfaction_row(page)
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(row, 2))
    shown: list[LibraryDialog] = []

    def accept(dialog: LibraryDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LibraryDialog, "exec", accept)
    count = len(page.project.indicators)
    window.actions_by_name["library_pick"].trigger()
    [dialog] = shown
    assert dialog.level1_combo.currentData() == "满意度指标"
    assert dialog.level2_combo.currentData() == "服务对象满意度指标"
    assert len(page.project.indicators) == count + 1
    assert page.project.indicators[row + 1].level3 == dialog.results()[0].name


def test_library_learns_documents_on_open_and_save(window, dialogs, tmp_path: Path, monkeypatch) -> None:
    doc = sample("gaoxin-2022").load()
    path = tmp_path / "高新.perfdesk"
    save_document(doc, path)
    window.open_file(path)
    own = {e.name for e in shared_library().entries(Source.OWN)}
    assert doc.projects[0].indicators[0].level3 in own

    project = window.session.document.projects[0]
    project.indicators[0].level3 = "新学到的三级指标"
    window.session.mark_modified()
    window.actions_by_name["save"].trigger()
    assert "新学到的三级指标" in {e.name for e in shared_library().entries(Source.OWN)}

    # A library that cannot be written never makes a save fail.
    def broken(self: Library, *_args: Any) -> None:
        raise LibraryFileError(path, "文件被占用")

    monkeypatch.setattr(Library, "learn", broken)
    project.name = "改名后保存"
    window.session.mark_modified()
    window.actions_by_name["save"].trigger()
    assert not window.isWindowModified()
    assert "show_error" not in dialogs.names()


def _write_sheet(path: Path, body: list[tuple[str, ...]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "指标库"
    sheet.append(("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "使用次数"))
    for line in body:
        sheet.append(line)
    book.save(path)


def test_library_xlsx_import_offers_the_valid_rows_and_export_writes(
    window, dialogs, tmp_path: Path, monkeypatch
) -> None:
    window.open_sample("changli-2021")
    source = tmp_path / "共享指标.xlsx"
    _write_sheet(
        source,
        [
            ("产出指标", "数量指标", "巡查河道公里数", "全年巡查河道", "≥120公里", "工作计划", ""),
            ("效果指标", "社会效益指标", "群众防汛意识", "提高群众防汛意识", "明显提高", "历史标准", ""),
            ("乱写指标", "数量指标", "无效的一行", "", "", "", ""),
        ],
    )
    paths = {"save": tmp_path / "导出.xlsx", "open": source}
    monkeypatch.setattr(
        dialogs_module, "ask_library_xlsx", lambda _p, *, save, suggested: paths["save" if save else "open"]
    )
    offered: list[Any] = []
    monkeypatch.setattr(dialogs_module, "ask_import_valid_rows", lambda _p, result: offered.append(result) or True)

    window.actions_by_name["library_import"].trigger()
    [result] = offered
    assert len(result.errors) == 1 and len(result.entries) == 2 and result.notes  # 效果指标 → 效益指标, noted
    own = {e.name: e for e in shared_library().entries(Source.OWN)}
    assert "巡查河道公里数" in own and own["群众防汛意识"].level1 == "效益指标"
    assert "无效的一行" not in own
    info = [args for name, args in dialogs.asked if name == "show_info"]
    assert info and "导入 2 条" in info[-1][1] and "调整" in info[-1][1]

    window.actions_by_name["library_export"].trigger()
    exported = openpyxl.load_workbook(paths["save"]).active
    names = {row[2] for row in exported.iter_rows(min_row=2, values_only=True)}
    assert {"巡查河道公里数", "群众防汛意识"} <= names


def test_library_import_refusal_and_cancel(window, dialogs, tmp_path: Path, monkeypatch) -> None:
    window.open_sample("changli-2021")
    source = tmp_path / "坏.xlsx"
    _write_sheet(
        source, [("乱写指标", "数量指标", "无效", "", "", "", ""), ("产出指标", "数量指标", "有效", "", "", "", "")]
    )
    monkeypatch.setattr(dialogs_module, "ask_library_xlsx", lambda _p, *, save, suggested: source)
    monkeypatch.setattr(dialogs_module, "ask_import_valid_rows", lambda _p, result: False)
    window.actions_by_name["library_import"].trigger()
    assert "有效" not in {e.name for e in shared_library().entries(Source.OWN)}  # cancelled: nothing merged
    (tmp_path / "不是表格.xlsx").write_bytes(b"not a workbook")
    monkeypatch.setattr(dialogs_module, "ask_library_xlsx", lambda _p, *, save, suggested: tmp_path / "不是表格.xlsx")
    window.actions_by_name["library_import"].trigger()
    assert dialogs.names()[-1] == "show_error"
