"""单位信息: the budget unit and the document-wide settings (year, framework, layouts, scoring)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from perfdesk.export.families import FAMILIES
from perfdesk.models.document import (
    INDICATOR_DETAIL_FIELDS,
    Layout,
    Orientation,
    PageStyle,
    ProjectTableStyle,
    TableNumbering,
)
from perfdesk.models.eval_checks import WEIGHT_LABELS
from perfdesk.models.frameworks import FRAMEWORKS
from perfdesk.models.grades import GRADE_TABLES
from perfdesk.models.labels import COLUMN_TITLES
from perfdesk.models.money import format_plain
from perfdesk.models.rules import RULE_SETS
from perfdesk.models.scoring import HUNDRED, weights_total
from perfdesk.ui.core.nodes import NodeRef
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.editors.base import EditorPage
from perfdesk.ui.forms.formbuilder import FormBuilder


class UnitEditor(EditorPage):
    """The unit's name, codes, fiscal year, indicator framework, print options and scoring weights."""

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
        rule_sets = [(key, rules.name) for key, rules in RULE_SETS.items()]
        form.add_row(
            self.tr("审核规则集"),
            b.choice(unit, "rule_set", rule_sets),
            help=self.tr(
                "全国（默认）只用全国性文件与通用核对；地区规则集另加该地区的要求，如河北要求每个二级指标都有。"
            ),
        )
        styles = [
            (ProjectTableStyle.AMOUNTS, self.tr("预算规模及资金用途（预算数 / 财政资金 / 其他资金）")),
            (ProjectTableStyle.DEPARTMENT, self.tr("主管部门及预算编码、实施单位、资金用途")),
        ]
        families = [(Layout(key), self.tr(fam.name)) for key, fam in FAMILIES.items()]
        form.add_row(
            self.tr("项目表格式"),
            b.choice(unit, "layout", families),
            help=self.tr("项目绩效目标表按哪一种官方表样填写和打印；随时可以切换，已填内容不会丢失。"),
        )
        form.add_row(self.tr("项目表表头"), b.choice(unit, "project_table_style", styles))
        money = QLabel(unit.money_unit)
        form.add_row(
            self.tr("金额单位"),
            money,
            help=self.tr(
                "部门整体表的金额以万元填写（广东表“拟投入的资金”除外，以元填写）；"
                "项目表的金额单位在每个项目中选择，打印时按表样的单位精确换算。"
            ),
        )
        form.add_section(self.tr("封面"))
        form.add_row(self.tr("文本标题"), b.line(unit, "title", self.tr("默认：〈年度〉年部门预算绩效文本")))
        form.add_row(self.tr("编制单位"), b.line(unit, "compiler", self.tr("默认：〈单位名称〉编制")))
        self._build_printing(form)
        self._build_column_titles(form)
        self._build_scoring(form)
        layout.addStretch(1)
        session.value_changed.connect(self._on_value_changed)
        self._update_weights()

    def _build_printing(self, form: FormBuilder) -> None:
        """打印: page setup and the parts the document prints (PDF, Excel and Word alike)."""
        printing, b = self.session.document.unit.printing, self.binder
        form.add_section(self.tr("打印"))
        pages = [(PageStyle.GONGWEN, self.tr("公文（GB/T 9704：仿宋三号，页边距 37/35/28/26 毫米）")),
                 (PageStyle.TABLE, self.tr("表格（紧凑 A4，页边距 20 毫米）"))]  # fmt: skip
        form.add_row(self.tr("版式"), b.choice(printing, "page_style", pages))
        turns = [(Orientation.AUTO, self.tr("自动（表格版式下，过宽的表横向打印）")),
                 (Orientation.PORTRAIT, self.tr("纵向")),
                 (Orientation.LANDSCAPE, self.tr("横向（每张表都横向打印）"))]  # fmt: skip
        form.add_row(
            self.tr("表格方向"),
            b.choice(printing, "orientation", turns),
            help=self.tr("PDF、打印、Word 和 Excel 相同；文字部分始终纵向。公文版式选“自动”时全部纵向。"),
        )
        numbers = [(TableNumbering.COMMA, "1、"), (TableNumbering.DOT, "1."), (TableNumbering.NONE, self.tr("不编号"))]
        form.add_row(self.tr("项目表编号"), b.choice(printing, "table_numbering", numbers))
        form.add_row("", b.check(printing, "cover_page", self.tr("打印封面")))
        form.add_row("", b.check(printing, "part_headings", self.tr("打印“第一部分”“第二部分”")))
        form.add_row("", b.check(printing, "part_two_heading", self.tr("项目表前打印“第二部分 预算项目绩效目标”")))
        form.add_row("", b.check(printing, "target_labels", self.tr("打印“总体绩效目标：”“分项绩效目标：”提示行")))
        form.add_row(
            "", b.check(printing, "figures_as_typed", self.tr("金额和百分比按填写的小数位打印（69.2、25.00）"))
        )

    def _build_column_titles(self, form: FormBuilder) -> None:
        """列标题: the document's own titles of the indicator columns, where its tables print others."""
        unit, b = self.session.document.unit, self.binder
        form.add_section(
            self.tr("指标表列标题"),
            self.tr("表样的列标题与本单位表格不同时填写（如“指标性质”一列实际填的是正向/反向）；留空按表样打印。"),
        )
        for name in INDICATOR_DETAIL_FIELDS:  # rows by the column's general name; the placeholder is the family's
            form.add_row(self.tr(COLUMN_TITLES[name]), b.line(unit.column_titles, name))
        self._update_title_defaults()

    def _update_title_defaults(self) -> None:
        """Each column title's placeholder: the title the chosen family prints when it is left blank."""
        unit = self.session.document.unit
        fam = FAMILIES[unit.layout]
        for name in INDICATOR_DETAIL_FIELDS:
            widget = self.binder.widget_for(name, unit.column_titles)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(self.tr("默认：{0}").format(fam.column_title(name)))

    def _build_scoring(self, form: FormBuilder) -> None:
        """自评打分: the weights of 预算执行率 and the 一级 categories, and the grade table."""
        unit, b = self.session.document.unit, self.binder
        form.add_section(self.tr("自评打分"), self.tr("项目支出绩效自评表按以下权重计分（合计应为 100 分）。"))
        fields = {name: b.number(unit, name, kind="weight", unit=self.tr("分")) for name in WEIGHT_LABELS}
        for widget in fields.values():
            widget.edit.setMinimumWidth(56)
        names = list(WEIGHT_LABELS)
        form.add_inline(
            self.tr("预算执行率"),
            [("", fields[names[0]]), (self.tr("产出指标"), fields[names[1]])],
        )
        form.add_inline(
            self.tr("效益指标"),
            [("", fields[names[2]]), (self.tr("满意度指标"), fields[names[3]])],
        )
        self.weights_label = QLabel()
        form.add_row(
            self.tr("合计"), self.weights_label, help=self.tr("2021 版的成本指标与产出指标共用产出指标的权重。")
        )
        grades = [(key, table.name) for key, table in GRADE_TABLES.items()]
        form.add_row(
            self.tr("评价等级"),
            b.choice(unit, "grade_table", grades),
            help=self.tr("自评表和自评报告按此表确定评价等级。"),
        )

    def _on_value_changed(self, target: object, key: object) -> None:
        if target is self.session.document.unit and key in WEIGHT_LABELS:
            self._update_weights()
        if target is self.session.document.unit and key == "layout":
            self._update_title_defaults()

    def _update_weights(self) -> None:
        total = weights_total(self.session.document.unit)
        if total == HUNDRED:
            text, role = self.tr("✓ 100 分"), "ok"
        else:
            text, role = (
                self.tr("✗ {total} 分，应为 100 分（得分将按 100 分折算）").format(total=format_plain(total)),
                "error",
            )
        self.weights_label.setText(text)
        self.weights_label.setProperty("role", role)
        self.weights_label.style().unpolish(self.weights_label)
        self.weights_label.style().polish(self.weights_label)

    def weights_text(self) -> str:
        """The weights' sum line as shown."""
        return self.weights_label.text()
