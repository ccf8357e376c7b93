"""汇总多个单位: the finance bureau's window that reads many units' files and totals them.

Files (.perfdesk and workbooks, or whole folders) are read in a worker thread into one
:class:`~perfdesk.merge.core.Merge`; a file sent again replaces what it gave before.  The table
shows a line per unit and the totals; files that could not be read are listed with the reason.
A double-click opens a unit's document read-only; the summary is written as .xlsx or .pdf.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from perfdesk.merge.core import LOAD_ERRORS, LoadFailure, Merge, UnitEntry, UnitKey, UnitRow
from perfdesk.merge.load import load_any
from perfdesk.merge.output import SummaryError, input_files, write_summary
from perfdesk.models.money import format_money
from perfdesk.ui import dialogs
from perfdesk.ui.core.paths import settings
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.core.style import COLORS, icon
from perfdesk.ui.core.worker import Task, run_with_progress
from perfdesk.ui.grid.headermodel import HeaderTableModel
from perfdesk.ui.transfer.exporting import open_location

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole
_WINDOWS: list[MergeWindow] = []


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("mergewindow", text)


@dataclass
class LoadReport:
    """What one round of adding files did: units added or replaced, files that failed."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    loaded: list[Path] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    cancelled: bool = False


def load_into(merge: Merge, paths: Sequence[Path], task: Task) -> LoadReport:
    """Read each file into ``merge`` (worker thread); failures are collected, never raised."""
    report = LoadReport()
    for done, path in enumerate(paths):
        if task.cancelled():
            report.cancelled = True
            break
        task.report(done, len(paths), tr("正在读取 {name}（{done}/{total}）").format(
            name=path.name, done=done + 1, total=len(paths)))  # fmt: skip
        try:
            loaded = load_any(path)
        except LOAD_ERRORS as exc:
            report.failures.append(LoadFailure(path, exc.reason))
            continue
        except Exception as exc:  # a reader bug must not stop the other files
            report.failures.append(LoadFailure(path, tr("读取时发生意外错误（{kind}：{e}）").format(
                kind=type(exc).__name__, e=exc)))  # fmt: skip
            continue
        name = f"{loaded.document.unit.name or path.name} {loaded.document.unit.fiscal_year}"
        if merge.add(loaded.document, path, loaded.all_messages()):
            report.replaced.append(name)
        else:
            report.added.append(name)
        report.loaded.append(path)
    task.report(len(paths), len(paths), "")
    return report


def _problems_text(entry: UnitEntry, most: int = 20) -> str:
    lines = [f"{p.level.value}  {p}" for p in entry.problems[:most]]
    if len(entry.problems) > most:
        lines.append(tr("…… 另有 {n} 条").format(n=len(entry.problems) - most))
    return "\n".join(lines)


def _money(value: Decimal) -> str:
    return format_money(value, grouping=True)


