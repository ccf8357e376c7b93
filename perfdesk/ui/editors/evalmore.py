"""The parts of a 自评表 that real tables print beyond the MOF layout (issue 11).

The printed title and 填报日期, 负责人/电话/财务负责人, the 项目实施内容及过程概述, 评价结论 / 存在问题 / 改进措施,
the 说明 row, the funds block's breakdown rows (with a 分值/得分 of their own) and the scores as the
original table printed them (kept beside perfdesk's own, never instead of them): the indicator block's
points (绩效指标 90分) and the 财政审核评分 box.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from perfdesk.models.document import EvalFundLine, Project, ProjectEval
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.forms.fields import Binder
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.tablemodel import Column, ListTableModel


def tr(text: str) -> str:
    """Translate a column title of this module."""
    return QCoreApplication.translate("evalmore", text)


def fund_line_columns() -> list[Column]:
    """The columns of a 预算执行 block's 资金来源 lines (自评表 and 部门整体 self-evaluation alike)."""
    return [
        Column("label", tr("资金来源"), 200, stretch=True),
        Column("initial", tr("年初预算数"), 110, "money"),
        Column("annual", tr("全年预算数"), 110, "money"),
        Column("executed", tr("全年执行数"), 110, "money"),
        Column("stated_rate", tr("执行率（%）"), 90, "percent", unit="%"),
        Column("points", tr("分值"), 70, "score"),
        Column("stated_score", tr("得分"), 70, "score"),
    ]


class EvalMore(QWidget):
    """Fields of one 自评表 that the official layouts of other provinces print."""

    def __init__(self, session: DocumentSession, binder: Binder, project: Project, evaluation: ProjectEval) -> None:
        super().__init__()
        self.tables: dict[str, RecordTable] = {}
        b, ev = binder, evaluation
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        form = FormBuilder(box, 110)
        form.add_section(self.tr("表格信息"), self.tr("按原表填写；空着的项目不打印。"))
        form.add_inline(
            self.tr("表格标题"),
            [("", b.line(ev, "title", self.tr("默认：〈项目名称〉项目支出绩效自评表"))),
             (self.tr("填报日期"), b.line(ev, "filled_date"))],
        )  # fmt: skip
        form.add_inline(
            self.tr("负责人"),
            [("", b.line(ev, "contact")), (self.tr("联系电话"), b.line(ev, "phone")),
             (self.tr("财务负责人"), b.line(ev, "finance_officer"))],
        )  # fmt: skip
        form.add_row(self.tr("实施过程概述"), b.text(ev, "process", min_lines=2, max_lines=8))
        form.add_row(self.tr("评价结论"), b.text(ev, "conclusion", min_lines=2, max_lines=8))
        form.add_row(self.tr("存在问题"), b.text(ev, "problems", min_lines=2, max_lines=8))
        form.add_row(self.tr("改进措施"), b.text(ev, "improvements", min_lines=2, max_lines=8))
        form.add_row(self.tr("说明"), b.text(ev, "remark", min_lines=1, max_lines=6))
        form.add_row(
            self.tr("表注"),
            b.text(ev, "table_note", min_lines=1, max_lines=8),
            help=self.tr("印在表格下方的注或评分说明，按填写的分行打印。"),
        )
        model = ListTableModel(
            session,
            ev.fund_lines,
            fund_line_columns(),
            factory=EvalFundLine, stack_key=binder.stack_key, keep=project, scope=project, noun=self.tr("资金来源"),
        )  # fmt: skip
        self.tables["fund_lines"] = RecordTable(model, title=self.tr("预算执行：其中各项资金（万元）"))
        form.add_widget(self.tables["fund_lines"])
        form.add_section(
            self.tr("原表所列分数"), self.tr("导入或照抄的表格所印的分数，与 perfdesk 计算的得分并列保存。")
        )
        form.add_inline(
            self.tr("预算执行 分值"),
            [("", b.number(ev, "stated_execution_points", kind="score", unit=self.tr("分"))),
             (self.tr("执行率"), b.number(ev, "stated_execution_rate", kind="percent", unit="%")),
             (self.tr("得分"), b.number(ev, "stated_execution_score", kind="score", unit=self.tr("分")))],
        )  # fmt: skip
        form.add_inline(
            self.tr("分值合计"),
            [("", b.number(ev, "stated_points_total", kind="score", unit=self.tr("分"))),
             (self.tr("总分"), b.number(ev, "stated_total", kind="score", unit=self.tr("分"))),
             (self.tr("等级"), b.line(ev, "stated_grade"))],
        )  # fmt: skip
        form.add_inline(
            self.tr("指标部分分值"),
            [("", b.number(ev, "stated_indicator_points", kind="score", unit=self.tr("分"))),
             ("", b.check(ev, "review_box", self.tr("打印“财政审核评分”栏"))),
             (self.tr("财政审核评分"), b.number(ev, "review_score", kind="score", unit=self.tr("分")))],
        )  # fmt: skip
