"""A titled grid with its row buttons (添加/插入/删除/上移/下移), used by every list in the forms."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from perfdesk.ui.grid.gridview import ExcelGrid
from perfdesk.ui.grid.tablemodel import ListTableModel

DEFAULT_BUTTONS = ("append_row", "insert_row", "delete_row", "move_up", "move_down")


class RecordTable(QWidget):
    """A grid over one list of the document, with a title and row buttons above it."""

    def __init__(
        self,
        model: ListTableModel,
        *,
        title: str = "",
        hint: str = "",
        fit_height: bool = True,
        buttons: Sequence[str] = DEFAULT_BUTTONS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.grid = ExcelGrid(model, self, fit_height=fit_height)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        if title:
            label = QLabel(title)
            label.setProperty("role", "subsection")
            label.setStyleSheet("font-weight: bold;")
            bar.addWidget(label)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setProperty("role", "hint")
            bar.addSpacing(8)
            bar.addWidget(hint_label)
        bar.addStretch(1)
        self.bar = bar
        self.buttons: dict[str, QToolButton] = {}
        for name in buttons:
            self.add_button(name)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addLayout(bar)
        box.addWidget(self.grid, 1)
        self.set_read_only(model.session.read_only)

    def add_button(self, name: str) -> QToolButton:
        """A button in the bar above the grid for one of the grid's actions."""
        button = QToolButton(self)
        button.setDefaultAction(self.grid.actions_by_name[name])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bar.addWidget(button)
        self.buttons[name] = button
        button.setVisible(not self.model.session.read_only)
        return button

    def set_read_only(self, read_only: bool) -> None:
        """Follow the document's read-only state."""
        self.grid.set_read_only(read_only)
        for button in self.buttons.values():
            button.setVisible(not read_only)
