"""打印预览 and 打印: the export's laid-out pages (the same as the PDF) painted with QPainter.

:func:`perfdesk.export.service.print_job` lays the document out in a worker thread; each text
line comes as (font file, text) runs, placed with the export's own glyph widths, so a printed
page matches the PDF glyph for glyph.  The font files are registered with Qt first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar, QWidget

from perfdesk.export.layout import FontRole
from perfdesk.export.pages import FOOTER_BASELINE, FOOTER_SIZE, RULE_WIDTH, Page, RectOp, TextOp
from perfdesk.export.service import ExportError, PrintJob, Scope, print_job
from perfdesk.fonts import FontFile
from perfdesk.models.document import Document
from perfdesk.ui import dialogs
from perfdesk.ui.core.worker import Task, run_with_progress
from perfdesk.ui.dialogs.scopes import ScopeChoice

_FAMILIES: dict[tuple[str, int], str] = {}  # (font file, face index) → Qt family name


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("printing", text)


def register_fonts(files: Iterable[FontFile]) -> dict[tuple[str, int], str]:
    """Register font files with Qt (once each, GUI thread); returns file → family for all known."""
    for file in files:
        key = (str(file.path), file.index)
        if key in _FAMILIES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(file.path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if file.family in families:
            _FAMILIES[key] = file.family
        elif families:
            _FAMILIES[key] = families[min(file.index, len(families) - 1)]
        else:
            _FAMILIES[key] = file.family  # an installed system font of that name, if any
    return dict(_FAMILIES)


def new_printer() -> QPrinter:
    """A high-resolution A4 portrait printer whose painter origin is the paper's corner."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def turn_printer(printer: QPrinter, page: Page) -> None:
    """Set the printer's orientation to the page's (a wide table's pages are landscape)."""
    wanted = QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait
    if printer.pageLayout().orientation() != wanted:
        printer.setPageOrientation(wanted)


