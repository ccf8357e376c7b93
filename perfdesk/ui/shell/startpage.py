"""What an empty window shows: new, open, recent files and the bundled samples."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from perfdesk.samples import samples
from perfdesk.ui.core.paths import recent_files
from perfdesk.ui.core.style import icon

PathRole = Qt.ItemDataRole.UserRole + 30


class StartPage(QWidget):
    """The welcome page: big buttons and two lists."""

    new_requested = Signal()
    open_requested = Signal(object)  # Path or None (ask)
    sample_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("预算绩效目标填报"))
        title.setStyleSheet("font-size: 22pt; font-weight: bold; color: #1f3b5b;")
        subtitle = QLabel(
            self.tr("部门整体绩效目标、项目绩效目标表、部门整体预算绩效目标表与自评报告 —— 填写、审核、保存")
        )
        subtitle.setStyleSheet("color: #555; font-size: 11pt;")
        new = QPushButton(icon("new"), self.tr("新建文档…"))
        open_ = QPushButton(icon("open"), self.tr("打开文件…"))
        for button in (new, open_):
            button.setMinimumHeight(40)
            button.setMinimumWidth(180)
            button.setStyleSheet("font-size: 11pt; padding: 4px 16px;")
        new.clicked.connect(self.new_requested)
        open_.clicked.connect(lambda: self.open_requested.emit(None))
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(open_)
        buttons.addStretch(1)
        self.recent = QListWidget()
        self.recent.itemActivated.connect(lambda item: self.open_requested.emit(item.data(PathRole)))
        self.samples = QListWidget()
        self.samples.itemActivated.connect(lambda item: self.sample_requested.emit(item.data(PathRole)))
        for sample in samples():
            item = QListWidgetItem(icon("text"), sample.describe())
            item.setData(PathRole, sample.name)
            self.samples.addItem(item)
        lists = QGridLayout()
        lists.setHorizontalSpacing(24)
        lists.addWidget(_heading(self.tr("最近打开")), 0, 0)
        lists.addWidget(_heading(self.tr("示例文档（打开后为未保存的副本）")), 0, 1)
        lists.addWidget(self.recent, 1, 0)
        lists.addWidget(self.samples, 1, 1)
        card = QFrame()
        card.setMaximumWidth(1100)
        inner = QVBoxLayout(card)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(10)
        inner.addLayout(buttons)
        inner.addSpacing(10)
        inner.addLayout(lists, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addWidget(card, 1)
        self.refresh()

    def refresh(self) -> None:
        """Reload the recent files."""
        self.recent.clear()
        for path in recent_files():
            item = QListWidgetItem(icon("form"), f"{path.name}　—　{path.parent}")
            item.setData(PathRole, Path(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not self.recent.count():
            item = QListWidgetItem(self.tr("（还没有打开过文件）"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 11pt;")
    return label
