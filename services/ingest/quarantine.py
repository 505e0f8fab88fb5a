"""The quarantine: messages wrong in themselves, kept with the reason, bounded.

A refused message keeps its topic (up to ``TOPIC_KEEP`` characters), the first
``RAW_KEEP`` bytes of its payload, the payload's whole size and SHA-256 (so that
a copy kept elsewhere can be matched), and the reason.  Rows older than
``RETENTION`` and those past the newest ``MAX_ROWS`` are removed by the upkeep,
which counts them: a flood of garbage cannot fill the shared database.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from services.db.locks import lock_ingest
from services.db.models import Quarantine, table_of
from services.db.store import Store

log = logging.getLogger(__name__)

RAW_KEEP = 4096  # bytes of the payload kept
TOPIC_KEEP = 512  # characters of the topic kept
REASON_KEEP = 2000
RETENTION = timedelta(days=30)
MAX_ROWS = 100_000

_q = table_of(Quarantine)


def quarantine_row(topic: str, raw: bytes, reason: str, at: datetime) -> dict[str, Any]:
    """A quarantine row: bounded prefix, whole size and digest."""
    return {
        "topic": topic[:TOPIC_KEEP],
        "raw": raw[:RAW_KEEP],
        "raw_size": len(raw),
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "reason": reason[:REASON_KEEP],
        "received_at": at,
    }


def prune_quarantine(store: Store, now: datetime) -> int:
    """Remove rows past the retention period and beyond the newest ``MAX_ROWS``;
    returns how many went."""
    with store.transaction() as tx:
        lock_ingest(tx.conn)  # one at a time with the writers: services.db.locks
        gone = tx.conn.execute(delete(_q).where(_q.c.received_at < now - RETENTION)).rowcount
        count = tx.conn.execute(select(func.count()).select_from(_q)).scalar_one()
        if count > MAX_ROWS:
            keep_from = (
                select(_q.c.id)
                .order_by(_q.c.id.desc())
                .offset(MAX_ROWS - 1)
                .limit(1)
                .scalar_subquery()
            )
            gone += tx.conn.execute(delete(_q).where(_q.c.id < keep_from)).rowcount
    if gone:
        log.info("quarantine: %d old entries removed (kept %s days, at most %d)", gone,
                 RETENTION.days, MAX_ROWS)  # fmt: skip
    return int(gone)
