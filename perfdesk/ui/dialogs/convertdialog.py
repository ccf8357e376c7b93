"""工具 › 转换为 2021 版指标框架…: preview the rows that change, then convert in one undo step.

:func:`perfdesk.models.rollover.convert_to_2021` works on a copy and reports every changed row
(:class:`~perfdesk.models.rollover.RowChange`).  The preview lists them; once confirmed,
:func:`conversion_batch` replays the same change on the open document — each cost row moved to
the top of its grid and renamed, ``UnitInfo.framework`` switched — as commands of ONE undo step,
so Ctrl+Z brings the 2015 grid back.  The grids' 一级/二级 drop-downs follow the framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from perfdesk.models.document import Document, Framework
from perfdesk.models.rollover import RowChange, convert_to_2021
from perfdesk.ui import dialogs
from perfdesk.ui.core import commands
from perfdesk.ui.core.session import STRUCTURE, DocumentSession
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.headermodel import HeaderTableModel

if TYPE_CHECKING:
    from perfdesk.ui.shell.mainwindow import MainWindow

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("convertdialog", text)


def row_name(doc: Document, change: RowChange) -> str:
    """The 三级 name of a changed row (from the document before the conversion)."""
    rows: list[Any] = _rows(doc, change.project)
    return rows[change.row].level3 if change.row < len(rows) else ""


def place_name(doc: Document, change: RowChange) -> str:
    """项目2「…」 or 部门整体预算绩效目标表."""
    if change.project is None:
        return tr("部门整体预算绩效目标表")
    project = doc.projects[change.project]
    return f"{change.project + 1}. {project.name or tr('未命名项目')}"


def _rows(doc: Document, project: int | None) -> list[Any]:
    if project is None:
        return doc.dept_table.indicators if doc.dept_table is not None else []
    return doc.projects[project].indicators


class ChangesModel(HeaderTableModel):
    """The rows a conversion changes: place, row, 三级, old 一级/二级, new 一级/二级."""

    HEADERS = ("项目", "行", "三级指标", "原一级 / 二级", "新一级 / 二级")

    def __init__(self, doc: Document, changes: list[RowChange], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.changes = changes

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per changed indicator row."""
        return 0 if parent.isValid() else len(self.changes)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """The texts of one change."""
        if role not in (DR.DisplayRole, DR.ToolTipRole) or not index.isValid():
            return None
        c = self.changes[index.row()]
        return [
            place_name(self.doc, c),
            self.tr("第{old}行 → 第{new}行").format(old=c.row + 1, new=c.new_row + 1),
            row_name(self.doc, c),
            " / ".join(c.old_levels),
            " / ".join(c.new_levels),
        ][index.column()]


class ConvertDialog(QDialog):
    """The preview the clerk confirms before the conversion."""

    def __init__(self, doc: Document, changes: list[RowChange], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("转换为 2021 版指标框架"))
        self.resize(900, min(520, 220 + 30 * len(changes)))
        box = QVBoxLayout(self)
        heading = QLabel(self.tr("将按财预〔2021〕101号的指标框架调整本文档"))
        heading.setProperty("role", "section")
        box.addWidget(heading)
        if changes:
            text = self.tr(
                "成本指标改为一级指标并排在最前：以下 {n} 行原“产出指标 / 成本指标”改为“成本指标 / 经济成本指标”，"
                "移到所在表格的最前面。其他指标行的文字不变。转换后可用“撤销”恢复。"
            ).format(n=len(changes))
        else:
            text = self.tr("本文档没有成本指标行，只切换指标体系（一级、二级的可选项随之改变）。转换后可用“撤销”恢复。")
        box.addWidget(FormBuilder.hint(text))
        self.model = ChangesModel(doc, changes, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col, width in enumerate((240, 110, 200, 170, 170)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(changes))
        box.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("转换"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)


def conversion_batch(session: DocumentSession, changes: list[RowChange], text: str) -> commands.Batch:
    """The commands that apply ``changes`` to the open document, and switch its framework."""
    doc = session.document
    batch = commands.Batch(text)
    scopes = {None: None, **{i: p for i, p in enumerate(doc.projects)}}
    for key in dict.fromkeys(c.project for c in changes):
        items = _rows(doc, key)
        order = list(items)  # simulates the list as the commands leave it
        for c in sorted((c for c in changes if c.project == key), key=lambda c: c.new_row):
            row = items[c.row]
            source = next(i for i, r in enumerate(order) if r is row)
            if source != c.new_row:
                batch.add(commands.MoveItem(session, items, source, c.new_row, scope=scopes[key]))
                order.insert(c.new_row, order.pop(source))
            for field, value in zip(("level1", "level2"), c.new_levels, strict=True):
                batch.add(commands.SetValue(session, row, field, value, scope=scopes[key]))
    batch.add(commands.SetValue(session, doc.unit, "framework", Framework.Y2021))
    return batch


def convert_framework(window: MainWindow) -> bool:
    """转换为 2021 版指标框架…: preview, confirm, apply as one undo step (on the tree's stack)."""
    session, view = window.session, window.view
    if session is None or view is None or session.read_only:
        return False
    doc = session.document
    if doc.unit.framework is Framework.Y2021:
        dialogs.show_info(window, window.tr("转换指标框架"), window.tr("本文档已使用 2021 版指标框架。"))
        return False
    _converted, changes = convert_to_2021(doc)
    if not dialogs.confirm_conversion(window, doc, changes):
        return False
    text = window.tr("转换为 2021 版指标框架")
    if not session.push_batch(STRUCTURE, conversion_batch(session, changes, text)):
        return False
    view.tree.setFocus()  # Ctrl+Z from here undoes the whole conversion
    view.sync_undo()
    window.statusBar().showMessage(
        window.tr("已转换为 2021 版指标框架（{n} 行成本指标调整）；可用“撤销”恢复").format(n=len(changes)), 10000
    )
    return True
