"""Review of a video or audio item through libVLC: play, pause, a frame at a
time, slower or faster, a position slider.

The picture comes through libVLC's video callbacks into a QImage (as the wall's
tiles do: ``widgets.video.vlc_image.ImageSession``), so it works on every Qt
platform, offscreen included.  The session is released on the reaper's thread
(``widgets.video.session``): the GUI never waits on libVLC."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from widgets.video import session as video_session
from widgets.video.player import PlayerOptions
from widgets.video.vlc_probe import probe_libvlc

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
TICK_MS = 200


class _Picture(QWidget):
    """The latest frame, kept to its aspect ratio on black."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.setMinimumSize(320, 180)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        image = self.image
        if image is None or image.isNull():
            return
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x, y = (self.width() - size.width()) // 2, (self.height() - size.height()) // 2
        painter.drawImage(QRect(x, y, size.width(), size.height()), image)


class MediaPane(QWidget):
    """One video or audio file under review."""

    frame_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceMedia")
        self.picture = _Picture(self)
        self.play_button = QPushButton(self)
        self.play_button.setObjectName("evidencePlay")
        self.play_button.clicked.connect(self.toggle)
        self.step_button = QPushButton(self)
        self.step_button.setObjectName("evidenceStep")
        self.step_button.clicked.connect(self.step)
        self.speed_box = QComboBox(self)
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.currentIndexChanged.connect(self._on_speed)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 1000)
        self.slider.sliderMoved.connect(self._on_seek)
        self.time_label = QLabel("00:00 / 00:00", self)
        bar = QHBoxLayout()
        for w in (self.play_button, self.step_button, self.speed_box):
            bar.addWidget(w)
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 1)
        layout.addLayout(bar)
        self._session: Any = None
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._update_position)
        self.frames = 0
        self._retranslate()

    # --- what is shown -----------------------------------------------------------

    def open(self, path: Path, options: PlayerOptions | None = None) -> None:
        """Load ``path`` and start playing it."""
        self.close_media()
        if not probe_libvlc().available:  # nothing to play with: said, not raised
            self.time_label.setText(self.tr("No video player here (libVLC is missing)"))
            return
        from widgets.video.vlc_image import ImageSession  # here: a console without libVLC starts

        session = ImageSession(options or PlayerOptions(), path.resolve().as_uri(), False)
        video_session.adopt(session)
        session.bridge.frame.connect(self._on_frame, Qt.ConnectionType.QueuedConnection)
        self._session = session
        self.frames = 0
        session.start()
        self._tick.start()
        self._retranslate()

    def close_media(self) -> None:
        session, self._session = self._session, None
        self._tick.stop()
        if session is not None:
            session.slot.closed = True
            session.bridge.frame.disconnect(self._on_frame)
            video_session.release_later(session)
        self.picture.image = None
        self.picture.update()

    @property
    def playing(self) -> bool:
        return self._session is not None and bool(self._session.player.is_playing())

    # --- controls ------------------------------------------------------------------

    def toggle(self) -> None:
        """Play or pause."""
        if self._session is not None:
            self._session.player.pause() if self.playing else self._session.player.play()
            QTimer.singleShot(TICK_MS, self, self._retranslate)

    def step(self) -> None:
        """One frame on (pauses first)."""
        if self._session is not None:
            self._session.player.next_frame()
            QTimer.singleShot(TICK_MS, self, self._retranslate)

    def set_speed(self, speed: float) -> None:
        self.speed_box.setCurrentIndex(SPEEDS.index(speed) if speed in SPEEDS else 2)

    def _on_speed(self, index: int) -> None:
        if self._session is not None:
            self._session.player.set_rate(float(self.speed_box.itemData(index)))

    def _on_seek(self, value: int) -> None:
        if self._session is not None:
            self._session.player.set_position(value / 1000)

    # --- inside ------------------------------------------------------------------

    def _on_frame(self) -> None:
        session = self._session
        if session is None or self.sender() is not session.bridge:
            return
        frame = session.slot.take()
        if frame is None:
            return
        self.picture.image = QImage(
            frame.data, frame.width, frame.height, frame.stride, QImage.Format.Format_RGB32
        ).copy()
        self.picture.update()
        self.frames += 1
        self.frame_shown.emit()

    def _update_position(self) -> None:
        session = self._session
        if session is None:
            return
        player = session.player
        length, now = max(0, player.get_length()), max(0, player.get_time())
        if not self.slider.isSliderDown():
            self.slider.setValue(int(player.get_position() * 1000))
        self.time_label.setText(f"{_clock(now)} / {_clock(length)}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.play_button.setText(self.tr("Pause") if self.playing else self.tr("Play"))
        self.step_button.setText(self.tr("Next frame"))
        self.step_button.setToolTip(self.tr("One frame on (pauses)"))
        self.speed_box.setToolTip(self.tr("Playback speed"))


def _clock(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
