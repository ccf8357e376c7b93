"""Form widgets bound to attributes of the document, edited through undo commands.

A :class:`Binder` makes the widgets of one editor: each keystroke becomes a
:class:`~perfdesk.ui.core.commands.SetValue` that merges with the previous one until the field loses
focus, and every widget follows the document when an undo or another editor changes it.
Number fields keep rejected text on screen, in red, with the reason under it; a text field does the
same, with the reason as its tool tip, for text longer than the field holds (``models.bounds``).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from perfdesk.models.document import Project
from perfdesk.ui.core import commands
from perfdesk.ui.core.inputs import InputError, parse_input, parse_text, show_number
from perfdesk.ui.core.session import DocumentSession, same_value

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class _FieldFilter(QObject):
    """Lets Ctrl+Z/Ctrl+Y reach the Edit menu (not the widget's own undo); seals typing on focus-out."""

    def __init__(self, session: DocumentSession, parent: QObject) -> None:
        super().__init__(parent)
        self.session = session

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Route undo keys to the window; end the typing burst when the field loses focus."""
        if event.type() == QEvent.Type.ShortcutOverride:
            key: QKeyEvent = event  # type: ignore[assignment]
            ctrl_y = key.key() == Qt.Key.Key_Y and key.modifiers() == Qt.KeyboardModifier.ControlModifier
            if ctrl_y or any(key.matches(k) for k in _UNDO_KEYS) or _is_window_shortcut(obj, key):
                event.ignore()
                return True
        elif event.type() == QEvent.Type.FocusOut:
            self.session.seal()
        return False


# Keys a text field keeps for itself even when a menu uses them (copy, paste, moving the cursor …).
_EDITING_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
)


def _is_window_shortcut(obj: QObject, key: QKeyEvent) -> bool:
    """True when Ctrl/Alt + key is the shortcut of an enabled action of the window (Ctrl+E 导出 …).

    QLineEdit claims some of them for itself (Ctrl+E: end of line), so a menu shortcut did
    nothing while the cursor was in a one-line field.
    """
    mods = key.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    if not mods or not isinstance(obj, QWidget) or any(key.matches(k) for k in _EDITING_KEYS):
        return False
    pressed = QKeySequence(key.keyCombination())
    window = obj.window()
    for action in window.actions():
        if action.isEnabled() and any(
            s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for s in action.shortcuts()
        ):
            return True
    return False


class GrowingTextEdit(QTextEdit):
    """A plain-text box that grows with its text (between a minimum and maximum height)."""

    def __init__(self, min_lines: int = 2, max_lines: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.min_lines, self.max_lines = min_lines, max_lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        """Tall enough for the text, within the line limits."""
        line = self.fontMetrics().lineSpacing()
        self.document().setTextWidth(max(100, self.viewport().width()))
        text_height = int(self.document().size().height())
        margins = 2 * self.frameWidth() + 6
        height = max(self.min_lines * line + margins, min(text_height + margins, self.max_lines * line + margins))
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        """At least the minimum number of lines."""
        return QSize(120, self.min_lines * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 6)

    def resizeEvent(self, event: Any) -> None:
        """Re-wrap: the height depends on the width."""
        super().resizeEvent(event)
        self.updateGeometry()


class NumberField(QWidget):
    """A money/percent/count input: right-aligned, unit after it, the reason under rejected text."""

    error_changed = Signal(str)

    def __init__(self, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMinimumWidth(90)
        self.unit_label = QLabel(unit, self)
        self.unit_label.setProperty("role", "unit")
        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        if unit:
            row.addWidget(self.unit_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.error_label)
        self.setFocusProxy(self.edit)

    def set_error(self, message: str) -> None:
        """Show (or clear, with "") the reason the text was rejected."""
        mark_invalid(self.edit, message)
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.error_changed.emit(message)

    def error(self) -> str:
        """The current error message ("" when the text is valid)."""
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""


def mark_invalid(widget: QWidget, message: str) -> None:
    """Frame the field in red with the reason as its tool tip (or clear both, with "")."""
    if bool(widget.property("invalid")) == bool(message) and widget.toolTip() == message:
        return
    widget.setProperty("invalid", bool(message))
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()  # repaint the frame now, not at the next hover
    widget.setToolTip(message)


class Bound:
    """One widget bound to one attribute (or list item)."""

    def __init__(self, binder: Binder, widget: QWidget, target: Any, key: Any) -> None:
        self.binder, self.widget, self.target, self.key = binder, widget, target, key
        self.updating = False

    @property
    def value(self) -> Any:
        """The current value in the document."""
        return self.binder.session.get_value(self.target, self.key)

    def commit(self, value: Any, merge: bool = True) -> None:
        """Push the widget's value as an undo command (unless it is unchanged or loading)."""
        if self.updating or same_value(value, self.value):
            return
        self.binder.push(self.target, self.key, value, merge=merge)

    def refresh(self) -> None:
        """Show the document's value."""
        self.updating = True
        try:
            self.load()
        finally:
            self.updating = False

    def load(self) -> None:
        """Put the value into the widget (per widget type)."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Allow or forbid editing."""
        self.widget.setEnabled(not read_only)


class _TextBound(Bound):
    """A text field: text longer than the field holds stays on screen, in red, and is not stored."""

    def typed(self, text: str) -> None:
        """Commit the text if it fits; else keep it and say why (at once, not at save)."""
        try:
            value = parse_text(text, self.key if isinstance(self.key, str) else "")
        except InputError as exc:
            mark_invalid(self.widget, str(exc))
            if self.widget.hasFocus():
                QToolTip.showText(self.widget.mapToGlobal(QPoint(0, self.widget.height())), str(exc), self.widget)
            return
        mark_invalid(self.widget, "")
        self.commit(value)

    def refresh(self) -> None:
        """Show the document's value (an undo replaces rejected text)."""
        super().refresh()
        mark_invalid(self.widget, "")

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setReadOnly(read_only)  # type: ignore[attr-defined]


class _Line(_TextBound):
    def load(self) -> None:
        widget: QLineEdit = self.widget  # type: ignore[assignment]
        if widget.text() != self.value:
            widget.setText(self.value)


class _Text(_TextBound):
    def load(self) -> None:
        widget: QTextEdit | QPlainTextEdit = self.widget  # type: ignore[assignment]
        if widget.toPlainText() != self.value:
            cursor = widget.textCursor().position()
            widget.setPlainText(self.value)
            c = widget.textCursor()
            c.setPosition(min(cursor, len(self.value)))
            widget.setTextCursor(c)


class _Number(Bound):
    def __init__(self, binder: Binder, widget: NumberField, target: Any, key: Any, kind: str, unit: str) -> None:
        super().__init__(binder, widget, target, key)
        self.kind, self.unit = kind, unit

    def parse(self, text: str) -> Any:
        """The typed text as a value; raises InputError."""
        return parse_input(self.kind, text, self.unit)

    def typed(self, text: str) -> None:
        """Commit valid text at once; keep invalid text and say why."""
        field: NumberField = self.widget  # type: ignore[assignment]
        try:
            value = self.parse(text)
        except InputError as exc:
            field.set_error(str(exc))
            return
        field.set_error("")
        self.commit(value)

    def finished(self) -> None:
        """Enter or leaving the field: show the stored value as stored (``200000元`` becomes ``20``)."""
        field: NumberField = self.widget  # type: ignore[assignment]
        try:
            typed = self.parse(field.edit.text())
        except InputError:
            return  # rejected text stays as typed, with the reason
        if same_value(typed, self.value) and field.edit.text() != show_number(self.value):
            field.edit.setText(show_number(self.value))

    def load(self) -> None:
        field: NumberField = self.widget  # type: ignore[assignment]
        try:
            if same_value(self.parse(field.edit.text()), self.value):
                return
        except InputError:
            pass
        field.edit.setText(show_number(self.value))
        field.set_error("")

    def set_read_only(self, read_only: bool) -> None:
        self.widget.edit.setReadOnly(read_only)  # type: ignore[attr-defined]


class _Choice(Bound):
    def __init__(self, binder: Binder, widget: QComboBox, target: Any, key: Any, values: list[Any]) -> None:
        super().__init__(binder, widget, target, key)
        self.values = values

    def load(self) -> None:
        combo: QComboBox = self.widget  # type: ignore[assignment]
        if self.value in self.values:
            combo.setCurrentIndex(self.values.index(self.value))


class _Check(Bound):
    def load(self) -> None:
        self.widget.setChecked(bool(self.value))  # type: ignore[attr-defined]


class _Spin(Bound):
    def load(self) -> None:
        self.widget.setValue(int(self.value))  # type: ignore[attr-defined]

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setReadOnly(read_only)  # type: ignore[attr-defined]


class Binder(QObject):
    """Makes the bound widgets of one editor and keeps them in step with the document."""

    def __init__(
        self,
        session: DocumentSession,
        stack_key: Hashable,
        *,
        scope: Project | None = None,
        keep: object = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.stack_key, self.scope, self.keep = session, stack_key, scope, keep
        self.bound: list[Bound] = []
        self._index: dict[tuple[int, Any], list[Bound]] = {}
        self._filter = _FieldFilter(session, self)
        session.value_changed.connect(self._on_value_changed)

    def push(self, target: Any, key: Any, value: Any, *, merge: bool = True) -> None:
        """Run a SetValue command on this editor's stack."""
        cmd = commands.SetValue(self.session, target, key, value, scope=self.scope, merge=merge, text=self.tr("编辑"))
        self.session.push(self.stack_key, cmd, self.keep)

    def _add(self, bound: Bound, *watch: QWidget) -> None:
        self.bound.append(bound)
        self._index.setdefault((id(bound.target), bound.key), []).append(bound)
        for widget in watch or (bound.widget,):
            widget.installEventFilter(self._filter)
        bound.refresh()
        bound.set_read_only(self.session.read_only)

    def line(self, target: Any, key: Any, placeholder: str = "") -> QLineEdit:
        """A one-line text field."""
        widget = QLineEdit()
        widget.setPlaceholderText(placeholder)
        bound = _Line(self, widget, target, key)
        widget.textEdited.connect(bound.typed)
        widget.editingFinished.connect(self.session.seal)
        self._add(bound)
        return widget

    def text(
        self, target: Any, key: Any, *, min_lines: int = 3, max_lines: int = 14, placeholder: str = ""
    ) -> QTextEdit:
        """A multi-line text box that grows with its content."""
        widget = GrowingTextEdit(min_lines, max_lines)
        widget.setPlaceholderText(placeholder)
        bound = _Text(self, widget, target, key)
        widget.textChanged.connect(lambda: bound.typed(widget.toPlainText()))
        self._add(bound)
        return widget

    def page_text(self, target: Any, key: Any, placeholder: str = "") -> QPlainTextEdit:
        """A large text area that fills its page (总体绩效目标 and similar)."""
        widget = QPlainTextEdit()
        widget.setPlaceholderText(placeholder)
        widget.setUndoRedoEnabled(False)
        widget.setTabChangesFocus(True)  # Tab moves on in every field; Enter breaks the line
        bound = _Text(self, widget, target, key)
        widget.textChanged.connect(lambda: bound.typed(widget.toPlainText()))
        self._add(bound)
        return widget

    def number(self, target: Any, key: Any, *, kind: str = "money", unit: str = "万元") -> NumberField:
        """A number field: money (万元 or 元), percent, count or score."""
        widget = NumberField(unit)
        bound = _Number(self, widget, target, key, kind, unit if kind == "money" else "万元")
        widget.edit.textEdited.connect(bound.typed)
        widget.edit.editingFinished.connect(self.session.seal)
        widget.edit.editingFinished.connect(bound.finished)
        self._add(bound, widget.edit)
        return widget

    def choice(self, target: Any, key: Any, options: list[tuple[Any, str]]) -> QComboBox:
        """A drop-down of fixed values."""
        widget = QComboBox()
        values = [v for v, _ in options]
        for _, label in options:
            widget.addItem(label)
        bound = _Choice(self, widget, target, key, values)
        widget.activated.connect(lambda i: bound.commit(values[i], merge=False))
        self._add(bound)
        return widget

    def check(self, target: Any, key: Any, label: str) -> QCheckBox:
        """A check box."""
        widget = QCheckBox(label)
        bound = _Check(self, widget, target, key)
        widget.toggled.connect(lambda on: bound.commit(on, merge=False))
        self._add(bound)
        return widget

    def spin(self, target: Any, key: Any, minimum: int, maximum: int) -> QSpinBox:
        """A whole-number spin box (years)."""
        widget = QSpinBox()
        widget.setRange(minimum, maximum)
        widget.setGroupSeparatorShown(False)
        widget.setMaximumWidth(140)
        bound = _Spin(self, widget, target, key)
        widget.valueChanged.connect(lambda v: bound.commit(v))
        self._add(bound)
        return widget

    def widget_for(self, key: Any, target: Any = None) -> QWidget | None:
        """The widget editing an attribute (of ``target``, or of any bound object)."""
        for bound in self.bound:
            if bound.key == key and (target is None or bound.target is target):
                return bound.widget
        return None

    def forget(self, target: Any) -> None:
        """Drop the fields of an object whose widgets are being removed."""
        self.bound = [b for b in self.bound if b.target is not target]
        for key in [k for k in self._index if k[0] == id(target)]:
            del self._index[key]

    def set_read_only(self, read_only: bool) -> None:
        """Make all fields editable or read-only."""
        for bound in self.bound:
            bound.set_read_only(read_only)

    def _on_value_changed(self, target: Any, key: Any) -> None:
        for bound in self._index.get((id(target), key), ()):
            if bound.target is target:
                bound.refresh()


def hline() -> QFrame:
    """A thin horizontal rule."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setProperty("role", "sectionline")
    return line
