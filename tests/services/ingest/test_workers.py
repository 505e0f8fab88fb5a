"""Ingest workers report their health into the shared database; a console with
no ingest of its own reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.db.store import Store
from services.ingest.workers import SILENT_AFTER, WorkerState, report, workers

T0 = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)


def test_a_worker_reports_and_is_read_back(store: Store) -> None:
    state = WorkerState("ingest-a", "srv-1", T0, T0 - timedelta(seconds=3), 12, 0, None, True)
    report(store, state)
    later = WorkerState("ingest-a", "srv-1", T0 + timedelta(seconds=10), None, 0, 4096,
                        "OSError: [Errno 28] No space left on device", False)  # fmt: skip
    report(store, later)  # the same row, updated
    report(store, WorkerState("ingest-b", "srv-2", T0, None, 0, 0, None, True))
    assert workers(store) == [later, WorkerState("ingest-b", "srv-2", T0, None, 0, 0, None, True)]
    assert not later.silent(T0 + SILENT_AFTER) and later.silent(T0 + SILENT_AFTER * 2)
