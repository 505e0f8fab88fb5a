"""Ingest writer: exactly once, alarm folding, clears, latches, quarantine."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from services.alerts.messages import (
    Channel,
    Rejected,
    StatusIn,
    TelemetryIn,
)
from services.db.store import Store
from services.ingest.writer import IngestWriter
from tests.support.store import T0, Inbox, alert, rows, topic


def test_redelivered_alert_is_stored_once_and_alarms_fold(
    store: Store, writer: IngestWriter
) -> None:
    first = writer.write_batch([alert("EL-0231:e1"), alert("EL-0231:e2", seconds=30)])
    again = writer.write_batch([alert("EL-0231:e1"), alert("EL-0231:e3", seconds=60)])
    assert (first.alerts, first.duplicates, again.alerts, again.duplicates) == (2, 0, 1, 1)
    assert rows(store, "SELECT count(*) FROM alerts") == [(3,)]
    alarms = rows(store, "SELECT alarm_key, count, state, is_open FROM alarms")
    assert alarms == [("EL-0231:ebike_entering", 3, "active_unack", True)]
    linked = rows(store, "SELECT count(*) FROM alerts WHERE alarm_id IS NOT NULL")
    assert linked == [(3,)]
    first_seen, last_seen = rows(store, "SELECT first_seen, last_seen FROM alarms")[0]
    assert str(first_seen).startswith("2026-11-23 02:00:00")
    assert str(last_seen).startswith("2026-11-23 02:01:00")


def test_two_consoles_at_once_make_one_alarm(
    store: Store, second_store: Store, writer: IngestWriter
) -> None:
    """Two writers on two connections store the same stream concurrently, in
    small batches: every alert once, one open alarm per key."""
    other = IngestWriter(second_store)
    other.load_devices()
    stream = [alert(f"EL-0231:k{i}", seconds=i) for i in range(60)]
    stream += [
        alert(f"AF-1102:k{i}", "AF-1102", "arc_fault", "over_temperature", seconds=i)
        for i in range(60)
    ]
    errors: list[BaseException] = []
    go = threading.Barrier(2)

    def ingest(w: IngestWriter) -> None:
        go.wait()
        try:
            for i in range(0, len(stream), 5):
                w.write_batch(stream[i : i + 5])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(w,)) for w in (writer, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert rows(store, "SELECT count(*), count(DISTINCT event_key) FROM alerts") == [(120, 120)]
    assert sorted(rows(store, "SELECT alarm_key, count FROM alarms WHERE is_open")) == [
        ("AF-1102:over_temperature", 60),
        ("EL-0231:ebike_entering", 60),
    ]


def test_clear_ends_the_condition(store: Store, writer: IngestWriter) -> None:
    writer.write_batch([alert("e1"), alert("e2", seconds=5, clear=True)])
    assert rows(store, "SELECT state, is_open FROM alarms") == [("cleared_unack", True)]
    writer.write_batch([alert("e3", seconds=9)])  # back again before anyone looked
    assert rows(store, "SELECT state, is_open, count FROM alarms") == [("active_unack", True, 2)]
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE alarms SET state = 'active_ack'"))
    result = writer.write_batch([alert("e4", seconds=20, clear=True)])
    assert result.alarms_cleared == 1
    assert rows(store, "SELECT state, is_open FROM alarms") == [("cleared_ack", False)]
    writer.write_batch([alert("e5", seconds=30)])  # a new occurrence: a new alarm
    assert rows(store, "SELECT count(*) FROM alarms WHERE is_open") == [(1,)]
    assert rows(store, "SELECT count(*) FROM alarms") == [(2,)]


def test_arc_alarm_latches_until_reset(store: Store, writer: IngestWriter) -> None:
    writer.write_batch(
        [
            alert("a1", "AF-1102", "arc_fault", "arc_detected"),
            alert("a2", "AF-1102", "arc_fault", "arc_detected", seconds=2, clear=True),
        ]
    )
    assert rows(store, "SELECT state, is_open, latched FROM alarms") == [
        ("active_unack", True, True)
    ]


def test_heartbeat_status_and_telemetry_touch_the_device(
    store: Store, writer: IngestWriter
) -> None:
    hb = alert("CAM-001:hb1", "CAM-001", "camera", "video_loss", seconds=40, heartbeat=True)
    status = StatusIn(
        topic("AF-1102", "arc_fault", Channel.STATUS), online=False, at=T0 + timedelta(seconds=50)
    )
    reading = TelemetryIn(
        topic("AF-1102", "arc_fault", Channel.TELEMETRY),
        at=T0,
        values={"residual_current_ma": 12.5, "temperature_c": 41.0},
    )
    result = writer.write_batch([hb, status, reading, reading])
    assert (result.heartbeats, result.status, result.telemetry, result.alerts) == (1, 1, 2, 0)
    assert rows(store, "SELECT count(*) FROM alerts") == [(0,)]
    assert rows(store, "SELECT count(*) FROM telemetry") == [(2,)]
    assert rows(store, "SELECT id, online FROM devices WHERE online IS NOT NULL") == [
        ("AF-1102", False)
    ]
    seen = rows(store, "SELECT last_seen FROM devices WHERE id = 'CAM-001'")[0][0]
    assert str(seen).startswith("2026-11-23 02:00:40")


def test_bad_and_unknown_go_to_quarantine(store: Store, writer: IngestWriter) -> None:
    bad = Rejected("youyi/elevator/EL-0231/event", b"\xff{not json", "not UTF-8", T0)
    stranger = alert("X-1:e1", "EL-9999")
    result = writer.write_batch([bad, stranger, alert("ok")])
    assert (result.quarantined, result.alerts) == (2, 1)
    kept = rows(store, "SELECT topic, raw, reason FROM quarantine ORDER BY id")
    assert kept[0][0] == "youyi/elevator/EL-0231/event" and bytes(kept[0][1]) == b"\xff{not json"
    assert "unknown device 'EL-9999'" in str(kept[1][2])


def test_a_failing_batch_writes_nothing(
    store: Store, writer: IngestWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = writer._round

    def flaky(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        raise RuntimeError("disk full")  # after the alerts and alarms were written

    monkeypatch.setattr(writer, "_round", flaky)
    with pytest.raises(RuntimeError):
        writer.write_batch([alert(f"f{i}", seconds=i) for i in range(5)])
    assert rows(store, "SELECT count(*) FROM alerts") == [(0,)]
    assert rows(store, "SELECT count(*) FROM alarms") == [(0,)]


def test_one_batch_folds_repeats_and_keeps_each_alarms_order(
    store: Store, writer: IngestWriter
) -> None:
    """Raise, repeat, clear, raise again of one key in one batch, mixed with
    another device: applied in order (the clear comes between, so the alarm is
    active again at the end, not cleared); the other device's repeats fold into
    one alarm with the worst severity."""
    batch = [
        alert("a1", seconds=0),
        alert("b1", "CAM-001", "camera", "tamper", seconds=1),
        alert("a2", seconds=2),
        alert("b2", "CAM-001", "camera", "tamper", seconds=3, severity=4),
        alert("a3", seconds=4, clear=True),
        alert("a4", seconds=6),
        alert("b3", "CAM-001", "camera", "tamper", seconds=7),
    ]
    r = writer.write_batch(batch)
    assert (r.alerts, r.alarms_raised, r.alarms_cleared) == (7, 6, 1)
    got = rows(
        store,
        "SELECT alarm_key, count, severity, state, is_open FROM alarms ORDER BY alarm_key, id",
    )
    assert got == [
        ("CAM-001:tamper", 3, 4, "active_unack", True),
        ("EL-0231:ebike_entering", 3, 2, "active_unack", True),
    ]
    cleared = rows(store, "SELECT cleared_at FROM alarms WHERE alarm_key LIKE 'EL%'")
    assert cleared == [(None,)]  # raised again after its clear
    links = rows(
        store,
        "SELECT al.event_key, a.id FROM alerts al JOIN alarms a ON a.id = al.alarm_id"
        " ORDER BY al.event_key",
    )
    ids = dict(links)  # type: ignore[arg-type]
    assert ids["a1"] == ids["a2"] == ids["a3"] == ids["a4"]
    assert ids["b1"] == ids["b2"] == ids["b3"]


def test_a_batch_names_the_alarms_it_raised_and_cleared(store: Store, writer: IngestWriter) -> None:
    """The change feed's notice of a batch says which alarms changed, so that the
    consoles read just those (on PostgreSQL through NOTIFY, on SQLite in-process)."""
    writer.write_batch([alert("e1"), alert("a1", "AF-1102", "arc_fault", "arc_detected")])
    inbox = Inbox()
    store.subscribe(inbox)
    writer.write_batch(
        [
            alert("e2", seconds=5, clear=True),  # EL-0231's alarm cleared
            alert("t1", "EL-0231", alert_type="door_fault", seconds=6),  # a new one
        ]
    )
    wanted = {
        int(str(i)) for (i,) in rows(store, "SELECT id FROM alarms WHERE device_id = 'EL-0231'")
    }
    assert len(wanted) == 2
    assert inbox.alarm_ids(at_least=2) == wanted  # not AF-1102's: it did not change
    writer.write_batch([alert("e2", seconds=5, clear=True)])  # a duplicate changes nothing
    assert inbox.alarm_ids(timeout=0.3, at_least=3) == wanted
