"""部门整体预算绩效目标表 (Guangdong layout): unit facts, budget totals, goals, tasks and indicators."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from perfdesk.export.families import DEPT_FAMILIES
from perfdesk.models.document import (
    DeptIndicator,
    DeptLayout,
    DeptMoneyLine,
    DeptTable,
    DutyTarget,
    EvalFundLine,
    KeyTask,
    OtherTask,
)
from perfdesk.models.labels import dept_is_evaluation
from perfdesk.models.money import format_money, sum_amounts
from perfdesk.ui.core.nodes import NodeRef
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.editors.base import EditorPage
from perfdesk.ui.editors.evalmore import fund_line_columns
from perfdesk.ui.editors.indicators import dept_indicator_columns, dept_table_family
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.structured import StructuredTableModel, install_column_menu
from perfdesk.ui.grid.tablemodel import Column, ListTableModel

_EXPENSE = ("basic_expense", "project_expense", "special_funds", "other_development")
_INCOME = ("income_fiscal", "income_other")
_LEVELS = ("local_use", "transfer")


class DeptTableEditor(EditorPage):
    """The Guangdong table with its task rows (amounts in 元) and two indicator value columns."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        table = session.document.dept_table
        assert table is not None
        self.table: DeptTable = table
        b = self.binder
        layout, form = self.scroll_page(self.tr("部门整体预算绩效目标表"), label_width=230)
        form.add_section(self.tr("基本信息"))
        layouts = [(DeptLayout(key), self.tr(fam.name)) for key, fam in DEPT_FAMILIES.items()]
        form.add_row(
            self.tr("表格格式"),
            b.choice(table, "layout", layouts),
            help=self.tr("按哪一种官方表样打印；随时可以切换，已填内容不会丢失。"),
        )
        form.add_inline(
            self.tr("地区"),
            [("", b.line(table, "region", self.tr("如 东莞市"))), (self.tr("部门名称"), b.line(table, "dept_name"))],
        )
        form.add_inline(
            self.tr("财政供养人员数"),
            [
                ("", b.number(table, "staff_count", kind="count", unit=self.tr("人"))),
                (self.tr("下属二级单位数"), b.number(table, "sub_units", kind="count", unit=self.tr("个"))),
            ],
        )
        self.hunan = self._hunan_header()
        form.add_widget(self.hunan)
        form.add_section(self.tr("预算整体情况（万元）"))
        form.add_inline(
            self.tr("部门预算支出：基本支出"),
            [
                ("", b.number(table, "basic_expense", unit="")),
                (self.tr("项目支出"), b.number(table, "project_expense", unit="")),
            ],
        )
        form.add_inline(
            self.tr("事业发展性支出：财政专项资金"),
            [
                ("", b.number(table, "special_funds", unit="")),
                (self.tr("其他事业发展性支出"), b.number(table, "other_development", unit="")),
            ],
        )
        form.add_inline(
            self.tr("收入来源：财政拨款"),
            [
                ("", b.number(table, "income_fiscal", unit="")),
                (self.tr("其他资金"), b.number(table, "income_other", unit="")),
            ],
        )
        form.add_inline(
            self.tr("按预算级次：市本级使用资金"),
            [
                ("", b.number(table, "local_use", unit="")),
                (self.tr("拟用于对下转移支付资金"), b.number(table, "transfer", unit="")),
            ],
        )
        self.balance = QLabel()
        self.levels = QLabel()
        form.add_row("", self.balance)
        form.add_row("", self.levels)
        form.add_section(self.tr("总体绩效目标"))
        self._table(form, "goals", table.goals, [Column(None, self.tr("目标内容"), 600, stretch=True)], str, self.tr("目标"),
                    row_label=lambda n: self.tr("目标{n}").format(n=n + 1))  # fmt: skip
        form.add_section(self.tr("年度重点工作任务"), self.tr("拟投入的资金以“元”填写。"))
        key_columns = [
            Column("name", self.tr("任务名称"), 160),
            Column("content", self.tr("主要实施内容"), 300, stretch=True),
            Column("amount_yuan", self.tr("拟投入的资金（元）"), 150, "money", unit="元"),
            Column("expected", self.tr("期望达到的目标（概述）"), 260),
        ]
        self._table(form, "key_tasks", table.key_tasks, key_columns, KeyTask, self.tr("任务"))
        form.add_section(
            self.tr("部门总体资金情况（可选填）"),
            self.tr("湖北等地的申报表按收入构成、支出构成列当年金额、近两年收支金额和占比；填写后代替“年度预算”打印。"),
        )
        form.add_inline(
            self.tr("近两年（年份）"),
            [("", self.binder.line(table, "prior_year1")), ("", self.binder.line(table, "prior_year2"))],
        )
        money_columns = [
            Column("side", self.tr("收入/支出构成"), 110, "choice", choices=lambda _row: ["收入构成", "支出构成"]),
            Column("label", self.tr("项目"), 160, stretch=True),
            Column("amount", self.tr("当年金额（万元）"), 130, "money"),
            Column("prior1", self.tr("近两年金额一"), 120, "money"),
            Column("prior2", self.tr("近两年金额二"), 120, "money"),
            Column("share", self.tr("占比（%）"), 90, "percent", unit="%"),
        ]
        self._table(form, "money_lines", table.money_lines, money_columns, DeptMoneyLine, self.tr("资金行"))
        form.add_section(
            self.tr("年度履职目标（可选填）"), self.tr("部门职能对应的年度任务、支出项目及预算金额（万元）。")
        )
        duty_columns = [
            Column("duty", self.tr("部门职能"), 220),
            Column("task", self.tr("年度目标任务"), 260, stretch=True),
            Column("item", self.tr("支出项目名称"), 200),
            Column("amount", self.tr("预算金额（万元）"), 130, "money"),
        ]
        self._table(form, "duty_targets", table.duty_targets, duty_columns, DutyTarget, self.tr("履职目标"))
        form.add_section(self.tr("其他需完成的任务（可选填）"))
        other_columns = [
            Column("name", self.tr("任务名称"), 160),
            Column("content", self.tr("目标内容"), 420, stretch=True),
            Column("amount_yuan", self.tr("拟投入的资金（元）"), 150, "money", unit="元"),
        ]
        self._table(form, "other_tasks", table.other_tasks, other_columns, OtherTask, self.tr("任务"))
        form.add_section(self.tr("绩效指标"), self.tr("可直接粘贴从 Excel、WPS 或 Word 复制的表格。"))
        model = StructuredTableModel(
            session, table.indicators, dept_indicator_columns(session), factory=DeptIndicator,
            stack_key=self.node.key, noun=self.tr("指标"), value_field="annual_value",
            column_source=lambda: dept_indicator_columns(session),
        )  # fmt: skip
        grid = RecordTable(
            model, buttons=("append_row", "insert_row", "delete_row", "move_up", "move_down", "paste", "copy")
        )
        install_column_menu(model, grid.grid, lambda: dept_table_family(session))
        self.tables["indicators"] = grid
        form.add_widget(grid)
        self.evaluation = self._evaluation_part()
        form.add_widget(self.evaluation)
        self._follow_layout()
        layout.addStretch(1)
        session.value_changed.connect(self._on_value_changed)
        self._update_balance()

    def _table(
        self, form: Any, name: str, items: list[Any], columns: list[Column], factory: Any, noun: str, **extra: Any
    ) -> None:
        buttons = extra.pop("buttons", None)
        model = ListTableModel(
            self.session, items, columns, factory=factory, stack_key=self.node.key, noun=noun, **extra
        )
        table = RecordTable(model, buttons=buttons) if buttons else RecordTable(model)
        self.tables[name] = table
        form.add_widget(table)

    def _hunan_header(self) -> QWidget:
        """部门编码, 联系人, 职责, 年度总体目标, 年度预算总额 of the 湖南/湖北 申报表."""
        t, b = self.table, self.binder
        host = QWidget()
        box = QVBoxLayout(host)
        box.setContentsMargins(0, 0, 0, 0)
        form = FormBuilder(box, 230)
        form.add_section(self.tr("部门整体支出绩效目标申报表（湖南、湖北）"))
        form.add_inline(self.tr("部门编码"), [("", b.line(t, "dept_code")), (self.tr("联系人"), b.line(t, "contact"))])
        form.add_row(self.tr("联系电话"), b.line(t, "phone"))
        form.add_row(self.tr("标题上方"), b.line(t, "heading", self.tr("如 附件4：部门整体支出绩效目标表")))
        form.add_row(self.tr("表格标题"), b.line(t, "title", self.tr("默认：部门整体支出绩效目标申报表")))
        form.add_inline(
            self.tr("填报人"), [("", b.line(t, "filled_by")), (self.tr("填报日期"), b.line(t, "filled_date"))]
        )
        form.add_row(self.tr("年度预算总额"), b.number(t, "budget_total"))
        form.add_row(self.tr("部门职责"), b.text(t, "duties", min_lines=2, max_lines=10))
        form.add_row(self.tr("年度总体目标"), b.text(t, "annual_goal", min_lines=2, max_lines=10))
        form.add_row(
            self.tr("表前说明"),
            b.text(t, "preface", min_lines=1, max_lines=10),
            help=self.tr("印在标题上方的文字（编号说明、项目清单等），按填写的分行打印。"),
        )
        form.add_row(
            self.tr("表注"),
            b.text(t, "table_note", min_lines=1, max_lines=10),
            help=self.tr("印在表格下方的注、备注或评分说明，按填写的分行打印。"),
        )
        self._follow_layout(host)
        return host

    def _evaluation_part(self) -> QWidget:
        """部门整体支出绩效自评表: the year's execution, scores as printed, completion and reasons."""
        t, b = self.table, self.binder
        host = QWidget()
        box = QVBoxLayout(host)
        box.setContentsMargins(0, 0, 0, 0)
        form = FormBuilder(box, 230)
        form.add_section(
            self.tr("部门整体自评（部门整体支出绩效自评表）"),
            self.tr("填写后打印为自评表；指标的实际完成值和得分在上方指标表中填写。"),
        )
        form.add_row(self.tr("全年执行数"), b.number(t, "executed"))
        model = ListTableModel(
            self.session,
            t.fund_lines,
            fund_line_columns(),
            factory=EvalFundLine, stack_key=self.node.key, noun=self.tr("资金来源"),
        )  # fmt: skip
        self.tables["fund_lines"] = RecordTable(model, title=self.tr("预算执行：各项资金（万元）"))
        form.add_widget(self.tables["fund_lines"])
        form.add_inline(
            self.tr("预算执行 分值"),
            [("", b.number(t, "stated_execution_points", kind="score", unit=self.tr("分"))),
             (self.tr("执行率"), b.number(t, "stated_execution_rate", kind="percent", unit="%")),
             (self.tr("得分"), b.number(t, "stated_execution_score", kind="score", unit=self.tr("分"))),
             (self.tr("自评总分"), b.number(t, "stated_total", kind="score", unit=self.tr("分")))],
        )  # fmt: skip
        form.add_row(
            self.tr("年度目标及指标分值"), b.number(t, "stated_indicator_points", kind="score", unit=self.tr("分"))
        )
        form.add_row(self.tr("全年（调整）绩效目标"), b.text(t, "adjusted_goal", min_lines=2, max_lines=10))
        form.add_row(self.tr("年度总体目标完成情况"), b.text(t, "achievement", min_lines=2, max_lines=10))
        form.add_row(self.tr("偏差原因分析"), b.text(t, "deviation_reason", min_lines=2, max_lines=8))
        form.add_row(self.tr("改进措施及结果应用"), b.text(t, "improvements", min_lines=2, max_lines=8))
        return host

    def _follow_layout(self, host: QWidget | None = None) -> None:
        t = self.table
        texts = ("dept_code", "contact", "phone", "duties", "annual_goal", "title", "filled_by", "filled_date",
                 "heading", "preface", "table_note")  # fmt: skip
        filled = any(getattr(t, f).strip() for f in texts)
        (host or self.hunan).setVisible(t.layout == DeptLayout.HUNAN or filled or t.budget_total is not None)
        if host is None:
            self.evaluation.setVisible(t.layout == DeptLayout.HUNAN or dept_is_evaluation(t))

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.table and key in (*_EXPENSE, *_INCOME, *_LEVELS):
            self._update_balance()
        if target is self.table and key == "layout":
            self._follow_layout()

    def _update_balance(self) -> None:
        t = self.table
        expense = sum_amounts(*(getattr(t, f) for f in _EXPENSE))
        income = sum_amounts(*(getattr(t, f) for f in _INCOME))
        if expense == income:
            text, role = (
                self.tr("✓ 部门预算支出合计与收入来源合计相符：{sum} 万元").format(sum=format_money(income)),
                "ok",
            )
        else:
            text = self.tr("✗ 部门预算支出合计 {expense} 万元，收入来源合计 {income} 万元，相差 {diff} 万元")
            text, role = (
                text.format(
                    expense=format_money(expense), income=format_money(income), diff=format_money(abs(expense - income))
                ),
                "error",
            )
        _show(self.balance, text, role)
        levels = [getattr(t, f) for f in _LEVELS]
        total = sum_amounts(*levels)
        if any(v is None for v in levels):
            text, role = (
                self.tr("按预算级次划分尚未填完（合计应为 {sum} 万元）").format(sum=format_money(income)),
                "hint",
            )
        elif total == income:
            text, role = self.tr("✓ 按预算级次划分合计相符：{sum} 万元").format(sum=format_money(total)), "ok"
        else:
            text, role = self.tr("✗ 按预算级次划分合计 {total} 万元，与收入来源合计 {income} 万元不符").format(
                total=format_money(total), income=format_money(income)), "error"  # fmt: skip
        _show(self.levels, text, role)


def _show(label: QLabel, text: str, role: str) -> None:
    label.setText(text)
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)
