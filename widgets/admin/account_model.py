"""The accounts table: one row an account; disabled and locked ones marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from services.domain.admin import Account
from widgets.admin.records_model import RecordRole, RecordsModel
from widgets.labels import label

AccountRole = RecordRole
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


class AccountModel(RecordsModel[Account]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__("AccountList", COLUMNS, parent)

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        self.set_records(accounts)

    def account(self, row: int) -> Account | None:
        return self.record(row)

    def look(self, a: Account, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ForegroundRole:
            return None
        if a.locked and column == 6:
            return WARNING
        return None if a.active else MUTED

    def text(self, a: Account, column: int) -> str:
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
