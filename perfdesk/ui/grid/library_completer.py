"""Type-ahead for the 三级指标 cell: matching library entries drop down while the clerk types.

:class:`LibraryCompleter` watches one editor (a ``QLineEdit`` or a ``QPlainTextEdit`` such as
the grid's wrapping cell editor).  When the clerk types (keyboard or input-method commit), it
searches the :class:`~perfdesk.library.Library` and shows the best entries in a small list
under the editor.  The editor keeps the keyboard focus the whole time, so a Chinese input
method keeps working; Down/Up move in the list, Enter takes the highlighted entry (with nothing
highlighted Enter is left to the editor, i.e. it commits the typed text), Esc closes the list,
a click takes an entry.  Taking an entry puts its name in the editor and emits
:attr:`LibraryCompleter.entry_chosen` with the :class:`~perfdesk.library.Entry`.

Intended wiring in the grid (``perfdesk/ui/gridview.py``), for the 三级 column only::

    # GridDelegate.createEditor(), after creating the editor for a "level3" column:
    helper = LibraryCompleter(self.library, editor, framework=doc.unit.framework,
                              level1=canonical_level1(row.level1), level2=canonical_level2(row.level2))
    helper.entry_chosen.connect(lambda entry, ix=QPersistentModelIndex(index), ed=editor:
                                self.fill_from_library(ed, ix, entry))

    # GridDelegate.fill_from_library(): close the editor *without* committing it, then push
    # ONE undo step for the whole row, so Ctrl+Z takes back the name and the filled cells:
    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    stack.beginMacro(tr("从指标库填入“%1”").replace("%1", entry.name))
    for field in ("level3", "description", "value", "basis"):   # level1/level2 too if blank
        text = entry.name if field == "level3" else getattr(entry, field)
        if text:                                                 # a blank entry text keeps the cell
            stack.push(commands.SetValue(session, row_item, field, text, scope=project))
    stack.endMacro()

Prefer ``beginMacro``/``push``/``endMacro`` over a parent ``QUndoCommand`` with Python child
commands: in PySide 6.12 a parent does not take ownership of its Python children, and deleting
the stack later frees them twice (segfault).  ``tests/test_library_ui.py`` runs this wiring
end to end with a stand-in delegate.

The helper is parented to the editor, so it goes when the editor goes.  Its key handling is an
event filter on the editor that is re-installed each time the list opens, so it runs before
the delegate's own filter (which would otherwise take Enter to commit the cell).  Call
:meth:`LibraryCompleter.complete` to open the list on demand (e.g. on Ctrl+Space or F4, or for
a cell that already has text).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QPlainTextEdit, QWidget

from perfdesk.library import Entry, Library, Source
from perfdesk.models.document import Framework

EntryRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
Editor = QLineEdit | QPlainTextEdit
_NAV_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def tr(text: str) -> str:
    """Translate a user-visible text of this module."""
    return QCoreApplication.translate("LibraryCompleter", text)


def entry_summary(entry: Entry) -> str:
    """One line for a list: name, 二级, typical value, and how often the clerk used it."""
    parts = [entry.level2.removesuffix("指标")]
    if entry.value:
        parts.append(entry.value)
    if entry.source is Source.OWN:
        parts.append(tr("用过%n次").replace("%n", str(entry.uses)))
    return f"{entry.name}　（{'，'.join(parts)}）"


class EntryRows:
    """The entries a library model shows, one per row (mixed into a Qt item model)."""

    entries: list[Entry]

    def set_entries(self, entries: list[Entry]) -> None:
        """Replace the rows."""
        self.beginResetModel()  # type: ignore[attr-defined]
        self.entries = list(entries)
        self.endResetModel()  # type: ignore[attr-defined]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number of entries (a flat list)."""
        return 0 if parent.isValid() else len(self.entries)


