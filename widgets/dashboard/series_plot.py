"""One sensor's measurements over time: the curve, its thresholds, its alarms.

Drawn for a year of minute data (525,600 points) as for an hour: the plot keeps
only what is in view (clip to view) and draws at most a few points per pixel
column, keeping each column's peaks (auto downsampling, "peak").  Thresholds are
dashed red lines with their value; alarms are red marks on the curve.  A click
on the curve names its local day (``day_clicked``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QWidget

from services.domain import Series
from widgets.dashboard.style import (
    LOCAL_UTC_OFFSET,
    MUTED,
    RED,
    TEXT,
    LocalTimeAxis,
    pen,
    pg,
    style_plot,
)

CURVE = "#6cb4ff"
LOCAL = timedelta(seconds=-LOCAL_UTC_OFFSET)


class SeriesPlot(pg.PlotWidget):  # type: ignore[misc]
    day_clicked = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": LocalTimeAxis()})
        self.plot = self.getPlotItem()
        style_plot(self.plot)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.hideButtons()
        self.curve = self.plot.plot(pen=pen(CURVE, 1.5))
        self.marks = pg.ScatterPlotItem(
            size=11, symbol="t1", brush=pg.mkBrush(RED), pen=pg.mkPen(TEXT, width=1)
        )
        self.plot.addItem(self.marks)
        self.lines: list[pg.InfiniteLine] = []
        self.title = pg.TextItem("", color=TEXT, anchor=(0, 0))
        self.title.setParentItem(self.plot.vb)
        self.title.setPos(6, 2)
        self.series: Series | None = None
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.setMinimumHeight(200)

    def set_series(self, series: Series | None) -> None:
        self.series = series
        for line in self.lines:
            self.plot.removeItem(line)
        self.lines = []
        if series is None or not len(series.times):
            self.curve.setData([], [])
            self.marks.setData([], [])
            self.title.setText(self.tr("No measurements to show"))
            self.title.setColor(MUTED)
            return
        times = np.asarray(series.times, dtype=float)
        values = np.asarray(series.values, dtype=float)
        self.curve.setData(times, values)
        alarms = np.asarray(series.alarms, dtype=float)
        self.marks.setData(alarms, np.interp(alarms, times, values) if len(alarms) else [])
        for level in series.thresholds:
            line = pg.InfiniteLine(
                pos=level,
                angle=0,
                pen=pen(RED, 1.5, dashed=True),
                label=self.tr("Threshold %1").replace("%1", f"{level:g} {series.unit}"),
                labelOpts={"position": 0.02, "color": RED, "anchors": [(0, 1), (0, 1)]},
            )
            self.plot.addItem(line)
            self.lines.append(line)
        self.title.setText(f"{series.device_id} · {self.metric_text(series)}")
        self.title.setColor(TEXT)
        top = max(float(values.max()), *series.thresholds) if len(values) else 1.0
        self.plot.setYRange(min(float(values.min()), 0.0), top * 1.1)
        self.plot.setXRange(times[0], times[-1], padding=0.01)

    def metric_text(self, series: Series) -> str:
        names = {
            "residual_current_ma": self.tr("Residual current"),
            "temperature_c": self.tr("Temperature"),
        }
        name = str(names.get(series.metric, series.metric))
        return f"{name} ({series.unit})" if series.unit else name

    def show_range(self, start: float, end: float) -> None:
        """Pan or zoom to [start, end] (seconds since the epoch)."""
        self.plot.setXRange(start, end, padding=0)

    def view_to_widget(self, x: float, y: float) -> QPointF:
        return QPointF(self.mapFromScene(self.plot.vb.mapViewToScene(QPointF(x, y))))

    def _on_scene_clicked(self, event: object) -> None:
        pos = event.scenePos()  # type: ignore[attr-defined]
        if self.series is None or not self.plot.vb.sceneBoundingRect().contains(pos):
            return
        x = self.plot.vb.mapSceneToView(pos).x()
        self.day_clicked.emit((datetime.fromtimestamp(x, UTC) + LOCAL).date())
