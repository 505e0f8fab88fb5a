"""Wires the alert queue panel to the store: loads the queue off the GUI thread,
reloads it when the change feed says alerts or alarms changed (coalesced: at
most a few reloads a second, however hard the flood), and carries out the
operator's actions for the signed-in user."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from console.jobs import Jobs
from services.alarms.queue import AlarmQueue
from services.db.store import Store
from services.domain import Change, Principal, QueuedAlarm
from services.errors import ConflictError, ServiceError
from widgets.alerts.queue import AlertQueuePanel

log = logging.getLogger(__name__)

COALESCE_MS = 150  # a flood of changes reloads the queue at most this often
POLL_MS = 5000  # SQLite: other processes writing the same file are not heard
WATCHED = frozenset({"alerts", "alarms", "work_orders"})


class AlertsController(QObject):
    _changed = Signal()  # emitted from the change feed's thread
    queue_loaded = Signal(list)  # the QueuedAlarm records now shown

    def __init__(
        self,
        store: Store,
        principal: Principal,
        panel: AlertQueuePanel,
        jobs: Jobs,
        notify: Callable[[str], None],
        lang: str = "zh_CN",
    ) -> None:
        super().__init__(panel)
        self.store, self.principal, self.panel, self.jobs = store, principal, panel, jobs
        self.notify = notify
        self.queue = AlarmQueue(store, lang=lang)
        self.loads = 0
        self._busy = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._changed.connect(self._timer.start, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = store.subscribe(self._on_change)
        panel.acknowledge_requested.connect(self.acknowledge)
        panel.false_alarm_requested.connect(self._on_false_alarm_requested)

    def start(self) -> None:
        self.refresh()
        if not self.store.is_postgres:
            self._poll.start()

    def close(self) -> None:
        self._unsubscribe()
        self._timer.stop()
        self._poll.stop()

    def refresh(self) -> None:
        """Reload the queue (one load at a time; a change meanwhile loads again)."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        principal = self.principal
        self.jobs.submit(lambda: self.queue.open_alarms(principal), self._loaded, self._load_failed)

    def _on_change(self, change: Change) -> None:  # any thread
        if change.table in WATCHED:
            self._changed.emit()

    def _loaded(self, alarms: list[QueuedAlarm]) -> None:
        self._busy = False
        self.loads += 1
        self.panel.show_alarms(alarms)
        self.queue_loaded.emit(alarms)
        if self._again:
            self._again = False
            self._timer.start()

    def _load_failed(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("alert queue not loaded: %s", exc)
        self.notify(self.tr("Alert queue not loaded: %1").replace("%1", str(exc)))

    def acknowledge(self, alarm_id: int, version: int) -> None:
        principal = self.principal
        self.jobs.submit(
            lambda: self.queue.acknowledge(principal, alarm_id, version),
            lambda _view: self.refresh(),
            self._action_failed,
        )

    def _on_false_alarm_requested(self, alarm_id: int, version: int, reason: str) -> None:
        principal = self.principal
        self.jobs.submit(
            lambda: self.queue.dismiss_false(principal, alarm_id, version, reason),
            lambda _view: self.refresh(),
            self._action_failed,
        )

    def _action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            self.notify(self.tr("The alarm was changed at another console; reloaded."))
        elif isinstance(exc, ServiceError):
            self.notify(str(exc))
        else:
            log.error("alarm action failed", exc_info=exc)
            self.notify(self.tr("The action failed: %1").replace("%1", str(exc)))
        self.refresh()
