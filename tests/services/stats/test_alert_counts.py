"""Alerts counted by minute, hour and local day against hand-computed values,
and the elevators with most faults (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from services.db.models import Alert, Community, Device, table_of
from services.db.store import Store
from services.stats.alert_counts import alert_total, alerts_by_kind, totals_by_kind
from services.stats.buckets import day_range
from services.stats.device_health import elevator_faults
from services.stats.report import build_report
from services.stats.report_html import report_html
from services.stats.report_render import report_csv

# 2026-11-23 15:30 UTC is 23:30 in Shanghai; 16:30 UTC is 00:30 on the 24th.
EVENING = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
_n = 0


def _alerts(store: Store, *rows: tuple[datetime, str, str, str, str]) -> None:
    """(received at, device, kind, type, grid) each."""
    global _n
    values = []
    for at, device, kind, kind_type, grid in rows:
        _n += 1
        values.append(
            {"event_key": f"t:{_n}", "device_id": device, "kind": kind, "alert_type": kind_type,
             "severity": 2, "occurred_at": at, "received_at": at, "grid_code": grid,
             "payload": {}}
        )  # fmt: skip
    with store.transaction() as tx:
        tx.conn.execute(insert(table_of(Alert)), values)


def test_local_days_hours_and_minutes(store: Store) -> None:
    _alerts(
        store,
        (EVENING, "EL-1", "elevator", "door_fault", "G11"),  # the 23rd, 23:30 local
        (EVENING + timedelta(minutes=29, seconds=59), "AF-1", "arc_fault", "arc_detected", "G12"),
        (EVENING + timedelta(minutes=30), "EL-1", "elevator", "door_fault", "G11"),  # the 24th
        (EVENING + timedelta(minutes=31), "EL-2", "elevator", "over_speed", "G33"),
        (EVENING + timedelta(days=1, hours=1), "AF-1", "arc_fault", "arc_detected", "G12"),  # 25th
    )
    since, until = day_range(datetime(2026, 11, 23).date(), datetime(2026, 11, 25).date())
    days = [(c.bucket, c.kind, c.count) for c in alerts_by_kind(store, since, until, None, "day")]
    midnight_24 = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    assert days == [
        (midnight_24 - timedelta(days=1), "arc_fault", 1),
        (midnight_24 - timedelta(days=1), "elevator", 1),
        (midnight_24, "elevator", 2),
        (midnight_24 + timedelta(days=1), "arc_fault", 1),
    ]
    hours = alerts_by_kind(store, EVENING, EVENING + timedelta(hours=2), None, "hour")
    assert [(c.bucket.hour, c.kind, c.count) for c in hours] == [
        (15, "arc_fault", 1),
        (15, "elevator", 1),
        (16, "elevator", 2),
    ]
    minutes = alerts_by_kind(store, EVENING, EVENING + timedelta(hours=1), {"G11"}, "minute")
    assert [(c.bucket.minute, c.kind, c.count) for c in minutes] == [
        (30, "elevator", 1),
        (0, "elevator", 1),
    ]
    assert totals_by_kind(hours) == {"elevator": 3, "arc_fault": 1}
    assert alert_total(store, since, until) == 5
    assert alert_total(store, since, until, {"G12", "G33"}) == 3
    empty = alerts_by_kind(store, since - timedelta(days=9), since, None, "day")
    assert empty == []


def test_elevators_with_most_faults(store: Store) -> None:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Community)),
            [{"code": "C-T1", "name": "测试小区", "grid_code": "G11"}],
        )
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {"id": "EL-1", "kind": "elevator", "name": "1号楼电梯", "grid_code": "G11",
                 "community_code": "C-T1"},
                {"id": "EL-2", "kind": "elevator", "name": "2号楼电梯", "grid_code": "G33",
                 "community_code": None},
            ],
        )  # fmt: skip
    at = EVENING
    _alerts(
        store,
        *[(at + timedelta(minutes=i), "EL-2", "elevator", "door_fault", "G33") for i in range(3)],
        (at, "EL-1", "elevator", "trapped_passenger", "G11"),
        (at, "EL-1", "elevator", "over_speed", "G11"),
        (at, "EL-1", "elevator", "ebike_entered", "G11"),  # not a fault of the lift
        (at - timedelta(days=40), "EL-1", "elevator", "door_fault", "G11"),  # out of range
        (at, "EL-9", "elevator", "door_fault", "G11"),  # not in the registry
    )
    since, until = at - timedelta(days=30), at + timedelta(hours=1)
    top = elevator_faults(store, since, until)
    assert [(f.device_id, f.faults, f.name, f.community) for f in top] == [
        ("EL-2", 3, "2号楼电梯", ""),
        ("EL-1", 2, "1号楼电梯", "测试小区"),
        ("EL-9", 1, "", ""),
    ]
    assert [f.device_id for f in elevator_faults(store, since, until, {"G11"})] == [
        "EL-1",
        "EL-9",
    ]
    assert [f.device_id for f in elevator_faults(store, since, until, limit=1)] == ["EL-2"]
    assert elevator_faults(store, until, until + timedelta(days=1)) == []
    report = build_report(store, date(2026, 11, 23), date(2026, 11, 24), now=until)
    assert [(f["device_id"], f["faults"]) for f in report["elevator_faults"]] == [
        ("EL-2", 3),
        ("EL-1", 2),
        ("EL-9", 1),
    ]
    assert "1号楼电梯" in report_html(report) and "测试小区" in report_csv(report).decode("utf-8")
