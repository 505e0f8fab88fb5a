"""Sign-in: user name and password.  Plain data out; the console checks them.

The dialog does not know the user table: ``credentials_entered(login,
password)`` goes to the console, which answers with ``accept()`` or
``show_error(text)`` (one message for an unknown user and a wrong password).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SignInDialog(QDialog):
    credentials_entered = Signal(str, str)

    def __init__(self, place: str, last_login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setModal(True)
        self.place = place
        self.title_label = QLabel(self)
        self.title_label.setObjectName("signInTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.place_label = QLabel(place, self)
        self.place_label.setObjectName("signInPlace")
        self.place_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.login_edit = QLineEdit(last_login, self)
        self.login_edit.setObjectName("signInLogin")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("signInPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("signInError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        # Labels made here: QFormLayout.addRow("", field) makes none at all.
        self.login_label = QLabel(self)
        self.login_label.setBuddy(self.login_edit)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password_edit)
        self.form = QFormLayout()
        self.form.addRow(self.login_label, self.login_edit)
        self.form.addRow(self.password_label, self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.place_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._retranslate()
        (self.password_edit if last_login else self.login_edit).setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in"))
        self.title_label.setText(self.tr("Youyi Road Sub-district Operations Center"))
        self.login_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.login_edit.setPlaceholderText(self.tr("e.g. wangwei"))
        self.password_edit.setPlaceholderText(self.tr("At least 8 characters"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))

    def _on_buttons_accepted(self) -> None:
        login = self.login_edit.text().strip()
        if not login or not self.password_edit.text():
            self.show_error(self.tr("Enter your user name and password."))
            return
        self.buttons.setEnabled(False)
        self.credentials_entered.emit(login, self.password_edit.text())

    def show_error(self, text: str) -> None:
        """The console refused the credentials (or cannot check them now)."""
        self.error_label.setText(text)
        self.error_label.show()
        self.buttons.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()
