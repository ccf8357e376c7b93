"""A read-only table model whose columns are titled by ``HEADERS``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
DR = Qt.ItemDataRole


class HeaderTableModel(QAbstractTableModel):
    """A table with one column per title in ``HEADERS``, shown translated."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One column per title."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DR.DisplayRole) -> Any:
        """Column titles."""
        if orientation is Qt.Orientation.Horizontal and role == DR.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None
