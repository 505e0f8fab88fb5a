"""The nine-grid map: blocks and grid cells, devices by kind, live alarms.

A QGraphicsView over a local equirectangular projection (x = lon·cos φ₀,
y = −lat, in metres), so the district keeps its shape.  Cells are filled by
their open-alarm load; devices are small dots coloured by kind; alarms are
markers that pulse while unacknowledged (one timer drives every marker).
Labels and markers keep their size at any zoom.  Wheel zooms around the
cursor, drag pans, F or Home fits the district.  Clicks come out as plain
values: ``cell_clicked(code)`` ("" outside the district), ``device_clicked``,
``alarm_clicked``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from services.district_map import DistrictMap, MapCell, MapDevice
from services.domain import QueuedAlarm
from widgets.labels import label

M_PER_DEG = 111_320.0
KIND, ID = 0, 1  # item data keys
KIND_COLOURS = {
    "camera": "#4fa3ff",
    "elevator": "#b48cff",
    "arc_fault": "#ffcf4f",
    "eagle_eye": "#4fe0c8",
    "nonmotor_probe": "#8fd16a",
    "storefront_probe": "#f59bd0",
    "mobile": "#ffffff",
}
SEVERITY_COLOURS = {1: "#9aa5b1", 2: "#e6c84f", 3: "#f0913a", 4: "#ff5a4f"}
ZOOM_LIMITS = (0.02, 4.0)  # view scale: pixels per metre
PULSE_MS = 120


class DeviceLayer(QGraphicsItem):
    """Every device as a dot, painted in one go (drawPoints per kind with a round
    cosmetic pen): ten thousand items would cost a frame several times more."""

    def __init__(self, devices: Sequence[MapDevice], points: Sequence[QPointF]) -> None:
        super().__init__()
        by_kind: dict[str, list[QPointF]] = {}
        for d, p in zip(devices, points, strict=True):
            by_kind.setdefault(d.kind, []).append(p)
        self._layers = []
        for kind, pts in by_kind.items():
            colour = QColor(KIND_COLOURS.get(kind, "#cccccc"))
            colour.setAlphaF(0.75)
            pen = QPen(colour, 4.0)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            self._layers.append((pen, QPolygonF(pts)))
        self._bounds = QPolygonF(list(points)).boundingRect().adjusted(-50, -50, 50, 50)
        self.setZValue(2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._bounds

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        # Square, unsmoothed dots: round smoothed ones cost the raster engine 5× more
        # and look the same at 4 pixels.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for pen, points in self._layers:
            painter.setPen(pen)
            painter.drawPoints(points)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


class GridMap(QGraphicsView):
    cell_clicked = Signal(str)
    device_clicked = Signal(str)
    alarm_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridMap")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setBackgroundBrush(QColor("#0d1520"))
        self.setMouseTracking(True)
        self._lat0 = 31.4
        self.cells: dict[str, QGraphicsPathItem] = {}
        self.markers: dict[int, QGraphicsEllipseItem] = {}
        self._alarms: dict[int, QueuedAlarm] = {}
        self.selected_cell: str | None = None
        self._load: dict[str, int] = {}
        self._phase = 0
        self._pulse = QTimer(self)
        self._pulse.setInterval(PULSE_MS)
        self._pulse.timeout.connect(self._on_pulse)
        self._press: QPointF | None = None
        self._labels: list[tuple[QGraphicsSimpleTextItem, str, str, float]] = []
        self.devices: Sequence[MapDevice] = ()
        self._device_points: list[QPointF] = []

    # --- content -------------------------------------------------------------

    def set_district(self, district: DistrictMap) -> None:
        scene = self.scene()
        scene.clear()
        self.cells.clear()
        self.markers.clear()
        self._labels.clear()
        points = [p for c in district.cells for poly in c.polygons for p in poly[0]]
        if points:
            self._lat0 = sum(p[1] for p in points) / len(points)
        for cell in district.cells:
            self._add_cell(cell)
        self._add_block_outlines(district.cells)
        self.devices = district.devices
        self._device_points = [self.project(d.lon, d.lat) for d in district.devices]
        self.device_layer = DeviceLayer(district.devices, self._device_points)
        scene.addItem(self.device_layer)
        bounds = scene.itemsBoundingRect()
        scene.setSceneRect(bounds.adjusted(-400, -400, 400, 400))
        self.set_cell_load(self._load)
        self.fit_district()

    def project(self, lon: float, lat: float) -> QPointF:
        return QPointF(lon * M_PER_DEG * math.cos(math.radians(self._lat0)), -lat * M_PER_DEG)

    def set_alarms(self, alarms: Sequence[QueuedAlarm]) -> None:
        """The open alarms as markers (replaces those shown)."""
        scene = self.scene()
        wanted = {a.id: a for a in alarms if a.lon is not None and a.lat is not None}
        for alarm_id in [i for i in self.markers if i not in wanted]:
            scene.removeItem(self.markers.pop(alarm_id))
        for a in wanted.values():
            marker = self.markers.get(a.id)
            if marker is None:
                marker = QGraphicsEllipseItem(-7, -7, 14, 14)
                marker.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                marker.setData(KIND, "alarm")
                marker.setData(ID, a.id)
                marker.setZValue(3)
                scene.addItem(marker)
                self.markers[a.id] = marker
            assert a.lon is not None and a.lat is not None
            marker.setPos(self.project(a.lon, a.lat))
            colour = QColor(SEVERITY_COLOURS.get(a.severity, "#ffffff"))
            marker.setBrush(colour)
            marker.setPen(QPen(QColor("#ffffff"), 1.5))
            marker.setToolTip(f"{a.label}\n{a.device_name}\n{a.last_seen:%H:%M:%S}")
            marker.setOpacity(1.0)
        self._alarms = wanted
        unacked = any(not a.acknowledged for a in wanted.values())
        if unacked and not self._pulse.isActive():
            self._pulse.start()
        elif not unacked:
            self._pulse.stop()

    def set_cell_load(self, load: dict[str, int]) -> None:
        """Open alarms per cell: the fill darkens from calm blue to alarm red."""
        self._load = dict(load)
        for code, item in self.cells.items():
            n = load.get(code, 0)
            t = min(n / 10.0, 1.0)
            fill = QColor.fromRgbF(0.12 + 0.6 * t, 0.25 - 0.1 * t, 0.38 - 0.25 * t, 0.55)
            item.setBrush(fill)
            item.setToolTip(self._cell_tip(item, n))
        self._mark_selected()

    def select_cell(self, code: str | None) -> None:
        self.selected_cell = code or None
        self._mark_selected()

    def center_on_alarm(self, alarm_id: int) -> bool:
        marker = self.markers.get(alarm_id)
        if marker is None:
            return False
        self.centerOn(marker)
        return True

    def fit_district(self) -> None:
        items = self.scene().itemsBoundingRect()
        if not items.isEmpty():
            self.fitInView(items.adjusted(-100, -100, 100, 100), Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Cell names where the cell is wide enough on screen, else the code alone."""
        scale = self.transform().m11()
        for name, code, full, cell_width in self._labels:
            name.setText(full)
            if name.boundingRect().width() > cell_width * scale * 0.9:
                name.setText(code)
            box = name.boundingRect()
            name.setTransform(QTransform.fromTranslate(-box.width() / 2, -box.height() / 2))

    def cell_at(self, lon: float, lat: float) -> str:
        """The code of the cell drawn at a place ("" if none): what a click there says."""
        return self._cell_at_scene(self.project(lon, lat))

    # --- drawing -------------------------------------------------------------

    def _add_cell(self, cell: MapCell) -> None:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for polygon in cell.polygons:
            for ring in polygon:
                path.addPolygon(QPolygonF([self.project(x, y) for x, y in ring]))
                path.closeSubpath()
        item = QGraphicsPathItem(path)
        pen = QPen(QColor("#6f8fb3"), 1.2)
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setData(KIND, "cell")
        item.setData(ID, cell.code)
        item.setData(2, f"{cell.name} · {cell.block_name}")
        item.setZValue(0)
        self.scene().addItem(item)
        self.cells[cell.code] = item
        name = QGraphicsSimpleTextItem(f"{cell.code}\n{cell.name}")
        font = QFont()
        font.setPointSize(11)
        name.setFont(font)
        name.setBrush(QColor("#dce6f2"))
        name.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        largest = max(cell.polygons, key=lambda p: len(p[0]))
        centre = QPolygonF([self.project(x, y) for x, y in largest[0]]).boundingRect().center()
        box = name.boundingRect()  # centred on the cell, in screen pixels
        name.setPos(centre)
        name.setTransform(QTransform.fromTranslate(-box.width() / 2, -box.height() / 2))
        name.setZValue(4)
        name.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene().addItem(name)
        cell_width = item.boundingRect().width()
        self._labels.append((name, cell.code, f"{cell.code}\n{cell.name}", cell_width))

    def _add_block_outlines(self, cells: Sequence[MapCell]) -> None:
        blocks: dict[str, QPainterPath] = {}
        for cell in cells:
            path = blocks.setdefault(cell.block_code, QPainterPath())
            path.addPath(self.cells[cell.code].path())
        for path in blocks.values():
            outline = QGraphicsPathItem(path.simplified())
            pen = QPen(QColor("#9fc3ea"), 3.0)
            pen.setCosmetic(True)
            outline.setPen(pen)
            outline.setBrush(Qt.BrushStyle.NoBrush)
            outline.setZValue(1)
            outline.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene().addItem(outline)

    def _mark_selected(self) -> None:
        for code, item in self.cells.items():
            chosen = code == self.selected_cell
            pen = QPen(QColor("#ffd34f" if chosen else "#6f8fb3"), 3.0 if chosen else 1.2)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setZValue(0.5 if chosen else 0)

    def _cell_tip(self, item: QGraphicsPathItem, n: int) -> str:
        return f"{item.data(ID)} {item.data(2)}\n" + self.tr("Open alarms: %1").replace(
            "%1", str(n)
        )

    def _on_pulse(self) -> None:
        self._phase = (self._phase + 1) % 12
        opacity = 0.35 + 0.65 * abs(math.cos(self._phase * math.pi / 12))
        for alarm_id, marker in self.markers.items():
            alarm = self._alarms.get(alarm_id)
            if alarm is not None and not alarm.acknowledged:
                marker.setOpacity(opacity)

    # --- input ---------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        scale = self.transform().m11() * factor
        if ZOOM_LIMITS[0] <= scale <= ZOOM_LIMITS[1]:
            self.scale(factor, factor)
            self._fit_labels()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.cells:
            self.fit_district()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_F, Qt.Key.Key_Home):
            self.fit_district()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is None or (event.position() - start).manhattanLength() > 4:
            return  # a drag, not a click
        self.click_at(event.position().toPoint())

    def click_at(self, pos: object) -> None:
        """What a click at this viewport position means (also for tests)."""
        for item in self.items(pos):  # type: ignore[call-overload]
            kind = item.data(KIND)
            if kind == "alarm":
                self.alarm_clicked.emit(int(item.data(ID)))
                return
        device = self.device_near(self.mapToScene(pos))  # type: ignore[call-overload]
        if device is not None:
            self.device_clicked.emit(device.id)
            return
        code = self._cell_at_scene(self.mapToScene(pos))  # type: ignore[call-overload]
        self.select_cell(code or None)
        self.cell_clicked.emit(code)

    def device_near(self, point: QPointF, pixels: float = 5.0) -> MapDevice | None:
        """The device drawn within ``pixels`` of a scene point, if any (nearest)."""
        reach = pixels / max(self.transform().m11(), 1e-9)
        best, best_d = None, reach * reach
        x, y = point.x(), point.y()
        for device, p in zip(self.devices, self._device_points, strict=True):
            d = (p.x() - x) ** 2 + (p.y() - y) ** 2
            if d <= best_d:
                best, best_d = device, d
        return best

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            over_alarm = any(i.data(KIND) == "alarm" for i in self.items(event.pos()))
            device = None if over_alarm else self.device_near(self.mapToScene(event.pos()))
            if device is not None:
                kind = label("device_kind", device.kind)
                QToolTip.showText(event.globalPos(), f"{device.name}\n{kind} {device.id}", self)
                return True
        return super().viewportEvent(event)

    def _cell_at_scene(self, point: QPointF) -> str:
        hits = sorted(code for code, item in self.cells.items() if item.path().contains(point))
        return hits[0] if hits else ""  # lowest code on a border, as services.geo

    def visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()
