"""The work-order desk's view of the store, for one signed-in user.

Pages of orders newest first by keyset (created_at, id), every filter of
``OrderFilter`` in SQL and the user's grid scope with it: a supervisor asking
for another grid's orders gets none.  Moves, raising and raising from an alarm
check the user's rights (services.permissions) before the work-order service
does the rest.  "My orders" are those the user reported or last changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, bindparam, or_, select, text, update

from services.db.models import Alarm, WorkOrder, table_of
from services.db.types import UTCDateTime
from services.domain import OrderEvent, OrderFilter, Principal
from services.domain import WorkOrder as OrderView
from services.errors import ConflictError, NotFoundError, PermissionDeniedError
from services.permissions import RAISE, allowed_moves, require, require_move, sees_grid
from services.workflow.order_rows import OPEN, to_view
from services.workflow.orders import Move, NewOrder, WorkOrderService

_orders = table_of(WorkOrder)
_alarms = table_of(Alarm)
_c = _orders.c
PAGE = 100


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
        query = self._filtered(principal, flt)
        if query is None:
            return []
        if after is not None:
            created = bindparam("created", after[0], type_=UTCDateTime)
            query = query.where(
                (_c.created_at < created) | ((_c.created_at == created) & (_c.id < after[1]))
            )
        query = query.order_by(_c.created_at.desc(), _c.id.desc()).limit(
            bindparam("limit", limit, type_=Integer)
        )
        with self.store.reading() as conn:
            return [to_view(r) for r in conn.execute(query)]

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
    ) -> tuple[OrderView, list[OrderEvent], list[Any]]:
        """The order, its history and the moves the user may take now."""
        order = self.get(principal, order_id)
        return order, self.orders.history(order_id), allowed_moves(principal, order)

    # --- writing ---------------------------------------------------------------

    def move(self, principal: Principal, order_id: int, move: Move, version: int) -> OrderView:
        current = self.get(principal, order_id)
        if current.version != version:  # a stale copy: say so before judging the move
            raise ConflictError(current.number, version, current.version, None)
        require_move(principal, current, move.target)
        return self.orders.move(
            order_id, move, version=version, actor=principal.actor(self.console)
        )

    def raise_order(self, principal: Principal, new: NewOrder) -> OrderView:
        require(principal, RAISE, new.grid)
        return self.orders.raise_order(new, principal.actor(self.console))

    def raise_from_alarm(self, principal: Principal, alarm_id: int, new: NewOrder) -> OrderView:
        """Raise an order for an alarm and link them (an alarm has one open order:
        if it has one already, that one is returned)."""
        require(principal, RAISE, new.grid)
        with self.store.transaction() as tx:
            has = tx.conn.execute(
                select(_alarms.c.work_order_id).where(_alarms.c.id == alarm_id)
            ).first()
            if has is None:
                raise NotFoundError(f"no alarm with id {alarm_id}")
            if has[0] is not None:
                existing = tx.conn.execute(select(_orders).where(_c.id == has[0])).one()
                if existing.is_open:
                    return to_view(existing)
            order = self.orders.raise_in(
                tx, new, principal.actor(self.console), source_ref=f"alarm:{alarm_id}:manual"
            )
            tx.conn.execute(
                update(_alarms).where(_alarms.c.id == alarm_id).values(work_order_id=order.id)
            )
            return order

    # --- inside ------------------------------------------------------------------

    def _filtered(self, principal: Principal, flt: OrderFilter) -> Any:
        query = select(_orders)
        grids = set(flt.grids)
        if principal.scoped:
            grids = (grids & principal.grids) if grids else set(principal.grids)
            if not grids:
                return None  # asked only for grids that are not theirs
        if grids:
            query = query.where(_c.grid_code.in_(sorted(grids)))
        if flt.open_only:
            query = query.where(OPEN)
        if flt.states:
            query = query.where(_c.state.in_(sorted(s.value for s in flt.states)))
        if flt.categories:
            query = query.where(_c.category.in_(sorted(c.value for c in flt.categories)))
        if flt.priorities:
            query = query.where(_c.priority.in_(sorted(p.value for p in flt.priorities)))
        if flt.overdue_only:
            query = query.where(text("work_orders.overdue"))
        if flt.mine:
            query = query.where(
                or_(_c.reporter == principal.login, _c.updated_by == principal.login)
            )
        words = flt.text.strip()
        if words:
            like = f"%{_escape(words)}%"
            query = query.where(
                or_(
                    _c.number.startswith(words, autoescape=True),
                    _c.title.like(like, escape="\\"),
                    _c.description.like(like, escape="\\"),
                )
            )
        return query


def _escape(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
