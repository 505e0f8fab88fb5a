"""The dashboard dock (统计): the headline figures over eight charts.

Fed one ``Dashboard`` record at a time (``show_dashboard``); says what the
person clicked as plain values (``grid_clicked``, ``kind_clicked``,
``day_clicked``, ``category_clicked``, ``device_clicked``) and what they chose:
the alerts' range (``range_chosen``: "hour", live, "day" or "month"), the grid
cells (``grids_chosen``: a frozenset, empty for the whole district) and the
curve (``series_chosen``: a ``SeriesWanted``).  Scrolls when its dock is small."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from services.district.timezone import district_tz
from services.domain import Dashboard
from widgets.dashboard.breakdowns import CloseTimesChart, FaultsChart, SourcesChart
from widgets.dashboard.charts import AlertsChart, GridRankChart, HealthChart, OrdersChart
from widgets.dashboard.choosers import GridChooser, SeriesChooser
from widgets.dashboard.figures import FigureTiles
from widgets.dashboard.series_plot import SeriesPlot

RANGES = ("hour", "day", "month")


class DashboardPanel(QWidget):
    grid_clicked = Signal(str)
    kind_clicked = Signal(str)
    day_clicked = Signal(date)
    range_chosen = Signal(str)  # one of RANGES
    grids_chosen = Signal(object)  # frozenset[str]; empty: the whole district
    series_chosen = Signal(object)  # SeriesWanted
    category_clicked = Signal(str)
    device_clicked = Signal(str)
    window_wanted = Signal(float, float)  # the curve's view, to load in detail

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPanel")
        self.dashboard: Dashboard | None = None
        self.figures = FigureTiles(parent=self)
        self.range_box = QComboBox(self)
        self.range_box.setObjectName("dashboardRange")
        self.grid_chooser = GridChooser(self)
        self.series_chooser = SeriesChooser(self)
        self.stamp = QLabel(self)
        self.stamp.setStyleSheet("color: #6f8297;")
        self.alerts = AlertsChart()
        self.orders = OrdersChart()
        self.ranking = GridRankChart()
        self.health = HealthChart()
        self.series = SeriesPlot()
        self.close_times = CloseTimesChart()
        self.faults = FaultsChart()
        self.sources = SourcesChart()
        self.titles: dict[str, QLabel] = {}
        self._build()
        self.alerts.kind_clicked.connect(self.kind_clicked)
        self.alerts.day_clicked.connect(self.day_clicked)
        self.health.kind_clicked.connect(self.kind_clicked)
        self.orders.day_clicked.connect(self.day_clicked)
        self.series.day_clicked.connect(self.day_clicked)
        self.series.window_wanted.connect(self.window_wanted)
        self.ranking.grid_clicked.connect(self.grid_clicked)
        self.close_times.row_clicked.connect(self.category_clicked)
        self.faults.row_clicked.connect(self.device_clicked)
        self.range_box.activated.connect(lambda _i: self.range_chosen.emit(self.chosen_range()))
        self.grid_chooser.chosen.connect(self.grids_chosen)
        self.series_chooser.chosen.connect(self.series_chosen)
        self.retranslate()
        self.show_dashboard(None)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.figures, 1)
        side = QVBoxLayout()
        side.addWidget(self.range_box)
        side.addWidget(self.grid_chooser)
        side.addWidget(self.stamp)
        side.addStretch(1)
        head.addLayout(side)
        grid = QGridLayout()
        grid.setSpacing(10)
        places = (  # name, chart, row, column, columns
            ("alerts", self.alerts, 0, 0, 1),
            ("orders", self.orders, 0, 1, 1),
            ("ranking", self.ranking, 1, 0, 1),
            ("close_times", self.close_times, 1, 1, 1),
            ("health", self.health, 2, 0, 1),
            ("faults", self.faults, 2, 1, 1),
            ("sources", self.sources, 3, 0, 2),
            ("series", self.series, 4, 0, 2),
        )
        for name, chart, row, col, span in places:
            title = QLabel(self)
            title.setObjectName(f"chartTitle_{name}")
            title.setStyleSheet("color: #9fb3c8; font-weight: bold;")
            self.titles[name] = title
            line = QHBoxLayout()
            line.addWidget(title, 1)
            if name == "series":
                line.addWidget(self.series_chooser)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addLayout(line)
            box.addWidget(chart, 1)
            grid.addLayout(box, row, col, 1, span)
        self.sources.setMinimumHeight(140)
        self.sources.setMaximumHeight(240)  # a handful of rows
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addLayout(head)
        outer.addLayout(grid, 1)
        body.setMinimumHeight(1300)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def retranslate(self) -> None:
        self.titles["alerts"].setText(self.tr("Alerts by kind"))
        self.titles["orders"].setText(self.tr("Work orders raised and closed per day, backlog"))
        self.titles["ranking"].setText(self.tr("Nine-grid ranking: open orders (overdue in red)"))
        self.titles["health"].setText(self.tr("Device health by kind"))
        self.titles["series"].setText(self.tr("Arc-fault sensor: measurements and alarms"))
        self.titles["close_times"].setText(
            self.tr("Hours to close per category, last 30 days (median; 90% behind)")
        )
        self.titles["faults"].setText(self.tr("Elevators with most faults, last 30 days"))
        self.titles["sources"].setText(self.tr("Work orders by source, last 30 days"))
        current = self.range_box.currentIndex()
        self.range_box.clear()
        self.range_box.addItems(
            [self.tr("Last hour (live)"), self.tr("Last 24 hours"), self.tr("Last 30 days")]
        )
        self.range_box.setCurrentIndex(current if current >= 0 else RANGES.index("day"))
        self.grid_chooser.retranslate()
        self.series_chooser.retranslate()
        self.figures.retranslate()
        self._stamp()
        if self.dashboard is not None:
            self.show_dashboard(self.dashboard)  # legends and ticks in the new language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen_range(self) -> str:
        i = self.range_box.currentIndex()
        return RANGES[i] if 0 <= i < len(RANGES) else "day"

    def show_dashboard(self, dashboard: Dashboard | None) -> None:
        self.dashboard = dashboard
        d = dashboard or Dashboard(at=datetime.now(UTC), bucket_seconds=3600)
        self.figures.set_figures(d.figures)
        self.alerts.set_counts(
            d.alerts, d.bucket_seconds, None if d.since is None else (d.since, d.at)
        )
        self.orders.set_days(d.days)
        self.ranking.set_ranking(d.grids)
        self.health.set_health(d.health)
        self.close_times.set_times(d.close_times)
        self.faults.set_faults(d.faults)
        self.sources.set_sources(d.sources)
        self.series_chooser.set_sensors(d.sensors, d.series.device_id if d.series else None)
        if dashboard is None or self.series.series is not d.series:
            self.series.set_series(d.series)
        self._stamp()

    def _stamp(self) -> None:
        if self.dashboard is None:
            self.stamp.setText(self.tr("Loading…"))
            return
        at = self.dashboard.at.astimezone(district_tz()).strftime("%H:%M")
        self.stamp.setText(self.tr("As of %1").replace("%1", at))
