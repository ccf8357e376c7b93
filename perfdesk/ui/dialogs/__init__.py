"""Every modal question the app asks, in one place (tests replace these functions)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from perfdesk.store.file import SUFFIX
from perfdesk.ui.core.recovery import Orphan

Button = QMessageBox.StandardButton


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("dialogs", text)


def _filter() -> str:
    return tr("perfdesk 文件 (*.perfdesk);;所有文件 (*)")


def ask_open_path(parent: QWidget | None, folder: Path | None = None) -> Path | None:
    """Ask which file to open."""
    name, _ = QFileDialog.getOpenFileName(parent, tr("打开"), str(folder or Path.home()), _filter())
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save (the .perfdesk suffix is added when missing)."""
    name, _ = QFileDialog.getSaveFileName(parent, tr("另存为"), str(suggested), _filter())
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


def _choose(
    box: QMessageBox,
    first: tuple[str, str],
    second: tuple[str, str],
    cancel: tuple[str, str],
    *,
    second_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.DestructiveRole,
) -> str:
    """Three buttons (text, answer): the first is the default, the last cancels (Esc, closing the box)."""
    default = box.addButton(first[0], QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton(second[0], second_role)
    box.addButton(cancel[0], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(default)
    box.exec()
    clicked = box.clickedButton()
    return first[1] if clicked is default else second[1] if clicked is other else cancel[1]


def ask_unsaved(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel' for a document with unsaved edits."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr("保存修改"), tr("“{name}”有尚未保存的修改。").format(name=name), parent=parent
    )
    box.setInformativeText(tr("关闭前要保存吗？"))
    return _choose(box, (tr("保存"), "save"), (tr("不保存"), "discard"), (tr("取消"), "cancel"))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Report a failure."""
    QMessageBox.critical(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the clerk something."""
    QMessageBox.information(parent, title, text)


def ask_recovery(parent: QWidget | None, orphans: list[Orphan]) -> str:
    """After a crash: 'restore', 'discard' or 'later' for the unsaved documents found."""
    lines = []
    for o in orphans:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(o.saved_at))
        where = str(o.path) if o.path else tr("（从未保存的新文档）")
        lines.append(f"• {o.title}　{where}　{tr('最后修改于')} {when}")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("恢复未保存的修改"),
        tr("perfdesk 上次没有正常关闭。以下文档有尚未保存的修改："),
        parent=parent,
    )
    box.setInformativeText("\n".join(lines) + "\n\n" + tr("要恢复这些修改吗？恢复后请检查并保存。"))
    return _choose(box, (tr("恢复"), "restore"), (tr("丢弃"), "discard"), (tr("以后再说"), "later"))


def ask_new_document(parent: QWidget | None) -> object | None:
    """The New dialog; returns a Document or None."""
    from perfdesk.ui.dialogs.newdialog import NewDocumentDialog

    dialog = NewDocumentDialog(parent)
    if dialog.exec() != NewDocumentDialog.DialogCode.Accepted:
        return None
    return dialog.document()


def show_help(parent: QWidget | None) -> None:
    """The help page (F1)."""
    from perfdesk.ui.dialogs.helpdialog import HelpDialog

    HelpDialog(parent).exec()


# ---------------------------------------------------------------------- export, print, import, 汇总


def ask_export(parent: QWidget | None, doc: Any, choices: list[Any], folder: Path) -> Any:
    """The export dialog (scope, format, file); an ExportRequest or None."""
    from perfdesk.ui.dialogs.exportdialog import ask_export as ask

    return ask(parent, doc, choices, folder)


def ask_export_with_errors(parent: QWidget | None, errors: int) -> str:
    """The document has 审核 errors: 'check' to see them, 'export' to export anyway, '' to cancel."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("导出"),
        tr("审核发现本文档有 {n} 处错误。").format(n=errors),
        parent=parent,
    )
    box.setInformativeText(tr("建议先在“审核”中逐条改正再导出。仍要导出吗？"))
    return _choose(box, (tr("审核"), "check"), (tr("仍然导出"), "export"), (tr("取消"), ""))


def ask_after_export(parent: QWidget | None, title: str, text: str, details: str = "") -> str:
    """Tell that a file was written; 'file' or 'folder' to open it, '' to close."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    if details:  # the first lines at once, all of them under 详细信息
        lines = details.splitlines()
        box.setIcon(QMessageBox.Icon.Warning)
        box.setInformativeText("\n".join(lines[:8]) + ("\n……" if len(lines) > 8 else ""))
        if len(lines) > 8:
            box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    second = QMessageBox.ButtonRole.ActionRole
    return _choose(
        box, (tr("打开文件"), "file"), (tr("打开所在文件夹"), "folder"), (tr("关闭"), ""), second_role=second
    )


def ask_print_scope(parent: QWidget | None, choices: list[Any]) -> Any:
    """What to print (a ScopeChoice) or None."""
    from perfdesk.ui.dialogs.printdialogs import ask_print_scope as ask

    return ask(parent, choices)


