"""The two halves of the control-room set-up: the database and the broker, each a
form with a Test button and the one line its check answered.  Plain data out
(``DatabaseForm``, ``BrokerForm``); the console runs the checks.

Passwords are typed into password fields: they never show on screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

SSL_MODES = ("prefer", "disable", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class DatabaseForm:
    host: str
    port: int
    database: str
    user: str
    password: str = ""
    sslmode: str = "prefer"
    ca_file: str = ""
    cert_file: str = ""
    key_file: str = ""


@dataclass(frozen=True)
class BrokerForm:
    host: str
    port: int
    client_prefix: str
    user: str = ""
    password: str = ""
    tls: bool = False
    ca_file: str = ""
    cert_file: str = ""
    key_file: str = ""


class FileField(QWidget):
    """A path and a button that picks it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.button = QPushButton("…", self)
        self.button.setStyleSheet("min-width: 0px; padding: 0px 8px;")  # not a wide button
        self.button.clicked.connect(self._on_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)

    def text(self) -> str:
        return self.edit.text().strip()

    def _on_button_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), self.text())
        if chosen:
            self.edit.setText(chosen)


class _CheckedBox(QGroupBox):
    """A group of fields with a Test button and its answer; any edit clears it."""

    test_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.test_button = QPushButton(self)
        self.test_button.clicked.connect(lambda: self.test_requested.emit(self.value()))
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("setupResult")
        self.passed = False
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(row)
        # The answer under the button, the box's whole width: a long one (the
        # command that migrates) wraps in a few lines, not a narrow column.
        layout.addWidget(self.result_label)

    def _row(self, name: str, field: QWidget) -> None:
        label = QLabel(self)
        label.setBuddy(field)
        self.labels[name] = label
        self.form.addRow(label, field)
        for signal in ("textChanged", "valueChanged", "currentIndexChanged", "toggled"):
            if hasattr(field, signal):
                getattr(field, signal).connect(self.clear_result)
        if isinstance(field, FileField):
            field.edit.textChanged.connect(self.clear_result)

    def value(self) -> object:
        raise NotImplementedError

    def clear_result(self) -> None:
        self.passed = False
        self.result_label.clear()
        self.result_label.setProperty("state", "")

    def testing(self) -> None:
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Trying…"))

    def show_result(self, passed: bool, text: str) -> None:
        """The check's answer, in one plain line (green when it passed)."""
        self.passed = passed
        self.test_button.setEnabled(True)
        self.result_label.setText(text)
        colour = "#2e7d32" if passed else "#c62828"
        self.result_label.setStyleSheet(f"color: {colour};")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.test_button.setText(self.tr("Test"))


def _line(parent: QWidget, text: str = "", *, secret: bool = False) -> QLineEdit:
    edit = QLineEdit(text, parent)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _port(parent: QWidget, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(1, 65535)
    box.setValue(value)
    return box


class DatabaseBox(_CheckedBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = _line(self)
        self.port = _port(self, 5432)
        self.database = _line(self, "youyi")
        self.user = _line(self)
        self.password = _line(self, secret=True)
        self.sslmode = QComboBox(self)
        self.sslmode.addItems(SSL_MODES)
        self.ca_file, self.cert_file, self.key_file = FileField(), FileField(), FileField()
        fields = {"host": self.host, "port": self.port, "database": self.database,
                  "user": self.user, "password": self.password, "sslmode": self.sslmode,
                  "ca": self.ca_file, "cert": self.cert_file, "key": self.key_file}  # fmt: skip
        for name, field in fields.items():
            self._row(name, field)
        self.retranslate()

    def value(self) -> DatabaseForm:
        return DatabaseForm(
            self.host.text().strip(), self.port.value(), self.database.text().strip(),
            self.user.text().strip(), self.password.text(), self.sslmode.currentText(),
            self.ca_file.text(), self.cert_file.text(), self.key_file.text(),
        )  # fmt: skip

    def retranslate(self) -> None:
        super().retranslate()
        self.setTitle(self.tr("Database (PostgreSQL)"))
        names = {"host": self.tr("&Host"), "port": self.tr("Port"), "database": self.tr("Database"),
                 "user": self.tr("User"), "password": self.tr("Password"),
                 "sslmode": self.tr("TLS (sslmode)"), "ca": self.tr("CA file"),
                 "cert": self.tr("Client certificate"), "key": self.tr("Client key")}  # fmt: skip
        for name, text in names.items():
            self.labels[name].setText(text)
        self.host.setPlaceholderText(self.tr("e.g. db.youyi.local"))


class BrokerBox(_CheckedBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = _line(self)
        self.port = _port(self, 1883)
        self.client_prefix = _line(self, "youyi")
        self.user = _line(self)
        self.password = _line(self, secret=True)
        self.tls = QCheckBox(self)
        self.tls.toggled.connect(self._on_tls_toggled)
        self.ca_file, self.cert_file, self.key_file = FileField(), FileField(), FileField()
        fields = {"host": self.host, "port": self.port, "prefix": self.client_prefix,
                  "user": self.user, "password": self.password, "tls": self.tls,
                  "ca": self.ca_file, "cert": self.cert_file, "key": self.key_file}  # fmt: skip
        for name, field in fields.items():
            self._row(name, field)
        self.retranslate()

    def _on_tls_toggled(self, on: bool) -> None:
        if on and self.port.value() == 1883:
            self.port.setValue(8883)
        elif not on and self.port.value() == 8883:
            self.port.setValue(1883)

    def value(self) -> BrokerForm:
        return BrokerForm(
            self.host.text().strip(), self.port.value(), self.client_prefix.text().strip(),
            self.user.text().strip(), self.password.text(), self.tls.isChecked(),
            self.ca_file.text(), self.cert_file.text(), self.key_file.text(),
        )  # fmt: skip

    def retranslate(self) -> None:
        super().retranslate()
        self.setTitle(self.tr("Message broker (MQTT)"))
        names = {"host": self.tr("H&ost"), "port": self.tr("Port"),
                 "prefix": self.tr("Client id prefix"), "user": self.tr("User"),
                 "password": self.tr("Password"), "tls": self.tr("TLS"),
                 "ca": self.tr("CA file"), "cert": self.tr("Client certificate"),
                 "key": self.tr("Client key")}  # fmt: skip
        for name, text in names.items():
            self.labels[name].setText(text)
        self.tls.setText(self.tr("Encrypted (mqtts)"))
        self.host.setPlaceholderText(self.tr("empty: ingest runs elsewhere"))
