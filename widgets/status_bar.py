"""The status bar: database, message bus and a clock in the district's time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from services.district.timezone import district_tz

# Shown times are local to the district, whatever the workstation's own zone.
DISTRICT_TZ = district_tz()
CLOCK_FORMAT = "%Y-%m-%d %H:%M:%S"
SHORT = 44  # characters of the database label before it is shortened


class ConsoleStatusBar(QStatusBar):
    """Permanent labels (a transient ``showMessage`` does not hide them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.database_label = QLabel(self)
        self.database_label.setObjectName("statusDatabase")
        self.broker_label = QLabel(self)
        self.broker_label.setObjectName("statusBrokerDown")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("statusUser")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("statusClock")
        self.addPermanentWidget(self.database_label)
        self.addPermanentWidget(self.broker_label)  # no stretch: messages need the room
        self.addPermanentWidget(self.user_label)
        self.addPermanentWidget(self.clock_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        """Show the time, then wake just after the next full second."""
        now = datetime.now(DISTRICT_TZ)
        self.clock_label.setText(now.strftime(CLOCK_FORMAT))
        self._timer.start(1000 - now.microsecond // 1000 + 5)

    def set_user(self, text: str) -> None:
        self.user_label.setText(text)

    def set_database(self, text: str) -> None:
        """The database's kind and place; a long path is shortened (full in the
        tooltip), so that the window still fits a laptop screen."""
        self.database_label.setToolTip(text)
        self.database_label.setText(text if len(text) <= SHORT else "…" + text[-(SHORT - 1) :])

    def set_broker(self, text: str, connected: bool) -> None:
        name = "statusBroker" if connected else "statusBrokerDown"
        if self.broker_label.objectName() != name:
            self.broker_label.setObjectName(name)
            self.broker_label.style().unpolish(self.broker_label)
            self.broker_label.style().polish(self.broker_label)
        self.broker_label.setText(text)
