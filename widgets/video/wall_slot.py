"""One place on the video wall: a tile in a thin frame that shows keyboard focus, takes a
camera dropped from the camera tree, and turns red with an alarm banner for alarm
linkage (the banner links back to the alarm).

The frame keeps its width whatever it shows, so tiles never move; only an alarm banner
takes room, from its own tile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.video.backends import PlayerFactory
from widgets.video.tile import VideoTile

#: What a dragged camera carries: its id, UTF-8 (several ids: one a line).
CAMERA_MIME = "application/x-youyi-camera"
FRAME = 3  # px around the tile, focus or alarm or neither
FOCUS_COLOUR = QColor("#3d9bff")
ALARM_COLOUR = QColor("#e0302a")
SMALL_TILE_POINTS = ((200, 9.0), (300, 10.0))  # slot narrower than px: font at most pt
BANNER_STYLE = (
    "#alarmBanner { background: #b3261e; color: white; border: none;"
    " padding: 2px 6px; text-align: left; font-weight: bold; }"
)


def camera_mime(camera_ids: list[str]) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERA_MIME, "\n".join(camera_ids).encode())
    data.setText(", ".join(camera_ids))
    return data


def dropped_cameras(data: QMimeData) -> list[str]:
    if not data.hasFormat(CAMERA_MIME):
        return []
    text = bytes(data.data(CAMERA_MIME).data()).decode("utf-8", "replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


class WallSlot(QWidget):
    camera_dropped = Signal(int, str)  # slot index, camera id
    alarm_clicked = Signal(int)  # alarm id
    focused = Signal(int)  # slot index

    def __init__(self, index: int, factory: PlayerFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.alarm_id: int | None = None
        self.alarm_text = ""
        self.points = 0.0  # the font size in small tiles; 0: the wall's
        self.tile = VideoTile(None, factory, self)
        self.tile.setMinimumSize(48, 32)
        self.banner = QPushButton(self)
        self.banner.setObjectName("alarmBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setCursor(Qt.CursorShape.PointingHandCursor)
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.banner.clicked.connect(self._on_banner_clicked)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("✕")
        self.dismiss.setObjectName("alarmBanner")
        self.dismiss.setStyleSheet(BANNER_STYLE)
        self.dismiss.clicked.connect(self.clear_alarm)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.dismiss)
        box = QVBoxLayout(self)
        box.setContentsMargins(FRAME, FRAME, FRAME, FRAME)
        box.setSpacing(0)
        box.addWidget(self.tile, 1)
        box.addLayout(row)
        self._show_banner(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.tile.play()  # wanted from the start: it decodes whenever it is visible

    # -- alarm linkage --------------------------------------------------------------

    def set_alarm(self, alarm_id: int, text: str = "") -> None:
        self.alarm_id = alarm_id
        words = QCoreApplication.translate("VideoWall", "Alarm %1").replace("%1", str(alarm_id))
        self.alarm_text = f"⚠ {text}" if text else f"⚠ {words}"  # what happened, first
        self._elide_banner()
        click = QCoreApplication.translate("VideoWall", "Click to open the alarm")
        self.banner.setToolTip(f"{words}: {text}\n{click}" if text else f"{words}\n{click}")
        self.dismiss.setToolTip(QCoreApplication.translate("VideoWall", "Dismiss"))
        self._show_banner(True)
        self.update()

    def clear_alarm(self) -> None:
        self.alarm_id = None
        self._show_banner(False)
        self.update()

    def _show_banner(self, shown: bool) -> None:
        self.banner.setVisible(shown)
        self.dismiss.setVisible(shown)

    def _elide_banner(self) -> None:
        room = max(0, self.width() - 2 * FRAME - self.dismiss.sizeHint().width() - 12)
        metrics = self.banner.fontMetrics()
        self.banner.setText(metrics.elidedText(self.alarm_text, Qt.TextElideMode.ElideRight, room))

    def _on_banner_clicked(self) -> None:
        if self.alarm_id is not None:
            self.alarm_clicked.emit(self.alarm_id)

    # -- Qt events ------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        points = next((pt for width, pt in SMALL_TILE_POINTS if self.width() < width), 0.0)
        if points != self.points:  # a style sheet: the app's own would undo a setFont
            self.points = points
            self.setStyleSheet(f"font-size: {points}pt;" if points else "")
        if self.alarm_id is not None:
            self._elide_banner()

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            if self.alarm_id is not None:
                colour = ALARM_COLOUR
            elif self.hasFocus():
                colour = FOCUS_COLOUR
            else:
                colour = QColor(Qt.GlobalColor.black)
            painter.fillRect(self.rect(), colour)
        finally:
            painter.end()

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()
        self.focused.emit(self.index)

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if dropped_cameras(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if dropped_cameras(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        cameras = dropped_cameras(event.mimeData())
        if cameras:
            event.acceptProposedAction()
            self.camera_dropped.emit(self.index, cameras[0])
