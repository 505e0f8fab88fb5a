"""The work-order desk's view of the store, for one signed-in user.

Pages of orders newest first by keyset (created_at, id), every filter of
``OrderFilter`` in SQL and the user's grid scope with it: a supervisor asking
for another grid's orders gets none.  Moves, raising and raising from an alarm
check the user's rights (services.access.permissions) before the work-order service
does the rest.

"My orders" are those the user reported or last changed (``reporter`` or
``updated_by``): two columns of the order row itself, each with an index
(migration 0003), so the filter costs no join with the history.  An order the
user handled and someone else moved on since is no longer "mine"; its history
still names the user.  Open orders of every grid cell walk the partial index
of open orders (0003); one grid's, the older ``ix_work_orders_open_grid``.

Text search: a search that looks like an order number (``YY-2026…``) is a
number-prefix search served by the unique index on ``number`` (a range, so it
works under any database collation); other words are looked for in the title
and description.  A day (``raised_on``, a local day of the district) is a range
of ``created_at``, from its local midnight to the next.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, Select, bindparam, func, or_, select, text, union

from services.access.permissions import (
    ATTACH,
    CONFIRM,
    ESCALATE,
    RAISE,
    SUPERVISE,
    allowed_moves,
    order_actions,
    require,
    require_move,
    require_on_order,
    sees_grid,
)
from services.db.evidence_models import EvidenceLink
from services.db.models import Alarm, WorkOrder, table_of
from services.db.store import Tx
from services.db.types import UTCDateTime
from services.domain import OrderAction, OrderEvent, OrderFilter, OrderState, Principal
from services.domain import WorkOrder as OrderView
from services.errors import ConflictError, NotFoundError, PermissionDeniedError
from services.stats.buckets import day_range
from services.workflow.order_rows import OPEN, to_view
from services.workflow.orders import Move, NewOrder, Raise, WorkOrderService

_orders = table_of(WorkOrder)
_alarms = table_of(Alarm)
_links = table_of(EvidenceLink)
_c = _orders.c
PAGE = 100
COUNT_CAP = 10_000
_NEWEST = (_c.created_at.desc(), _c.id.desc())
_NUMBER = re.compile(r"[A-Za-z]{1,8}-[0-9][0-9-]*")


class OrderDesk:
    def __init__(self, orders: WorkOrderService, console: str = "gui") -> None:
        self.orders = orders
        self.store = orders.store
        self.console = console

    # --- reading ---------------------------------------------------------------

    def page(
        self,
        principal: Principal,
        flt: OrderFilter,
        after: tuple[datetime, int] | None = None,
        limit: int = PAGE,
    ) -> list[OrderView]:
        """Up to ``limit`` orders newest first, after the (created_at, id) of the
        previous page's last row."""
        query = self.page_query(principal, flt, after, limit)
        if query is None:
            return []
        with self.store.reading() as conn:
            return [to_view(r) for r in conn.execute(query)]

    def page_query(
        self,
        principal: Principal,
        flt: OrderFilter,
        after: tuple[datetime, int] | None = None,
        limit: int = PAGE,
    ) -> Select[Any] | None:
        """The SQL of ``page`` (None: nothing can match)."""
        conditions = self._conditions(principal, flt)
        if conditions is None:
            return None
        if after is not None:
            created = bindparam("created", after[0], type_=UTCDateTime)
            # "(created_at, id) < after", spelled so that both databases walk
            # the created_at index from there.
            conditions += [
                _c.created_at <= created,
                or_(_c.created_at < created, _c.id < bindparam("after_id", after[1])),
            ]
        n = bindparam("limit", limit, type_=Integer)
        mine = principal.login if flt.mine else None
        return _matching(conditions, mine, n, ordered=True).order_by(*_NEWEST).limit(n)

    def count(self, principal: Principal, flt: OrderFilter, cap: int = COUNT_CAP) -> int:
        """How many orders match, counting no further than ``cap`` (the status
        line says "10,000+" rather than scanning a million rows)."""
        conditions = self._conditions(principal, flt)
        if conditions is None:
            return 0
        n = bindparam("cap", cap, type_=Integer)
        mine = principal.login if flt.mine else None
        ids = _matching(conditions, mine, n, ordered=False).with_only_columns(_c.id).limit(n)
        with self.store.reading() as conn:
            found = conn.execute(select(func.count()).select_from(ids.subquery()))
            return int(found.scalar_one())

    def by_ids(self, principal: Principal, ids: list[int]) -> list[OrderView]:
        """These orders as they are now (those the user may see)."""
        if not ids:
            return []
        query = select(_orders).where(_c.id.in_(sorted(set(ids))))
        if principal.scoped:
            query = query.where(_c.grid_code.in_(sorted(principal.grids)))
        with self.store.reading() as conn:
            return [to_view(r) for r in conn.execute(query)]

    def units(self) -> list[tuple[str, str]]:
        """Every unit (code, name) a dispatch may name."""
        with self.store.reading() as conn:
            return [
                (c, n) for c, n in conn.execute(text("SELECT code, name FROM units ORDER BY code"))
            ]

    def get(self, principal: Principal, order_id: int) -> OrderView:
        order = self.orders.get(order_id)
        if not sees_grid(principal, order.grid):
            raise PermissionDeniedError(f"work order {order.number} is not in your grid cells")
        return order

    def history(self, principal: Principal, order_id: int) -> list[OrderEvent]:
        self.get(principal, order_id)
        return self.orders.history(order_id)

    def detail(
        self, principal: Principal, order_id: int
    ) -> tuple[OrderView, list[OrderEvent], list[OrderState], list[OrderAction]]:
        """The order, its history, the moves the user may take now and the other
        steps (``supervise``, ``escalate``)."""
        return self.detail_of(principal, self.get(principal, order_id))

    def detail_of(
        self, principal: Principal, order: OrderView
    ) -> tuple[OrderView, list[OrderEvent], list[OrderState], list[OrderAction]]:
        """``detail`` of an order just read or written (its history is one read)."""
        return (
            order,
            self.orders.history(order.id),
            allowed_moves(principal, order),
            order_actions(principal, order),
        )

    def evidence_count(self, order: OrderView) -> int:
        """How many evidence items are attached to the order (every role may know
        how many; opening them is the officers' and administrators')."""
        with self.store.reading() as conn:
            found = conn.execute(
                select(func.count()).select_from(_links).where(_links.c.order_id == order.id)
            )
            return int(found.scalar_one())

    def order_actions(self, principal: Principal, order: OrderView) -> list[OrderAction]:
        """``supervise`` / ``escalate`` where the user may take them on the order now."""
        return order_actions(principal, order)

    # --- writing ---------------------------------------------------------------

    def _checked(self, tx: Tx, principal: Principal, order_id: int, version: int) -> OrderView:
        """The order as this transaction reads it: one the user may see, at the
        version the user saw (else ConflictError), before any rule is judged."""
        row = tx.conn.execute(select(_orders).where(_c.id == order_id)).first()
        if row is None:
            raise NotFoundError(f"no work order with id {order_id}")
        order = to_view(row)
        if not sees_grid(principal, order.grid):
            raise PermissionDeniedError(f"work order {order.number} is not in your grid cells")
        if order.version != version:
            raise ConflictError(order.number, version, order.version, row.updated_by)
        return order

    def move(self, principal: Principal, order_id: int, move: Move, version: int) -> OrderView:
        """A move for the user, checked and written in one transaction."""
        with self.store.transaction() as tx:
            current = self._checked(tx, principal, order_id, version)
            require_move(principal, current, move.target)
            return self.orders.move_in(
                tx, order_id, move, version=version, actor=principal.actor(self.console)
            )

    def file_and_dispatch(self, principal: Principal, order_id: int, version: int) -> OrderView:
        """立案派遣: file a reported order and dispatch it to the unit routing picks,
        in one transaction (both steps in the history)."""
        with self.store.transaction() as tx:
            current = self._checked(tx, principal, order_id, version)
            if CONFIRM not in order_actions(principal, current):
                raise PermissionDeniedError(
                    f"a {principal.role.value} may not file and dispatch {current.number} "
                    f"({current.state.value})"
                )
            return self.orders.file_and_dispatch_in(
                tx, order_id, version=version, actor=principal.actor(self.console)
            )

    def escalate(self, principal: Principal, order_id: int, version: int, note: str) -> OrderView:
        """上报: one step up the ladder (grid → block → sub-district → district)."""
        require_on_order(principal, ESCALATE, self.get(principal, order_id))
        return self.orders.escalate(
            order_id, version=version, actor=principal.actor(self.console), note=note
        )

    def supervise(
        self, principal: Principal, order_id: int, version: int, level: int, note: str = ""
    ) -> OrderView:
        """督办 at level 1-3 (0 lifts it)."""
        require_on_order(principal, SUPERVISE, self.get(principal, order_id))
        return self.orders.supervise(
            order_id, level, version=version, actor=principal.actor(self.console), note=note
        )

    def attach(
        self, principal: Principal, order_id: int, refs: list[str], note: str = ""
    ) -> OrderView:
        """Pictures (a photo, a camera snapshot) added to an order the user can see
        and work: an officer only to orders dispatched to their unit."""
        order = self.get(principal, order_id)  # scope: another grid's order is not found
        require_on_order(principal, ATTACH, order)
        return self.orders.attach(order_id, refs, actor=principal.actor(self.console), note=note)

    def raise_order(self, principal: Principal, new: NewOrder) -> OrderView:
        require(principal, RAISE, new.grid)
        return self.orders.raise_order(new, principal.actor(self.console))

    def raise_from_alarm(self, principal: Principal, alarm_id: int, new: NewOrder) -> OrderView:
        """Raise an order for an alarm and link them (an alarm has one open order:
        if it has one already, that one is returned)."""
        require(principal, RAISE, new.grid)
        with self.store.transaction() as tx:
            has = tx.conn.execute(
                select(_alarms.c.work_order_id, _alarms.c.grid_code)
                .where(_alarms.c.id == alarm_id)
                .with_for_update()  # before the counter and the audit head: services.db.locks
            ).first()
            if has is None:
                raise NotFoundError(f"no alarm with id {alarm_id}")
            if not sees_grid(principal, has[1]):
                raise PermissionDeniedError(f"alarm {alarm_id} is not in your grid cells")
            if has[0] is not None:
                existing = tx.conn.execute(select(_orders).where(_c.id == has[0])).one()
                if existing.is_open:
                    return to_view(existing)
            raise_ = Raise(new, source_ref=f"alarm:{alarm_id}:manual")
            actor = principal.actor(self.console)
            return self.orders.raise_for_alarms_in(tx, [(alarm_id, raise_)], actor)[0]

    # --- inside ------------------------------------------------------------------

    def _conditions(self, principal: Principal, flt: OrderFilter) -> list[Any] | None:
        """The filter (but "mine") and the user's scope as WHERE terms; None when
        nothing can match (a supervisor asking only for other grids)."""
        where: list[Any] = []
        grids = set(flt.grids)
        if principal.scoped:
            grids = (grids & principal.grids) if grids else set(principal.grids)
            if not grids:
                return None
        if grids:
            where.append(_c.grid_code.in_(sorted(grids)))
        if flt.open_only:
            where.append(OPEN)
        if flt.states:
            where.append(_c.state.in_(sorted(s.value for s in flt.states)))
        if flt.categories:
            where.append(_c.category.in_(sorted(c.value for c in flt.categories)))
        if flt.priorities:
            where.append(_c.priority.in_(sorted(p.value for p in flt.priorities)))
        if flt.overdue_only:
            where.append(text("work_orders.overdue"))
        if flt.raised_on is not None:
            where += _raised_on(flt.raised_on)
        words = flt.text.strip()
        if _NUMBER.fullmatch(words):
            where += _number_prefix(words.upper())
        elif words:
            like = f"%{_escape(words)}%"
            where.append(
                or_(
                    _c.number.startswith(words, autoescape=True),
                    _c.title.like(like, escape="\\"),
                    _c.description.like(like, escape="\\"),
                )
            )
        return where


