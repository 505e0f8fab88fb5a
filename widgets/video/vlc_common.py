"""What the two libVLC players share: the instance, media options, the event bridge and
the session that owns one ``MediaPlayer``.

Rules kept here: libVLC event callbacks only emit a queued Qt signal with plain
values (never a libVLC call inside a libVLC callback); stop and release run on a
worker thread (``video_session.release_later``); the bridge and the ctypes callbacks
live as long as the session, so nothing is freed while libVLC may still call it.
"""

from __future__ import annotations

import logging
from typing import Any

import vlc

from widgets.video.player import PlayerOptions
from widgets.video.session import SessionBridge

log = logging.getLogger(__name__)

_instances: dict[tuple[str, ...], Any] = {}


def instance_args(options: PlayerOptions) -> tuple[str, ...]:
    args = [
        "--quiet",
        "--no-video-title-show",
        "--no-osd",
        "--no-snapshot-preview",
        "--no-spu",
        "--no-xlib",  # Qt owns the X connection; VLC draws with xcb only
        f"--avcodec-hw={'any' if options.hardware_decoding else 'none'}",
    ]
    if not options.audio:
        args.append("--no-audio")
    return tuple(args)


def shared_instance(options: PlayerOptions) -> Any:
    """One libVLC instance per set of arguments, kept for the life of the process."""
    args = instance_args(options)
    instance = _instances.get(args)
    if instance is None:
        instance = vlc.Instance(list(args))
        if instance is None:
            raise RuntimeError("libVLC could not start (plugins missing?)")
        _instances[args] = instance
    return instance


def media_options(options: PlayerOptions, loop: bool) -> list[str]:
    caching = max(0, options.network_caching_ms)
    opts = [f":network-caching={caching}", f":live-caching={caching}", ":file-caching=300"]
    if options.rtsp_tcp:
        opts.append(":rtsp-tcp")
    if not options.audio:
        opts.append(":no-audio")
    if options.decoder_threads:
        opts.append(f":avcodec-threads={options.decoder_threads}")
    if loop:
        opts.append(":input-repeat=65535")  # not :loop (that drops clients at each restart)
    return opts


_EVENTS = {
    "EncounteredError": "error",
    "EndReached": "end",
    "Playing": "playing",
}


class VlcSession:
    """One ``MediaPlayer`` playing one media; released on a worker thread."""

    def __init__(self, options: PlayerOptions, mrl: str, loop: bool) -> None:
        self.bridge = SessionBridge()
        instance = shared_instance(options)
        self.media = instance.media_new(mrl, *media_options(options, loop))
        self.player = instance.media_player_new()
        self.player.set_media(self.media)
        self.keep: list[Any] = []  # ctypes callbacks: alive as long as the player
        events = self.player.event_manager()
        for name, code in _EVENTS.items():
            kind = getattr(vlc.EventType, "MediaPlayer" + name)
            events.event_attach(kind, self._on_vlc_event, code)

    def _on_vlc_event(self, _event: Any, code: str) -> None:
        # On a libVLC thread: emit and nothing else.
        self.bridge.happened.emit(code)

    def start(self) -> None:
        self.player.play()  # asynchronous in libVLC 3

    def decoded_pictures(self) -> int:
        """Pictures decoded so far (libVLC's statistics; each once, unlike displays)."""
        stats = vlc.MediaStats()
        if self.media.get_stats(stats):
            return int(stats.decoded_video)
        return 0

    def release(self) -> None:
        self.player.stop()
        self.player.release()
        self.media.release()

    def after_release(self) -> None:
        self.keep.clear()  # libVLC calls nothing any more
