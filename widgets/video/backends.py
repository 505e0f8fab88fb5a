"""Which player plays a URL here, and where ``demo://`` cameras' clips are.

``PlayerFactory.create(url)`` resolves ``demo://CAM-001/sub`` to its looping clip,
then picks: libVLC when it can open the scheme (through callbacks into a QImage, or
into a native window when asked and Qt runs on xcb/windows/cocoa); FFmpeg (PyAV) for
the rest, e.g. ``rtsp://`` on Debian; otherwise a stand-in whose ``detail`` says what
is missing and how to install it.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from PySide6.QtCore import QObject

from services.resources import resource
from widgets.video.player import PlayerOptions, UnavailablePlayer, VideoPlayer
from widgets.video.vlc_probe import VlcProbe, probe_libvlc

log = logging.getLogger(__name__)

DEMO_SCHEME = "demo"
STREAMS = ("main", "sub")


def demo_clip_dirs() -> list[Path]:
    """Shipped clips first, then clips made by build/make_demo_video.py into the cache."""
    cache = Path(platformdirs.user_cache_dir("youyi-console", appauthor=False))
    return [resource("demo", "video"), cache / "demo-video"]


def resolve_demo(url: str, dirs: list[Path] | None = None) -> Path | None:
    """``demo://ID/main|sub`` → the clip file, or None (unknown camera, not a demo URL).
    A missing main clip falls back to the sub clip."""
    parts = urlsplit(url)
    if parts.scheme != DEMO_SCHEME:
        return None
    camera = parts.netloc
    stream = parts.path.strip("/") or "sub"
    if not camera or stream not in STREAMS or "/" in camera or ".." in camera:
        return None
    for name in (f"{camera}_{stream}.mp4", f"{camera}_sub.mp4"):
        for folder in dirs if dirs is not None else demo_clip_dirs():
            clip = folder / name
            if clip.is_file():
                return clip
    return None


def pyav_available() -> bool:
    return importlib.util.find_spec("av") is not None


class PlayerFactory:
    """Makes the player for a URL. ``options.render``: "native" draws into native
    windows where Qt allows, anything else ("auto", "callbacks") into QImages;
    ``ffmpeg=False`` leaves PyAV out (tests)."""

    def __init__(
        self,
        options: PlayerOptions | None = None,
        probe: VlcProbe | None = None,
        ffmpeg: bool = True,
        demo_dirs: list[Path] | None = None,
    ) -> None:
        self.options = options or PlayerOptions()
        self.probe = probe if probe is not None else probe_libvlc()
        self.ffmpeg = ffmpeg and pyav_available()
        self.demo_dirs = demo_dirs

    def native(self) -> bool:
        """Whether libVLC players draw into native windows: only when asked for.
        Measured with 84 tiles (tests/bench/bench_video.py) callbacks cost the same CPU
        (the X server's share included) and start all tiles in 4 s instead of 27."""
        if self.options.render != "native" or not self.probe.available:
            return False
        from widgets.video.vlc_window import native_rendering_possible

        return native_rendering_possible()

    def create(self, url: str, parent: QObject | None = None, light: bool = False) -> VideoPlayer:
        """``light``: a small sub stream in a tile, decoded on one thread (many tiles
        share the cores better, and each saves a few MB)."""
        options = dataclasses.replace(self.options, decoder_threads=1) if light else self.options
        source, loop = url, False
        if urlsplit(url).scheme == DEMO_SCHEME:
            clip = resolve_demo(url, self.demo_dirs)
            if clip is None:
                return UnavailablePlayer(url, options, "no_clip", "", parent)
            source, loop = str(clip), True
        if self.probe.can_open(source):
            if self.native():
                from widgets.video.vlc_window import VlcWindowPlayer

                return VlcWindowPlayer(url, options, source, loop, parent)
            from widgets.video.vlc_image import VlcImagePlayer

            return VlcImagePlayer(url, options, source, loop, parent)
        if self.ffmpeg:
            from widgets.video.av_player import AvPlayer

            return AvPlayer(url, options, source, loop, parent)
        # libvlc_missing | libvlc_broken, or nothing here opens the scheme
        reason = f"libvlc_{self.probe.problem}" if not self.probe.available else "scheme"
        return UnavailablePlayer(url, options, reason, self.probe.hint, parent)
