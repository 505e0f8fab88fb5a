"""Wires the alert queue panel to the store for the signed-in user.

The queue is loaded once, off the GUI thread; after that it follows what the
change feed says changed: the alarm ids a change names are read again (one
query, ``AlarmQueue.changes``) and handed to the panel as rows in the queue and
ids that left it.  One read is in flight at a time; ids named meanwhile wait
for the next, so a flood costs a read per round, not a read per change.  The
panel's flood buffer applies what comes back within its time budget, and is
the one place that coalesces what a person sees.

A change that names no rows (the feed's listener reconnected, a batch too big
to name) and, on SQLite, a poll every few seconds (another process may write
the same file unheard) read the whole queue; the difference from what is shown
is worked out on the worker too, so even that reaches the GUI thread as a
delta."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from console.change_inbox import ChangeInbox
from console.jobs import Jobs
from services.alarms.queue import AlarmQueue
from services.db.store import Store
from services.domain import Change, Principal, QueuedAlarm
from services.errors import ConflictError, ServiceError
from widgets.alerts.queue import AlertQueuePanel

log = logging.getLogger(__name__)

POLL_MS = 5000  # SQLite: other processes writing the same file are not heard
WATCHED = frozenset({"alarms"})

Delta = tuple[list[QueuedAlarm], list[int]]


def difference(shown: dict[int, QueuedAlarm], now: list[QueuedAlarm]) -> Delta:
    """The rows of ``now`` that differ from ``shown`` and the ids no longer there."""
    current = {a.id: a for a in now}
    changed = [a for a in now if shown.get(a.id) != a]
    return changed, [i for i in shown if i not in current]


class AlertsController(QObject):
    _changed = Signal()  # emitted from the change feed's thread

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
        self.loads = 0  # whole-queue reads
        self.reads = 0  # reads of named alarms
        self.inbox = ChangeInbox(WATCHED)
        self._busy = False  # a read in flight (the GUI thread's to set)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.reload)
        self._changed.connect(self._read_next, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = store.subscribe(self._on_change)
        panel.acknowledge_requested.connect(self.acknowledge)
        panel.false_alarm_requested.connect(self._on_false_alarm_requested)

    def start(self) -> None:
        self.reload()
        if not self.store.is_postgres:
            self._poll.start()

    def close(self) -> None:
        self._unsubscribe()
        self._poll.stop()

    def lang(self) -> str:
        """The language the queue's alarm labels are in."""
        return self.queue.lang

    # --- what changed ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole queue again (start, resync, SQLite's poll)."""
        self.inbox.everything()
        self._read_next()

    def _on_change(self, change: Change) -> None:  # any thread
        if self.inbox.add(change):
            self._changed.emit()

    def _read_next(self) -> None:
        """Start a read of what is waiting, unless one is in flight (GUI thread)."""
        if self._busy or not self.inbox.waiting():
            return
        self._busy = True
        everything, rows = self.inbox.take()
        ids = sorted(rows)
        p = self.principal
        if everything and not self.loads:
            self.jobs.submit(lambda: self.queue.open_alarms(p), self._first_load, self._failed)
        elif everything:
            shown = self.panel.snapshot()
            self.jobs.submit(
                lambda: difference(shown, self.queue.open_alarms(p)), self._reloaded, self._failed
            )
        else:
            self.jobs.submit(lambda: self.queue.changes(p, ids), self._read, self._failed)

    def _first_load(self, alarms: list[QueuedAlarm]) -> None:
        self.loads += 1
        self.panel.show_alarms(alarms)
        self._done()

    def _reloaded(self, delta: Delta) -> None:
        self.loads += 1
        self.panel.push(*delta)
        self._done()

    def _read(self, delta: Delta) -> None:
        self.reads += 1
        self.panel.push(*delta)
        self._done()

    def _failed(self, exc: BaseException) -> None:
        log.warning("alert queue not loaded: %s", exc)
        self.notify(self.tr("Alert queue not loaded: %1").replace("%1", str(exc)))
        self.inbox.everything()  # what was asked for is read again, in full
        self._busy = False
        QTimer.singleShot(POLL_MS, self, self._read_next)

    def _done(self) -> None:
        self._busy = False
        self._read_next()

    # --- the operator's actions --------------------------------------------------------

    def acknowledge(self, alarm_id: int, version: int) -> None:
        principal = self.principal
        self.jobs.submit(
            lambda: self.queue.acknowledge(principal, alarm_id, version),
            None,  # the change feed brings the alarm back acknowledged
            self._action_failed,
        )

    def _on_false_alarm_requested(self, alarm_id: int, version: int, reason: str) -> None:
        principal = self.principal
        self.jobs.submit(
            lambda: self.queue.dismiss_false(principal, alarm_id, version, reason),
            None,
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
        self.reload()
