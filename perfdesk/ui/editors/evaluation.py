"""项目支出绩效自评表 (F5): one project's self-evaluation, scored live as the clerk types.

The page shows a summary strip (总分, 等级, per-一级 subtotals), the budget execution with its
rate and score, the year's goal against what was achieved, and the indicator grid
(:mod:`perfdesk.ui.editors.evalgrid`).  从绩效目标生成 / 更新 replaces ``Project.evaluation`` with
:func:`~perfdesk.models.scoring.start_evaluation` / :func:`~perfdesk.models.scoring.refresh_evaluation`
in one undo step; the page then rebuilds its body around the new object.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from perfdesk.models import frameworks as fw
from perfdesk.models.document import Project, ProjectEval
from perfdesk.models.findings import Finding
from perfdesk.models.grades import grade_table
from perfdesk.models.scoring import (
    EXECUTION_THRESHOLD,
    HUNDRED,
    EvalScore,
    RowStatus,
    present,
    refresh_evaluation,
    score_evaluation,
    start_evaluation,
)
from perfdesk.ui.core import commands
from perfdesk.ui.core.inputs import show_number
from perfdesk.ui.core.nodes import NodeRef, project_label
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.core.style import COLORS, SPACING, icon
from perfdesk.ui.editors.base import EditorPage, page_title, scroll_form
from perfdesk.ui.editors.evalgrid import EvalRowsModel
from perfdesk.ui.editors.evalmore import EvalMore
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable

_LEVEL1_ORDER = (fw.COST, fw.OUTPUT, fw.BENEFIT, fw.SATISFACTION)
_GRID_BUTTONS = ("delete_row", "move_up", "move_down", "paste", "copy")


def number(value: Decimal) -> str:
    """A score or rate as printed: two decimals, half-up."""
    return show_number(present(value))


def level1_subtotals(project: Project, score: EvalScore) -> list[tuple[str, Decimal, Decimal]]:
    """(一级, 分值, 得分) per canonical 一级 that has counted rows, in print order."""
    evaluation = project.evaluation or ProjectEval()
    sums: dict[str, list[Decimal]] = {}
    for row, result in zip(evaluation.rows, score.rows, strict=True):
        if result.group is None:
            continue
        name = fw.canonical_level1(row.level1) or ""
        acc = sums.setdefault(name, [Decimal(0), Decimal(0)])
        acc[0] += result.points
        acc[1] += result.score
    return [(name, *sums[name]) for name in _LEVEL1_ORDER if name in sums]  # type: ignore[misc]


class EvaluationEditor(EditorPage):
    """项目支出绩效自评表 of one project: budget execution, goals, indicator rows and the score."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        assert node.project is not None
        self.project: Project = node.project
        self.evaluation: ProjectEval | None = None  # the object the body is built on
        self.model: EvalRowsModel | None = None
        self.score: EvalScore | None = None
        self._findings: list[Finding] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_top())
        self.body_host = QWidget()
        self.body_box = QVBoxLayout(self.body_host)
        self.body_box.setContentsMargins(0, 0, 0, 0)
        self.body: QWidget | None = None
        outer.addWidget(self.body_host, 1)
        session.value_changed.connect(self._on_value_changed)
        session.document_changed.connect(self._on_document_changed)
        self._rebuild()

    def title(self) -> str:
        """自评表 and the project's number and name."""
        projects = self.session.document.projects
        index = next((i for i, p in enumerate(projects) if p is self.project), 0)
        return self.tr("自评表：{project}").format(project=project_label(self.project, index))

    # ------------------------------------------------------------------ layout

    def _build_top(self) -> QWidget:
        top = QWidget()
        top.setObjectName("evalSummary")
        top.setStyleSheet("#evalSummary { background: #f4f8fc; border-bottom: 1px solid #d0d7de; }")
        box = QVBoxLayout(top)
        margin = SPACING["page_margin"]
        box.setContentsMargins(margin, margin - 6, margin, 8)
        heading = QHBoxLayout()
        self.heading = page_title(self.tr("项目支出绩效自评表"))
        self.project_label = QLabel()
        self.project_label.setProperty("role", "hint")
        self.generate_button = QPushButton(icon("form"), "")
        self.generate_button.clicked.connect(self.generate)
        heading.addWidget(self.heading)
        heading.addSpacing(12)
        heading.addWidget(self.project_label, 1, Qt.AlignmentFlag.AlignBottom)
        heading.addWidget(self.generate_button, 0, Qt.AlignmentFlag.AlignBottom)
        box.addLayout(heading)
        line = QHBoxLayout()
        line.setSpacing(SPACING["section_gap"])
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1f3b5b;")
        self.grade_label = QLabel()
        self.grade_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.subtotals_label = QLabel()
        self.subtotals_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        line.addWidget(self.total_label)
        line.addWidget(self.grade_label)
        line.addWidget(self.subtotals_label, 1)
        box.addLayout(line)
        box.addWidget(self.status_label)
        return top

    def _rebuild(self) -> None:
        """Build the body for the project's current 自评表 (or the offer to generate one)."""
        if self.evaluation is not None:
            self.binder.forget(self.evaluation)
        self.tables.clear()
        self.model = None
        self.scroll_area = None
        if self.body is not None:
            self.body.hide()
            self.body.setParent(None)
            self.body.deleteLater()
        self.evaluation = self.project.evaluation
        self.body = self._build_body(self.evaluation) if self.evaluation is not None else self._build_empty()
        self.body_box.addWidget(self.body)
        has = self.evaluation is not None
        self.generate_button.setText(self.tr("从绩效目标更新") if has else self.tr("从绩效目标生成"))
        self.generate_button.setToolTip(
            self.tr("按项目当前的绩效指标补充、调整自评表的行；已填写的内容保留（可撤销）")
            if has
            else self.tr("按本项目的绩效指标逐行生成自评表，预算数取项目的预算数（可撤销）")
        )
        self.generate_button.setEnabled(not self.session.read_only)
        self._update_summary()
        if self._findings:
            self.apply_findings(self._findings)

    def _build_empty(self) -> QWidget:
        host = QWidget()
        box = QVBoxLayout(host)
        margin = SPACING["page_margin"] * 2
        box.setContentsMargins(margin, margin, margin, margin)
        box.addWidget(
            FormBuilder.hint(
                self.tr(
                    "本项目还没有自评表。年度结束后，点击上方“从绩效目标生成”，按项目的绩效指标逐行生成，"
                    "再填写全年预算数、执行数和各指标的实际完成值；得分和评价等级随填写即时计算。"
                )
            )
        )
        box.addStretch(1)
        return host

    def _build_body(self, evaluation: ProjectEval) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_header(evaluation))
        splitter.addWidget(self._build_grid(evaluation))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([310, 450])
        return splitter

    def _build_header(self, evaluation: ProjectEval) -> QWidget:
        b = self.binder
        self.scroll_area, layout, form = scroll_form()
        left, right = form.columns(2, label_width=110)
        left.add_section(self.tr("预算执行情况（万元）"))
        money_tip = self.tr("最多两位小数；可输入“69.2万”或“692000元”，自动换算为万元。")
        for field, label in (
            ("initial_budget", self.tr("年初预算数")),
            ("annual_budget", self.tr("全年预算数（A）")),
            ("executed", self.tr("全年执行数（B）")),
        ):
            widget = b.number(evaluation, field)
            widget.setToolTip(money_tip)
            left.add_row(label, widget)
        self.rate_label = QLabel()
        self.rate_label.setWordWrap(True)
        left.add_row(self.tr("执行率（B/A）"), self.rate_label)
        left.add_row(
            self.tr("执行率偏低原因"),
            b.text(evaluation, "execution_reason", min_lines=2, placeholder=self.tr("执行率低于 90% 时必须填写")),
        )
        left.add_stretch()
        right.add_section(self.tr("年度总体目标完成情况"))
        right.add_row(self.tr("年度目标"), b.text(evaluation, "annual_goal", min_lines=3))
        right.add_row(self.tr("实际完成情况"), b.text(evaluation, "actual_summary", min_lines=3))
        right.add_stretch()
        self.more = EvalMore(self.session, b, self.project, evaluation)  # perfdesk.ui.editors.evalmore
        self.tables.update(self.more.tables)
        form.add_widget(self.more)
        layout.addStretch(1)
        return self.scroll_area

    def _build_grid(self, evaluation: ProjectEval) -> QWidget:
        self.model = EvalRowsModel(
            self.session, self.project, evaluation.rows, stack_key=self.node.key, keep=self.project, scope=self.project
        )
        table = RecordTable(
            self.model,
            title=self.tr("绩效指标完成情况"),
            hint=self.tr("灰色分值为按一级指标权重自动分配；定性指标选择达成情况；得分随填写即时计算"),
            fit_height=False,
            buttons=_GRID_BUTTONS,
        )
        table.layout().setContentsMargins(12, 6, 12, 6)
        for name in ("insert_row", "append_row"):  # rows come from the indicators (生成 / 更新)
            table.grid.actions_by_name[name].setVisible(False)
        self.tables["rows"] = table
        return table

    # ------------------------------------------------------------------ actions

    def generate(self) -> bool:
        """从绩效目标生成 (or 更新) the 自评表: one undo step; False when nothing changes."""
        project = self.project
        if project.evaluation is None:
            new, text = start_evaluation(project), self.tr("从绩效目标生成自评表")
        else:
            new, text = refresh_evaluation(project), self.tr("从绩效目标更新自评表")
            if new == project.evaluation:
                self.status_label.setText(self.tr("自评表已与项目的绩效指标一致，无需更新。"))
                return False
        cmd = commands.SetValue(self.session, project, "evaluation", new, scope=project, text=text)
        return self.session.push(self.node.key, cmd, project)

    # ------------------------------------------------------------------ live score

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.project and key == "evaluation" and self.project.evaluation is not self.evaluation:
            self._rebuild()

    def _on_document_changed(self, _scope: object) -> None:
        self._update_summary()

    def _update_summary(self) -> None:
        """总分, 等级, subtotals and the execution rate, from the document as it is now."""
        if self.model is not None:
            self.score = self.model.refresh_scores()
        elif self.project.evaluation is not None:
            self.score = score_evaluation(self.project, self.session.document.unit)
        else:
            self.score = None
        index = next((i for i, p in enumerate(self.session.document.projects) if p is self.project), 0)
        self.project_label.setText(project_label(self.project, index))
        score = self.score
        if score is None:
            self.total_label.setText(self.tr("尚未生成"))
            self.grade_label.setText("")
            self.subtotals_label.setText("")
            self.status_label.setText("")
            return
        table = grade_table(self.session.document.unit.grade_table)
        if score.complete:
            self.total_label.setText(self.tr("总分 {total}").format(total=number(score.total)))
            self.grade_label.setText(self.tr("等级：{grade}").format(grade=score.grade))
        else:  # a total of a half-scored table would mislead: say how far scoring got (issue 14)
            scored, counted = score.scored_rows()
            self.total_label.setText(self.tr("已评分 {n}/{m} 行").format(n=scored, m=counted))
            self.grade_label.setText(self.tr("等级：全部评分后显示"))
        self.grade_label.setToolTip(self.tr("评价等级表：{name}（在“单位信息”中选择）").format(name=table.name))
        self.subtotals_label.setText(self._subtotals_text(score))
        self.status_label.setText(self._status_text(score))
        self._update_rate(score)

    def _subtotals_text(self, score: EvalScore) -> str:
        execution = score.execution
        parts = [(self.tr("预算执行率"), execution.points, execution.score)]
        parts += level1_subtotals(self.project, score)
        return "　".join(
            f"{name} <b>{number(earned)}</b> / {number(points)}" for name, points, earned in parts if points > 0
        )

    def _status_text(self, score: EvalScore) -> str:
        unscored = sum(r.status not in (RowStatus.SCORED, RowStatus.NOT_APPLICABLE) for r in score.rows)
        color = COLORS["warning"].name()
        if score.execution.rate is None:
            text = self.tr("预算执行率未能计算：{reason}").format(reason=score.execution.reason)
            return f'<span style="color:{color}">{text}</span>'
        if unscored:
            text = self.tr("有 {n} 行指标未能计分（得分按 0 计），详见审核结果").format(n=unscored)
            return f'<span style="color:{color}">{text}</span>'
        return self.tr("各项均已计分")

    def _update_rate(self, score: EvalScore) -> None:
        label = getattr(self, "rate_label", None)
        if label is None or self.model is None:
            return
        execution = score.execution
        if execution.rate is None:
            label.setText(f'<span style="color:{COLORS["warning"].name()}">{execution.reason}</span>')
            return
        text = self.tr("{rate}%　分值 {points}，得分 {score}").format(
            rate=number(execution.rate * HUNDRED), points=number(execution.points), score=number(execution.score)
        )
        if execution.rate < EXECUTION_THRESHOLD:
            text += self.tr("（低于 90%，需说明原因）")
        label.setText(text)

    # ------------------------------------------------------------------ findings, read-only

    def apply_findings(self, findings: list[Finding]) -> None:
        """Mark fields and cells; remembered so a rebuilt body is marked too."""
        self._findings = list(findings)
        super().apply_findings(findings)

    def set_read_only(self, read_only: bool) -> None:
        """Follow the document's read-only state."""
        super().set_read_only(read_only)
        self.generate_button.setEnabled(not read_only)
