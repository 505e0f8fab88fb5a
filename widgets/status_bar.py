"""The status bar: database, message bus and a clock in the district's time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

SHANGHAI = ZoneInfo("Asia/Shanghai")


class ConsoleStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_label = QLabel(self)
        self.broker_label = QLabel(self)
        self.broker_label.setObjectName("statusBrokerDown")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("statusClock")
        self.addWidget(self.database_label)
        self.addWidget(self.broker_label)
        self.addPermanentWidget(self.clock_label)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        self.clock_label.setText(datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"))

    def set_database(self, text: str) -> None:
        self.database_label.setText(text)

    def set_broker(self, text: str, connected: bool) -> None:
        self.broker_label.setObjectName("statusBroker" if connected else "statusBrokerDown")
        self.broker_label.setText(text)
        self.broker_label.style().unpolish(self.broker_label)
        self.broker_label.style().polish(self.broker_label)
