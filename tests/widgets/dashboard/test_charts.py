"""The dashboard's charts offscreen: drawn with data and with none, clicks say
what was clicked, and a year of minute data on the series plot pans and zooms."""

from __future__ import annotations

import time
from datetime import date

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from services.domain import Dashboard, Series
from tests.widgets.dashboard.data import NOW, YEAR_OF_MINUTES, dashboard, year_series
from widgets.dashboard.charts import AlertsChart, GridRankChart, HealthChart, OrdersChart
from widgets.dashboard.panel import DashboardPanel
from widgets.dashboard.series_plot import SeriesPlot


def _panel(qtbot: QtBot, d: Dashboard | None) -> DashboardPanel:
    panel = DashboardPanel()
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_dashboard(d)
    return panel


def _drawn_colours(panel_image: object) -> int:
    from PySide6.QtGui import QImage

    assert isinstance(panel_image, QImage)
    small = panel_image.scaled(140, 90)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def test_charts_draw_the_figures(qtbot: QtBot) -> None:
    panel = _panel(qtbot, dashboard(year_series(5000)))
    assert panel.figures.tiles["open_now"].value.text() == "40"
    assert panel.figures.tiles["on_time_rate"].value.text() == "87%"
    assert panel.alerts.stacks and panel.ranking.grids[0] == "G33"  # busiest on top
    assert panel.health.kinds == ["elevator", "arc_fault", "eagle_eye", "nonmotor_probe"]
    assert len(panel.series.lines) == 1 and panel.series.lines[0].value() == 300.0
    assert _drawn_colours(panel.grab().toImage()) > 20  # bars of several colours, not a blank


def test_charts_with_no_data_say_so(qtbot: QtBot) -> None:
    panel = _panel(qtbot, Dashboard(NOW, 3600))
    assert panel.alerts.empty.toPlainText() and panel.ranking.empty.toPlainText()
    assert panel.health.empty.toPlainText() and panel.orders.empty.toPlainText()
    assert panel.series.title.toPlainText()  # "no measurements"
    assert panel.figures.tiles["on_time_rate"].value.text() == "–"
    panel.show_dashboard(None)  # before the first load
    assert panel.stamp.text()
    panel.grab()


def _click(qtbot: QtBot, chart: object, x: float, y: float) -> None:
    # Two quick clicks would be a double click (QTest counts them across widgets).
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    chart.repaint()  # type: ignore[attr-defined]  # the view's range settles when drawn
    at = chart.view_to_widget(x, y)  # type: ignore[attr-defined]
    qtbot.mouseClick(
        chart.viewport(),  # type: ignore[attr-defined]
        Qt.MouseButton.LeftButton,
        pos=QPoint(round(at.x()), round(at.y())),
    )


def test_a_click_on_a_grid_bar_names_the_grid(qtbot: QtBot) -> None:
    chart = GridRankChart()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_ranking(dashboard().grids)
    third = chart.grids[2]
    with qtbot.waitSignal(chart.grid_clicked, timeout=2000) as signal:
        _click(qtbot, chart, 1.0, 2.0)
    assert signal.args == [third]


def test_clicks_on_kinds_and_days(qtbot: QtBot) -> None:
    d = dashboard()
    health, orders, alerts = HealthChart(), OrdersChart(), AlertsChart()
    for chart in (health, orders, alerts):
        qtbot.addWidget(chart)
        chart.resize(600, 400)
        chart.show()
        qtbot.waitExposed(chart)
    health.set_health(d.health)
    orders.set_days(d.days)
    alerts.set_counts(d.alerts, d.bucket_seconds)
    with qtbot.waitSignal(health.kind_clicked, timeout=2000) as kind:
        _click(qtbot, health, 5.0, 1.0)
    assert kind.args == ["arc_fault"]
    with qtbot.waitSignal(orders.day_clicked, timeout=2000) as day:
        _click(qtbot, orders, 4.0, 1.0)
    assert day.args == [date(2026, 11, 7)]
    x, stack = next(iter(sorted(alerts.stacks.items())))
    first_kind, y0, y1 = stack[0]
    with qtbot.waitSignal(alerts.kind_clicked, timeout=2000) as by_kind:
        _click(qtbot, alerts, x, (y0 + y1) / 2)
    assert by_kind.args == [first_kind]


