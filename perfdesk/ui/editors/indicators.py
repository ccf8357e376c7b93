"""Column layouts of the indicator grids: 一级/二级 from the document's framework, the rest free text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from perfdesk.models import frameworks as fw
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.grid.tablemodel import Column


def tr(text: str) -> str:
    """Translate a column title."""
    return QCoreApplication.translate("indicators", text)


def _spec(session: DocumentSession) -> fw.FrameworkSpec:
    return fw.FRAMEWORKS[session.document.unit.framework]


def level1_choices(session: DocumentSession) -> Any:
    """The 一级 names of the document's framework (read when the drop-down opens)."""
    return lambda _item: _spec(session).level1_names()


def level2_choices(session: DocumentSession) -> Any:
    """The 二级 names under the row's 一级 (all 二级 names if the 一级 is not recognised)."""

    def choices(item: Any) -> list[str]:
        spec = _spec(session)
        level1 = fw.canonical_level1(item.level1 or "")
        if level1 and spec.level2_names(level1):
            return spec.level2_names(level1)
        return [name for l1 in spec.level1_names() for name in spec.level2_names(l1)]

    return choices


def level_columns(session: DocumentSession) -> list[Column]:
    """一级 and 二级: drop-downs of the framework, merged-label columns (blanks fill down on paste)."""
    return [
        Column("level1", tr("一级指标"), 110, "choice", choices=level1_choices(session), fill_down=True),
        Column("level2", tr("二级指标"), 140, "choice", choices=level2_choices(session), fill_down=True),
    ]


def project_indicator_columns(session: DocumentSession) -> list[Column]:
    """The six columns of the Hebei project table."""
    return [
        *level_columns(session),
        Column("level3", tr("三级指标"), 210),
        Column("description", tr("绩效指标描述"), 260, stretch=True),
        Column("value", tr("指标值"), 120),
        Column("basis", tr("指标值确定依据"), 180),
    ]


def dept_indicator_columns(session: DocumentSession) -> list[Column]:
    """The five columns of the Guangdong table: two value columns, no description."""
    return [
        *level_columns(session),
        Column("level3", tr("三级指标"), 260, stretch=True),
        Column("period_value", tr("实施周期指标值"), 200),
        Column("annual_value", tr("年度指标值"), 200),
    ]
