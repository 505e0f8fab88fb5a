"""Work orders: raise, move through the lifecycle, escalate, supervise, read.

Every write is one transaction that updates the order only if its version is
still the one the caller read (else ConflictError, nothing written), appends
the history event and the audit entry, and sends the change notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Row, bindparam, select, update

from services.db.bulk import insert_rows, update_rows
from services.db.models import Alarm, GridCell, WorkOrder, WorkOrderEvent, table_of
from services.db.store import Store, Tx
from services.domain import (
    ESCALATION_LADDER,
    NOTE_REQUIRED,
    Actor,
    Category,
    Change,
    DeadlineStage,
    EscalationLevel,
    OrderEvent,
    OrderState,
    Outcome,
    Priority,
)
from services.domain import WorkOrder as OrderView
from services.errors import (
    ConflictError,
    NotFoundError,
    TransitionError,
    ValidationError,
)
from services.text_rules import check_line, check_text
from services.workflow.deadlines import DeadlineTable
from services.workflow.numbering import next_numbers
from services.workflow.order_rows import open_orders_query, to_event, to_view
from services.workflow.order_steps import NOTE_MAX, Step, record_steps
from services.workflow.order_values import check_grids, clock, move_values, no_clock
from services.workflow.routing import Router, check_units
from services.workflow.states import check_move

log = logging.getLogger(__name__)

S = OrderState
_orders = table_of(WorkOrder)
_events = table_of(WorkOrderEvent)
_grids = table_of(GridCell)
_alarms = table_of(Alarm)
TITLE_MAX = 200

# Statements built once: building them per call costs more than running them.
_BY_ID = select(_orders).where(_orders.c.id == bindparam("oid"))
_UPDATE_ORDER = (
    update(_orders)
    .where(_orders.c.id == bindparam("oid"), _orders.c.version == bindparam("expected"))
    .returning(*_orders.c)
)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NewOrder:
    """What a person (or a rule) gives to raise an order."""

    title: str
    grid: str
    category: Category = Category.OTHER
    priority: Priority = Priority.NORMAL
    description: str = ""
    community: str | None = None
    lon: float | None = None
    lat: float | None = None
    source: str = "manual"


@dataclass(frozen=True)
class Raise:
    """One order to raise in bulk: what it is, what raised it (one order per
    source, by a unique index), and the unit to file and dispatch it to at once."""

    new: NewOrder
    source_ref: str | None = None
    dispatch_to: str | None = None


@dataclass(frozen=True)
class Move:
    """A lifecycle move and what it carries."""

    target: OrderState
    note: str = ""
    attachments: Sequence[str] = ()
    unit: str | None = None  # dispatch: override the routing
    category: Category | None = None  # filing may correct these
    priority: Priority | None = None
    grid: str | None = None
    outcome: Outcome | None = None  # closing
    extend_to: datetime | None = None  # extension


class WorkOrderService:
    def __init__(
        self,
        store: Store,
        *,
        deadlines: DeadlineTable | None = None,
        router: Router | None = None,
        prefix: str = "YY",
        tz: ZoneInfo | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.deadlines = deadlines or DeadlineTable.load()
        self.router = router or Router.load()
        self.prefix = prefix
        self.tz = tz or self.deadlines.calendar.tz
        self.clock = clock

    # --- writing -------------------------------------------------------------

    def raise_order(self, new: NewOrder, actor: Actor) -> OrderView:
        """上报: a new order in state ``reported``."""
        with self.store.transaction() as tx:
            return self.raise_in(tx, new, actor)

    def raise_in(
        self, tx: Tx, new: NewOrder, actor: Actor, source_ref: str | None = None
    ) -> OrderView:
        """Raise inside the caller's transaction (e.g. a rule during ingestion);
        ``source_ref`` names what raised it: one order per source, by a unique index."""
        return self.raise_many_in(tx, [Raise(new, source_ref)], actor)[0]

    def raise_many_in(self, tx: Tx, raises: Sequence[Raise], actor: Actor) -> list[OrderView]:
        """Raise orders inside the caller's transaction, in bulk (the rules of one
        ingest batch): numbered with one counter update, inserted in one
        statement, their history and audit entries written once for all.  A
        ``Raise`` with ``dispatch_to`` is filed and dispatched at once (three
        steps in its history, as if moved one by one)."""
        if not raises:
            return []
        titles = [_title(r.new.title) for r in raises]
        now = self.clock()
        check_grids(tx.conn, {r.new.grid for r in raises})
        check_units(tx.conn, {r.dispatch_to for r in raises if r.dispatch_to})
        numbers = next_numbers(tx.conn, self.prefix, now, self.tz, len(raises))
        values = [
            self._new_row(r, title, number, actor, now)
            for r, title, number in zip(raises, titles, numbers, strict=True)
        ]
        rows = insert_rows(tx.conn, _orders, values, returning=list(_orders.c))
        steps = [step for row, r in zip(rows, raises, strict=True) for step in _raised(row, r)]
        record_steps(tx, steps, actor, now)
        return [to_view(row) for row in rows]

    def raise_for_alarms_in(
        self, tx: Tx, raises: Sequence[tuple[int, Raise]], actor: Actor
    ) -> list[OrderView]:
        """Raise an order for each alarm and link the alarm to it: the rules' for a
        whole ingest batch and a person's for one alarm alike.  The caller holds
        the alarm rows (services.db.locks) and knows they have no open order."""
        orders = self.raise_many_in(tx, [r for _, r in raises], actor)
        links = [
            {"id": alarm_id, "work_order_id": o.id}
            for (alarm_id, _), o in zip(raises, orders, strict=True)
        ]
        update_rows(tx.conn, _alarms, "id", links)
        linked = tuple(sorted(alarm_id for alarm_id, _ in raises))
        if linked:  # the queues show each alarm's order
            tx.notify(Change("alarms", linked[-1], 0, "batch", actor.console, ids=linked))
        return orders

    def file_and_dispatch_in(
        self, tx: Tx, order_id: int, *, version: int, actor: Actor
    ) -> OrderView:
        """立案派遣: file a reported order and dispatch it to the unit routing picks,
        both steps in its history."""
        filed = self.move_in(tx, order_id, Move(S.FILED), version=version, actor=actor)
        return self.move_in(tx, order_id, Move(S.DISPATCHED), version=filed.version, actor=actor)

    def _new_row(
        self, r: Raise, title: str, number: str, actor: Actor, now: datetime
    ) -> dict[str, Any]:
        new = r.new
        category, priority = Category(new.category), Priority(new.priority)
        row: dict[str, Any] = dict(
            number=number,
            title=title,
            description=_note(new.description),
            category=category,
            priority=priority,
            state=S.REPORTED,
            is_open=True,
            grid_code=new.grid,
            community_code=new.community,
            unit_code=None,
            reporter=actor.user,
            source=new.source,
            lon=new.lon,
            lat=new.lat,
            created_at=now,
            updated_at=now,
            updated_by=actor.user,
            escalation=EscalationLevel.GRID,
            version=1,
            supervised=0,
            late=False,
            source_ref=r.source_ref,
            **no_clock(),
        )
        if r.dispatch_to:
            row.update(state=S.DISPATCHED, unit_code=r.dispatch_to, version=3)
            row.update(clock(self.deadlines, DeadlineStage.ACKNOWLEDGE, category, priority, now))
        return row

    def move(self, order_id: int, move: Move, *, version: int, actor: Actor) -> OrderView:
        """Move an order along the lifecycle, from the copy at ``version``."""
        with self.store.transaction() as tx:
            return self.move_in(tx, order_id, move, version=version, actor=actor)

    def move_in(
        self, tx: Tx, order_id: int, move: Move, *, version: int, actor: Actor
    ) -> OrderView:
        """``move`` inside the caller's transaction."""
        now = self.clock()
        current = self._current(tx.conn, order_id, version)
        state = S(current.state)
        action = check_move(state, move.target)
        if (state, move.target) in NOTE_REQUIRED and not move.note.strip():
            raise ValidationError(f"{action} needs a note saying why")
        values, data = move_values(tx.conn, self.deadlines, self.router, current, move, now)
        row = self.update_row(tx.conn, current, version, actor, now, values)
        self.record(
            tx, row, actor, now, action, state, move.target, move.note, move.attachments, data
        )
        return to_view(row)

    def escalate(self, order_id: int, *, version: int, actor: Actor, note: str) -> OrderView:
        """上报: one step up the ladder grid → block → sub-district → district."""
        now = self.clock()
        with self.store.transaction() as tx:
            current = self._current(tx.conn, order_id, version)
            level = next_level(EscalationLevel(current.escalation))
            if level is None:
                raise TransitionError("the order is already escalated to the district")
            if not note.strip():
                raise ValidationError("escalate needs a note saying why")
            row = self.update_row(tx.conn, current, version, actor, now, {"escalation": level})
            self.record(
                tx, row, actor, now, "escalate", None, None, note, (), {"level": level.value}
            )
        return to_view(row)

    def supervise(
        self, order_id: int, level: int, *, version: int, actor: Actor, note: str = ""
    ) -> OrderView:
        """督办 at level 1-3 (0 lifts it)."""
        if level not in (0, 1, 2, 3):
            raise ValidationError("supervision level must be 0, 1, 2 or 3")
        now = self.clock()
        with self.store.transaction() as tx:
            current = self._current(tx.conn, order_id, version)
            row = self.update_row(tx.conn, current, version, actor, now, {"supervised": level})
            self.record(
                tx, row, actor, now, "supervise", None, None, note, (), {"level": str(level)}
            )
        return to_view(row)

    def attach(
        self, order_id: int, refs: Sequence[str], *, actor: Actor, note: str = ""
    ) -> OrderView:
        """Add pictures (``att:`` references) to an open order as a step of its own
        history.  Evidence does not depend on the copy the user saw, so this takes
        the order as it is now rather than refusing a stale version."""
        if not refs:
            raise ValidationError("attach needs at least one picture")
        now = self.clock()
        with self.store.transaction() as tx:
            row = tx.conn.execute(_BY_ID, {"oid": order_id}).first()
            if row is None:
                raise NotFoundError(f"no work order with id {order_id}")
            if not row.is_open:
                raise TransitionError(f"work order {row.number} is closed: nothing more to attach")
            row = self.update_row(tx.conn, row, row.version, actor, now, {})
            self.record(tx, row, actor, now, "attach", None, None, note, refs, {})
        return to_view(row)

    # --- reading -------------------------------------------------------------

    def get(self, order_id: int) -> OrderView:
        return self._one(_orders.c.id == order_id, f"no work order with id {order_id}")

    def by_number(self, number: str) -> OrderView:
        return self._one(_orders.c.number == number, f"no work order {number}")

    def _one(self, where: Any, missing: str) -> OrderView:
        with self.store.reading() as conn:
            row = conn.execute(select(_orders).where(where)).first()
        if row is None:
            raise NotFoundError(missing)
        return to_view(row)

    def history(self, order_id: int) -> list[OrderEvent]:
        with self.store.reading() as conn:
            rows = conn.execute(
                select(_events).where(_events.c.order_id == order_id).order_by(_events.c.id)
            ).all()
        return [to_event(r) for r in rows]

    def open_orders(
        self, grid: str, limit: int = 50, after: tuple[datetime, int] | None = None
    ) -> list[OrderView]:
        """A page of a grid cell's open orders, newest first (keyset paging)."""
        query = open_orders_query(grid, limit, after)
        with self.store.reading() as conn:
            return [to_view(r) for r in conn.execute(query)]

    # --- inside a transaction --------------------------------------------------

    def _current(self, conn: Connection, order_id: int, version: int) -> Row[Any]:
        row = conn.execute(_BY_ID, {"oid": order_id}).first()
        if row is None:
            raise NotFoundError(f"no work order with id {order_id}")
        if row.version != version:
            raise ConflictError(row.number, version, row.version, row.updated_by)
        return row

    def update_row(
        self,
        conn: Connection,
        current: Row[Any],
        version: int,
        actor: Actor,
        now: datetime,
        values: dict[str, Any],
    ) -> Row[Any]:
        if is_late(current, now) or values.get("overdue"):
            values = {**values, "late": True}
        row = conn.execute(
            _UPDATE_ORDER,
            {
                "oid": current.id,
                "expected": version,
                "version": version + 1,
                "updated_at": now,
                "updated_by": actor.user,
                **values,
            },
        ).first()
        if row is None:  # changed between our read and our write
            fresh = conn.execute(_BY_ID, {"oid": current.id}).one()
            raise ConflictError(current.number, version, fresh.version, fresh.updated_by)
        return row

    def record(
        self,
        tx: Tx,
        row: Row[Any],
        actor: Actor,
        now: datetime,
        action: str,
        from_state: OrderState | None,
        to_state: OrderState | None,
        note: str,
        attachments: Sequence[str],
        data: dict[str, str],
    ) -> None:
        """History, audit entry and change notice of one step of ``row``."""
        step = Step(
            row.id, row.number, row.version, row.state, action, from_state, to_state, note,
            attachments, data,
        )  # fmt: skip
        record_steps(tx, [step], actor, now)


