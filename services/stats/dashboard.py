"""What the statistics dock and the big screen show, read in one go as the plain
records of ``services.domain.stats``: alerts by kind over the last day or month,
orders per local day over 30 days with the backlog, the nine-grid ranking, the
headline figures, device health, and the arc-fault curve of the sensor with the
most alarms (each bucket's low and high, so that peaks stay)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from services.db.models import Alarm, Device, Telemetry, table_of
from services.db.store import Store
from services.domain import (
    AlertCount,
    Dashboard,
    DayOrders,
    DeviceHealth,
    GridRank,
    OrderFigures,
    Series,
)
from services.stats.alert_counts import alert_total, alerts_by_kind
from services.stats.buckets import local_day, local_midnight
from services.stats.device_health import health_by_kind, silent_devices
from services.stats.order_counts import order_facts
from services.stats.order_days import grid_ranking, orders_per_day
from services.stats.telemetry_series import series

SPANS = {"day": (timedelta(days=1), "hour", 3600), "month": (timedelta(days=30), "day", 86400)}
SERIES_DAYS = 7  # the arc-fault curve: the last week of the busiest sensor
SERIES_POINTS = 2000  # buckets over that week (each drawn as its low and high)
SERIES_METRIC, SERIES_UNIT, SERIES_THRESHOLD = "residual_current_ma", "mA", 300.0

_dev, _tel, _alarm = table_of(Device), table_of(Telemetry), table_of(Alarm)


def load_dashboard(
    store: Store, grids: Collection[str] | None, span: str = "day", now: datetime | None = None
) -> Dashboard:
    """Everything the dashboard shows, for ``grids`` (None: the whole district)."""
    now = now or datetime.now(UTC)
    length, bucket, seconds = SPANS.get(span, SPANS["day"])
    alerts, days, ranks, headline = _order_figures(store, grids, now, now - length, bucket)
    health, curve = device_health(store, grids, now), arc_series(store, grids, now)
    return Dashboard(now, seconds, alerts, days, ranks, headline, health, curve, since=now - length)


def _order_figures(
    store: Store, grids: Collection[str] | None, now: datetime, since: datetime, bucket: str
) -> tuple[tuple[AlertCount, ...], tuple[DayOrders, ...], tuple[GridRank, ...], OrderFigures]:
    """Alerts per bucket, orders per day over 30 days, the ranking, the headline
    figures: ``services.stats``'s aggregates as the dashboard's records."""
    if bucket == "hour":
        since = since.replace(minute=0, second=0, microsecond=0)
    else:
        since = local_midnight(local_day(since))
    alerts = tuple(
        AlertCount(c.bucket, c.kind, c.count)
        for c in alerts_by_kind(store, since, now, grids, bucket)  # type: ignore[arg-type]
    )
    month = local_midnight(local_day(now) - timedelta(days=29))
    facts = order_facts(store, month, now, grids, now=now)
    days = tuple(orders_per_day(store, month, now, facts, grids))
    ranks = tuple(grid_ranking(store, facts, grids))
    totals = facts.counts()
    headline = OrderFigures(
        opened_today=days[-1].opened if days else 0,
        closed_today=days[-1].closed if days else 0,
        open_now=sum(r.open for r in ranks),
        overdue_now=sum(r.overdue for r in ranks),
        on_time_rate=totals.on_time_rate,
        median_hours=totals.median_hours_to_close,
        p90_hours=totals.p90_hours_to_close,
        alerts_today=alert_total(store, local_midnight(local_day(now)), now, grids),
    )
    return alerts, days, ranks, headline


def device_health(
    store: Store, grids: Collection[str] | None, now: datetime
) -> tuple[DeviceHealth, ...]:
    """Devices per kind: online, offline, and silent longer than their interval
    (``services.stats.device_health``, summed over communities)."""
    counts: dict[str, list[int]] = {}
    for h in health_by_kind(store, grids):
        row = counts.setdefault(h.kind, [0, 0, 0])
        row[0] += h.online
        row[1] += h.offline
    silent = {d.id: d.kind for d in silent_devices(store, now)}
    if silent:  # of those, the ones counted online (the never heard are offline)
        q = select(_dev.c.id).where(_dev.c.online.is_(True), _dev.c.id.in_(sorted(silent)))
        if grids is not None:
            q = q.where(_dev.c.grid_code.in_(sorted(grids)))
        with store.reading() as conn:
            for device_id in conn.execute(q).scalars():
                counts[silent[device_id]][2] += 1
    return tuple(DeviceHealth(k, *v) for k, v in sorted(counts.items()))


def arc_series(store: Store, grids: Collection[str] | None, now: datetime) -> Series | None:
    """The residual current of the arc-fault sensor with the most alarms (else the
    first with measurements) over the last week, each bucket's lowest and highest
    value (``services.stats.telemetry_series``), with its alarms and threshold."""
    since = now - timedelta(days=SERIES_DAYS)
    with store.reading() as conn:
        sensors = select(_dev.c.id).where(_dev.c.kind == "arc_fault")
        if grids is not None:
            sensors = sensors.where(_dev.c.grid_code.in_(sorted(grids)))
        busiest = conn.execute(
            select(_alarm.c.device_id)
            .where(_alarm.c.device_id.in_(sensors))
            .group_by(_alarm.c.device_id)
            .order_by(func.count().desc(), _alarm.c.device_id)
            .limit(1)
        ).scalar()
        measured = select(_tel.c.device_id).where(
            _tel.c.device_id.in_(sensors), _tel.c.metric == SERIES_METRIC
        )
        device = busiest or conn.execute(measured.limit(1)).scalar()
    if device is None:
        return None
    found = series(store, str(device), SERIES_METRIC, since, now, max_points=SERIES_POINTS)
    times: list[float] = []
    values: list[float] = []
    half = found.bucket_s / 2
    for p in found.points:  # each bucket's low and high, so that peaks stay
        start = p.at.timestamp()
        times += [start, start + half] if half else [start]
        values += [p.min, p.max] if half else [p.max]
    threshold = found.threshold if found.threshold is not None else SERIES_THRESHOLD
    return Series(
        device_id=str(device),
        metric=SERIES_METRIC,
        unit=SERIES_UNIT,
        times=tuple(times),
        values=tuple(values),
        alarms=tuple(a.timestamp() for a in found.alarms),
        thresholds=(threshold,),
    )
