"""Undo commands: every edit of the document is one of these, holding the old and new values.

Commands change the domain objects only through the session, which announces each change.
Consecutive keystrokes in one field merge into a single undo step until the session is sealed
(the field loses focus); several commands run as one step through a :class:`Batch`.
"""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtGui import QUndoCommand

from perfdesk.models.document import Project
from perfdesk.ui.core.session import DocumentSession, same_value

_MERGE_ID = 4711
F = TypeVar("F", bound=Callable[..., None])


def guarded(method: F) -> F:
    """Report an exception in redo/undo instead of letting it unwind into Qt (which aborts)."""

    @functools.wraps(method)
    def wrapper(*args: Any) -> None:
        try:
            method(*args)
        except Exception:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    return wrapper  # type: ignore[return-value]


class SetValue(QUndoCommand):
    """Set one attribute of a domain object (or one item of a list of strings)."""

    def __init__(
        self,
        session: DocumentSession,
        target: Any,
        key: Any,
        value: Any,
        *,
        scope: Project | None = None,
        text: str = "",
        merge: bool = False,
    ) -> None:
        super().__init__(text)
        self.session = session
        self.target = target
        self.key = key
        self.old = session.get_value(target, key)
        self.new = value
        self.scope = scope
        self.epoch = session.merge_epoch if merge else None
        # other attributes of the same object set with this one (a structured row's parts), so
        # that an open editor's keystrokes stay one undo step however many fields they touch
        self.also_old: dict[Any, Any] = {}
        self.also_new: dict[Any, Any] = {}

    def also(self, key: Any, value: Any) -> None:
        """Set ``key`` of the same object to ``value`` together with the main value (before pushing)."""
        if key not in self.also_old:
            self.also_old[key] = self.session.get_value(self.target, key)
        self.also_new[key] = value

    @guarded
    def redo(self) -> None:
        """Apply the new value."""
        self.session.set_value(self.target, self.key, self.new, self.scope)
        for key, value in self.also_new.items():
            self.session.set_value(self.target, key, value, self.scope)

    @guarded
    def undo(self) -> None:
        """Restore the old value."""
        for key, value in reversed(self.also_old.items()):
            self.session.set_value(self.target, key, value, self.scope)
        self.session.set_value(self.target, self.key, self.old, self.scope)

    def id(self) -> int:
        """Merge id: typing into the same field merges."""
        return _MERGE_ID if self.epoch is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Absorb the next keystroke in the same field of the same burst."""
        if not (isinstance(other, SetValue) and other.epoch == self.epoch):
            return False
        if other.target is not self.target or other.key != self.key:
            return False
        self.new = other.new
        for key, value in other.also_new.items():
            self.also_old.setdefault(key, other.also_old[key])
            self.also_new[key] = value
        unchanged = all(same_value(self.also_new[k], self.also_old[k]) for k in self.also_new)
        if same_value(self.new, self.old) and unchanged:
            self.setObsolete(True)
        return True


class InsertItems(QUndoCommand):
    """Insert items into a list of the document (rows, projects, goals …)."""

    def __init__(
        self,
        session: DocumentSession,
        items: list[Any],
        index: int,
        new: list[Any],
        *,
        scope: Project | None = None,
        text: str = "",
    ) -> None:
        super().__init__(text)
        self.session, self.items, self.index, self.new, self.scope = session, items, index, new, scope

    @guarded
    def redo(self) -> None:
        """Insert."""
        self.session.insert_items(self.items, self.index, list(self.new), self.scope)

    @guarded
    def undo(self) -> None:
        """Take the inserted items out again."""
        self.session.remove_items(self.items, self.index, len(self.new), self.scope)


class RemoveItems(QUndoCommand):
    """Remove a run of items from a list of the document."""

    def __init__(
        self,
        session: DocumentSession,
        items: list[Any],
        index: int,
        count: int,
        *,
        scope: Project | None = None,
        text: str = "",
    ) -> None:
        super().__init__(text)
        self.session, self.items, self.index, self.count, self.scope = session, items, index, count, scope
        self.removed: list[Any] = items[index : index + count]

    @guarded
    def redo(self) -> None:
        """Remove."""
        self.removed = self.session.remove_items(self.items, self.index, self.count, self.scope)

    @guarded
    def undo(self) -> None:
        """Put the removed items back where they were."""
        self.session.insert_items(self.items, self.index, list(self.removed), self.scope)


class MoveItem(QUndoCommand):
    """Move one item of a list to another position."""

    def __init__(
        self,
        session: DocumentSession,
        items: list[Any],
        source: int,
        dest: int,
        *,
        scope: Project | None = None,
        text: str = "",
    ) -> None:
        super().__init__(text)
        self.session, self.items, self.source, self.dest, self.scope = session, items, source, dest, scope

    @guarded
    def redo(self) -> None:
        """Move."""
        self.session.move_item(self.items, self.source, self.dest, self.scope)

    @guarded
    def undo(self) -> None:
        """Move back."""
        self.session.move_item(self.items, self.dest, self.source, self.scope)


class Batch:
    """Commands that run as one undo step (pushed inside a ``QUndoStack`` macro).

    A parent ``QUndoCommand`` with Python children is not used: PySide 6.12 would free the
    children twice when the stack is deleted.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.commands: list[QUndoCommand] = []

    def add(self, command: QUndoCommand) -> None:
        """Append a command (not yet run)."""
        self.commands.append(command)

    def __len__(self) -> int:
        return len(self.commands)


def duplicate(item: Any) -> Any:
    """A deep copy of a domain object (for 复制项目 and copied rows)."""
    return copy.deepcopy(item)
