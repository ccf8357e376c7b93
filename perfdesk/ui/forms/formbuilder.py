"""A small helper for hand-written forms: sections of labelled rows, units and help text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from perfdesk.ui.core.style import SPACING
from perfdesk.ui.forms.fields import hline


class FormBuilder:
    """Adds sections and rows to a vertical layout; labels are right-aligned and line up."""

    def __init__(self, layout: QVBoxLayout, label_width: int = 150) -> None:
        self.layout = layout
        self.label_width = label_width
        self.form: QFormLayout | None = None

    def add_section(self, title: str, hint: str = "") -> QLabel:
        """Start a section with a heading (and an optional grey hint under it)."""
        if self.form is not None:
            self.layout.addSpacing(SPACING["section_gap"])
        heading = QLabel(title)
        heading.setProperty("role", "section")
        self.layout.addWidget(heading)
        self.layout.addWidget(hline())
        if hint:
            self.layout.addWidget(self.hint(hint))
        self.form = None
        return heading

    def _form(self) -> QFormLayout:
        if self.form is None:
            self.form = QFormLayout()
            self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.form.setHorizontalSpacing(SPACING["field_gap"])
            self.form.setVerticalSpacing(SPACING["row_gap"])
            self.layout.addLayout(self.form)
        return self.form

    def _label(self, text: str, buddy: QWidget | None) -> QLabel:
        label = QLabel(text)
        label.setMinimumWidth(self.label_width)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def add_row(self, label: str, widget: QWidget | QLayout, *, unit: str = "", help: str = "") -> None:
        """A labelled row; ``unit`` is written after the field, ``help`` in grey under it."""
        field: QWidget | QLayout = widget
        if unit or help:
            box = QVBoxLayout()
            box.setSpacing(2)
            line = QHBoxLayout()
            _add(line, widget, 1)
            if unit:
                unit_label = QLabel(unit)
                unit_label.setProperty("role", "unit")
                line.addWidget(unit_label)
            box.addLayout(line)
            if help:
                box.addWidget(self.hint(help))
            field = box
        buddy = widget if isinstance(widget, QWidget) else None
        if isinstance(widget, QWidget) and help:
            widget.setToolTip(help)
        self._form().addRow(self._label(label, buddy), field)

    def add_inline(self, label: str, parts: list[tuple[str, QWidget]], *, trailing: QWidget | None = None) -> None:
        """Several labelled fields on one row (e.g. 预算数 / 财政资金 / 其他资金)."""
        line = QHBoxLayout()
        line.setSpacing(SPACING["field_gap"])
        for i, (sub, widget) in enumerate(parts):
            if sub:
                sub_label = QLabel(sub)
                sub_label.setBuddy(widget)
                line.addWidget(sub_label, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(widget, 1)
            if i < len(parts) - 1:
                line.addSpacing(SPACING["field_gap"])
        if trailing is not None:
            line.addWidget(trailing, 0, Qt.AlignmentFlag.AlignTop)
        first = parts[0][1] if parts else None
        self._form().addRow(self._label(label, first), line)

    def columns(self, count: int = 2, label_width: int = 96) -> list[FormBuilder]:
        """Side-by-side columns of labelled rows (for a compact header), each with its own builder."""
        row = QHBoxLayout()
        row.setSpacing(SPACING["section_gap"] * 2)
        builders = []
        for _ in range(count):
            column = QVBoxLayout()
            column.setSpacing(6)
            row.addLayout(column, 1)
            builders.append(FormBuilder(column, label_width))
        self.layout.addLayout(row)
        self.form = None
        return builders

    def add_stretch(self) -> None:
        """Push the rows up (at the end of a column)."""
        self.layout.addStretch(1)

    def add_widget(self, widget: QWidget) -> None:
        """A full-width widget (a table, a button row)."""
        self.form = None
        self.layout.addWidget(widget)

    @staticmethod
    def hint(text: str) -> QLabel:
        """A grey explanatory line."""
        label = QLabel(text)
        label.setProperty("role", "hint")
        label.setWordWrap(True)
        return label


def _add(layout: QHBoxLayout, item: QWidget | QLayout, stretch: int) -> None:
    if isinstance(item, QWidget):
        layout.addWidget(item, stretch)
    else:
        layout.addLayout(item, stretch)
