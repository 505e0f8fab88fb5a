"""Alerts per time bucket and device kind (告警趋势), and totals by kind.

An alert counts at ``received_at`` (when the centre had it; indexed), so a
device with a wrong clock still lands where the room saw it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from services.db.models import Alert, table_of
from services.db.store import Store
from services.stats.buckets import Bucket, bucket_index, edges, stretches

_alerts = table_of(Alert)


@dataclass(frozen=True, slots=True)
class KindCount:
    """Alerts of one device kind in the bucket starting at ``bucket`` (UTC)."""

    bucket: datetime
    kind: str
    count: int


def alerts_by_kind(
    store: Store,
    since: datetime,
    until: datetime,
    grids: Collection[str] | None = None,
    bucket: Bucket = "hour",
) -> list[KindCount]:
    """Non-empty (bucket, kind) counts in ``[since, until)``, by bucket then kind."""
    out: list[KindCount] = []
    dialect = store.engine.dialect.name
    with store.reading() as conn:
        for run in stretches(edges(since, until, bucket), bucket):
            idx = bucket_index(_alerts.c.received_at, run.lo, run.width, dialect).label("i")
            q = (
                select(idx, _alerts.c.kind, func.count())
                .where(
                    _alerts.c.received_at >= max(since, run.lo),
                    _alerts.c.received_at < min(until, run.hi),
                )
                .group_by(idx, _alerts.c.kind)
            )
            if grids is not None:
                q = q.where(_alerts.c.grid_code.in_(sorted(grids)))
            for i, kind, n in conn.execute(q):
                start = run.lo + timedelta(seconds=int(i) * run.width)
                out.append(KindCount(start, str(kind), int(n)))
    out.sort(key=lambda c: (c.bucket, c.kind))
    return out


def totals_by_kind(counts: Collection[KindCount]) -> dict[str, int]:
    """Alerts per kind over all buckets, most first."""
    totals: dict[str, int] = {}
    for c in counts:
        totals[c.kind] = totals.get(c.kind, 0) + c.count
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def alert_total(
    store: Store, since: datetime, until: datetime, grids: Collection[str] | None = None
) -> int:
    q = select(func.count()).where(_alerts.c.received_at >= since, _alerts.c.received_at < until)
    if grids is not None:
        q = q.where(_alerts.c.grid_code.in_(sorted(grids)))
    with store.reading() as conn:
        return int(conn.execute(q).scalar_one())
