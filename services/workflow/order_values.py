"""What a step sets on a work order's row: the lifecycle's fields, the deadline
clock of the stage it starts, and the checks of what it refers to."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, bindparam, select

from services.db.models import GridCell, table_of
from services.domain import CLOSED_STATES, Category, DeadlineStage, OrderState, Outcome, Priority
from services.errors import TransitionError, UnknownGridError, ValidationError
from services.workflow.deadlines import DeadlineTable
from services.workflow.routing import Router, check_unit

if TYPE_CHECKING:
    from services.workflow.orders import Move

S = OrderState
_grids = table_of(GridCell)
_GRIDS_KNOWN = select(_grids.c.code).where(_grids.c.code.in_(bindparam("codes", expanding=True)))


def move_values(
    conn: Connection,
    deadlines: DeadlineTable,
    router: Router,
    cur: Row[Any],
    move: Move,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, str]]:
    target, state = move.target, S(cur.state)
    values: dict[str, Any] = {"state": target, "is_open": target not in CLOSED_STATES}
    data: dict[str, str] = {}
    category = Category(move.category or cur.category)
    priority = Priority(move.priority or cur.priority)
    if target is S.FILED:
        grid = move.grid or cur.grid_code
        check_grids(conn, {grid})
        values.update(category=category, priority=priority, grid_code=grid, unit_code=None)
        values.update(clock(deadlines, DeadlineStage.DISPATCH, category, priority, now))
    elif target is S.DISPATCHED:
        unit = move.unit or router.route(
            conn, category, priority, cur.grid_code, cur.community_code
        )
        check_unit(conn, unit)
        values["unit_code"] = data["unit"] = unit
        values.update(clock(deadlines, DeadlineStage.ACKNOWLEDGE, category, priority, now))
    elif target is S.RETURNED:
        data["unit"] = cur.unit_code or ""
        values.update(clock(deadlines, DeadlineStage.DISPATCH, category, priority, now))
    elif target is S.ACKNOWLEDGED or (
        target is S.IN_PROGRESS and state is not S.ACKNOWLEDGED and state is not S.EXTENDED
    ):
        # The handling clock starts at acceptance, and again after a rework,
        # a parked order taken up, or a reopening.
        values.update(clock(deadlines, DeadlineStage.HANDLE, category, priority, now))
        if state is S.ARCHIVED:
            values["outcome"] = None
    elif target is S.EXTENDED:
        values.update(extension(cur, move.extend_to, now))
        data["due_at"] = values["due_at"].isoformat()
    elif target in (S.PARKED, S.RESOLVED, S.CLOSED, S.NOT_FILED):
        values.update(no_clock())
    if target is S.CLOSED:
        if move.outcome is None:
            raise ValidationError("closing needs an outcome: " + ", ".join(Outcome))
        values["outcome"] = data["outcome"] = Outcome(move.outcome)
    return values, data


def clock(
    deadlines: DeadlineTable,
    stage: DeadlineStage,
    category: Category,
    priority: Priority,
    start: datetime,
) -> dict[str, Any]:
    d = deadlines.deadline(category, priority, stage, start)
    return {
        "deadline_stage": stage,
        "stage_started_at": start,
        "due_at": d.due_at,
        "near_due_at": d.near_due_at,
        "overdue": False,
        "near_due": False,
    }


def extension(cur: Row[Any], extend_to: datetime | None, now: datetime) -> dict[str, Any]:
    if extend_to is None:
        raise ValidationError("an extension needs the new deadline")
    if cur.due_at is not None and now >= cur.due_at:
        raise TransitionError("an extension must be asked before the deadline has passed")
    if cur.due_at is not None and extend_to <= cur.due_at:
        raise ValidationError("the new deadline must be later than the current one")
    start = cur.stage_started_at or now
    near = start + (extend_to - start) * 0.8
    return {"due_at": extend_to, "near_due_at": near, "overdue": False, "near_due": False}


def no_clock() -> dict[str, Any]:
    return {
        "deadline_stage": None,
        "stage_started_at": None,
        "due_at": None,
        "near_due_at": None,
        "overdue": False,
        "near_due": False,
    }


def check_grids(conn: Connection, codes: set[str]) -> None:
    known = set(conn.execute(_GRIDS_KNOWN, {"codes": sorted(codes)}).scalars())
    for code in sorted(codes - known):
        raise UnknownGridError(code)
