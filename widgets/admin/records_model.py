"""A table of plain records, one a row: the administration tabs' models say only
what a cell shows (``text``) and how it looks (``look``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1  # the row's record itself


class RecordsModel(QAbstractTableModel, Generic[T]):
    """Rows of ``T``; the headers are ``columns`` translated in ``context``."""

    def __init__(self, context: str, columns: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.context, self.columns = context, tuple(columns)
        self._records: list[T] = []

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> T | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def text(self, record: T, column: int) -> str:
        """Override: what the cell shows."""
        raise NotImplementedError

    def look(self, record: T, column: int, role: int) -> Any:
        """Override: the cell's colours (ForegroundRole, BackgroundRole), or None."""
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.context, self.columns[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record, index.column())
        return self.look(record, index.column(), role)
