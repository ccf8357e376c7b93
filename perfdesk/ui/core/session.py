"""The one object that owns an open document: its file, lock, undo stacks and change signals.

Every edit goes through a command (``perfdesk.ui.core.commands``) that calls one of the mutation
methods here; they change the domain objects and emit the signals that models and editors
listen to.  "Modified" derives from the undo stacks' clean state.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QLockFile, QModelIndex, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from perfdesk.models.document import Document, Project
from perfdesk.store.backups import backup_file
from perfdesk.store.file import open_document, save_document
from perfdesk.ui.core import fileaccess
from perfdesk.ui.core.libraryholder import learn_quietly

if TYPE_CHECKING:
    from perfdesk.ui.core.commands import Batch

STRUCTURE = "structure"  # the stack of the project tree (add, delete, rename, reorder)


@dataclass(frozen=True)
class ListChange:
    """A change to a list of the document: insert/remove ``count`` items at ``first``, or move one."""

    kind: str  # "insert", "remove", "move"
    first: int
    count: int = 1
    dest: int = 0  # for "move": the item's index after the move


def begin_rows(model: QAbstractItemModel, parent: QModelIndex, change: ListChange, offset: int = 0) -> None:
    """Begin inserting, removing or moving the rows of a list change, shown ``offset`` rows down."""
    first = change.first + offset
    last = first + change.count - 1
    if change.kind == "insert":
        model.beginInsertRows(parent, first, last)
    elif change.kind == "remove":
        model.beginRemoveRows(parent, first, last)
    else:
        dest = change.dest if change.dest < change.first else change.dest + 1
        model.beginMoveRows(parent, first, first, parent, dest + offset)


def end_rows(model: QAbstractItemModel, change: ListChange) -> None:
    """End what :func:`begin_rows` began."""
    if change.kind == "insert":
        model.endInsertRows()
    elif change.kind == "remove":
        model.endRemoveRows()
    else:
        model.endMoveRows()


def same_value(a: Any, b: Any) -> bool:
    """Equality that tells ``Decimal("20")`` from ``Decimal("20.00")`` (the clerk's digits matter)."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return str(a) == str(b)
    return type(a) is type(b) and a == b


class DocumentSession(QObject):
    """An open document: load/save, lock, undo stacks, modified state and change signals."""

    value_changed = Signal(object, object)  # target (object or list), key (attribute or index)
    list_about_to_change = Signal(object, object)  # list, ListChange
    list_changed = Signal(object, object)  # list, ListChange
    document_changed = Signal(object)  # scope: the Project edited, or None
    modified_changed = Signal(bool)
    file_changed = Signal()  # path or read-only state changed
    saved = Signal()

    def __init__(
        self,
        document: Document,
        path: Path | None = None,
        *,
        lock: QLockFile | None = None,
        read_only_reason: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.path = Path(path) if path else None
        self.read_only_reason = read_only_reason
        self.generation = 0  # bumped on every change; the recovery journal compares it
        self.merge_epoch = 0  # typing merges into one undo step until the epoch moves on
        self._untitled_name = ""
        self._lock = lock
        self._forced_dirty = False
        self.open_notes: list[str] = []  # what was cleaned on opening (control characters of an older version)
        self._modified = False
        self._stacks: dict[Hashable, tuple[QUndoStack, object]] = {}
        self._last_used: dict[Hashable, int] = {}  # stack key → when it last did or undid something
        self._clock = 0
        self._keys: dict[int, Hashable] = {}
        self.undo_group = QUndoGroup(self)

    # ------------------------------------------------------------------ opening and saving

    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> DocumentSession:
        """Open a file; raises DocumentFileError.  Read-only if locked elsewhere or not writable."""
        path = Path(path).absolute()
        opened = open_document(path)
        access = fileaccess.acquire(path)
        learn_quietly(opened.document)  # the indicator library learns every document opened
        session = cls(opened.document, path, lock=access.lock, read_only_reason=access.read_only_reason, parent=parent)
        session.open_notes = list(opened.notes)
        if opened.notes and not session.read_only:
            session.mark_modified()  # the cleaned text differs from the file until it is saved
        return session

    @property
    def read_only(self) -> bool:
        """True when edits are not allowed (file locked elsewhere or on a read-only medium)."""
        return self.read_only_reason is not None

    @property
    def untitled_name(self) -> str:
        """The name shown for a document that is not on disk (new, next year, imported, a backup)."""
        return self._untitled_name

    @untitled_name.setter
    def untitled_name(self, name: str) -> None:
        self._untitled_name = name
        self.file_changed.emit()  # the window title and tab follow

    def display_name(self) -> str:
        """The file name, or a name for an unsaved document."""
        if self.path:
            return self.path.name
        return self.untitled_name or self.tr("未命名")

    def save(self, path: Path | None = None) -> None:
        """Save to ``path`` (Save As) or the current file; raises SaveError or PermissionError."""
        target = Path(path).absolute() if path else self.path
        if target is None:
            raise ValueError("no path")
        new_lock = None
        if target != self.path:
            new_lock = fileaccess.lock_for_save(target)
        elif self.read_only:
            raise PermissionError(self.read_only_reason)
        try:
            with contextlib.suppress(OSError):
                backup_file(target)  # the file as it was, kept on this PC (perfdesk.store.backups)
            save_document(self.document, target)
        except BaseException:
            if new_lock is not None:
                new_lock.unlock()
            raise
        if new_lock is not None:
            self._release_lock()
            self._lock = new_lock
        changed = target != self.path or self.read_only
        self.path = target
        self.read_only_reason = None
        for stack, _ in self._stacks.values():
            stack.setClean()
        self._forced_dirty = False
        self._update_modified()
        learn_quietly(self.document)  # ... and saved; never makes the save fail
        if changed:
            self.file_changed.emit()
        self.saved.emit()

    def close(self) -> None:
        """Release the file lock (the window is closing the document)."""
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # ------------------------------------------------------------------ undo stacks

    def stack(self, key: Hashable, keep: object = None) -> QUndoStack:
        """The undo stack of an editor (created on first use; ``keep`` is held alive with it)."""
        entry = self._stacks.get(key)
        if entry is None:
            stack = QUndoStack(self)
            self.undo_group.addStack(stack)
            stack.cleanChanged.connect(self._on_clean_changed)
            stack.indexChanged.connect(self._on_index_changed)
            self._keys[id(stack)] = key
            entry = self._stacks[key] = (stack, keep)
        return entry[0]

    def push(self, key: Hashable, command: QUndoCommand, keep: object = None) -> bool:
        """Run a command on an editor's stack; refused (False) when the document is read-only."""
        if self.read_only:
            return False
        self.stack(key, keep).push(command)
        return True

    def push_batch(self, key: Hashable, batch: Batch, keep: object = None) -> bool:
        """Run several commands as one undo step; refused when read-only, nothing done when empty."""
        if self.read_only or not len(batch):
            return False
        stack = self.stack(key, keep)
        stack.beginMacro(batch.text)
        for command in batch.commands:
            stack.push(command)
        stack.endMacro()
        return True

    def seal(self) -> None:
        """End the current typing burst: the next keystroke starts a new undo step."""
        self.merge_epoch += 1

    def is_modified(self) -> bool:
        """True when there are edits not yet saved."""
        return self._modified

    def mark_modified(self) -> None:
        """Mark as modified without an undo step (a document restored from the recovery journal)."""
        self._forced_dirty = True
        self._update_modified()

    def _on_index_changed(self, _index: int) -> None:
        key = self._keys.get(id(self.sender()))
        self._clock += 1
        self._last_used[key] = self._clock

    def most_recent(self, *keys: Hashable) -> Hashable:
        """Of the given stacks, the one that did (or undid) something last."""
        return max(keys, key=lambda k: self._last_used.get(k, -1))

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_modified()

    def _update_modified(self) -> None:
        modified = self._forced_dirty or any(not s.isClean() for s, _ in self._stacks.values())
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    # ------------------------------------------------------------------ mutations (commands only)

    def get_value(self, target: Any, key: Any) -> Any:
        """The value of an attribute (or of a list item)."""
        return target[key] if isinstance(target, list) else getattr(target, key)

    def set_value(self, target: Any, key: Any, value: Any, scope: Project | None) -> None:
        """Set an attribute (or list item) and announce it."""
        if isinstance(target, list):
            target[key] = value
        else:
            setattr(target, key, value)
        self.value_changed.emit(target, key)
        self._touched(scope)

    def insert_items(self, items: list[Any], index: int, new: list[Any], scope: Project | None) -> None:
        """Insert ``new`` into a list at ``index``."""
        change = ListChange("insert", index, len(new))
        self.list_about_to_change.emit(items, change)
        items[index:index] = new
        self.list_changed.emit(items, change)
        self._touched(scope)

    def remove_items(self, items: list[Any], index: int, count: int, scope: Project | None) -> list[Any]:
        """Remove ``count`` items at ``index``; returns them."""
        change = ListChange("remove", index, count)
        self.list_about_to_change.emit(items, change)
        removed = items[index : index + count]
        del items[index : index + count]
        self.list_changed.emit(items, change)
        self._touched(scope)
        return removed

    def move_item(self, items: list[Any], source: int, dest: int, scope: Project | None) -> None:
        """Move one item so that it ends up at index ``dest``."""
        change = ListChange("move", source, 1, dest)
        self.list_about_to_change.emit(items, change)
        items.insert(dest, items.pop(source))
        self.list_changed.emit(items, change)
        self._touched(scope)

    def _touched(self, scope: Project | None) -> None:
        self.generation += 1
        self.document_changed.emit(scope)
