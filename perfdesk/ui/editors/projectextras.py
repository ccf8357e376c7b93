"""Printed parts of a project table beyond its header (issue 11, brief 11a): the covering 下达
notice, the 资金安排表 with one value column per recipient in the indicator grid, the 项目预算成本构成
lines with two prior years and the printed 合计, and the printed 总分.

:class:`ProjectSection` is the base of the page's parts that belong to the families beyond Hebei
(this one and :class:`~perfdesk.ui.editors.projectmore.MoreHeader`): it builds its form and is
shown while the family prints it or while it holds something, so a switch of family never hides
what was typed.

:class:`ProjectExtras` is a part of the project editor's page, shown when the layout family is
not Hebei or when any of these holds something.  The indicator grid gets one column per
recipient (:func:`with_recipients`), following the recipients as they are added, renamed or
removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from perfdesk.models.document import CostLine, Layout, Project, Recipient
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.tablemodel import Column, ListTableModel

if TYPE_CHECKING:
    from perfdesk.ui.editors.project import ProjectEditor

NOTICE_FIELDS = ("notice_title", "notice_number", "notice_subject", "notice_code", "notice_date", "notice_text")
COST_TOTALS = ("cost_total", "cost_prior1_total", "cost_prior2_total")


def has_extras(project: Project) -> bool:
    """True when the project holds a notice, recipients, cost lines or a printed 总分."""
    texts = (*NOTICE_FIELDS, "recipients_title")
    numbers = (*COST_TOTALS, "stated_points_total")
    return (
        any(str(getattr(project, f)).strip() for f in texts)
        or any(getattr(project, f) is not None for f in numbers)
        or bool(project.cost_lines or project.recipients)
    )


def with_recipients(columns: list[Column], project: Project) -> list[Column]:
    """The indicator grid's columns with one 指标值 column per recipient after the value columns."""
    if not project.recipients:
        return columns
    at = max((i for i, c in enumerate(columns) if c.field in ("value", "number")), default=len(columns) - 1) + 1
    extra = [
        Column("recipient_values", r.name or f"地区{i + 1}", 100, item=i) for i, r in enumerate(project.recipients)
    ]
    return [*columns[:at], *extra, *columns[at:]]


class ProjectSection(QWidget):
    """Builds its form (:meth:`build`) and follows the document's layout family."""

    def __init__(self, editor: ProjectEditor) -> None:
        super().__init__()
        self.editor = editor
        self.session = editor.session
        self.project: Project = editor.project
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.build(FormBuilder(box, 110))
        self.session.value_changed.connect(self._on_value_changed)
        self.follow_layout()

    def build(self, form: FormBuilder) -> None:
        """Add this section's fields and grids to ``form``."""
        raise NotImplementedError

    def holds_something(self) -> bool:
        """True when any of the section's fields is filled (it then stays shown under Hebei too)."""
        raise NotImplementedError

    def follow_layout(self) -> None:
        """Shown for the families that print these fields, or while any of them holds something."""
        self.setVisible(self.session.document.unit.layout != Layout.HEBEI or self.holds_something())

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.session.document.unit and key == "layout":
            self.follow_layout()


