"""The indicator library (指标库) in a project's indicator grid: type-ahead in 三级 and the picker.

:class:`LibraryWiring` attaches to one :class:`~perfdesk.ui.grid.recordtable.RecordTable` over
``Project.indicators``:

* every editor opened in the 三级 column gets a
  :class:`~perfdesk.ui.grid.library_completer.LibraryCompleter` (filtered by the row's 一级/二级 and the
  document's framework; F4 or Ctrl+Space opens it on demand).  Taking an entry closes the editor
  without committing the typed text and fills 三级, 描述, 指标值 and 依据 (一级/二级 when blank);
* the action 指标库… (button above the grid, right-click menu, Ctrl+L, and 工具 › 指标库) opens the
  :class:`~perfdesk.ui.dialogs.library_dialog.LibraryDialog` through :mod:`perfdesk.ui.dialogs`, filtered
  by the current row, and fills that row when its 三级 is empty or inserts a new row below it.

Either way the whole row changes in ONE undo step (a macro on the grid's stack), and every cell
stays editable afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QPlainTextEdit, QWidget

from perfdesk.models import frameworks as fw
from perfdesk.models.document import Indicator
from perfdesk.ui import dialogs
from perfdesk.ui.core import commands
from perfdesk.ui.core.libraryholder import shared_library
from perfdesk.ui.core.style import icon, shortcuts
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.tablemodel import Index, ListTableModel

if TYPE_CHECKING:
    from perfdesk.library import Entry
    from perfdesk.ui.grid.library_completer import LibraryCompleter


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("LibraryWiring", text)


def filters(item: Indicator | None) -> tuple[str | None, str | None]:
    """The canonical 一级/二级 of a row, to narrow the library to its category (None: any)."""
    if item is None:
        return None, None
    return fw.canonical_level1(item.level1), fw.canonical_level2(item.level2)


def entry_values(entry: Entry, item: Indicator | None) -> dict[str, str]:
    """The texts an entry puts into a row; 一级/二级 only where the row has none."""
    values = {"level3": entry.name, "description": entry.description, "value": entry.value, "basis": entry.basis}
    if item is None or not item.level1.strip():
        values["level1"] = entry.level1
    if item is None or not item.level2.strip():
        values["level2"] = entry.level2
    return {field: text for field, text in values.items() if text}  # a blank entry text keeps the cell


def new_indicator(entry: Entry, like: Indicator | None) -> Indicator:
    """A new row from an entry; the neighbour's wording of 一级/二级 is kept when it is the same category."""
    level1 = like.level1 if like is not None and fw.canonical_level1(like.level1) == entry.level1 else entry.level1
    level2 = like.level2 if like is not None and fw.canonical_level2(like.level2) == entry.level2 else entry.level2
    return Indicator(level1, level2, entry.name, entry.description, entry.value, entry.basis)


class _OnDemand(QObject):
    """F4 or Ctrl+Space in the 三级 editor opens the list for the text already there.

    Also: when the clerk starts typing Chinese into the cell, Qt keeps the focus on the grid
    until the first input-method commit is done, so the completer (which waits for the
    editor's focus) misses that text; the list is opened when the focus arrives.
    """

    def __init__(self, helper: LibraryCompleter, editor: QWidget, typed: bool) -> None:
        super().__init__(editor)
        self.helper = helper
        self.typed = typed  # the edit was started by typing (not F2 or a double-click)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the completer on F4 / Ctrl+Space, and for text typed before the editor had the focus."""
        if event.type() == QEvent.Type.FocusIn and self.typed:
            self.typed = False
            if self.helper.editor_text().strip() and not self.helper.is_open():
                self.helper.complete()
        elif event.type() == QEvent.Type.KeyPress:
            key: QKeyEvent = event  # type: ignore[assignment]
            space = key.key() == Qt.Key.Key_Space and key.modifiers() == Qt.KeyboardModifier.ControlModifier
            if key.key() == Qt.Key.Key_F4 or space:
                self.helper.complete()
                return True
        return False


