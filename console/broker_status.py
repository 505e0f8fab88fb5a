"""The status bar's message-bus label, kept true from the ingest's bus state and
its health.

paho tells of connects and disconnects on its network thread; a queued signal
brings them to the GUI thread.  The in-process ingest's health (stalled, the
database away and messages spooled) is read every two seconds: a stalled ingest
is what the room must see first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from console.jobs import Jobs
from services.ingest.workers import REPORT_EVERY_S, WorkerState
from widgets.status_bar import DISTRICT_TZ, ConsoleStatusBar

CONTEXT = "BrokerStatus"


class BrokerStatus(QObject):
    _state = Signal(bool, str)

    def __init__(
        self,
        status: ConsoleStatusBar,
        bus: Any | None,
        where: str,
        health: Callable[[], Any] | None = None,
        workers: Callable[[], list[WorkerState]] | None = None,
    ) -> None:
        """``bus``: the in-process ingest's MqttBus, or None (``where`` then says
        why: "direct" for the demo's direct feed, "" for a headless ingest);
        ``health``: the in-process ingest's ``IngestPipeline.health``;
        ``workers``: read the headless workers' reports (run off the GUI thread)."""
        super().__init__(status)
        self.status, self.bus, self.where, self.health = status, bus, where, health
        self._state.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.on_state(self._on_state) if bus is not None else None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        if health is not None:
            self._timer.start(2000)
        self.workers = workers
        self._states: list[WorkerState] | None = None
        self._jobs = Jobs("ingest-health") if workers is not None else None
        if workers is not None:
            self._timer.timeout.connect(self._read_workers)
            self._timer.start(int(REPORT_EVERY_S * 1000))
            self._read_workers()
        self.refresh()

    def _read_workers(self) -> None:
        if self._jobs is not None and self.workers is not None and not self._jobs.pending:
            self._jobs.submit(self.workers, self._on_workers, lambda _exc: None)

    def _on_workers(self, states: list[WorkerState]) -> None:
        self._states = states
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
            elif (trouble := self._workers_trouble()) is not None:
                self.status.set_broker(trouble, connected=False)
                return
            else:
                text = QCoreApplication.translate(
                    "BrokerStatus", "Message bus: handled by the ingest service"
                )
            self.status.set_broker(text, connected=True)
            return
        host = f"{self.bus.settings.host}:{self.bus.settings.port}"
        if (trouble := self._trouble()) is not None:
            self.status.set_broker(trouble, connected=False)
            return
        if connected:
            text = QCoreApplication.translate(
                "BrokerStatus", "Message bus: connected to %1"
            ).replace("%1", host)
        else:
            text = QCoreApplication.translate(
                "BrokerStatus", "Message bus: %1 not reachable, reconnecting"
            ).replace("%1", host)
        self.status.set_broker(text, connected=connected)

    def _workers_trouble(self) -> str | None:
        """What is wrong with the headless ingest workers, in words, or None."""
        if self._states is None:
            return None
        now = datetime.now(UTC)
        for s in self._states:
            if s.stalled:
                return (
                    QCoreApplication.translate(
                        "BrokerStatus", "Ingest %1 stalled, alerts held at the broker: %2"
                    )
                    .replace("%1", s.worker)
                    .replace("%2", s.stalled)
                )
        for s in self._states:
            if s.silent(now):
                since = s.seen_at.astimezone(DISTRICT_TZ).strftime("%H:%M:%S")
                return (
                    QCoreApplication.translate("BrokerStatus", "Ingest %1 silent since %2")
                    .replace("%1", s.worker)
                    .replace("%2", since)
                )
        for s in self._states:
            if not s.database_up:
                return QCoreApplication.translate(
                    "BrokerStatus", "Ingest %1 cannot reach the database: alerts kept in its spool"
                ).replace("%1", s.worker)
        if not self._states:
            return QCoreApplication.translate(
                "BrokerStatus", "No ingest service has reported: alerts may not be stored"
            )
        return None

    def _trouble(self) -> str | None:
        """What is wrong with the in-process ingest, in words, or None."""
        if self.health is None:
            return None
        h = self.health()
        if not h.alive:
            return QCoreApplication.translate(
                "BrokerStatus", "Ingest stopped: alerts are not being stored"
            )
        if h.stalled:
            return QCoreApplication.translate(
                "BrokerStatus", "Ingest stalled, alerts held at the broker: %1"
            ).replace("%1", h.stalled)
        if not h.database_up:
            return QCoreApplication.translate(
                "BrokerStatus", "Database unreachable: alerts kept in the spool (%1 kB)"
            ).replace("%1", f"{h.spool_bytes / 1024:.0f}")
        return None

    def close(self) -> None:
        self._timer.stop()
        if self._jobs is not None:
            self._jobs.close()
        if self._unsubscribe is not None:
            self._unsubscribe()
