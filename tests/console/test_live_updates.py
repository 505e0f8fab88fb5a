"""Live updates follow what the change feed names: an ingest batch reads just its
alarms (the queue is not read again whole), and one dispatch click at the desk
is one write transaction and a few reads, with no queue reload and no read-back
of our own step."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from services.db.store import Store
from services.domain import ActionRequest, OrderAction, OrderState, Principal, Role
from services.ingest.writer import IngestWriter
from services.workflow.desk import OrderDesk
from services.workflow.orders import NewOrder, WorkOrderService
from tests.support.gui import shown_session, signed_in
from tests.support.store import alert


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Every SQL statement run on ``store`` meanwhile (its first word), and a
    "COMMIT" for each transaction that wrote."""
    seen: list[str] = []

    def run(conn, cursor, statement, *rest) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement.split(None, 1)[0].upper())

    def commit(conn) -> None:  # type: ignore[no-untyped-def]
        seen.append("COMMIT")

    event.listen(store.engine, "before_cursor_execute", run)
    event.listen(store.engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", run)
        event.remove(store.engine, "commit", commit)


def ingest(store: Store, *alerts: object) -> None:
    """The ingest service's writer, in a thread of its own as in production."""

    def write() -> None:
        writer = IngestWriter(store)
        writer.load_devices()
        writer.write_batch(list(alerts))  # type: ignore[arg-type]

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()


def test_a_batch_reads_its_alarms_not_the_whole_queue(qtbot: QtBot, demo_store: Store) -> None:
    _window, session = shown_session(qtbot, demo_store)
    ws = signed_in(qtbot, session, "operator")
    panel, alerts = ws.alert_panel, ws.alerts
    qtbot.waitUntil(lambda: alerts.loads == 1, timeout=5000)
    ingest(demo_store, alert("b1", severity=3), alert("b2", "AF-1102", "arc_fault", "arc_detected"))
    qtbot.waitUntil(lambda: len(panel.alarms()) == 2, timeout=5000)
    assert alerts.loads == 1 and alerts.reads >= 1  # read by id, not reloaded
    ingest(demo_store, alert("b3", seconds=30, clear=True))  # EL-0231's alarm cleared
    qtbot.waitUntil(lambda: any(a.state == "cleared_unack" for a in panel.alarms()), timeout=5000)
    assert alerts.loads == 1
    qtbot.waitUntil(lambda: len(ws.map.markers) == 2, timeout=5000)  # the map follows
    session.close()


def test_one_dispatch_click_is_one_write_and_a_few_reads(qtbot: QtBot, demo_store: Store) -> None:
    boss = Principal(9, "admin", "管理员", Role.ADMIN)
    order = OrderDesk(WorkOrderService(demo_store)).raise_order(boss, NewOrder("楼道堆物", "G21"))
    _window, session = shown_session(qtbot, demo_store)
    ws = signed_in(qtbot, session, "operator")
    qtbot.waitUntil(
        lambda: ws.alerts.loads == 1 and ws.desk.listed_ids() == [order.id], timeout=5000
    )
    ws.desk.select_order(order.id)
    qtbot.waitUntil(lambda: ws.desk.shown_order is not None, timeout=5000)
    qtbot.wait(500)  # the selection's own reads are over
    loads, reads, order_reads = ws.alerts.loads, ws.alerts.reads, ws.orders.reads
    with statements(demo_store) as seen:
        ws.desk.action_requested.emit(  # the 立案派遣 button
            ActionRequest(order.id, order.version, OrderAction.FILE_AND_DISPATCH)
        )
        qtbot.waitUntil(
            lambda: (
                ws.desk.shown_order is not None
                and ws.desk.shown_order.state is OrderState.DISPATCHED
            ),
            timeout=5000,
        )
        qtbot.wait(800)  # the change feed's echo and its coalescing window pass
    assert seen.count("COMMIT") == 1, seen  # one write transaction: both steps, routing, audit
    written = seen.index("COMMIT")
    assert seen[:written].count("SELECT") <= 10, seen
    # then the history and the evidence count, and nothing else
    assert seen[written:].count("SELECT") == 2, seen
    assert (ws.alerts.loads, ws.alerts.reads) == (loads, reads)  # the queue untouched
    assert ws.orders.reads == order_reads  # our own step is not read again
    session.close()


def test_an_order_moved_at_another_console_is_read_again_by_id(
    qtbot: QtBot, demo_store: Store
) -> None:
    boss = Principal(9, "admin", "管理员", Role.ADMIN)
    other = OrderDesk(WorkOrderService(demo_store))
    order = other.raise_order(boss, NewOrder("井盖缺失", "G11"))
    _window, session = shown_session(qtbot, demo_store)
    ws = signed_in(qtbot, session, "operator")
    qtbot.waitUntil(lambda: ws.desk.listed_ids() == [order.id], timeout=5000)
    reads = ws.orders.reads
    from services.workflow.orders import Move

    other.move(boss, order.id, Move(OrderState.FILED), order.version)
    qtbot.waitUntil(lambda: ws.desk.version_of(order.id) == order.version + 1, timeout=5000)
    assert ws.orders.reads == reads + 1  # by id: no first page read again
    newer = other.raise_order(boss, NewOrder("占道经营", "G12"))
    qtbot.waitUntil(lambda: ws.desk.listed_ids()[:1] == [newer.id], timeout=5000)
    session.close()
