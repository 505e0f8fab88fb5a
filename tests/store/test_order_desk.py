"""The desk's store side: filters, keyset pages, grid scope and role rights."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.db.store import Store
from services.domain import (
    Category,
    OrderFilter,
    OrderState,
    Principal,
    Priority,
    Role,
)
from services.errors import PermissionDeniedError
from services.ingest.writer import IngestWriter
from services.order_desk import OrderDesk
from services.permissions import allowed_moves
from services.workflow.orders import Move, NewOrder, WorkOrderService
from tests.store.conftest import FakeClock
from tests.store.test_ingest_writer import alert, rows, writer

__all__ = ["writer"]  # fixture
S = OrderState
OPERATOR = Principal(1, "operator", "值班员", Role.OPERATOR)
SUPERVISOR = Principal(2, "supervisor", "网格长", Role.SUPERVISOR, frozenset({"G21"}))
OFFICER = Principal(3, "officer", "执法队员", Role.OFFICER, unit="law-youyi")


@pytest.fixture
def desk(service: WorkOrderService, clock: FakeClock) -> OrderDesk:
    d = OrderDesk(service)
    for i in range(30):
        clock.now += timedelta(minutes=1)
        grid = "G21" if i % 3 == 0 else "G11"
        category = Category.SANITATION if i % 2 else Category.ELEVATOR_FAULT
        title = f"楼道堆物 {i}" if i % 2 else f"电梯异响 {i}"
        priority = Priority.URGENT if i % 5 == 0 else Priority.NORMAL
        d.raise_order(OPERATOR, NewOrder(title, grid, category, priority))
    return d


def everything(desk: OrderDesk, p: Principal, flt: OrderFilter, size: int = 7) -> list[int]:
    got: list[int] = []
    after = None
    while True:
        page = desk.page(p, flt, after, limit=size)
        got += [o.id for o in page]
        if len(page) < size:
            return got
        after = (page[-1].created_at, page[-1].id)


def test_pages_cover_every_order_once_newest_first(desk: OrderDesk) -> None:
    ids = everything(desk, OPERATOR, OrderFilter())
    assert len(ids) == 30 and len(set(ids)) == 30 and ids == sorted(ids, reverse=True)


def test_every_filter_narrows(desk: OrderDesk) -> None:
    def count(**kw: object) -> int:
        return len(everything(desk, OPERATOR, OrderFilter(**kw)))  # type: ignore[arg-type]

    assert count(grids=frozenset({"G21"})) == 10
    assert count(categories=frozenset({Category.SANITATION})) == 15
    assert count(priorities=frozenset({Priority.URGENT})) == 6
    assert count(text="电梯") == 15 and count(text="堆物 1") == 6  # 1, 11, 13, ... 19
    first = desk.page(OPERATOR, OrderFilter(), limit=1)[0]
    assert count(text=first.number) == 1
    assert count(text="100%_") == 0  # LIKE wildcards are plain text
    assert count(states=frozenset({S.FILED})) == 0
    assert count(overdue_only=True) == 0
    assert count(mine=True) == 30


def test_a_supervisor_sees_only_their_grids(desk: OrderDesk) -> None:
    assert len(everything(desk, SUPERVISOR, OrderFilter())) == 10
    assert desk.page(SUPERVISOR, OrderFilter(grids=frozenset({"G11"}))) == []
    other = desk.page(OPERATOR, OrderFilter(grids=frozenset({"G11"})), limit=1)[0]
    with pytest.raises(PermissionDeniedError):
        desk.get(SUPERVISOR, other.id)
    with pytest.raises(PermissionDeniedError):
        desk.move(SUPERVISOR, other.id, Move(S.FILED), other.version)
    with pytest.raises(PermissionDeniedError):
        desk.raise_order(SUPERVISOR, NewOrder("井盖缺失", "G11"))
    mine = desk.page(SUPERVISOR, OrderFilter(), limit=1)[0]
    assert desk.move(SUPERVISOR, mine.id, Move(S.FILED), mine.version).state is S.FILED


def test_officers_take_the_assignees_moves_on_their_units_orders(desk: OrderDesk) -> None:
    order = desk.raise_order(OPERATOR, NewOrder("占道经营", "G11", Category.STOREFRONT_OCCUPATION))
    assert allowed_moves(OFFICER, order) == []  # filing is the centre's
    order = desk.move(OPERATOR, order.id, Move(S.FILED), order.version)
    order = desk.move(OPERATOR, order.id, Move(S.DISPATCHED, unit="law-youyi"), order.version)
    assert allowed_moves(OFFICER, order) == [S.ACKNOWLEDGED, S.RETURNED]
    assert allowed_moves(OPERATOR, order) == [S.ACKNOWLEDGED, S.RETURNED]
    elsewhere = Principal(4, "zhou", "周", Role.OFFICER, unit="grid-g22")
    assert allowed_moves(elsewhere, order) == []
    order = desk.move(OFFICER, order.id, Move(S.ACKNOWLEDGED), order.version)
    order = desk.move(OFFICER, order.id, Move(S.IN_PROGRESS), order.version)
    order = desk.move(OFFICER, order.id, Move(S.RESOLVED, note="已劝离"), order.version)
    assert allowed_moves(OFFICER, order) == []  # verifying is not the assignee's
    with pytest.raises(PermissionDeniedError):
        desk.move(OFFICER, order.id, Move(S.CLOSED), order.version)
    history = desk.history(OFFICER, order.id)
    assert [e.actor for e in history][-3:] == ["officer"] * 3


def test_raise_from_an_alarm_links_them_once(store: Store, writer: IngestWriter) -> None:
    writer.write_batch([alert("e1")])
    alarm_id = int(rows(store, "SELECT id FROM alarms")[0][0])  # type: ignore[call-overload]
    desk = OrderDesk(WorkOrderService(store))
    new = NewOrder("电动车入梯", "G21", Category.NONMOTOR_PARKING, source="alarm")
    first = desk.raise_from_alarm(OPERATOR, alarm_id, new)
    again = desk.raise_from_alarm(OPERATOR, alarm_id, new)
    assert again.id == first.id
    assert rows(store, "SELECT work_order_id FROM alarms") == [(first.id,)]
    assert rows(store, "SELECT count(*) FROM work_orders") == [(1,)]
