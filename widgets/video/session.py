"""What every video backend shares below the player: the frame hand-off from a decoder
thread to the GUI thread, and the release of sessions off the GUI thread.

A *session* is one attempt at playing one URL (a libVLC media player, a PyAV decoder
thread). Stopping one may block on the network, so ``release_later`` does it on a short
worker thread; the session is dropped on the GUI thread once it is gone, which is
also when ``live_sessions()`` stops counting it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)


class Session(Protocol):
    def release(self) -> None:
        """Stop and free everything; blocking; runs on a worker thread."""

    def after_release(self) -> None:
        """Runs on the GUI thread once ``release`` has returned."""


@dataclass(frozen=True)
class Frame:
    """One decoded picture: 32-bit pixels, B G R X byte order (QImage.Format_RGB32)."""

    data: bytes
    width: int
    height: int
    stride: int


class FrameSlot:
    """The latest frame of one session, written by its decoder thread, read by the GUI.

    Runs inside decoder callbacks: no logging, no Qt calls but ``notify`` (which only
    emits a signal), no libVLC calls. A frame equal to the one before (VLC 3 shows a
    10 fps picture twice) is counted and dropped: one memcmp, no repaint.
    """

    def __init__(self, notify: Callable[[], None]) -> None:
        self._notify = notify
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._last: bytes | None = None
        self._pending = False
        self.closed = False
        self.distinct = 0
        self.duplicates = 0

    def put(self, data: bytes, width: int, height: int, stride: int) -> None:
        if self.closed:
            return
        with self._lock:
            if data == self._last:
                self.duplicates += 1
                return
            self._last = data
            self.distinct += 1
            self._frame = Frame(data, width, height, stride)
            if self._pending:
                return
            self._pending = True
        self._notify()

    def take(self) -> Frame | None:
        with self._lock:
            frame, self._frame, self._pending = self._frame, None, False
            return frame


class SessionBridge(QObject):
    """Crosses from a decoder's threads to the GUI thread: emit only, always queued.
    Owned by its session, so it outlives every callback that may still emit."""

    frame = Signal()
    happened = Signal(str)  # "playing" | "error" | "end"


class _Reaper(QObject):
    """Releases sessions on worker threads and forgets them on the GUI thread."""

    reaped = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.alive: set[object] = set()
        self.reaped.connect(self._on_reaped, Qt.ConnectionType.QueuedConnection)

    def release_later(self, session: Session) -> None:
        thread = threading.Thread(
            target=self._release, args=(session,), name="video-release", daemon=True
        )
        thread.start()

    def _release(self, session: Session) -> None:
        try:
            session.release()
        except Exception:
            log.exception("releasing a video session failed")
        finally:
            self.reaped.emit(session)

    def _on_reaped(self, session: Session) -> None:
        try:
            session.after_release()
        finally:
            self.alive.discard(session)


_reaper: _Reaper | None = None


def _the_reaper() -> _Reaper:
    global _reaper
    if _reaper is None:
        _reaper = _Reaper()
    return _reaper


def adopt(session: Session) -> None:
    """Count a session as live from its start (call on the GUI thread)."""
    _the_reaper().alive.add(session)


def release_later(session: Session) -> None:
    """Release a session without blocking the caller (call on the GUI thread)."""
    _the_reaper().release_later(session)


def live_sessions() -> int:
    """Sessions started and not yet released: libVLC players and decoder threads."""
    return 0 if _reaper is None else len(_reaper.alive)
