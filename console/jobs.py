"""Database work off the GUI thread, results handed back to it.

``Jobs.submit(fn, on_done, on_error)`` runs ``fn`` on one worker thread (the
console's single database writer: short transactions, one after another) and
calls ``on_done(result)`` or ``on_error(exc)`` on the GUI thread, through a
queued signal: the GUI thread never waits on the database, and the same code
runs under pytest-qt in the tests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Bridge(QObject):
    done = Signal(object, object, object)  # callback, value, is_error


class Jobs:
    def __init__(self, name: str = "db") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._bridge = _Bridge()
        self._bridge.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._closed = False
        self.pending = 0

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
    ) -> Future[T] | None:
        """Run ``fn`` on the worker; its result (or error) comes back on the GUI thread."""
        if self._closed:
            return None
        self.pending += 1
        future = self._pool.submit(fn)

        def finished(f: Future[T]) -> None:
            if f.cancelled():
                return
            exc = f.exception()
            if exc is not None:
                self._bridge.done.emit(on_error, exc, True)
            else:
                self._bridge.done.emit(on_done, f.result(), False)

        future.add_done_callback(finished)
        return future

    def _deliver(self, callback: Callable[[Any], object] | None, value: Any, error: bool) -> None:
        self.pending -= 1
        if self._closed:
            return
        if callback is not None:
            callback(value)
        elif error:
            log.error("database job failed: %s", value, exc_info=value)

    def close(self, wait: bool = False) -> None:
        """Drop queued jobs; the running one finishes on its own (waited for only
        with ``wait``: the GUI thread does not block on the database)."""
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)
