"""Upkeep: offline devices, expired shelving, telemetry folded into buckets."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from services.alarms.actions import AlarmService
from services.alarms.queue import AlarmQueue
from services.alerts.messages import Channel, StatusIn, TelemetryIn
from services.db.store import Store
from services.domain import Principal, Role
from services.ingest.maintenance import fold_telemetry, mark_offline, unshelve_expired
from services.ingest.writer import IngestWriter
from tests.support.store import OP, T0, FakeClock, Inbox, alarm_id, alert, rows, topic

OPERATOR_P = Principal(1, "wang.op", "王伟", Role.OPERATOR)


def test_silent_devices_go_offline(store: Store, writer: IngestWriter) -> None:
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE devices SET reporting_interval_s = 60"))
    writer.write_batch(
        [
            StatusIn(topic("EL-0231", "elevator", Channel.STATUS), True, T0),
            StatusIn(
                topic("AF-1102", "arc_fault", Channel.STATUS), True, T0 + timedelta(seconds=50)
            ),
        ]
    )
    assert mark_offline(store, T0 + timedelta(seconds=90)) == 1
    assert sorted(rows(store, "SELECT id, online FROM devices WHERE online IS NOT NULL")) == [
        ("AF-1102", True),
        ("EL-0231", False),
    ]
    assert mark_offline(store, T0 + timedelta(seconds=90)) == 0  # once


def _offline_alarms(store: Store) -> list[tuple[object, ...]]:
    return rows(
        store,
        "SELECT device_id, state, is_open, severity FROM alarms"
        " WHERE alarm_type = 'device_offline' ORDER BY id",
    )


def test_a_device_offline_is_an_alarm_until_it_is_heard_from_again(
    store: Store, writer: IngestWriter
) -> None:
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE devices SET reporting_interval_s = 60"))
    writer.write_batch(
        [
            StatusIn(topic("EL-0231", "elevator", Channel.STATUS), True, T0),
            StatusIn(topic("AF-1102", "arc_fault", Channel.STATUS), True, T0),
        ]
    )
    inbox = Inbox()
    store.subscribe(inbox)
    assert mark_offline(store, T0 + timedelta(seconds=90)) == 2
    assert mark_offline(store, T0 + timedelta(seconds=200)) == 0  # one alarm a device
    offline_ids = {int(str(i)) for (i,) in rows(store, "SELECT id FROM alarms")}
    assert inbox.alarm_ids(at_least=2) == offline_ids  # the queues read just these
    assert _offline_alarms(store) == [
        ("AF-1102", "active_unack", True, 2),
        ("EL-0231", "active_unack", True, 2),
    ]
    (queued,) = [
        a
        for a in AlarmQueue(store).open_alarms(OPERATOR_P)
        if a.device_id == "EL-0231" and a.alarm_type == "device_offline"
    ]
    assert queued.label == "设备离线" and queued.needs_ack
    # The arc-fault sensor's was acknowledged: its return closes it.  The
    # elevator's was not: it stays for the operator, cleared but unacknowledged.
    (af_id,) = rows(store, "SELECT id FROM alarms WHERE device_id = 'AF-1102'")
    AlarmService(store).acknowledge(int(str(af_id[0])), version=1, actor=OP)
    later = T0 + timedelta(seconds=300)
    writer.write_batch(
        [
            alert("back", seconds=300),  # any message: the elevator is heard from
            StatusIn(topic("AF-1102", "arc_fault", Channel.STATUS), True, later),
        ]
    )
    assert _offline_alarms(store) == [
        ("AF-1102", "cleared_ack", False, 2),
        ("EL-0231", "cleared_unack", True, 2),
    ]
    heard = inbox.alarm_ids(at_least=3)
    assert offline_ids <= heard  # cleared: named by the writer's batch
    assert sorted(rows(store, "SELECT id, online FROM devices WHERE online IS NOT NULL")) == [
        ("AF-1102", True),
        ("EL-0231", True),
    ]
    # Silent again: the elevator's open alarm is active again, the sensor's a new one.
    assert mark_offline(store, later + timedelta(seconds=120)) == 2
    assert [r[1:3] for r in _offline_alarms(store)] == [
        ("cleared_ack", False),
        ("active_unack", True),
        ("active_unack", True),
    ]


def test_shelving_ends(store: Store, writer: IngestWriter, clock: FakeClock) -> None:
    writer.write_batch([alert("e1")])
    svc = AlarmService(store, clock)
    alarm = svc.get(alarm_id(store))
    svc.shelve(
        alarm.id,
        version=alarm.version,
        actor=OP,
        reason="维保",
        until=clock.now + timedelta(minutes=30),
    )
    inbox = Inbox()
    store.subscribe(inbox)
    assert unshelve_expired(store, clock.now + timedelta(minutes=29)) == 0
    assert unshelve_expired(store, clock.now + timedelta(minutes=31)) == 1
    assert svc.get(alarm.id).state == "active_unack"
    assert inbox.alarm_ids() == {alarm.id}  # the queues hear it is back


def test_old_telemetry_is_folded(store: Store, writer: IngestWriter) -> None:
    readings = [
        TelemetryIn(
            topic("AF-1102", "arc_fault", Channel.TELEMETRY),
            T0 + timedelta(seconds=60 * i),
            {"temperature_c": 30.0 + i},
        )
        for i in range(12)
    ]  # 02:00 .. 02:11: buckets 02:00 and 02:05 and 02:10
    writer.write_batch(readings)
    assert fold_telemetry(store, T0 + timedelta(minutes=10)) == 10
    assert rows(store, "SELECT count(*) FROM telemetry") == [(2,)]
    buckets = rows(store, "SELECT n, min, max, mean FROM telemetry_rollup ORDER BY bucket")
    assert buckets == [(5, 30.0, 34.0, 32.0), (5, 35.0, 39.0, 37.0)]
    assert fold_telemetry(store, T0 + timedelta(minutes=20)) == 2
    assert rows(store, "SELECT n, mean FROM telemetry_rollup ORDER BY bucket")[-1] == (2, 40.5)


def test_a_device_that_says_it_is_offline_raises_the_alarm_at_once(
    store: Store, writer: IngestWriter
) -> None:
    status = topic("EL-0231", "elevator", Channel.STATUS)
    writer.write_batch([StatusIn(status, True, T0)])
    assert _offline_alarms(store) == []
    writer.write_batch([StatusIn(status, False, T0 + timedelta(seconds=5))])  # its will
    assert _offline_alarms(store) == [("EL-0231", "active_unack", True, 2)]
    # Offline then online within one batch: its last word counts, nothing raised.
    af = topic("AF-1102", "arc_fault", Channel.STATUS)
    writer.write_batch(
        [
            StatusIn(af, False, T0 + timedelta(seconds=6)),
            StatusIn(af, True, T0 + timedelta(seconds=7)),
        ]
    )
    writer.write_batch([StatusIn(status, True, T0 + timedelta(seconds=9))])
    assert _offline_alarms(store) == [("EL-0231", "cleared_unack", True, 2)]
    assert sorted(rows(store, "SELECT id, online FROM devices WHERE online IS NOT NULL")) == [
        ("AF-1102", True),
        ("EL-0231", True),
    ]
