"""The alert queue's day (a click in the statistics): only the alarms first
seen on that local day, a button that says so and clears it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from tests.support.gui import alarm
from widgets.alerts.model import AlarmRole
from widgets.alerts.queue import AlertQueuePanel


def test_a_day_hides_other_days_and_is_cleared(qtbot: QtBot) -> None:
    panel = AlertQueuePanel()
    qtbot.addWidget(panel)
    panel.show()
    late = replace(alarm(2), first_seen=datetime(2026, 11, 23, 15, 30, tzinfo=UTC))  # 23:30
    early = replace(alarm(3), first_seen=datetime(2026, 11, 23, 16, 30, tzinfo=UTC))  # 00:30
    panel.show_alarms([alarm(1), late, early])  # alarm 1: 10:00 on the 24th

    def shown() -> set[int]:
        return {panel.proxy.index(r, 0).data(AlarmRole).id for r in range(panel.proxy.rowCount())}

    assert not panel.day_button.isVisibleTo(panel)
    panel.set_day_filter(date(2026, 11, 24))
    assert shown() == {1, 3}
    assert panel.day_button.isVisibleTo(panel) and "2026-11-24" in panel.day_button.text()
    assert panel.summary.text().startswith("2 ")
    panel.set_day_filter(date(2026, 11, 23))
    assert shown() == {2}
    panel.set_grid_filter("G11")  # with the grid's: both narrow
    assert shown() == set()
    panel.set_grid_filter(None)
    with qtbot.waitSignal(panel.day_filter_cleared):
        panel.day_button.click()
    assert shown() == {1, 2, 3} and not panel.day_button.isVisibleTo(panel)
