"""Real video streams on loopback for the tests: VLC's streaming output, in this process.

    with StreamServer() as server:
        url = server.serve_http("cam1", clip)     # http://127.0.0.1:PORT/cam1.ts (MPEG-TS)
        url = server.serve_rtsp("cam2", clip)     # rtsp://127.0.0.1:PORT/cam2 (RTP over UDP)
        server.stop("cam1"); server.start("cam1")  # the same URL goes away and comes back

The clip is remuxed, not transcoded, and looped with ``input-repeat`` (the ``loop``
flag would drop every RTSP client at each restart). VLC's RTSP server offers RTP over
UDP only, no interleaved TCP. ``cvlc`` refuses to run as root; python-vlc does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import vlc

from tests.support.servers import free_port, port_open

REPEAT = 65535


@dataclass
class _Stream:
    url: str
    port: int
    player: Any
    media: Any


class StreamServer:
    """Serves clips as live streams; each stream can be stopped and started again."""

    def __init__(self) -> None:
        self._instance = vlc.Instance(["--quiet", "--no-audio", "--no-spu"])
        if self._instance is None:
            raise RuntimeError("libVLC could not start")
        self._streams: dict[str, _Stream] = {}

    def serve_http(self, name: str, clip: Path, port: int | None = None) -> str:
        port = port or free_port()
        sout = f"#std{{access=http,mux=ts,dst=127.0.0.1:{port}/{name}.ts}}"
        return self._serve(name, clip, sout, port, f"http://127.0.0.1:{port}/{name}.ts")

    def serve_rtsp(self, name: str, clip: Path, port: int | None = None) -> str:
        port = port or free_port()
        sout = f"#rtp{{sdp=rtsp://127.0.0.1:{port}/{name}}}"
        return self._serve(name, clip, sout, port, f"rtsp://127.0.0.1:{port}/{name}")

    def _serve(self, name: str, clip: Path, sout: str, port: int, url: str) -> str:
        if name in self._streams:
            raise ValueError(f"stream {name} exists")
        media = self._instance.media_new(
            str(clip), f":sout={sout}", ":sout-keep", f":input-repeat={REPEAT}", ":no-sout-audio"
        )
        player = self._instance.media_player_new()
        player.set_media(media)
        self._streams[name] = _Stream(url, port, player, media)
        self.start(name)
        return url

    def start(self, name: str) -> None:
        self._streams[name].player.play()

    def stop(self, name: str) -> None:
        """Stop serving (clients lose the stream); blocks until VLC has stopped."""
        self._streams[name].player.stop()

    def listening(self, name: str) -> bool:
        return port_open(self._streams[name].port)

    def close(self) -> None:
        for stream in self._streams.values():
            stream.player.stop()
            stream.player.release()
            stream.media.release()
        self._streams.clear()
        self._instance.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
