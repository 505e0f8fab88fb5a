"""People's actions on alarms: acknowledge, shelve, reset a latch, false alarm."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from services.alarms.actions import AlarmService
from services.db.store import Store
from services.errors import ConflictError, TransitionError, ValidationError
from services.ingest.writer import IngestWriter
from tests.support.store import OP, FakeClock, alarm_id, alert, rows


def test_acknowledge_then_clear_closes(
    store: Store, writer: IngestWriter, clock: FakeClock
) -> None:
    svc = AlarmService(store, clock)
    writer.write_batch([alert("e1")])
    alarm = svc.get(alarm_id(store))
    acked = svc.acknowledge(alarm.id, version=alarm.version, actor=OP)
    assert (acked.state, acked.is_open) == ("active_ack", True)
    with pytest.raises(ConflictError):
        svc.acknowledge(alarm.id, version=alarm.version, actor=OP)
    with pytest.raises(TransitionError, match="nothing to acknowledge"):
        svc.acknowledge(alarm.id, version=acked.version, actor=OP)
    writer.write_batch([alert("e2", seconds=5, clear=True)])
    assert svc.get(alarm.id).state == "cleared_ack" and not svc.get(alarm.id).is_open
    assert rows(store, "SELECT action, subject FROM audit_log") == [
        ("alarm.acknowledge", "EL-0231:ebike_entering")
    ]


def test_latched_arc_alarm_needs_a_reset(
    store: Store, writer: IngestWriter, clock: FakeClock
) -> None:
    writer.latches = lambda kind, t: True
    svc = AlarmService(store, clock)
    writer.write_batch(
        [
            alert("a1", "AF-1102", "arc_fault", "arc_detected"),
            alert("a2", "AF-1102", "arc_fault", "arc_detected", seconds=3, clear=True),
        ]
    )
    alarm = svc.get(alarm_id(store))
    assert alarm.latched and alarm.is_open
    with pytest.raises(ValidationError, match="note"):
        svc.reset(alarm.id, version=alarm.version, actor=OP, note="")
    done = svc.reset(alarm.id, version=alarm.version, actor=OP, note="电工已检查线路，故障排除")
    assert (done.latched, done.is_open, done.state) == (False, False, "cleared_ack")


def test_shelve_and_false_alarm(store: Store, writer: IngestWriter, clock: FakeClock) -> None:
    svc = AlarmService(store, clock)
    writer.write_batch([alert("s1")])
    alarm = svc.get(alarm_id(store))
    with pytest.raises(ValidationError, match="reason"):
        svc.shelve(
            alarm.id,
            version=alarm.version,
            actor=OP,
            reason=" ",
            until=clock.now + timedelta(hours=2),
        )
    shelved = svc.shelve(
        alarm.id,
        version=alarm.version,
        actor=OP,
        reason="电梯维保中",
        until=clock.now + timedelta(hours=2),
    )
    assert shelved.state == "shelved"
    writer.write_batch([alert("s2", seconds=30)])  # repeats fold in, still shelved
    again = svc.get(alarm.id)
    assert (again.state, again.count) == ("shelved", 2)
    closed = svc.dismiss_false(alarm.id, version=again.version, actor=OP, reason="测试信号")
    assert (closed.disposition, closed.is_open) == ("false_alarm", False)
    with store.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == 2
