"""The accounts table: one row an account; disabled and locked ones marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from services.domain.admin import Account
from widgets.labels import label

_Index = QModelIndex | QPersistentModelIndex
AccountRole = Qt.ItemDataRole.UserRole + 1
MUTED = QColor("#8a94a6")
WARNING = QColor("#ffb020")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COLUMNS = (
    QT_TRANSLATE_NOOP("AccountList", "User name"),
    QT_TRANSLATE_NOOP("AccountList", "Name"),
    QT_TRANSLATE_NOOP("AccountList", "Role"),
    QT_TRANSLATE_NOOP("AccountList", "Grid cells"),
    QT_TRANSLATE_NOOP("AccountList", "Unit"),
    QT_TRANSLATE_NOOP("AccountList", "State"),
    QT_TRANSLATE_NOOP("AccountList", "Locked"),
)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountList", text)


class AccountModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._accounts: list[Account] = []

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self.endResetModel()

    def account(self, row: int) -> Account | None:
        return self._accounts[row] if 0 <= row < len(self._accounts) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        a = self.account(index.row())
        if a is None:
            return None
        if role == AccountRole:
            return a
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if a.locked and index.column() == 6:
                return WARNING
            return None if a.active else MUTED
        return None

    def _text(self, a: Account, column: int) -> str:
        if column == 0:
            return a.login
        if column == 1:
            return a.name
        if column == 2:
            return label("role", a.role)
        if column == 3:
            return ", ".join(a.grids) or "—"
        if column == 4:
            return a.unit or "—"
        if column == 5:
            return (
                translate("AccountList", "Enabled")
                if a.active
                else translate("AccountList", "Disabled")
            )
        return translate("AccountList", "Locked") if a.locked else ""


def filter_proxy(model: QAbstractTableModel, parent: Any = None) -> QSortFilterProxyModel:
    """Sorts by any column; a filter text matches any column, in any case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
