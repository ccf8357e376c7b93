"""One table each for shortcuts, icons, colours and spacing, so the look is changed in one place."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

SP = QStyle.StandardPixmap

# Action name → key sequences (first one is shown in menus).
SHORTCUTS: dict[str, list[QKeySequence]] = {
    "new": [QKeySequence("Ctrl+N")],
    "open": [QKeySequence("Ctrl+O")],
    "save": [QKeySequence("Ctrl+S")],
    "save_as": [QKeySequence("Ctrl+Shift+S")],
    "export": [QKeySequence("Ctrl+E")],
    "print": [QKeySequence("Ctrl+P")],
    "close_tab": [QKeySequence("Ctrl+W")],
    "close_document": [QKeySequence("Ctrl+Shift+W")],
    "quit": [QKeySequence("Ctrl+Q")],
    "undo": [QKeySequence("Ctrl+Z")],
    "redo": [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")],
    "find": [QKeySequence("Ctrl+F")],
    "find_next": [QKeySequence("F3")],
    "help": [QKeySequence("F1")],
    "add_project": [QKeySequence("Ctrl+Shift+N")],
    "checks": [QKeySequence("F8")],
    "next_tab": [QKeySequence("Ctrl+Tab")],
    "previous_tab": [QKeySequence("Ctrl+Shift+Tab")],
    # Grid actions work while a grid has the focus.
    "insert_row": [QKeySequence("Ctrl+Shift++"), QKeySequence("Ctrl+Insert")],
    "delete_row": [QKeySequence("Ctrl+-")],
    "move_up": [QKeySequence("Alt+Up")],
    "move_down": [QKeySequence("Alt+Down")],
    "library": [QKeySequence("Ctrl+L")],  # 指标库… in an indicator grid
}

# Icon name → Qt standard pixmap (available on every platform without shipping image files).
ICONS: dict[str, SP] = {
    "new": SP.SP_FileIcon,
    "open": SP.SP_DialogOpenButton,
    "save": SP.SP_DialogSaveButton,
    "save_as": SP.SP_DriveFDIcon,
    "undo": SP.SP_ArrowBack,
    "redo": SP.SP_ArrowForward,
    "find": SP.SP_FileDialogContentsView,
    "help": SP.SP_DialogHelpButton,
    "add": SP.SP_FileDialogNewFolder,
    "duplicate": SP.SP_FileLinkIcon,
    "delete": SP.SP_TrashIcon,
    "rename": SP.SP_FileDialogDetailedView,
    "up": SP.SP_ArrowUp,
    "down": SP.SP_ArrowDown,
    "folder": SP.SP_DirIcon,
    "folder_open": SP.SP_DirOpenIcon,
    "form": SP.SP_FileDialogDetailedView,
    "text": SP.SP_FileIcon,
    "unit": SP.SP_ComputerIcon,
    "error": SP.SP_MessageBoxCritical,
    "warning": SP.SP_MessageBoxWarning,
    "info": SP.SP_MessageBoxInformation,
    "ok": SP.SP_DialogApplyButton,
    "checks": SP.SP_DialogApplyButton,
    "close": SP.SP_DialogCloseButton,
    "insert_row": SP.SP_ToolBarVerticalExtensionButton,
    "delete_row": SP.SP_DialogDiscardButton,
    "paste": SP.SP_DialogYesButton,
    "copy": SP.SP_FileLinkIcon,
    "lock": SP.SP_MessageBoxWarning,
    "library": SP.SP_FileDialogListView,
}

COLORS: dict[str, QColor] = {
    "error": QColor("#c62828"),
    "error_bg": QColor("#fdecea"),
    "warning": QColor("#b26a00"),
    "warning_bg": QColor("#fff6e0"),
    "ok": QColor("#2e7d32"),
    "muted": QColor("#9e9e9e"),
    "invalid_bg": QColor("#ffd6d6"),
    "banner_bg": QColor("#fff4ce"),
    "readonly_bg": QColor("#f3f5f8"),  # computed or carried-over cells the clerk cannot edit
}

SPACING = {"page_margin": 16, "section_gap": 18, "row_gap": 8, "field_gap": 12}
WINDOW_SIZE = (1400, 900)
TREE_WIDTH = 270
CHECKS_HEIGHT = 290  # about eight findings without scrolling

STYLESHEET = """
QLineEdit[invalid="true"], QTextEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 1px solid #c62828; background: #fff5f5; }
QLabel[role="section"] { font-size: 11pt; font-weight: bold; color: #1f3b5b; padding-top: 6px; }
QLabel[role="hint"] { color: #6b6b6b; }
QLabel[role="error"] { color: #c62828; }
QLabel[role="ok"] { color: #2e7d32; }
QLabel[role="unit"] { color: #555555; }
QLabel[role="pagetitle"] { font-size: 15pt; font-weight: bold; color: #1f3b5b; }
QLineEdit[finding="error"], QTextEdit[finding="error"], QPlainTextEdit[finding="error"] { border: 1px solid #c62828; }
QLineEdit[finding="warning"], QTextEdit[finding="warning"], QPlainTextEdit[finding="warning"] { border: 1px solid #e0a030; }
QFrame[role="banner"] { background: #fff4ce; border: 1px solid #e6c768; border-radius: 3px; }
QFrame[role="sectionline"] { color: #d0d7de; }
QTableView { gridline-color: #c8ced6; selection-background-color: #cfe3ff; selection-color: black; }
QHeaderView::section { background: #eef2f6; border: 0; border-right: 1px solid #c8ced6;
    border-bottom: 1px solid #c8ced6; padding: 4px 6px; font-weight: bold; }
QTreeView::item { padding: 3px 0; }
QTabBar::tab { padding: 6px 12px; }
"""


def icon(name: str) -> QIcon:
    """The standard icon for a name of :data:`ICONS`."""
    style = QApplication.style()
    return style.standardIcon(ICONS[name])


def shortcuts(name: str) -> list[QKeySequence]:
    """The key sequences of an action (empty if it has none)."""
    return SHORTCUTS.get(name, [])
