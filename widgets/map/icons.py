"""The map's small pictures, drawn once into pixmaps: a badge per device kind
(a glyph on a disc of the kind's colour) and alarm markers per severity, with
the frames of their pulse (a ring that grows and fades)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from widgets.alerts.texts import SEVERITY_COLOURS

KIND_COLOURS = {
    "camera": "#4fa3ff",
    "elevator": "#b48cff",
    "arc_fault": "#ffcf4f",
    "eagle_eye": "#4fe0c8",
    "nonmotor_probe": "#8fd16a",
    "storefront_probe": "#f59bd0",
    "mobile": "#ffffff",
}
OTHER_KIND = "#c8d2dc"
INK = QColor("#0d1520")  # the map's background: glyphs and outlines
BADGE = 18  # device badge, logical pixels
MARKER_R = 7.0  # alarm marker radius (unacknowledged)
ACKED_R = 5.0  # an acknowledged alarm's marker
HALO = 11.0  # how far the pulse ring grows beyond the marker
PHASES = 12  # frames of one pulse
MARKER_BOX = int(2 * (MARKER_R + HALO) + 4)  # the largest marker pixmap
Sprite = tuple[QPixmap, float]  # a pixmap and half its width (logical pixels)


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, OTHER_KIND))


def _canvas(size: int, dpr: float) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(round(size * dpr), round(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def device_badge(kind: str, dpr: float = 1.0) -> QPixmap:
    """The kind's glyph on a disc of its colour, BADGE pixels across."""
    pixmap, p = _canvas(BADGE, dpr)
    p.setPen(QPen(INK, 1.5))
    p.setBrush(kind_colour(kind))
    p.drawEllipse(QRectF(1, 1, BADGE - 2, BADGE - 2))
    p.translate(BADGE / 2, BADGE / 2)  # glyphs drawn around (0, 0), within ±5
    pen = QPen(INK, 1.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    _GLYPHS.get(kind, _dot)(p)
    p.end()
    return pixmap


def _camera(p: QPainter) -> None:  # a video camera: body and lens
    p.setBrush(INK)
    p.drawRoundedRect(QRectF(-5, -3, 7, 6), 1, 1)
    p.drawPolygon(QPolygonF([QPointF(2, 0), QPointF(5.5, -3), QPointF(5.5, 3)]))


def _elevator(p: QPainter) -> None:  # a car with up and down arrows
    p.drawRect(QRectF(-4.5, -5, 9, 10))
    p.setBrush(INK)
    p.drawPolygon(QPolygonF([QPointF(-2.5, -0.8), QPointF(2.5, -0.8), QPointF(0, -3.6)]))
    p.drawPolygon(QPolygonF([QPointF(-2.5, 0.8), QPointF(2.5, 0.8), QPointF(0, 3.6)]))


def _arc_fault(p: QPainter) -> None:  # a lightning bolt
    p.setBrush(INK)
    bolt = [(1.5, -6), (-3.5, 1), (-0.2, 1), (-1.5, 6), (3.5, -1), (0.2, -1)]
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in bolt]))


def _eagle_eye(p: QPainter) -> None:  # an eye
    eye = QPainterPath(QPointF(-5.5, 0))
    eye.quadTo(QPointF(0, -5.5), QPointF(5.5, 0))
    eye.quadTo(QPointF(0, 5.5), QPointF(-5.5, 0))
    p.drawPath(eye)
    p.setBrush(INK)
    p.drawEllipse(QPointF(0, 0), 1.8, 1.8)


def _nonmotor(p: QPainter) -> None:  # a bicycle
    p.drawEllipse(QPointF(-3, 1.8), 2.3, 2.3)
    p.drawEllipse(QPointF(3, 1.8), 2.3, 2.3)
    p.drawPolyline(QPolygonF([QPointF(-3, 1.8), QPointF(-0.8, -2.5), QPointF(3, 1.8)]))
    p.drawLine(QPointF(-1.8, -2.5), QPointF(0.6, -2.5))


def _storefront(p: QPainter) -> None:  # a shop with an awning
    p.setBrush(INK)
    p.drawPolygon(QPolygonF([QPointF(-5, -1.5), QPointF(-4, -5), QPointF(4, -5), QPointF(5, -1.5)]))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(-4, -1.5, 8, 6))
    p.drawLine(QPointF(0, 1), QPointF(0, 4.5))


def _mobile(p: QPainter) -> None:  # a handset
    p.drawRoundedRect(QRectF(-3, -5.5, 6, 11), 1.2, 1.2)
    p.setBrush(INK)
    p.drawEllipse(QPointF(0, 3.3), 0.8, 0.8)


def _dot(p: QPainter) -> None:
    p.setBrush(INK)
    p.drawEllipse(QPointF(0, 0), 2, 2)


_GLYPHS = {
    "camera": _camera,
    "elevator": _elevator,
    "arc_fault": _arc_fault,
    "eagle_eye": _eagle_eye,
    "nonmotor_probe": _nonmotor,
    "storefront_probe": _storefront,
    "mobile": _mobile,
}


def marker_frames(severity: int, dpr: float = 1.0) -> tuple[Sprite, list[Sprite]]:
    """An acknowledged marker (smaller, quiet), and the PHASES frames of an
    unacknowledged one: the disc with a ring growing out of it and fading.
    Each pixmap is only as large as what it shows (less to blend per frame)."""
    colour = QColor(SEVERITY_COLOURS.get(severity, "#ffffff"))
    still = _marker(colour, None, dpr, ACKED_R, QColor("#8fa3b8"))
    frames = [_marker(colour, i / PHASES, dpr, MARKER_R, QColor("#ffffff")) for i in range(PHASES)]
    return still, frames


def _marker(colour: QColor, phase: float | None, dpr: float, r: float, rim: QColor) -> Sprite:
    ring_r = r + HALO * phase if phase is not None else 0.0
    half = math.ceil(max(r + 2.5, ring_r + 1.5))
    pixmap, p = _canvas(2 * half, dpr)
    centre = QPointF(half, half)
    if phase is not None:
        ring = QColor(colour)
        ring.setAlphaF(0.9 * (1.0 - phase))
        p.setPen(QPen(ring, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(centre, ring_r, ring_r)
    p.setPen(QPen(INK, 3.0))  # a dark rim first: the marker stands out on any fill
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(centre, r + 1, r + 1)
    p.setPen(QPen(rim, 1.5))
    p.setBrush(colour)
    p.drawEllipse(centre, r - 0.5, r - 0.5)
    p.end()
    return pixmap, float(half)
