"""Column layouts of the indicator grids: 一级/二级 from the document's framework, the rest free text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from perfdesk.export.families import Family, dept_family, family, shown_columns
from perfdesk.export.forms_families import grid_columns
from perfdesk.models import frameworks as fw
from perfdesk.models.document import DeptLayout, Layout
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.grid.structured import detail_column
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


def project_family(session: DocumentSession) -> Family:
    """The layout family of the document's project tables."""
    return family(session.document.unit.layout)


def dept_table_family(session: DocumentSession) -> Family:
    """The layout family of the document's 部门整体 table."""
    dept = session.document.dept_table
    return dept_family(dept.layout if dept is not None else DeptLayout.GUANGDONG)


def _shown(session: DocumentSession, fam: Family) -> list[str]:
    return shown_columns(fam, session.document.unit.indicator_columns)


def _family_columns(session: DocumentSession, fam: Family, value_field: str, **titles: str) -> list[Column]:
    """一级/二级 drop-downs, then the columns the printed table of the family has, in its order."""
    out = level_columns(session)
    own = session.document.unit.column_titles
    for col in grid_columns(fam, _shown(session, fam), own=own, **titles)[2:]:
        if col.key == "level3":
            out.append(Column("level3", tr(col.title), 220, stretch=True))
        elif col.key == "value":
            out.append(Column(value_field, tr(col.title), 130))
        else:
            out.append(detail_column(col.key, tr(col.title)))
    return out


def project_indicator_columns(session: DocumentSession) -> list[Column]:
    """The indicator grid of a project: the six Hebei columns, or the family's, plus the chosen ones."""
    fam = project_family(session)
    if session.document.unit.layout != Layout.HEBEI:
        level3 = "指标内容" if fam.key == Layout.TWO_BLOCK else "三级指标"
        value = "年度指标值" if fam.key == Layout.SHENBAO else "指标值"
        return _family_columns(session, fam, "value", level3=level3, value_title=value)
    return [
        *level_columns(session),
        Column("level3", tr("三级指标"), 210),
        Column("description", tr("绩效指标描述"), 260, stretch=True),
        Column("value", tr("指标值"), 120),
        Column("basis", tr("指标值确定依据"), 180),
        *(
            detail_column(name, tr(fam.column_title(name, session.document.unit.column_titles)))
            for name in _shown(session, fam)
        ),
    ]


def dept_indicator_columns(session: DocumentSession) -> list[Column]:
    """The Guangdong table's five columns (two value columns, no description), or the 湖南/湖北 grid."""
    fam = dept_table_family(session)
    if fam.key == DeptLayout.HUNAN:
        cols = _family_columns(session, fam, "annual_value")
        at = next(i for i, c in enumerate(cols) if c.field in ("annual_value", "number"))
        cols.insert(at, Column("period_value", tr("实施周期指标值"), 120))
        return [  # and what the year achieved, for the 部门整体支出绩效自评表
            *cols,
            Column("actual", tr("实际完成值"), 100),
            Column("stated_score", tr("得分"), 60, "score"),
            Column("reason", tr("偏差原因"), 160),
        ]
    return [
        *level_columns(session),
        Column("level3", tr("三级指标"), 260, stretch=True),
        Column("period_value", tr("实施周期指标值"), 200),
        Column("annual_value", tr("年度指标值"), 200),
        *(
            detail_column(name, tr(fam.column_title(name, session.document.unit.column_titles)))
            for name in _shown(session, fam)
        ),
    ]