class ProjectExtras(ProjectSection):
    """下达通知, 资金安排表, 项目预算成本构成 and 总分 of one project."""

    def build(self, form: FormBuilder) -> None:
        """The cost lines, the recipients, the printed 总分 and the notice."""
        self._build_costs(form)
        self._build_recipients(form)
        self._build_points(form)
        self._build_notice(form)
        self.session.list_changed.connect(self._on_list_changed)

    def holds_something(self) -> bool:
        """True while the project holds a notice, recipients, cost lines or a printed 总分."""
        return has_extras(self.project)

    def _model(self, items: list[Any], columns: list[Column], factory: Any, noun: str) -> ListTableModel:
        p = self.project
        return ListTableModel(
            self.session, items, columns, factory=factory, stack_key=self.editor.node.key, keep=p, scope=p, noun=noun
        )

    def _cost_columns(self) -> list[Column]:
        unit, year = self.project.money_unit, self.session.document.unit.fiscal_year
        return [
            Column("item", self.tr("成本构成"), 180, stretch=True),
            Column("amount", self.tr("金额（{unit}）").format(unit=unit), 120, "money", unit=unit),
            Column("basis", self.tr("测算(公式)依据"), 220),
            Column("prior1", self.tr("{year}年实际执行数").format(year=year - 2), 130, "money", unit=unit),
            Column("prior2", self.tr("{year}年实际执行数").format(year=year - 1), 130, "money", unit=unit),
        ]

    def _build_costs(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(
            self.tr("项目预算成本构成"),
            self.tr(
                "按成本构成列出预算金额和测算依据，可附前两年实际执行数；合计按表上印的数填写（空着则打印各行之和）。"
            ),
        )
        self.cost_table = RecordTable(
            self._model(p.cost_lines, self._cost_columns(), CostLine, self.tr("成本构成")), title=self.tr("成本构成")
        )
        self.editor.tables["cost_lines"] = self.cost_table
        form.add_widget(self.cost_table)
        unit = p.money_unit
        form.add_inline(
            self.tr("印出的合计"),
            [
                (self.tr("金额"), b.number(p, "cost_total", unit=unit)),
                (self.tr("前年"), b.number(p, "cost_prior1_total", unit=unit)),
                (self.tr("上年"), b.number(p, "cost_prior2_total", unit=unit)),
            ],
        )

    def _build_recipients(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(
            self.tr("资金安排表（分地区）"),
            self.tr("资金下达到几个乡镇、街道时填写；每个地区在绩效指标表中有自己的一列指标值。"),
        )
        form.add_row(self.tr("表名"), b.line(p, "recipients_title", self.tr("空着则为 〈项目名称〉资金安排表")))
        columns = self._recipient_columns()
        self.recipient_table = RecordTable(self._model(p.recipients, columns, Recipient, self.tr("地区")))
        self.editor.tables["recipients"] = self.recipient_table
        form.add_widget(self.recipient_table)

    def _recipient_columns(self) -> list[Column]:
        unit = self.project.money_unit
        return [
            Column("name", self.tr("属地"), 140),
            Column("amount", self.tr("金额（{unit}）").format(unit=unit), 120, "money", unit=unit),
            Column("project_name", self.tr("项目"), 300, stretch=True),
        ]

    def _build_points(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_row(
            self.tr("印出的总分"),
            b.number(p, "stated_points_total", kind="score", unit="分"),
            help=self.tr("分值列下方“总分”一行印的数；审核核对它等于各行分值之和。"),
        )

    def _build_notice(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(self.tr("下达通知"), self.tr("转移支付表前印的下达文件；填写后打印在表格上方。"))
        form.add_row(self.tr("通知标题"), b.line(p, "notice_title", self.tr("关于下达…的通知")))
        form.add_inline(
            self.tr("文号"),
            [("", b.line(p, "notice_number", self.tr("如 津财基指〔2022〕23号"))),
             (self.tr("日期"), b.line(p, "notice_date", self.tr("2022年5月27日")))],
        )  # fmt: skip
        form.add_inline(
            self.tr("功能分类科目"),
            [("", b.line(p, "notice_subject", self.tr("如 213.农林水支出"))),
             (self.tr("项目编码"), b.line(p, "notice_code"))],
        )  # fmt: skip
        form.add_row(self.tr("通知正文"), b.text(p, "notice_text", min_lines=3, max_lines=12))

    # ------------------------------------------------------------------ behaviour

    def _indicator_columns(self) -> None:
        for name in ("indicators", "long_term_indicators"):  # one value column per recipient in both blocks
            model = getattr(self.editor.tables.get(name), "model", None)
            if model is not None and getattr(model, "column_source", None) is not None:
                model.set_columns(model.column_source())

    def _on_value_changed(self, target: Any, key: Any) -> None:
        super()._on_value_changed(target, key)
        if isinstance(target, Recipient) and target in self.project.recipients:
            self._indicator_columns()
        if target is self.project and key == "money_unit":
            pairs = (
                (self.cost_table.model, self._cost_columns()),
                (self.recipient_table.model, self._recipient_columns()),
            )
            for model, cols in pairs:
                model.beginResetModel()
                model.columns = cols
                model.endResetModel()

    def _on_list_changed(self, items: Any, _change: Any) -> None:
        if items is self.project.recipients:
            self._indicator_columns()
