"""The nine-grid map: blocks and grid cells, devices by kind, live alarms.

A QGraphicsView over a local equirectangular projection around the district's
middle (x = Δlon·cos φ₀, y = −Δlat, in metres), so the district keeps its
shape.  Cells are filled by their open-alarm load; devices are dots when zoomed
out and kind badges when there is room; alarms are markers that pulse while
unacknowledged (one timer moves one shared phase).  Labels, badges and markers
keep their size at any zoom.  Wheel zooms around the cursor (bounded), drag
pans, F or Home (or the button) fits the district, + and - zoom, L shows or
hides the legend.  Clicks come out as plain values: ``cell_clicked(code)``
("" outside the district), ``device_clicked(id)``, ``alarm_clicked(id)``.
Tooltips say what is where.

Cells, blocks and devices are the view's background, which the view caches:
a pulse tick or a pan only blits it and draws the markers (bench_map).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsView,
    QToolButton,
    QToolTip,
    QWidget,
)

from services.domain import DistrictMap, MapDevice, QueuedAlarm
from widgets.map.cells import CellLayer, Projection
from widgets.map.icons import MARKER_BOX, PHASES
from widgets.map.items import DeviceLayer, Marker, MarkerLayer
from widgets.map.legend import MapLegend
from widgets.map.texts import alarm_tip, device_tip

ZOOM_STEP = 1.25
MAX_SCALE = 4.0  # pixels per metre: a building fills the view
PULSE_MS = 90
CLICK_SLOP = 4  # pixels a press may move and still be a click


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
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setBackgroundBrush(QColor("#0d1520"))
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # cells and devices
        self.setMouseTracking(True)
        self.project = Projection()  # (lon, lat) → scene point
        self._devices: dict[str, MapDevice] = {}
        self.cell_layer = CellLayer(self.scene(), (), self.project)
        self.devices = DeviceLayer()
        self.marker_layer = MarkerLayer(QRectF())
        self.selected_cell: str | None = None
        self._load: dict[str, int] = {}
        self._fitted = True  # follow resizes until the operator zooms or pans
        self._pulse = QTimer(self)  # the one timer of every marker's pulse
        self._pulse.setInterval(PULSE_MS)
        self._pulse.timeout.connect(self._on_pulse)
        self._press: QPointF | None = None
        self.fit_button = QToolButton(self)
        self.fit_button.setObjectName("mapFitButton")
        self.fit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fit_button.clicked.connect(self.fit_district)
        self.legend = MapLegend(self)
        self.legend_wanted = True  # L shows and hides it; it hides itself on a small map
        self.retranslate()

    def retranslate(self) -> None:
        self.fit_button.setText(self.tr("Whole district"))
        self.fit_button.setToolTip(self.tr("Show the whole district (F)"))
        self.fit_button.adjustSize()
        self.legend.adjustSize()
        self._place_overlays()
        self._layout_labels()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- content -------------------------------------------------------------

    def set_district(self, district: DistrictMap) -> None:
        self._devices = {d.id: d for d in district.devices}
        alarms = [m.alarm for m in self.markers.values()]
        scene = self.scene()
        scene.clear()
        self.project = Projection.around(district.cells)
        self.cell_layer = CellLayer(scene, district.cells, self.project)
        bounds = self.cell_layer.bounds
        side = max(bounds.width(), bounds.height(), 100.0) / 2
        layers = bounds.adjusted(-side, -side, side, side)  # room to pan around
        scene.setSceneRect(layers)
        dpr = self.devicePixelRatioF()
        devices = district.devices
        self.devices = DeviceLayer(dpr)
        places = self.project.many([d.lon for d in devices], [d.lat for d in devices])
        self.devices.set_devices([d.id for d in devices], [d.kind for d in devices], places)
        self.legend.set_kinds(d.kind for d in devices)
        self._place_overlays()
        self.marker_layer = MarkerLayer(layers, dpr)
        scene.addItem(self.marker_layer)
        self.set_alarms(alarms)
        self.set_cell_load(self._load)
        self.select_cell(self.selected_cell)
        self.fit_district()

    def cell_fill(self, code: str) -> QColor:
        return QColor(self.cell_layer.fills[code])

    @property
    def markers(self) -> dict[int, Marker]:
        return self.marker_layer.markers

    def set_alarms(self, alarms: Sequence[QueuedAlarm]) -> None:
        """The open alarms as markers at their places (replaces those shown)."""
        placed = [(a, a.lon, a.lat) for a in alarms]
        self.marker_layer.set_markers(
            [Marker(a, self.project(x, y)) for a, x, y in placed if x is not None and y is not None]
        )
        if not any(m.pulsing for m in self.markers.values()):
            self._pulse.stop()
        elif not self._pulse.isActive():
            self._pulse.start()

    def cell_load(self) -> dict[str, int]:
        """Open alarms per cell, as last shown."""
        return dict(self._load)

    def set_cell_load(self, load: dict[str, int]) -> None:
        """Open alarms per cell: the fill goes from calm slate to alarm red."""
        self._load = dict(load)
        self.cell_layer.set_load(self._load)
        self._repaint_background()
        self._layout_labels()

    def select_cell(self, code: str | None) -> None:
        self.selected_cell = self.cell_layer.select(code)
        self._repaint_background()

    def center_on_point(self, lon: float, lat: float) -> None:
        """Centre the map on a place (an evidence item's capture position)."""
        self.centerOn(self.project(lon, lat))
        self._fitted = False

    def center_on_alarm(self, alarm_id: int) -> bool:
        """Centre the map on the alarm's marker and ring it; False if not shown."""
        marker = self.markers.get(alarm_id)
        if marker is None:
            return False
        self.marker_layer.set_focus(alarm_id)
        self.centerOn(marker.pos)
        self._fitted = False
        return True

    def fit_district(self) -> None:
        bounds = self.cell_layer.bounds
        if bounds.isEmpty():
            return
        pad = max(bounds.width(), bounds.height()) * 0.03
        self.fitInView(bounds.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted = True
        self._layout_labels()

    def zoom_limits(self) -> tuple[float, float]:
        """The scale (pixels per metre) zooming stays within: half the fitted
        scale out, a building filling the view in."""
        bounds, view = self.cell_layer.bounds, self.viewport().rect()
        if bounds.isEmpty():
            return 1e-3, MAX_SCALE
        fit = min(view.width() / bounds.width(), view.height() / bounds.height())
        return fit * 0.5, max(MAX_SCALE, fit * 2)

    def zoom_by(self, factor: float, at: QPoint | None = None) -> None:
        """Zoom keeping the scene point under ``at`` (viewport) where it is."""
        at = at if at is not None else self.viewport().rect().center()
        scale = self.transform().m11()
        low, high = self.zoom_limits()
        target = min(max(scale * factor, low), high)
        if math.isclose(target, scale, rel_tol=1e-9):
            return
        before = self.mapToScene(at)
        self.scale(target / scale, target / scale)
        drift = self.mapFromScene(before) - at
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())
        self._fitted = False
        self._layout_labels()

    # --- what is where -------------------------------------------------------

    def cell_at(self, lon: float, lat: float) -> str:
        """The code of the cell drawn at a place ("" if none): what a click there says."""
        return self.cell_layer.at(self.project(lon, lat))

    def thing_at(self, pos: QPoint) -> tuple[str, str | int]:
        """("alarm", id), ("device", id), ("cell", code) or ("", "") at a viewport point."""
        point, scale = self.mapToScene(pos), self.transform().m11()
        alarm_id = self.marker_layer.at(point, scale)
        if alarm_id is not None:
            return "alarm", alarm_id
        device_id = self.devices.at(point, scale)
        if device_id is not None:
            return "device", device_id
        code = self.cell_layer.at(point)
        return ("cell", code) if code else ("", "")

    def tooltip_at(self, pos: QPoint) -> str:
        kind, key = self.thing_at(pos)
        if kind == "alarm":
            return alarm_tip(self.markers[int(key)].alarm)
        if kind == "device":
            return device_tip(self._devices[str(key)])
        if kind == "cell":
            c, n = self.cell_layer.info[str(key)], self._load.get(str(key), 0)
            opened = self.tr("Open alarms: %1").replace("%1", str(n))
            return f"{c.name} ({c.code})\n{c.block_name}\n{opened}"
        return ""

    # --- drawing -------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        """Cells, blocks and devices: the view caches them (CacheBackground)."""
        super().drawBackground(painter, rect)
        exposed = QRectF(rect)
        self.cell_layer.paint(painter, exposed)
        self.devices.paint(painter, exposed)

    def _repaint_background(self) -> None:
        self.resetCachedContent()
        self.viewport().update()

    def _layout_labels(self) -> None:
        self.cell_layer.labels.layout(self, self._load, lambda n: self.tr("%n open", "", n))

    def _on_pulse(self) -> None:
        layer = self.marker_layer
        layer.phase = (layer.phase + 1) % PHASES
        margin = MARKER_BOX / max(self.transform().m11(), 1e-9)
        layer.update(layer.pulse_rect.adjusted(-margin, -margin, margin, margin))

    def _place_overlays(self) -> None:
        view = self.viewport().geometry()
        size = self.fit_button.sizeHint()
        self.fit_button.move(view.right() - size.width() - 10, view.top() + 10)
        legend = self.legend.sizeHint()
        roomy = view.width() >= 4 * legend.width() and view.height() >= 2 * legend.height()
        self.legend.setVisible(self.legend_wanted and roomy and bool(self.legend.kinds))
        self.legend.move(view.left() + 10, view.bottom() - legend.height() - 10)

    # --- input ---------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position().toPoint())
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place_overlays()
        if self._fitted:
            self.fit_district()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_F, Qt.Key.Key_Home):
            self.fit_district()
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif event.key() == Qt.Key.Key_L:
            self.legend_wanted = not self.legend_wanted
            self._place_overlays()
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - start).manhattanLength() > CLICK_SLOP:
            self._fitted = False  # a drag: the operator moved the map
            return
        self.click_at(event.position().toPoint())

    def click_at(self, pos: QPoint) -> None:
        """What a click at this viewport position means (also for tests)."""
        kind, key = self.thing_at(pos)
        if kind == "alarm":
            self.marker_layer.set_focus(int(key))
            self.alarm_clicked.emit(int(key))
        elif kind == "device":
            self.device_clicked.emit(str(key))
        else:
            self.select_cell(str(key) or None)
            self.cell_clicked.emit(str(key))
