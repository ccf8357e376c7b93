"""整体支出绩效自评报告 (F4): the report's texts, amounts, score and team list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from perfdesk.models.document import ReportTarget, SelfReport, TeamMember
from perfdesk.models.grades import grade_table
from perfdesk.models.money import format_money, format_plain
from perfdesk.models.scoring import department_score, present
from perfdesk.ui.core import commands
from perfdesk.ui.core.nodes import NodeRef
from perfdesk.ui.core.session import STRUCTURE, DocumentSession
from perfdesk.ui.core.style import SPACING, icon
from perfdesk.ui.editors.base import EditorPage, page_title
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.tablemodel import Column, ListTableModel

CENT = Decimal("0.01")


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("selfreport", text)


class SelfReportEditor(EditorPage):
    """The self-evaluation report, section by section as printed."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        report = session.document.self_report
        assert report is not None
        self.report: SelfReport = report
        b = self.binder
        layout, form = self.scroll_page(self.tr("整体支出绩效自评报告"), label_width=170)
        form.add_row(self.tr("评价年度"), b.spin(report, "year", 2000, 2100), unit=self.tr("年度"))
        form.add_row(self.tr("前言"), b.text(report, "preface", min_lines=2))
        form.add_section(self.tr("一、部门基本情况"))
        form.add_row(self.tr("（一）部门概况"), b.text(report, "overview", min_lines=3))
        self._table(form, "duties", report.duties, [Column(None, self.tr("主要职责"), 600, stretch=True)], str,
                    self.tr("职责"), title=self.tr("主要职责"))  # fmt: skip
        form.add_section(self.tr("（二）部门收支预决算情况（万元）"))
        form.add_inline(self.tr("年初预算收入"), [("", b.number(report, "income_budget", unit="")),
                        (self.tr("其中一般公共预算拨款"), b.number(report, "income_public", unit="")),
                        (self.tr("其他来源收入"), b.number(report, "income_other", unit=""))])  # fmt: skip
        form.add_inline(self.tr("年末决算支出"), [("", b.number(report, "final_expense", unit="")),
                        (self.tr("人员经费"), b.number(report, "personnel_expense", unit="")),
                        (self.tr("日常公用经费"), b.number(report, "public_expense", unit="")),
                        (self.tr("项目支出"), b.number(report, "project_expense", unit=""))])  # fmt: skip
        form.add_inline(self.tr("上年年初预算"), [("", b.number(report, "prior_year_budget", unit="")),
                        (self.tr("比上年增加"), b.number(report, "stated_change", unit="")),
                        (self.tr("增长率"), b.number(report, "stated_change_rate", kind="percent", unit="%"))])  # fmt: skip
        self.change = QLabel()
        self.change.setWordWrap(True)
        form.add_row(self.tr("按上年预算计算"), self.change)
        form.add_row(self.tr("增减原因"), b.text(report, "change_reason", min_lines=2))
        form.add_section(self.tr("（三）部门整体支出绩效目标、指标"))
        form.add_row(self.tr("说明文字"), b.text(report, "targets_text", min_lines=2))
        columns = [Column("title", self.tr("目标名称"), 220), Column("target", self.tr("绩效目标"), 480, stretch=True)]
        self._table(form, "targets", report.targets, columns, ReportTarget, self.tr("目标"))
        form.add_section(self.tr("二、自评工作开展情况"))
        form.add_row(self.tr("（一）自评的组织工作"), b.text(report, "work_organization"))
        form.add_row(self.tr("（二）自评的方法和过程"), b.text(report, "work_method"))
        form.add_section(self.tr("三、绩效目标实现情况及指标分析"))
        form.add_row(self.tr("（一）总体完成情况"), b.text(report, "overall_achievement"))
        form.add_row(self.tr("（二）目标及指标分析"), b.text(report, "target_analysis", min_lines=4))
        form.add_section(self.tr("四、评价结论和评价等级"))
        self.grade = QLabel()
        form.add_inline(
            self.tr("自评得分"),
            [("", b.number(report, "score", kind="score", unit=self.tr("分")))],
            trailing=self.grade,
        )
        self.derived = QLabel()
        self.derived.setWordWrap(True)
        self.adopt = QPushButton(self.tr("采用此得分"))
        self.adopt.clicked.connect(self._adopt_derived)
        derived_row = QWidget()
        derived_line = QHBoxLayout(derived_row)
        derived_line.setContentsMargins(0, 0, 0, 0)
        derived_line.addWidget(self.derived, 1)
        derived_line.addWidget(self.adopt, 0)
        form.add_row(self.tr("按项目自评表"), derived_row)
        form.add_row(self.tr("评价结论"), b.text(report, "conclusion"))
        form.add_section(self.tr("五、存在的问题及改进措施"))
        form.add_row(self.tr("问题及措施"), b.text(report, "problems", min_lines=4))
        form.add_section(self.tr("六、评价工作组人员名单"))
        team = [
            Column("role", self.tr("组内职务"), 140),
            Column("name", self.tr("姓名"), 140),
            Column("post", self.tr("单位职务"), 300, stretch=True),
        ]
        self._table(form, "team", report.team, team, TeamMember, self.tr("成员"))
        form.add_section(self.tr("落款"))
        form.add_inline(
            self.tr("署名单位"),
            [
                ("", b.line(report, "signer")),
                (self.tr("日期"), b.line(report, "sign_date", self.tr("如 2025年3月10日"))),
            ],
        )
        layout.addStretch(1)
        session.value_changed.connect(self._on_value_changed)
        self._update_grade()
        self._update_change()
        self._update_derived()

    def _table(
        self,
        form: FormBuilder,
        name: str,
        items: list[Any],
        columns: list[Column],
        factory: Any,
        noun: str,
        title: str = "",
    ) -> None:
        model = ListTableModel(self.session, items, columns, factory=factory, stack_key=self.node.key, noun=noun)
        self.tables[name] = RecordTable(model, title=title)
        form.add_widget(self.tables[name])

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if (target is self.report and key == "score") or key == "grade_table":
            self._update_grade()
        if target is not self.report:  # a 自评表, a weight or the grade table may have changed
            self._update_derived()
        if target is self.report and key in _CHANGE_FIELDS:
            self._update_change()

    def _update_change(self) -> None:
        """增加额 and 增长率 computed from 上年年初预算, beside what the report states."""
        text, role = change_text(self.report)
        self.change.setText(text)
        self.change.setProperty("role", role)
        self.change.style().unpolish(self.change)
        self.change.style().polish(self.change)

    def _update_derived(self) -> None:
        """The score that follows from the projects' 自评表, offered to the clerk (never forced)."""
        derived = department_score(self.session.document)
        if derived is None:
            self.derived.setText(self.tr("尚未填写项目支出绩效自评表"))
            self.adopt.setEnabled(False)
            return
        how = self.tr("按全年预算数加权") if derived.weighted else self.tr("算术平均")
        text = self.tr("{n} 个项目自评表{how}：{score} 分，{grade}").format(
            n=derived.projects, how=how, score=format_plain(present(derived.total)), grade=derived.grade
        )
        if not derived.complete:
            text += self.tr("（部分指标尚未计分）")
        self.derived.setText(text)
        self.adopt.setEnabled(not self.session.read_only and present(derived.total) != self.report.score)

    def _adopt_derived(self) -> None:
        derived = department_score(self.session.document)
        if derived is not None:
            value = present(derived.total)
            self.stack.push(
                commands.SetValue(self.session, self.report, "score", value, text=self.tr("采用自评表得分"))
            )
            self._update_derived()

    def _update_grade(self) -> None:
        score = self.report.score
        if score is None:
            self.grade.setText("")
            return
        table = grade_table(self.session.document.unit.grade_table)
        self.grade.setText(
            self.tr("评价等级：{grade}（{table}）").format(grade=table.grade(present(score)), table=table.name)
        )


