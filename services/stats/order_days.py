"""Work orders per local day (opened, closed, backlog at the day's end) and the
nine-grid ranking (九宫格排名) by load and timeliness."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

from services.db.models import GridCell, WorkOrder, WorkOrderEvent, table_of
from services.db.store import Store
from services.domain import DayOrders, GridRank
from services.stats.buckets import bucket_index, edges, local_day, stretches
from services.stats.order_counts import OrderFacts

_o = table_of(WorkOrder)
_e = table_of(WorkOrderEvent)
_g = table_of(GridCell)
_DONE = ("closed", "not_filed")


def _open_at(store: Store, at: datetime, grids: Collection[str] | None) -> int:
    """Orders raised before ``at`` and not closed or refused before it (an order
    reopened since counts as open throughout)."""
    done = (
        select(_e.c.order_id, func.max(_e.c.at).label("done_at"))
        .where(_e.c.to_state.in_(_DONE))
        .group_by(_e.c.order_id)
        .subquery()
    )
    q = (
        select(func.count())
        .select_from(_o.outerjoin(done, done.c.order_id == _o.c.id))
        .where(_o.c.created_at < at, or_(_o.c.is_open, done.c.done_at >= at))
    )
    if grids is not None:
        q = q.where(_o.c.grid_code.in_(sorted(grids)))
    with store.reading() as conn:
        return int(conn.execute(q).scalar_one())


def _opened_per_day(
    store: Store, since: datetime, until: datetime, grids: Collection[str] | None
) -> Counter[date]:
    per_day: Counter[date] = Counter()
    dialect = store.engine.dialect.name
    with store.reading() as conn:
        for run in stretches(edges(since, until, "day"), "day"):
            idx = bucket_index(_o.c.created_at, run.lo, run.width, dialect).label("i")
            q = (
                select(idx, func.count())
                .where(_o.c.created_at >= max(since, run.lo), _o.c.created_at < min(until, run.hi))
                .group_by(idx)
            )
            if grids is not None:
                q = q.where(_o.c.grid_code.in_(sorted(grids)))
            for i, n in conn.execute(q):
                per_day[local_day(run.lo + timedelta(seconds=int(i) * run.width))] += int(n)
    return per_day


def orders_per_day(
    store: Store,
    since: datetime,
    until: datetime,
    facts: OrderFacts,
    grids: Collection[str] | None = None,
) -> list[DayOrders]:
    """Every local day of the range, empty days included."""
    opened = _opened_per_day(store, since, until, grids)
    closed = Counter(local_day(c.closed_at) for c in facts.closed)
    refused = Counter(local_day(at) for _c, _g, at in facts.not_filed)
    backlog = _open_at(store, since, grids)
    out = []
    for start in edges(since, until, "day"):
        day = local_day(start)
        backlog += opened[day] - closed[day] - refused[day]
        out.append(
            DayOrders(day, opened[day], closed[day], max(backlog, 0), not_filed=refused[day])
        )
    return out


def grid_ranking(
    store: Store, facts: OrderFacts, grids: Collection[str] | None = None
) -> list[GridRank]:
    """Every grid cell (those without orders too), the most timely first, then the
    lightest load; cells that closed nothing last."""
    with store.reading() as conn:
        names = dict(conn.execute(select(_g.c.code, _g.c.name).order_by(_g.c.code)).all())
    codes = [c for c in names if grids is None or c in grids]
    by_grid = facts.by_grid(codes)
    ranks = [
        GridRank(
            grid=code,
            name=str(names[code]),
            open=facts.open_now.get(code, 0),
            overdue=by_grid[code].overdue_open,
            opened=by_grid[code].opened,
            closed=by_grid[code].closed,
            on_time_rate=by_grid[code].on_time_rate,
            median_hours=by_grid[code].median_hours_to_close,
        )
        for code in codes
    ]
    ranks.sort(
        key=lambda r: (
            r.on_time_rate is None,
            -(r.on_time_rate or 0.0),
            r.overdue,
            r.open,
            r.grid,
        )
    )
    return ranks
