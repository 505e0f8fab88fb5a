"""Coalesces alarm updates that arrive faster than a person can read them.

The change feed hands each batch of new, changed and closed alarms to the GUI
thread; ``push`` only records them (the latest copy of each alarm id wins: a
later copy replaces an earlier one unless its version is lower; a close wins
over what came before it).  A timer flushes what is pending to ``apply`` every
``interval_ms`` in chunks, stopping once ``budget_ms`` are spent, so that a
flood never holds the GUI thread for long (Picard's batch time budget); what is
left waits for the next tick.  The first push after a quiet spell is flushed
at once, on the next turn of the event loop.

``push`` may be called from any thread: it takes a lock and wakes the timer
through a queued signal.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from itertools import islice

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from services.domain import QueuedAlarm

Apply = Callable[[list[QueuedAlarm], list[int]], None]
INTERVAL_MS = 100
BUDGET_MS = 30
CHUNK = 200  # at most BIG_BATCH: a chunk never turns into a layout change


class FloodBuffer(QObject):
    flushed = Signal(int)  # how many alarm ids one tick applied
    _wake = Signal()

    def __init__(
        self,
        apply: Apply,
        interval_ms: int = INTERVAL_MS,
        budget_ms: float = BUDGET_MS,
        chunk: int = CHUNK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._apply = apply
        self.budget_s = budget_ms / 1000
        self.chunk = chunk
        self._lock = threading.Lock()
        self._pending: dict[int, QueuedAlarm | None] = {}  # None: closed
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.flush)
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def push(self, rows: Iterable[QueuedAlarm] = (), removed: Iterable[int] = ()) -> None:
        """Records new or changed alarms and closed ids (any thread)."""
        with self._lock:
            was_idle = not self._pending
            pending = self._pending
            for alarm in rows:
                held = pending.get(alarm.id)
                if held is None or alarm.version >= held.version:
                    pending[alarm.id] = alarm
            for alarm_id in removed:
                pending[alarm_id] = None
        if was_idle:
            self._wake.emit()

    def flush(self) -> int:
        """Applies pending updates within the time budget; returns how many."""
        began = time.perf_counter()
        done = 0
        while True:
            with self._lock:
                ids = list(islice(self._pending, self.chunk))
                taken = [(i, self._pending.pop(i)) for i in ids]
            if not taken:
                break
            rows = [a for _i, a in taken if a is not None]
            self._apply(rows, [i for i, a in taken if a is None])
            done += len(taken)
            if time.perf_counter() - began >= self.budget_s:
                break
        if done:
            self.flushed.emit(done)
        else:
            self._timer.stop()  # a quiet tick: the next push flushes at once again
        return done

    def drain(self) -> None:
        """Applies everything pending now, whatever the budget (shutdown, tests)."""
        while self.pending:
            budget, self.budget_s = self.budget_s, float("inf")
            try:
                self.flush()
            finally:
                self.budget_s = budget
        self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()
        self._soon.stop()

    def _on_wake(self) -> None:
        if not self._timer.isActive():
            self._soon.start()  # a lone update shows at once ...
            self._timer.start()  # ... and a flood every interval
