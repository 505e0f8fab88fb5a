"""Ingest workers tell the room how they are.

Each worker (a console ingesting in-process, or a headless ``youyi-console
ingest``) writes its health into ``ingest_workers`` every ``REPORT_EVERY_S``:
alive, last commit, backlog, spool size, and why it is stalled if it is.  A
console without an ingest of its own reads them and shows the trouble in its
status bar; a worker that stops reporting (killed, its machine down, the
database away from it) shows as silent once ``SILENT_AFTER`` has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from services.db.models import IngestWorker, table_of
from services.db.store import Store

REPORT_EVERY_S = 10.0
SILENT_AFTER = timedelta(seconds=60)

_w = table_of(IngestWorker)


@dataclass(frozen=True)
class WorkerState:
    worker: str
    host: str
    seen_at: datetime
    last_commit: datetime | None
    backlog: int
    spool_bytes: int
    stalled: str | None
    database_up: bool

    def silent(self, now: datetime) -> bool:
        return now - self.seen_at > SILENT_AFTER


def report(store: Store, state: WorkerState) -> None:
    """Write this worker's row (inserted the first time, then updated)."""
    values: dict[str, Any] = {
        "host": state.host[:128],
        "seen_at": state.seen_at,
        "last_commit": state.last_commit,
        "backlog": state.backlog,
        "spool_bytes": state.spool_bytes,
        "stalled": state.stalled[:2000] if state.stalled else None,
        "database_up": state.database_up,
    }
    with store.transaction() as tx:
        done = tx.conn.execute(_w.update().where(_w.c.worker == state.worker).values(values))
        if done.rowcount == 0:
            tx.conn.execute(_w.insert().values(worker=state.worker[:128], **values))


def workers(store: Store) -> list[WorkerState]:
    """Every worker that has reported, by name."""
    with store.reading() as conn:
        rows = conn.execute(select(_w).order_by(_w.c.worker)).all()
    return [
        WorkerState(r.worker, r.host, r.seen_at, r.last_commit, r.backlog, r.spool_bytes,
                    r.stalled, r.database_up)
        for r in rows
    ]  # fmt: skip
