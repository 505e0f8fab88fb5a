"""The lifecycle table of DESIGN.md, move by move, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from services.domain import ALLOWED, Category, Outcome, Priority
from services.domain import OrderState as S
from services.errors import TransitionError, ValidationError
from services.workflow.orders import Move, WorkOrderService
from tests.support.store import OPERATOR, drive, move_for, order_in, raise_order

TABLE = {  # DESIGN.md's table, written out again so that a change to states.py shows
    "reported": {"filed", "not_filed"},
    "filed": {"dispatched"},
    "dispatched": {"acknowledged", "returned"},
    "returned": {"filed"},
    "acknowledged": {"in_progress"},
    "in_progress": {"resolved", "extended", "parked", "returned"},
    "extended": {"in_progress"},
    "parked": {"in_progress", "closed"},
    "resolved": {"closed", "in_progress"},
    "closed": {"archived"},
    "not_filed": {"archived"},
    "archived": {"in_progress"},
}


def test_table_matches_design() -> None:
    assert {s.value: {t.value for t in ts} for s, ts in ALLOWED.items()} == TABLE


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32  # a picture as far as the store is concerned


def test_full_loop_records_who_when_where(service: WorkOrderService) -> None:
    from services.workflow.attachments import AttachmentStore

    (photo,) = AttachmentStore(service.store).add([("劝离.png", PNG)], "li")
    order = raise_order(
        service, title="电动车进电梯", category=Category.ELEVATOR_FAULT, priority=Priority.URGENT
    )
    assert order.state is S.REPORTED and order.version == 1
    assert order.number.startswith("YY-20261123-")
    order = drive(service, order, S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS)
    assert order.unit == "elevator-maint"  # routed by resources/routing.toml
    order = service.move(
        order.id,
        Move(S.RESOLVED, note="已劝离", attachments=[photo]),
        version=order.version,
        actor=OPERATOR,
    )
    order = service.move(
        order.id, Move(S.CLOSED, outcome=Outcome.FIXED), version=order.version, actor=OPERATOR
    )
    assert order.state is S.CLOSED and order.outcome is Outcome.FIXED and not order.is_open
    assert order.version == 7 and order.due_at is None
    history = service.history(order.id)
    assert [e.action for e in history] == [
        "raise",
        "file",
        "dispatch",
        "acknowledge",
        "start",
        "report_result",
        "verify_close",
    ]
    assert {(e.actor, e.console) for e in history} == {("wang.op", "ws-01")}
    report = history[5]
    assert (report.from_state, report.to_state) == (S.IN_PROGRESS, S.RESOLVED)
    assert report.note == "已劝离" and report.attachments == (photo,)
    assert history[2].data == {"unit": "elevator-maint"}
    assert all(e.at.tzinfo is not None for e in history)


@pytest.mark.parametrize("state", list(S))
def test_every_move_from_every_state(service: WorkOrderService, state: S) -> None:
    """Allowed moves succeed; every other target is refused naming state and choices."""
    base = order_in(service, state)
    assert base.state is state
    for target in S:
        if target in ALLOWED[state]:
            fresh = order_in(service, state)
            moved = service.move(
                fresh.id, move_for(fresh, target), version=fresh.version, actor=OPERATOR
            )
            assert moved.state is target and moved.version == fresh.version + 1
            continue
        with pytest.raises(TransitionError) as err:
            service.move(base.id, move_for(base, target), version=base.version, actor=OPERATOR)
        message = str(err.value)
        assert f"from {state.value} to {target.value}" in message
        assert all(t.value in message for t in ALLOWED[state])
    assert service.get(base.id).version == base.version  # refusals wrote nothing


@pytest.mark.parametrize(
    ("state", "target"),
    [
        (S.REPORTED, S.NOT_FILED),
        (S.DISPATCHED, S.RETURNED),
        (S.IN_PROGRESS, S.PARKED),
        (S.RESOLVED, S.IN_PROGRESS),
        (S.ARCHIVED, S.IN_PROGRESS),
    ],
)
def test_moves_that_must_say_why(service: WorkOrderService, state: S, target: S) -> None:
    order = order_in(service, state)
    with pytest.raises(ValidationError, match="needs a note"):
        service.move(
            order.id, Move(target, outcome=Outcome.FIXED), version=order.version, actor=OPERATOR
        )
    assert service.get(order.id).state is state


def test_close_needs_an_outcome(service: WorkOrderService) -> None:
    order = order_in(service, S.RESOLVED)
    with pytest.raises(ValidationError, match="outcome"):
        service.move(order.id, Move(S.CLOSED), version=order.version, actor=OPERATOR)


def test_return_and_redispatch_to_another_unit(service: WorkOrderService) -> None:
    order = order_in(service, S.DISPATCHED, grid="G22")
    assert order.unit == "grid-g22"
    order = service.move(
        order.id, Move(S.RETURNED, note="不属于本网格"), version=order.version, actor=OPERATOR
    )
    order = service.move(order.id, Move(S.FILED), version=order.version, actor=OPERATOR)
    assert order.unit is None
    order = service.move(
        order.id, Move(S.DISPATCHED, unit="law-youyi"), version=order.version, actor=OPERATOR
    )
    assert order.unit == "law-youyi"
    actions = [e.action for e in service.history(order.id)]
    assert actions[-3:] == ["return", "refile", "dispatch"]


def test_reopen_from_archive_clears_outcome_and_starts_clock(service: WorkOrderService) -> None:
    order = order_in(service, S.ARCHIVED)
    assert order.outcome is Outcome.FIXED and not order.is_open
    order = service.move(
        order.id, Move(S.IN_PROGRESS, note="居民再次投诉"), version=order.version, actor=OPERATOR
    )
    assert order.is_open and order.outcome is None and order.due_at is not None


def test_filing_may_correct_category_priority_and_grid(service: WorkOrderService) -> None:
    order = raise_order(service)
    order = service.move(
        order.id,
        Move(
            S.FILED, category=Category.STOREFRONT_OCCUPATION, priority=Priority.URGENT, grid="G32"
        ),
        version=order.version,
        actor=OPERATOR,
    )
    assert (order.category, order.priority, order.grid) == (
        Category.STOREFRONT_OCCUPATION,
        Priority.URGENT,
        "G32",
    )
    order = drive(service, order, S.DISPATCHED)
    assert order.unit == "law-youyi"


def test_escalation_ladder_and_supervision(service: WorkOrderService) -> None:
    order = order_in(service, S.IN_PROGRESS)
    levels = []
    for _ in range(3):
        order = service.escalate(
            order.id, version=order.version, actor=OPERATOR, note="超出网格处置能力"
        )
        levels.append(order.escalation.value)
    assert levels == ["block", "sub_district", "district"]
    with pytest.raises(TransitionError, match="already escalated"):
        service.escalate(order.id, version=order.version, actor=OPERATOR, note="再升")
    order = service.supervise(order.id, 2, version=order.version, actor=OPERATOR, note="二级督办")
    assert order.supervised == 2
    with pytest.raises(ValidationError):
        service.supervise(order.id, 4, version=order.version, actor=OPERATOR)
    assert [e.action for e in service.history(order.id)][-4:] == [
        "escalate",
        "escalate",
        "escalate",
        "supervise",
    ]
