"""What the map draws by the thousand, each in one go.

``DeviceLayer`` draws every device: coloured dots splatted into one image
(numpy) while the map is zoomed out, kind badges once there is room (level of
detail).  The view paints it as part of its cached background, so panning and
the pulse of the markers do not redraw 10,000 devices.  ``MarkerLayer`` is one
scene item drawing every alarm marker from pre-drawn pixmaps; the view's one
timer moves the phase they share.  Only what lies in the exposed area is drawn.
Points are scene coordinates (metres); dots, badges and markers are sized in
pixels.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from services.domain import QueuedAlarm
from widgets.alerts.texts import SEVERITY_COLOURS
from widgets.map import icons as icons

ICON_SCALE = 0.55  # pixels per metre from which devices show as badges, not dots
DOT_PX = 4.0
HIT_PX = 7.0  # how near (pixels) a click must be to a dot, a badge or a marker


def _nearest(xs: np.ndarray, ys: np.ndarray, p: QPointF, scale: float, px: float) -> int | None:
    if not len(xs):
        return None
    d2 = (xs - p.x()) ** 2 + (ys - p.y()) ** 2
    i = int(np.argmin(d2))
    return i if d2[i] * scale * scale <= px * px else None


def _device_area(painter: QPainter, exposed: QRectF) -> QRectF:
    """The part of the paint device (logical pixels) the exposed rect covers."""
    device = painter.device()
    if isinstance(device, QWidget):
        size = QSizeF(device.size())
    elif isinstance(device, QImage | QPixmap):
        size = device.deviceIndependentSize()
    else:
        size = QSizeF(device.width(), device.height())
    return painter.worldTransform().mapRect(exposed).intersected(QRectF(QPointF(), size))


def _scene_area(painter: QPainter, exposed: QRectF, margin_px: float) -> QRectF:
    """The exposed part of the paint device, widened by a margin in pixels, in
    the painter's item coordinates: what is worth drawing."""
    m = margin_px
    area = _device_area(painter, exposed).adjusted(-m, -m, m, m)
    return painter.worldTransform().inverted()[0].mapRect(area)


def _disc(diameter: int) -> list[tuple[int, int]]:
    r = diameter / 2
    return [
        (i, j)
        for i in range(diameter)
        for j in range(diameter)
        if (i + 0.5 - r) ** 2 + (j + 0.5 - r) ** 2 <= r * r + 0.5
    ]


class DeviceLayer:
    """Every device: dots splatted into one image while zoomed out (10,000 in
    about a millisecond), kind badges once there is room.  The view's background
    paints it, and the view caches that."""

    def __init__(self, dpr: float = 1.0) -> None:
        self.ids: list[str] = []  # by kind, the most common kind first (rare kinds on top)
        self.xs = self.ys = np.zeros(0)
        self._argb = np.zeros(0, dtype=np.uint32)  # each device's dot colour
        self._by_kind: list[tuple[slice, QPixmap]] = []  # devices of a kind, its badge
        self._dpr = dpr
        self._pixels = np.zeros(0, dtype=np.uint32)

    def set_devices(self, ids: Sequence[str], kinds: Sequence[str], points: np.ndarray) -> None:
        """Devices at scene points (an n×2 array), drawn by kind."""
        count = Counter(kinds)
        order = sorted(range(len(ids)), key=lambda i: (-count[kinds[i]], kinds[i]))
        self.ids = [ids[i] for i in order]
        self.xs, self.ys = points[order, 0].copy(), points[order, 1].copy()
        argb = {k: icons.kind_colour(k).rgba() | 0xFF000000 for k in count}  # opaque
        self._argb = np.array([argb[kinds[i]] for i in order], dtype=np.uint32)
        self._by_kind, start = [], 0
        for kind in sorted(count, key=lambda k: (-count[k], k)):
            badge = icons.device_badge(kind, self._dpr)
            self._by_kind.append((slice(start, start + count[kind]), badge))
            start += count[kind]

    def at(self, p: QPointF, scale: float) -> str | None:
        px = HIT_PX + (icons.BADGE / 2 - 2 if scale >= ICON_SCALE else 0)
        i = _nearest(self.xs[::-1], self.ys[::-1], p, scale, px)  # the one on top
        return None if i is None else self.ids[len(self.ids) - 1 - i]

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        if painter.worldTransform().m11() < ICON_SCALE:
            self._paint_dots(painter, exposed)
        else:
            self._paint_badges(painter, exposed)

    def _paint_dots(self, painter: QPainter, exposed: QRectF) -> None:
        area = _device_area(painter, exposed).toAlignedRect()
        dpr = painter.device().devicePixelRatioF()
        width, height = math.ceil(area.width() * dpr), math.ceil(area.height() * dpr)
        if width <= 0 or height <= 0:
            return
        size = max(2, round(DOT_PX * dpr))
        pad = size  # dots cut by the edge are drawn whole into the margin, then cropped
        wide, high = width + 2 * pad, height + 2 * pad
        t = painter.worldTransform()
        left = np.floor((self.xs * t.m11() + t.dx() - area.left()) * dpr).astype(np.int64)
        top = np.floor((self.ys * t.m22() + t.dy() - area.top()) * dpr).astype(np.int64)
        left += pad - size // 2
        top += pad - size // 2
        keep = (left >= 0) & (left <= wide - size) & (top >= 0) & (top <= high - size)
        corner, argb = top[keep] * wide + left[keep], self._argb[keep]
        if self._pixels.size < wide * high:
            self._pixels = np.zeros(wide * high, dtype=np.uint32)  # kept: no page faults
        pixels = self._pixels[: wide * high]
        pixels.fill(0)
        for i, j in _disc(size):
            pixels[corner + (j * wide + i)] = argb  # later (rarer) kinds win
        shown = pixels[pad * wide + pad :]  # the rows within the margin, wide apart
        premultiplied = QImage.Format.Format_ARGB32_Premultiplied
        image = QImage(shown.data, width, height, wide * 4, premultiplied)
        image.setDevicePixelRatio(dpr)
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(area.topLeft()), image)
        painter.restore()

    def _paint_badges(self, painter: QPainter, exposed: QRectF) -> None:
        t = painter.worldTransform()
        half = icons.BADGE / 2
        shown = _scene_area(painter, exposed, half)
        painter.save()
        painter.resetTransform()
        for part, badge in self._by_kind:
            xs, ys = self.xs[part], self.ys[part]
            keep = (xs >= shown.left()) & (xs <= shown.right())
            keep &= (ys >= shown.top()) & (ys <= shown.bottom())
            px = xs[keep] * t.m11() + t.dx() - half
            py = ys[keep] * t.m22() + t.dy() - half
            for x, y in zip(px.tolist(), py.tolist(), strict=True):
                painter.drawPixmap(QPointF(x, y), badge)
        painter.restore()


