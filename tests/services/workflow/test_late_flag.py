"""The workflow's ``late`` flag (按期办结 counted in SQL) against the replay of
the order's history, and migration 0013 giving it to orders recorded before."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from services.db.migrate import alembic_config, upgrade
from services.db.models import WorkOrder, table_of
from services.db.store import Store
from services.domain import ALLOWED, Category, Priority
from services.domain import OrderState as S
from services.errors import ServiceError
from services.workflow import deadline_watch
from services.workflow.deadlines import DeadlineTable
from services.workflow.late_replay import late_orders
from services.workflow.orders import WorkOrderService
from tests.support.store import OPERATOR, PATH, FakeClock, drive, move_for, raise_order

_o = table_of(WorkOrder)
_ELEVATOR = {"category": Category.ELEVATOR_FAULT, "priority": Priority.CRITICAL}
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 10:00 local


def _flags(store: Store) -> dict[int, bool]:
    with store.reading() as conn:
        return {r.id: r.late for r in conn.execute(select(_o.c.id, _o.c.late))}


def _replayed(store: Store) -> set[int]:
    with store.reading() as conn:
        rows = conn.execute(select(_o.c.id, _o.c.category, _o.c.priority)).all()
        return late_orders(conn, [tuple(r) for r in rows], DeadlineTable.load())


# A step is a move (the n-th of those allowed now), a wait, or the deadline watch.
_step = st.one_of(
    st.tuples(st.just("move"), st.integers(0, 5)),
    st.tuples(st.just("wait"), st.sampled_from([5, 40, 300, 2000, 6000])),
    st.tuples(st.just("watch"), st.just(0)),
)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(walk=st.lists(_step, max_size=16), urgent=st.booleans())
def test_the_flag_agrees_with_the_history(
    store: Store, walk: list[tuple[str, int]], urgent: bool
) -> None:
    clock = FakeClock(START)
    svc = WorkOrderService(store, clock=clock)
    order = raise_order(svc, priority=Priority.URGENT if urgent else Priority.NORMAL)
    for kind, n in walk:
        if kind == "watch":
            deadline_watch.scan(svc)
            order = svc.get(order.id)
        elif kind == "wait":
            clock.advance(minutes=n)
        elif allowed := sorted(ALLOWED[order.state]):
            target = allowed[n % len(allowed)]
            with contextlib.suppress(ServiceError):  # an extension after the deadline
                order = svc.move(order.id, move_for(order, target), version=order.version,
                                 actor=OPERATOR)  # fmt: skip
    late = _flags(store)[order.id]
    assert late == (order.id in _replayed(store))


def test_late_stays_through_a_reopening(store: Store) -> None:
    clock = FakeClock(START)
    svc = WorkOrderService(store, clock=clock)
    order = drive(svc, raise_order(svc, **_ELEVATOR), *PATH[S.ACKNOWLEDGED])
    clock.advance(hours=2)  # the 30-minute handle limit runs out
    order = drive(svc, order, S.IN_PROGRESS, S.RESOLVED, S.CLOSED)
    assert _flags(store)[order.id] is True
    drive(svc, order, S.ARCHIVED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED)  # reopened, quick
    assert _flags(store)[order.id] is True
    prompt = drive(svc, raise_order(svc), *PATH[S.CLOSED])
    assert _flags(store)[prompt.id] is False


def test_migration_0013_replays_the_orders_recorded_before(store: Store) -> None:
    from alembic import command

    clock = FakeClock(START)
    svc = WorkOrderService(store, clock=clock)
    late = drive(svc, raise_order(svc, **_ELEVATOR), *PATH[S.ACKNOWLEDGED])
    clock.advance(hours=2)
    late = drive(svc, late, S.IN_PROGRESS, S.RESOLVED, S.CLOSED)
    prompt = drive(svc, raise_order(svc), *PATH[S.CLOSED])
    watched = drive(svc, raise_order(svc, **_ELEVATOR), *PATH[S.DISPATCHED])
    clock.advance(days=3)
    deadline_watch.scan(svc)  # flagged overdue, still open
    with store.engine.begin() as conn:  # as if recorded before the flag: all False
        conn.execute(update(_o).values(late=False))
    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    upgrade(store.engine)
    flags = _flags(store)
    assert (flags[late.id], flags[prompt.id], flags[watched.id]) == (True, False, True)
