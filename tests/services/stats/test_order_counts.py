"""Work-order aggregates against hand-computed values, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from services.db.store import Store
from services.domain import Category, Priority
from services.domain import OrderState as S
from services.stats.buckets import day_range
from services.stats.order_counts import order_facts, percentile
from services.stats.order_days import grid_ranking, orders_per_day
from services.stats.report import build_report
from services.workflow.orders import WorkOrderService
from tests.support.store import PATH, FakeClock, drive, raise_order

# 2026-11-23 is a Monday; Shanghai is UTC+8.
LATE_EVENING = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)  # 23:30 local, the 23rd
AFTER_MIDNIGHT = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)  # 00:30 local, the 24th


def _service(store: Store, clock: FakeClock) -> WorkOrderService:
    return WorkOrderService(store, clock=clock)


def test_an_empty_range_gives_zeros(store: Store) -> None:
    since, until = day_range(date(2026, 1, 1), date(2026, 1, 3))
    facts = order_facts(store, since, until)
    total = facts.counts()
    assert (total.opened, total.closed, total.not_filed, total.overdue_open) == (0, 0, 0, 0)
    assert total.on_time_rate is None and total.median_hours_to_close is None
    days = orders_per_day(store, since, until, facts)
    assert [(d.day.day, d.opened, d.backlog) for d in days] == [(1, 0, 0), (2, 0, 0), (3, 0, 0)]
    report = build_report(store, date(2026, 1, 1), date(2026, 1, 3))
    assert report["orders_opened"] == 0 and report["alerts_by_kind"] == {}
    assert report["by_grid"]["G11"]["orders_closed"] == 0


def test_local_days_split_at_local_midnight(store: Store) -> None:
    clock = FakeClock(LATE_EVENING)
    svc = _service(store, clock)
    raise_order(svc, grid="G11")
    clock.now = AFTER_MIDNIGHT
    raise_order(svc, grid="G12")
    since, until = day_range(date(2026, 11, 23), date(2026, 11, 23))
    assert order_facts(store, since, until, now=AFTER_MIDNIGHT).counts().opened == 1
    since, until = day_range(date(2026, 11, 23), date(2026, 11, 24))
    facts = order_facts(store, since, until, now=AFTER_MIDNIGHT)
    days = orders_per_day(store, since, until, facts)
    assert [(d.day, d.opened, d.backlog) for d in days] == [
        (date(2026, 11, 23), 1, 1),
        (date(2026, 11, 24), 1, 2),
    ]
    # The day before: the order of 23:30 local was raised at 15:30 UTC, not the 22nd.
    since, until = day_range(date(2026, 11, 22), date(2026, 11, 22))
    assert order_facts(store, since, until).counts().opened == 0


def test_closed_late_refused_reopened_and_a_grid_without_orders(store: Store) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))  # Mon 10:00 local
    svc = _service(store, clock)
    on_time = raise_order(svc, grid="G11", priority=Priority.URGENT)
    clock.advance(minutes=10)
    on_time = drive(svc, on_time, *PATH[S.CLOSED])  # closed at 10:10, raised 10:00

    late = raise_order(svc, grid="G11", category=Category.ELEVATOR_FAULT,
                       priority=Priority.CRITICAL)  # fmt: skip
    late = drive(svc, late, *PATH[S.ACKNOWLEDGED])
    clock.advance(hours=1)  # handle limit 30 min: runs out
    late = drive(svc, late, S.IN_PROGRESS, S.RESOLVED, S.CLOSED)

    refused = raise_order(svc, grid="G12")
    drive(svc, refused, S.NOT_FILED)

    reopened = raise_order(svc, grid="G12", priority=Priority.URGENT)
    reopened = drive(svc, reopened, *PATH[S.ARCHIVED])  # first close on the 23rd
    clock.advance(days=1)  # the 24th, 11:10 local
    reopened = drive(svc, reopened, S.IN_PROGRESS, S.RESOLVED, S.CLOSED)

    since, until = day_range(date(2026, 11, 23), date(2026, 11, 23))
    facts = order_facts(store, since, until, now=clock.now)
    total = facts.counts()
    # Raised: 4 on the 23rd.  Closed on the 23rd: on_time and late (the reopened
    # order's last close is on the 24th).  Refused apart.
    assert (total.opened, total.closed, total.not_filed) == (4, 2, 1)
    assert total.closed_on_time == 1 and total.on_time_rate == 0.5
    # on_time: 10 min; late: raised 10:10, closed 11:10.
    assert total.median_hours_to_close == round((10 / 60 + 1.0) / 2, 2)
    assert facts.by_category()["elevator_fault"].closed_on_time == 0

    next_day = day_range(date(2026, 11, 24), date(2026, 11, 24))
    second = order_facts(store, *next_day, now=clock.now).counts()
    assert (second.opened, second.closed) == (0, 1)
    assert second.closed_on_time == 1  # reworked inside its new handle clock
    assert second.median_hours_to_close == 24.0  # raised 11:10 the 23rd, closed 11:10 the 24th

    ranking = grid_ranking(store, facts)
    by_code = {r.grid: r for r in ranking}
    assert by_code["G11"].closed == 2 and by_code["G11"].on_time_rate == 0.5
    assert by_code["G33"].opened == 0 and by_code["G33"].on_time_rate is None
    assert ranking[-1].on_time_rate is None  # cells that closed nothing come last

    report = build_report(store, date(2026, 11, 23), date(2026, 11, 24), now=clock.now)
    assert (report["orders_closed"], report["orders_not_filed"]) == (3, 1)
    assert report["by_grid"]["G12"]["orders_not_filed"] == 1
    assert report["by_grid"]["G33"]["orders_opened"] == 0
    assert report["days"][0]["backlog"] == 1  # the reopened order, still open on the 23rd
    assert report["days"][1]["backlog"] == 0


def test_overdue_open_counts_open_orders_past_due(store: Store) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    svc = _service(store, clock)
    order = raise_order(svc, grid="G21", category=Category.ELEVATOR_FAULT,
                        priority=Priority.CRITICAL)  # fmt: skip
    drive(svc, order, *PATH[S.ACKNOWLEDGED])  # handle within 30 min
    raise_order(svc, grid="G21")  # reported: no clock
    since, until = day_range(date(2026, 11, 23), date(2026, 11, 23))
    assert order_facts(store, since, until, now=clock.now).counts().overdue_open == 0
    later = clock.now + timedelta(hours=1)
    assert order_facts(store, since, until, now=later).counts().overdue_open == 1


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0], 0.9) == 10.0
    assert percentile([2.0], 0.9) == 2.0 and percentile([], 0.9) is None
