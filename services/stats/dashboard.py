"""What the statistics dock and the big screen show, read in one go as the plain
records of ``services.domain.stats``: alerts by kind over the last hour (by
minute), day or month; orders per local day over 30 days with the backlog, by
source and hours to close per category; the nine-grid ranking; the headline
figures; device health and the elevators with most faults; the arc-fault
sensors, and the curve of the one chosen (else the one with most alarms), each
bucket's low and high so that peaks stay."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from services.db.models import Alarm, Device, Telemetry, table_of
from services.db.store import Store
from services.domain import (
    AlertCount,
    CategoryTimes,
    Dashboard,
    DayOrders,
    DeviceHealth,
    GridRank,
    OrderFigures,
    SensorChoice,
    Series,
    SeriesWanted,
    SourceCount,
)
from services.stats.alert_counts import alert_total, alerts_by_kind
from services.stats.buckets import local_day, local_midnight
from services.stats.device_health import elevator_faults, health_by_kind, silent_devices
from services.stats.order_counts import OrderFacts, order_facts
from services.stats.order_days import grid_ranking, orders_per_day
from services.stats.telemetry_series import THRESHOLDS, series

SPANS = {
    "hour": (timedelta(hours=1), "minute", 60),  # live: reloaded as alerts come
    "day": (timedelta(days=1), "hour", 3600),
    "month": (timedelta(days=30), "day", 86400),
}
SERIES_DAYS = (7, 30, 365)  # the curve's ranges; a year is read from the roll-ups
SERIES_POINTS = 2000  # buckets over the range (each drawn as its low and high)
UNITS = {"residual_current_ma": "mA", "temperature_c": "°C"}
SENSORS_MAX = 500  # sensors offered to choose from, most alarms first

_dev, _tel, _alarm = table_of(Device), table_of(Telemetry), table_of(Alarm)


def load_dashboard(
    store: Store,
    grids: Collection[str] | None,
    span: str = "day",
    now: datetime | None = None,
    wanted: SeriesWanted | None = None,
) -> Dashboard:
    """Everything the dashboard shows, for ``grids`` (None: the whole district)."""
    now = now or datetime.now(UTC)
    length, bucket, seconds = SPANS.get(span, SPANS["day"])
    facts, alerts, days, ranks, headline = _order_figures(store, grids, now, now - length, bucket)
    sensors = arc_sensors(store, grids, now)
    month = local_midnight(local_day(now) - timedelta(days=29))
    return Dashboard(
        now,
        seconds,
        alerts,
        days,
        ranks,
        headline,
        device_health(store, grids, now),
        arc_series(store, sensors, wanted or SeriesWanted(), now, grids),
        since=now - length,
        sources=tuple(SourceCount(s, n) for s, n in facts.by_source().items()),
        close_times=close_times(facts),
        faults=tuple(elevator_faults(store, month, now, grids)),
        sensors=sensors,
    )


def close_times(facts: OrderFacts) -> tuple[CategoryTimes, ...]:
    """Hours to close per category, of the categories that closed orders."""
    return tuple(
        CategoryTimes(cat, c.closed, c.median_hours_to_close, c.p90_hours_to_close, c.on_time_rate)
        for cat, c in facts.by_category().items()
        if c.closed
    )


def _order_figures(
    store: Store, grids: Collection[str] | None, now: datetime, since: datetime, bucket: str
) -> tuple[
    OrderFacts, tuple[AlertCount, ...], tuple[DayOrders, ...], tuple[GridRank, ...], OrderFigures
]:
    """The orders' facts over 30 days, alerts per bucket, orders per day, the
    ranking, the headline figures: ``services.stats``'s aggregates as records."""
    if bucket == "minute":
        since = since.replace(second=0, microsecond=0)
    elif bucket == "hour":
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
    return facts, alerts, days, ranks, headline


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


def arc_sensors(
    store: Store, grids: Collection[str] | None, now: datetime
) -> tuple[SensorChoice, ...]:
    """The arc-fault sensors of ``grids``, those with most alarms in the last week
    first (then by id)."""
    since = now - timedelta(days=7)
    n = func.count(_alarm.c.id).label("n")
    q = (
        select(_dev.c.id, _dev.c.name, n)
        .outerjoin(_alarm, (_alarm.c.device_id == _dev.c.id) & (_alarm.c.first_seen >= since))
        .where(_dev.c.kind == "arc_fault")
        .group_by(_dev.c.id, _dev.c.name)
        .order_by(n.desc(), _dev.c.id)
        .limit(SENSORS_MAX)
    )
    if grids is not None:
        q = q.where(_dev.c.grid_code.in_(sorted(grids)))
    with store.reading() as conn:
        return tuple(SensorChoice(str(i), str(name), int(k)) for i, name, k in conn.execute(q))


def arc_series(
    store: Store,
    sensors: tuple[SensorChoice, ...],
    wanted: SeriesWanted,
    now: datetime,
    grids: Collection[str] | None = None,
) -> Series | None:
    """The chosen sensor's metric over the chosen days (a sensor not among
    ``sensors`` is not shown); with none chosen, the sensor with most alarms, else
    the first with measurements.  Each bucket's lowest and highest value
    (``services.stats.telemetry_series``), with its alarms and threshold."""
    days = wanted.days if wanted.days in SERIES_DAYS else SERIES_DAYS[0]
    metric = wanted.metric if wanted.metric in UNITS else "residual_current_ma"
    known = {s.device_id for s in sensors}
    device = wanted.device_id if wanted.device_id in known else None
    if device is None and sensors and sensors[0].alarms:
        device = sensors[0].device_id
    if device is None and known:
        with store.reading() as conn:
            device = conn.execute(
                select(_tel.c.device_id)
                .where(_tel.c.device_id.in_(sorted(known)), _tel.c.metric == metric)
                .limit(1)
            ).scalar()
    if device is None:
        return None
    return series_window(store, str(device), metric, now - timedelta(days=days), now)


def series_window(
    store: Store, device: str, metric: str, since: datetime, until: datetime
) -> Series:
    """``device``'s ``metric`` over ``[since, until)`` in at most ``SERIES_POINTS``
    buckets, each drawn as its lowest and highest value so that peaks stay; the
    plot asks for a window again when the person zooms in."""
    metric = metric if metric in UNITS else "residual_current_ma"
    found = series(store, device, metric, since, until, SERIES_POINTS)
    times: list[float] = []
    values: list[float] = []
    half = found.bucket_s / 2
    for p in found.points:  # each bucket's low and high, so that peaks stay
        start = p.at.timestamp()
        times += [start, start + half] if half else [start]
        values += [p.min, p.max] if half else [p.max]
    threshold = found.threshold if found.threshold is not None else THRESHOLDS[metric][1]
    return Series(
        device_id=device,
        metric=metric,
        unit=UNITS[metric],
        times=tuple(times),
        values=tuple(values),
        alarms=tuple(a.timestamp() for a in found.alarms),
        thresholds=(threshold,),
    )