def _matching(where: list[Any], mine: str | None, n: Any, *, ordered: bool) -> Select[Any]:
    """The orders matching ``where`` (and reported or last changed by ``mine``).

    "Mine" is two index walks, one per column, each stopping after ``n`` rows,
    then their union: fast for a user with a handful of orders and for one
    with half a million alike, whatever the planner guesses."""
    if mine is None:
        return select(_orders).where(*where)
    branches = []
    for column in (_c.reporter, _c.updated_by):
        branch = select(_c.id).where(*where, column == mine)
        branches.append(
            select((branch.order_by(*_NEWEST) if ordered else branch).limit(n).subquery())
        )
    ids = union(*branches).subquery()
    return select(_orders).join(ids, ids.c.id == _c.id)


def _raised_on(day: date) -> list[Any]:
    """Orders raised on a local day: created_at from its midnight (in UTC) up to
    the next one, a range the created_at indexes serve."""
    since, until = day_range(day, day)
    return [
        _c.created_at >= bindparam("day_since", since, type_=UTCDateTime),
        _c.created_at < bindparam("day_until", until, type_=UTCDateTime),
    ]


def _number_prefix(prefix: str) -> list[Any]:
    """Numbers starting with ``prefix`` (letters, digits and dashes): a range the
    unique index on ``number`` serves under any collation, and LIKE to be exact.

    The upper bound is the prefix's successor with its trailing dashes, nines
    and Zs dropped ("YY-2029" -> "YY-203"), since some collations skip
    punctuation when they compare."""
    conditions = [_c.number >= prefix, _c.number.like(_escape(prefix) + "%", escape="\\")]
    head = prefix.rstrip("-9Z")
    if head:
        conditions.append(_c.number < head[:-1] + chr(ord(head[-1]) + 1))
    return conditions


def _escape(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
