"""Random walks through the lifecycle keep the order's invariants.

SQLite only: the property is about the workflow's bookkeeping, which is the same
code on both databases; the table-driven tests cover PostgreSQL move by move.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.domain import CLOSED_STATES
from services.domain import OrderState as S
from services.errors import ServiceError
from services.workflow.orders import WorkOrderService
from tests.support.store import OPERATOR, move_for, raise_order


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(walk=st.lists(st.sampled_from(list(S)), max_size=14))
def test_random_walks_keep_invariants(service: WorkOrderService, walk: list[S]) -> None:
    order = raise_order(service)
    applied = 0
    for target in walk:
        try:
            order = service.move(
                order.id, move_for(order, target), version=order.version, actor=OPERATOR
            )
            applied += 1
        except ServiceError:
            pass  # refused moves must leave no trace, checked below
    stored = service.get(order.id)
    history = service.history(order.id)
    assert stored == order
    assert stored.version == 1 + applied == len(history)
    assert stored.is_open == (stored.state not in CLOSED_STATES)
    assert (stored.outcome is not None) == (stored.state in (S.CLOSED, S.ARCHIVED)) or (
        stored.state is S.ARCHIVED and any(e.to_state is S.NOT_FILED for e in history)
    )
    if stored.state in CLOSED_STATES or stored.state in (S.REPORTED, S.RESOLVED, S.PARKED):
        assert stored.due_at is None  # no clock runs on a settled or waiting order
    for before, after in itertools.pairwise(history):  # each move starts where the last ended
        assert before.to_state is None or after.from_state in (None, before.to_state)
