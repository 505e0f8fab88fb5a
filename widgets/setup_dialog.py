"""First-run set-up (首次设置): the demo, or a control room's database and broker.

The dialog holds no connection: it emits what the person typed as plain records
(``DatabaseForm``, ``BrokerForm``) when they ask for a test, a migration or an
import, and the console (console/first_run.py) answers with one line each
(``show_database_result`` …), progress and a refused file's problems.  Start is
enabled for the demo, and for a control room once the database's test passed
(and the broker's, if one is named) with what the fields hold now.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.setup_forms import BrokerBox, BrokerForm, DatabaseBox, DatabaseForm, FileField

DEMO, CONTROL_ROOM = "demo", "control_room"

__all__ = ["CONTROL_ROOM", "DEMO", "BrokerForm", "DatabaseForm", "SetupDialog"]


class SetupDialog(QDialog):
    database_test_requested = Signal(object)  # DatabaseForm
    broker_test_requested = Signal(object)  # BrokerForm
    migrate_requested = Signal(object)  # DatabaseForm
    import_requested = Signal(object, str, str)  # DatabaseForm, grids file, devices file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.demo_radio, self.room_radio = QRadioButton(self), QRadioButton(self)
        self.demo_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.demo_radio)
        group.addButton(self.room_radio)
        self.room_radio.toggled.connect(self._on_room_radio_toggled)
        self.demo_text = QLabel(self)
        self.demo_text.setWordWrap(True)
        self.demo_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.database, self.broker = DatabaseBox(self), BrokerBox(self)
        for box in (self.database, self.broker):
            for edit in box.findChildren(QWidget):
                if hasattr(edit, "textChanged"):
                    edit.textChanged.connect(self._update_start)
        self.database.test_requested.connect(self.database_test_requested)
        self.database.test_requested.connect(lambda _f: self.database.testing())
        self.broker.test_requested.connect(self.broker_test_requested)
        self.broker.test_requested.connect(lambda _f: self.broker.testing())
        self.keyring_label = QLabel(self)
        self.keyring_label.setWordWrap(True)
        self.migrate_button = QPushButton(self)
        self.migrate_button.hide()
        self.migrate_button.clicked.connect(self._on_migrate_button_clicked)
        self.district = QGroupBox(self)
        self.grids_file, self.devices_file = FileField(self), FileField(self)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.grids_label, self.devices_label = QLabel(self), QLabel(self)
        files = QFormLayout(self.district)
        files.addRow(self.grids_label, self.grids_file)
        files.addRow(self.devices_label, self.devices_file)
        files.addRow("", self.import_button)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setObjectName("setupProblems")
        self.problems.hide()
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.demo_text)
        self.room_page = self._room_page()
        self.pages.addWidget(self.room_page)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        choice = QHBoxLayout()
        choice.addWidget(self.demo_radio)
        choice.addWidget(self.room_radio)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        # Never smaller than what the forms need: a long check result grows the
        # dialog instead of squeezing the fields above it.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.intro)
        layout.addLayout(choice)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self._retranslate()
        self._show_page(0)
        self._update_start()

    def _room_page(self) -> QWidget:
        page = QWidget(self)
        boxes = QHBoxLayout()
        boxes.addWidget(self.database, 1)
        boxes.addWidget(self.broker, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(boxes)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.migrate_button)
        layout.addWidget(self.district)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.problems)
        return page

    # --- what the person chose ---------------------------------------------------

    def choice(self) -> str:
        return CONTROL_ROOM if self.room_radio.isChecked() else DEMO

    def database_form(self) -> DatabaseForm:
        return self.database.value()

    def broker_form(self) -> BrokerForm | None:
        """The broker's form, or None when no broker is named (ingest elsewhere)."""
        form = self.broker.value()
        return form if form.host else None

    # --- the console's answers -----------------------------------------------------

    def set_keyring_note(self, keyring: str | None) -> None:
        """Where the passwords will be kept: the keyring named, or (None) nowhere."""
        self._keyring = keyring
        self._retranslate_keyring()

    def show_database_result(self, passed: bool, text: str, *, can_migrate: bool = False) -> None:
        self.database.show_result(passed, text)
        self.migrate_button.setVisible(can_migrate)
        self._update_start()

    def show_broker_result(self, passed: bool, text: str) -> None:
        self.broker.show_result(passed, text)
        self._update_start()

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        self.status_label.setText(text)

    def show_done(self, text: str, problems: Sequence[str] = ()) -> None:
        """A migration or an import ended: its line, and a refused file's
        problems one per record."""
        self.progress.hide()
        self.migrate_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.status_label.setText(text)
        self.problems.clear()
        self.problems.addItems(list(problems))
        self.problems.setVisible(bool(problems))

    # --- inside -----------------------------------------------------------------

    def _on_room_radio_toggled(self, on: bool) -> None:
        self._show_page(1 if on else 0)
        self._update_start()

    def _show_page(self, index: int) -> None:
        """Only the page shown counts for the dialog's size (the demo's is short)."""
        for i, page in enumerate((self.demo_text, self.room_page)):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.adjustSize()

    def _on_migrate_button_clicked(self) -> None:
        self.migrate_button.setEnabled(False)
        self.migrate_requested.emit(self.database_form())

    def _on_import_button_clicked(self) -> None:
        grids, devices = self.grids_file.text(), self.devices_file.text()
        if not (grids or devices):
            self.show_done(self.tr("Choose a grids file or a devices file first."))
            return
        self.import_button.setEnabled(False)
        self.import_requested.emit(self.database_form(), grids, devices)

    def _update_start(self) -> None:
        broker_ok = self.broker_form() is None or self.broker.passed
        ready = self.choice() == DEMO or (self.database.passed and broker_ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
        self.district.setEnabled(self.database.passed)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up this workstation"))
        self.intro.setText(self.tr("Where does this workstation's console connect?"))
        self.demo_radio.setText(self.tr("&Demo"))
        self.room_radio.setText(self.tr("&Control room"))
        self.demo_text.setText(
            self.tr(
                "The demo runs on this computer alone: a SQLite database in your data folder, "
                "its own message broker, and the demo district of Youyi Road with simulated "
                "devices sending alerts. Nothing is shared with other workstations."
            )
        )
        self.migrate_button.setText(self.tr("&Migrate now…"))
        self.district.setTitle(self.tr("Import the district (optional)"))
        self.grids_label.setText(self.tr("Grid cells (GeoJSON)"))
        self.devices_label.setText(self.tr("Devices and their cameras (CSV, GeoJSON)"))
        self.import_button.setText(self.tr("&Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self._retranslate_keyring()

    def _retranslate_keyring(self) -> None:
        keyring = getattr(self, "_keyring", None)
        if keyring:
            text = self.tr("Passwords are kept in the system's keyring (%1), never in a file.")
            self.keyring_label.setText(text.replace("%1", keyring))
        else:
            self.keyring_label.setText(
                self.tr(
                    "This system has no keyring: the passwords are not saved, and the "
                    "console asks for them at each start."
                )
            )
