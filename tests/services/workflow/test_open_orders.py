"""The desk's page of open orders: newest first, keyset paging, on its index."""

from __future__ import annotations

from services.db.store import Store
from services.domain import OrderState as S
from services.workflow.order_rows import open_orders_query
from services.workflow.orders import WorkOrderService
from tests.support.store import FakeClock, drive, raise_order


def test_pages_newest_first_without_closed_or_other_grids(
    service: WorkOrderService, clock: FakeClock
) -> None:
    mine = []
    for i in range(7):
        clock.advance(minutes=1)
        mine.append(raise_order(service, grid="G21", title=f"第{i}单"))
        raise_order(service, grid="G22")
    drive(service, mine[3], S.NOT_FILED)  # closed: off the desk
    first = service.open_orders("G21", limit=4)
    assert [o.title for o in first] == ["第6单", "第5单", "第4单", "第2单"]
    rest = service.open_orders("G21", limit=4, after=(first[-1].created_at, first[-1].id))
    assert [o.title for o in rest] == ["第1单", "第0单"]


def test_page_query_uses_the_partial_index(store: Store) -> None:
    sql = str(
        open_orders_query("G21", 50).compile(store.engine, compile_kwargs={"literal_binds": True})
    )
    with store.reading() as conn:
        if store.is_postgres:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        else:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_work_orders_open_grid" in plan
    assert "SORT" not in plan.upper()  # the index gives the order: no sort step
