"""The dashboard's bar charts: alerts over time by kind, orders per day with the
backlog, the nine-grid ranking and device health.

Each takes plain records (services.domain.stats) and says what was clicked as a
plain value: ``kind_clicked(kind)``, ``day_clicked(date)``, ``grid_clicked(code)``.
A chart with no data shows an empty frame and a line saying so."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from services.domain import AlertCount, DayOrders, DeviceHealth, GridRank
from widgets.dashboard.style import (
    ACCENT,
    AMBER,
    GREEN,
    LOCAL_UTC_OFFSET,
    MUTED,
    RED,
    TEXT,
    LocalTimeAxis,
    kind_colour,
    pen,
    pg,
    style_plot,
)
from widgets.labels import label

LOCAL = timedelta(seconds=-LOCAL_UTC_OFFSET)
CATEGORY_AXIS_WIDTH = 180  # room for a grid cell's or a device kind's name


class BarChart(pg.PlotWidget):  # type: ignore[misc]
    """A plot whose left clicks come back as view coordinates (``clicked_at``)."""

    def __init__(self, parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(parent, **kwargs)
        self.plot = self.getPlotItem()
        style_plot(self.plot)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.empty = pg.TextItem("", color=MUTED, anchor=(0.5, 0.5))
        self.empty.setParentItem(self.plot.vb)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.setMinimumHeight(180)

    def show_empty(self, empty: bool) -> None:
        text = QCoreApplication.translate("BarChart", "No data for this range")
        self.empty.setText(text if empty else "")
        rect = self.plot.vb.boundingRect()
        self.empty.setPos(rect.center())

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        empty = self.__dict__.get("empty")  # None while pyqtgraph builds the view
        if empty is not None and empty.toPlainText():
            self.empty.setPos(self.plot.vb.boundingRect().center())

    def view_to_widget(self, x: float, y: float) -> QPointF:
        """Where the view point (x, y) is in this widget (for tests and tooltips)."""
        scene = self.plot.vb.mapViewToScene(QPointF(x, y))
        return QPointF(self.mapFromScene(scene))

    def _on_scene_clicked(self, event: object) -> None:
        pos = event.scenePos()  # type: ignore[attr-defined]
        if not self.plot.vb.sceneBoundingRect().contains(pos):
            return
        point = self.plot.vb.mapSceneToView(pos)
        self.clicked_at(point.x(), point.y())

    def clicked_at(self, x: float, y: float) -> None:
        """Override: a click at view coordinates (x, y)."""

    def set_row_names(self, ticks: Sequence[tuple[float, str]]) -> None:
        """Names on the left axis, each cut with "…" to the axis's width (a name
        wider than the axis would not be drawn at all)."""
        axis = self.plot.getAxis("left")
        font = axis.style.get("tickFont") or self.font()
        room = int(axis.width()) - 14
        metrics = QFontMetrics(font)
        fitted = [
            (y, metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)) for y, text in ticks
        ]
        axis.setTicks([fitted])


class AlertsChart(BarChart):
    """Alerts per bucket, stacked by device kind; a click names the kind."""

    kind_clicked = Signal(str)
    day_clicked = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": LocalTimeAxis()})
        self.legend = self.plot.addLegend(offset=(8, 4), labelTextColor=TEXT, colCount=4)
        self.stacks: dict[float, list[tuple[str, float, float]]] = {}  # x: (kind, y0, y1)
        self.width_s = 3600.0

    def set_counts(
        self,
        counts: Sequence[AlertCount],
        bucket_seconds: int,
        span: tuple[datetime, datetime] | None = None,
    ) -> None:
        """Stacked bars of ``counts``; the x axis covers ``span`` (else the buckets)."""
        self.plot.clear()
        self.legend.clear()
        self.width_s = float(bucket_seconds)
        kinds = sorted({c.kind for c in counts})
        base: dict[float, float] = {}
        self.stacks = {}
        for kind in kinds:
            xs, heights, bottoms = [], [], []
            for c in counts:
                if c.kind != kind or c.count <= 0:
                    continue
                x = c.bucket.timestamp() + bucket_seconds / 2
                y0 = base.get(x, 0.0)
                xs.append(x)
                heights.append(float(c.count))
                bottoms.append(y0)
                base[x] = y0 + c.count
                self.stacks.setdefault(x, []).append((kind, y0, y0 + c.count))
            colour = kind_colour(kind)
            bars = pg.BarGraphItem(
                x=xs,
                height=heights,
                y0=bottoms,
                width=bucket_seconds * 0.8,
                brush=colour,
                pen=pg.mkPen(None),
            )
            self.plot.addItem(bars)
            self.legend.addItem(bars, label("device_kind", kind))
        self.show_empty(not self.stacks)
        top = max(max(base.values(), default=0) * 1.3, 5)  # room for the legend
        self.plot.setYRange(0, top, padding=0)
        if span is not None:
            self.plot.setXRange(span[0].timestamp(), span[1].timestamp(), padding=0.01)
        elif xs_all := sorted(self.stacks):
            half = bucket_seconds / 2
            self.plot.setXRange(xs_all[0] - half, xs_all[-1] + half, padding=0.01)

    def clicked_at(self, x: float, y: float) -> None:
        if not self.stacks:
            return
        nearest = min(self.stacks, key=lambda bx: abs(bx - x))
        if abs(nearest - x) > self.width_s / 2:
            return
        for kind, y0, y1 in self.stacks[nearest]:
            if y0 <= y <= y1:
                self.kind_clicked.emit(kind)
                break
        if self.width_s >= 86400:
            local = datetime.fromtimestamp(nearest, UTC) + LOCAL
            self.day_clicked.emit(local.date())


class OrdersChart(BarChart):
    """Orders raised and closed per day side by side, the backlog as a line."""

    day_clicked = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = self.plot.addLegend(offset=(8, 4), labelTextColor=TEXT, colCount=3)
        self.days: list[date] = []

    def set_days(self, days: Sequence[DayOrders]) -> None:
        self.plot.clear()
        self.legend.clear()
        self.days = [d.day for d in days]
        xs = list(range(len(days)))
        opened = pg.BarGraphItem(
            x=[x - 0.2 for x in xs],
            height=[d.opened for d in days],
            width=0.38,
            brush=ACCENT,
            pen=pg.mkPen(None),
        )
        closed = pg.BarGraphItem(
            x=[x + 0.2 for x in xs],
            height=[d.closed for d in days],
            width=0.38,
            brush=GREEN,
            pen=pg.mkPen(None),
        )
        backlog = pg.PlotDataItem(
            xs,
            [d.backlog for d in days],
            pen=pen(AMBER, 2.5),
            symbol="o",
            symbolSize=6,
            symbolBrush=AMBER,
            symbolPen=None,
        )
        for item, text in (
            (opened, self.tr("Raised")),
            (closed, self.tr("Closed")),
            (backlog, self.tr("Backlog")),
        ):
            self.plot.addItem(item)
            self.legend.addItem(item, text)
        step = max(1, len(days) // 8)
        ticks = [(x, d.day.strftime("%m-%d")) for x, d in enumerate(days) if x % step == 0]
        self.plot.getAxis("bottom").setTicks([ticks])
        top = max((max(d.opened, d.closed, d.backlog) for d in days), default=0)
        self.plot.setYRange(0, max(top * 1.25, 5), padding=0)  # room for the legend
        self.plot.setXRange(-0.6, max(len(days), 1) - 0.4, padding=0)
        self.show_empty(not days)

    def clicked_at(self, x: float, y: float) -> None:
        i = round(x)
        if 0 <= i < len(self.days) and abs(x - i) <= 0.45:
            self.day_clicked.emit(self.days[i])


class GridRankChart(BarChart):
    """The nine-grid ranking: open orders per grid cell (overdue in red), busiest at
    the top, the share closed in time and the median hours beside each bar."""

    grid_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot.invertY(True)
        self.plot.showGrid(x=False, y=False)
        self.plot.getAxis("left").setWidth(CATEGORY_AXIS_WIDTH)
        self.grids: list[str] = []
        self.room = 2.3  # the x range over the longest bar: room for the notes
        self.note_font: QFont | None = None  # the notes' type (None: the widget's)

    def set_ranking(self, ranks: Sequence[GridRank]) -> None:
        self.plot.clear()
        ordered = sorted(ranks, key=lambda r: (-r.open, -r.overdue, r.grid))
        self.grids = [r.grid for r in ordered]
        ys = list(range(len(ordered)))
        overdue = [float(r.overdue) for r in ordered]
        rest = [float(max(r.open - r.overdue, 0)) for r in ordered]
        self.plot.addItem(
            pg.BarGraphItem(x0=0, y=ys, height=0.62, width=overdue, brush=RED, pen=pg.mkPen(None))
        )
        self.plot.addItem(
            pg.BarGraphItem(
                x0=overdue, y=ys, height=0.62, width=rest, brush=ACCENT, pen=pg.mkPen(None)
            )
        )
        for y, r in enumerate(ordered):
            note = pg.TextItem(self.describe(r), color=TEXT, anchor=(0, 0.5))
            if self.note_font is not None:
                note.setFont(self.note_font)
            note.setPos(r.open, y)
            self.plot.addItem(note)
        self.set_row_names([(y, r.name or r.grid) for y, r in enumerate(ordered)])
        top = max((r.open for r in ordered), default=1)
        self.plot.setXRange(0, max(top, 4) * self.room, padding=0)
        self.plot.setYRange(-0.6, max(len(ordered), 1) - 0.4, padding=0)
        self.show_empty(not ordered)

    def describe(self, r: GridRank) -> str:
        parts = [self.tr("%1 open").replace("%1", str(r.open))]
        if r.on_time_rate is not None:
            parts.append(self.tr("on time %1%").replace("%1", f"{r.on_time_rate * 100:.0f}"))
        if r.median_hours is not None:
            parts.append(self.tr("median %1 h").replace("%1", f"{r.median_hours:.1f}"))
        return " · ".join(parts)

    def clicked_at(self, x: float, y: float) -> None:
        i = round(y)
        if 0 <= i < len(self.grids) and abs(y - i) <= 0.4:
            self.grid_clicked.emit(self.grids[i])


class HealthChart(BarChart):
    """Devices online and offline per kind (silent ones drawn amber inside online)."""

    kind_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot.invertY(True)
        self.plot.showGrid(x=False, y=False)
        self.plot.getAxis("left").setWidth(CATEGORY_AXIS_WIDTH)
        self.legend = self.plot.addLegend(offset=(-8, 4), labelTextColor=TEXT, colCount=3)
        self.kinds: list[str] = []

    def set_health(self, health: Sequence[DeviceHealth]) -> None:
        self.plot.clear()
        self.legend.clear()
        self.kinds = [h.kind for h in health]
        ys = list(range(len(health)))
        reporting = [float(max(h.online - h.silent, 0)) for h in health]
        silent = [float(h.silent) for h in health]
        offline = [float(h.offline) for h in health]
        starts = [a + b for a, b in zip(reporting, silent, strict=True)]
        for x0, width, colour, text in (
            (0.0, reporting, GREEN, self.tr("Online")),
            (reporting, silent, AMBER, self.tr("Silent")),
            (starts, offline, RED, self.tr("Offline")),
        ):
            bars = pg.BarGraphItem(
                x0=x0, y=ys, height=0.6, width=width, brush=QColor(colour), pen=pg.mkPen(None)
            )
            self.plot.addItem(bars)
            self.legend.addItem(bars, text)
        self.set_row_names([(y, label("device_kind", h.kind)) for y, h in enumerate(health)])
        top = max((h.online + h.offline for h in health), default=1)
        self.plot.setXRange(0, max(top, 1) * 1.05, padding=0)
        self.plot.setYRange(-1.4, max(len(health), 1) - 0.4, padding=0)  # the legend on top
        self.show_empty(not health)

    def clicked_at(self, x: float, y: float) -> None:
        i = round(y)
        if 0 <= i < len(self.kinds) and abs(y - i) <= 0.35:
            self.kind_clicked.emit(self.kinds[i])
