"""查找 (Ctrl+F): search every text of the document and jump from hit to hit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from perfdesk.models.document import Document
from perfdesk.models.findings import Form, Place
from perfdesk.ui.core.style import icon

_PROJECT_FIELDS = ("name", "code", "table_title", "department_name", "department_code", "implementer", "purpose")
_INDICATOR_FIELDS = ("level1", "level2", "level3", "description", "value", "basis")
_REPORT_TEXTS = ("preface", "overview", "change_reason", "targets_text", "work_organization", "work_method",
                 "overall_achievement", "target_analysis", "conclusion", "problems", "signer")  # fmt: skip


def _texts(doc: Document) -> Iterator[tuple[Place, str]]:
    """Every searchable text of the document with its place."""
    for attr in ("name", "code", "department", "title", "compiler"):
        yield Place(Form.UNIT, field=attr), getattr(doc.unit, attr)
    overall = doc.overall
    yield Place(Form.OVERALL, field="summary"), overall.summary
    for row, sub in enumerate(overall.sub_targets):
        for attr in ("title", "target", "indicators"):
            yield Place(Form.OVERALL, row=row, field=f"sub_targets.{attr}"), getattr(sub, attr)
    yield Place(Form.OVERALL, field="sub_targets_text"), overall.sub_targets_text
    yield Place(Form.OVERALL, field="measures.text"), overall.measures.text
    for g, group in enumerate(overall.measures.groups):
        yield Place(Form.OVERALL, field="measures.title"), group.title
        for row, item in enumerate(group.items):
            yield Place(Form.OVERALL, row=row, field=f"measures:{g}"), item
    if doc.dept_table is not None:
        yield from _dept_texts(doc)
    for index, project in enumerate(doc.projects):
        for attr in _PROJECT_FIELDS:
            yield Place(Form.PROJECT, index, field=attr), getattr(project, attr)
        for row, goal in enumerate(project.goals):
            yield Place(Form.PROJECT, index, row, "goals"), goal
        for row, ind in enumerate(project.indicators):
            for attr in _INDICATOR_FIELDS:
                yield Place(Form.PROJECT, index, row, attr), getattr(ind, attr)
    if doc.self_report is not None:
        report = doc.self_report
        for attr in _REPORT_TEXTS:
            yield Place(Form.SELF_REPORT, field=attr), getattr(report, attr)
        for row, duty in enumerate(report.duties):
            yield Place(Form.SELF_REPORT, row=row, field="duties"), duty
        for row, target in enumerate(report.targets):
            for attr in ("title", "target"):
                yield Place(Form.SELF_REPORT, row=row, field=f"targets.{attr}"), getattr(target, attr)
        for row, member in enumerate(report.team):
            for attr in ("role", "name", "post"):
                yield Place(Form.SELF_REPORT, row=row, field=f"team.{attr}"), getattr(member, attr)


def _dept_texts(doc: Document) -> Iterator[tuple[Place, str]]:
    table = doc.dept_table
    assert table is not None
    for attr in ("region", "dept_name"):
        yield Place(Form.DEPT_TABLE, field=attr), getattr(table, attr)
    for row, goal in enumerate(table.goals):
        yield Place(Form.DEPT_TABLE, row=row, field="goals"), goal
    rows: list[tuple[str, list[Any], tuple[str, ...]]] = [
        ("key_tasks", table.key_tasks, ("name", "content", "expected")),
        ("other_tasks", table.other_tasks, ("name", "content")),
        ("indicators", table.indicators, ("level1", "level2", "level3", "period_value", "annual_value")),
    ]
    for name, items, attrs in rows:
        for row, item in enumerate(items):
            for attr in attrs:
                yield Place(Form.DEPT_TABLE, row=row, field=f"{name}.{attr}"), getattr(item, attr)


def search(doc: Document, needle: str) -> list[Place]:
    """The places whose text contains ``needle`` (case-insensitive), in document order."""
    needle = needle.strip().casefold()
    if not needle:
        return []
    return [place for place, text in _texts(doc) if text and needle in text.casefold()]


class FindBar(QWidget):
    """A search line above the editors: Enter/F3 next, Shift+Enter previous, Esc closes."""

    jump = Signal(object)  # Place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.hits: list[Place] = []
        self.position = -1
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("在整个文档中查找……"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._on_text)
        self.edit.returnPressed.connect(self.next)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        buttons = []
        for name, tip, slot in (
            ("up", self.tr("上一个（Shift+Enter）"), self.previous),
            ("down", self.tr("下一个（Enter / F3）"), self.next),
            ("close", self.tr("关闭（Esc）"), self.hide),
        ):
            button = QToolButton()
            button.setIcon(icon(name))
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.append(button)
        box = QHBoxLayout(self)
        box.setContentsMargins(8, 4, 8, 4)
        box.addWidget(QLabel(self.tr("查找：")))
        box.addWidget(self.edit, 1)
        box.addWidget(self.count)
        for button in buttons:
            box.addWidget(button)
        self.hide()

    def start(self, document: Document) -> None:
        """Show the bar and focus the search line."""
        self.document = document
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self._on_text(self.edit.text())

    def _on_text(self, text: str) -> None:
        self.hits = search(self.document, text) if self.document is not None else []
        self.position = -1
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(self.tr("未找到"))
        else:
            self.count.setText(
                self.tr("{i}/{n} 处").format(i=self.position + 1 if self.position >= 0 else "–", n=len(self.hits))
            )

    def next(self) -> None:
        """Jump to the next hit."""
        self._step(1)

    def previous(self) -> None:
        """Jump to the previous hit."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.document is not None:
            self.hits = search(self.document, self.edit.text())
        if not self.hits:
            self._show_count()
            return
        self.position = (self.position + delta) % len(self.hits)
        self._show_count()
        self.jump.emit(self.hits[self.position])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes; Shift+Enter goes back."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.previous()
            return
        super().keyPressEvent(event)
