"""The import dialogs: problems and notes by sheet and cell (copyable), and the project tables to add."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from perfdesk.importer.result import ImportProblem, ImportResult, Level, ProjectImport
from perfdesk.ui.core.style import COLORS, icon
from perfdesk.ui.grid.headermodel import HeaderTableModel

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("importing", text)


# ---------------------------------------------------------------------- problems and notes


class ProblemModel(HeaderTableModel):
    """Import problems and notes: 类别, 工作表, 单元格, 说明."""

    HEADERS = ("类别", "工作表", "单元格", "说明")

    def __init__(self, messages: Sequence[ImportProblem], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.messages = list(messages)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per message."""
        return 0 if parent.isValid() else len(self.messages)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """The message's fields; problems in red."""
        m = self.messages[index.row()]
        if role in (DR.DisplayRole, DR.ToolTipRole):
            return (m.level.value, m.sheet, m.cell, m.message)[index.column()]
        if role == DR.ForegroundRole and m.level is not Level.NOTE:  # problems and 未导入 cells
            return COLORS["error"]
        if role == DR.DecorationRole and index.column() == 0:
            return icon("warning" if m.level is not Level.NOTE else "info")
        return None

    def as_text(self) -> str:
        """Tab-separated lines, for the clipboard (pastes into Excel as a table)."""
        lines = ["\t".join(self.tr(h) for h in self.HEADERS)]
        lines += ["\t".join((m.level.value, m.sheet, m.cell, m.message.replace("\n", " "))) for m in self.messages]
        return "\n".join(lines)


class ImportReportDialog(QDialog):
    """The problems and notes of an import, readable and copyable."""

    def __init__(
        self, title: str, intro: str, messages: Sequence[ImportProblem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.model = ProblemModel(messages, self)
        label = QLabel(intro)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.horizontalHeader()
        for column, width in enumerate((76, 240, 64)):
            self.view.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._fit_rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("关闭"))
        self.close_button.setDefault(True)
        copy_button = QPushButton(icon("copy"), self.tr("复制全部"))
        copy_button.clicked.connect(self.copy_all)
        buttons.addButton(copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(label)
        box.addWidget(self.view, 1)
        box.addWidget(buttons)

    def _fit_rows(self, *_args: object) -> None:
        """Long messages wrap; rows follow the message column's width (a few hundred rows at most)."""
        if self.model.rowCount() <= 500:
            self.view.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the rows once the columns have their final widths."""
        super().showEvent(event)
        self._fit_rows()
        self.close_button.setFocus()

    def copy_all(self) -> None:
        """Put every message on the clipboard as tab-separated text."""
        QApplication.clipboard().setText(self.model.as_text())


def report_intro(problems: int, notes: int, source: Path, unread: int = 0) -> str:
    """The line above the list: how many problems, 未导入 cells and notes, and what to do.

    ``problems`` counts the 未导入 cells too (they are problems); they are also named apart.
    """
    text = tr("从 {name} 导入：{p} 个问题（未能读取的单元格，已留空），{n} 条说明。").format(
        name=source.name, p=problems - unread, n=notes
    )
    if unread:
        text += tr("另有 {u} 个单元格未导入（表中没有对应的栏目，见“未导入”行）。").format(u=unread)
    if problems:
        text += tr("请对照工作簿补填这些栏目，然后保存。")
    return text


def ask_units(window: QWidget, result: ImportResult) -> None:
    """金额单位: the clerk says whether amounts no label gave a unit for are 万元 or 元 (never guessed).

    The answer only sets the project's money unit; the numbers stay as typed.
    """
    for question in result.questions:
        if not 0 <= question.project < len(result.document.projects):
            continue
        project = result.document.projects[question.project]
        text = tr(
            "项目“{name}”的金额没有写明单位。工作表“{sheet}” {cell} 的金额 {amount} 按{assumed}算过大，"
            "更像是以{likely}填写的。\n\n这些金额是以{likely}填写的吗？"
        ).format(name=project.name, sheet=question.sheet, cell=question.cell, amount=question.amount,
                 assumed=question.assumed, likely=question.likely)  # fmt: skip
        if ask_unit(window, tr("金额单位"), text):
            project.money_unit = question.likely


def ask_unit(parent: QWidget, title: str, text: str) -> bool:
    """Yes/no for the unit question (是 = the unit the size suggests); tests replace it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(tr("是，按元导入"), QMessageBox.ButtonRole.YesRole)
    box.addButton(tr("否，保持万元"), QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


# ---------------------------------------------------------------------- choosing project tables


class ProjectTablesModel(HeaderTableModel):
    """The project tables found in a workbook, each with a check box."""

    HEADERS = ("项目名称", "项目编码", "位置", "指标行数", "问题")

    def __init__(self, found: Sequence[ProjectImport], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.found = list(found)
        self.checked = [True] * len(self.found)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per table."""
        return 0 if parent.isValid() else len(self.found)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Name (with check box), code, sheet and cell, rows, problems."""
        item = self.found[index.row()]
        column = index.column()
        if role == DR.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == DR.DisplayRole:
            where = self.tr("工作表“{sheet}” {cell}").format(sheet=item.sheet, cell=item.cell)
            values = (item.project.name, item.project.code, where, len(item.project.indicators), len(item.problems))
            return values[column]
        if role == DR.ToolTipRole and column == 4 and item.problems:
            return "\n".join(str(p) for p in item.problems)
        if role == DR.ForegroundRole and column == 4 and item.problems:
            return COLORS["error"]
        if role == DR.TextAlignmentRole and column in (3, 4):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The first column is checkable."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def setData(self, index: Index, value: Any, role: int = DR.EditRole) -> bool:
        """Tick or untick a table."""
        if role != DR.CheckStateRole or index.column() != 0:
            return False
        self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def set_all(self, on: bool) -> None:
        """Tick or untick every table."""
        self.checked = [on] * len(self.found)
        if self.found:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.found) - 1, 0))

    def chosen(self) -> list[int]:
        """The ticked rows."""
        return [i for i, on in enumerate(self.checked) if on]


class ProjectTablesDialog(QDialog):
    """Lists the project tables of a workbook; the ticked ones are added."""

    def __init__(self, found: Sequence[ProjectImport], source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从工作簿导入项目表"))
        self.resize(860, 420)
        self.model = ProjectTablesModel(found, self)
        intro = QLabel(self.tr("在 {name} 中找到 {n} 张项目绩效目标表。勾选要添加到本文档的表：").format(
            name=source.name, n=len(found)))  # fmt: skip
        intro.setWordWrap(True)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 140), (2, 170), (3, 70), (4, 50)):
            self.view.setColumnWidth(column, width)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        for text, on in ((self.tr("全选"), True), (self.tr("全不选"), False)):
            button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ResetRole)
            button.clicked.connect(lambda *_a, v=on: self.model.set_all(v))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.model.dataChanged.connect(self._update)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.view, 1)
        box.addWidget(self.buttons)
        self._update()

    def _update(self, *_args: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.model.chosen()))
