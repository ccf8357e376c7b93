"""部门整体绩效目标: 总体绩效目标 (text), 分项绩效目标 (a list) and 工作保障措施 (lists or text)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from perfdesk.models.document import MeasureGroup, MeasuresKind, SubTarget
from perfdesk.ui.core import commands
from perfdesk.ui.core.nodes import NodeRef
from perfdesk.ui.core.session import DocumentSession, ListChange
from perfdesk.ui.core.style import SPACING, icon
from perfdesk.ui.editors.base import EditorPage, page_title
from perfdesk.ui.forms.formbuilder import FormBuilder
from perfdesk.ui.grid.recordtable import RecordTable
from perfdesk.ui.grid.tablemodel import Column, ListTableModel


class SummaryEditor(EditorPage):
    """一、总体绩效目标: one large text."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        box = QVBoxLayout(self)
        margin = SPACING["page_margin"]
        box.setContentsMargins(margin, margin, margin, margin)
        box.addWidget(page_title(self.tr("一、总体绩效目标")))
        box.addWidget(FormBuilder.hint(self.tr("概括全年工作任务、预期产出和效果，可分多段。")))
        text = self.binder.page_text(session.document.overall, "summary", self.tr("在此输入总体绩效目标……"))
        box.addWidget(text, 1)