def test_a_year_of_minutes_pans_and_zooms(qtbot: QtBot) -> None:
    plot = SeriesPlot()
    qtbot.addWidget(plot)
    plot.resize(1600, 400)
    plot.show()
    qtbot.waitExposed(plot)
    series = year_series()
    plot.set_series(series)
    times = np.asarray(series.times)
    assert len(times) == YEAR_OF_MINUTES
    assert plot.plot.clipToViewMode() and plot.plot.downsampleMode()[1]  # auto
    frames: list[float] = []
    day = 86_400.0
    for i in range(20):  # a week's window walked along the year, then zoomed out
        start = times[0] + i * 15 * day
        t0 = time.perf_counter()
        plot.show_range(start, start + 7 * day)
        plot.repaint()
        frames.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    plot.show_range(times[0], times[-1])
    plot.repaint()
    frames.append(time.perf_counter() - t0)
    shown = plot.curve.curve.getData()[0]  # what is drawn, after clipping and downsampling
    assert 0 < len(shown) < len(times) / 10
    print(
        f"\nseries plot, {YEAR_OF_MINUTES} points: median frame {sorted(frames)[10] * 1000:.1f} ms,"
        f" worst {max(frames) * 1000:.1f} ms, whole year {frames[-1] * 1000:.1f} ms"
    )


def test_zooming_in_asks_for_the_window_in_detail_and_a_reload_keeps_the_view(
    qtbot: QtBot,
) -> None:
    plot = SeriesPlot()
    qtbot.addWidget(plot)
    plot.resize(1200, 300)
    plot.show()
    qtbot.waitExposed(plot)
    day = 86_400.0
    times = NOW.timestamp() - 365 * day + np.arange(4000) * (365 * day / 4000)
    coarse = Series("AF-1102", "residual_current_ma", "mA", times, 60 + np.sin(times / day))
    plot.set_series(coarse)  # a year in 4,000 points, about two hours apart
    start = times[0] + 100 * day
    with qtbot.waitSignal(plot.window_wanted, timeout=3000) as asked:
        plot.show_range(start, start + day)
    assert abs(asked.args[0] - start) < 1 and abs(asked.args[1] - (start + day)) < 1
    fine_t = start + np.arange(1440, dtype=float) * 60  # the day by minute
    fine = Series(coarse.device_id, coarse.metric, coarse.unit, fine_t, np.full(1440, 42.0))
    plot.set_detail(fine)
    drawn_t, drawn_v = plot.curve.getData()
    inside = (drawn_t >= start) & (drawn_t <= start + day)
    assert inside.sum() == 1440 and set(drawn_v[inside]) == {42.0}
    assert len(drawn_t) > 1440  # the coarse points around the window stay
    other = Series("AF-9", coarse.metric, coarse.unit, fine_t, np.full(1440, 7.0))
    plot.set_detail(other)  # another sensor's detail, come late: dropped
    assert 7.0 not in set(plot.curve.getData()[1])
    reloaded = Series(coarse.device_id, coarse.metric, "mA", times + 60, coarse.values)
    with qtbot.waitSignal(plot.window_wanted, timeout=3000):
        plot.set_series(reloaded)
    view = plot.plot.vb.viewRange()[0]
    assert abs(view[0] - start) < 60 and abs(view[1] - (start + day)) < 60
    plot.set_series(Series("AF-2", coarse.metric, coarse.unit, times, coarse.values))
    view = plot.plot.vb.viewRange()[0]
    assert view[1] - view[0] > 300 * day  # another sensor: the whole range again
