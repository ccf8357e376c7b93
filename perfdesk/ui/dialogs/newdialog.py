"""The New dialog: unit, code, year, framework and template of a new document."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from perfdesk.export.families import FAMILIES
from perfdesk.models.document import Document, Framework, Layout
from perfdesk.models.frameworks import FRAMEWORKS
from perfdesk.ui.dialogs.newdoc import TEMPLATE_NAMES, Template, new_document


class NewDocumentDialog(QDialog):
    """Asks what a new document is for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建文档"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("一个文档对应一个预算单位的一个年度。以下内容以后都可以在“单位信息”中修改。"))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：昌黎县应急管理局"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("例如：426003（可空）"))
        self.department = QLineEdit()
        self.department.setPlaceholderText(self.tr("可空"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(datetime.date.today().year + 1)
        self.framework = QComboBox()
        for key, spec in FRAMEWORKS.items():
            self.framework.addItem(spec.name, key)
        self.framework.setCurrentIndex(list(FRAMEWORKS).index(Framework.Y2021))
        self.layout_family = QComboBox()
        for key, fam in FAMILIES.items():
            self.layout_family.addItem(self.tr(fam.name), key)
        self.layout_family.setToolTip(self.tr("项目绩效目标表按哪一种官方表样填写和打印；以后可在“单位信息”中切换。"))
        self.template = QComboBox()
        for key, name in TEMPLATE_NAMES.items():
            self.template.addItem(self.tr(name), key)
        form = QFormLayout()
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("单位编码"), self.code)
        form.addRow(self.tr("主管部门"), self.department)
        form.addRow(self.tr("预算年度"), self.year)
        form.addRow(self.tr("指标体系"), self.framework)
        form.addRow(self.tr("模板"), self.template)
        form.addRow(self.tr("项目表格式"), self.layout_family)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))

    def document(self) -> Document:
        """The document the answers describe."""
        return new_document(
            self.name.text(),
            self.code.text(),
            self.year.value(),
            Framework(self.framework.currentData()),
            Template(self.template.currentData()),
            self.department.text(),
            Layout(self.layout_family.currentData()),
        )
