"""One tile of the video wall: a camera's picture, its name, state and last-frame time.

The tile plays the camera's sub stream; ``set_main(True)`` switches to the main stream
(a full-screen tile). It decodes only while it is wanted (``play``) and visible.
Whichever player is behind it (``video_backends.PlayerFactory``), it looks the same: a
strip along the top with name, community, a live/connecting/lost badge and the time
of the last frame; the picture below or under it, aspect kept, black bars.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.video.backends import PlayerFactory
from widgets.video.player import PlayerState, VideoPlayer
from widgets.video.tile_paint import DISTRICT_TZ, paint_tile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TileCamera:
    id: str
    name: str
    community: str
    main_url: str
    sub_url: str


def _close(holder: list[VideoPlayer | None]) -> None:
    """A tile deleted without ``release``: stop its player, telling the dying tile nothing."""
    player = holder[0]
    if player is not None:
        player.blockSignals(True)
        player.close()


class VideoTile(QWidget):
    double_clicked = Signal(str)  # camera id
    snapshot_saved = Signal(str)  # path of the PNG
    state_changed = Signal(str)  # PlayerState value

    def __init__(
        self, camera: TileCamera | None, factory: PlayerFactory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.camera = camera
        self.factory = factory
        self.main = False
        self._wanted = False
        self._player_box: list[VideoPlayer | None] = [None]
        self._video: QWidget | None = None  # native window for native-rendering players
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(96, 54)
        self.destroyed.connect(lambda *_args, box=self._player_box: _close(box))

    # -- control --------------------------------------------------------------------

    @property
    def player(self) -> VideoPlayer | None:
        return self._player_box[0]

    def url(self) -> str:
        if self.camera is None:
            return ""
        return self.camera.main_url if self.main else self.camera.sub_url

    def play(self) -> None:
        self._wanted = True
        self._sync()

    def stop(self) -> None:
        self._wanted = False
        self._sync()

    def release(self) -> None:
        """Stop and drop the player (its session is released off the GUI thread)."""
        self._wanted = False
        self._drop_player()

    def set_camera(self, camera: TileCamera | None) -> None:
        self._drop_player()
        self.camera = camera
        self._sync()
        self.update()

    def set_main(self, main: bool) -> None:
        if main != self.main:
            self.main = main
            self._drop_player()
            self._sync()

    def state(self) -> PlayerState:
        player = self.player
        return player.state if player is not None else PlayerState.IDLE

    def snapshot(self, folder: Path) -> Path | None:
        """The picture as shown, to ``folder/<camera>_<yyyymmdd-hhmmss>.png``."""
        image = self.picture()
        if image is None or self.camera is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(DISTRICT_TZ).strftime("%Y%m%d-%H%M%S")
        path = folder / f"{self.camera.id}_{stamp}.png"
        if not image.save(str(path)):  # PNG, by the suffix
            return None
        self.snapshot_saved.emit(str(path))
        return path

    # -- player life ----------------------------------------------------------------

    def _sync(self) -> None:
        should_run = self._wanted and self.isVisible() and self.camera is not None
        player = self.player
        if should_run and player is None:
            player = self._make_player()
        if player is None:
            return
        if should_run and not player.is_playing():
            player.play()
        elif not should_run and player.is_playing():
            player.stop()

    def _make_player(self) -> VideoPlayer:
        player = self.factory.create(self.url(), light=not self.main)
        if player.renders_natively:
            self._video = self._native_window()
            player.attach_window(self._video)
        player.state_changed.connect(self._on_player_state_changed)
        player.frame_ready.connect(self._on_player_frame_ready)
        self._player_box[0] = player
        return player

    def _native_window(self) -> QWidget:
        video = QWidget(self)
        video.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        video.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        video.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        video.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        palette = video.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        video.setPalette(palette)
        video.setAutoFillBackground(True)
        video.setGeometry(self._picture_rect())
        video.show()
        return video

    def _drop_player(self) -> None:
        player, self._player_box[0] = self._player_box[0], None
        if player is not None:
            player.state_changed.disconnect(self._on_player_state_changed)
            player.frame_ready.disconnect(self._on_player_frame_ready)
            player.close()
            player.deleteLater()
        if self._video is not None:
            # libVLC may draw into it until its session is released: hand the window
            # over (the session deletes a parentless window once released).
            self._video.hide()
            self._video.setParent(None)
            self._video = None
        self.update()

    def _on_player_state_changed(self, state: str) -> None:
        self.update()
        self.state_changed.emit(state)

    def _on_player_frame_ready(self) -> None:
        if self._video is None:
            self.update()
        else:
            self.update(self.strip_rect())

    # -- Qt events ------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._sync()

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        super().hideEvent(event)
        self._sync()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.release()
        super().closeEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._video is not None:
            self._video.setGeometry(self._picture_rect())

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._video is not None:
            self._video.setGeometry(self._picture_rect())  # the strip follows the font

    def mouseDoubleClickEvent(self, event: Any) -> None:  # noqa: N802
        if self.camera is not None:
            self.double_clicked.emit(self.camera.id)
        event.accept()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 180 + self.strip_height())

    # -- painting ---------------------------------------------------------------------

    def strip_height(self) -> int:
        return self.fontMetrics().height() + 6

    def strip_rect(self) -> QRect:
        return QRect(0, 0, self.width(), self.strip_height())

    def _picture_rect(self) -> QRect:
        """Where a native window goes: below the strip (it cannot be drawn over)."""
        strip = self.strip_height()
        return QRect(0, strip, self.width(), max(1, self.height() - strip))

    def picture(self) -> QImage | None:
        """The current picture in its display aspect (for painting and snapshots)."""
        player = self.player
        if player is None:
            return None
        if player.renders_natively and self._video is not None:
            screen = self._video.screen()
            return screen.grabWindow(int(self._video.winId())).toImage() if screen else None
        image = player.current_image()
        if image is None or not player.aspect:
            return image
        height = max(1, round(image.width() / player.aspect))
        if abs(height - image.height()) <= 1:
            return image
        return image.scaled(image.width(), height, mode=Qt.TransformationMode.SmoothTransformation)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            paint_tile(self, painter)
        finally:
            painter.end()
