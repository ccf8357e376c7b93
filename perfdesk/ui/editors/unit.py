"""单位信息: the budget unit and the document-wide settings (year, framework, layouts)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from perfdesk.models.document import ProjectTableStyle
from perfdesk.models.frameworks import FRAMEWORKS
from perfdesk.models.grades import GRADE_TABLES
from perfdesk.ui.editors.base import EditorPage
from perfdesk.ui.nodes import NodeRef
from perfdesk.ui.session import DocumentSession


class UnitEditor(EditorPage):
    """The unit's name, codes, fiscal year, indicator framework and print options."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        unit, b = session.document.unit, self.binder
        layout, form = self.scroll_page(self.tr("单位信息"))
        form.add_section(self.tr("预算单位"))
        form.add_row(self.tr("单位名称"), b.line(unit, "name", self.tr("例如：昌黎县应急管理局")))
        form.add_row(self.tr("单位编码"), b.line(unit, "code", self.tr("预算单位编码，例如 426003")))
        form.add_row(self.tr("主管部门"), b.line(unit, "department", self.tr("可空")))
        form.add_section(self.tr("年度与格式"))
        form.add_row(self.tr("预算年度"), b.spin(unit, "fiscal_year", 2000, 2100), unit=self.tr("年"))
        frameworks = [(key, spec.name) for key, spec in FRAMEWORKS.items()]
        form.add_row(
            self.tr("指标体系"),
            b.choice(unit, "framework", frameworks),
            help=self.tr("决定指标表中一级、二级指标的可选项和审核规则；已填写的指标文字不会被改动。"),
        )
        styles = [
            (ProjectTableStyle.AMOUNTS, self.tr("预算规模及资金用途（预算数 / 财政资金 / 其他资金）")),
            (ProjectTableStyle.DEPARTMENT, self.tr("主管部门及预算编码、实施单位、资金用途")),
        ]
        form.add_row(self.tr("项目表表头"), b.choice(unit, "project_table_style", styles))
        grades = [(key, table.name) for key, table in GRADE_TABLES.items()]
        form.add_row(
            self.tr("评价等级"), b.choice(unit, "grade_table", grades), help=self.tr("自评报告按此表确定评价等级。")
        )
        money = QLabel(unit.money_unit)
        form.add_row(
            self.tr("金额单位"),
            money,
            help=self.tr("项目表与部门整体表的金额均以万元填写（广东表“拟投入的资金”除外，以元填写）。"),
        )
        form.add_section(self.tr("封面"))
        form.add_row(self.tr("文本标题"), b.line(unit, "title", self.tr("默认：〈年度〉年部门预算绩效文本")))
        form.add_row(self.tr("编制单位"), b.line(unit, "compiler", self.tr("默认：〈单位名称〉编制")))
        layout.addStretch(1)
