"""``perfdesk --smoke``: prove an installation works, headless, in a few seconds.

Opens a bundled sample through the real file format, checks it, exports PDF and xlsx through
the export service, reads both back, and builds the main window on the document offscreen.
Used after every bundle build (installer/build.sh, installer/build.ps1).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def run_smoke() -> int:
    """Run the smoke test; print one line per step; 0 on success."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen plugin chatter
    with tempfile.TemporaryDirectory(prefix="perfdesk-smoke-") as tmp:
        os.environ["PERFDESK_DATA_DIR"] = str(Path(tmp) / "userdata")  # leave the user's folders alone
        try:
            _steps(Path(tmp))
        except Exception as exc:
            sys.stderr.write(f"smoke: FAILED: {type(exc).__name__}: {exc}\n")
            return 1
    sys.stdout.write("smoke: ok\n")
    return 0


def _say(text: str) -> None:
    sys.stdout.buffer.write(f"smoke: {text}\n".encode())
    sys.stdout.flush()


def _steps(tmp: Path) -> None:
    from perfdesk.export.service import export_document
    from perfdesk.models.checks import check_document, count
    from perfdesk.samples import LARGEST_SAMPLE, sample
    from perfdesk.store.file import open_document, save_document

    path = tmp / "sample.perfdesk"
    save_document(sample(LARGEST_SAMPLE).load(), path)
    doc = open_document(path).document
    errors, warnings = count(check_document(doc))
    _say(
        f"opened {doc.unit.name} {doc.unit.fiscal_year}: {len(doc.projects)} projects, {errors} errors, {warnings} warnings"
    )
    for suffix in (".pdf", ".xlsx"):
        out = tmp / f"sample{suffix}"
        export_document(doc, out)
        head = out.read_bytes()[:4]
        if head not in (b"%PDF", b"PK\x03\x04"):
            raise RuntimeError(f"{out.name} is not a {suffix} file")
        _say(f"exported {out.name}: {out.stat().st_size} bytes")
    _window(path)


def _window(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from perfdesk.ui.app import configure_application
    from perfdesk.ui.shell.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)  # type: ignore[arg-type]
    window = MainWindow()
    window.open_file(path)
    window.show()
    app.processEvents()
    title = window.windowTitle()
    window.close()
    app.processEvents()
    _say(f"main window: {title}")
