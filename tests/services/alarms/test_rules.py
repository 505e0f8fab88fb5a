"""Alarm rules: one order per alarm, dispatched where life is at stake."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from services.alarms.rules import RuleEngine, RuleSet
from services.db.store import Store
from services.domain import OrderState
from services.ingest.writer import IngestWriter
from services.workflow.orders import WorkOrderService
from tests.support.store import FakeClock, alert, rows


@pytest.fixture
def ruled(store: Store, writer: IngestWriter, clock: FakeClock) -> IngestWriter:
    writer.on_alarms = RuleEngine(RuleSet.load(), WorkOrderService(store, clock=clock)).on_alarms
    return writer


def test_ebike_in_elevator_is_dispatched_to_the_property_company(
    store: Store, ruled: IngestWriter, clock: FakeClock
) -> None:
    ruled.write_batch([alert("e1"), alert("e2", seconds=3), alert("e3", seconds=9)])
    orders = rows(
        store, "SELECT id, state, unit_code, source, source_ref, category FROM work_orders"
    )
    assert len(orders) == 1  # three alerts, one alarm, one order
    oid, state, unit, source, ref, category = orders[0]
    assert (state, unit, source, category) == (
        "dispatched",
        "pm-baoshan8",
        "rule",
        "nonmotor_parking",
    )
    alarm = rows(store, "SELECT id, work_order_id, count FROM alarms")[0]
    assert (alarm[1], alarm[2], ref) == (oid, 3, f"alarm:{alarm[0]}")
    history = WorkOrderService(store, clock=clock).history(int(str(oid)))
    assert [(e.action, e.actor) for e in history] == [
        ("raise", "rules"),
        ("file", "rules"),
        ("dispatch", "rules"),
    ]


def test_rule_without_dispatch_leaves_it_for_review(store: Store, ruled: IngestWriter) -> None:
    ruled.write_batch([alert("d1", alert_type="door_fault")])
    assert rows(store, "SELECT state, unit_code FROM work_orders") == [
        (OrderState.REPORTED.value, None)
    ]


def test_a_rules_order_says_what_and_where_in_words(store: Store, ruled: IngestWriter) -> None:
    ruled.write_batch([alert("d2", alert_type="door_fault")])  # a device known by id only
    with store.transaction() as tx:
        tx.conn.execute(
            text(
                "UPDATE devices SET name = '8号楼1号梯', community_code = 'C01' "
                "WHERE id = 'AF-1102'"
            )
        )
    ruled.write_batch(
        [alert("a1", device="AF-1102", kind="arc_fault", alert_type="over_temperature")]
    )
    bare, named = [
        str(d) for (d,) in rows(store, "SELECT description FROM work_orders ORDER BY id")
    ]
    assert bare.startswith("EL-0231：电梯门故障。") and "d2" in bare  # the alert, for the record
    assert named.startswith("长滩一期，8号楼1号梯（AF-1102）：")


def test_no_rule_no_order(store: Store, ruled: IngestWriter) -> None:
    ruled.write_batch([alert("s1", alert_type="over_speed")])
    assert rows(store, "SELECT count(*) FROM alarms") == [(1,)]
    assert rows(store, "SELECT count(*) FROM work_orders") == [(0,)]


def test_two_consoles_one_order(
    store: Store, second_store: Store, ruled: IngestWriter, clock: FakeClock
) -> None:
    other = IngestWriter(
        second_store,
        on_alarms=RuleEngine(RuleSet.load(), WorkOrderService(second_store, clock=clock)).on_alarms,
    )
    other.load_devices()
    go = threading.Barrier(2)
    errors: list[BaseException] = []

    def ingest(w: IngestWriter, offset: int) -> None:
        go.wait()
        try:
            for i in range(10):
                w.write_batch([alert(f"t{offset}-{i}", alert_type="trapped_passenger", seconds=i)])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(w, n)) for n, w in enumerate((ruled, other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert rows(store, "SELECT count(*) FROM alerts") == [(20,)]
    assert rows(store, "SELECT state, unit_code, priority FROM work_orders") == [
        ("dispatched", "elevator-maint", "critical")
    ]
    assert rows(store, "SELECT count FROM alarms") == [(20,)]


def test_rules_file_is_checked() -> None:
    rules = RuleSet.load()
    arc = rules.match("arc_fault", "arc_detected")
    assert arc is not None and arc.dispatch and arc.unit_kind.value == "city_construction"
    assert rules.match("elevator", "no_such_type") is None
