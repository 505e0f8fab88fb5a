"""Periodic upkeep of what ingestion stores (run by the ingest service every
minute or so; each step is idempotent and cheap when there is nothing to do).

- Devices silent longer than their reporting interval are marked offline.
- Shelved alarms whose time is up come back to the operator.
- Telemetry older than a day is folded into 5-minute buckets (n, min, max,
  mean) and the raw rows are removed, so trend charts stay cheap for months.
- The quarantine keeps 30 days and at most 100,000 entries.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, text, update

from services.db.locks import lock_ingest
from services.db.models import Alarm, Device, Telemetry, TelemetryRollup, table_of
from services.db.store import Store
from services.db.types import UTCDateTime
from services.domain import AlarmState as S
from services.domain import Change
from services.ingest.offline import mark_offline_in
from services.ingest.quarantine import prune_quarantine

log = logging.getLogger(__name__)

_devices = table_of(Device)
_alarms = table_of(Alarm)
_telemetry = table_of(Telemetry)
_rollup = table_of(TelemetryRollup)

BUCKET_S = 300
RAW_KEEP = timedelta(days=1)

_UPSERT_ROLLUP = text(
    "INSERT INTO telemetry_rollup (device_id, metric, bucket, seconds, n, min, max, mean)"
    " VALUES (:device_id, :metric, :bucket, :seconds, :n, :min, :max, :mean)"
    " ON CONFLICT (device_id, metric, bucket) DO UPDATE SET"
    " mean = (telemetry_rollup.mean * telemetry_rollup.n + excluded.mean * excluded.n)"
    "   / (telemetry_rollup.n + excluded.n),"
    " n = telemetry_rollup.n + excluded.n,"
    " min = CASE WHEN excluded.min < telemetry_rollup.min THEN excluded.min"
    "   ELSE telemetry_rollup.min END,"
    " max = CASE WHEN excluded.max > telemetry_rollup.max THEN excluded.max"
    "   ELSE telemetry_rollup.max END"
).bindparams(bindparam("bucket", type_=UTCDateTime))


_DELETE_RAW = delete(_telemetry).where(
    _telemetry.c.device_id == bindparam("d"),
    _telemetry.c.metric == bindparam("m"),
    _telemetry.c.at == bindparam("a"),
)


@dataclass
class UpkeepResult:
    offline: int = 0
    unshelved: int = 0
    telemetry_folded: int = 0
    quarantine_pruned: int = 0


def upkeep(store: Store, now: datetime) -> UpkeepResult:
    return UpkeepResult(
        mark_offline(store, now),
        unshelve_expired(store, now),
        fold_telemetry(store, now - RAW_KEEP),
        prune_quarantine(store, now),
    )


def mark_offline(store: Store, now: datetime) -> int:
    """Devices silent past their reporting interval: offline, each with its
    alarm (services.ingest.offline)."""
    with store.transaction() as tx:
        lock_ingest(tx.conn)  # device rows, then alarms: services.db.locks
        return mark_offline_in(tx, now)


def unshelve_expired(store: Store, now: datetime, console: str = "upkeep") -> int:
    """Shelved alarms whose time is up: back in the queue, unacknowledged."""
    with store.transaction() as tx:
        lock_ingest(tx.conn)  # alarm rows, like the writer's: services.db.locks
        ids = tuple(
            sorted(
                tx.conn.execute(
                    update(_alarms)
                    .where(_alarms.c.state == S.SHELVED.value, _alarms.c.shelved_until <= now)
                    .values(
                        state=S.ACTIVE_UNACK.value,
                        shelved_until=None,
                        version=_alarms.c.version + 1,
                    )
                    .returning(_alarms.c.id)
                ).scalars()
            )
        )
        if ids:
            tx.notify(Change("alarms", ids[-1], 0, "batch", console, ids=ids))
        return len(ids)


def fold_telemetry(store: Store, older_than: datetime, batch: int = 50_000) -> int:
    """Fold raw telemetry before ``older_than`` into buckets; returns rows folded."""
    with store.transaction() as tx:
        rows = tx.conn.execute(
            select(_telemetry).where(_telemetry.c.at < older_than).limit(batch)
        ).all()
        if not rows:
            return 0
        buckets: dict[tuple[str, str, datetime], list[float]] = defaultdict(list)
        for r in rows:
            start = r.at - timedelta(seconds=r.at.timestamp() % BUCKET_S)
            buckets[(r.device_id, r.metric, start)].append(r.value)
        tx.conn.execute(
            _UPSERT_ROLLUP,
            [
                {
                    "device_id": d,
                    "metric": m,
                    "bucket": b,
                    "seconds": BUCKET_S,
                    "n": len(v),
                    "min": min(v),
                    "max": max(v),
                    "mean": sum(v) / len(v),
                }
                for (d, m, b), v in buckets.items()
            ],
        )
        for r in rows:
            tx.conn.execute(
                delete(_telemetry).where(
                    _telemetry.c.device_id == r.device_id,
                    _telemetry.c.metric == r.metric,
                    _telemetry.c.at == r.at,
                )
            )
    return len(rows)
