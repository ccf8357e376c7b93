"""The 工具 menu (指标库, 2021 版指标框架) and 文件 › 由现有文档新建下一年度… of a main window.

:func:`install` adds them to a :class:`~perfdesk.ui.shell.mainwindow.MainWindow` (one call from its
constructor); the actions are also registered in ``window.actions_by_name`` under ``new_year``,
``library_pick``, ``library_import``, ``library_export`` and ``convert_2021``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from perfdesk.models.document import Framework
from perfdesk.ui import dialogs
from perfdesk.ui.core.libraryholder import shared_library, take_notice

if TYPE_CHECKING:
    from perfdesk.library import ImportResult, Library
    from perfdesk.ui.editors.librarywiring import LibraryWiring
    from perfdesk.ui.shell.mainwindow import MainWindow

_SHOWN_PROBLEMS = 12  # rows of errors or notes listed in a message; the rest are counted


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("toolsmenu", text)


def install(window: MainWindow) -> QMenu:
    """Add the 工具 menu (before 帮助) and the 文件 entry for a new year; returns the 工具 menu."""
    from perfdesk.ui.dialogs.convertdialog import convert_framework
    from perfdesk.ui.dialogs.rolloverdialog import new_year_from

    def action(name: str, text: str, slot: Callable[[], object], tip: str) -> QAction:
        act = QAction(text, window)
        act.setStatusTip(tip)
        act.triggered.connect(lambda *_args: slot())
        window.actions_by_name[name] = act
        return act

    new_year = action(
        "new_year",
        tr("由现有文档新建下一年度…"),
        lambda: new_year_from(window),
        tr("以今年（或所选文件）的文档为基础，新建下一年度的文档"),
    )
    pick = action(
        "library_pick",
        tr("从指标库选择指标…"),
        lambda: pick_into_grid(window),
        tr("在当前项目的指标表中填入或插入指标库中的指标"),
    )
    import_ = action(
        "library_import", tr("导入 xlsx…"), lambda: import_library(window), tr("从 Excel 工作簿导入指标到本人指标库")
    )
    export = action(
        "library_export", tr("导出 xlsx…"), lambda: export_library(window), tr("把本人指标库导出为 Excel 工作簿")
    )
    convert = action(
        "convert_2021",
        tr("转换为 2021 版指标框架…"),
        lambda: convert_framework(window),
        tr("成本指标改为一级指标（财预〔2021〕101号），先预览再转换"),
    )  # fmt: skip
    bar = window.menuBar()
    menus = [a.menu() for a in bar.actions() if a.menu() is not None]
    file_menu = menus[0]
    anchor = next((a for a in file_menu.actions() if a.menu() is not None), None)  # 最近打开
    file_menu.insertAction(anchor, new_year)
    tools = QMenu(tr("工具(&T)"), window)
    tools.addAction(pick)
    library_menu = tools.addMenu(tr("指标库"))
    library_menu.addActions([import_, export])
    tools.addSeparator()
    tools.addAction(convert)
    help_menu = next((m for m in menus if m.title().startswith(tr("帮助"))), None)
    bar.insertMenu(help_menu.menuAction() if help_menu is not None else None, tools)
    # Greyed out while the menu shows what does not apply now; the handlers check again (and say
    # why) when triggered otherwise, so the actions are enabled again when the menu closes.
    tools.aboutToShow.connect(lambda: update_actions(window))
    tools.aboutToHide.connect(lambda: [a.setEnabled(True) for a in (pick, convert)])
    return tools


def update_actions(window: MainWindow) -> None:
    """Enable what the front tab and the document allow."""
    names = window.actions_by_name
    session = window.session
    editable = session is not None and not session.read_only
    names["library_pick"].setEnabled(editable and current_wiring(window) is not None)
    names["convert_2021"].setEnabled(editable and session.document.unit.framework is Framework.Y2015)  # type: ignore[union-attr]


def current_wiring(window: MainWindow) -> LibraryWiring | None:
    """The library wiring of the indicator grid in the front tab, if the front tab has one."""
    from perfdesk.ui.editors.librarywiring import wiring_of

    page = window.view.current_page() if window.view is not None else None
    table = page.tables.get("indicators") if page is not None else None
    return wiring_of(table) if table is not None else None


def _library(window: MainWindow) -> Library:
    library = shared_library()
    notice = take_notice()
    if notice:
        window.statusBar().showMessage(notice, 15000)
    return library


def pick_into_grid(window: MainWindow) -> bool:
    """从指标库选择指标…: the picker for the current row of the front project's indicator grid."""
    wiring = current_wiring(window)
    if wiring is None:
        dialogs.show_info(window, tr("指标库"), tr("请先在左侧打开一个项目，再从指标库选择指标。"))
        return False
    _library(window)
    return wiring.pick() is not None


