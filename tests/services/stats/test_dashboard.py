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


def test_breakdowns_sensors_and_the_chosen_curve(store: Store) -> None:
    from datetime import timedelta

    from sqlalchemy import insert

    from services.db.models import Alarm, Device, Telemetry, table_of
    from services.domain import Category, Priority, SeriesWanted
    from services.domain import OrderState as S
    from tests.support.store import PATH, drive

    now = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
    clock = FakeClock(now - timedelta(hours=6))
    svc = WorkOrderService(store, clock=clock)
    quick = raise_order(svc, category=Category.ELEVATOR_FAULT, priority=Priority.URGENT)
    slow = raise_order(svc, category=Category.SANITATION)
    clock.advance(hours=1)
    drive(svc, quick, *PATH[S.CLOSED])
    clock.advance(hours=3)
    drive(svc, slow, *PATH[S.CLOSED])
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {"id": f"AF-{i}", "kind": "arc_fault", "name": f"箱{i}", "grid_code": grid,
                 "community_code": None}
                for i, grid in ((1, "G11"), (2, "G12"))
            ],
        )  # fmt: skip
        tx.conn.execute(
            insert(table_of(Alarm)),
            [
                {"alarm_key": f"AF-2:arc:{i}", "device_id": "AF-2", "alarm_type": "arc_detected",
                 "severity": 3, "state": "cleared_ack", "is_open": False,
                 "first_seen": now - timedelta(hours=i + 1), "last_seen": now,
                 "grid_code": "G12"}
                for i in range(2)
            ],
        )  # fmt: skip
        tx.conn.execute(
            insert(table_of(Telemetry)),
            [
                {"device_id": d, "metric": m, "at": now - timedelta(minutes=k), "value": v}
                for d, m, v in (("AF-1", "temperature_c", 41.0), ("AF-2", "residual_current_ma",
                                                                   120.0))
                for k in range(1, 30)
            ],
        )  # fmt: skip
    board = load_dashboard(store, None, "hour", now=now)
    assert board.bucket_seconds == 60
    assert [(s.source, s.count) for s in board.sources] == [("manual", 2)]
    times = {t.category: t for t in board.close_times}
    assert times["elevator_fault"].median_hours == 1.0 and times["sanitation"].closed == 1
    assert times["sanitation"].median_hours == 4.0
    assert [(s.device_id, s.alarms) for s in board.sensors] == [("AF-2", 2), ("AF-1", 0)]
    assert board.series is not None and board.series.device_id == "AF-2"  # most alarms
    assert board.series.unit == "mA" and max(board.series.values) == 120.0
    chosen = load_dashboard(store, None, "day", now=now, wanted=SeriesWanted("AF-1",
                            "temperature_c", 30))  # fmt: skip
    assert chosen.series is not None and chosen.series.device_id == "AF-1"
    assert chosen.series.unit == "°C" and chosen.series.thresholds == (70.0,)
    # A sensor outside the cells counted is not shown: the busiest of G11 instead.
    scoped = load_dashboard(store, {"G11"}, "day", now=now, wanted=SeriesWanted("AF-2"))
    assert [s.device_id for s in scoped.sensors] == ["AF-1"]
    assert scoped.series is None  # AF-1 has no residual current measured
