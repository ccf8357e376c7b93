"""An Excel-like grid: type to edit, Enter down, Tab right, Del clears, copy/paste blocks.

The view edits a :class:`~perfdesk.ui.grid.tablemodel.ListTableModel`; the delegate gives text
cells a wrapping editor (Alt+Enter for a line break, as in Excel), label columns an editable
drop-down of the framework's names, number columns a plain line edit.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from perfdesk.ui.core.style import icon, shortcuts
from perfdesk.ui.grid.clipboard import Block, format_html, format_tsv, is_header_row, parse_html_table, parse_tsv
from perfdesk.ui.grid.tablemodel import ChoicesRole, ListTableModel

Hint = QAbstractItemDelegate.EndEditHint
Index = QModelIndex | QPersistentModelIndex
MAX_ROW_HEIGHT = 320  # a very long cell is shown in full in its editor and tool tip
_WORD_MARKERS = ("urn:schemas-microsoft-com:office:word", "Word.Document", "Microsoft Word", "Kingsoft Writer")


def block_from_clipboard() -> Block:
    """The clipboard as a block of cells: Word/WPS tables from HTML, Excel/WPS cells from text."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return []
    markup = mime.html() if mime.hasHtml() else ""
    text = mime.text() if mime.hasText() else ""
    from_word = "<table" in markup.lower() and any(m in markup for m in _WORD_MARKERS)
    if from_word or (not text.strip() and "<table" in markup.lower()):
        block = parse_html_table(markup)
        if block:
            return block
    return parse_tsv(text)


_clipboard_guarded = False


def set_clipboard(text: str, html: str = "") -> None:
    """Put text (and an HTML table for Word) on the clipboard."""
    global _clipboard_guarded
    mime = QMimeData()
    mime.setText(text)
    if html:
        mime.setHtml(html)
    QGuiApplication.clipboard().setMimeData(mime)
    if not _clipboard_guarded:
        _clipboard_guarded = True
        atexit.register(_flatten_clipboard)


def _flatten_clipboard() -> None:
    """At exit, hand the clipboard a copy Qt made itself.

    PySide 6.12 crashes while tearing down the application when the clipboard still holds a
    QMimeData created from Python; the copied text stays available to Excel and WPS.
    """
    app = QGuiApplication.instance()
    if app is None:
        return
    clipboard = QGuiApplication.clipboard()
    # Offscreen/minimal platforms keep the clipboard in-process and cannot tell who owns it.
    if clipboard.ownsClipboard() or QGuiApplication.platformName() in ("offscreen", "minimal"):
        clipboard.setText(clipboard.text())


