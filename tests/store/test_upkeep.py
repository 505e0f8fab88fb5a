"""Upkeep: offline devices, expired shelving, telemetry folded into buckets."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from services.alarms import AlarmService
from services.alerts.messages import Channel, StatusIn, TelemetryIn
from services.db.store import Store
from services.ingest.maintenance import fold_telemetry, mark_offline, unshelve_expired
from services.ingest.writer import IngestWriter
from tests.store.conftest import FakeClock
from tests.store.test_alarms import OP, _alarm_id
from tests.store.test_ingest_writer import T0, alert, rows, topic, writer

__all__ = ["writer"]  # fixture


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


def test_shelving_ends(store: Store, writer: IngestWriter, clock: FakeClock) -> None:
    writer.write_batch([alert("e1")])
    svc = AlarmService(store, clock)
    alarm = svc.get(_alarm_id(store))
    svc.shelve(
        alarm.id,
        version=alarm.version,
        actor=OP,
        reason="维保",
        until=clock.now + timedelta(minutes=30),
    )
    assert unshelve_expired(store, clock.now + timedelta(minutes=29)) == 0
    assert unshelve_expired(store, clock.now + timedelta(minutes=31)) == 1
    assert svc.get(alarm.id).state == "active_unack"


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
