"""Who may do what, enforced in services: one table of rights, two scopes.

The table follows DESIGN.md's lifecycle (数字城管: 受理 → 立案 → 派遣 → 处置 →
反馈 → 核查 → 结案):

- the dispatch centre's operator (指挥中心值班员) receives, files or refuses,
  dispatches and re-files, archives and reopens; checks the result (核查结案,
  退回重办); supervises (督办) and escalates; acts on every alarm.  The centre
  may also take the assignee's steps, standing in for a unit without a console;
- the grid supervisor (网格长) raises orders, takes the handling steps, checks
  results and escalates, and acknowledges, shelves, resets or dismisses alarms;
  only in their own grid cells (``Principal.grids``);
- the law-enforcement officer (执法队员) reads every grid, raises orders (mobile
  evidence) and takes the assignee's steps (签收, 开始处置, 反馈结果, 申请延期,
  挂账, 退单) on orders dispatched to their own unit; of the alarm actions only
  acknowledging;
- the administrator may do everything, and manages the accounts.

Move actions are the lifecycle's verbs (``services.domain.MOVES``).
"""

from __future__ import annotations

from services.domain import (
    ALLOWED,
    ESCALATION_LADDER,
    MOVES,
    MoveAction,
    OrderAction,
    OrderState,
    Principal,
    Role,
    WorkOrder,
)
from services.errors import PermissionDeniedError

RAISE = "raise"
SUPERVISE, ESCALATE = OrderAction.SUPERVISE, OrderAction.ESCALATE
#: 立案派遣: file a reported order and dispatch it as routed, in one step (the
#: operator's confirmation of an order a rule raised); the rights of both.
CONFIRM = OrderAction.FILE_AND_DISPATCH
ALARM_ACK, ALARM_SHELVE, ALARM_RESET, ALARM_FALSE = (
    "alarm.acknowledge",
    "alarm.shelve",
    "alarm.reset",
    "alarm.false_alarm",
)
MANAGE_USERS = "users.manage"
#: Evidence (取证): officers and administrators take it in, open, review, attach
#: and export it; everyone else sees only that an order has evidence, and how much.
EVIDENCE = "evidence.open"
EVIDENCE_COUNT = "evidence.count"
#: Add pictures to an order (a photo, a camera snapshot): an officer only to
#: their own unit's orders, like the assignee's steps.
ATTACH = "attach"

_M = MoveAction
_C, _G, _O, _A = Role.OPERATOR, Role.SUPERVISOR, Role.OFFICER, Role.ADMIN
_CENTRE = frozenset({_C, _A})
_CHECKERS = frozenset({_C, _G, _A})
_EVERYONE = frozenset(Role)

#: action -> the roles that may take it.
RIGHTS: dict[str, frozenset[Role]] = {
    # 受理 立案 派遣, 归档, 重新打开: the dispatch centre
    _M.FILE: _CENTRE,
    _M.REFUSE: _CENTRE,
    _M.DISPATCH: _CENTRE,
    _M.REFILE: _CENTRE,
    _M.ARCHIVE: _CENTRE,
    _M.REOPEN: _CENTRE,
    # 签收 处置 反馈 (and 延期, 挂账, 退单): the assignee
    _M.ACKNOWLEDGE: _EVERYONE,
    _M.START: _EVERYONE,
    _M.REPORT_RESULT: _EVERYONE,
    _M.EXTEND: _EVERYONE,
    _M.PARK: _EVERYONE,
    _M.RETURN: _EVERYONE,
    _M.RESUME: _EVERYONE,
    # 核查结案, 退回重办, 挂账结案
    _M.VERIFY_CLOSE: _CHECKERS,
    _M.REWORK: _CHECKERS,
    _M.CLOSE: _CHECKERS,
    # beside the lifecycle
    RAISE: _EVERYONE,
    CONFIRM: _CENTRE,  # as filing and dispatching
    SUPERVISE: _CENTRE,
    ESCALATE: _CHECKERS,
    ALARM_ACK: _EVERYONE,
    ALARM_SHELVE: _CHECKERS,
    ALARM_RESET: _CHECKERS,
    ALARM_FALSE: _CHECKERS,
    MANAGE_USERS: frozenset({_A}),
    EVIDENCE: frozenset({_O, _A}),
    EVIDENCE_COUNT: _EVERYONE,
    ATTACH: _EVERYONE,
}

#: The assignee's steps: an officer takes them only on their own unit's orders.
ASSIGNEE_ACTIONS = frozenset(
    {_M.ACKNOWLEDGE, _M.START, _M.REPORT_RESULT, _M.EXTEND, _M.PARK, _M.RETURN, _M.RESUME, ATTACH}
)


def sees_grid(principal: Principal, grid: str | None) -> bool:
    """May the user see (and work) things in this grid cell?"""
    return not principal.scoped or grid in principal.grids


def may(principal: Principal, action: str, grid: str | None) -> bool:
    return principal.role in RIGHTS[action] and sees_grid(principal, grid)


def may_on_order(principal: Principal, action: str, order: WorkOrder) -> bool:
    if not may(principal, action, order.grid):
        return False
    if principal.role is Role.OFFICER and action in ASSIGNEE_ACTIONS:
        return principal.unit is not None and order.unit == principal.unit
    return True


def may_move(principal: Principal, order: WorkOrder, target: OrderState) -> bool:
    if target not in ALLOWED[order.state]:
        return False
    return may_on_order(principal, MOVES[(order.state, target)], order)


def allowed_moves(principal: Principal, order: WorkOrder) -> list[OrderState]:
    """The moves the user may take on the order now, in the lifecycle's order."""
    return [t for t in ALLOWED[order.state] if may_move(principal, order, t)]


def order_actions(principal: Principal, order: WorkOrder) -> list[OrderAction]:
    """Besides moves: ``file_and_dispatch`` (a reported order), ``supervise`` and
    ``escalate``, where the user may take them now."""
    if not order.is_open:
        return []
    wanted: list[OrderAction] = [CONFIRM] if order.state is OrderState.REPORTED else []
    wanted.append(SUPERVISE)
    if order.escalation is not ESCALATION_LADDER[-1]:
        wanted.append(ESCALATE)
    return [a for a in wanted if may_on_order(principal, a, order)]


def require(principal: Principal, action: str, grid: str | None) -> None:
    """PermissionDeniedError unless the user's role has ``action`` in ``grid``."""
    if principal.role not in RIGHTS[action]:
        raise PermissionDeniedError(f"a {principal.role.value} may not {action}")
    if not sees_grid(principal, grid):
        raise PermissionDeniedError(f"grid cell {grid} is not one of yours")


def require_on_order(principal: Principal, action: str, order: WorkOrder) -> None:
    require(principal, action, order.grid)
    if not may_on_order(principal, action, order):
        raise PermissionDeniedError(
            f"work order {order.number} is not dispatched to your unit ({action})"
        )


def require_move(principal: Principal, order: WorkOrder, target: OrderState) -> None:
    if not sees_grid(principal, order.grid):
        raise PermissionDeniedError(f"work order {order.number} is not in your grid cells")
    if not may_move(principal, order, target):
        raise PermissionDeniedError(
            f"a {principal.role.value} may not move {order.number} "
            f"from {order.state.value} to {target.value}"
        )
