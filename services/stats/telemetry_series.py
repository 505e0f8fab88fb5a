"""One sensor's measurements over a range, at most ``max_points`` buckets of
min and max, quick for a year of minute data.

Raw rows (the last day, services.ingest.maintenance ``RAW_KEEP``) and the
five-minute roll-ups of older data are both grouped in SQL into buckets of
``(until - since) / max_points``; a bucket narrower than a roll-up reads raw
rows as they are.  The sensor's alarms in the range and its thresholds (the
``threshold`` its alerts carried, else the defaults below) come along.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from services.db.models import Alert, Telemetry, TelemetryRollup, table_of
from services.db.store import Store
from services.ingest.maintenance import BUCKET_S
from services.stats.buckets import bucket_index

_t = table_of(Telemetry)
_r = table_of(TelemetryRollup)
_a = table_of(Alert)
#: metric -> the alert type whose threshold it crosses, and the default level.
THRESHOLDS = {
    "residual_current_ma": ("residual_current_high", 300.0),
    "temperature_c": ("over_temperature", 70.0),
}


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    at: datetime  # bucket start (UTC)
    min: float
    max: float


@dataclass(frozen=True, slots=True)
class Series:
    device_id: str
    metric: str
    points: tuple[SeriesPoint, ...]
    bucket_s: float  # 0: raw values as they are
    used_rollups: bool
    alarms: tuple[datetime, ...]
    threshold: float | None


def series(
    store: Store,
    device_id: str,
    metric: str,
    since: datetime,
    until: datetime,
    max_points: int = 2000,
) -> Series:
    width = max((until - since).total_seconds() / max(max_points, 1), 1.0)
    dialect = store.engine.dialect.name
    buckets: dict[int, tuple[float, float]] = {}

    def merge(i: int, lo: float, hi: float) -> None:
        old = buckets.get(i)
        buckets[i] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))

    with store.reading() as conn:
        ri = bucket_index(_r.c.bucket, since, width, dialect).label("i")
        rolled = conn.execute(
            select(ri, func.min(_r.c.min), func.max(_r.c.max))
            .where(_r.c.device_id == device_id, _r.c.metric == metric)
            .where(_r.c.bucket >= since, _r.c.bucket < until)
            .group_by(ri)
        ).all()
        for i, lo, hi in rolled:
            merge(int(i), float(lo), float(hi))
        ti = bucket_index(_t.c.at, since, width, dialect).label("i")
        for i, lo, hi in conn.execute(
            select(ti, func.min(_t.c.value), func.max(_t.c.value))
            .where(_t.c.device_id == device_id, _t.c.metric == metric)
            .where(_t.c.at >= since, _t.c.at < until)
            .group_by(ti)
        ):
            merge(int(i), float(lo), float(hi))
        alarm_type, default = THRESHOLDS.get(metric, ("", None))
        alarms = tuple(
            conn.execute(
                select(_a.c.occurred_at)
                .where(_a.c.device_id == device_id, _a.c.alert_type.in_(_alarm_types(metric)))
                .where(_a.c.occurred_at >= since, _a.c.occurred_at < until)
                .order_by(_a.c.occurred_at)
                .limit(max_points)
            ).scalars()
        )
        last = conn.execute(
            select(_a.c.payload)
            .where(_a.c.device_id == device_id, _a.c.alert_type == alarm_type)
            .order_by(_a.c.received_at.desc())
            .limit(1)
        ).scalar_one_or_none()
    threshold = default
    if isinstance(last, dict) and isinstance(last.get("threshold"), int | float):
        threshold = float(last["threshold"])
    points = tuple(
        SeriesPoint(since + timedelta(seconds=i * width), lo, hi)
        for i, (lo, hi) in sorted(buckets.items())
        if i < max_points
    )
    return Series(
        device_id, metric, points, width if width >= 1 else 0, bool(rolled), alarms, threshold
    )


def _alarm_types(metric: str) -> tuple[str, ...]:
    own = THRESHOLDS.get(metric)
    return ("arc_detected", own[0]) if own else ("arc_detected",)


__all__ = ["BUCKET_S", "Series", "SeriesPoint", "series"]
