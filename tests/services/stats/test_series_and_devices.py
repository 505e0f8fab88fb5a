"""The telemetry series stays within its points and reads the roll-ups for a
long range; device health counts by kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from services.db.models import Device, Telemetry, TelemetryRollup, table_of
from services.db.store import Store
from services.stats.device_health import health_by_kind, silent_devices
from services.stats.telemetry_series import series

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _sensor(store: Store) -> None:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {"id": "AF-1", "kind": "arc_fault", "name": "配电箱", "grid_code": "G12",
                 "online": True, "last_seen": NOW, "reporting_interval_s": 60},
                {"id": "EL-1", "kind": "elevator", "name": "电梯", "grid_code": "G21",
                 "online": False, "last_seen": NOW - timedelta(hours=1),
                 "reporting_interval_s": 300},
            ],
        )  # fmt: skip


def test_a_long_range_reads_rollups_and_stays_within_max_points(store: Store) -> None:
    _sensor(store)
    start = NOW - timedelta(days=30)
    rollups = [
        {"device_id": "AF-1", "metric": "temperature_c", "bucket": start + timedelta(minutes=5 * i),
         "seconds": 300, "n": 5, "min": 20.0 + i % 7, "max": 30.0 + i % 11, "mean": 25.0}
        for i in range(29 * 288)
    ]  # fmt: skip
    raw = [
        {"device_id": "AF-1", "metric": "temperature_c", "at": NOW - timedelta(minutes=m),
         "value": 99.0 if m == 30 else 25.0}
        for m in range(1, 1440)
    ]  # fmt: skip
    with store.transaction() as tx:
        tx.conn.execute(insert(table_of(TelemetryRollup)), rollups)
        tx.conn.execute(insert(table_of(Telemetry)), raw)
    s = series(store, "AF-1", "temperature_c", start, NOW, max_points=500)
    assert 0 < len(s.points) <= 500 and s.used_rollups
    assert min(p.min for p in s.points) == 20.0 and max(p.max for p in s.points) == 99.0
    assert s.threshold == 70.0
    # A short range of raw data: one bucket a minute, every value there.
    short = series(store, "AF-1", "temperature_c", NOW - timedelta(hours=1), NOW, 60)
    assert not short.used_rollups and len(short.points) == 60  # minutes 1 … 60 before NOW
    assert max(p.max for p in short.points) == 99.0


def test_device_health_and_silent_devices(store: Store) -> None:
    _sensor(store)
    health = {(h.kind, h.online, h.offline) for h in health_by_kind(store)}
    assert health == {("arc_fault", 1, 0), ("elevator", 0, 1)}
    assert [d.id for d in silent_devices(store, NOW)] == ["EL-1"]
    assert [d.id for d in silent_devices(store, NOW + timedelta(minutes=2))] == ["EL-1", "AF-1"]
