"""Export entry points for the GUI (from a worker thread) and the command line.

:func:`export_document` writes a PDF, workbook or Word file chosen by the file suffix, reports
progress, can be cancelled, and replaces the target atomically: on any failure or cancel no
file, partial or temporary, is left behind.  :func:`print_job` gives the laid-out pages that
print preview and printing paint (the same pages as the PDF); :func:`preview_pdf` the PDF bytes.
Nothing here touches widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from perfdesk.atomic import replacing, write_failure
from perfdesk.export.compose import Form, Scope, ScopeError, build_layout, resolve_project
from perfdesk.export.layout import ExportWarning, Layout
from perfdesk.export.pages import PAGE_HEIGHT, PAGE_WIDTH, Pages, TextOp
from perfdesk.fonts import FontFile
from perfdesk.models.document import Document

if TYPE_CHECKING:
    from perfdesk.export.pdf_text import FontBook

# The writers (reportlab, openpyxl, python-docx) are imported when first used: the editor
# imports this module at start-up and should not pay ~0.3 s for libraries it may never call.

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

FORMATS = {".pdf": "PDF", ".xlsx": "Excel 工作簿", ".docx": "Word 文档"}

__all__ = [
    "ExportCancelled",
    "ExportError",
    "ExportResult",
    "Form",
    "PrintJob",
    "Scope",
    "export_document",
    "page_setup_text",
    "preview_pdf",
    "print_job",
    "scope_from_text",
    "typeface_text",
]


def page_setup_text(doc: Document, with_orientation: bool = True) -> str:
    """The document's page setup in a few words, for the export dialog."""
    from perfdesk.export.layout import PAGE_SETUPS

    setup = PAGE_SETUPS[doc.unit.printing.page_style.value]
    body = setup.style("body")
    margins = "/".join(f"{m:g}" for m in (setup.margin_top, setup.margin_bottom, setup.margin_left, setup.margin_right))
    text = f"{setup.name}：A4，页边距 上/下/左/右 {margins} 毫米，正文 {body.size:g} 磅"
    return f"{text}；{ORIENTATION_TEXT[doc.unit.printing.orientation.value]}" if with_orientation else text


ORIENTATION_TEXT = {
    "auto": "宽表横向打印（自动）",
    "portrait": "全部纵向打印",
    "landscape": "表格横向打印",
}


def typeface_text() -> str:
    """This machine's one typeface set (PDF, Excel and Word alike), for the export dialog."""
    from perfdesk.fonts import typefaces

    faces = typefaces()
    if faces.body is None:
        return "未找到中文字体：无法导出 PDF"
    return faces.describe()


class ExportError(Exception):
    """The export failed; the message says why, in Chinese, ready to show."""


class ExportCancelled(ExportError):
    """The user cancelled the export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("导出已取消")


@dataclass
class ExportResult:
    """What was written: the file, its kind, how many parts and pages, and warnings."""

    path: Path
    kind: str
    parts: int
    pages: int | None = None  # PDF only
    warnings: list[ExportWarning] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a status bar or the command line."""
        size = f"，{self.pages} 页" if self.pages is not None else ""
        return f"已导出 {self.kind}：{self.path}（{self.parts} 部分{size}）"


@dataclass
class PrintJob:
    """Laid-out pages for print preview and printing, in PDF points (A4, origin bottom left).

    Paint each page's ``RectOp`` borders and ``TextOp`` lines; :meth:`runs` splits a line into
    (font file, text) runs so that the painter uses the same faces as the PDF.
    """

    pages: Pages
    book: FontBook
    layout: Layout
    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT

    def runs(self, op: TextOp) -> list[tuple[FontFile, str]]:
        """The text of ``op`` as runs of one font file each."""
        files = self.book.face_names()
        return [(files[name], text) for name, text in self.book.runs(op.text, op.role)]

    def font_files(self) -> list[FontFile]:
        """Every font file the pages use, to register with the painter first."""
        return list(dict.fromkeys(self.book.face_names().values()))


