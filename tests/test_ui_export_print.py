"""文件 › 导出… and 打印预览/打印: worker thread, progress, 取消, and the same pages as the PDF."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QPushButton

from perfdesk.export.service import ExportResult, Form, Scope, export_document, print_job
from perfdesk.samples import sample
from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.dialogs.exportdialog import ExportDialog, ExportRequest
from perfdesk.ui.dialogs.scopes import choices_for
from perfdesk.ui.transfer import exporting, printing
from perfdesk.ui.transfer.fileactions import transfer_of
from perfdesk.ui.transfer.printing import PreviewDialog, paint_to_pdf


def pdf_pages(path: Path) -> int:
    assert path.read_bytes()[:5] == b"%PDF-"
    return len(PdfReader(str(path)).pages)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exported files."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def progress_seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Records the progress every task reports to its dialog."""
    seen: list[tuple[int, int]] = []
    for module in (exporting, printing):
        real = module.run_with_progress

        def spy(parent: Any, task: Any, title: str, label: str, real: Any = real) -> Any:
            task.progress.connect(lambda done, total, _text: seen.append((done, total)))
            return real(parent, task, title, label)

        monkeypatch.setattr(module, "run_with_progress", spy)
    return seen


@pytest.fixture
def after_export(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The 导出完成 message: recorded, answered "open the folder"; opened URLs recorded too."""
    asked: list[tuple[Any, ...]] = []
    monkeypatch.setattr(dialogs_module, "ask_after_export", lambda *args: asked.append(args) or "folder")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: asked.append((url,)) or True))
    return asked


def export_from_menu(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, target: Path, which: int = 0) -> Any:
    offered: list[Any] = []

    def ask(parent: Any, doc: Any, choices: list[Any], folder: Path) -> ExportRequest:
        offered.extend(choices)
        return ExportRequest(target, choices[which].scope, choices[which].label)

    monkeypatch.setattr(dialogs_module, "ask_export", ask)
    actions = transfer_of(window).exporting
    window.actions_by_name["export"].trigger()
    qtbot.waitUntil(lambda: actions.last_task is not None and not actions.last_task.running, timeout=60_000)
    return offered


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx", ".docx"])
def test_export_from_the_menu(window, qtbot, monkeypatch, out, progress_seen, after_export, suffix) -> None:
    window.open_sample("changli-2021")
    target = out / f"昌黎{suffix}"
    export_from_menu(window, qtbot, monkeypatch, target)
    result = transfer_of(window).exporting.last_result
    assert isinstance(result, ExportResult) and result.path == target
    if suffix == ".pdf":
        assert pdf_pages(target) == result.pages == 17  # the 公文 page setup of seed 001
    elif suffix == ".xlsx":
        book = openpyxl.load_workbook(target)
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        assert visible[:2] == ["目录", "部门整体绩效目标"] and len(visible) == 2 + 6  # and one sheet per project
    else:
        assert target.read_bytes()[:2] == b"PK"
    assert progress_seen and progress_seen[-1][0] == progress_seen[-1][1] > 1
    title, text = after_export[0][1], after_export[0][2]
    assert title == "导出完成" and str(target) in text
    assert after_export[1] == (QUrl.fromLocalFile(str(out)),)  # 打开所在文件夹
    assert [p.name for p in out.iterdir()] == [target.name]  # no temporary file left behind


def test_export_warnings_are_listed(window, qtbot, monkeypatch, out, after_export) -> None:
    doc = sample("gaoxin-2022").load()
    doc.projects[0].name += "\u0d85"  # no font the project installs has Sinhala
    window.new_document(doc)
    export_from_menu(window, qtbot, monkeypatch, out / "gaoxin.pdf")
    _parent, _title, text, details = after_export[0]
    assert "1 条提示" in text
    assert "字体中没有字符“\u0d85”（U+0D85）" in details


def test_export_the_current_project_only(window, qtbot, monkeypatch, tmp_path, after_export) -> None:
    window.open_sample("changli-2021")
    target = tmp_path / "project.pdf"
    offered = export_from_menu(window, qtbot, monkeypatch, target, which=1)
    assert [c.label for c in offered] == ["整个文档", "当前项目：1、非税收入安排解决历史遗留问题"]
    assert offered[1].scope == Scope(Form.PROJECTS, 0)
    assert pdf_pages(target) == 2  # one project table on 公文 pages (seed 001's page setup)


def test_cancel_leaves_no_file(window, qtbot, monkeypatch, out, dialogs) -> None:
    window.open_sample("lunan-2025")
    target = out / "cancelled.pdf"
    gate = threading.Event()
    real = exporting.export_document

    def slow_export(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(30)  # the worker waits until the clerk has pressed 取消
        return real(*args, **kwargs)

    monkeypatch.setattr(exporting, "export_document", slow_export)
    progress: list[Any] = []
    real_run = exporting.run_with_progress
    monkeypatch.setattr(exporting, "run_with_progress", lambda *a: progress.append(real_run(*a)) or progress[-1])
    monkeypatch.setattr(dialogs_module, "ask_export", lambda *a: ExportRequest(target, Scope()))
    window.actions_by_name["export"].trigger()
    task = transfer_of(window).exporting.last_task
    progress[0].findChild(QPushButton).click()  # 取消
    gate.set()
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert task.cancelled()
    assert list(out.iterdir()) == []
    assert "已取消导出" in window.statusBar().currentMessage()
    assert "show_error" not in dialogs.names()


def test_export_failure_is_shown_in_chinese(window, qtbot, monkeypatch, tmp_path, dialogs) -> None:
    window.open_sample("gaoxin-2022")
    export_from_menu(window, qtbot, monkeypatch, tmp_path / "missing-folder" / "x.pdf")
    assert dialogs.names() == ["show_error"]
    assert "文件夹不存在" in dialogs.asked[0][1][1]


def test_export_dialog_suggests_a_name_from_unit_year_scope_and_format(app, qtbot, tmp_path) -> None:
    doc = sample("changli-2021").load()
    from perfdesk.ui.core.nodes import NodeKind, NodeRef

    dialog = ExportDialog(doc, choices_for(doc, NodeRef(NodeKind.PROJECT, doc.projects[1])), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path() == tmp_path / "昌黎县应急管理局2021年预算绩效目标.pdf"
    dialog.format.setCurrentIndex(1)
    assert dialog.path().name == "昌黎县应急管理局2021年预算绩效目标.xlsx"
    dialog.scopes.choose(1)
    assert dialog.path().name.startswith("昌黎县应急管理局2021年_2、") and dialog.path().suffix == ".xlsx"
    assert dialog.request().scope == Scope(Form.PROJECTS, 1)
    dialog.file.setText(str(tmp_path / "自定"))
    dialog.scopes.choose(0)  # a typed name is kept
    assert dialog.path() == tmp_path / "自定.xlsx"


@pytest.mark.parametrize("name", ["changli-2021", "dongguan-2024", "gaoxin-selfeval-2024"])
def test_printed_pages_are_the_pdf_pages(app, tmp_path, name) -> None:
    doc = sample(name).load()
    exported = export_document(doc, tmp_path / "export.pdf")
    painted = paint_to_pdf(print_job(doc), tmp_path / "printed.pdf")
    assert painted == exported.pages == pdf_pages(tmp_path / "printed.pdf")
    reader = PdfReader(str(tmp_path / "printed.pdf"))
    first = reader.pages[0].extract_text()
    assert doc.unit.name in first.replace(" ", "").replace("\n", "")


def test_print_preview_paints_every_page_and_switches_scope(window, qtbot, monkeypatch) -> None:
    window.open_sample("changli-2021")
    shown: list[PreviewDialog] = []
    monkeypatch.setattr(PreviewDialog, "exec", lambda self: shown.append(self) or self.show() or 0)
    window.actions_by_name["print_preview"].trigger()
    qtbot.waitUntil(lambda: bool(shown) and shown[0].painted_pages > 0, timeout=60_000)
    dialog = shown[0]
    assert dialog.painted_pages == 17 == dialog.preview_widget().pageCount()
    assert [dialog.scope_box.itemText(i) for i in range(dialog.scope_box.count())][1].startswith("当前项目")
    dialog.painted_pages = 0
    dialog.scope_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.painted_pages == 2, timeout=30_000)
    dialog.close()


def test_a_scope_that_cannot_be_previewed_says_why(window, qtbot, monkeypatch, dialogs) -> None:
    window.open_sample("dongguan-2024")  # a 部门整体预算绩效目标表 only, no 部门整体绩效目标 text
    from perfdesk.ui.core.nodes import NodeKind, NodeRef

    window.view.open_node(NodeRef(NodeKind.UNIT))
    shown: list[PreviewDialog] = []
    monkeypatch.setattr(PreviewDialog, "exec", lambda self: shown.append(self) or self.show() or 0)
    window.actions_by_name["print_preview"].trigger()
    qtbot.waitUntil(lambda: bool(shown) and shown[0].painted_pages > 0, timeout=30_000)
    dialog = shown[0]
    dialog.scope_box.setCurrentIndex(1)  # 部门整体绩效目标（文本）
    assert dialogs.names() == ["show_error"]
    assert dialogs.asked[0][1] == ("无法预览", "文档中没有可导出的部门整体绩效目标（文本）")
    assert dialog.scope_box.currentIndex() == 0 and dialog.scope == Scope()
    dialog.close()


def test_print_goes_through_the_printer_in_a_worker(window, qtbot, monkeypatch, tmp_path, progress_seen) -> None:
    window.open_sample("changli-2021")
    out = tmp_path / "printed.pdf"
    asked: list[str] = []
    monkeypatch.setattr(dialogs_module, "ask_print_scope", lambda parent, choices: asked.append("scope") or choices[1])

    def ask_printer(parent: Any, printer: QPrinter) -> bool:
        asked.append("printer")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(dialogs_module, "ask_printer", ask_printer)
    window.actions_by_name["print"].trigger()
    actions = transfer_of(window).printing
    qtbot.waitUntil(lambda: actions.print_task is not None and not actions.print_task.running, timeout=60_000)
    assert asked == ["scope", "printer"]
    assert pdf_pages(out) == 2  # the current project's table, on 公文 pages
    assert window.statusBar().currentMessage() == "已打印 2 页"
    assert progress_seen[-1] == (2, 2)


def test_actions_follow_the_document(window, qtbot) -> None:
    names = window.actions_by_name
    assert not names["export"].isEnabled() and not names["print"].isEnabled()
    assert names["import_workbook"].isEnabled() and names["merge"].isEnabled()
    assert names["export"].shortcut().toString() == "Ctrl+E" and names["print"].shortcut().toString() == "Ctrl+P"
    window.open_sample("changli-2021")
    assert names["export"].isEnabled() and names["print_preview"].isEnabled() and names["import_projects"].isEnabled()
    window.close_document()
    qtbot.waitUntil(lambda: not names["export"].isEnabled() and not names["import_projects"].isEnabled())


def test_scope_of_each_kind_of_tab() -> None:
    from perfdesk.models.document import ProjectEval
    from perfdesk.ui.core.nodes import NodeKind, NodeRef
    from perfdesk.ui.dialogs.scopes import current_choices, file_stem

    doc = sample("changli-2021").load()
    project = doc.projects[2]
    project.evaluation = ProjectEval()

    def scopes(kind: NodeKind, p: Any = None) -> list[Scope]:
        return [c.scope for c in current_choices(doc, NodeRef(kind, p))]

    assert scopes(NodeKind.PROJECT, project) == [Scope(Form.PROJECTS, 2), Scope(Form.EVALS, 2)]
    assert scopes(NodeKind.EVALUATION, project) == [Scope(Form.EVALS, 2), Scope(Form.PROJECTS, 2)]
    assert scopes(NodeKind.EVALS) == [Scope(Form.EVALS)]
    assert scopes(NodeKind.PROJECTS) == [Scope(Form.PROJECTS)]
    assert scopes(NodeKind.SUMMARY) == scopes(NodeKind.UNIT) == [Scope(Form.TEXT)]
    assert scopes(NodeKind.DEPT) == [Scope(Form.DEPT)]
    assert scopes(NodeKind.SELF) == [Scope(Form.REPORT)]
    project.name = 'a/b:c*"d"'
    stem = file_stem(doc, current_choices(doc, NodeRef(NodeKind.PROJECT, project))[0])
    assert stem == "昌黎县应急管理局2021年_3、a_b_c_d"


# ------------------------------------------------------------------ export with 审核 errors


def _with_errors(window: Any) -> int:
    """Open a sample and break two amounts (预算数 ≠ 财政资金 + 其他资金): errors in 审核."""
    from perfdesk.models.checks import check_document

    window.open_sample("changli-2021")
    doc = window.session.document
    for project in doc.projects[:2]:
        project.budget_total = (project.budget_total or Decimal(0)) + Decimal("1")
    return sum(1 for f in check_document(doc) if f.is_error)


@pytest.mark.parametrize(("answer", "exported"), [("check", False), ("", False), ("export", True)])
def test_export_with_errors_asks_first(window, qtbot, monkeypatch, out, after_export, answer, exported) -> None:
    errors = _with_errors(window)
    assert errors >= 2
    asked: list[int] = []
    monkeypatch.setattr(dialogs_module, "ask_export_with_errors", lambda _p, n: asked.append(n) or answer)
    target = out / "昌黎.pdf"
    if exported:
        export_from_menu(window, qtbot, monkeypatch, target)
    else:
        monkeypatch.setattr(dialogs_module, "ask_export", lambda *_a: pytest.fail("no export dialog after 审核/取消"))
        window.actions_by_name["export"].trigger()
    assert asked == [errors]  # the count is in the question
    assert target.exists() is exported
    if answer == "check":
        assert window.view.checks.isVisible()


def test_export_with_errors_question_has_the_three_buttons(app, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[Any] = []

    def exec_(box: QMessageBox) -> int:
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == "仍然导出").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert dialogs_module.ask_export_with_errors(None, 36) == "export"
    [(text, buttons)] = seen
    assert "36" in text and {"审核", "仍然导出", "取消"} <= set(buttons)


@pytest.mark.parametrize(
    ("ask", "click", "answer"),
    [
        (lambda d: d.ask_unsaved(None, "a.perfdesk"), "保存", "save"),
        (lambda d: d.ask_unsaved(None, "a.perfdesk"), "不保存", "discard"),
        (lambda d: d.ask_unsaved(None, "a.perfdesk"), "取消", "cancel"),
        (lambda d: d.ask_after_export(None, "导出", "已导出"), "打开所在文件夹", "folder"),
        (lambda d: d.ask_after_export(None, "导出", "已导出"), "关闭", ""),
        (lambda d: d.ask_recovery(None, []), "以后再说", "later"),
    ],
)
def test_three_button_questions_answer_by_the_button_clicked(app, monkeypatch, ask, click, answer) -> None:
    from PySide6.QtWidgets import QMessageBox

    def exec_(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == click).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert ask(dialogs_module) == answer


def test_empty_template_rows_are_left_out_of_the_print() -> None:
    from perfdesk.export.compose import build_layout
    from perfdesk.export.layout import printed_rows
    from perfdesk.models.document import Indicator

    doc = sample("changli-2021").load()
    project = doc.projects[0]

    def table_rows() -> list[list[str]]:
        tables = [table for part, table in build_layout(doc, Scope(Form.PROJECTS, 0)).tables()]
        return [[c.text for c in row.cells if c is not None] for table in tables for row in table.rows]

    before = table_rows()
    project.indicators.append(Indicator(level1="产出指标", level2="时效指标"))  # an untouched template row
    assert table_rows() == before
    project.indicators.append(Indicator(level1="效益指标", level2="生态效益指标", basis="计划"))
    after = table_rows()
    assert len(after) == len(before) + 1 and any("计划" in row for row in after)
    assert printed_rows([Indicator(level1="x"), Indicator(value=" 5 ")], "level3", "value") == [Indicator(value=" 5 ")]


def test_two_exports_in_a_row_leave_no_dead_progress_dialog(window, qtbot, monkeypatch, out, after_export) -> None:
    """RuntimeError '… QProgressDialog already deleted' came after the first export."""
    window.open_sample("changli-2021")
    for n in range(2):
        export_from_menu(window, qtbot, monkeypatch, out / f"昌黎{n}.pdf")
        qtbot.wait(50)  # let deleteLater run between the exports
    assert (out / "昌黎0.pdf").exists() and (out / "昌黎1.pdf").exists()


def test_print_preview_says_what_each_sheet_prints(window, qtbot, monkeypatch) -> None:
    """Qt counts sheets (2 / 11); the page shows “第 1 页 共 10 页”: the label says so."""
    window.open_sample("gaoxin-2022")  # a sample whose seed prints a title page
    shown: list[PreviewDialog] = []
    monkeypatch.setattr(PreviewDialog, "exec", lambda self: shown.append(self) or self.show() or 0)
    window.actions_by_name["print_preview"].trigger()
    qtbot.waitUntil(lambda: bool(shown) and shown[0].painted_pages > 0, timeout=60_000)
    dialog = shown[0]
    pages = dialog.jobs[dialog.scope].pages.pages
    assert not pages[0].footer and pages[1].footer.startswith("第 1 页")
    assert dialog.printed_text(1) == "印：无页码（封面）"
    from PySide6.QtWidgets import QLineEdit

    page_box = next(e for e in dialog.findChildren(QLineEdit) if e.text() == "1")  # Qt's “1 / 11”
    page_box.setText("2")  # the clerk goes to the second sheet
    qtbot.waitUntil(lambda: "第 1 页 共" in dialog.printed_label.text(), timeout=5000)
    assert dialog.printed_label.text() == f"印：{pages[1].footer}"
    dialog.close()


def test_open_file_without_a_viewer_says_so_and_offers_the_folder(window, qtbot, monkeypatch, out, dialogs) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return not url.toLocalFile().endswith(".pdf")  # no PDF viewer on this PC

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    monkeypatch.setattr(dialogs_module, "ask_after_export", lambda *args: "file")
    window.open_sample("changli-2021")
    target = out / "昌黎.pdf"
    export_from_menu(window, qtbot, monkeypatch, target)
    assert dialogs.names()[-1] == "confirm" and "没有可以打开 PDF 文件的程序" in dialogs.asked[-1][1][1]
    assert opened == [str(target), str(out)]  # the file failed, the folder was opened


def test_export_dialog_shows_the_page_setup_and_the_typeface_set(app, qtbot, tmp_path) -> None:
    from perfdesk.export.service import typeface_text
    from perfdesk.fonts import typefaces
    from perfdesk.ui.core.nodes import NodeKind, NodeRef

    doc = sample("changli-2021").load()
    dialog = ExportDialog(doc, choices_for(doc, NodeRef(NodeKind.PROJECT, doc.projects[1])), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.faces.text() == typeface_text()
    assert typefaces().family("body") in dialog.faces.text()  # the face the PDF embeds and Word names
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert any(t.startswith("公文：A4，页边距 上/下/左/右 37/35/28/26 毫米") for t in labels)


def test_export_dialog_offers_the_table_orientation_for_this_export(app, qtbot, tmp_path) -> None:
    from perfdesk.models.document import Orientation
    from perfdesk.ui.core.nodes import NodeKind, NodeRef

    doc = sample("changli-2021").load()
    dialog = ExportDialog(doc, choices_for(doc, NodeRef(NodeKind.UNIT)), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.orientation.currentData() == Orientation.AUTO == doc.unit.printing.orientation
    assert dialog.request().orientation is None  # the document's own choice
    dialog.orientation.setCurrentIndex(2)
    assert dialog.request().orientation is Orientation.LANDSCAPE
    assert doc.unit.printing.orientation is Orientation.AUTO  # the document is not changed


def test_an_export_turned_in_the_dialog_prints_landscape(window, qtbot, monkeypatch, out, after_export) -> None:
    from perfdesk.models.document import Orientation

    window.open_sample("gaoxin-2022")
    target = out / "横向.pdf"
    monkeypatch.setattr(
        dialogs_module, "ask_export", lambda *a: ExportRequest(target, Scope(), "", Orientation.LANDSCAPE)
    )
    actions = transfer_of(window).exporting
    window.actions_by_name["export"].trigger()
    qtbot.waitUntil(lambda: actions.last_task is not None and not actions.last_task.running, timeout=60_000)
    pages = PdfReader(str(target)).pages
    turned = [float(p.mediabox.width) > float(p.mediabox.height) for p in pages]
    assert turned[0] is False and any(turned)  # the title page upright, the tables turned
    assert window.session.document.unit.printing.orientation is Orientation.AUTO
