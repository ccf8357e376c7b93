"""The perfdesk desktop editor (PySide6): main window, project tree, form editors and checks panel."""

from perfdesk.ui.core import qtfix

qtfix.install()
