"""Add an account, or change its role (with the grid cells of a supervisor and
the unit of an officer); set a password, typed twice as the command line asks
for it.  Plain values in and out; the services judge the rest (their refusal
is shown by the accounts tab)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.domain import Role
from services.domain.admin import Account, NewAccount
from widgets.labels import label

GRID_LIST_HEIGHT = 120


class PasswordFields(QWidget):
    """A new password and the same again; ``problem()`` says why not yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first, self.again = QLineEdit(self), QLineEdit(self)
        for edit in (self.first, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Password"), self.first)
        layout.addRow(self.tr("Again"), self.again)

    def problem(self) -> str:
        if not self.first.text():
            return self.tr("Type the new password twice.")
        if self.first.text() != self.again.text():
            return self.tr("The two passwords differ.")
        return ""


class AccountDialog(QDialog):
    """``account`` None: a new account; else a change of its role."""

    def __init__(
        self,
        grids: Sequence[str],
        units: Sequence[tuple[str, str]],
        account: Account | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.account = account
        self.login, self.name = QLineEdit(self), QLineEdit(self)
        self.role = QComboBox(self)
        for r in Role:
            self.role.addItem(label("role", r), r.value)
        self.grids = QListWidget(self)
        self.grids.setFixedHeight(GRID_LIST_HEIGHT)
        for code in grids:
            item = QListWidgetItem(code, self.grids)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.unit = QComboBox(self)
        self.unit.addItem("—", None)
        for code, name in units:
            self.unit.addItem(f"{code} · {name}", code)
        self.password = PasswordFields(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("dialogProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Grid cells"), self.grids)
        form.addRow(self.tr("Unit"), self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.role.currentIndexChanged.connect(self._on_role_changed)
        if account is None:
            self.setWindowTitle(self.tr("Add an account"))
        else:
            self.setWindowTitle(self.tr("Role of %1").replace("%1", account.login))
            self._fill(account)
        self._on_role_changed()

    def _fill(self, account: Account) -> None:
        self.login.setText(account.login)
        self.name.setText(account.name)
        for edit in (self.login, self.name):
            edit.setReadOnly(True)
        self.password.hide()
        self.role.setCurrentIndex(self.role.findData(account.role.value))
        self.set_grids(account.grids)
        self.unit.setCurrentIndex(max(self.unit.findData(account.unit), 0))

    def set_grids(self, codes: Sequence[str]) -> None:
        for i in range(self.grids.count()):
            item = self.grids.item(i)
            checked = item.text() in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def chosen_grids(self) -> tuple[str, ...]:
        items = (self.grids.item(i) for i in range(self.grids.count()))
        return tuple(i.text() for i in items if i.checkState() == Qt.CheckState.Checked)

    def chosen_unit(self) -> str | None:
        unit = self.unit.currentData()
        return str(unit) if unit else None

    def new_account(self) -> NewAccount:
        return NewAccount(
            self.login.text().strip(),
            self.name.text().strip(),
            self.chosen_role(),
            self.password.first.text(),
            self.chosen_grids(),
            self.chosen_unit(),
        )

    def _on_role_changed(self) -> None:
        role = self.chosen_role()
        self.grids.setEnabled(role is Role.SUPERVISOR)
        self.unit.setEnabled(role is Role.OFFICER)

    def _on_buttons_accepted(self) -> None:
        problem = self.password.problem() if self.account is None else ""
        self.problem.setText(problem)
        if not problem:
            self.accept()


class PasswordDialog(QDialog):
    """A new password for ``login``, typed twice."""

    def __init__(self, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("New password for %1").replace("%1", login))
        self.fields = PasswordFields(self)
        self.problem = QLabel(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def password(self) -> str:
        return self.fields.first.text()

    def _on_buttons_accepted(self) -> None:
        problem = self.fields.problem()
        self.problem.setText(problem)
        if not problem:
            self.accept()
