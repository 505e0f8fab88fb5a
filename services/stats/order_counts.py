"""Work orders over a range: raised, closed (结案), refused (不予立案), closed on
time (按期办结), overdue and open, hours to close, by category, grid and source.

Counting rules (what a director reads off the report):

- ``opened``: raised in the range (``created_at``).
- ``closed``: closed or archived now, counted once, in the range holding its
  *last* move to ``closed``: an order reopened and closed again counts where the
  second close falls; one reopened and still open is not counted as closed.
- ``not_filed``: refused (不予立案) in the range, apart from ``closed``.
- ``closed_on_time``: of ``closed``, those on which no clock ever ran out (the
  workflow's sticky ``late`` flag: a step after its due time, or flagged overdue,
  even before a reopening); ``on_time_rate`` = closed_on_time / closed.
- ``overdue_open``: open now, raised before ``until``, and past due at the
  earlier of ``until`` and now (or flagged overdue by the deadline watch).
- hours to close: from raised to the last close; median and 90th percentile.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select

from services.db.models import WorkOrder, WorkOrderEvent, table_of
from services.db.store import Store

_o = table_of(WorkOrder)
_e = table_of(WorkOrderEvent)
Key = Callable[["Closed"], str]


@dataclass(frozen=True, slots=True)
class OrderCounts:
    opened: int = 0
    closed: int = 0
    not_filed: int = 0
    closed_on_time: int = 0
    overdue_open: int = 0
    median_hours_to_close: float | None = None
    p90_hours_to_close: float | None = None

    @property
    def on_time_rate(self) -> float | None:
        """Share of ``closed`` closed on time, 0-1; None when nothing closed."""
        return self.closed_on_time / self.closed if self.closed else None


@dataclass(frozen=True, slots=True)
class Closed:
    """One order counted as closed in the range."""

    id: int
    category: str
    grid: str
    created_at: datetime
    closed_at: datetime
    on_time: bool

    @property
    def hours(self) -> float:
        return (self.closed_at - self.created_at).total_seconds() / 3600


@dataclass(frozen=True)
class OrderFacts:
    """What the range's queries found, before it is cut into groups."""

    opened: dict[tuple[str, str, str], int]  # (category, grid, source) -> count
    closed: list[Closed]
    not_filed: list[tuple[str, str, datetime]]  # (category, grid, at)
    overdue_open: dict[tuple[str, str], int]  # (category, grid) -> count
    open_now: dict[str, int] = field(default_factory=dict)  # grid -> open orders

    def counts(self, keep: Callable[[str, str], bool] = lambda c, g: True) -> OrderCounts:
        """The counts of the orders whose (category, grid) ``keep`` accepts."""
        closed = [c for c in self.closed if keep(c.category, c.grid)]
        hours = [c.hours for c in closed]
        return OrderCounts(
            opened=sum(n for (c, g, _s), n in self.opened.items() if keep(c, g)),
            closed=len(closed),
            not_filed=sum(1 for c, g, _at in self.not_filed if keep(c, g)),
            closed_on_time=sum(1 for c in closed if c.on_time),
            overdue_open=sum(n for (c, g), n in self.overdue_open.items() if keep(c, g)),
            median_hours_to_close=median(hours),
            p90_hours_to_close=percentile(hours, 0.9),
        )

    def by_category(self) -> dict[str, OrderCounts]:
        cats = {c for c, _g, _s in self.opened} | {c.category for c in self.closed}
        cats |= {c for c, _g, _a in self.not_filed} | {c for c, _g in self.overdue_open}
        return {cat: self.counts(_is_category(cat)) for cat in sorted(cats)}

    def by_grid(self, grids: Iterable[str]) -> dict[str, OrderCounts]:
        return {grid: self.counts(_in_grid(grid)) for grid in grids}

    def by_source(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (_c, _g, source), n in self.opened.items():
            out[source] += n
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def _is_category(wanted: str) -> Callable[[str, str], bool]:
    return lambda category, _grid: category == wanted


def _in_grid(wanted: str) -> Callable[[str, str], bool]:
    return lambda _category, grid: grid == wanted


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo), 2)


def _scoped(q: Select[Any], grids: Collection[str] | None) -> Select[Any]:
    return q if grids is None else q.where(_o.c.grid_code.in_(sorted(grids)))


def last_close_at() -> Any:
    """Per order, the time of its last move to ``closed``."""
    return (
        select(_e.c.order_id, func.max(_e.c.at).label("closed_at"))
        .where(_e.c.to_state == "closed")
        .group_by(_e.c.order_id)
    )


def order_facts(
    store: Store,
    since: datetime,
    until: datetime,
    grids: Collection[str] | None = None,
    now: datetime | None = None,
) -> OrderFacts:
    now = now or datetime.now(UTC)
    overdue_at = min(until, now)
    in_range = (_o.c.created_at >= since, _o.c.created_at < until)
    closed_in = select(_e.c.order_id).where(
        _e.c.to_state == "closed", _e.c.at >= since, _e.c.at < until
    )
    last = last_close_at().where(_e.c.order_id.in_(closed_in)).subquery()
    with store.reading() as conn:
        opened_q = _scoped(
            select(_o.c.category, _o.c.grid_code, _o.c.source, func.count())
            .where(*in_range)
            .group_by(_o.c.category, _o.c.grid_code, _o.c.source),
            grids,
        )
        opened = {(str(c), str(g), str(s)): int(n) for c, g, s, n in conn.execute(opened_q)}
        closed_rows = conn.execute(
            _scoped(
                select(_o.c.id, _o.c.category, _o.c.grid_code, _o.c.created_at, _o.c.late)
                .add_columns(last.c.closed_at)
                .join(last, last.c.order_id == _o.c.id)
                .where(
                    _o.c.state.in_(("closed", "archived")),
                    last.c.closed_at >= since,
                    last.c.closed_at < until,
                ),
                grids,
            )
        ).all()
        refused = conn.execute(
            _scoped(
                select(_o.c.category, _o.c.grid_code, func.max(_e.c.at))
                .join(_e, _e.c.order_id == _o.c.id)
                .where(_e.c.to_state == "not_filed", _e.c.at >= since, _e.c.at < until)
                .group_by(_o.c.id, _o.c.category, _o.c.grid_code),
                grids,
            )
        ).all()
        overdue = conn.execute(
            _scoped(
                select(_o.c.category, _o.c.grid_code, func.count())
                .where(
                    _o.c.is_open,
                    _o.c.created_at < until,
                    or_(_o.c.overdue, _o.c.due_at <= overdue_at),
                )
                .group_by(_o.c.category, _o.c.grid_code),
                grids,
            )
        ).all()
        open_now = conn.execute(
            _scoped(
                select(_o.c.grid_code, func.count())
                .where(_o.c.is_open, _o.c.created_at < until)
                .group_by(_o.c.grid_code),
                grids,
            )
        ).all()
    return OrderFacts(
        opened=opened,
        closed=[
            Closed(r.id, r.category, r.grid_code, r.created_at, r.closed_at, not r.late)
            for r in closed_rows
        ],
        not_filed=[(str(c), str(g), at) for c, g, at in refused],
        overdue_open={(str(c), str(g)): int(n) for c, g, n in overdue},
        open_now={str(g): int(n) for g, n in open_now},
    )