class PagePainter:
    """Paints a print job's pages onto a printer (in any thread, once its fonts are registered)."""

    def __init__(self, job: PrintJob, families: dict[tuple[str, int], str]) -> None:
        self.job = job
        self.families = families
        self._fonts: dict[tuple[str, float, float], QFont] = {}
        self.k = 1.0  # device pixels per PDF point
        self.width, self.height = job.width, job.height  # of the page being painted, in points
        self.origin = QPointF()

    def page_numbers(self, printer: QPrinter) -> list[int]:
        """The pages to print (0-based), honouring a page range chosen in the print dialog."""
        count = len(self.job.pages.pages)
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 and last <= 0:
            return list(range(count))
        return list(range(max(first, 1) - 1, min(last or count, count)))

    def paint(
        self,
        printer: QPrinter,
        pages: list[int] | None = None,
        step: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Paint the pages; returns how many were painted (fewer when cancelled)."""
        numbers = self.page_numbers(printer) if pages is None else pages
        if numbers:
            turn_printer(printer, self.job.pages.pages[numbers[0]])
        painter = QPainter()
        if not painter.begin(printer):
            raise ExportError(tr("无法开始打印（打印机不可用或文件无法写入）"))
        done = 0
        try:
            for i, number in enumerate(numbers):
                if cancelled is not None and cancelled():
                    printer.abort()
                    break
                page = self.job.pages.pages[number]
                if i:
                    turn_printer(printer, page)  # takes effect on the new page
                    printer.newPage()
                self.paint_page(painter, printer, page)
                done += 1
                if step is not None:
                    step(done, len(numbers))
        finally:
            painter.end()
        return done

    def paint_page(self, painter: QPainter, printer: QPrinter, page: Page) -> None:
        """Paint one page, from PDF points to device pixels (centred if the paper is not A4)."""
        paper = printer.pageLayout().fullRectPixels(printer.resolution())
        self.width, self.height = page.size
        self.k = min(paper.width() / self.width, paper.height() / self.height)
        self.origin = QPointF((paper.width() - self.width * self.k) / 2, (paper.height() - self.height * self.k) / 2)
        painter.fillRect(QRectF(paper), Qt.GlobalColor.white)
        self._rects(painter, [op for op in page.ops if isinstance(op, RectOp)])
        painter.setPen(QPen(Qt.GlobalColor.black))
        for op in page.ops:
            if isinstance(op, TextOp) and op.text:
                self._text(painter, printer, op)
        if page.footer:
            width = self.job.book.width(page.footer, FontRole.BODY, FOOTER_SIZE)
            footer = TextOp((self.width - width) / 2, FOOTER_BASELINE, page.footer, FontRole.BODY, FOOTER_SIZE)
            self._text(painter, printer, footer)

    def _point(self, x: float, y: float) -> QPointF:
        """A PDF point (origin bottom left) in device pixels (origin top left)."""
        return QPointF(self.origin.x() + x * self.k, self.origin.y() + (self.height - y) * self.k)

    def _rects(self, painter: QPainter, rects: list[RectOp]) -> None:
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(RULE_WIDTH * self.k)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for r in rects:
            painter.drawRect(QRectF(self._point(r.x, r.y + r.height), self._point(r.x + r.width, r.y)))

    def _text(self, painter: QPainter, printer: QPrinter, op: TextOp) -> None:
        """Each run (each character of a justified line) at the x the PDF gives it."""
        x = op.x
        book = self.job.book
        for file, text in self.job.runs(op):
            painter.setFont(self._font(printer, file, op.size))
            pieces = list(text) if op.char_space else [text]
            for piece in pieces:
                painter.drawText(self._point(x, op.y), piece)
                x += book.width(piece, op.role, op.size) + op.char_space * len(piece)

    def _font(self, printer: QPrinter, file: FontFile, size: float) -> QFont:
        """The face of ``file``, ``size`` points high on the page."""
        key = (f"{file.path}#{file.index}", size, self.k)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.families.get((str(file.path), file.index), file.family))
            font.setPointSizeF(size * self.k * 72 / printer.resolution())  # = size * k device pixels
            font.setKerning(False)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
            self._fonts[key] = font
        return font


def build_job(doc: Document, scope: Scope, task: Task | None = None) -> PrintJob:
    """Lay the pages out (any thread)."""
    if task is not None:
        task.report(0, 0, tr("正在排版…"))
    return print_job(doc, scope)


def paint_to_pdf(job: PrintJob, path: Path) -> int:
    """Paint a job into a PDF through QPrinter (tests compare it with the export's PDF)."""
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    families = register_fonts(job.font_files())
    return PagePainter(job, families).paint(printer)


class PreviewDialog(QPrintPreviewDialog):
    """QPrintPreviewDialog with a 范围 box in its tool bar; pages are laid out once per scope."""

    def __init__(
        self, doc: Document, choices: list[ScopeChoice], first: PrintJob, parent: QWidget | None = None
    ) -> None:
        self.printer = new_printer()
        super().__init__(self.printer, parent)
        self.setWindowTitle(self.tr("打印预览"))
        self.doc = doc
        self.choices = choices
        self.jobs: dict[Scope, PrintJob] = {choices[0].scope: first}
        self.scope = choices[0].scope
        self.painted_pages = 0
        self.paintRequested.connect(self._paint)
        self.scope_box = QComboBox()
        for choice in choices:
            self.scope_box.addItem(choice.label)
        self.scope_box.setEnabled(len(choices) > 1)
        self.scope_box.setMaximumWidth(200)
        self.scope_box.currentIndexChanged.connect(self.choose)
        # Qt counts sheets ("2 / 6"); the footer counts numbered pages ("第 1 页 共 5 页", no
        # number on the cover): show what is printed on the current sheet beside Qt's counter.
        self.printed_label = QLabel()
        self.printed_label.setProperty("role", "hint")
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            _insert_after_page_count(toolbar, self.printed_label)
            toolbar.addSeparator()
            toolbar.addWidget(QLabel(self.tr(" 范围 ")))
            toolbar.addWidget(self.scope_box)
            for edit in toolbar.findChildren(QLineEdit):  # Qt's page number box (and the zoom box)
                edit.textChanged.connect(self._update_printed)
        widget = self.preview_widget()
        if widget is not None:
            widget.previewChanged.connect(self._update_printed)
        self.resize(1200, 900)

    def printed_text(self, sheet: int) -> str:
        """What the footer of sheet ``sheet`` (1-based) says: 第 n 页 共 N 页, or that it has none."""
        pages = self.jobs[self.scope].pages.pages
        if not 1 <= sheet <= len(pages):
            return ""
        page = pages[sheet - 1]
        return self.tr("印：{footer}").format(footer=page.footer) if page.footer else self.tr("印：无页码（封面）")

    def _update_printed(self, text: object = None) -> None:
        """Follow Qt's page number box (its text is the sheet shown), else the preview's page."""
        widget = self.preview_widget()
        if isinstance(text, str) and text.isdigit():
            sheet = int(text)
        else:
            sheet = widget.currentPage() if widget is not None else 1
        self.printed_label.setText(self.printed_text(sheet))

    def preview_widget(self) -> QPrintPreviewWidget | None:
        """The page view inside the dialog."""
        return self.findChild(QPrintPreviewWidget)

    def choose(self, index: int) -> None:
        """Show another scope (laid out on first use)."""
        scope = self.choices[index].scope
        if scope not in self.jobs:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.jobs[scope] = print_job(self.doc, scope)
            except ExportError as exc:
                dialogs.show_error(self, self.tr("无法预览"), str(exc))
                self._show_scope(self.scope)
                return
            finally:
                QGuiApplication.restoreOverrideCursor()
        self.scope = scope
        widget = self.preview_widget()
        if widget is not None:
            widget.updatePreview()

    def _show_scope(self, scope: Scope) -> None:
        """Put the 范围 box back on ``scope`` (after a scope that could not be laid out)."""
        index = next(i for i, c in enumerate(self.choices) if c.scope == scope)
        blocked = self.scope_box.blockSignals(True)
        self.scope_box.setCurrentIndex(index)
        self.scope_box.blockSignals(blocked)

    def _paint(self, printer: QPrinter) -> None:
        job = self.jobs[self.scope]
        self.painted_pages = PagePainter(job, register_fonts(job.font_files())).paint(printer)


def _insert_after_page_count(toolbar: QToolBar, widget: QWidget) -> None:
    """Put ``widget`` right after Qt's "/ 11" label (else at the end of the tool bar)."""
    actions = toolbar.actions()
    for i, action in enumerate(actions):
        label = toolbar.widgetForAction(action)
        if isinstance(label, QLabel) and i + 1 < len(actions):  # Qt's only label: "/ 11"
            toolbar.insertWidget(actions[i + 1], widget)
            return
    toolbar.addWidget(widget)


class PrintActions(QObject):
    """The 打印预览 and 打印 commands of one main window (a child of it)."""

    def __init__(
        self, window: QWidget, document: Callable[[], Document | None], choices: Callable[[], list[ScopeChoice]]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.choices = choices
        self.last_preview: PreviewDialog | None = None
        self.pending: tuple[Document, list[ScopeChoice]] | None = None
        self.print_task: Task | None = None

    def preview(self) -> None:
        """文件 › 打印预览: lay out in a worker, then show the pages."""
        doc = self.document()
        if doc is None:
            return
        snapshot = copy.deepcopy(doc)
        choices: list[ScopeChoice] = self.choices()
        task = Task(lambda t: build_job(snapshot, choices[0].scope, t))
        task.succeeded.connect(self._show_preview)
        task.failed.connect(self._preview_failed)
        self.pending = (snapshot, choices)
        run_with_progress(self.window, task, tr("打印预览"), tr("正在排版…"))

    def _show_preview(self, job: PrintJob) -> None:
        assert self.pending is not None
        doc, choices = self.pending
        register_fonts(job.font_files())
        dialog = PreviewDialog(doc, choices, job, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_preview = dialog
        dialog.exec()

    def print_document(self) -> None:
        """文件 › 打印 (Ctrl+P): choose the scope and the printer, then print in a worker."""
        doc = self.document()
        if doc is None:
            return
        choices: list[ScopeChoice] = self.choices()
        choice = choices[0] if len(choices) == 1 else dialogs.ask_print_scope(self.window, choices)
        if choice is None:
            return
        printer = new_printer()
        if not dialogs.ask_printer(self.window, printer):
            return
        self.start_print(copy.deepcopy(doc), choice.scope, printer)

    def start_print(self, doc: Document, scope: Scope, printer: QPrinter) -> Task:
        """Lay out and paint in a worker thread (QPainter on a QPrinter works off the GUI thread)."""
        families = register_fonts(_all_font_files())

        def work(task: Task) -> int:
            job = build_job(doc, scope, task)
            painter = PagePainter(job, families)
            return painter.paint(
                printer, step=lambda d, n: task.report(d, n, tr("正在打印…")), cancelled=task.cancelled
            )

        task = Task(work)
        task.printer = printer  # type: ignore[attr-defined]  # alive until the worker is done
        task.succeeded.connect(self._printed)
        task.failed.connect(self._print_failed)
        self.print_task = task
        run_with_progress(self.window, task, tr("打印"), tr("正在排版…"))
        return task

    def _printed(self, pages: int) -> None:
        if self.print_task is not None and self.print_task.cancelled():
            self._status(tr("已取消打印"))
        else:
            self._status(tr("已打印 {n} 页").format(n=pages))

    def _preview_failed(self, exc: BaseException) -> None:
        self._failed(tr("无法预览"), exc)

    def _print_failed(self, exc: BaseException) -> None:
        self._failed(tr("打印失败"), exc)

    def _failed(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, ExportError):
            text = str(exc)
        else:
            text = tr("意外错误：{e}").format(e=f"{type(exc).__name__}: {exc}")
        dialogs.show_error(self.window, title, text)

    def _status(self, text: str) -> None:
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(text, 8000)


def _all_font_files() -> list[FontFile]:
    from perfdesk.fonts import find_fonts

    return [f for files in find_fonts().values() for f in files]
