"""Screenshots of export, print preview, workbook import and the 汇总 window (for the README).

Called by :func:`take` in ``tools/screenshots/__main__.py``; the files it reads and writes live in a
temporary folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from perfdesk.export.service import export_document, print_job
from perfdesk.importer.reader import import_workbook
from perfdesk.samples import sample, samples
from perfdesk.store.file import save_document
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.exportdialog import ExportDialog
from perfdesk.ui.dialogs.importdialogs import ImportReportDialog, report_intro
from perfdesk.ui.dialogs.scopes import choices_for
from perfdesk.ui.shell.mainwindow import MainWindow
from perfdesk.ui.transfer.mergewindow import MergeWindow
from perfdesk.ui.transfer.printing import PreviewDialog, register_fonts


def _save(widget: QWidget, folder: Path, name: str, settle: int = 350) -> Path:
    QTest.qWait(settle)
    path = folder / f"ui-{name}.png"
    widget.grab().save(str(path))
    return path


def take_transfer(folder: Path) -> list[Path]:
    """ui-export-dialog, ui-print-preview, ui-import-problems, ui-merge."""
    work = Path(tempfile.mkdtemp(prefix="perfdesk-shots-transfer-"))
    return [_export_dialog(folder), _print_preview(folder), _import_problems(folder, work), _merge(folder, work)]


def _export_dialog(folder: Path) -> Path:
    doc = sample("lunan-2025").load()
    choices = choices_for(doc, NodeRef(NodeKind.PROJECT, doc.projects[1]))
    dialog = ExportDialog(doc, choices, Path("D:/绩效目标/2025年"))
    dialog.show()
    shot = _save(dialog, folder, "export-dialog")
    dialog.close()
    return shot


def _print_preview(folder: Path) -> Path:
    doc = sample("changli-2021").load()
    choices = choices_for(doc, NodeRef(NodeKind.PROJECT, doc.projects[0]))
    job = print_job(doc, choices[0].scope)
    register_fonts(job.font_files())
    dialog = PreviewDialog(doc, choices, job)
    dialog.resize(1100, 860)
    dialog.show()
    widget = dialog.preview_widget()
    if widget is not None:
        QTest.qWait(500)  # pages are laid out once the view is shown
        widget.setCurrentPage(5)  # the first project table
        widget.previewChanged.emit()  # the dialog's page field follows
    shot = _save(dialog, folder, "print-preview", 600)
    dialog.close()
    return shot


def problem_workbook(work: Path) -> Path:
    """lunan-2025 exported, then "corrected" by hand the way clerks do: text where numbers belong."""
    path = work / "路南区应急管理局2025年绩效目标表.xlsx"
    export_document(sample("lunan-2025").load(), path)
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets[2:4]:
        ws["C4"] = "约五十万"
        ws["D7"] = "一半"
        ws.cell(row=ws.max_row + 2, column=1, value="注：本表由业务科室填报，金额待财务股核对。")
    book.save(path)
    return path


def _import_problems(folder: Path, work: Path) -> Path:
    result = import_workbook(problem_workbook(work))
    source = result.source or work
    intro = report_intro(len(result.problems), len(result.notes), source)
    dialog = ImportReportDialog("导入的问题与说明", intro, result.all_messages())
    dialog.resize(980, 420)
    dialog.show()
    shot = _save(dialog, folder, "import-problems")
    dialog.close()
    return shot


def _merge(folder: Path, work: Path) -> Path:
    sent = work / "报送"
    sent.mkdir()
    for s in samples():
        doc = s.load()
        if s.name != "lunan-2025":  # 路南 sends the workbook its clerks edited by hand
            save_document(doc, sent / f"{doc.unit.name}{doc.unit.fiscal_year}年.perfdesk")
    problem_workbook(sent)
    (sent / "某单位2025年（损坏）.perfdesk").write_bytes(b"not a database")
    (sent / "去年的表.xlsx").write_bytes(b"PK\x03\x04 truncated")
    window = MergeWindow(MainWindow)
    window.resize(1360, 600)
    window.show()
    window.add_paths([sent])
    while window.busy():
        QTest.qWait(50)
    window.table.selectRow(0)
    shot = _save(window, folder, "merge")
    window.close()
    for opened in window.opened:
        if isinstance(opened, MainWindow):
            opened.close()
    return shot