class CellTextEdit(QPlainTextEdit):
    """The in-cell editor for text: wraps like the cell, grows while typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(3)

    def text(self) -> str:
        """The edited text."""
        return self.toPlainText()


@dataclass
class _LiveEdit:
    """An open cell editor: the cell it writes to, the undo index before it, whether it is loaded."""

    cell: QPersistentModelIndex
    start: int
    loaded: bool = False


def _live_of(editor: QWidget) -> _LiveEdit | None:
    live = getattr(editor, "live_edit", None)
    return live if isinstance(live, _LiveEdit) else None


def _editor_text(editor: QWidget) -> str:
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, (QLineEdit, CellTextEdit)):
        return editor.text()
    return ""


class GridDelegate(QStyledItemDelegate):
    """Editors per column kind; Enter commits and moves down, Alt+Enter breaks the line."""

    def __init__(self, view: ExcelGrid) -> None:
        super().__init__(view)
        self.view = view

    def _model(self) -> ListTableModel:
        model = self.view.model()
        assert isinstance(model, ListTableModel)
        return model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A drop-down for label columns, a line edit for numbers, a wrapping editor for text.

        The grid's ``editor_hooks`` then see the new editor (the 指标库 type-ahead attaches there).
        """
        editor = self._make_editor(parent, index)
        self._watch(editor, index)
        for hook in self.view.editor_hooks:
            hook(editor, index)
        return editor

    def _watch(self, editor: QWidget, index: Index) -> None:
        """Hand the text to the model as it is typed: an open editor's text survives a crash.

        The keystrokes of one editor are one undo step (the ● and 撤销 show at once); Esc takes
        them back.  Typing into the blank row adds the row with the first keystroke.
        """
        model = self._model()
        if model.session.read_only:
            return
        model.session.seal()
        live = _LiveEdit(QPersistentModelIndex(index), model.session.stack(model.stack_key, model.keep).index())
        editor.live_edit = live  # type: ignore[attr-defined]

        def typed(*_args: object) -> None:
            if not live.loaded or not live.cell.isValid() or model.session.read_only:
                return
            row, col = live.cell.row(), live.cell.column()
            before = len(model.items)
            model.set_cell(row, col, _editor_text(editor), merge=True)
            if model.is_blank_row(row) and len(model.items) == before + 1:
                live.cell = QPersistentModelIndex(model.index(before, col))  # the row just added

        if isinstance(editor, QComboBox) and editor.lineEdit() is not None:
            editor.lineEdit().textEdited.connect(typed)
            editor.activated.connect(typed)
        elif isinstance(editor, QLineEdit):
            editor.textEdited.connect(typed)
        elif isinstance(editor, CellTextEdit):
            editor.textChanged.connect(typed)

    def cell_of(self, editor: QWidget, index: Index) -> Index:
        """The cell an editor writes to (a new row's, once typing into the blank row added it)."""
        live = _live_of(editor)
        return live.cell if live is not None and live.cell.isValid() else index

    def revert(self, editor: QWidget) -> None:
        """Esc: take back what the editor's typing handed to the model."""
        live = _live_of(editor)
        model = self._model()
        if live is None or not live.loaded:
            return
        stack = model.session.stack(model.stack_key, model.keep)
        live.loaded = False  # nothing more is handed over
        while stack.index() > live.start and stack.canUndo():
            stack.undo()
        model.session.seal()

    def _make_editor(self, parent: QWidget, index: Index) -> QWidget:
        column = self._model().columns[index.column()]
        if column.kind == "choice":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(index.data(ChoicesRole) or [])
            combo.setMaxVisibleItems(12)
            if not self.view.typing:
                QTimer.singleShot(0, combo, combo.showPopup)
            return combo
        if column.numeric:
            line = QLineEdit(parent)
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return line
        return CellTextEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Load the cell; typing replaces it (as in Excel), F2 or double-click appends."""
        live = _live_of(editor)
        if live is not None and live.loaded:
            return  # the cell changed because of this editor's own typing: keep the cursor where it is
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        typing = self.view.typing
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text)
            line = editor.lineEdit()
            if typing:
                line.clear()
            else:
                line.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText("" if typing else text)
        elif isinstance(editor, CellTextEdit):
            editor.setPlainText("" if typing else text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        if live is not None:
            live.loaded = True

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        """Hand the typed text to the model (which turns it into an undo command)."""
        if not isinstance(editor, (QComboBox, QLineEdit, CellTextEdit)):  # pragma: no cover
            return
        text = _editor_text(editor)
        index = self.cell_of(editor, index)
        if text != (index.data(Qt.ItemDataRole.EditRole) or "") or self._model().cell_error(
            index.row(), index.column()
        ):
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Cover the cell; a text editor is at least two lines high so long entries stay readable."""
        rect = option.rect
        cell = self.cell_of(editor, index)
        if cell != index:
            rect = self.view.visualRect(self._model().index(cell.row(), cell.column()))
        if isinstance(editor, CellTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 2 * option.fontMetrics.height() + 10 - rect.height()))
        editor.setGeometry(rect)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter commits and moves down, Alt+Enter inserts a line break, Esc cancels."""
        if event.type() == QEvent.Type.KeyPress and isinstance(obj, QWidget):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if isinstance(obj, CellTextEdit) and key_event.modifiers() & Qt.KeyboardModifier.AltModifier:
                    obj.insertPlainText("\n")
                    return True
                if isinstance(obj, QComboBox) and obj.view().isVisible():
                    return super().eventFilter(obj, event)
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, Hint.SubmitModelCache)
                return True
        return super().eventFilter(obj, event)


class ExcelGrid(QTableView):
    """A table view that behaves like a spreadsheet for the clerk."""

    def __init__(self, model: ListTableModel, parent: QWidget | None = None, *, fit_height: bool = False) -> None:
        super().__init__(parent)
        self.typing = False
        self._tab_start: tuple[int, int] | None = None  # (row, column) where a run of Tabs began
        self.fit_height = fit_height
        self.max_fit_height = 520
        self.editor_hooks: list[Callable[[QWidget, Index], None]] = []  # called with each new cell editor
        self.extra_actions: list[QAction] = []  # added at the end of the right-click menu
        self.setModel(model)
        self.setItemDelegate(GridDelegate(self))
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setHighlightSections(True)
        header.setMinimumSectionSize(48)
        self.apply_column_widths()
        model.modelReset.connect(self.apply_column_widths)  # the columns may have changed (shown/hidden)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        vertical.setMinimumWidth(34)
        vertical.setDefaultSectionSize(self.fontMetrics().lineSpacing() + 14)
        self._build_actions()
        # Row heights follow the wrapped text: recomputed for edited rows at once, for all rows
        # after a column is resized or rows come and go.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.timeout.connect(self.fit_rows)
        header.sectionResized.connect(self._schedule_rows)
        model.rowsInserted.connect(self._schedule_rows)
        model.rowsRemoved.connect(self._schedule_rows)
        model.rowsMoved.connect(self._schedule_rows)
        model.modelReset.connect(self._schedule_rows)
        model.dataChanged.connect(self._fit_changed_rows)
        if fit_height:
            vertical.sectionResized.connect(self._geometry_changed)
            model.rowsInserted.connect(self._geometry_changed)
            model.rowsRemoved.connect(self._geometry_changed)
            model.modelReset.connect(self._geometry_changed)
        self._schedule_rows()

    def apply_column_widths(self) -> None:
        """Each column's width and stretch as its model describes it."""
        header = self.horizontalHeader()
        for col, column in enumerate(self.grid_model().columns):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, column.width)
            if column.stretch:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

    def _schedule_rows(self, *_args: object) -> None:
        self._rows_timer.start(0)

    def _geometry_changed(self, *_args: object) -> None:
        self.updateGeometry()

    def fit_rows(self) -> None:
        """Make every row tall enough for its wrapped text (up to a limit)."""
        for row in range(self.model().rowCount()):
            self._fit_row(row)

    def _fit_row(self, row: int) -> None:
        height = min(max(self.sizeHintForRow(row) + 6, self.verticalHeader().defaultSectionSize()), MAX_ROW_HEIGHT)
        if self.rowHeight(row) != height:
            self.setRowHeight(row, height)

    def _fit_changed_rows(self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles: object) -> None:
        if bottom_right.row() - top_left.row() > 50:
            self._schedule_rows()
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._fit_row(row)

    def grid_model(self) -> ListTableModel:
        """The model, typed."""
        model = self.model()
        assert isinstance(model, ListTableModel)
        return model

    # ------------------------------------------------------------------ actions

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        spec = [
            ("copy", self.tr("复制"), "copy", [QKeySequence(QKeySequence.StandardKey.Copy)], self.copy_selection),
            ("cut", self.tr("剪切"), None, [QKeySequence(QKeySequence.StandardKey.Cut)], self.cut_selection),
            ("paste", self.tr("粘贴"), "paste", [QKeySequence(QKeySequence.StandardKey.Paste)], self.paste),
            ("clear", self.tr("清除内容"), None, [QKeySequence(Qt.Key.Key_Delete)], self.clear_selection),
            ("insert_row", self.tr("在上方插入行"), "insert_row", shortcuts("insert_row"), self.insert_row),
            ("append_row", self.tr("在末尾添加行"), "add", [], self.append_row),
            ("delete_row", self.tr("删除行"), "delete_row", shortcuts("delete_row"), self.delete_rows),
            ("move_up", self.tr("上移"), "up", shortcuts("move_up"), lambda: self.move_rows(-1)),
            ("move_down", self.tr("下移"), "down", shortcuts("move_down"), lambda: self.move_rows(1)),
        ]
        for name, text, icon_name, keys, slot in spec:
            action = QAction(text, self)
            if icon_name:
                action.setIcon(icon(icon_name))
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The grid's right-click menu."""
        menu = QMenu(self)
        names = [
            "copy",
            "cut",
            "paste",
            "clear",
            None,
            "insert_row",
            "append_row",
            "delete_row",
            None,
            "move_up",
            "move_down",
        ]
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        menu.exec(event.globalPos())

    def set_read_only(self, read_only: bool) -> None:
        """Disable the editing actions of a read-only document."""
        for name, action in self.actions_by_name.items():
            action.setEnabled(name == "copy" or not read_only)

    # ------------------------------------------------------------------ keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Spreadsheet keys: Enter moves down, Del clears, typing replaces the cell."""
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ControlModifier:
            self.move_down(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
            self.clear_selection()
            return
        printable = bool(event.text()) and event.text().isprintable()
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        self.typing = printable and plain
        try:
            super().keyPressEvent(event)
        finally:
            self.typing = False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese typed through an input method starts editing the cell, replacing it."""
        idle = self.state() != QAbstractItemView.State.EditingState
        direct = idle and bool(event.commitString()) and not event.preeditString()
        self.typing = idle
        try:
            if direct:
                # A commit without pre-edit (some input methods, full-width punctuation): Qt opens
                # the editor but drops the text, so hand it to the new editor ourselves.
                current = self.currentIndex()
                if current.isValid() and self.edit(current, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                    editor = self.focusWidget()
                    if editor is not None and editor is not self:
                        commit = QInputMethodEvent("", [])
                        commit.setCommitString(event.commitString())
                        QApplication.sendEvent(editor, commit)
                    event.accept()
                    return
            super().inputMethodEvent(event)
        finally:
            self.typing = False

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """After Enter move down, after Tab move right (without opening the next editor)."""
        move = {Hint.SubmitModelCache: (1, 0), Hint.EditNextItem: (0, 1), Hint.EditPreviousItem: (0, -1)}.get(hint)
        delegate = self.itemDelegate()
        if isinstance(delegate, GridDelegate):
            if hint == Hint.RevertModelCache:
                delegate.revert(editor)
            else:
                cell = delegate.cell_of(editor, self.currentIndex())
                if cell.isValid() and cell != self.currentIndex():
                    self.setCurrentIndex(self.model().index(cell.row(), cell.column()))
            self.grid_model().session.seal()
        super().closeEditor(editor, Hint.NoHint)
        if move == (1, 0):
            self.move_down(1)
        elif move:
            self._note_tab()
            self.move_current(*move)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab and Shift+Tab (also out of a cell editor) remember where the run of Tabs began."""
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            self._note_tab()
        return super().moveCursor(action, modifiers)

    def _note_tab(self) -> None:
        current = self.currentIndex()
        if self._tab_start is None or self._tab_start[0] != current.row():
            self._tab_start = (current.row(), current.column())

    def move_down(self, step: int) -> None:
        """Enter: the next row — at the column where a run of Tabs began, as in Excel."""
        start, self._tab_start = self._tab_start, None
        current = self.currentIndex()
        if step == 1 and start is not None and current.isValid() and start[0] == current.row():
            row = min(current.row() + 1, self.model().rowCount() - 1)
            target = self.model().index(row, start[1])
            self.setCurrentIndex(target)
            self.scrollTo(target)
            return
        self.move_current(step, 0)

    def move_current(self, rows: int, cols: int) -> None:
        """Move the current cell; Tab at the end of a row goes on to the next row."""
        current = self.currentIndex()
        model = self.model()
        if not current.isValid():
            current = model.index(0, 0)
        row, col = current.row() + rows, current.column() + cols
        if col >= model.columnCount():
            row, col = row + 1, 0
        elif col < 0:
            row, col = row - 1, model.columnCount() - 1
        row = max(0, min(row, model.rowCount() - 1))
        target = model.index(row, max(0, col))
        self.setCurrentIndex(target)
        self.scrollTo(target)

    # ------------------------------------------------------------------ selection helpers

    def selected_cells(self) -> list[tuple[int, int]]:
        """The selected cells, or the current one."""
        cells = sorted({(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()})
        if not cells and self.currentIndex().isValid():
            cells = [(self.currentIndex().row(), self.currentIndex().column())]
        return cells

    def selected_rows(self) -> list[int]:
        """Rows touched by the selection."""
        return sorted({r for r, _ in self.selected_cells()})

    def select_block(self, row: int, col: int, rows: int, cols: int) -> None:
        """Select a rectangle and make its top-left cell current."""
        model = self.model()
        top_left = model.index(row, col)
        bottom_right = model.index(min(row + rows, model.rowCount()) - 1, col + cols - 1)
        self.setCurrentIndex(top_left)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(QItemSelection(top_left, bottom_right), flags)

    # ------------------------------------------------------------------ edit operations

    def copy_selection(self) -> None:
        """Copy the selected rectangle as tab-separated text (and an HTML table for Word)."""
        cells = self.selected_cells()
        if not cells:
            return
        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells})
        block = self.grid_model().block(list(range(rows[0], rows[-1] + 1)), list(range(cols[0], cols[-1] + 1)))
        set_clipboard(format_tsv(block), format_html(block))

    def cut_selection(self) -> None:
        """Copy, then clear."""
        self.copy_selection()
        self.clear_selection()

    def clear_selection(self) -> None:
        """Empty the selected cells (one undo step)."""
        self.grid_model().clear_cells(self.selected_cells())

    def paste(self) -> None:
        """Paste a block from Excel, WPS or a Word table at the current cell."""
        self.paste_block(block_from_clipboard())

    def paste_block(self, block: Block) -> None:
        """Paste rows of cells at the current cell; a single value fills the whole selection."""
        model = self.grid_model()
        if not block or model.session.read_only:
            return
        if is_header_row(block[0], [c.header for c in model.columns]):
            block = block[1:]
        cells = self.selected_cells()
        if not block or not cells:
            return
        if len(block) == 1 and len(block[0]) == 1 and len(cells) > 1:
            model.paste_many(cells, block[0][0])
            return
        row = min(r for r, _ in cells)
        col = min(c for _, c in cells)
        rows, cols = model.paste(row, col, block)
        if rows and model.new_rows and model.new_rows[0] < row:  # added rows went into their 一级 group
            self.select_block(model.new_rows[0], col, len(model.new_rows), cols)
        elif rows:
            self.select_block(row, col, rows, cols)

    def insert_row(self) -> None:
        """Insert a blank row above the current one."""
        current = self.currentIndex()
        row = current.row() if current.isValid() else self.grid_model().rowCount()
        self.grid_model().insert_rows(row)
        self.setCurrentIndex(self.model().index(row, max(0, current.column())))

    def append_row(self) -> None:
        """Add a blank row at the end and start typing in it."""
        model = self.grid_model()
        model.insert_rows(len(model.items))
        target = model.index(len(model.items) - 1, 0)
        self.setCurrentIndex(target)
        self.scrollTo(target)
        self.setFocus()

    def delete_rows(self) -> None:
        """Delete the rows of the selection."""
        rows = self.selected_rows()
        self.grid_model().remove_rows(rows)

    def move_rows(self, delta: int) -> None:
        """Move the selected rows up or down by one, keeping them selected."""
        rows = self.selected_rows()
        if not rows:
            return
        current = self.currentIndex()
        if self.grid_model().move_rows(rows[0], rows[-1], delta):
            col = max(0, current.column())
            self.select_block(rows[0] + delta, 0, len(rows), self.model().columnCount())
            self.setCurrentIndex(self.model().index(current.row() + delta, col))

    # ------------------------------------------------------------------ size

    def sizeHint(self) -> QSize:
        """When fitting, tall enough for all rows (up to a limit) so a form needs no inner scrolling."""
        hint = super().sizeHint()
        if not self.fit_height:
            return hint
        height = self.horizontalHeader().height() + 2 * self.frameWidth() + 2
        height += sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        return QSize(hint.width(), min(height, self.max_fit_height))

    def minimumSizeHint(self) -> QSize:
        """At least a few rows high."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), 120 if self.fit_height else hint.height())