@dataclass(frozen=True, slots=True)
class Marker:
    alarm: QueuedAlarm
    pos: QPointF  # scene coordinates

    @property
    def pulsing(self) -> bool:
        return not self.alarm.acknowledged


class MarkerLayer(QGraphicsItem):
    """Every alarm marker, drawn from pre-drawn pixmaps; ``phase`` is the pulse's
    frame, shared by all unacknowledged markers (the view's timer moves it)."""

    def __init__(self, bounds: QRectF, dpr: float = 1.0) -> None:
        super().__init__()
        self._bounds = bounds  # the scene's: markers may be anywhere
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(3)
        self.phase = 0
        self.markers: dict[int, Marker] = {}
        self._order: list[Marker] = []
        self._looks: list[tuple[icons.Sprite, list[icons.Sprite], bool]] = []
        self.xs = self.ys = np.zeros(0)
        self._pixmaps = {s: icons.marker_frames(s, dpr) for s in SEVERITY_COLOURS}
        self._fallback = icons.marker_frames(0, dpr)
        self.pulse_rect = QRectF()  # where the pulsing markers are (scene)
        self.focus: int | None = None  # the marker ringed (shown on the map on request)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._bounds

    def set_markers(self, markers: Sequence[Marker]) -> None:
        self.markers = {m.alarm.id: m for m in markers}
        # Unacknowledged over acknowledged, then the most severe on top.
        self._order = sorted(markers, key=lambda m: (m.pulsing, m.alarm.severity, m.alarm.id))
        self._looks = [
            (*self._pixmaps.get(m.alarm.severity, self._fallback), m.pulsing) for m in self._order
        ]
        self.xs = np.array([m.pos.x() for m in self._order])
        self.ys = np.array([m.pos.y() for m in self._order])
        pulsing = [m.pos for m in self._order if m.pulsing]
        self.pulse_rect = QPolygonF(pulsing).boundingRect() if pulsing else QRectF()
        self.update()

    def set_focus(self, alarm_id: int | None) -> None:
        self.focus = alarm_id
        self.update()

    def at(self, p: QPointF, scale: float) -> int | None:
        i = _nearest(self.xs[::-1], self.ys[::-1], p, scale, icons.MARKER_R + 3)  # topmost
        return None if i is None else self._order[len(self._order) - 1 - i].alarm.id

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = painter.worldTransform()
        half = icons.MARKER_BOX / 2
        shown = _scene_area(painter, option.exposedRect, half)
        keep = (self.xs >= shown.left()) & (self.xs <= shown.right())
        keep &= (self.ys >= shown.top()) & (self.ys <= shown.bottom())
        where = np.flatnonzero(keep)
        px = (self.xs[where] * t.m11() + t.dx()).tolist()
        py = (self.ys[where] * t.m22() + t.dy()).tolist()
        phase, looks = self.phase, self._looks
        painter.save()
        painter.resetTransform()
        for i, x, y in zip(where.tolist(), px, py, strict=True):
            still, frames, pulsing = looks[i]
            pixmap, r = frames[phase] if pulsing else still
            painter.drawPixmap(QPointF(x - r, y - r), pixmap)
        focus = self.markers.get(self.focus if self.focus is not None else -1)
        if focus is not None:
            centre = QPointF(focus.pos.x() * t.m11() + t.dx(), focus.pos.y() * t.m22() + t.dy())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#3d9bff"), 3))
            painter.drawEllipse(centre, half - 2, half - 2)
        painter.restore()
