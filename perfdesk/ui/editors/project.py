"""The project editor: header form, spending plan, goals and the indicator grid (Hebei layout)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from perfdesk.models.document import Indicator, Project
from perfdesk.models.money import format_money, sum_amounts
from perfdesk.ui.core.nodes import NodeRef, project_label
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.editors.base import EditorPage, scroll_form
from perfdesk.ui.editors.indicators import project_family, project_indicator_columns
from perfdesk.ui.editors.librarywiring import LibraryWiring
from perfdesk.ui.editors.projectextras import ProjectExtras, with_recipients
from perfdesk.ui.editors.projectmore import MoreHeader
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.structured import StructuredTableModel, install_column_menu
from perfdesk.ui.grid.tablemodel import Column, ListTableModel

_AMOUNT_FIELDS = ("budget_total", "budget_fiscal", "budget_other")


class ProjectEditor(EditorPage):
    """项目（支出）绩效目标表: everything of one project on one page."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        assert node.project is not None
        self.project: Project = node.project
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        header = QWidget()
        self._build_header(header)
        self.splitter.addWidget(header)
        self.splitter.addWidget(self._build_grid())
        # a finding on an indicator row names a field, not a grid: the main grid answers first
        self.tables = {"indicators": self.tables.pop("indicators"), **self.tables}
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([350, 450])
        outer.addWidget(self.splitter)
        session.value_changed.connect(self._on_value_changed)
        self._update_sum()

    def title(self) -> str:
        """项目 number and name."""
        projects = self.session.document.projects
        index = next((i for i, p in enumerate(projects) if p is self.project), 0)
        return project_label(self.project, index)

    # ------------------------------------------------------------------ layout

    def _build_header(self, host: QWidget) -> None:
        p, b = self.project, self.binder
        box = QVBoxLayout(host)
        box.setContentsMargins(0, 0, 0, 0)
        # The header scrolls on its own so the grid below always stays in view.
        self.scroll_area, layout, form = scroll_form()
        left, right = form.columns(2)
        left.add_section(self.tr("项目基本信息"))
        left.add_row(self.tr("项目名称"), b.line(p, "name", self.tr("例如：安全生产专项经费")))
        left.add_row(self.tr("项目编码"), b.line(p, "code", self.tr("可空，如 13020225P00001210004M")))
        left.add_row(self.tr("表格标题"), b.line(p, "table_title", self.tr("默认：〈项目名称〉绩效目标表")))
        left.add_inline(
            self.tr("主管部门"),
            [("", b.line(p, "department_name")), (self.tr("预算编码"), b.line(p, "department_code"))],
        )
        left.add_row(self.tr("实施单位"), b.line(p, "implementer"))
        left.add_row("", b.check(p, "caption", self.tr("表格上方打印“单位编码 单位名称 …… 单位：万元”")))
        left.add_stretch()
        self.amounts_heading = right.add_section(self.tr("预算规模（{unit}）").format(unit=p.money_unit))
        fields = [b.number(p, name, unit=p.money_unit) for name in _AMOUNT_FIELDS]
        for field in fields:
            field.setToolTip(self.tr("最多两位小数；可输入“69.2万”或“692000元”，自动换算为万元。"))
        self.sum_label = QLabel()
        self.sum_label.setWordWrap(True)
        # A long message wraps in the space it has instead of widening the row (the fields below
        # stay in line with 预算数).
        self.sum_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.sum_label.setMinimumWidth(0)
        self.fill_button = QPushButton(self.tr("按合计填入"))
        self.fill_button.clicked.connect(self._fill_total)
        check = QWidget()
        line = QHBoxLayout(check)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.sum_label, 1)
        line.addWidget(self.fill_button)
        right.add_inline(self.tr("预算数"), [("", fields[0]), ("", check)])
        right.add_inline(self.tr("其中：财政资金"), [("", fields[1]), (self.tr("其他资金"), fields[2])])
        right.add_section(self.tr("资金支出计划（累计进度）"))
        plan = [(self.tr(label), b.number(p, name, kind="percent", unit="%")) for name, label in _PLAN]
        right.add_inline(plan[0][0], [("", plan[0][1]), plan[1]])
        right.add_inline(plan[2][0], [("", plan[2][1]), plan[3]])
        right.add_stretch()
        form.add_section(self.tr("资金用途"))
        form.add_widget(b.text(p, "purpose", min_lines=2, max_lines=8))
        form.add_section(self.tr("绩效目标"))
        goals = ListTableModel(
            self.session,
            p.goals,
            [Column(None, self.tr("目标内容"), 600, stretch=True)],
            factory=str,
            stack_key=self.node.key,
            keep=p,
            scope=p,
            row_label=lambda n: self.tr("目标{n}").format(n=n + 1),
            noun=self.tr("目标"),
        )
        self.tables["goals"] = RecordTable(goals, parent=host)
        self.tables["goals"].grid.max_fit_height = 260
        form.add_widget(self.tables["goals"])
        self.more = MoreHeader(self)  # the header beyond Hebei (perfdesk.ui.editors.projectmore)
        form.add_widget(self.more)
        self.extras = ProjectExtras(self)  # notice, 资金安排表, 成本构成, 总分 (perfdesk.ui.editors.projectextras)
        form.add_widget(self.extras)
        layout.addStretch(1)
        box.addWidget(self.scroll_area)

    def _build_grid(self) -> QWidget:
        model = StructuredTableModel(
            self.session,
            self.project.indicators,
            with_recipients(project_indicator_columns(self.session), self.project),
            factory=Indicator,
            stack_key=self.node.key,
            keep=self.project,
            scope=self.project,
            noun=self.tr("指标"),
            column_source=lambda: with_recipients(project_indicator_columns(self.session), self.project),
        )
        table = RecordTable(
            model,
            title=self.tr("绩效指标"),
            hint=self.tr("可直接粘贴从 Excel、WPS 或 Word 复制的表格；Alt+Enter 在单元格内换行"),
            fit_height=False,
            buttons=("append_row", "insert_row", "delete_row", "move_up", "move_down", "paste", "copy"),
        )
        table.layout().setContentsMargins(12, 6, 12, 6)
        self.tables["indicators"] = table
        install_column_menu(model, table.grid, lambda: project_family(self.session))
        self.library = LibraryWiring(table)  # 三级 type-ahead and 指标库… (perfdesk.ui.editors.librarywiring)
        return table

    # ------------------------------------------------------------------ sum check

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.project and key in _AMOUNT_FIELDS:
            self._update_sum()

    def _update_sum(self) -> None:
        p = self.project
        parts_given = p.budget_fiscal is not None or p.budget_other is not None
        parts = sum_amounts(p.budget_fiscal, p.budget_other)
        self.fill_button.setVisible(parts_given and p.budget_total is None and not self.session.read_only)
        if not parts_given:
            text, role = "", "hint"
        elif p.budget_total is None:
            text, role = (
                self.tr("未填；财政资金 + 其他资金 = {sum}").format(sum=format_money(parts)),
                "hint",
            )
        elif parts == p.budget_total:
            text, role = self.tr("✓ 等于财政资金 + 其他资金"), "ok"
        else:
            diff = p.budget_total - parts
            text = self.tr("✗ 财政资金 + 其他资金 = {sum}，相差 {diff}").format(
                sum=format_money(parts), diff=format_money(abs(diff))
            )
            role = "error"
        self.sum_label.setText(text)
        self.sum_label.setToolTip(
            self.tr("金额单位：{unit}。财政资金与其他资金之和应等于预算数。").format(unit=p.money_unit)
        )
        self.sum_label.setProperty("role", role)
        self.sum_label.style().unpolish(self.sum_label)
        self.sum_label.style().polish(self.sum_label)

    def update_unit_labels(self) -> None:
        """The headings that name the project's money unit follow it."""
        self.amounts_heading.setText(self.tr("预算规模（{unit}）").format(unit=self.project.money_unit))
        self._update_sum()

    def sum_text(self) -> str:
        """The sum-check line as shown."""
        return self.sum_label.text()

    def _fill_total(self) -> None:
        total = sum_amounts(self.project.budget_fiscal, self.project.budget_other)
        self.binder.push(self.project, "budget_total", total, merge=False)

    def set_read_only(self, read_only: bool) -> None:
        """Follow the document's read-only state."""
        super().set_read_only(read_only)
        self._update_sum()


_PLAN = (("plan_mar", "3月底"), ("plan_jun", "6月底"), ("plan_oct", "10月底"), ("plan_dec", "12月底"))
