"""Work-order rows as the domain's frozen records, and the desk's page query.

Conversion is by position: the desk converts thousands of rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Row, bindparam, select, text

from services.db.models import WorkOrder, table_of
from services.db.types import UTCDateTime
from services.domain import (
    Category,
    DeadlineStage,
    EscalationLevel,
    OrderEvent,
    OrderState,
    Outcome,
    Priority,
)
from services.domain import WorkOrder as OrderView

S = OrderState
_orders = table_of(WorkOrder)
#: Spelled as the partial indexes spell it, so that SQLite's planner uses them
#: (SQLAlchemy would render a Boolean column as ``is_open = 1``).
OPEN = text("work_orders.is_open")


def open_orders_query(grid: str, limit: int, after: tuple[datetime, int] | None = None) -> Any:
    """The desk's page query (used by the service, the benchmark and psql comparisons)."""
    params: dict[str, Any] = {"grid": grid, "limit": limit}
    if after is None:
        return _OPEN_PAGE.params(params)
    params.update(created=after[0], oid=after[1])
    return _OPEN_PAGE_AFTER.params(params)


_c = _orders.c
_OPEN_PAGE = (
    select(_orders)
    .where(_c.grid_code == bindparam("grid"), OPEN)
    .order_by(_c.created_at.desc(), _c.id.desc())
    .limit(bindparam("limit", type_=Integer))
)
_OPEN_PAGE_AFTER = _OPEN_PAGE.where(
    (_c.created_at < bindparam("created", type_=UTCDateTime))
    | ((_c.created_at == bindparam("created", type_=UTCDateTime)) & (_c.id < bindparam("oid")))
)


_POS = {column.key: i for i, column in enumerate(_orders.c)}
_P = [
    _POS[k]
    for k in (
        "id",
        "number",
        "title",
        "description",
        "category",
        "priority",
        "state",
        "grid_code",
        "unit_code",
        "community_code",
        "outcome",
        "reporter",
        "source",
        "created_at",
        "updated_at",
        "due_at",
        "near_due_at",
        "deadline_stage",
        "overdue",
        "near_due",
        "supervised",
        "escalation",
        "version",
    )
]


def to_view(row: Row[Any]) -> OrderView:
    """A full ``work_orders`` row as the domain's frozen record (by position: the
    desk converts thousands of these)."""
    (
        oid,
        number,
        title,
        description,
        category,
        priority,
        state,
        grid,
        unit,
        community,
        outcome,
        reporter,
        source,
        created_at,
        updated_at,
        due_at,
        near_due_at,
        stage,
        overdue,
        near_due,
        supervised,
        escalation,
        version,
    ) = [row[i] for i in _P]
    return OrderView(
        oid,
        number,
        title,
        description,
        Category(category),
        Priority(priority),
        S(state),
        grid,
        unit,
        community,
        Outcome(outcome) if outcome else None,
        reporter,
        source,
        created_at,
        updated_at,
        due_at,
        near_due_at,
        DeadlineStage(stage) if stage else None,
        bool(overdue),
        bool(near_due),
        supervised,
        EscalationLevel(escalation),
        version,
    )


def to_event(row: Row[Any]) -> OrderEvent:
    return OrderEvent(
        id=row.id,
        order_id=row.order_id,
        at=row.at,
        actor=row.actor,
        console=row.console,
        action=row.action,
        from_state=S(row.from_state) if row.from_state else None,
        to_state=S(row.to_state) if row.to_state else None,
        note=row.note,
        attachments=tuple(row.attachments or ()),
        data=dict(row.data or {}),
    )
