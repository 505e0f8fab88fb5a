"""The breakdown charts and the dock's choosers offscreen: rows in the right
order, clicks naming the row, choices said as plain values."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from services.domain import SeriesWanted
from tests.widgets.dashboard.data import dashboard
from tests.widgets.dashboard.test_charts import _click
from widgets.dashboard.breakdowns import CloseTimesChart, FaultsChart, SourcesChart
from widgets.dashboard.choosers import GridChooser, SeriesChooser
from widgets.dashboard.panel import DashboardPanel


def _shown(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)
    widget.resize(600, 400)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget)


def test_rows_come_in_order_and_clicks_name_them(qtbot: QtBot) -> None:
    d = dashboard()
    times, faults, sources = CloseTimesChart(), FaultsChart(), SourcesChart()
    for chart in (times, faults, sources):
        _shown(qtbot, chart)
    times.set_times(d.close_times)
    faults.set_faults(d.faults)
    sources.set_sources(d.sources)
    assert times.codes == ["sanitation", "electrical_safety", "elevator_fault"]  # slowest first
    assert faults.codes[0] == "EL-0001" and len(faults.codes) == 5
    assert sources.codes == ["rule", "manual", "alarm"]
    with qtbot.waitSignal(faults.row_clicked, timeout=2000) as device:
        _click(qtbot, faults, 1.0, 2.0)
    assert device.args == ["EL-0003"]
    with qtbot.waitSignal(times.row_clicked, timeout=2000) as category:
        _click(qtbot, times, 0.5, 0.0)
    assert category.args == ["sanitation"]
    times.set_times(())
    assert times.codes == [] and times.empty.toPlainText()


def test_the_grid_chooser_says_the_cells_chosen(qtbot: QtBot) -> None:
    chooser = GridChooser()
    qtbot.addWidget(chooser)
    chooser.set_cells([("G11", "网格一"), ("G12", "网格二"), ("G13", "")])
    whole = chooser.text()
    with qtbot.waitSignal(chooser.chosen, timeout=1000) as one:
        chooser.cells["G12"].trigger()
    assert one.args == [frozenset({"G12"})] and "网格二" in chooser.text()
    with qtbot.waitSignal(chooser.chosen, timeout=1000) as two:
        chooser.cells["G13"].trigger()
    assert two.args == [frozenset({"G12", "G13"})] and "2" in chooser.text()
    chooser.set_cells([("G11", "网格一"), ("G12", "网格二")])  # reloaded: the choice kept
    assert chooser.choice() == frozenset({"G12"})
    with qtbot.waitSignal(chooser.chosen, timeout=1000) as cleared:
        chooser.whole.trigger()
    assert cleared.args == [frozenset()] and chooser.text() == whole


def test_the_series_chooser_says_sensor_metric_and_days(qtbot: QtBot) -> None:
    chooser = SeriesChooser()
    qtbot.addWidget(chooser)
    chooser.set_sensors(dashboard().sensors, "AF-1102")
    assert chooser.wanted() == SeriesWanted(None, "residual_current_ma", 7)
    assert chooser.sensor_box.count() == 3  # "most alarms" and the two sensors
    chooser.sensor_box.setCurrentIndex(2)
    chooser.metric_box.setCurrentIndex(1)
    chooser.days_box.setCurrentIndex(2)
    with qtbot.waitSignal(chooser.chosen, timeout=1000) as wanted:
        chooser.days_box.activated.emit(2)
    assert wanted.args == [SeriesWanted("AF-1103", "temperature_c", 365)]
    chooser.set_sensors(tuple(reversed(dashboard().sensors)), "AF-1103")  # reordered
    assert chooser.sensor_box.currentData() == "AF-1103"


def test_the_panel_hands_on_clicks_and_choices(qtbot: QtBot) -> None:
    panel = DashboardPanel()
    qtbot.addWidget(panel)
    panel.show_dashboard(dashboard())
    assert panel.chosen_range() == "day"
    with qtbot.waitSignal(panel.range_chosen, timeout=1000) as span:
        panel.range_box.setCurrentIndex(0)
        panel.range_box.activated.emit(0)
    assert span.args == ["hour"]
    with qtbot.waitSignal(panel.device_clicked, timeout=1000) as device:
        panel.faults.row_clicked.emit("EL-0002")
    assert device.args == ["EL-0002"]
    panel.grid_chooser.set_cells([("G11", "网格一")])
    with qtbot.waitSignal(panel.grids_chosen, timeout=1000) as grids:
        panel.grid_chooser.cells["G11"].trigger()
    assert grids.args == [frozenset({"G11"})]
