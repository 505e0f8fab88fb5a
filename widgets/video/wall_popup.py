"""Alarm linkage on a second screen: a window of its own, maximised there, playing the
alarm's camera in its main stream under a red frame whose banner links to the alarm."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.video.backends import PlayerFactory
from widgets.video.tile import TileCamera
from widgets.video.wall_slot import WallSlot


def other_screen(widget: QWidget) -> QScreen | None:
    """A screen other than the widget's (the second screen of a workstation), or None."""
    own = widget.screen()
    others = [screen for screen in QGuiApplication.screens() if screen is not own]
    return others[0] if others else None


class AlarmWindow(QWidget):
    alarm_clicked = Signal(int)

    def __init__(self, factory: PlayerFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.slot = WallSlot(-1, factory, self)
        self.slot.tile.set_main(True)
        self.slot.setAcceptDrops(False)
        self.slot.alarm_clicked.connect(self.alarm_clicked)
        self.slot.dismiss.clicked.connect(self.close)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.slot)
        self.resize(960, 580)

    def show_alarm(self, camera: TileCamera, alarm_id: int, text: str, screen: QScreen) -> None:
        tile = self.slot.tile
        if tile.camera != camera:
            tile.set_camera(camera)
        tile.play()
        self.slot.set_alarm(alarm_id, text)
        self.setWindowTitle(
            QCoreApplication.translate("VideoWall", "Alarm %1 — %2")
            .replace("%1", str(alarm_id))
            .replace("%2", camera.name)
        )
        if not self.isVisible():
            self.move(screen.availableGeometry().topLeft())
            self.showMaximized()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.slot.tile.release()
        self.slot.clear_alarm()
        super().closeEvent(event)
