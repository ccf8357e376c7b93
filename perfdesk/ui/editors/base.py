"""The base of the tabbed editors: a session, a node, an undo stack, bound fields and grids."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from perfdesk.models.findings import Finding, Place
from perfdesk.ui.core.nodes import TITLES, NodeRef
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.core.style import SPACING
from perfdesk.ui.forms.fields import Binder, NumberField
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable


class EditorPage(QWidget):
    """One tab: edits one part of the document through its own undo stack."""

    clean_changed = Signal(bool)  # the tab's stack reached (or left) the saved state

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.node = node
        self.binder = Binder(session, node.key, scope=node.project, keep=node.project, parent=self)
        self.tables: dict[str, RecordTable] = {}  # field name → table, for jumps and findings
        self.scroll_area: QScrollArea | None = None
        self.stack.cleanChanged.connect(self.clean_changed)

    @property
    def stack(self) -> QUndoStack:
        """This editor's undo stack."""
        return self.session.stack(self.node.key, self.node.project)

    def title(self) -> str:
        """The tab title."""
        return self.tr(TITLES[self.node.kind])

    # ------------------------------------------------------------------ building helpers

    def scroll_page(self, heading: str = "", label_width: int = 150) -> tuple[QVBoxLayout, FormBuilder]:
        """Make this page a scrolling form; returns its layout and a form builder."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area, layout, form = scroll_form(heading, label_width)
        outer.addWidget(self.scroll_area)
        return layout, form

    # ------------------------------------------------------------------ behaviour

    def focus_place(self, place: Place) -> bool:
        """Put the cursor on the field or cell a finding names; False if this page has no such place."""
        name, _, column = (place.field or "").partition(".")
        if place.row is not None:
            table = self.tables.get(name) if column or name in self.tables else self.table_for(place.field)
            if table is not None:
                return focus_cell(table, place.row, column or place.field)
        table = self.tables.get(name)
        if table is not None:
            table.grid.setFocus()
            self._reveal(table)
            return True
        widget = self.binder.widget_for(column or place.field) if place.field else None
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reveal(widget)
        return True

    def table_for(self, field: str | None) -> RecordTable | None:
        """The table that has a column for ``field``."""
        for table in self.tables.values():
            if table.model.column_of(field) is not None:
                return table
        return None

    def _reveal(self, widget: QWidget) -> None:
        area = self.scroll_area
        if area is not None:
            QTimer.singleShot(0, area, lambda: area.ensureWidgetVisible(widget, 40, 60))

    def set_read_only(self, read_only: bool) -> None:
        """Follow the document's read-only state."""
        self.binder.set_read_only(read_only)
        for table in self.tables.values():
            table.model.refresh_read_only()
            table.set_read_only(read_only)

    def apply_findings(self, findings: list[Finding]) -> None:
        """Mark the fields and cells that have findings (the findings of this page only)."""
        marks: dict[str, tuple[bool, str]] = {}
        by_table: dict[int, dict[tuple[int, str | None], tuple[bool, str]]] = {}
        for f in findings:
            if f.place.row is not None:
                table = self.table_for(f.place.field)
                if table is not None:
                    cell = by_table.setdefault(id(table), {})
                    _merge(cell, (f.place.row, f.place.field), f)
                    continue
            if f.place.field:
                _merge(marks, f.place.field, f)
        for table in self.tables.values():
            table.model.set_marks(by_table.get(id(table), {}))
        for bound in self.binder.bound:
            mark = marks.get(bound.key) if isinstance(bound.key, str) else None
            _mark_widget(bound.widget, mark)

    def invalid_inputs(self) -> list[str]:
        """Typed text that could not be read (shown in red), one line each, for a warning on save."""
        labels = {id(label.buddy()): label.text() for label in self.findChildren(QLabel) if label.buddy() is not None}
        found = []
        for bound in self.binder.bound:
            widget = bound.widget
            if isinstance(widget, NumberField) and widget.error():
                name = labels.get(id(widget), "")
                found.append(f"{name} {widget.error()}".strip())
        for table in self.tables.values():
            found.extend(table.model.invalid_cells())
        return found

    def close_editor(self) -> None:
        """The tab is closing: commit nothing pending, stop listening."""
        self.session.seal()


def _merge(marks: dict, key: object, finding: Finding) -> None:  # type: ignore[type-arg]
    old = marks.get(key)
    is_error = finding.is_error or (old[0] if old else False)
    text = f"{old[1]}\n{finding.message}" if old else finding.message
    marks[key] = (is_error, text)


def _mark_widget(widget: QWidget, mark: tuple[bool, str] | None) -> None:
    target = getattr(widget, "edit", widget)
    value = "" if mark is None else ("error" if mark[0] else "warning")
    if target.property("finding") == value:
        return
    target.setProperty("finding", value)
    target.setToolTip(mark[1] if mark else "")
    target.style().unpolish(target)
    target.style().polish(target)


def focus_cell(table: RecordTable, row: int, field: str | None) -> bool:
    """Select a grid cell and give the grid the focus."""
    col = table.model.column_of(field)
    index = table.model.index(row, col if col is not None else 0)
    if not index.isValid():
        return False
    grid = table.grid
    grid.setCurrentIndex(index)
    grid.scrollTo(index)
    grid.setFocus(Qt.FocusReason.OtherFocusReason)
    parent = table.parentWidget()
    while parent is not None:
        if isinstance(parent, EditorPage):
            parent._reveal(table)
            break
        parent = parent.parentWidget()
    return True


def scroll_form(heading: str = "", label_width: int = 150) -> tuple[QScrollArea, QVBoxLayout, FormBuilder]:
    """A scrolling form page: the scroll area, the content layout and a form builder on it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    content = QWidget()
    content.setObjectName("formPage")
    layout = QVBoxLayout(content)
    margin = SPACING["page_margin"]
    layout.setContentsMargins(margin, margin, margin + 4, margin)
    layout.setSpacing(6)
    if heading:
        layout.addWidget(page_title(heading))
    scroll.setWidget(content)
    return scroll, layout, FormBuilder(layout, label_width)


def page_title(text: str) -> QLabel:
    """The big heading at the top of a form page."""
    label = QLabel(text)
    label.setProperty("role", "pagetitle")
    label.setWordWrap(True)
    return label