def ask_printer(parent: QWidget | None, printer: Any) -> bool:
    """The system print dialog; True to print."""
    from perfdesk.ui.dialogs.printdialogs import ask_printer as ask

    return ask(parent, printer)


def ask_open_workbook(parent: QWidget | None, folder: Path | None = None) -> Path | None:
    """Ask which workbook to import."""
    name, _ = QFileDialog.getOpenFileName(
        parent, tr("导入工作簿"), str(folder or Path.home()), tr("Excel 工作簿 (*.xlsx *.xlsm *.xls);;所有文件 (*)")
    )
    return Path(name) if name else None


def show_import_report(parent: QWidget | None, title: str, intro: str, messages: list[Any]) -> None:
    """The problems and notes of an import (sheet, cell, message), copyable."""
    from perfdesk.ui.dialogs.importdialogs import ImportReportDialog

    ImportReportDialog(title, intro, messages, parent).exec()


def ask_project_tables(parent: QWidget | None, found: list[Any], source: Path) -> list[int] | None:
    """Which of the project tables found in a workbook to add (their indexes), or None."""
    from perfdesk.ui.dialogs.importdialogs import ProjectTablesDialog

    dialog = ProjectTablesDialog(found, source, parent)
    if dialog.exec() != ProjectTablesDialog.DialogCode.Accepted:
        return None
    return dialog.model.chosen()


def ask_merge_files(parent: QWidget | None, folder: Path) -> list[Path]:
    """The units' files to add to a 汇总 (several at once)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        tr("添加报送文件"),
        str(folder),
        tr("perfdesk 文件或工作簿 (*.perfdesk *.xlsx *.xlsm *.xls);;所有文件 (*)"),
    )
    return [Path(n) for n in names]


def ask_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """A folder."""
    name = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(name) if name else None


def ask_summary_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to write the 汇总 (.xlsx or .pdf, as the suggested name; a missing suffix is added)."""
    filters = {".xlsx": tr("Excel 工作簿 (*.xlsx)"), ".pdf": tr("PDF 文件 (*.pdf)")}
    name, _ = QFileDialog.getSaveFileName(parent, tr("导出汇总"), str(suggested), filters[suggested.suffix])
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in filters else path.with_name(path.name + suggested.suffix)


# ---------------------------------------------------------------- 指标库, next year, 2021 framework


def pick_library_entry(
    parent: QWidget | None,
    library: Any,
    *,
    framework: Any = None,
    level1: str | None = None,
    level2: str | None = None,
) -> Any:
    """The indicator library picker, filtered by 一级/二级; the chosen Entry or None."""
    from perfdesk.ui.dialogs.library_dialog import LibraryDialog

    return LibraryDialog.pick(library, framework=framework, level1=level1, level2=level2, parent=parent)


def ask_library_xlsx(parent: QWidget | None, *, save: bool, suggested: Path) -> Path | None:
    """The workbook to import the indicator library from, or to export it to (.xlsx added)."""
    pattern = tr("Excel 工作簿 (*.xlsx)")
    if save:
        name, _ = QFileDialog.getSaveFileName(parent, tr("导出指标库"), str(suggested), pattern)
    else:
        name, _ = QFileDialog.getOpenFileName(parent, tr("导入指标库"), str(suggested), pattern)
    if not name:
        return None
    path = Path(name)
    return path if not save or path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def ask_import_valid_rows(parent: QWidget | None, result: Any) -> bool:
    """Some rows of a library sheet were refused: import only the valid ones?"""
    errors = "\n".join(str(p) for p in result.errors)
    notes = "\n".join(str(p) for p in result.notes)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("导入指标库"),
        tr("工作簿中有 {bad} 行有错误，{good} 行可以导入。").format(bad=len(result.errors), good=len(result.entries)),
        parent=parent,
    )
    box.setInformativeText(
        tr("要只导入有效的 {good} 行吗？有错误的行不会导入，可改正后再导入。").format(good=len(result.entries))
    )
    box.setDetailedText(
        tr("错误：\n{errors}").format(errors=errors) + (tr("\n\n说明：\n{notes}").format(notes=notes) if notes else "")
    )
    valid = box.addButton(tr("只导入有效行"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(valid)
    box.exec()
    return box.clickedButton() is valid


def ask_rollover(parent: QWidget | None, current: Any, current_name: str = "") -> Any:
    """由现有文档新建下一年度: source and options as a RolloverChoice, or None."""
    from perfdesk.ui.dialogs.rolloverdialog import RolloverDialog

    dialog = RolloverDialog(current, current_name, parent)
    try:
        return dialog.choice() if dialog.exec() == RolloverDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def confirm_conversion(parent: QWidget | None, doc: Any, changes: list[Any]) -> bool:
    """The preview of the 2021 framework conversion; True if the clerk confirms."""
    from perfdesk.ui.dialogs.convertdialog import ConvertDialog

    dialog = ConvertDialog(doc, changes, parent)
    try:
        return dialog.exec() == ConvertDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
