"""FFmpeg (PyAV) decoding into a QImage, for what the installed libVLC cannot open.

Debian's libVLC has no live555 and so no ``rtsp://``; FFmpeg opens it (and HTTP-FLV,
HLS, MPEG-TS). One decoder thread per session reads, decodes, converts to BGRA and
hands the frame to a ``FrameSlot``; files (demo clips when libVLC is missing) are
paced by their timestamps and looped. Every network read has a time limit, so a
stopped session ends within ``READ_TIMEOUT`` seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import av
from PySide6.QtCore import QObject

from widgets.video.player import PlayerOptions, SlotPlayer
from widgets.video.session import FrameSlot, SessionBridge

log = logging.getLogger(__name__)

OPEN_TIMEOUT = 5.0
READ_TIMEOUT = 2.0


def is_network(url: str) -> bool:
    return len(urlsplit(url).scheme) > 1 and urlsplit(url).scheme != "file"


def open_options(url: str, options: PlayerOptions, transport: str) -> dict[str, str]:
    opts = {"fflags": "nobuffer", "flags": "low_delay"}
    if is_network(url):
        opts["max_delay"] = str(max(0, options.network_caching_ms) * 1000)
    if urlsplit(url).scheme.lower() == "rtsp":
        opts["rtsp_transport"] = transport
        opts["timeout"] = str(int(READ_TIMEOUT * 1_000_000))
    return opts


class AvSession:
    """One decoder thread for one URL."""

    def __init__(self, url: str, options: PlayerOptions, loop: bool) -> None:
        self.url = url
        self.options = options
        self.loop = loop
        self.bridge = SessionBridge()
        self.slot = FrameSlot(self.bridge.frame.emit)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="video-av", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def release(self) -> None:
        self.stopping.set()
        self.slot.closed = True
        if self.thread.is_alive():
            self.thread.join(OPEN_TIMEOUT + READ_TIMEOUT)

    def after_release(self) -> None:
        pass

    # -- the decoder thread ------------------------------------------------------

    def _open(self) -> Any:
        timeout = (OPEN_TIMEOUT, READ_TIMEOUT)
        transports = ["tcp", "udp"] if self.options.rtsp_tcp else ["udp", "tcp"]
        if urlsplit(self.url).scheme.lower() != "rtsp":
            transports = transports[:1]
        error: Exception | None = None
        for transport in transports:  # a server that refuses interleaved TCP gets UDP
            if self.stopping.is_set():
                break
            try:
                opts = open_options(self.url, self.options, transport)
                return av.open(self.url, options=opts, timeout=timeout)
            except av.FFmpegError as failed:
                error = failed
        raise error or RuntimeError("stopped")

    def _run(self) -> None:
        try:
            container = self._open()
        except Exception as error:
            if not self.stopping.is_set():
                log.info("ffmpeg cannot open %s: %s", self.url, error)
                self.bridge.happened.emit("error")
            return
        try:
            self._decode(container)
        except Exception as error:
            if not self.stopping.is_set():
                log.info("ffmpeg lost %s: %s", self.url, error)
                self.bridge.happened.emit("error")
        finally:
            container.close()

    def _decode(self, container: Any) -> None:
        stream = container.streams.video[0]
        if self.options.decoder_threads:
            stream.codec_context.thread_count = self.options.decoder_threads
        else:
            stream.thread_type = "AUTO"
        paced = not is_network(self.url)
        self.bridge.happened.emit("playing")
        while not self.stopping.is_set():
            start = time.monotonic()
            first_pts: float | None = None
            for packet in container.demux(stream):
                if self.stopping.is_set():
                    return
                for frame in packet.decode():
                    if paced and frame.pts is not None:
                        at = float(frame.pts * stream.time_base)
                        first_pts = at if first_pts is None else first_pts
                        delay = start + (at - first_pts) - time.monotonic()
                        if delay > 0 and self.stopping.wait(min(delay, 1.0)):
                            return
                    picture = frame.reformat(format="bgra")
                    plane = picture.planes[0]
                    self.slot.put(bytes(plane), picture.width, picture.height, plane.line_size)
            if not self.loop:
                self.bridge.happened.emit("end")
                return
            container.seek(0)


class AvPlayer(SlotPlayer):
    """FFmpeg through PyAV; ``current_image`` is the latest frame."""

    backend = "ffmpeg"

    def __init__(
        self, url: str, options: PlayerOptions, source: str | None = None, loop: bool = False,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(url, options, parent)
        self._source = source or url
        self._loop = loop

    def _start_session(self) -> AvSession:
        return self._started(AvSession(self._source, self.options, self._loop))

    def _close_session(self) -> None:
        if self._session is not None:
            self._session.stopping.set()  # the decoder thread ends at its next check
        super()._close_session()
