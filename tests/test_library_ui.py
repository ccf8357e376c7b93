"""The indicator library's Qt pieces: the picker dialog and the 三级 type-ahead."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QStandardItem, QStandardItemModel, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from perfdesk.library import Entry, Library, Source
from perfdesk.models.document import Framework
from perfdesk.paths import ENV_DATA_DIR
from perfdesk.samples import sample
from perfdesk.ui.dialogs.library_dialog import LibraryDialog
from perfdesk.ui.grid.library_completer import EntryRole, LibraryCompleter


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Library]:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "userdata"))
    lib = Library.open()
    lib.learn(sample("changli-2021").load())
    yield lib
    lib.close()


def press(widget: object, key: Qt.Key) -> None:
    """Send a key press through the application, so event filters see it."""
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))  # type: ignore[arg-type]


# --- the dialog ---------------------------------------------------------------------------


def test_dialog_lists_everything_then_filters(qtbot: QtBot, library: Library) -> None:
    dialog = LibraryDialog(library, framework=Framework.Y2015)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "指标库"
    assert len(dialog.results()) == len(library.search("", framework=Framework.Y2015))
    level1_items = [dialog.level1_combo.itemText(i) for i in range(dialog.level1_combo.count())]
    assert level1_items == ["全部", "产出指标", "效益指标", "满意度指标"]  # 2015: no 成本 一级

    dialog.level1_combo.setCurrentIndex(dialog.level1_combo.findData("产出指标"))
    level2_items = [dialog.level2_combo.itemText(i) for i in range(dialog.level2_combo.count())]
    assert level2_items == ["全部", "数量指标", "质量指标", "时效指标", "成本指标"]
    assert {e.level1 for e in dialog.results()} == {"产出指标"}

    dialog.level2_combo.setCurrentIndex(dialog.level2_combo.findData("质量指标"))
    dialog.search_edit.setText("覆盖")
    names = [e.name for e in dialog.results()]
    assert "检查覆盖率" in names and "普查覆盖率" in names
    assert {(e.level1, e.level2) for e in dialog.results()} == {("产出指标", "质量指标")}
    assert "共" in dialog.count_label.text()


def test_dialog_2021_offers_the_cost_level1(qtbot: QtBot, library: Library) -> None:
    dialog = LibraryDialog(library, framework=Framework.Y2021, level1="成本指标")
    qtbot.addWidget(dialog)
    level2_items = [dialog.level2_combo.itemText(i) for i in range(dialog.level2_combo.count())]
    assert level2_items == ["全部", "经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert {e.level1 for e in dialog.results()} == {"成本指标"}


def test_dialog_returns_the_double_clicked_entry(qtbot: QtBot, library: Library) -> None:
    dialog = LibraryDialog(library, query="满意")
    qtbot.addWidget(dialog)
    results = dialog.results()
    assert results[0].source is Source.OWN  # the clerk's own, most used first
    target = next(e for e in results if e.name == "群众满意度")
    row = results.index(target)
    index = dialog.model.index(row, 0)
    with qtbot.waitSignal(dialog.accepted):
        dialog.table.doubleClicked.emit(index)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen_entry() == target
    assert index.data(EntryRole) == target


def test_dialog_ok_returns_the_selected_entry_and_keys_move(qtbot: QtBot, library: Library) -> None:
    dialog = LibraryDialog(library, query="满意度指标")
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled()
    first, second = dialog.results()[:2]
    assert dialog.chosen_entry() == first
    press(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.chosen_entry() == second
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert dialog.chosen_entry() == second


def test_dialog_with_no_result_cannot_be_accepted(qtbot: QtBot, library: Library) -> None:
    dialog = LibraryDialog(library, query="没有这种指标")
    qtbot.addWidget(dialog)
    assert dialog.results() == [] and not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_pick_returns_none_when_cancelled(qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LibraryDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert LibraryDialog.pick(library, query="满意") is None
    monkeypatch.setattr(LibraryDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    chosen = LibraryDialog.pick(library, query="群众满意度指标")
    assert isinstance(chosen, Entry) and chosen.name == "群众满意度指标" and chosen.uses == 5


# --- the type-ahead -----------------------------------------------------------------------


def make_editor(qtbot: QtBot, cls: type[QLineEdit] | type[QPlainTextEdit] = QLineEdit) -> QLineEdit | QPlainTextEdit:
    editor = cls()
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_completer_offers_entries_for_manyi_and_emits_the_choice(qtbot: QtBot, library: Library) -> None:
    editor = make_editor(qtbot)
    helper = LibraryCompleter(library, editor, framework=Framework.Y2015)  # type: ignore[arg-type]
    editor.setText("满意")
    assert helper.complete() > 0
    assert helper.is_open()
    offered = helper.model.entries
    names = [e.name for e in offered]
    assert "群众满意度指标" in names and "群众满意度" in names
    assert all("满意" in e.name + e.description for e in offered)

    press(editor, Qt.Key.Key_Down)
    press(editor, Qt.Key.Key_Down)
    assert helper.current_entry() == offered[1]
    with qtbot.waitSignal(helper.entry_chosen) as blocker:
        press(editor, Qt.Key.Key_Return)
    assert blocker.args == [offered[1]]
    assert editor.text() == offered[1].name  # type: ignore[union-attr]
    assert not helper.is_open()


def test_completer_opens_on_an_input_method_commit(qtbot: QtBot, library: Library) -> None:
    editor = make_editor(qtbot)
    helper = LibraryCompleter(library, editor)  # type: ignore[arg-type]
    event = QInputMethodEvent()
    event.setCommitString("覆盖")
    QApplication.sendEvent(editor, event)
    assert editor.text() == "覆盖"  # type: ignore[union-attr]
    assert helper.is_open()
    assert "检查覆盖率" in [e.name for e in helper.model.entries]


def test_completer_respects_category_filters(qtbot: QtBot, library: Library) -> None:
    editor = make_editor(qtbot)
    helper = LibraryCompleter(library, editor, level1="满意度指标", level2="服务对象满意度指标")  # type: ignore[arg-type]
    helper.complete("满意")
    assert helper.model.entries and {e.level2 for e in helper.model.entries} == {"服务对象满意度指标"}
    helper.set_filters(level1="产出指标", level2="质量指标")
    assert helper.complete("满意") == 0 and not helper.is_open()


def test_completer_click_chooses_and_escape_closes(qtbot: QtBot, library: Library) -> None:
    editor = make_editor(qtbot)
    helper = LibraryCompleter(library, editor)  # type: ignore[arg-type]
    helper.complete("及时")
    target = helper.model.entries[2]
    with qtbot.waitSignal(helper.entry_chosen) as blocker:
        helper.popup().clicked.emit(helper.model.index(2, 0))
    assert blocker.args == [target]
    helper.complete("及时")
    press(editor, Qt.Key.Key_Escape)
    assert not helper.is_open()


def test_enter_without_a_highlight_is_left_to_the_editor(qtbot: QtBot, library: Library) -> None:
    editor = make_editor(qtbot)
    helper = LibraryCompleter(library, editor)  # type: ignore[arg-type]
    editor.setText("满意")
    helper.complete()
    chosen: list[Entry] = []
    helper.entry_chosen.connect(chosen.append)
    with qtbot.waitSignal(editor.returnPressed):  # type: ignore[union-attr]
        press(editor, Qt.Key.Key_Return)
    assert chosen == [] and editor.text() == "满意"  # type: ignore[union-attr]
    assert not helper.is_open()


def test_completer_works_on_a_plain_text_cell_editor(qtbot: QtBot, library: Library) -> None:
    editor = make_editor(qtbot, QPlainTextEdit)
    helper = LibraryCompleter(library, editor)
    editor.setPlainText("满意")  # programmatic, as the delegate's setEditorData: no list yet
    assert not helper.is_open() or editor.hasFocus()
    helper.complete()
    press(editor, Qt.Key.Key_Down)
    with qtbot.waitSignal(helper.entry_chosen) as blocker:
        press(editor, Qt.Key.Key_Enter)
    entry = blocker.args[0]
    assert editor.toPlainText() == entry.name  # type: ignore[union-attr]
    assert "\n" not in editor.toPlainText()  # type: ignore[union-attr]


# --- the intended grid wiring, end to end -------------------------------------------------


class SetCell(QUndoCommand):
    """Set one cell of a QStandardItemModel (stands in for the grid's SetValue command)."""

    def __init__(self, model: QStandardItemModel, row: int, col: int, text: str) -> None:
        super().__init__()
        self.model, self.row, self.col, self.new = model, row, col, text
        self.old = model.item(row, col).text()

    def redo(self) -> None:
        self.model.item(self.row, self.col).setText(self.new)

    def undo(self) -> None:
        self.model.item(self.row, self.col).setText(self.old)


class Level3Delegate(QStyledItemDelegate):
    """A grid delegate wired as the completer's module docstring describes."""

    FIELDS = ("name", "description", "value", "basis")  # columns 0..3 of the test grid

    def __init__(self, view: QTableView, library: Library, stack: QUndoStack, editor_cls: type) -> None:
        super().__init__(view)
        self.library, self.stack, self.editor_cls = library, stack, editor_cls

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = self.editor_cls(parent)
        helper = LibraryCompleter(self.library, editor)
        row = index.row()
        helper.entry_chosen.connect(lambda entry, ed=editor, r=row: self.fill(ed, r, entry))
        return editor

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()  # type: ignore[attr-defined]
        model.setData(index, text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Like the grid: Enter commits the cell and closes the editor."""
        enter = event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        if enter and isinstance(obj, QWidget):
            self.commitData.emit(obj)
            self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(obj, event)

    def fill(self, editor: QWidget, row: int, entry: Entry) -> None:
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        model = self.parent().model()  # type: ignore[attr-defined]
        # beginMacro/push/endMacro: the stack owns every command.  (A QUndoCommand parent does
        # not take ownership of Python children in PySide 6.12: deleting the stack then crashes.)
        self.stack.beginMacro(f"从指标库填入“{entry.name}”")
        for col, field in enumerate(self.FIELDS):
            text = getattr(entry, field)
            if text:  # a blank entry text keeps the cell
                self.stack.push(SetCell(model, row, col, text))
        self.stack.endMacro()


@pytest.mark.parametrize("editor_cls", [QLineEdit, QPlainTextEdit])
def test_grid_wiring_fills_the_row_in_one_undo_step(qtbot: QtBot, library: Library, editor_cls: type) -> None:
    model = QStandardItemModel(2, 4)
    for r in range(2):
        for c in range(4):
            model.setItem(r, c, QStandardItem("旧"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    stack = QUndoStack(view)
    view.setItemDelegate(Level3Delegate(view, library, stack, editor_cls))
    view.show()
    view.activateWindow()
    index = model.index(1, 0)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    assert isinstance(editor, editor_cls)
    helper = editor.findChild(LibraryCompleter)
    assert helper is not None
    if isinstance(editor, QLineEdit):
        editor.setText("满意")
    else:
        editor.setPlainText("满意")
    helper.complete()
    press(editor, Qt.Key.Key_Down)
    entry = helper.current_entry()
    assert entry is not None
    press(editor, Qt.Key.Key_Return)  # taken by the completer, not committed by the delegate
    assert stack.count() == 1
    row = [model.item(1, c).text() for c in range(4)]
    assert row[0] == entry.name and row[2] == entry.value and row[3] == entry.basis
    stack.undo()
    assert [model.item(1, c).text() for c in range(4)] == ["旧"] * 4