class EntryListModel(EntryRows, QAbstractListModel):
    """A list of entries; :data:`EntryRole` gives the Entry itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries = []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Summary text, the description as tooltip, or the Entry."""
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry_summary(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.description or None
        if role == EntryRole:
            return entry
        return None


class LibraryCompleter(QObject):
    """Offers library entries under a 三级 editor and reports the one the clerk takes."""

    entry_chosen = Signal(object)  # the chosen Entry

    def __init__(
        self,
        library: Library,
        editor: Editor,
        *,
        framework: Framework | None = None,
        level1: str | None = None,
        level2: str | None = None,
        max_items: int = 12,
        min_chars: int = 1,
    ) -> None:
        super().__init__(editor)
        self.library = library
        self.editor = editor
        self.framework, self.level1, self.level2 = framework, level1, level2
        self.max_items = max_items
        self.min_chars = min_chars
        self._setting = False  # True while the helper itself changes the editor's text
        self.model = EntryListModel(self)
        self._popup = self._make_popup(editor)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self._on_typed)
        else:
            editor.textChanged.connect(self._on_plain_changed)
        editor.installEventFilter(self)

    def _make_popup(self, editor: QWidget) -> QListView:
        popup = QListView(editor)
        flags = Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus
        popup.setWindowFlags(flags)
        popup.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        popup.setModel(self.model)
        popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        popup.setUniformItemSizes(True)
        popup.setMouseTracking(True)
        popup.clicked.connect(lambda index: self.choose(index.row()))
        return popup

    def popup(self) -> QListView:
        """The list widget (for tests and styling)."""
        return self._popup

    def is_open(self) -> bool:
        """True while the list is shown."""
        return self._popup.isVisible()

    def set_filters(
        self, framework: Framework | None = None, level1: str | None = None, level2: str | None = None
    ) -> None:
        """Restrict the offers to a framework and/or canonical 一级/二级."""
        self.framework, self.level1, self.level2 = framework, level1, level2

    def editor_text(self) -> str:
        """The editor's current text."""
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    def complete(self, text: str | None = None) -> int:
        """Search for ``text`` (default: the editor's text), show the list; returns the count."""
        query = self.editor_text() if text is None else text
        if len(query.strip()) < self.min_chars:
            self.hide()
            return 0
        found = self.library.search(
            query, level1=self.level1, level2=self.level2, framework=self.framework, limit=self.max_items
        )
        self.model.set_entries(found)
        if not found:
            self.hide()
            return 0
        self._show()
        return len(found)

    def current_entry(self) -> Entry | None:
        """The highlighted entry, if any."""
        index = self._popup.currentIndex()
        return index.data(EntryRole) if index.isValid() and self.is_open() else None

    def choose(self, row: int) -> None:
        """Take the entry in ``row``: put its name in the editor, close the list, emit."""
        if not 0 <= row < len(self.model.entries):
            return
        entry = self.model.entries[row]
        self.hide()
        self._setting = True
        try:
            if isinstance(self.editor, QLineEdit):
                self.editor.setText(entry.name)
            else:
                self.editor.setPlainText(entry.name)
                self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        finally:
            self._setting = False
        self.entry_chosen.emit(entry)

    def hide(self) -> None:
        """Close the list."""
        self._popup.hide()

    def _on_typed(self, text: str) -> None:
        if not self._setting:
            self.complete(text)

    def _on_plain_changed(self) -> None:
        # setPlainText() from the delegate's setEditorData happens before the editor has the
        # focus: only text changed while the clerk is in the editor opens the list.
        if not self._setting and self.editor.hasFocus():
            self.complete()

    def _show(self) -> None:
        popup, editor = self._popup, self.editor
        rows = min(self.model.rowCount(), self.max_items)
        # The list's own row height (the editor's font can be taller, which left a blank band).
        row_height = popup.sizeHintForRow(0)
        if row_height <= 0:
            row_height = popup.fontMetrics().height() + 4
        width = max(editor.width(), min(popup.sizeHintForColumn(0) + 24, 640), 320)
        popup.resize(width, rows * row_height + 2 * popup.frameWidth())
        popup.move(editor.mapToGlobal(QPoint(0, editor.height())))
        popup.setCurrentIndex(QModelIndex())
        popup.clearSelection()
        if not popup.isVisible():
            # Re-install so this filter runs before the item delegate's (installed later).
            editor.removeEventFilter(self)
            editor.installEventFilter(self)
            popup.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Navigate and choose with the keyboard while the list is open; close it on focus out."""
        if watched is not self.editor:
            return False
        kind = event.type()
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            self.hide()
        elif kind == QEvent.Type.KeyPress and self.is_open():
            return self._key(event)  # type: ignore[arg-type]
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _NAV_KEYS:
            self._move(key)
            return True
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self._popup.currentIndex()
            if index.isValid():
                self.choose(index.row())
                return True
            self.hide()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.hide()
        return False

    def _move(self, key: Qt.Key) -> None:
        count = self.model.rowCount()
        current = self._popup.currentIndex().row()
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5, Qt.Key.Key_PageDown: 5}[key]
        first = 0 if step > 0 else count - 1  # with nothing highlighted: Down → top, Up → bottom
        row = first if current < 0 else max(0, min(count - 1, current + step))
        self._popup.setCurrentIndex(self.model.index(row, 0))
