"""A clip of a camera, kept as it comes (remuxed into MP4, not transcoded):
报警联动's evidence of what the camera saw when the alarm came.

libVLC reads the camera (or a demo camera's clip) and writes its stream to a
file with ``#std{access=file,mux=mp4}``, no display; ``:stop-time`` ends it after
``seconds`` of the stream's own time (a live stream: as long on the clock).
Stopping finalises the MP4 on the reaper's thread, then ``finished`` says where
the file is, or why there is none."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer, Signal

from widgets.video import session as video_session
from widgets.video.backends import DEMO_SCHEME, resolve_demo
from widgets.video.player import PlayerOptions
from widgets.video.vlc_probe import probe_libvlc

log = logging.getLogger(__name__)
GRACE_S = 15  # a stream that never ends its clip is stopped this much later


class _RecordingSession:
    """One libVLC player writing one file; released (the MP4 finalised) off the GUI."""

    def __init__(self, options: PlayerOptions, source: str, dst: Path, seconds: int) -> None:
        # Here, not at import: a console without libVLC still starts.
        from widgets.video.vlc_common import media_options, shared_instance

        instance = shared_instance(options)
        sout = f":sout=#std{{access=file,mux=mp4,dst={dst}}}"
        opts = [*media_options(options, loop=False), sout, ":no-sout-all", f":stop-time={seconds}"]
        self.media = instance.media_new(source, *opts)
        self.player = instance.media_player_new()
        self.player.set_media(self.media)
        self.ended = threading.Event()
        self.on_released: Any = None
        import vlc

        events = self.player.event_manager()
        for name in ("MediaPlayerEndReached", "MediaPlayerEncounteredError"):
            events.event_attach(getattr(vlc.EventType, name), lambda _e: self.ended.set())

    def release(self) -> None:
        self.player.stop()
        self.player.release()
        self.media.release()

    def after_release(self) -> None:
        if self.on_released is not None:
            self.on_released()


class ClipRecorder(QObject):
    finished = Signal(object, str)  # the clip's Path (None when there is none), why not

    def __init__(
        self,
        url: str,
        dst: Path,
        seconds: int,
        options: PlayerOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.url, self.dst, self.seconds = url, dst, seconds
        self.options = options or PlayerOptions(audio=True)
        self._session: _RecordingSession | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(self._check)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self.stop)

    def start(self) -> bool:
        """Begin the clip; False (and ``finished`` with the reason) when the
        camera's stream cannot be had here."""
        source = self.url
        if urlsplit(self.url).scheme == DEMO_SCHEME:
            clip = resolve_demo(self.url)
            if clip is None:
                self.finished.emit(None, f"no demo clip for {self.url}")
                return False
            source = str(clip)
        probe = probe_libvlc()
        if not probe.available:
            self.finished.emit(None, f"cannot record {self.url}: libVLC {probe.problem}")
            return False
        self.dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            session = _RecordingSession(self.options, source, self.dst, self.seconds)
        except Exception as exc:
            self.finished.emit(None, f"cannot record {self.url}: {exc}")
            return False
        video_session.adopt(session)
        self._session = session
        session.player.play()
        self._poll.start()
        self._deadline.start((self.seconds + GRACE_S) * 1000)
        return True

    def stop(self) -> None:
        """End the clip now (what was written is kept)."""
        session, self._session = self._session, None
        self._poll.stop()
        self._deadline.stop()
        if session is None:
            return
        session.on_released = self._released
        video_session.release_later(session)

    def _check(self) -> None:
        session = self._session
        if session is not None and session.ended.is_set():
            self.stop()

    def _released(self) -> None:
        if self.dst.is_file() and self.dst.stat().st_size > 0:
            self.finished.emit(self.dst, "")
        else:
            self.finished.emit(None, f"{self.url} gave no picture to keep")
