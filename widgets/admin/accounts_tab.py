"""Accounts (账号): the list with a filter, and the administrator's changes as
signals of plain values: add, disable or enable, unlock, a new password, a new
role with its grid cells and unit.  The console makes them through the same
services as ``youyi-console users`` and says here how it went."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.domain import Role
from services.domain.admin import Account
from widgets.admin.account_dialog import AccountDialog, PasswordDialog
from widgets.admin.account_model import AccountModel, AccountRole, filter_proxy
from widgets.admin.row_table import row_table
from widgets.admin.status_line import StatusLine


class AccountsTab(QWidget):
    add_requested = Signal(object)  # NewAccount
    active_requested = Signal(str, bool)  # login, enabled
    unlock_requested = Signal(str)
    password_requested = Signal(str, str)  # login, the new password
    role_requested = Signal(str, object, object, object)  # login, Role, grids, unit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsTab")
        self.grid_codes: list[str] = []
        self.units: list[tuple[str, str]] = []
        self.dialog: QDialog | None = None
        self.model = AccountModel(self)
        self.proxy = filter_proxy(self.model, self)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = row_table(self.proxy, self)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.add_button = QPushButton(self)
        self.role_button = QPushButton(self)
        self.password_button = QPushButton(self)
        self.disable_button = QPushButton(self)
        self.enable_button = QPushButton(self)
        self.unlock_button = QPushButton(self)
        self.add_button.clicked.connect(self.ask_add)
        self.role_button.clicked.connect(self.ask_role)
        self.password_button.clicked.connect(self.ask_password)
        self.disable_button.clicked.connect(lambda: self._set_active(False))
        self.enable_button.clicked.connect(lambda: self._set_active(True))
        self.unlock_button.clicked.connect(self._unlock)
        self.status = StatusLine(self)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.role_button, self.password_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.disable_button, self.enable_button, self.unlock_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate()
        self._on_selection_changed()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter: user name, name, role, grid, unit"))
        self.add_button.setText(self.tr("&Add…"))
        self.role_button.setText(self.tr("&Role, grid cells, unit…"))
        self.password_button.setText(self.tr("Set &password…"))
        self.disable_button.setText(self.tr("&Disable"))
        self.enable_button.setText(self.tr("&Enable"))
        self.unlock_button.setText(self.tr("&Unlock"))

    def set_choices(self, grid_codes: Sequence[str], units: Sequence[tuple[str, str]]) -> None:
        """The grid cells and units the dialogs offer."""
        self.grid_codes, self.units = list(grid_codes), list(units)

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        keep = self.selected()
        self.model.set_accounts(accounts)
        self.table.resizeColumnsToContents()
        if keep is not None:
            self.select(keep.login)
        self._on_selection_changed()

    def select(self, login: str) -> bool:
        for row in range(self.proxy.rowCount()):
            account = self.proxy.index(row, 0).data(AccountRole)
            if account.login == login:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(AccountRole) if rows else None

    def _on_selection_changed(self) -> None:
        a = self.selected()
        for b in (self.role_button, self.password_button):
            b.setEnabled(a is not None)
        self.disable_button.setEnabled(a is not None and a.active)
        self.enable_button.setEnabled(a is not None and not a.active)
        self.unlock_button.setEnabled(a is not None and a.locked)

    # --- asking ----------------------------------------------------------------

    def ask_add(self) -> None:
        dialog = AccountDialog(self.grid_codes, self.units, None, self)
        dialog.accepted.connect(lambda: self.add_requested.emit(dialog.new_account()))
        self._open(dialog)

    def ask_role(self) -> None:
        a = self.selected()
        if a is None:
            return
        dialog = AccountDialog(self.grid_codes, self.units, a, self)
        dialog.accepted.connect(lambda: self._role_chosen(a.login, dialog))
        self._open(dialog)

    def _role_chosen(self, login: str, dialog: AccountDialog) -> None:
        role: Role = dialog.chosen_role()
        self.role_requested.emit(login, role, dialog.chosen_grids(), dialog.chosen_unit())

    def ask_password(self) -> None:
        a = self.selected()
        if a is None:
            return
        dialog = PasswordDialog(a.login, self)
        dialog.accepted.connect(lambda: self.password_requested.emit(a.login, dialog.password()))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _set_active(self, active: bool) -> None:
        a = self.selected()
        if a is not None:
            self.active_requested.emit(a.login, active)

    def _unlock(self) -> None:
        a = self.selected()
        if a is not None:
            self.unlock_requested.emit(a.login)