class _Ticker:
    """Counts steps, reports progress and raises ExportCancelled when asked to stop."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.done, self.total = 0, max(total, 1)
        self.progress, self.cancelled = progress, cancelled
        self.check()

    def check(self) -> None:
        """Raise ExportCancelled if the caller asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled

    def step(self) -> None:
        """One step done: report progress, then check for cancel."""
        self.done = min(self.done + 1, self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)
        self.check()

    def finish(self) -> None:
        """Report completion (no cancel check: the file is already in place)."""
        self.done = self.total
        if self.progress is not None:
            self.progress(self.done, self.total)


def kind_of(path: Path) -> str:
    """The file kind from the suffix; ExportError for an unsupported one."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path.name}: 不支持的文件类型“{path.suffix or '无后缀'}”（请用 .pdf、.xlsx 或 .docx）")
    return suffix


def scope_from_text(doc: Document, form: str = "all", project: str | None = None) -> Scope:
    """A scope from command-line words: a form name and a project number, code or name."""
    try:
        chosen = Form(form)
    except ValueError:
        names = "、".join(f.value for f in Form)
        raise ExportError(f"没有表单“{form}”（可用：{names}）") from None
    try:
        index = resolve_project(doc, project) if project is not None else None
    except ScopeError as exc:
        raise ExportError(str(exc)) from None
    if index is not None and chosen is Form.ALL:
        chosen = Form.PROJECTS
    return Scope(chosen, index)


def _layout(doc: Document, scope: Scope | None) -> Layout:
    try:
        return build_layout(doc, scope)
    except ScopeError as exc:
        raise ExportError(str(exc)) from None


def export_document(
    doc: Document,
    path: Path | str,
    *,
    scope: Scope | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Export ``doc`` to ``path`` (.pdf, .xlsx or .docx), atomically; safe to call off the GUI thread."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: 是一个文件夹，请给出文件名")
    suffix = kind_of(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: 文件夹不存在")
    layout = _layout(doc, scope)
    phases = 2 if suffix == ".pdf" else 1
    ticker = _Ticker(len(layout.parts) * phases, progress, cancelled)
    pages: int | None = None
    from perfdesk.export.cells import CellTooLong
    from perfdesk.export.docx import write_docx
    from perfdesk.export.pdf_text import FontError
    from perfdesk.export.xlsx import write_xlsx

    try:
        with replacing(path) as tmp:
            if suffix == ".pdf":
                pages = _write_pdf(layout, tmp, ticker)
            elif suffix == ".xlsx":
                whole = scope is None or scope == Scope()
                write_xlsx(layout, tmp, ticker.step, keep=doc if whole else None)
            else:
                write_docx(layout, tmp, ticker.step)
            ticker.check()
    except (FontError, CellTooLong) as exc:
        raise ExportError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ExportError(f"{path}: 无法写入，{write_failure(exc, path)}") from None
    ticker.finish()
    return ExportResult(path, FORMATS[suffix], len(layout.parts), pages, layout.warnings)


def _write_pdf(layout: Layout, target: Path, ticker: _Ticker) -> int:
    from perfdesk.export.pdf import layout_pages, render
    from perfdesk.export.pdf_text import FontBook

    book = FontBook()
    pages = layout_pages(layout, book, ticker.step)
    reached = -1

    def page_done(part: int) -> None:
        """Count a part as drawn once a page of a later part is drawn."""
        nonlocal reached
        while reached < part:
            reached += 1
            if reached > 0:  # a part is drawn once the next one begins
                ticker.step()
        ticker.check()

    render(pages, book, target, layout.title, page_done)
    return len(pages)


def print_job(doc: Document, scope: Scope | None = None) -> PrintJob:
    """The pages to preview and print: exactly those of the PDF export."""
    from perfdesk.export.pdf import layout_pages
    from perfdesk.export.pdf_text import FontBook, FontError

    layout = _layout(doc, scope)
    try:
        book = FontBook()
    except FontError as exc:
        raise ExportError(str(exc)) from None
    return PrintJob(layout_pages(layout, book), book, layout)


def preview_pdf(doc: Document, scope: Scope | None = None) -> bytes:
    """The PDF of ``doc`` (or of a scope) as bytes, for a viewer that shows PDF."""
    from perfdesk.export.pdf import pdf_bytes
    from perfdesk.export.pdf_text import FontError

    layout = _layout(doc, scope)
    try:
        return pdf_bytes(layout)
    except FontError as exc:
        raise ExportError(str(exc)) from None
