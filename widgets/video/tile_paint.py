"""How a video tile is drawn: picture (aspect kept, black bars), the strip along the top
(name · community, time of the last frame, state badge) and a message in the middle
when there is no picture to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from services.district.timezone import district_tz
from widgets.video.player import PlayerState, UnavailablePlayer

if TYPE_CHECKING:
    from widgets.video.tile import VideoTile

DISTRICT_TZ = district_tz()

BADGE_COLOURS = {
    PlayerState.LIVE: QColor("#2e9d4f"),
    PlayerState.CONNECTING: QColor("#c98a12"),
    PlayerState.LOST: QColor("#c0392b"),
    PlayerState.IDLE: QColor("#59606b"),
    PlayerState.UNAVAILABLE: QColor("#59606b"),
}


def badge_text(state: PlayerState) -> str:
    return {
        PlayerState.LIVE: QCoreApplication.translate("VideoTile", "Live"),
        PlayerState.CONNECTING: QCoreApplication.translate("VideoTile", "Connecting"),
        PlayerState.LOST: QCoreApplication.translate("VideoTile", "Lost"),
        PlayerState.IDLE: QCoreApplication.translate("VideoTile", "Stopped"),
        PlayerState.UNAVAILABLE: QCoreApplication.translate("VideoTile", "Unavailable"),
    }[state]


def message(tile: VideoTile) -> str:
    """What the middle of the tile says when there is no (live) picture."""
    player = tile.player
    if tile.camera is None:
        return QCoreApplication.translate("VideoTile", "No camera")
    if isinstance(player, UnavailablePlayer):
        if player.detail == "libvlc_missing":
            return QCoreApplication.translate("VideoTile", "libVLC is missing: install %1").replace(
                "%1", player.hint
            )
        if player.detail == "libvlc_broken":
            return QCoreApplication.translate(
                "VideoTile", "libVLC does not start: reinstall %1"
            ).replace("%1", player.hint)
        if player.detail == "no_clip":
            return QCoreApplication.translate("VideoTile", "No demo clip for this camera")
        return QCoreApplication.translate(
            "VideoTile", "No player on this computer can open this stream"
        )
    state = tile.state()
    if state is PlayerState.LOST:
        return QCoreApplication.translate("VideoTile", "Signal lost, reconnecting…")
    if state is PlayerState.CONNECTING and (player is None or player.frames_shown == 0):
        return QCoreApplication.translate("VideoTile", "Connecting…")
    return ""


def fit(area: QRect, aspect: float) -> QRectF:
    """The largest rectangle of ``aspect`` (width/height) centred in ``area``."""
    width, height = float(area.width()), float(area.height())
    if width / max(height, 1.0) > aspect:
        width = height * aspect
    else:
        height = width / aspect
    x = area.x() + (area.width() - width) / 2
    y = area.y() + (area.height() - height) / 2
    return QRectF(x, y, width, height)


#: Pictures drawn at this fraction of their width or more are scaled smoothly.
SMOOTH_FROM = 0.6


def paint_tile(tile: VideoTile, painter: QPainter) -> None:
    rect = tile.rect()
    painter.fillRect(rect, Qt.GlobalColor.black)
    player = tile.player
    state = tile.state()
    image = player.current_image() if player is not None else None
    if image is not None and player is not None and not image.isNull():
        aspect = player.aspect or image.width() / max(1, image.height())
        target = fit(rect, aspect)
        # Smooth scaling costs a tenth of a core or more over 84 small tiles (bench_video)
        # and shows little at half size or less: kept for tiles that show detail.
        smooth = target.width() >= SMOOTH_FROM * image.width()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawImage(target, image)
        if state is PlayerState.LOST:
            painter.fillRect(target, QColor(0, 0, 0, 120))
    text = message(tile)
    if text:
        painter.setPen(QColor("#e8e8e8"))
        area = rect.adjusted(8, tile.strip_height(), -8, -4)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), text)
    if tile.camera is not None:  # an empty tile says so in the middle, nothing more
        _paint_strip(tile, painter, state)


def _paint_strip(tile: VideoTile, painter: QPainter, state: PlayerState) -> None:
    strip = tile.strip_rect()
    painter.fillRect(strip, QColor(0, 0, 0, 160))
    metrics = tile.fontMetrics()
    pad = 4
    badge = badge_text(state)
    badge_width = metrics.horizontalAdvance(badge) + 2 * pad + 2
    badge_rect = QRect(
        strip.right() - badge_width - pad + 1, strip.y() + 2, badge_width, strip.height() - 4
    )
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_COLOURS[state])
    painter.drawRoundedRect(badge_rect, 3, 3)
    painter.setPen(QColor("white"))
    painter.drawText(badge_rect, int(Qt.AlignmentFlag.AlignCenter), badge)
    right = badge_rect.left() - pad
    player = tile.player
    if player is not None and player.last_frame_at is not None:
        stamp = player.last_frame_at.astimezone(DISTRICT_TZ).strftime("%H:%M:%S")
        width = metrics.horizontalAdvance(stamp)
        if right - width > strip.width() // 3:
            painter.setPen(QColor("#c8c8c8"))
            time_rect = QRect(right - width, strip.y(), width, strip.height())
            painter.drawText(time_rect, int(Qt.AlignmentFlag.AlignVCenter), stamp)
            right -= width + 2 * pad
    camera = tile.camera
    if camera is not None:
        title = f"{camera.name} · {camera.community}" if camera.community else camera.name
        title_rect = QRect(strip.x() + pad, strip.y(), max(0, right - pad), strip.height())
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.setPen(QColor("white"))
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignVCenter), elided)
