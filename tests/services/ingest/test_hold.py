"""Hold time: a flapping sensor's alarm stays pending (unseen, no order) until
its condition has lasted the type's hold time."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import insert, text

from services.alarms.rules import RuleEngine, RuleSet
from services.db.models import Device, table_of
from services.db.store import Store
from services.ingest.hold import promote_held
from services.ingest.writer import IngestWriter
from services.workflow.orders import WorkOrderService
from tests.support.store import T0, FakeClock, alert, rows

HOLD_S = 10


def hold(kind: str, alert_type: str) -> int:
    return HOLD_S if alert_type == "ebike_entering" else 0


@pytest.fixture
def held(store: Store, writer: IngestWriter, clock: FakeClock) -> IngestWriter:
    writer.hold = hold
    writer.on_alarms = RuleEngine(RuleSet.load(), WorkOrderService(store, clock=clock)).on_alarms
    return writer


def alarms(store: Store) -> list[tuple[object, ...]]:
    return rows(store, "SELECT state, is_open, count, disposition FROM alarms ORDER BY id")


def orders(store: Store) -> int:
    return int(rows(store, "SELECT count(*) FROM work_orders")[0][0])  # type: ignore[call-overload]


def test_a_flapping_sensor_never_reaches_the_operator(store: Store, held: IngestWriter) -> None:
    for i in range(5):  # on for 3 s, off, five times over
        held.write_batch([alert(f"on{i}", seconds=20 * i)])
        held.write_batch([alert(f"off{i}", seconds=20 * i + 3, clear=True)])
    assert alarms(store) == [("cleared_ack", False, 1, "held")] * 5
    assert orders(store) == 0
    # ... and the hold timer later finds nothing to raise
    assert promote_held(store, T0 + timedelta(hours=1), hold, held.on_alarms) == 0


def test_a_repeat_after_the_hold_time_raises_the_alarm_and_its_order(
    store: Store, held: IngestWriter
) -> None:
    r = held.write_batch([alert("e1"), alert("e2", seconds=4)])
    assert (r.alarms_raised, r.alarms_held) == (2, 2)
    assert alarms(store) == [("pending", True, 2, None)] and orders(store) == 0
    r = held.write_batch([alert("e3", seconds=HOLD_S)])
    assert (r.alarms_raised, r.alarms_held) == (1, 0)
    assert alarms(store) == [("active_unack", True, 3, None)]
    assert orders(store) == 1


def test_a_quiet_held_alarm_is_raised_by_the_hold_timer_once(
    store: Store, held: IngestWriter, second_store: Store
) -> None:
    held.write_batch([alert("e1")])
    assert promote_held(store, T0 + timedelta(seconds=HOLD_S - 1), hold, held.on_alarms) == 0
    assert alarms(store)[0][0] == "pending"
    # two ingest workers' timers fire together: one promotes, one order
    later = T0 + timedelta(seconds=HOLD_S)
    other = RuleEngine(RuleSet.load(), WorkOrderService(second_store)).on_alarms
    results: list[int] = []
    barrier = threading.Barrier(2)

    def tick(s: Store, on_alarm: object) -> None:
        barrier.wait(timeout=10)
        results.append(promote_held(s, later, hold, on_alarm))  # type: ignore[arg-type]

    workers = [
        threading.Thread(target=tick, args=(store, held.on_alarms)),
        threading.Thread(target=tick, args=(second_store, other)),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)
    assert sorted(results) == [0, 1]
    assert alarms(store) == [("active_unack", True, 1, None)]
    assert orders(store) == 1
    with store.reading() as conn:  # the order's description is in the district's language
        (description,) = conn.execute(text("SELECT description FROM work_orders")).scalars()
    assert description.endswith("（延时确认期满）") and "hold" not in description


def test_types_without_hold_raise_at_once_and_latches_survive_a_clear_only_once_raised(
    store: Store, held: IngestWriter
) -> None:
    held.latches = lambda kind, t: True
    r = held.write_batch([alert("t1", alert_type="trapped_passenger")])
    assert (r.alarms_raised, r.alarms_held) == (1, 0)
    held.write_batch([alert("t2", alert_type="trapped_passenger", seconds=5, clear=True)])
    assert alarms(store) == [("active_unack", True, 1, None)]  # latched: waits for a reset
    # a latching type still within its hold time closes quietly on its clear
    held.write_batch([alert("h1"), alert("h2", seconds=2, clear=True)])
    assert alarms(store)[1] == ("cleared_ack", False, 1, "held")


def test_mobile_alerts_are_placed_by_their_position(store: Store) -> None:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)), [{"id": "MB-01", "kind": "mobile", "name": "MB-01"}]
        )
    w = IngestWriter(store, locate=lambda lon, lat: "G22" if lon > 121.49 else None)
    w.load_devices()
    mobile = {"device": "MB-01", "kind": "mobile", "alert_type": "illegal_parking"}
    w.write_batch(
        [
            alert("m1", lon=121.5, lat=31.4, **mobile),  # type: ignore[arg-type]
            alert("m2", lon=121.4, lat=31.4, **mobile),  # type: ignore[arg-type]
        ]
    )
    assert rows(store, "SELECT event_key, grid_code FROM alerts ORDER BY id") == [
        ("m1", "G22"),
        ("m2", None),
    ]
