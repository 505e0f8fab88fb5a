"""Who may do what: the roles' rights over work orders, enforced in services.

- operator (指挥中心值班员): every grid, every move — the dispatch centre drives
  an order from report to close and stands in for units without a console;
- supervisor (网格长): every move, but only on the orders of their grid cells;
- officer (执法队员): the assignee's moves (acknowledge, start, report the
  result, ask for an extension, park, return) on orders dispatched to their
  unit, or to any unit when they belong to none; reads every order;
- admin: everything.
"""

from __future__ import annotations

from services.domain import OrderState, Principal, Role, WorkOrder
from services.errors import PermissionDeniedError
from services.workflow.states import ACTION, ALLOWED

S = OrderState
#: The actions (services.workflow.states.ACTION) an officer may take.
ASSIGNEE_ACTIONS = frozenset({"acknowledge", "start", "report_result", "extend", "park", "return"})
#: Besides moves: raising orders, supervising (督办) and escalating.
RAISE, SUPERVISE, ESCALATE = "raise", "supervise", "escalate"
EXTRA_RIGHTS: dict[Role, frozenset[str]] = {
    Role.OPERATOR: frozenset({RAISE, SUPERVISE, ESCALATE}),
    Role.SUPERVISOR: frozenset({RAISE, SUPERVISE, ESCALATE}),
    Role.OFFICER: frozenset({RAISE}),
    Role.ADMIN: frozenset({RAISE, SUPERVISE, ESCALATE}),
}


def sees_grid(principal: Principal, grid: str | None) -> bool:
    return not principal.scoped or grid in principal.grids


def may_move(principal: Principal, order: WorkOrder, target: OrderState) -> bool:
    if target not in ALLOWED[order.state] or not sees_grid(principal, order.grid):
        return False
    if principal.role is Role.OFFICER:
        mine = principal.unit is None or order.unit == principal.unit
        return mine and ACTION[(order.state, target)] in ASSIGNEE_ACTIONS
    return True


def allowed_moves(principal: Principal, order: WorkOrder) -> list[OrderState]:
    """The moves the user may take on the order now, in the lifecycle's order."""
    return [t for t in ALLOWED[order.state] if may_move(principal, order, t)]


def require_move(principal: Principal, order: WorkOrder, target: OrderState) -> None:
    if not sees_grid(principal, order.grid):
        raise PermissionDeniedError(f"work order {order.number} is not in your grid cells")
    if not may_move(principal, order, target):
        raise PermissionDeniedError(
            f"a {principal.role.value} may not move {order.number} "
            f"from {order.state.value} to {target.value}"
        )


def require(principal: Principal, right: str, grid: str | None) -> None:
    if right not in EXTRA_RIGHTS[principal.role]:
        raise PermissionDeniedError(f"a {principal.role.value} may not {right}")
    if not sees_grid(principal, grid):
        raise PermissionDeniedError(f"grid cell {grid} is not one of yours")
