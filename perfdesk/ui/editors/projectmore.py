"""The project header beyond Hebei (issue 11): 项目属性/性质/类别, dates, people, texts, funds, schedule,
总体目标, the 长期 indicator block and the 审核意见 boxes.

:class:`MoreHeader` is a part of the project editor's page.  It is shown when the document's
layout family is not Hebei, or when any of its fields holds something (a document switched
back to Hebei keeps showing what was typed, nothing is hidden away).  The project's money unit
(万元 or 元) is switched with the amounts converted exactly, as one undo step.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox

from perfdesk.models.document import FundLine, Indicator, Project, ScheduleItem
from perfdesk.models.money import convert_money
from perfdesk.ui.core import commands
from perfdesk.ui.editors.indicators import project_family, project_indicator_columns
from perfdesk.ui.editors.projectextras import ProjectSection, with_recipients
from perfdesk.ui.forms.fields import NumberField
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.structured import StructuredTableModel, install_column_menu
from perfdesk.ui.grid.tablemodel import Column, ListTableModel

if TYPE_CHECKING:
    pass

AMOUNTS = ("budget_total", "budget_fiscal", "budget_other", "period_total", "period_fiscal", "period_other",
           "budget_carryover", "cost_total", "cost_prior1_total", "cost_prior2_total")  # fmt: skip
# amounts of the project's child rows, in its money unit: converted with it
ROW_AMOUNTS = (("fund_lines", ("period_amount", "annual_amount")), ("cost_lines", ("amount", "prior1", "prior2")),
               ("recipients", ("amount",)))  # fmt: skip
TEXT_FIELDS = ("attribute", "nature", "category", "start_date", "end_date", "period", "manager", "phone",
               "overview", "legal_basis", "feasibility", "necessity", "long_term_goal", "filled_by",
               "filled_date", "unit_leader", "review_department", "review_finance", "heading", "measures_text", "preface",
               "grid_heading", "table_note", "funds_text")  # fmt: skip
UNITS = ("万元", "元")


def has_more(project: Project) -> bool:
    """True when the project holds anything of the header beyond Hebei."""
    if any(getattr(project, f).strip() for f in TEXT_FIELDS) or project.money_unit != "万元":
        return True
    amounts = (project.period_total, project.period_fiscal, project.period_other, project.budget_carryover)
    return any(a is not None for a in amounts) or bool(
        project.schedule or project.fund_lines or project.long_term_indicators
    )


class MoreHeader(ProjectSection):
    """The header fields of the 申报表, split-column and two-block families, with their small grids."""

    def build(self, form: FormBuilder) -> None:
        """The header fields, the money for the period, the texts, the 长期 grid and the 审核意见 boxes."""
        self._build_fields(form)
        self._build_funds(form)
        self._build_texts(form)
        self._build_long_term(form)
        self._build_review(form)

    def holds_something(self) -> bool:
        """True while any of these fields holds something."""
        return has_more(self.project)

    # ------------------------------------------------------------------ building

    def _build_fields(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(
            self.tr("项目信息"), self.tr("申报表、分列指标表、长期/年度两段表的表头；河北表不打印这些内容。")
        )
        left, right = form.columns(2)
        left.add_row(self.tr("项目属性"), b.line(p, "attribute", self.tr("新增 / 延续")))
        left.add_row(self.tr("项目性质"), b.line(p, "nature", self.tr("如 经常性项目")))
        left.add_row(self.tr("项目类别"), b.line(p, "category", self.tr("如 专项业务费")))
        left.add_inline(
            self.tr("计划开始"),
            [("", b.line(p, "start_date", self.tr("2026年1月"))), (self.tr("完成"), b.line(p, "end_date"))],
        )
        left.add_row(self.tr("实施周期"), b.line(p, "period", self.tr("如 1年、2024-2026年")))
        left.add_stretch()
        right.add_inline(self.tr("项目负责人"), [("", b.line(p, "manager")), (self.tr("联系电话"), b.line(p, "phone"))])
        right.add_inline(
            self.tr("填报人"), [("", b.line(p, "filled_by")), (self.tr("填报日期"), b.line(p, "filled_date"))]
        )
        right.add_row(self.tr("单位负责人"), b.line(p, "unit_leader"))
        right.add_row(self.tr("标题上方"), b.line(p, "heading", self.tr("如 附件2-1")))
        right.add_row(self.tr("指标表标题"), b.line(p, "grid_heading", self.tr("如 绩效项目指标表（印在指标表上方）")))
        self.money_unit = QComboBox()
        self.money_unit.addItems(list(UNITS))
        self.money_unit.setCurrentText(p.money_unit)
        self.money_unit.activated.connect(lambda i: self.switch_money_unit(UNITS[i]))
        right.add_row(
            self.tr("金额单位"),
            self.money_unit,
            help=self.tr("本项目的金额以此单位填写；切换时已填金额按 1 万元 = 10000 元精确换算。"),
        )
        right.add_stretch()

    def _build_funds(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(self.tr("项目资金：实施期 ‖ 年度"), self.tr("年度资金即上方的预算数、财政资金、其他资金。"))
        unit = p.money_unit
        form.add_inline(
            self.tr("实施期资金总额"),
            [
                ("", b.number(p, "period_total", unit=unit)),
                (self.tr("其中财政资金"), b.number(p, "period_fiscal", unit=unit)),
                (self.tr("其他资金"), b.number(p, "period_other", unit=unit)),
            ],
        )
        form.add_row(self.tr("上年结转"), b.number(p, "budget_carryover", unit=unit))
        form.add_row(
            self.tr("资金构成说明"),
            b.text(p, "funds_text", min_lines=1, max_lines=6),
            help=self.tr("原表把资金构成写成一段文字时照录；没有填写资金来源行时，打印在项目资金一栏。"),
        )
        model = ListTableModel(
            self.session, p.fund_lines, self._fund_columns(), factory=FundLine, stack_key=self.editor.node.key,
            keep=p, scope=p, noun=self.tr("资金来源"),
        )  # fmt: skip
        self.fund_table = RecordTable(model, title=self.tr("其他资金来源（按表格所列）"))
        self.editor.tables["fund_lines"] = self.fund_table
        form.add_widget(self.fund_table)
        schedule = ListTableModel(
            self.session,
            p.schedule,
            [
                Column("content", self.tr("项目实施内容"), 360, stretch=True),
                Column("start", self.tr("开始时间"), 120),
                Column("end", self.tr("完成时间"), 120),
            ],
            factory=ScheduleItem, stack_key=self.editor.node.key, keep=p, scope=p, noun=self.tr("计划"),
        )  # fmt: skip
        self.editor.tables["schedule"] = RecordTable(schedule, title=self.tr("实施进度计划"))
        form.add_widget(self.editor.tables["schedule"])

    def _fund_columns(self) -> list[Column]:
        unit = self.project.money_unit
        return [
            Column("label", self.tr("资金来源"), 220, stretch=True),
            Column("period_amount", self.tr("实施期金额（{unit}）").format(unit=unit), 150, "money", unit=unit),
            Column("annual_amount", self.tr("年度金额（{unit}）").format(unit=unit), 150, "money", unit=unit),
            Column("level", self.tr("层级（1=上一行的其中）"), 120, "count"),
        ]

    def _build_texts(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(self.tr("项目概况与立项情况"))
        form.add_row(self.tr("项目概况"), b.text(p, "overview", min_lines=2, max_lines=8))
        form.add_row(self.tr("立项依据"), b.text(p, "legal_basis", min_lines=2, max_lines=8))
        form.add_row(self.tr("可行性"), b.text(p, "feasibility", min_lines=2, max_lines=8))
        form.add_row(self.tr("必要性"), b.text(p, "necessity", min_lines=2, max_lines=8))
        form.add_row(self.tr("保障措施"), b.text(p, "measures_text", min_lines=2, max_lines=8))
        form.add_section(self.tr("表格上下的文字"), self.tr("按原表照录，按填写的分行打印；空着不打印。"))
        form.add_row(self.tr("表前说明"), b.text(p, "preface", min_lines=1, max_lines=10))
        form.add_row(self.tr("表注"), b.text(p, "table_note", min_lines=1, max_lines=10))
        form.add_section(self.tr("总体目标（长期目标、实施期目标）"), self.tr("年度目标即上方的绩效目标。"))
        form.add_widget(b.text(p, "long_term_goal", min_lines=2, max_lines=8))

    def _build_long_term(self, form: FormBuilder) -> None:
        p = self.project
        model = StructuredTableModel(
            self.session, p.long_term_indicators, with_recipients(project_indicator_columns(self.session), p),
            factory=Indicator, stack_key=self.editor.node.key, keep=p, scope=p, noun=self.tr("指标"),
            column_source=lambda: with_recipients(project_indicator_columns(self.session), p),
        )  # fmt: skip
        table = RecordTable(
            model,
            title=self.tr("长期（实施期）绩效指标"),
            buttons=("append_row", "insert_row", "delete_row", "move_up", "move_down", "paste", "copy"),
        )
        install_column_menu(model, table.grid, lambda: project_family(self.session))
        self.editor.tables["long_term_indicators"] = table
        form.add_widget(table)

    def _build_review(self, form: FormBuilder) -> None:
        p, b = self.project, self.editor.binder
        form.add_section(self.tr("审核意见"), self.tr("空着时打印为留给签章的空框。"))
        form.add_row(self.tr("主管部门"), b.text(p, "review_department", min_lines=2, max_lines=6))
        form.add_row(self.tr("财政部门"), b.text(p, "review_finance", min_lines=2, max_lines=6))

    # ------------------------------------------------------------------ behaviour

    def _on_value_changed(self, target: Any, key: Any) -> None:
        super()._on_value_changed(target, key)
        if target is self.project and key == "money_unit":
            self._follow_unit()

    def switch_money_unit(self, unit: str) -> None:
        """Change the project's money unit, converting every amount exactly (one undo step)."""
        p = self.project
        if unit == p.money_unit or self.session.read_only:
            return
        old = p.money_unit
        batch = commands.Batch(self.tr("金额单位改为{unit}").format(unit=unit))
        batch.add(commands.SetValue(self.session, p, "money_unit", unit, scope=p))
        for name in AMOUNTS:
            value = getattr(p, name)
            if value is not None:
                batch.add(commands.SetValue(self.session, p, name, convert_money(value, old, unit), scope=p))
        for rows, names in ROW_AMOUNTS:
            for line in getattr(p, rows):
                for name in names:
                    value: Decimal | None = getattr(line, name)
                    if value is not None:
                        new = convert_money(value, old, unit)
                        batch.add(commands.SetValue(self.session, line, name, new, scope=p))
        self.session.push_batch(self.editor.node.key, batch, p)

    def _follow_unit(self) -> None:
        """Every money field and column of the project now reads and shows the new unit."""
        unit = self.project.money_unit
        self.money_unit.setCurrentText(unit)
        for bound in self.editor.binder.bound:
            if bound.target is self.project and bound.key in AMOUNTS and isinstance(bound.widget, NumberField):
                bound.unit = unit  # type: ignore[attr-defined]
                bound.widget.unit_label.setText(unit)
                bound.refresh()
        model = self.fund_table.model
        model.beginResetModel()
        model.columns = self._fund_columns()
        model.endResetModel()
        self.editor.update_unit_labels()