_CHANGE_FIELDS = ("income_budget", "prior_year_budget", "stated_change", "stated_change_rate")


def change_text(report: SelfReport) -> tuple[str, str]:
    """The computed year-on-year change and whether the stated values agree: (text, label role)."""
    now, prior = report.income_budget, report.prior_year_budget
    implied = now is not None and prior is None and report.stated_change is not None
    if implied:  # as the checks do: last year's budget follows from the stated increase
        prior = now - report.stated_change  # type: ignore[operator]
    if now is None or prior is None:
        return tr("填写年初预算收入和上年年初预算后，自动计算比上年增加额和增长率"), "hint"
    change = now - prior
    word = tr("增加") if change >= 0 else tr("减少")
    text = tr("比上年{word} {amount} 万元").format(word=word, amount=format_money(abs(change)))
    if implied:
        text = tr("按填写的增加额推算上年年初预算为 {prior} 万元，").format(prior=format_money(prior)) + text
    rate = present(change / prior * 100) if prior else None
    if rate is not None:
        text += tr("，增长率 {rate}%").format(rate=format_plain(rate))
    problems = []
    if report.stated_change is not None and report.stated_change != change:
        problems.append(tr("填写的增加额为 {value}").format(value=format_plain(report.stated_change)))
    if rate is not None and report.stated_change_rate is not None and abs(rate - report.stated_change_rate) > CENT:
        problems.append(tr("填写的增长率为 {value}%").format(value=format_plain(report.stated_change_rate)))
    if problems:
        return f"✗ {text}（{'，'.join(problems)}）", "error"
    stated = report.stated_change is not None or report.stated_change_rate is not None
    return (f"✓ {text}" if stated else text), ("ok" if stated else "hint")


class MissingPart(EditorPage):
    """Shown for 自评 or the Guangdong table when the document has none: say so and offer to add one."""

    def __init__(
        self, session: DocumentSession, node: NodeRef, attr: str, text: str, button: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, node, parent)
        self.attr = attr
        box = QVBoxLayout(self)
        margin = SPACING["page_margin"] * 2
        box.setContentsMargins(margin, margin, margin, margin)
        box.addWidget(
            page_title(self.tr("整体支出绩效自评报告") if attr == "self_report" else self.tr("部门整体预算绩效目标表"))
        )
        box.addWidget(FormBuilder.hint(text))
        self.button = QPushButton(icon("add"), button)
        self.button.setEnabled(not session.read_only)
        self.button.clicked.connect(self.create)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        """The button works only on an editable document."""
        super().set_read_only(read_only)
        self.button.setEnabled(not read_only)

    def create(self) -> None:
        """Add the missing part to the document (undoable from the tree's stack)."""
        from perfdesk.models.document import DeptTable

        doc = self.session.document
        value: Any = (
            SelfReport(year=doc.unit.fiscal_year - 1)
            if self.attr == "self_report"
            else DeptTable(dept_name=doc.unit.name)
        )
        cmd = commands.SetValue(self.session, doc, self.attr, value, text=self.button.text())
        self.session.push(STRUCTURE, cmd)
