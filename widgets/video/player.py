"""One small interface for every video player behind a tile, and its watchdog.

A tile never knows which backend plays: libVLC into a QImage (``video_vlc_image``),
libVLC into a native window (``video_vlc_window``) or FFmpeg through PyAV
(``video_av_player``); ``video_backends.PlayerFactory`` picks one per URL.

Each player runs one *session* at a time (see ``video_session``). A watchdog restarts
the session when no new frame came for ``stall_seconds``, or on an error or end
event, with back-off 1, 2, 4 ... 30 s. The state goes connecting → live, and lost
while it retries; the time of the last frame is kept for the tile.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from widgets.video import session as video_session

log = logging.getLogger(__name__)


class PlayerState(StrEnum):
    IDLE = "idle"
    CONNECTING = "connecting"
    LIVE = "live"
    LOST = "lost"
    UNAVAILABLE = "unavailable"  # no backend can play this URL here


#: ``PlayerOptions.render``: libVLC into native windows where asked, else callbacks.
RENDER_MODES = ("auto", "callbacks", "native")


@dataclass(frozen=True)
class PlayerOptions:
    """Per-media options; the defaults suit a control-room wall. The console builds
    them from the workstation's settings, where the operator chooses RTSP over TCP,
    caching, audio, hardware decoding, stall time and rendering; the other fields
    keep their defaults. A player keeps the options it was made with."""

    rtsp_tcp: bool = True  # RTSP interleaved over TCP (no UDP loss behind NAT/firewalls)
    network_caching_ms: int = 300  # bounded latency
    audio: bool = False  # tiles are silent
    hardware_decoding: bool = True  # where the machine has it; software otherwise
    stall_seconds: float = 5.0  # no new frame this long: the stream is lost
    connect_seconds: float = 10.0  # first frame of a (re)connection within this, or lost
    backoff_first_seconds: float = 1.0
    backoff_max_seconds: float = 30.0
    render: str = "auto"  # libVLC: "native" (a window, xcb/windows/cocoa), else callbacks
    decoder_threads: int = 0  # 0: the decoder's choice; tiles' sub streams use 1


class VideoPlayer(QObject):
    """Base of the players: state, frame bookkeeping, watchdog and back-off.

    Subclasses implement ``_start_session`` (returns a session, already adopted) and
    may override ``current_image`` / ``attach_window``. They call ``_frame_arrived``
    on the GUI thread for each new frame, ``_session_failed`` on an error or end.
    """

    state_changed = Signal(str)
    frame_ready = Signal()
    #: True when the player draws into a native window handed to ``attach_window``.
    renders_natively = False
    backend = "none"

    def __init__(self, url: str, options: PlayerOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.options = options
        self.state = PlayerState.IDLE
        self.detail = ""  # why the state is what it is (an error text, "stalled" ...)
        self.last_frame_at: datetime | None = None
        self.frames_shown = 0
        self.restarts = 0
        self.aspect = 0.0  # width / height of the picture as shown; 0: the image's own
        self._session: Any = None
        self._session_started = 0.0
        self._last_frame_mono: float | None = None
        self._retry_at: float | None = None
        self._backoff = options.backoff_first_seconds
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)

    # -- what a tile uses -------------------------------------------------------

    def play(self) -> None:
        if self._watchdog.isActive():
            return
        self._backoff = self.options.backoff_first_seconds
        self._set_state(PlayerState.CONNECTING)
        self._open()
        self._watchdog.start()

    def stop(self) -> None:
        """Stop decoding (non-blocking); ``play`` starts again."""
        self._watchdog.stop()
        self._retry_at = None
        self._close_session()
        self._set_state(PlayerState.IDLE)

    def close(self) -> None:
        self.stop()

    def is_playing(self) -> bool:
        return self._watchdog.isActive()

    def current_image(self) -> QImage | None:
        """The latest frame (players that render into a QImage), else None."""
        return None

    def attach_window(self, widget: Any) -> None:
        """Give a native-rendering player the widget to draw into (before ``play``)."""

    @property
    def frames_decoded(self) -> int:
        """Distinct frames out of the decoder (counted in the session)."""
        return self.frames_shown

    @property
    def duplicates(self) -> int:
        return 0

    # -- for subclasses -----------------------------------------------------------

    def _on_bridge_event(self, code: str) -> None:
        """A session's "error" or "end" (queued from its threads); one closed since is
        no longer heard."""
        session = self._session
        if session is None or self.sender() is not session.bridge:
            return
        if code in ("error", "end"):
            self._session_failed("error" if code == "error" else "ended")

    def _start_session(self) -> Any:
        raise NotImplementedError

    def _frame_arrived(self) -> None:
        self._last_frame_mono = time.monotonic()
        self.last_frame_at = datetime.now(UTC)
        self.frames_shown += 1
        if self.state is not PlayerState.LIVE:
            self._backoff = self.options.backoff_first_seconds
            self.detail = ""
            self._set_state(PlayerState.LIVE)

    def _session_failed(self, reason: str) -> None:
        if self._session is not None:
            self._lose(reason)

    # -- inside ---------------------------------------------------------------------

    def _open(self) -> None:
        self._retry_at = None
        self._last_frame_mono = None
        self._session_started = time.monotonic()
        try:
            self._session = self._start_session()
        except Exception as error:  # a backend that cannot even start: retry later
            log.warning("video %s: cannot start %s: %s", self.url, self.backend, error)
            self._session = None
            self._lose(str(error))

    def _close_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            video_session.release_later(session)

    def _lose(self, reason: str) -> None:
        self._close_session()
        self.detail = reason
        self._retry_at = time.monotonic() + self._backoff
        log.info("video %s lost (%s); retry in %.0f s", self.url, reason, self._backoff)
        self._backoff = min(self._backoff * 2, self.options.backoff_max_seconds)
        self._set_state(PlayerState.LOST)

    def _on_watchdog_timeout(self) -> None:
        now = time.monotonic()
        self._poll(now)
        if self._session is not None:
            if self._last_frame_mono is None:
                quiet, limit = now - self._session_started, self.options.connect_seconds
            else:
                quiet, limit = now - self._last_frame_mono, self.options.stall_seconds
            if quiet > limit:
                self._lose("stalled")
        elif self._retry_at is not None and now >= self._retry_at:
            self.restarts += 1
            self._open()

    def _poll(self, now: float) -> None:
        """Hook for players that learn of frames by polling (native rendering)."""

    def _set_state(self, state: PlayerState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state.value)


class UnavailablePlayer(VideoPlayer):
    """Stands in when nothing here can play the URL. ``detail`` is why: "libvlc_missing",
    "libvlc_broken", "scheme" (no player here opens it) or "no_clip" (unknown demo
    camera); ``hint`` what to install."""

    backend = "unavailable"

    def __init__(
        self, url: str, options: PlayerOptions, reason: str, hint: str = "",
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(url, options, parent)
        self.detail = reason
        self.hint = hint
        self.state = PlayerState.UNAVAILABLE

    def play(self) -> None:
        self._set_state(PlayerState.UNAVAILABLE)

    def stop(self) -> None:
        pass


_S = TypeVar("_S")


class SlotPlayer(VideoPlayer):
    """A player whose sessions decode into a ``FrameSlot`` (libVLC callbacks, PyAV):
    their bridge connected on start, the slot's counts kept across restarts, the
    latest frame as a QImage."""

    def __init__(self, url: str, options: PlayerOptions, parent: QObject | None = None) -> None:
        super().__init__(url, options, parent)
        self._image: QImage | None = None
        self._decoded_before = 0
        self._duplicates_before = 0

    def _started(self, session: _S) -> _S:
        """Adopt and wire a new session, then start it (from ``_start_session``)."""
        s: Any = session  # a FrameSlot session: bridge, slot, start()
        video_session.adopt(s)
        s.bridge.frame.connect(self._on_bridge_frame, Qt.ConnectionType.QueuedConnection)
        s.bridge.happened.connect(self._on_bridge_event, Qt.ConnectionType.QueuedConnection)
        s.start()
        return session

    def _close_session(self) -> None:
        session = self._session
        if session is not None:
            self._decoded_before += session.slot.distinct
            self._duplicates_before += session.slot.duplicates
            session.slot.closed = True
            session.bridge.frame.disconnect(self._on_bridge_frame)
            session.bridge.happened.disconnect(self._on_bridge_event)
        super()._close_session()

    def _on_bridge_frame(self) -> None:
        session = self._session
        if session is None or self.sender() is not session.bridge:
            return  # from a session already closed
        frame = session.slot.take()
        if frame is None:
            return
        self._image = QImage(
            frame.data, frame.width, frame.height, frame.stride, QImage.Format.Format_RGB32
        )
        self._new_image(session)
        self._frame_arrived()
        self.frame_ready.emit()

    def _new_image(self, session: Any) -> None:
        """A frame has become ``_image`` (for a subclass to look at)."""

    def current_image(self) -> QImage | None:
        return self._image

    @property
    def frames_decoded(self) -> int:
        session = self._session
        return self._decoded_before + (session.slot.distinct if session else 0)

    @property
    def duplicates(self) -> int:
        session = self._session
        return self._duplicates_before + (session.slot.duplicates if session else 0)