def is_late(row: Row[Any], now: datetime) -> bool:
    """A step at ``now`` finds the order late: flagged overdue, or past its due time
    (the flag, once set, stays through reopening: 按期办结 asks about the whole life)."""
    return bool(row.overdue) or (row.due_at is not None and now > row.due_at)


def _raised(row: Row[Any], r: Raise) -> list[Step]:
    """The steps of a newly raised order: raised, and filed and dispatched at once."""
    steps = [Step(row.id, row.number, 1, S.REPORTED, "raise", None, S.REPORTED, r.new.description)]
    if r.dispatch_to:
        steps += [
            Step(row.id, row.number, 2, S.FILED, check_move(S.REPORTED, S.FILED), S.REPORTED,
                 S.FILED),
            Step(row.id, row.number, 3, S.DISPATCHED, check_move(S.FILED, S.DISPATCHED), S.FILED,
                 S.DISPATCHED, data={"unit": r.dispatch_to}),
        ]  # fmt: skip
    return steps


def _title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError("a work order needs a title")
    if len(title) > TITLE_MAX:
        raise ValidationError(f"title longer than {TITLE_MAX} characters")
    return check_line("the title", title, TITLE_MAX)


def _note(note: str) -> str:
    return check_text("the note", note, NOTE_MAX)


def next_level(level: EscalationLevel) -> EscalationLevel | None:
    i = ESCALATION_LADDER.index(level)
    return ESCALATION_LADDER[i + 1] if i + 1 < len(ESCALATION_LADDER) else None
