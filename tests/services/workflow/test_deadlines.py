"""Deadlines: the working calendar, the time-limit table and the deadline watch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.domain import Category, DeadlineStage, EscalationLevel, Priority
from services.domain import OrderState as S
from services.errors import ConfigError, TransitionError
from services.workflow import deadline_watch
from services.workflow.calendar import WorkingCalendar
from services.workflow.deadlines import DeadlineTable, parse_table
from services.workflow.orders import Move, WorkOrderService
from tests.support.store import OPERATOR, FakeClock, drive, order_in, raise_order

SH = ZoneInfo("Asia/Shanghai")


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)  # type: ignore[misc]


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.load()


def test_working_hours_skip_lunch_nights_weekends(cal: WorkingCalendar) -> None:
    # Monday 11:00 + 1 working hour: 30 min before lunch, 30 after.
    assert cal.add_working_minutes(sh(2026, 11, 23, 11, 0), 60) == sh(2026, 11, 23, 13, 30)
    # Friday 17:00 + 1 h: 30 min Friday, then Monday 08:30 + 30 min.
    assert cal.add_working_minutes(sh(2026, 11, 27, 17, 0), 60) == sh(2026, 11, 30, 9, 0)
    # Saturday night counts from Monday morning.
    assert cal.add_working_minutes(sh(2026, 11, 28, 22, 0), 30) == sh(2026, 11, 30, 9, 0)
    assert cal.hours_per_day == 7.5


def test_holidays_and_swapped_workdays(cal: WorkingCalendar) -> None:
    # 国庆 Oct 1-7 is off; Sat Oct 10 is a working day (调休).
    assert cal.add_working_minutes(sh(2026, 9, 30, 17, 0), 60) == sh(2026, 10, 8, 9, 0)
    assert cal.is_workday(sh(2026, 10, 10, 0, 0).date())
    assert not cal.is_workday(sh(2026, 10, 11, 0, 0).date())
    assert cal.add_working_minutes(sh(2026, 10, 9, 17, 30), 30) == sh(2026, 10, 10, 9, 0)


def test_bad_calendar_is_refused(tmp_path: object) -> None:
    with pytest.raises(ValueError, match="ends before"):
        WorkingCalendar.from_dict({"workdays": ["mon"], "hours": ["17:00-09:00"]})
    with pytest.raises(ValueError, match="weekday"):
        WorkingCalendar.from_dict({"workdays": ["mon", "xyz"], "hours": ["09:00-17:00"]})


def test_limits_table(cal: WorkingCalendar) -> None:
    table = DeadlineTable.load(calendar=cal)
    assert (
        str(table.limit(Category.ELEVATOR_FAULT, Priority.CRITICAL, DeadlineStage.HANDLE))
        == "30 min"
    )
    start = sh(2026, 11, 27, 16, 0)  # Friday
    d = table.deadline(Category.OTHER, Priority.NORMAL, DeadlineStage.DISPATCH, start)  # 2 wh
    assert d.due_at == sh(2026, 11, 30, 9, 0)
    assert d.near_due_at == sh(2026, 11, 30, 8, 36)  # 80 % of 120 min = 96 min
    clock = table.deadline(
        Category.ELEVATOR_FAULT, Priority.CRITICAL, DeadlineStage.DISPATCH, start
    )
    assert clock.due_at - start == timedelta(minutes=5)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("category,priority,dispatch,acknowledge,handle\nnoise,normal,1 h,1 h,1 h\n", "noise"),
        ("category,priority,dispatch,acknowledge,handle\nother,normal,soon,1 h,1 h\n", "soon"),
        (
            "category,priority,dispatch,acknowledge,handle\nother,normal,1 h,1 h,1 h\n",
            "no time limits for elevator_fault/critical",
        ),
    ],
)
def test_bad_limits_table_is_refused(body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_table(body)


def test_clocks_follow_the_lifecycle(service: WorkOrderService, clock: FakeClock) -> None:
    order = raise_order(service, category=Category.ELEVATOR_FAULT, priority=Priority.CRITICAL)
    assert order.due_at is None
    order = drive(service, order, S.FILED)
    assert (order.deadline_stage, order.due_at) == (
        DeadlineStage.DISPATCH,
        clock.now + timedelta(minutes=5),
    )
    clock.advance(minutes=2)
    order = drive(service, order, S.DISPATCHED)
    assert order.due_at == clock.now + timedelta(minutes=10)
    clock.advance(minutes=3)
    order = drive(service, order, S.ACKNOWLEDGED)  # the handling clock starts
    assert (order.deadline_stage, order.due_at) == (
        DeadlineStage.HANDLE,
        clock.now + timedelta(minutes=30),
    )
    order = drive(service, order, S.IN_PROGRESS)
    assert order.due_at == clock.now + timedelta(minutes=30)  # still the same clock


def test_watch_flags_near_due_then_escalates_overdue(
    service: WorkOrderService, clock: FakeClock
) -> None:
    order = order_in(
        service, S.ACKNOWLEDGED, category=Category.ELEVATOR_FAULT, priority=Priority.CRITICAL
    )  # handle within 30 min
    other = order_in(service, S.FILED)  # 2 working hours to dispatch
    assert deadline_watch.scan(service).near_due == []
    clock.advance(minutes=25)  # past 80 % of 30 min
    result = deadline_watch.scan(service)
    assert (result.near_due, result.overdue) == ([order.number], [])
    clock.advance(minutes=6)
    result = deadline_watch.scan(service)
    assert (result.near_due, result.overdue) == ([], [order.number])
    flagged = service.get(order.id)
    assert flagged.overdue and flagged.escalation is EscalationLevel.BLOCK
    assert [e.action for e in service.history(order.id)][-2:] == ["near_due", "overdue"]
    assert service.history(order.id)[-1].actor == "system"
    assert deadline_watch.scan(service).overdue == []  # flagged once only
    assert not service.get(other.id).overdue


def test_extension_asked_in_time_moves_the_deadline(
    service: WorkOrderService, clock: FakeClock
) -> None:
    order = order_in(
        service, S.IN_PROGRESS, category=Category.ELEVATOR_FAULT, priority=Priority.CRITICAL
    )
    new_due = order.due_at + timedelta(hours=2)  # type: ignore[operator]
    order = service.move(
        order.id,
        Move(S.EXTENDED, note="等配件", extend_to=new_due),
        version=order.version,
        actor=OPERATOR,
    )
    assert order.due_at == new_due and order.state is S.EXTENDED
    assert service.history(order.id)[-1].data == {"due_at": new_due.isoformat()}
    order = service.move(order.id, Move(S.IN_PROGRESS), version=order.version, actor=OPERATOR)
    assert order.due_at == new_due
    clock.advance(minutes=40)  # past the old deadline, not the new one
    assert deadline_watch.scan(service).overdue == []


def test_extension_after_the_deadline_is_refused(
    service: WorkOrderService, clock: FakeClock
) -> None:
    order = order_in(
        service, S.IN_PROGRESS, category=Category.ELEVATOR_FAULT, priority=Priority.CRITICAL
    )
    clock.now = order.due_at + timedelta(seconds=1)  # type: ignore[operator]
    with pytest.raises(TransitionError, match="before the deadline"):
        service.move(
            order.id,
            Move(S.EXTENDED, note="晚了", extend_to=clock.now + timedelta(hours=1)),
            version=order.version,
            actor=OPERATOR,
        )


def test_stored_times_are_utc(service: WorkOrderService) -> None:
    order = raise_order(service)
    assert order.created_at.tzinfo is not None
    assert order.created_at.utcoffset() == timedelta(0)
    assert order.created_at == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
