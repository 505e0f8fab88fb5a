"""The report of a range of local days (报表): one dict of plain values that the
renderers (services.stats.report_render, report_html, report_pdf) turn into
JSON, CSV, HTML and PDF.

``build_report(store, date_from, date_to, grids)`` covers the local days
``date_from`` … ``date_to`` of the district's zone, both included.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from services.db.store import Store
from services.district.timezone import district_tz
from services.stats.alert_counts import alerts_by_kind, totals_by_kind
from services.stats.buckets import day_range, local_day
from services.stats.device_health import elevator_faults
from services.stats.order_counts import OrderCounts, order_facts
from services.stats.order_days import grid_ranking, orders_per_day

REPORT_VERSION = 1


def counts_json(c: OrderCounts) -> dict[str, Any]:
    """The counts of a range, a category or a grid: numbers throughout (the issue:
    an empty range gives zeros), a rate and the hours 0 when nothing closed; the
    pages show "—" there (``orders_closed`` says why)."""
    rate = c.on_time_rate
    return {
        "orders_opened": c.opened,
        "orders_closed": c.closed,
        "orders_not_filed": c.not_filed,
        "closed_on_time": c.closed_on_time,
        "on_time_rate": 0.0 if rate is None else round(rate, 4),
        "overdue_open": c.overdue_open,
        "median_hours_to_close": c.median_hours_to_close or 0.0,
        "p90_hours_to_close": c.p90_hours_to_close or 0.0,
    }


def build_report(
    store: Store,
    date_from: date,
    date_to: date,
    grids: Collection[str] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The figures of the local days ``date_from`` … ``date_to`` (both included),
    for ``grids`` (None: the whole district)."""
    if date_to < date_from:
        raise ValueError("the range ends before it starts")
    now = now or datetime.now(UTC)
    since, until = day_range(date_from, date_to)
    scope = None if grids is None else sorted(set(grids))
    alerts = alerts_by_kind(store, since, until, scope, bucket="day")
    facts = order_facts(store, since, until, scope, now=now)
    ranking = grid_ranking(store, facts, scope)
    return {
        "report_version": REPORT_VERSION,
        "date_from": date_from.isoformat(),
        "date_to": date_to.isoformat(),
        "since": since.isoformat(),
        "until": until.isoformat(),
        "zone": str(district_tz()),
        "grids": scope,
        "generated_at": now.astimezone(UTC).isoformat(),
        "alerts_by_kind": totals_by_kind(alerts),
        "alerts_total": sum(c.count for c in alerts),
        "alerts_per_day": [
            {"day": local_day(c.bucket).isoformat(), "kind": c.kind, "count": c.count}
            for c in alerts
        ],
        **counts_json(facts.counts()),
        "orders_by_source": facts.by_source(),
        "elevator_faults": [asdict(f) for f in elevator_faults(store, since, until, scope)],
        "by_category": {k: counts_json(v) for k, v in facts.by_category().items()},
        "by_grid": {r.grid: counts_json(c) for r, c in _grid_counts(facts, ranking)},
        "grid_ranking": [asdict(r) for r in ranking],
        "days": [
            {**asdict(d), "day": d.day.isoformat()}
            for d in orders_per_day(store, since, until, facts, scope)
        ],
    }


def _grid_counts(facts: Any, ranking: list[Any]) -> list[tuple[Any, OrderCounts]]:
    by_grid = facts.by_grid([r.grid for r in ranking])
    return [(r, by_grid[r.grid]) for r in sorted(ranking, key=lambda r: r.grid)]
