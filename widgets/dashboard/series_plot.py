"""One sensor's measurements over time: the curve, its thresholds, its alarms.

Drawn for a year of minute data (525,600 points) as for an hour: the plot keeps
only what is in view (clip to view) and draws at most a few points per pixel
column, keeping each column's peaks (auto downsampling, "peak").  Thresholds are
dashed red lines with their value; alarms are red marks on the curve.  A click
on the curve names its local day (``day_clicked``).

A long range is loaded coarse (a few thousand buckets of a year); when the
person zooms in, the plot asks for the window in view (``window_wanted``, once
the view is still for a moment) and draws the finer points there
(``set_detail``), the coarse ones around them.  A reload of the same sensor keeps
the person's view."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
from PySide6.QtCore import QPointF, QTimer, Signal
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
SETTLE_MS = 400  # the view still this long: ask for its window in detail
FINER = 4  # ask when the window would have this many times more buckets


class SeriesPlot(pg.PlotWidget):  # type: ignore[misc]
    day_clicked = Signal(date)
    window_wanted = Signal(float, float)  # seconds since the epoch: the view, in detail

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": LocalTimeAxis()})
        self.plot = self.getPlotItem()
        style_plot(self.plot)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.hideButtons()
        # Not antialiased: a dense curve drawn smooth costs ten times the frame
        # (tests/bench/bench_series_frames.py); one sample per pixel column.
        self.curve = self.plot.plot(pen=pen(CURVE, 1.5), antialias=False)
        self.curve.opts["autoDownsampleFactor"] = 1.0
        self.marks = pg.ScatterPlotItem(
            size=11, symbol="t1", brush=pg.mkBrush(RED), pen=pg.mkPen(TEXT, width=1)
        )
        self.plot.addItem(self.marks)
        self.lines: list[pg.InfiniteLine] = []
        self.title = pg.TextItem("", color=TEXT, anchor=(0, 0))
        self.title.setParentItem(self.plot.vb)
        self.title.setPos(6, 2)
        self.series: Series | None = None
        self.coarse: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        self._moving = False  # the plot moving its own view, not the person
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._ask_detail)
        self.plot.sigXRangeChanged.connect(self._on_view_moved)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.setMinimumHeight(200)

    def set_series(self, series: Series | None) -> None:
        old, view = self.series, self.plot.vb.viewRange()[0]
        same = (
            old is not None and series is not None and len(self.coarse[0]) > 1
            and len(series.times) > 1
            and (old.device_id, old.metric) == (series.device_id, series.metric)
        )  # fmt: skip
        if same:  # the same range reloaded (not 7 days after 30)
            span = series.times[-1] - series.times[0]  # type: ignore[union-attr]
            same = abs(span - (self.coarse[0][-1] - self.coarse[0][0])) < span * 0.05
        zoomed = same and view[1] - view[0] < (self.coarse[0][-1] - self.coarse[0][0]) * 0.98
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
        self.coarse = (times, values)
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
        top = max([float(values.max()), *series.thresholds]) if len(values) else 1.0
        self._moving = True
        self.plot.setYRange(min(float(values.min()), 0.0), top * 1.1)
        if zoomed:  # the person's view stays; its detail is asked for again
            self.plot.setXRange(view[0], view[1], padding=0)
            self._settle.start()
        else:
            self.plot.setXRange(times[0], times[-1], padding=0.01)
        self._moving = False

    def set_detail(self, detail: Series) -> None:
        """Finer points of the window ``detail`` covers, drawn in place of the coarse
        ones there (a detail of another sensor, or come too late, is dropped)."""
        s = self.series
        if s is None or (s.device_id, s.metric) != (detail.device_id, detail.metric):
            return
        times, values = self.coarse
        fine_t = np.asarray(detail.times, dtype=float)
        if not len(fine_t) or not len(times):
            return
        keep = (times < fine_t[0]) | (times > fine_t[-1])
        merged = np.concatenate([times[keep], fine_t])
        order = np.argsort(merged, kind="stable")
        both = np.concatenate([values[keep], np.asarray(detail.values, dtype=float)])
        self.curve.setData(merged[order], both[order])

    def _on_view_moved(self, *_args: object) -> None:
        if not self._moving and self.series is not None:
            self._settle.start()

    def _ask_detail(self) -> None:
        times = self.coarse[0]
        if len(times) < 2:
            return
        start, end = self.plot.vb.viewRange()[0]
        whole = times[-1] - times[0]
        if (end - start) * FINER <= whole:  # zoomed in enough that finer buckets show
            self.window_wanted.emit(max(start, times[0]), min(end, times[-1]))
        else:
            self.curve.setData(*self.coarse)

    def metric_text(self, series: Series) -> str:
        names = {
            "residual_current_ma": self.tr("Residual current"),
            "temperature_c": self.tr("Temperature"),
        }
        name = str(names.get(series.metric, series.metric))
        return f"{name} ({series.unit})" if series.unit else name

    def show_range(self, start: float, end: float) -> None:
        """Pan or zoom to [start, end] (seconds since the epoch), as the person would."""
        self.plot.setXRange(start, end, padding=0)

    def view_to_widget(self, x: float, y: float) -> QPointF:
        return QPointF(self.mapFromScene(self.plot.vb.mapViewToScene(QPointF(x, y))))

    def _on_scene_clicked(self, event: object) -> None:
        pos = event.scenePos()  # type: ignore[attr-defined]
        if self.series is None or not self.plot.vb.sceneBoundingRect().contains(pos):
            return
        x = self.plot.vb.mapSceneToView(pos).x()
        self.day_clicked.emit((datetime.fromtimestamp(x, UTC) + LOCAL).date())