class LibraryWiring(QObject):
    """Connects one indicator grid to the shared indicator library."""

    def __init__(self, table: RecordTable) -> None:
        super().__init__(table)
        self.table = table
        self.grid = table.grid
        self.grid.editor_hooks.append(self._on_editor)
        action = QAction(icon("library"), tr("指标库…"), self.grid)
        action.setShortcuts(shortcuts("library"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(tr("从指标库选择指标，填入当前行（三级为空时）或插入到当前行下方"))
        action.triggered.connect(lambda *_args: self.pick())
        self.grid.addAction(action)
        self.grid.actions_by_name["library"] = action
        self.grid.extra_actions.append(action)
        table.add_button("library")
        self.action = action

    @property
    def model(self) -> ListTableModel:
        """The grid's model (over ``Project.indicators``)."""
        return self.table.model

    def _item(self, row: int) -> Indicator | None:
        return None if self.model.is_blank_row(row) else self.model.items[row]

    def _framework(self) -> Any:
        return self.model.session.document.unit.framework

    # ------------------------------------------------------------------ type-ahead

    def _on_editor(self, editor: QWidget, index: Index) -> None:
        from perfdesk.ui.grid.library_completer import LibraryCompleter  # loads the library only when typing

        column = self.model.columns[index.column()]
        if column.field != "level3" or not isinstance(editor, (QLineEdit, QPlainTextEdit)):
            return
        level1, level2 = filters(self._item(index.row()))
        helper = LibraryCompleter(shared_library(), editor, framework=self._framework(), level1=level1, level2=level2)
        editor.installEventFilter(_OnDemand(helper, editor, self.grid.typing))
        persistent = QPersistentModelIndex(index)
        blank = self.model.is_blank_row(index.row())
        helper.entry_chosen.connect(lambda entry, ed=editor, ix=persistent: self._chosen(ed, ix, entry, blank))

    def _chosen(self, editor: QWidget, index: QPersistentModelIndex, entry: Entry, blank: bool = False) -> None:
        """Close the editor, taking back the typed text, then fill the row in one step."""
        delegate = self.grid.itemDelegate()
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        if blank:  # the row that typing added is gone again: the entry goes into a new row
            self.fill_row(len(self.model.items), entry)
        elif index.isValid():
            self.fill_row(index.row(), entry)

    # ------------------------------------------------------------------ filling

    def fill_row(self, row: int, entry: Entry) -> bool:
        """Put an entry into a row (the blank row: a new row at the end); one undo step."""
        model = self.model
        text = tr("从指标库填入“{name}”").format(name=entry.name)
        if model.session.read_only:
            return False
        item = self._item(row)
        if item is None:
            above = model.items[-1] if model.items else None
            return self._insert(len(model.items), entry, above, text)
        batch = commands.Batch(text)
        values = entry_values(entry, item)
        if "value" in values:  # a one-cell 指标值 from the library replaces parts typed in split columns
            values.update({part: "" for part in ("operator", "number", "unit") if getattr(item, part, "")})
        for field, value in values.items():
            if getattr(item, field) != value:
                batch.add(commands.SetValue(model.session, item, field, value, scope=model.scope))
        return model.session.push_batch(model.stack_key, batch, model.keep)

    def _insert(self, at: int, entry: Entry, like: Indicator | None, text: str) -> bool:
        model = self.model
        new = new_indicator(entry, like)
        cmd = commands.InsertItems(model.session, model.items, at, [new], scope=model.scope, text=text)
        if not model.session.push(model.stack_key, cmd, model.keep):
            return False
        target = model.index(at, model.column_of("level3") or 0)
        self.grid.setCurrentIndex(target)
        self.grid.scrollTo(target)
        return True

    def pick(self) -> Entry | None:
        """指标库…: choose an entry for the current row (filtered by its 一级/二级) and fill or insert it."""
        model = self.model
        if model.session.read_only:
            return None
        current = self.grid.currentIndex()
        row = current.row() if current.isValid() else len(model.items)
        item = self._item(row)
        level1, level2 = filters(item)
        entry = dialogs.pick_library_entry(
            self.grid.window(), shared_library(), framework=self._framework(), level1=level1, level2=level2
        )
        if entry is None:
            return None
        if item is not None and not item.level3.strip():
            self.fill_row(row, entry)
        else:
            at = len(model.items) if item is None else row + 1
            like = item if item is not None else (model.items[-1] if model.items else None)
            self._insert(at, entry, like, tr("从指标库插入“{name}”").format(name=entry.name))
        self.grid.setFocus()
        return entry


def wiring_of(table: RecordTable) -> LibraryWiring | None:
    """The library wiring of a grid, if it has one."""
    return table.findChild(LibraryWiring)
