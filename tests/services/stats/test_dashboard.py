"""What the statistics dock reads in one go, as domain records (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.db.store import Store
from services.domain import DayOrders, GridRank
from services.stats.dashboard import load_dashboard
from services.workflow.orders import WorkOrderService
from tests.support.store import FakeClock, raise_order


def test_the_dock_reads_domain_records(store: Store) -> None:
    clock = FakeClock(datetime(2026, 12, 2, 2, 0, tzinfo=UTC))  # 10:00 local
    raise_order(WorkOrderService(store, clock=clock))
    board = load_dashboard(store, None, "day", now=datetime(2026, 12, 2, 4, 0, tzinfo=UTC))
    assert len(board.days) == 30 and all(isinstance(d, DayOrders) for d in board.days)
    assert board.days[-1].opened == 1 and board.days[-1].backlog == 1
    assert len(board.grids) == 9 and all(isinstance(r, GridRank) for r in board.grids)
    assert board.figures is not None
    assert board.figures.opened_today == 1 and board.figures.open_now == 1
    mine = load_dashboard(store, {"G33"}, "day", now=datetime(2026, 12, 2, 4, 0, tzinfo=UTC))
    assert mine.figures is not None and mine.figures.opened_today == 0  # not its grid
