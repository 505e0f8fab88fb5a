"""The rights table: which moves each role may take, in which grids and units."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from services.access.permissions import (
    ALARM_ACK,
    ALARM_FALSE,
    ALARM_RESET,
    CONFIRM,
    ESCALATE,
    MANAGE_USERS,
    RAISE,
    RIGHTS,
    SUPERVISE,
    allowed_moves,
    order_actions,
    require,
    require_move,
)
from services.domain import (
    MOVES,
    Category,
    EscalationLevel,
    OrderState,
    Principal,
    Priority,
    Role,
    WorkOrder,
)
from services.errors import PermissionDeniedError

S = OrderState
OPERATOR = Principal(1, "operator", "值班员", Role.OPERATOR)
SUPERVISOR = Principal(2, "supervisor", "网格长", Role.SUPERVISOR, frozenset({"G21"}))
OFFICER = Principal(3, "officer", "执法队员", Role.OFFICER, unit="law-youyi")
ADMIN = Principal(4, "admin", "管理员", Role.ADMIN)
T = datetime(2026, 11, 23, 2, tzinfo=UTC)
ORDER = WorkOrder(
    1, "YY-20261123-0001", "占道经营", "", Category.STOREFRONT_OCCUPATION, Priority.NORMAL,
    S.REPORTED, "G21", None, None, None, "operator", "console", T, T, None, None, None,
    False, False, 0, EscalationLevel.GRID, 1,
)  # fmt: skip


def at(state: S, grid: str = "G21", unit: str | None = "law-youyi") -> WorkOrder:
    return replace(ORDER, state=state, grid=grid, unit=unit)


def test_every_lifecycle_verb_has_a_row() -> None:
    assert set(MOVES.values()) <= set(RIGHTS)
    assert all(Role.ADMIN in roles for roles in RIGHTS.values())


@pytest.mark.parametrize(
    ("state", "operator", "supervisor", "officer"),
    [
        (S.REPORTED, [S.FILED, S.NOT_FILED], [], []),  # 受理: the centre's
        (S.FILED, [S.DISPATCHED], [], []),
        (S.DISPATCHED, [S.ACKNOWLEDGED, S.RETURNED], [S.ACKNOWLEDGED, S.RETURNED],
         [S.ACKNOWLEDGED, S.RETURNED]),
        (S.IN_PROGRESS, [S.RESOLVED, S.EXTENDED, S.PARKED, S.RETURNED],
         [S.RESOLVED, S.EXTENDED, S.PARKED, S.RETURNED],
         [S.RESOLVED, S.EXTENDED, S.PARKED, S.RETURNED]),
        (S.RESOLVED, [S.CLOSED, S.IN_PROGRESS], [S.CLOSED, S.IN_PROGRESS], []),  # 核查
        (S.PARKED, [S.IN_PROGRESS, S.CLOSED], [S.IN_PROGRESS, S.CLOSED], [S.IN_PROGRESS]),
        (S.CLOSED, [S.ARCHIVED], [], []),
        (S.ARCHIVED, [S.IN_PROGRESS], [], []),  # reopening: the centre's
    ],
)  # fmt: skip
def test_allowed_moves_per_role(
    state: S, operator: list[S], supervisor: list[S], officer: list[S]
) -> None:
    order = at(state)
    assert allowed_moves(OPERATOR, order) == operator
    assert allowed_moves(ADMIN, order) == operator
    assert allowed_moves(SUPERVISOR, order) == supervisor
    assert allowed_moves(OFFICER, order) == officer


def test_scope_grid_for_supervisors_unit_for_officers() -> None:
    elsewhere = at(S.IN_PROGRESS, grid="G11")
    assert allowed_moves(SUPERVISOR, elsewhere) == []
    assert allowed_moves(OPERATOR, elsewhere) != []
    other_unit = at(S.IN_PROGRESS, unit="grid-g21")
    assert allowed_moves(OFFICER, other_unit) == []
    assert allowed_moves(replace(OFFICER, unit=None), at(S.IN_PROGRESS)) == []
    assert allowed_moves(OFFICER, elsewhere) != []  # officers work every grid
    with pytest.raises(PermissionDeniedError, match="not in your grid cells"):
        require_move(SUPERVISOR, elsewhere, S.RESOLVED)
    with pytest.raises(PermissionDeniedError, match="may not move"):
        require_move(OFFICER, other_unit, S.RESOLVED)
    with pytest.raises(PermissionDeniedError, match="may not move"):
        require_move(SUPERVISOR, at(S.REPORTED), S.FILED)
    require_move(SUPERVISOR, at(S.RESOLVED), S.CLOSED)  # no error


def test_rights_beside_the_lifecycle() -> None:
    require(SUPERVISOR, RAISE, "G21")
    require(OFFICER, RAISE, "G33")
    require(OFFICER, ALARM_ACK, "G11")
    require(SUPERVISOR, ALARM_RESET, "G21")
    refused = [
        (SUPERVISOR, RAISE, "G11"),  # another grid
        (SUPERVISOR, ALARM_ACK, None),  # an alarm placed in no grid
        (OFFICER, ALARM_FALSE, "G11"),
        (OFFICER, ESCALATE, "G21"),
        (SUPERVISOR, SUPERVISE, "G21"),  # 督办 is the centre's
        (OPERATOR, MANAGE_USERS, None),
    ]
    for principal, action, grid in refused:
        with pytest.raises(PermissionDeniedError):
            require(principal, action, grid)
    require(ADMIN, MANAGE_USERS, None)


def test_supervise_and_escalate_while_open_and_below_the_top() -> None:
    order = at(S.IN_PROGRESS)
    assert order_actions(OPERATOR, order) == [SUPERVISE, ESCALATE]
    assert order_actions(SUPERVISOR, order) == [ESCALATE]
    assert order_actions(OFFICER, order) == []
    assert order_actions(SUPERVISOR, at(S.IN_PROGRESS, grid="G11")) == []
    assert order_actions(OPERATOR, replace(order, escalation=EscalationLevel.DISTRICT)) == [
        SUPERVISE
    ]
    assert order_actions(OPERATOR, at(S.CLOSED)) == []


def test_file_and_dispatch_is_the_centres_on_a_reported_order() -> None:
    assert order_actions(OPERATOR, at(S.REPORTED)) == [CONFIRM, SUPERVISE, ESCALATE]
    assert order_actions(ADMIN, at(S.REPORTED))[0] == CONFIRM
    assert CONFIRM not in order_actions(SUPERVISOR, at(S.REPORTED))  # filing is the centre's
    assert CONFIRM not in order_actions(OPERATOR, at(S.FILED))


def test_an_alarms_order_is_suggested_by_its_device_kind_and_severity() -> None:
    from services.domain import Category, Priority, category_for_kind, priority_for_severity

    assert category_for_kind("elevator") is Category.ELEVATOR_FAULT
    assert category_for_kind("eagle_eye") is Category.OTHER
    assert [priority_for_severity(s) for s in (1, 2, 3, 4)] == [
        Priority.NORMAL,
        Priority.NORMAL,
        Priority.URGENT,
        Priority.CRITICAL,
    ]
