"""What ingest refuses, and what it only waits for: a topic whose kind is not
the registered device's goes to quarantine with the reason; a database that is
busy (SQLite's write lock held past the busy timeout) is "unavailable" (spool
and try again), never a reason to quarantine a good message."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from services.alerts.messages import Channel, StatusIn
from services.db import engine as db_engine
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.errors import DatabaseUnavailableError
from services.ingest.writer import IngestWriter
from tests.support.store import T0, alert, rows, topic


def test_an_alert_under_another_kind_is_quarantined_with_the_reason(
    store: Store, writer: IngestWriter
) -> None:
    # AF-1102 is an arc-fault sensor: "trapped_passenger" on an elevator topic of it
    result = writer.write_batch(
        [alert("AF-1102:x1", device="AF-1102", kind="elevator", alert_type="trapped_passenger")]
    )
    assert (result.alerts, result.quarantined) == (0, 1)
    assert rows(store, "SELECT count(*) FROM alarms") == [(0,)]
    ((topic_, reason),) = rows(store, "SELECT topic, reason FROM quarantine")
    assert topic_ == "youyi/elevator/AF-1102/event"
    assert reason == "topic says 'elevator' but device 'AF-1102' is registered as 'arc_fault'"


def test_a_status_under_another_kind_does_not_touch_the_device(
    store: Store, writer: IngestWriter
) -> None:
    status = StatusIn(topic("EL-0231", "camera", Channel.STATUS), False, T0)
    assert writer.write_batch([status]).quarantined == 1
    assert rows(store, "SELECT online FROM devices WHERE id = 'EL-0231'") == [(None,)]


@pytest.fixture
def quick_busy_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """SQLite with a busy timeout of 0.3 s instead of 30 s, so that a held lock
    runs out within the test."""
    monkeypatch.setattr(db_engine, "SQLITE_BUSY_TIMEOUT_MS", 300)
    store = Store(f"sqlite:///{tmp_path / 'busy.db'}")
    upgrade(store.engine)
    load_demo_district(store, devices=False)
    with store.transaction() as tx:
        tx.conn.execute(
            text(
                "INSERT INTO devices (id, kind, name, grid_code)"
                " VALUES ('EL-0231', 'elevator', 'x', 'G21')"
            )
        )
    yield store
    store.close()


def test_a_locked_sqlite_database_is_unavailable_not_a_reason_to_quarantine(
    quick_busy_store: Store,
) -> None:
    writer = IngestWriter(quick_busy_store)
    writer.load_devices()
    path = quick_busy_store.url.database
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)  # another program on the file
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseUnavailableError, match="database is locked"):
            writer.write_batch([alert("EL-0231:e1")])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert writer.write_batch([alert("EL-0231:e1")]).alerts == 1  # the lock is gone: stored
    assert rows(quick_busy_store, "SELECT count(*) FROM quarantine") == [(0,)]
