"""The status bar's message-bus label, kept true from the ingest's bus state.

paho tells of connects and disconnects on its network thread; a queued signal
brings them to the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from widgets.status_bar import ConsoleStatusBar

CONTEXT = "BrokerStatus"


class BrokerStatus(QObject):
    _state = Signal(bool, str)

    def __init__(self, status: ConsoleStatusBar, bus: Any | None, where: str) -> None:
        """``bus``: the in-process ingest's MqttBus, or None (``where`` then says
        why: "direct" for the demo's direct feed, "" for a headless ingest)."""
        super().__init__(status)
        self.status, self.bus, self.where = status, bus, where
        self._state.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.on_state(self._on_state) if bus is not None else None
        self.refresh()

    def refresh(self) -> None:
        """Show the state again (at start, and in a newly chosen language)."""
        self._show(bool(self.bus is not None and self.bus.connected), "")

    def _on_state(self, connected: bool, reason: str) -> None:  # paho's thread
        self._state.emit(connected, reason)

    def _show(self, connected: bool, reason: str) -> None:
        if self.bus is None:
            if self.where == "direct":
                text = QCoreApplication.translate(
                    "BrokerStatus", "Message bus: demo direct feed (no Mosquitto here)"
                )
            else:
                text = QCoreApplication.translate(
                    "BrokerStatus", "Message bus: handled by the ingest service"
                )
            self.status.set_broker(text, connected=True)
            return
        host = f"{self.bus.settings.host}:{self.bus.settings.port}"
        if connected:
            text = QCoreApplication.translate(
                "BrokerStatus", "Message bus: connected to %1"
            ).replace("%1", host)
        else:
            text = QCoreApplication.translate(
                "BrokerStatus", "Message bus: %1 not reachable, reconnecting"
            ).replace("%1", host)
        self.status.set_broker(text, connected=connected)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
