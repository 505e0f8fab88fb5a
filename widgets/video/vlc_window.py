"""libVLC drawing straight into a native window: the tile's video widget.

Only where Qt runs on xcb, windows or cocoa (``native_rendering_possible``). libVLC's
own mouse and keyboard handling is off, so clicks reach Qt. Frames are not seen by
Python here: the watchdog polls libVLC's count of decoded pictures instead.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from widgets.video import session as video_session
from widgets.video.player import PlayerOptions, VideoPlayer
from widgets.video.vlc_common import VlcSession

log = logging.getLogger(__name__)

NATIVE_PLATFORMS = ("xcb", "windows", "cocoa")


def native_rendering_possible() -> bool:
    return QGuiApplication.platformName() in NATIVE_PLATFORMS


class WindowSession(VlcSession):
    """A VlcSession drawing into a window; keeps the window until libVLC let go of it."""

    def __init__(self, options: PlayerOptions, mrl: str, loop: bool, window: QWidget) -> None:
        super().__init__(options, mrl, loop)
        self.window = window
        handle = int(window.winId())
        if sys.platform.startswith("win"):
            self.player.set_hwnd(handle)
        elif sys.platform == "darwin":
            self.player.set_nsobject(handle)
        else:
            self.player.set_xwindow(handle)
        self.player.video_set_mouse_input(False)
        self.player.video_set_key_input(False)

    def after_release(self) -> None:
        super().after_release()
        if self.window.parent() is None:  # its tile is gone: the window was ours to free
            self.window.deleteLater()


class VlcWindowPlayer(VideoPlayer):
    """libVLC rendering into ``attach_window``'s widget (a native child of the tile)."""

    backend = "vlc-native"
    renders_natively = True

    def __init__(
        self, url: str, options: PlayerOptions, mrl: str, loop: bool = False,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(url, options, parent)
        self._mrl = mrl
        self._loop = loop
        self._window: QWidget | None = None
        self._decoded = 0
        self._decoded_before = 0

    def attach_window(self, widget: Any) -> None:
        self._window = widget

    def _start_session(self) -> WindowSession:
        if self._window is None:
            raise RuntimeError("no window attached")
        session = WindowSession(self.options, self._mrl, self._loop, self._window)
        video_session.adopt(session)
        session.bridge.happened.connect(self._on_bridge_event, Qt.ConnectionType.QueuedConnection)
        self._decoded = 0
        session.start()
        return session

    def _close_session(self) -> None:
        session = self._session
        if session is not None:
            self._decoded_before += self._decoded
            session.bridge.happened.disconnect(self._on_bridge_event)
        super()._close_session()

    def _poll(self, now: float) -> None:
        session = self._session
        if session is None:
            return
        decoded = session.decoded_pictures()
        if decoded > self._decoded:
            self._decoded = decoded
            self._frame_arrived()
            self.frame_ready.emit()

    @property
    def frames_decoded(self) -> int:
        return self._decoded_before + self._decoded
