"""The print dialogs: what to print (范围) and the system print dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from perfdesk.ui.dialogs.scopes import ScopeBox, ScopeChoice


def tr(text: str) -> str:
    """Translate a text of this module."""
    return QCoreApplication.translate("printing", text)


class PrintScopeDialog(QDialog):
    """Asks what to print: the whole document or what the front tab shows."""

    def __init__(self, choices: list[ScopeChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印"))
        self.scopes = ScopeBox(choices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打印…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("打印范围：")))
        box.addWidget(self.scopes)
        box.addWidget(buttons)


def ask_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system print dialog (printer, copies, page range); True to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_print_scope(parent: QWidget | None, choices: list[ScopeChoice]) -> ScopeChoice | None:
    """Which scope to print; None when cancelled."""
    dialog = PrintScopeDialog(choices, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.scopes.chosen()
