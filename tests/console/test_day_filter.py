"""A click on a day in the statistics dock (its ``day_clicked``): the desk shows
the orders raised that local day in every state, the queue the alarms raised
that day, both say so, and the desk comes forward."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from services.db.store import Store
from services.domain import OrderState
from services.ingest.writer import IngestWriter
from services.workflow.orders import WorkOrderService
from tests.support.gui import shown_session, signed_in
from tests.support.store import FakeClock, alert, order_in

DAY = date(2026, 11, 23)


def test_a_day_click_filters_the_desk_and_the_queue(qtbot: QtBot, demo_store: Store) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 15, 30, tzinfo=UTC))  # 23:30 in the district
    orders = WorkOrderService(demo_store, clock=clock)
    refused = order_in(orders, OrderState.NOT_FILED, grid="G21")
    clock.now = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)  # 00:30 on the 24th
    order_in(orders, OrderState.REPORTED, grid="G21")
    writer = IngestWriter(demo_store)
    writer.load_devices()
    writer.write_batch([alert("a23"), alert("a24", device="AF-1102", kind="arc_fault")])
    writer.write_batch([alert("b24", seconds=86_400, alert_type="door_fault")])  # the 24th
    window, session = shown_session(qtbot, demo_store)
    window.resize(1600, 1000)
    ws = signed_in(qtbot, session, "operator")
    qtbot.waitUntil(lambda: len(ws.alert_panel.alarms()) == 3, timeout=5000)
    qtbot.waitUntil(lambda: len(ws.desk.listed_ids()) == 1, timeout=5000)  # the open one
    window.tabifyDockWidget(window.docks["orders"], window.docks["dashboard"])
    window.docks["dashboard"].raise_()
    qtbot.waitUntil(lambda: window.docks["orders"].visibleRegion().isEmpty(), timeout=3000)

    ws.stats_panel.day_clicked.emit(DAY)
    qtbot.waitUntil(lambda: ws.desk.listed_ids() == [refused.id], timeout=5000)
    assert ws.desk.day_chip.isVisibleTo(ws.desk) and "2026-11-23" in ws.desk.day_chip.text()
    assert ws.alert_panel.proxy.rowCount() == 2  # the two first seen on the 23rd
    assert sum(ws.map.cell_load().values()) == 2  # the map follows the day
    assert ws.alert_panel.day_button.isVisibleTo(ws.alert_panel)
    qtbot.waitUntil(lambda: not window.docks["orders"].visibleRegion().isEmpty(), timeout=3000)
    assert "2026-11-23" in window.status.currentMessage()

    ws.desk.day_chip.click()  # cleared at the desk: the open orders again, and the queue's day
    qtbot.waitUntil(lambda: len(ws.desk.listed_ids()) == 1, timeout=5000)
    assert ws.desk.listed_ids() != [refused.id] and ws.desk.preset.currentData() == "open"
    assert ws.alert_panel.proxy.rowCount() == 3 and not ws.alert_panel.day_button.isVisible()
    assert sum(ws.map.cell_load().values()) == 3
    ws.filter_to_day(DAY)
    ws.alert_panel.day_button.click()  # cleared at the queue: the desk's day too
    assert ws.desk.day is None and not ws.desk.day_chip.isVisible()
    session.close()