def _listed(problems: list[object]) -> str:
    lines = [f"• {p}" for p in problems[:_SHOWN_PROBLEMS]]
    if len(problems) > _SHOWN_PROBLEMS:
        lines.append(tr("……另有 {n} 条").format(n=len(problems) - _SHOWN_PROBLEMS))
    return "\n".join(lines)


def import_library(window: MainWindow) -> int:
    """导入 xlsx…: read a library sheet; with refused rows, offer to import only the valid ones."""
    from perfdesk.library import LibraryFileError, LibraryImportError

    path = dialogs.ask_library_xlsx(window, save=False, suggested=Path.home())
    if path is None:
        return 0
    library = _library(window)
    title = tr("导入指标库")
    try:
        result = library.import_xlsx(path)
        if not result.ok:
            if not result.entries:
                text = tr("{name} 中没有可以导入的指标：\n\n{errors}").format(
                    name=path.name, errors=_listed(result.errors)
                )  # type: ignore[arg-type]
                dialogs.show_error(window, title, text)
                return 0
            if not dialogs.ask_import_valid_rows(window, result):
                return 0
            library.merge(result.entries)
    except LibraryImportError as exc:
        dialogs.show_error(window, title, tr("无法读取 {name}：\n{reason}").format(name=path.name, reason=exc))
        return 0
    except LibraryFileError as exc:
        dialogs.show_error(window, title, tr("指标库文件不可用：{reason}").format(reason=exc.reason))
        return 0
    dialogs.show_info(window, title, imported_text(result, path))
    return len(result.entries)


def imported_text(result: ImportResult, path: Path) -> str:
    """The summary after an import: how many entries, and the notes on what was normalised."""
    text = tr("已从 {name} 导入 {n} 条指标。").format(name=path.name, n=len(result.entries))
    if result.errors:
        text += tr("\n{n} 行有错误，未导入。").format(n=len(result.errors))
    if result.notes:
        text += tr("\n\n导入时作了以下调整：\n{notes}").format(notes=_listed(result.notes))  # type: ignore[arg-type]
    return text


def export_library(window: MainWindow) -> int:
    """导出 xlsx…: the clerk's own entries to a workbook (to share or to edit in Excel)."""
    from perfdesk.library import Source

    library = _library(window)
    title = tr("导出指标库")
    if not library.entries(Source.OWN):
        dialogs.show_info(window, title, tr("本人指标库中还没有指标。打开或保存文档时，其中的指标会自动收录。"))
        return 0
    path = dialogs.ask_library_xlsx(window, save=True, suggested=Path.home() / tr("指标库.xlsx"))
    if path is None:
        return 0
    try:
        count = library.export_xlsx(path)
    except OSError as exc:
        dialogs.show_error(
            window, title, tr("无法写入 {path}：\n{reason}").format(path=path, reason=exc.strerror or exc)
        )
        return 0
    window.statusBar().showMessage(tr("已导出 {n} 条指标到 {path}").format(n=count, path=path), 8000)
    return count