class UnitTableModel(HeaderTableModel):
    """A line per unit and the 合计 line, from a snapshot of the merge (refreshed after changes)."""

    HEADERS = ("单位名称", "单位编码", "年度", "项目数", "指标数", "预算数（万元）", "财政资金", "其他资金",
               "错误", "警告", "导入问题", "来源文件")  # fmt: skip
    MONEY = (5, 6, 7)
    NUMBERS = (2, 3, 4, 8, 9, 10)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[UnitRow] = []
        self.keys: list[UnitKey] = []
        self.total: UnitRow | None = None
        self.details: list[tuple[str, str]] = []  # per unit: import problems, source paths
        self._bold = QFont()
        self._bold.setBold(True)

    def refresh(self, merge: Merge) -> None:
        """Take a new snapshot of the merge."""
        self.beginResetModel()
        self.keys = [key for key, _ in merge.sorted_entries()]
        self.rows = merge.unit_rows()
        self.details = [(_problems_text(e), "\n".join(str(p) for p in e.sources)) for _, e in merge.sorted_entries()]
        self.total = merge.totals() if self.rows else None
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The units, then the totals line."""
        return 0 if parent.isValid() else len(self.rows) + (1 if self.total is not None else 0)

    def row_at(self, row: int) -> UnitRow | None:
        """The unit line at ``row`` (the totals line for the last row)."""
        if row < len(self.rows):
            return self.rows[row]
        return self.total

    def is_total(self, row: int) -> bool:
        """True for the 合计 line."""
        return row == len(self.rows)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Values, money with two decimals, errors in red, totals in bold."""
        r = self.row_at(index.row())
        if r is None:
            return None
        column = index.column()
        if role == DR.ToolTipRole and column in (10, 11) and index.row() < len(self.details):
            return self.details[index.row()][column - 10] or None
        if role in (DR.DisplayRole, DR.ToolTipRole):
            return self._text(r, column, self.is_total(index.row()))
        if role == DR.TextAlignmentRole and (column in self.MONEY or column in self.NUMBERS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == DR.FontRole and self.is_total(index.row()):
            return self._bold
        if role == DR.BackgroundRole and self.is_total(index.row()):
            return COLORS["banner_bg"]
        if role == DR.ForegroundRole:
            if column == 8 and r.errors:
                return COLORS["error"]
            if column in (9, 10) and (r.warnings if column == 9 else r.unread):
                return COLORS["warning"]
        return None

    def _text(self, r: UnitRow, column: int, total: bool) -> str:
        if total and column in (0, 1, 2, 11):
            return self.tr("合计（{n} 个单位）").format(n=len(self.rows)) if column == 0 else ""
        values: tuple[Any, ...] = (r.name, r.code, r.year, r.projects, r.indicators, _money(r.total),
                                   _money(r.fiscal), _money(r.other), r.errors, r.warnings, r.unread, r.source)  # fmt: skip
        return str(values[column])


class FailureModel(HeaderTableModel):
    """Files that could not be read: 文件 and 原因."""

    HEADERS = ("文件", "原因")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.failures: list[LoadFailure] = []

    def set_failures(self, failures: Sequence[LoadFailure]) -> None:
        """Show a new list."""
        self.beginResetModel()
        self.failures = list(failures)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per file."""
        return 0 if parent.isValid() else len(self.failures)

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """The file (full path as tool tip) and the reason."""
        f = self.failures[index.row()]
        if role == DR.DisplayRole:
            return f.path.name if index.column() == 0 else f.reason
        if role == DR.ToolTipRole:
            return str(f.path) if index.column() == 0 else f.reason
        if role == DR.ForegroundRole and index.column() == 1:
            return COLORS["error"]
        return None


class MergeWindow(QMainWindow):
    """汇总: add units' files, review and total them, open one, write the summary."""

    def __init__(self, new_window: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_window = new_window  # the main window class: opens a unit (shell is above transfer)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("汇总多个单位 — perfdesk"))
        self.setAcceptDrops(True)
        self.resize(1360, 760)
        self.merge = Merge()
        self.failures: list[LoadFailure] = []
        self.task: Task | None = None
        self.pending: list[Path] = []
        self.last_report: LoadReport | None = None
        self.last_summary: Path | None = None
        self.opened: list[QMainWindow] = []
        self.units = UnitTableModel(self)
        self.failed = FailureModel(self)
        self.table = self._table(self.units)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(self.open_unit)
        self.failure_table = self._table(self.failed)
        self.failure_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.failure_table.setColumnWidth(0, 320)
        self._build_actions()
        self.setCentralWidget(self._build_body())
        self.refresh()
        self.statusBar().showMessage(
            self.tr("添加各单位报送的 .perfdesk 文件或 Excel 工作簿（可一次选多个，或选文件夹，也可拖入窗口）")
        )

    def _table(self, model: QAbstractTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return view

    def _build_actions(self) -> None:
        toolbar = QToolBar(self.tr("汇总"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions_by_name: dict[str, QAction] = {}
        plan = [("add_files", self.tr("添加文件…"), "open", self.add_files),
                ("add_folder", self.tr("添加文件夹…"), "folder_open", self.add_folder),
                ("remove", self.tr("移除单位"), "delete", self.remove_units), None,
                ("open_unit", self.tr("查看单位文档"), "form", self.open_unit), None,
                ("export_xlsx", self.tr("导出汇总 Excel…"), "save", lambda: self.export_summary(".xlsx")),
                ("export_pdf", self.tr("导出汇总 PDF…"), "save_as", lambda: self.export_summary(".pdf"))]  # fmt: skip
        for item in plan:
            if item is None:
                toolbar.addSeparator()
                continue
            name, text, icon_name, slot = item
            action = QAction(icon(icon_name), text, self)
            action.triggered.connect(lambda *_a, s=slot: s())
            toolbar.addAction(action)
            self.actions_by_name[name] = action
        self.addToolBar(toolbar)

    def _build_body(self) -> QWidget:
        self.summary = QLabel()
        self.summary.setProperty("role", "section")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QWidget()
        box = QVBoxLayout(top)
        box.addWidget(self.summary)
        box.addWidget(self.table, 1)
        bottom = QWidget()
        box = QVBoxLayout(bottom)
        self.failure_label = QLabel()
        self.failure_label.setProperty("role", "section")
        box.addWidget(self.failure_label)
        box.addWidget(self.failure_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    # ------------------------------------------------------------------ state

    def busy(self) -> bool:
        """True while files are read or the summary is written."""
        return self.task is not None

    def refresh(self) -> None:
        """Show the merge as it is now."""
        self.units.refresh(self.merge)
        self.failed.set_failures(self.failures)
        widths = (220, 90, 50, 60, 60, 120, 110, 100, 50, 50, 70)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        total = self.units.total
        if total is None:
            self.summary.setText(self.tr("还没有单位"))
        else:
            self.summary.setText(self.tr(
                "共 {units} 个单位、{projects} 个项目；预算数合计 {total} 万元（财政资金 {fiscal}，其他资金 {other}）；"
                "{errors} 个错误，{warnings} 个警告").format(
                units=len(self.units.rows), projects=total.projects, total=_money(total.total),
                fiscal=_money(total.fiscal), other=_money(total.other), errors=total.errors,
                warnings=total.warnings))  # fmt: skip
        self.failure_label.setText(self.tr("未能读取的文件（{n}）").format(n=len(self.failures)))
        self._update_actions()

    def _update_actions(self) -> None:
        idle = not self.busy()
        has_units = bool(self.merge.entries)
        for name in ("add_files", "add_folder"):
            self.actions_by_name[name].setEnabled(idle)
        for name in ("remove", "open_unit", "export_xlsx", "export_pdf"):
            self.actions_by_name[name].setEnabled(idle and has_units)

    def _folder(self) -> Path:
        last = settings().value("merge/folder")
        return Path(str(last)) if last and Path(str(last)).is_dir() else Path.home()

    # ------------------------------------------------------------------ adding files

    def add_files(self) -> Task | None:
        """Pick files (many at once)."""
        paths = dialogs.ask_merge_files(self, self._folder())
        return self.add_paths(paths) if paths else None

    def add_folder(self) -> Task | None:
        """Pick a folder: its .perfdesk and .xlsx files are added."""
        folder = dialogs.ask_folder(self, self.tr("选择报送文件所在的文件夹"), self._folder())
        return self.add_paths([folder]) if folder is not None else None

    def add_paths(self, paths: Sequence[Path]) -> Task | None:
        """Read files (folders give their .perfdesk/.xlsx files) in a worker thread."""
        if self.busy():
            return None
        files = input_files(paths)
        if not files:
            self.statusBar().showMessage(self.tr("所选文件夹中没有 .perfdesk 或 .xlsx 文件"), 10000)
            return None
        first = Path(paths[0])
        settings().setValue("merge/folder", str(first if first.is_dir() else first.parent))
        merge = self.merge
        task = Task(lambda t: load_into(merge, files, t))
        task.succeeded.connect(self._loaded)
        task.failed.connect(self._task_failed)
        self.task, self.pending = task, files
        self._update_actions()
        run_with_progress(self, task, self.tr("汇总"), self.tr("正在读取 {n} 个文件…").format(n=len(files)))
        return task

    def _loaded(self, report: LoadReport) -> None:
        self.task = None
        self.last_report = report
        tried = {*report.loaded, *(f.path for f in report.failures)}
        self.failures = [f for f in self.failures if f.path not in tried] + report.failures
        self.refresh()
        self.statusBar().showMessage(self.describe(report))

    def describe(self, report: LoadReport) -> str:
        """One status line: added, replaced, failed, cancelled."""
        parts = []
        if report.added:
            parts.append(self.tr("已添加 {n} 个单位").format(n=len(report.added)))
        if report.replaced:
            names = "、".join(report.replaced[:5]) + ("…" if len(report.replaced) > 5 else "")
            parts.append(
                self.tr("已用新文件替换 {n} 个单位的数据（{names}）").format(n=len(report.replaced), names=names)
            )
        if report.failures:
            parts.append(self.tr("{n} 个文件未能读取，见下方列表").format(n=len(report.failures)))
        if report.cancelled:
            parts.append(self.tr("已取消，其余文件未读取"))
        return "；".join(parts) or self.tr("没有读取任何文件")

    def _task_failed(self, exc: BaseException) -> None:
        self.task = None
        self.refresh()
        if isinstance(exc, (SummaryError, OSError)):
            text = str(exc) if isinstance(exc, SummaryError) else f"{exc.filename or ''} {exc.strerror or exc}"
        else:
            text = self.tr("意外错误（{kind}：{e}）").format(kind=type(exc).__name__, e=exc)
        dialogs.show_error(self, self.tr("汇总"), text)

    # ------------------------------------------------------------------ units

    def selected_keys(self) -> list[UnitKey]:
        """The units of the selected rows (never the totals line)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.units.keys[r] for r in rows if r < len(self.units.keys)]

    def remove_units(self) -> None:
        """Drop the selected units from the summary (their files can be added again)."""
        keys = self.selected_keys()
        if not keys or self.busy():
            return
        for key in keys:
            self.merge.remove(key)
        self.refresh()
        names = "、".join(key.code_or_name for key in keys)
        self.statusBar().showMessage(self.tr("已移除 {names}").format(names=names), 10000)

    def open_unit(self, index: QModelIndex | None = None) -> QMainWindow | None:
        """Open a unit's merged document, read-only, in a perfdesk window."""
        row = index.row() if isinstance(index, QModelIndex) and index.isValid() else self.table.currentIndex().row()
        if self.busy() or not 0 <= row < len(self.units.keys):
            return None
        entry = self.merge.entries[self.units.keys[row]]
        sources = "、".join(p.name for p in entry.sources)
        reason = self.tr("汇总中的单位文档（来自 {sources}），只读。要修改请打开原文件，或“另存为”一份副本。")
        session = DocumentSession(copy.deepcopy(entry.document), read_only_reason=reason.format(sources=sources))
        unit = entry.document.unit
        session.untitled_name = self.tr("{unit} {year}年（汇总）").format(unit=unit.name, year=unit.fiscal_year)
        window = self.new_window()
        window.set_session(session)
        window.show()
        window.activateWindow()
        self.opened.append(window)
        return window

    # ------------------------------------------------------------------ summary

    def export_summary(self, suffix: str) -> Task | None:
        """Write the summary workbook or PDF in a worker thread."""
        if self.busy() or not self.merge.entries:
            return None
        years = Counter(key.year for key in self.merge.entries)
        name = self.tr("预算绩效目标汇总{year}年").format(year=years.most_common(1)[0][0]) + suffix
        path = dialogs.ask_summary_path(self, self._folder() / name)
        if path is None:
            return None
        merge, failures = self.merge, list(self.failures)
        task = Task(lambda _t: write_summary(merge, failures, path))
        task.succeeded.connect(self._written)
        task.failed.connect(self._task_failed)
        self.task, self.last_summary = task, path
        self._update_actions()
        run_with_progress(self, task, self.tr("导出汇总"), self.tr("正在写入 {name}…").format(name=path.name))
        return task

    def _written(self, kind: str) -> None:
        self.task = None
        self._update_actions()
        path = self.last_summary
        assert path is not None
        self.statusBar().showMessage(self.tr("已导出汇总：{path}（{kind}）").format(path=path, kind=kind), 10000)
        text = self.tr("已导出汇总（{kind}）：\n{path}").format(kind=kind, path=path)
        answer = dialogs.ask_after_export(self, self.tr("导出完成"), text, "")
        if answer in ("file", "folder"):
            open_location(path, answer)

    # ------------------------------------------------------------------ window

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Files and folders can be dropped on the window."""
        if event.mimeData().hasUrls() and not self.busy():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Add the dropped files and folders."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A running read stops at the next file; its result is dropped with the window."""
        if self.task is not None:
            self.task.cancel()
        if self in _WINDOWS:
            _WINDOWS.remove(self)
        event.accept()


def open_merge_window(new_window: Callable[[], Any]) -> MergeWindow:
    """Show the 汇总 window (the open one, if there is one)."""
    for window in _WINDOWS:
        window.show()
        window.raise_()
        window.activateWindow()
        return window
    window = MergeWindow(new_window)
    _WINDOWS.append(window)
    window.show()
    return window


def merge_windows() -> list[MergeWindow]:
    """The open 汇总 windows."""
    return list(_WINDOWS)
