"""The indicator grid of a 自评表 (F5): the clerk's actual values, points, bands and the live 得分.

:class:`EvalRowsModel` is a :class:`~perfdesk.ui.grid.tablemodel.ListTableModel` over
``ProjectEval.rows``.  年度指标值 (carried from the targets) and 得分 (computed) are read-only,
不适用 is a check box, 达成情况 a drop-down that applies to 定性 rows, and 分值 shows the share
the scoring gives a row (in grey) until the clerk types one.  表内得分 beside the computed 得分 is
``EvalRow.stated_score``: the score a printed table gives the row, which the export prints.  Rows come from the project's
indicators (从绩效目标生成 / 更新), so the grid has no blank row for new entries.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from perfdesk.export.families import shown_columns
from perfdesk.models.document import Band, EvalRow, Project
from perfdesk.models.scoring import EvalScore, RowScore, RowStatus, present, score_evaluation
from perfdesk.models.values import one_cell_value, parse_value
from perfdesk.ui.core.inputs import InputError, show_number
from perfdesk.ui.core.session import DocumentSession, ListChange, begin_rows, end_rows
from perfdesk.ui.core.style import COLORS
from perfdesk.ui.editors.indicators import level1_choices, level2_choices, project_family
from perfdesk.ui.grid.structured import StructuredMixin, detail_column
from perfdesk.ui.grid.tablemodel import Column, Index, ListTableModel

DR = Qt.ItemDataRole
BANDS = ["", *(band.value for band in Band)]
READ_ONLY = frozenset({"target", "score", "kind", "operator", "number", "unit"})  # carried from the targets
_FALSE_TEXTS = frozenset({"", "否", "0", "false", "no", "×", "✗"})


def tr(text: str) -> str:
    """Translate a column title or message of this module."""
    return QCoreApplication.translate("evalgrid", text)


def eval_columns(session: DocumentSession) -> list[Column]:
    """一级, 二级, 三级, 年度指标值 (and the document's chosen indicator columns), 实际完成值, 分值,
    达成情况, 不适用, 得分 (computed), 表内得分 (the score the printed table gives, typed or imported),
    偏差原因分析及改进措施."""
    fam = project_family(session)
    shown = shown_columns(fam, session.document.unit.indicator_columns)
    return [
        Column("level1", tr("一级指标"), 84, "choice", choices=level1_choices(session), fill_down=True),
        Column("level2", tr("二级指标"), 104, "choice", choices=level2_choices(session), fill_down=True),
        Column("level3", tr("三级指标"), 160),
        Column("target", tr("年度指标值"), 150),
        *(detail_column(name, tr(fam.column_title(name, session.document.unit.column_titles))) for name in shown),
        Column("actual", tr("实际完成值"), 100),
        Column("points", tr("分值"), 58, "score"),
        Column("band", tr("达成情况"), 84, "choice", choices=lambda _row: BANDS),
        Column("not_applicable", tr("不适用"), 52, "check"),
        Column("score", tr("得分"), 58, "computed"),
        Column("stated_score", tr("表内得分"), 64, "score"),
        Column("reason", tr("偏差原因分析及改进措施"), 220, stretch=True),
    ]


def band_applies(row: EvalRow) -> bool:
    """True when the row is judged by a band: a 定性 target, or an actual in words, or a band already set."""
    if row.band is not None or not parse_value(one_cell_value(row, "target")).is_quantitative:
        return True
    return bool(row.actual.strip()) and not parse_value(row.actual).is_quantitative


class EvalRowsModel(StructuredMixin, ListTableModel):
    """The rows of one 自评表 with their scores; every edit is an undo command."""

    value_field = "target"

    def __init__(self, session: DocumentSession, project: Project, rows: list[EvalRow], **kwargs: Any) -> None:
        super().__init__(session, rows, eval_columns(session), factory=EvalRow, noun=tr("指标"), **kwargs)
        self.column_source = lambda: eval_columns(session)
        self.project = project
        self.score: EvalScore | None = None
        self._cols = {c.field: i for i, c in enumerate(self.columns)}
        self.refresh_scores()

    # ------------------------------------------------------------------ scores

    def refresh_scores(self) -> EvalScore:
        """Score the 自评表 again and repaint the 分值 and 得分 columns."""
        self.score = score_evaluation(self.project, self.session.document.unit)
        if self.items:
            last = len(self.items) - 1
            for field in ("points", "score"):
                col = self._cols[field]
                self.dataChanged.emit(self.index(0, col), self.index(last, col), [DR.DisplayRole, DR.ToolTipRole])
        return self.score

    def row_score(self, row: int) -> RowScore | None:
        """The scoring result of a row (None while the scores are being refreshed)."""
        if self.score is None or row >= len(self.score.rows):
            return None
        return self.score.rows[row]

    # ------------------------------------------------------------------ Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Only the rows themselves: rows are generated from the project's indicators."""
        return 0 if parent.isValid() else len(self.items)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DR.DisplayRole) -> Any:
        """Column titles and row numbers."""
        if orientation == Qt.Orientation.Vertical and role == DR.DisplayRole:
            return self.row_label(section)
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Read-only columns, a check box for 不适用, 达成情况 only where a band applies."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session.read_only or not index.isValid() or index.row() >= len(self.items):
            return base
        field = self.columns[index.column()].field
        if field == "not_applicable":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if field in READ_ONLY or (field == "band" and not band_applies(self.items[index.row()])):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = DR.DisplayRole) -> Any:
        """Computed 分值/得分, the check box, muted rows that do not count."""
        if not index.isValid() or index.row() >= len(self.items):
            return None
        row, col = index.row(), index.column()
        field = self.columns[col].field
        item: EvalRow = self.items[row]
        if field == "not_applicable" and role == DR.CheckStateRole:
            return Qt.CheckState.Checked if item.not_applicable else Qt.CheckState.Unchecked
        if field == "not_applicable" and role == DR.DisplayRole:
            return ""
        special = self._computed(row, field, item, role)
        if special is not None:
            return special
        if role == DR.ForegroundRole and item.not_applicable and not self._invalid.get((id(item), col)):
            return COLORS["muted"]
        if role == DR.BackgroundRole and field in READ_ONLY and not self._marks.get((row, field)):
            return COLORS["readonly_bg"]
        return super().data(index, role)

    def _computed(self, row: int, field: str | None, item: EvalRow, role: int) -> Any:
        """Display text, colour and tool tip of 分值 (when shared), 得分 and 达成情况."""
        result = self.row_score(row)
        if field == "score" and result is not None:
            if role == DR.DisplayRole:
                return _score_text(result)
            if role == DR.ToolTipRole:
                return result.reason or tr("得分 = 分值 × 完成比例")
            if role == DR.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if role == DR.ForegroundRole and result.status is not RowStatus.SCORED:
                return COLORS["muted"] if result.status is RowStatus.NOT_APPLICABLE else COLORS["warning"]
        if field == "points" and item.points is None and result is not None and not self._invalid_at(item, field):
            if role == DR.DisplayRole and result.group is not None:
                return show_number(present(result.points))
            if role == DR.ForegroundRole:
                return COLORS["muted"]
            if role == DR.ToolTipRole:
                return tr("未填写分值：按一级指标权重平均分配（可直接输入分值）")
        if field == "stated_score" and role == DR.ToolTipRole:
            return tr("表格上填写的得分（导入或手工填写），打印在得分栏；左侧“得分”为按分值计算的参考值")
        if field == "band" and not band_applies(item):
            if role == DR.ForegroundRole:
                return COLORS["muted"]
            if role == DR.ToolTipRole:
                return tr("定量指标按实际完成值与指标值计分；实际完成值为文字时可选择达成情况")
        return None

    def _invalid_at(self, item: EvalRow, field: str) -> bool:
        return (id(item), self._cols[field]) in self._invalid

    def setData(self, index: Index, value: Any, role: int = DR.EditRole) -> bool:
        """Typing into a cell, or ticking 不适用: one undo step."""
        if role == DR.CheckStateRole and self.columns[index.column()].field == "not_applicable":
            checked = _state(value) == Qt.CheckState.Checked.value
            return self.set_cell(index.row(), index.column(), tr("是") if checked else "")
        return super().setData(index, value, role)

    # ------------------------------------------------------------------ cell values

    def cell_text(self, row: int, col: int) -> str:
        """What a cell shows and copies (不适用 as 是 or blank, 得分 as computed)."""
        if self.is_blank_row(row):
            return ""
        field = self.columns[col].field
        item: EvalRow = self.items[row]
        if field == "not_applicable" and not self._invalid_at(item, field):
            return tr("是") if item.not_applicable else ""
        if field == "score":
            result = self.row_score(row)
            return _score_text(result) if result is not None else ""
        return super().cell_text(row, col)

    def _parse(self, col: int, text: str) -> Any:
        field = self.columns[col].field
        if field == "band":
            value = text.strip()
            if not value:
                return None
            if value not in BANDS:
                raise InputError(tr("请选择“达成”“部分达成”或“未达成”，或留空"))
            return Band(value)
        if field == "not_applicable":
            return text.strip().casefold() not in _FALSE_TEXTS
        return super()._parse(col, text)

    def _set(self, batch: Any, row: int, col: int, text: str, *, merge: bool = False) -> bool:
        """Read-only columns are never set (a paste or Del skips them)."""
        if self.columns[col].field in READ_ONLY:
            return False
        return super()._set(batch, row, col, text, merge=merge)

    def insert_rows(self, row: int, count: int = 1) -> None:
        """No blank rows: a 自评表 row stands for one of the project's indicators."""

    def paste(self, row: int, col: int, block: list[list[str]]) -> tuple[int, int]:
        """Paste into existing rows only (rows come from the project's indicators)."""
        return super().paste(row, col, block[: max(0, len(self.items) - row)])

    def column_of(self, field: str | None) -> int | None:
        """The column showing a field (``execution`` findings have none)."""
        return self._cols.get(field)

    def set_columns(self, columns: list[Column]) -> None:
        """The document's chosen indicator columns changed."""
        super().set_columns(columns)
        self._cols = {c.field: i for i, c in enumerate(self.columns)}

    # ------------------------------------------------------------------ list changes (no blank row)

    def _on_about_to_change(self, items: list[Any], change: ListChange) -> None:
        if items is self.items:
            begin_rows(self, QModelIndex(), change)

    def _on_list_changed(self, items: list[Any], change: ListChange) -> None:
        if items is not self.items:
            return
        end_rows(self, change)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, self.rowCount() - 1))


def _score_text(result: RowScore) -> str:
    if result.status is RowStatus.NOT_APPLICABLE:
        return tr("不适用")
    if result.status is not RowStatus.SCORED:
        return "—"
    return show_number(present(result.score))


def _state(value: Any) -> int:
    """A check state from Qt (an enum member or a plain int)."""
    return int(getattr(value, "value", value))
