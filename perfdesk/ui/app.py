"""Starting the desktop app: fonts, style, the first window, crash recovery, the file to open.

``perfdesk`` (no argument) shows the start page; ``perfdesk FILE`` opens that file.  The CLI
calls :func:`run`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from perfdesk.fonts import cjk_font_files
from perfdesk.ui import dialogs
from perfdesk.ui.core import idle
from perfdesk.ui.core.recovery import find_orphans
from perfdesk.ui.core.style import STYLESHEET
from perfdesk.ui.shell.mainwindow import MainWindow

_configured: set[int] = set()


def register_fonts() -> list[str]:
    """Register the CJK fonts found on this PC with Qt; returns their family names."""
    families: list[str] = []
    for path in cjk_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def ui_font(families: list[str]) -> QFont:
    """The UI font: the system's, falling back to a registered CJK font for Chinese."""
    font = QApplication.font()
    preferred = [
        f for f in ("Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei") if f in QFontDatabase.families()
    ]
    chain = preferred + [f for f in families if "Mono" not in f] + [font.family()]
    font.setFamilies(list(dict.fromkeys(chain)))
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    return font


def install_qt_translations(app: QApplication) -> None:
    """Qt's own dialogs and buttons (确定/取消, file dialogs) in Simplified Chinese."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            return


def configure_application(app: QApplication) -> None:
    """Fonts, names, style sheet: once per application object."""
    if id(app) in _configured:
        return
    _configured.add(id(app))
    QCoreApplication.setOrganizationName("perfdesk")
    QCoreApplication.setApplicationName("perfdesk")
    install_qt_translations(app)
    app.setFont(ui_font(register_fonts()))
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
    idle.install(app)


def offer_recovery(window: MainWindow) -> list[MainWindow]:
    """After a crash: offer the unsaved documents found in the recovery folder."""
    orphans = find_orphans()
    if not orphans:
        return []
    answer = dialogs.ask_recovery(window, orphans)
    if answer == "discard":
        for orphan in orphans:
            orphan.discard()
        return []
    if answer != "restore":
        return []
    restored = [window.restore(orphan) for orphan in orphans]
    return [w for w in restored if w is not None]


def start(file: str | None = None) -> MainWindow:
    """Create the first window (offering recovery, opening ``file``) without running the loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    window = MainWindow()
    window.show()
    restored = offer_recovery(window)
    if file:
        path = Path(file)
        if path.exists() or not restored:
            window.open_file(path)
    return window


def run(file: str | None = None) -> int:
    """Start the app (optionally on a file) and run until the last window closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = start(file)
    if os.environ.get("PERFDESK_QUIT_WHEN_READY"):
        # Benchmarks: say when the window is usable (painted, event loop idle), then leave.
        def report() -> None:
            sys.stdout.write("ready\n")
            sys.stdout.flush()
            app.quit()

        QTimer.singleShot(0, window, report)
    return app.exec()