class SubTargetsEditor(EditorPage):
    """二、分项绩效目标: a list of items, each a title with its 绩效目标 and 绩效指标 text."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        overall = session.document.overall
        layout, form = self.scroll_page(self.tr("二、分项绩效目标"))
        columns = [
            Column("title", self.tr("分项名称"), 200),
            Column("target", self.tr("绩效目标"), 330, stretch=True),
            Column("indicators", self.tr("绩效指标"), 330),
        ]
        model = ListTableModel(
            session, overall.sub_targets, columns, factory=SubTarget, stack_key=node.key,
            row_label=lambda n: _cn_number(n), noun=self.tr("分项"),
        )  # fmt: skip
        self.tables["sub_targets"] = RecordTable(model, hint=self.tr("每行一个分项；行号即打印时的（一）（二）……"))
        self.tables["sub_targets"].grid.max_fit_height = 560
        form.add_widget(self.tables["sub_targets"])
        form.add_section(
            self.tr("以文字形式填写（可选）"), self.tr("有的单位把分项绩效目标写成一段文字；填写后按文字打印。")
        )
        form.add_row(self.tr("分项绩效目标文字"), self.binder.text(overall, "sub_targets_text", min_lines=3))
        layout.addStretch(1)


class MeasuresEditor(EditorPage):
    """三、工作保障措施: grouped lists (业务层面/财务层面), one list, or free paragraphs."""

    def __init__(self, session: DocumentSession, node: NodeRef, parent: QWidget | None = None) -> None:
        super().__init__(session, node, parent)
        self.measures = session.document.overall.measures
        layout, form = self.scroll_page(self.tr("三、工作保障措施"))
        kinds = [
            (MeasuresKind.GROUPED, self.tr("分组列出（如 （一）业务层面、（二）财务层面）")),
            (MeasuresKind.LIST, self.tr("一段引言加一个编号列表")),
            (MeasuresKind.TEXT, self.tr("自由段落")),
        ]
        form.add_row(self.tr("写法"), self.binder.choice(self.measures, "kind", kinds))
        self.text_box = self.binder.text(self.measures, "text", min_lines=3)
        form.add_row(self.tr("文字"), self.text_box, help=self.tr("“一个编号列表”写法的引言，或“自由段落”写法的全文。"))
        self.text_form = form.form
        self.text_row = self.text_form.rowCount() - 1 if self.text_form is not None else -1
        self.groups_box = QVBoxLayout()
        self.groups_box.setSpacing(SPACING["section_gap"])
        layout.addSpacing(SPACING["section_gap"])
        layout.addLayout(self.groups_box)
        self.add_group_button = QPushButton(icon("add"), self.tr("添加分组"))
        self.add_group_button.clicked.connect(self.add_group)
        row = QHBoxLayout()
        row.addWidget(self.add_group_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self._group_widgets: list[QWidget] = []
        self._bound_groups: list[MeasureGroup] = []
        self._rebuild()
        session.list_changed.connect(self._on_list_changed)
        session.value_changed.connect(self._on_value_changed)

    def _on_list_changed(self, items: list[Any], _change: ListChange) -> None:
        if items is self.measures.groups:
            self._rebuild()

    def _on_value_changed(self, target: Any, key: Any) -> None:
        if target is self.measures and key == "kind":
            self._rebuild()

    def _rebuild(self) -> None:
        for group in self._bound_groups:
            self.binder.forget(group)
        self._bound_groups = list(self.measures.groups)
        for widget in self._group_widgets:
            self.tables = {k: v for k, v in self.tables.items() if v.parent() is not widget}
            widget.setParent(None)
            widget.deleteLater()
        self._group_widgets = []
        kind = self.measures.kind
        for number, group in enumerate(self.measures.groups):
            if kind is MeasuresKind.TEXT:
                break
            widget = self._group_widget(number, group, kind)
            self.groups_box.addWidget(widget)
            self._group_widgets.append(widget)
            if kind is MeasuresKind.LIST:
                break
        if self.text_form is not None:
            self.text_form.setRowVisible(self.text_row, kind is not MeasuresKind.GROUPED)
            label = self.text_form.itemAt(self.text_row, self.text_form.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(self.tr("引言") if kind is MeasuresKind.LIST else self.tr("正文"))  # type: ignore[attr-defined]
        wants_button = kind is MeasuresKind.GROUPED or (kind is MeasuresKind.LIST and not self.measures.groups)
        self.add_group_button.setVisible(wants_button and not self.session.read_only)
        self.add_group_button.setText(self.tr("添加分组") if kind is MeasuresKind.GROUPED else self.tr("添加编号列表"))

    def _group_widget(self, number: int, group: MeasureGroup, kind: MeasuresKind) -> QWidget:
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        if kind is MeasuresKind.GROUPED:
            head = QHBoxLayout()
            title: QLineEdit = self.binder.line(group, "title", self.tr("分组标题，如 业务层面"))
            head.addWidget(page_label(self.tr("（{n}）").format(n=_cn_digit(number))))
            head.addWidget(title, 1)
            remove = QPushButton(icon("delete"), self.tr("删除此分组"))
            remove.clicked.connect(lambda: self.remove_group(group))
            remove.setVisible(not self.session.read_only)
            head.addWidget(remove)
            box.addLayout(head)
        model = ListTableModel(
            self.session, group.items, [Column(None, self.tr("保障措施"), 700, stretch=True)], factory=str,
            stack_key=self.node.key, row_label=lambda n: f"{n + 1}.", noun=self.tr("措施"),
        )  # fmt: skip
        table = RecordTable(model, parent=widget)
        table.grid.max_fit_height = 480
        box.addWidget(table)
        self.tables[f"measures:{number}"] = table
        return widget

    def add_group(self) -> None:
        """Append a group (or the single list)."""
        groups = self.measures.groups
        default = (
            ""
            if self.measures.kind is MeasuresKind.LIST
            else [self.tr("业务层面"), self.tr("财务层面")][len(groups) % 2]
        )
        cmd = commands.InsertItems(
            self.session, groups, len(groups), [MeasureGroup(title=default)], text=self.tr("添加分组")
        )
        self.session.push(self.node.key, cmd)

    def remove_group(self, group: MeasureGroup) -> None:
        """Delete a group with its items (undoable)."""
        groups = self.measures.groups
        index = next(i for i, g in enumerate(groups) if g is group)
        self.session.push(self.node.key, commands.RemoveItems(self.session, groups, index, 1, text=self.tr("删除分组")))


def page_label(text: str) -> QWidget:
    """A bold inline label."""
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


_CN = "一二三四五六七八九十"


def _cn_digit(n: int) -> str:
    """0 → 一, 9 → 十, 10 → 十一 …"""
    n += 1
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + _CN[n - 11]
    return str(n)


def _cn_number(n: int) -> str:
    """Row labels （一）（二）…"""
    return f"（{_cn_digit(n)}）"
