"""Driving orders to a state, for the lifecycle tests."""

from __future__ import annotations

from datetime import timedelta

from services.domain import Actor, Category, Outcome, Priority
from services.domain import OrderState as S
from services.domain import WorkOrder as OrderView
from services.workflow.orders import Move, NewOrder, WorkOrderService

OPERATOR = Actor("wang.op", "ws-01")

PATH: dict[S, tuple[S, ...]] = {
    S.REPORTED: (),
    S.FILED: (S.FILED,),
    S.NOT_FILED: (S.NOT_FILED,),
    S.DISPATCHED: (S.FILED, S.DISPATCHED),
    S.RETURNED: (S.FILED, S.DISPATCHED, S.RETURNED),
    S.ACKNOWLEDGED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED),
    S.IN_PROGRESS: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS),
    S.EXTENDED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.EXTENDED),
    S.PARKED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.PARKED),
    S.RESOLVED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED),
    S.CLOSED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED),
    S.ARCHIVED: (
        S.FILED,
        S.DISPATCHED,
        S.ACKNOWLEDGED,
        S.IN_PROGRESS,
        S.RESOLVED,
        S.CLOSED,
        S.ARCHIVED,
    ),
}


def move_for(order: OrderView, target: S) -> Move:
    """A move to ``target`` carrying whatever that move needs."""
    extend_to = (order.due_at + timedelta(hours=1)) if order.due_at else None
    return Move(target=target, note="测试说明", outcome=Outcome.FIXED, extend_to=extend_to)


def raise_order(
    svc: WorkOrderService,
    grid: str = "G11",
    title: str = "楼道堆物",
    category: Category = Category.SANITATION,
    priority: Priority = Priority.NORMAL,
) -> OrderView:
    return svc.raise_order(
        NewOrder(title=title, grid=grid, category=category, priority=priority), OPERATOR
    )


def drive(svc: WorkOrderService, order: OrderView, *targets: S) -> OrderView:
    for target in targets:
        order = svc.move(order.id, move_for(order, target), version=order.version, actor=OPERATOR)
    return order


def order_in(svc: WorkOrderService, state: S, **kw: object) -> OrderView:
    return drive(svc, raise_order(svc, **kw), *PATH[state])  # type: ignore[arg-type]
