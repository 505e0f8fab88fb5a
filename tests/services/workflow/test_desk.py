"""The desk's store side: filters, keyset pages, grid scope and role rights."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from services.access.permissions import allowed_moves
from services.db.store import Store
from services.domain import (
    Category,
    EscalationLevel,
    OrderFilter,
    OrderState,
    Principal,
    Priority,
    Role,
)
from services.errors import ConflictError, PermissionDeniedError
from services.ingest.writer import IngestWriter
from services.workflow.desk import OrderDesk
from services.workflow.orders import Move, NewOrder, WorkOrderService
from tests.support.store import FakeClock, alert, rows

S = OrderState
OPERATOR = Principal(1, "operator", "值班员", Role.OPERATOR)
SUPERVISOR = Principal(2, "supervisor", "网格长", Role.SUPERVISOR, frozenset({"G21"}))
OFFICER = Principal(3, "officer", "执法队员", Role.OFFICER, unit="law-youyi")
OTHER_OPERATOR = Principal(5, "zhang", "张", Role.OPERATOR)


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


def test_every_filter_narrows(desk: OrderDesk, store: Store) -> None:
    def count(**kw: object) -> int:
        flt = OrderFilter(**kw)  # type: ignore[arg-type]
        ids = everything(desk, OPERATOR, flt)
        assert desk.count(OPERATOR, flt) == len(ids)
        return len(ids)

    assert count() == 30
    assert count(grids=frozenset({"G21"})) == 10
    assert count(grids=frozenset({"G21", "G11"})) == 30
    assert count(categories=frozenset({Category.SANITATION})) == 15
    assert count(priorities=frozenset({Priority.URGENT})) == 6
    assert count(text="电梯") == 15 and count(text="堆物 1") == 6  # 1, 11, 13, ... 19
    first = desk.page(OPERATOR, OrderFilter(), limit=1)[0]
    assert count(text=first.number) == 1
    assert count(text="100%_") == 0  # LIKE wildcards are plain text
    assert count(states=frozenset({S.FILED})) == 0
    assert count(overdue_only=True) == 0
    assert count(mine=True) == 30
    # Move some along, mark some overdue, close one: each filter follows.
    orders = desk.page(OPERATOR, OrderFilter(grids=frozenset({"G21"})), limit=4)
    for o in orders:
        desk.move(OPERATOR, o.id, Move(S.FILED), o.version)
    with store.transaction() as tx:
        ids = ", ".join(str(o.id) for o in orders[:2])
        tx.conn.execute(text(f"UPDATE work_orders SET overdue = TRUE WHERE id IN ({ids})"))
    refused = desk.page(OPERATOR, OrderFilter(grids=frozenset({"G11"})), limit=1)[0]
    desk.move(OPERATOR, refused.id, Move(S.NOT_FILED, note="重复上报"), refused.version)
    assert count(states=frozenset({S.FILED})) == 4
    assert count(states=frozenset({S.FILED, S.REPORTED})) == 29
    assert count(states=frozenset({S.FILED}), categories=frozenset({Category.SANITATION})) == 2
    assert count(overdue_only=True) == 2
    assert count(overdue_only=True, grids=frozenset({"G11"})) == 0
    assert count() == 29  # open only, by default
    assert count(open_only=False) == 30
    assert count(open_only=False, states=frozenset({S.NOT_FILED})) == 1
    assert everything(desk, OTHER_OPERATOR, OrderFilter(mine=True)) == []


def test_number_search_is_a_prefix(desk: OrderDesk) -> None:
    def numbers(words: str) -> list[str]:
        return sorted(o.number for o in desk.page(OPERATOR, OrderFilter(text=words)))

    assert len(numbers("YY-2026")) == 30 and len(numbers("yy-20261123-")) == 30
    assert numbers("YY-20261123-002") == [f"YY-20261123-{i:04d}" for i in range(20, 30)]
    assert numbers("YY-20261123-0029") == ["YY-20261123-0029"]  # bound: ...-003
    assert numbers("YY-20261123-0019") == ["YY-20261123-0019"]
    assert numbers("YY-20261129") == numbers("YY-2025") == numbers("ZZ-9") == []
    assert numbers("YY-20261123-00") == numbers("YY-2026")


def test_pages_have_no_gaps_or_repeats_when_times_tie(
    service: WorkOrderService, clock: FakeClock
) -> None:
    desk = OrderDesk(service)
    for i in range(23):
        if i % 5 == 0:
            clock.advance(seconds=1)  # groups of five raised in the same instant
        desk.raise_order(OPERATOR, NewOrder(f"同时上报 {i}", "G11"))
    for size in (1, 4, 5, 7, 23, 50):
        ids = everything(desk, OPERATOR, OrderFilter(), size)
        assert ids == sorted(ids, reverse=True) and len(ids) == 23, size
    assert desk.count(OPERATOR, OrderFilter(), cap=10) == 10
    assert desk.count(SUPERVISOR, OrderFilter()) == 0


def test_a_supervisor_sees_only_their_grids(desk: OrderDesk) -> None:
    assert len(everything(desk, SUPERVISOR, OrderFilter())) == 10
    assert desk.page(SUPERVISOR, OrderFilter(grids=frozenset({"G11"}))) == []
    assert desk.count(SUPERVISOR, OrderFilter(grids=frozenset({"G11"}))) == 0
    assert len(everything(desk, SUPERVISOR, OrderFilter(grids=frozenset({"G11", "G21"})))) == 10
    other = desk.page(OPERATOR, OrderFilter(grids=frozenset({"G11"})), limit=1)[0]
    assert desk.by_ids(SUPERVISOR, [other.id]) == []
    with pytest.raises(PermissionDeniedError):
        desk.get(SUPERVISOR, other.id)
    with pytest.raises(PermissionDeniedError):
        desk.history(SUPERVISOR, other.id)
    with pytest.raises(PermissionDeniedError):
        desk.move(SUPERVISOR, other.id, Move(S.FILED), other.version)
    with pytest.raises(PermissionDeniedError):
        desk.raise_order(SUPERVISOR, NewOrder("井盖缺失", "G11"))
    assert desk.raise_order(SUPERVISOR, NewOrder("井盖缺失", "G21")).reporter == "supervisor"


def test_a_supervisor_handles_and_checks_but_the_centre_files(desk: OrderDesk) -> None:
    order = desk.page(SUPERVISOR, OrderFilter(), limit=1)[0]
    with pytest.raises(PermissionDeniedError, match="may not move"):
        desk.move(SUPERVISOR, order.id, Move(S.FILED), order.version)  # 立案: the centre's
    order = desk.move(OPERATOR, order.id, Move(S.FILED), order.version)
    order = desk.move(OPERATOR, order.id, Move(S.DISPATCHED, unit="grid-g21"), order.version)
    for target, note in ((S.ACKNOWLEDGED, ""), (S.IN_PROGRESS, ""), (S.RESOLVED, "已清理")):
        order = desk.move(SUPERVISOR, order.id, Move(target, note=note), order.version)
    assert allowed_moves(SUPERVISOR, order) == [S.CLOSED, S.IN_PROGRESS]
    order = desk.move(SUPERVISOR, order.id, Move(S.IN_PROGRESS, note="未清理干净"), order.version)
    assert order.state is S.IN_PROGRESS
    ids = everything(desk, SUPERVISOR, OrderFilter(mine=True))
    assert ids == [order.id]  # the last to change it
    order = desk.escalate(SUPERVISOR, order.id, order.version, "需街区协调")
    assert order.escalation is EscalationLevel.BLOCK
    with pytest.raises(PermissionDeniedError):
        desk.supervise(SUPERVISOR, order.id, order.version, 1)
    assert desk.supervise(OPERATOR, order.id, order.version, 2, "限期办结").supervised == 2
    assert desk.order_actions(SUPERVISOR, order) == ["escalate"]
    with pytest.raises(PermissionDeniedError):
        desk.escalate(OFFICER, order.id, order.version + 1, "越权")


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


def test_file_and_dispatch_is_one_step_with_both_in_the_history(desk: OrderDesk) -> None:
    order = desk.raise_order(OPERATOR, NewOrder("楼道堆物", "G21", Category.SANITATION))
    with pytest.raises(PermissionDeniedError):
        desk.file_and_dispatch(SUPERVISOR, order.id, order.version)
    done = desk.file_and_dispatch(OPERATOR, order.id, order.version)
    assert done.state is S.DISPATCHED and done.unit  # routed
    assert [e.action for e in desk.history(OPERATOR, order.id)] == ["raise", "file", "dispatch"]
    with pytest.raises(ConflictError):  # a stale copy
        desk.file_and_dispatch(OPERATOR, order.id, order.version)


def test_raise_from_an_alarm_links_them_once(store: Store, writer: IngestWriter) -> None:
    writer.write_batch([alert("e1")])
    alarm_id = int(rows(store, "SELECT id FROM alarms")[0][0])  # type: ignore[call-overload]
    desk = OrderDesk(WorkOrderService(store))
    new = NewOrder("电动车入梯", "G21", Category.NONMOTOR_PARKING, source="alarm")
    g11 = Principal(6, "chen", "陈", Role.SUPERVISOR, frozenset({"G11"}))
    with pytest.raises(PermissionDeniedError):  # the alarm is in G21, not theirs
        desk.raise_from_alarm(g11, alarm_id, replace(new, grid="G11"))
    first = desk.raise_from_alarm(OPERATOR, alarm_id, new)
    again = desk.raise_from_alarm(OPERATOR, alarm_id, new)
    assert again.id == first.id
    assert rows(store, "SELECT work_order_id FROM alarms") == [(first.id,)]
    assert rows(store, "SELECT count(*) FROM work_orders") == [(1,)]


def test_a_day_is_a_local_day(desk: OrderDesk, clock: FakeClock) -> None:
    """23:30 in the district on the 23rd and 00:30 on the 24th (15:30 and 16:30
    UTC on the 23rd): each on its own local day, closed ones too when asked."""
    clock.now = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
    late = desk.raise_order(OPERATOR, NewOrder("深夜噪音", "G21"))
    clock.now = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    early = desk.raise_order(OPERATOR, NewOrder("凌晨漏水", "G21"))
    early = desk.move(OPERATOR, early.id, Move(S.NOT_FILED, note="重复上报"), early.version)

    def day(d: date, **kw: object) -> list[int]:
        flt = OrderFilter(raised_on=d, **kw)  # type: ignore[arg-type]
        ids = everything(desk, OPERATOR, flt, size=4)
        assert desk.count(OPERATOR, flt) == len(ids)
        return ids

    the_23rd = day(date(2026, 11, 23), open_only=False)
    assert len(the_23rd) == 31 and late.id in the_23rd and early.id not in the_23rd
    assert day(date(2026, 11, 24), open_only=False) == [early.id]
    assert day(date(2026, 11, 24)) == []  # open only: the refused one is not open
    assert day(date(2026, 11, 24), open_only=False, mine=True) == [early.id]
    assert day(date(2026, 11, 23), grids=frozenset({"G21"}))[0] == late.id
    assert day(date(2026, 11, 22), open_only=False) == []
    assert desk.page(SUPERVISOR, OrderFilter(raised_on=date(2026, 11, 24), open_only=False)) == [
        desk.get(OPERATOR, early.id)
    ]


def _plan(store: Store, query: object) -> str:
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]
    with store.reading() as conn:
        if store.is_postgres:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a tiny table:
            conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")  # plan as if big
            return " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        return " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def test_the_desks_pages_walk_their_indexes(desk: OrderDesk, store: Store) -> None:
    """Open orders of every grid, this page and the next, walk the partial index
    in order (no sort); "mine" walks the reporter and updated_by indexes."""
    last = desk.page(OPERATOR, OrderFilter(), limit=5)[-1]
    for after in (None, (last.created_at, last.id)):
        plan = _plan(store, desk.page_query(OPERATOR, OrderFilter(), after))
        assert "ix_work_orders_open_created" in plan, plan
        if after is None:
            assert "SORT" not in plan.upper(), plan
    plan = _plan(store, desk.page_query(OPERATOR, OrderFilter(mine=True)))
    assert "ix_work_orders_reporter" in plan and "ix_work_orders_updated_by" in plan, plan
    number = _plan(store, desk.page_query(OPERATOR, OrderFilter(text=last.number)))
    assert "uq_work_orders_number" in number or "sqlite_autoindex_work_orders" in number, number
    a_day = OrderFilter(raised_on=last.created_at.date(), open_only=False)
    plan = _plan(store, desk.page_query(OPERATOR, a_day))
    assert "ix_work_orders_created" in plan, plan  # the day is a range on the index


def test_officers_attach_only_to_their_units_orders(desk: OrderDesk) -> None:
    from services.workflow.attachments import AttachmentStore

    (photo,) = AttachmentStore(desk.store).add([("p.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 8)], "x")
    theirs = desk.raise_order(OPERATOR, NewOrder("占道经营", "G11", Category.STOREFRONT_OCCUPATION))
    other = desk.raise_order(OPERATOR, NewOrder("楼道堆物", "G12", Category.SANITATION))
    theirs = desk.move(OPERATOR, theirs.id, Move(S.FILED), theirs.version)
    theirs = desk.move(OPERATOR, theirs.id, Move(S.DISPATCHED, unit="law-youyi"), theirs.version)
    with pytest.raises(PermissionDeniedError, match="not dispatched to your unit"):
        desk.attach(OFFICER, other.id, [photo])
    assert desk.attach(OFFICER, theirs.id, [photo], "现场照片").version == theirs.version + 1
    assert desk.attach(OPERATOR, other.id, [photo]).version == other.version + 1  # the centre may
