"""Optimistic concurrency: an edit from a stale copy is refused, nothing overwritten."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.db.models import AuditEntry, WorkOrderEvent
from services.db.store import Store
from services.domain import Actor
from services.domain import OrderState as S
from services.errors import ConflictError
from services.workflow.orders import Move, WorkOrderService
from tests.support.store import FakeClock, order_in

ZHANG = Actor("zhang.op", "ws-02")


def _counts(store: Store) -> tuple[int, int]:
    with store.reading() as conn:
        events = conn.execute(select(func.count()).select_from(WorkOrderEvent)).scalar_one()
        audit = conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return events, audit


def test_stale_copy_is_refused_across_two_connections(
    store: Store, second_store: Store, clock: FakeClock
) -> None:
    console_a = WorkOrderService(store, clock=clock)
    console_b = WorkOrderService(second_store, clock=clock)
    order = order_in(console_a, S.DISPATCHED)
    copy_b = console_b.get(order.id)  # B opens the same order
    assert copy_b.version == order.version

    console_a.move(
        order.id, Move(S.ACKNOWLEDGED), version=order.version, actor=Actor("li.grid", "laptop-7")
    )
    before = _counts(store)
    with pytest.raises(ConflictError) as err:
        console_b.move(
            copy_b.id, Move(S.RETURNED, note="不归我们管"), version=copy_b.version, actor=ZHANG
        )
    assert err.value.by == "li.grid" and err.value.current == copy_b.version + 1
    assert order.number in str(err.value) and "nothing was saved" in str(err.value)
    now = console_a.get(order.id)
    assert now.state is S.ACKNOWLEDGED and now.version == copy_b.version + 1
    assert _counts(store) == before  # no history, no audit row for the refused edit


def test_escalate_and_supervise_check_the_version_too(service: WorkOrderService) -> None:
    order = order_in(service, S.IN_PROGRESS)
    service.supervise(order.id, 1, version=order.version, actor=ZHANG)
    with pytest.raises(ConflictError):
        service.escalate(order.id, version=order.version, actor=ZHANG, note="升级")
    with pytest.raises(ConflictError):
        service.supervise(order.id, 3, version=order.version, actor=ZHANG)
    assert service.get(order.id).supervised == 1
