"""The deadline watch: flag near-due orders and escalate overdue ones.

Both are found by indexed queries (partial indexes on ``near_due_at`` and
``due_at`` over open orders not yet flagged), so a scan costs what it finds, not
the size of the table.  An order changed by someone in the middle of the scan is
left for the next scan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select, text

from services.db.models import WorkOrder, table_of
from services.domain import SYSTEM, EscalationLevel
from services.errors import ConflictError
from services.workflow.orders import WorkOrderService, next_level

log = logging.getLogger(__name__)
_orders = table_of(WorkOrder)
_c = _orders.c


@dataclass
class ScanResult:
    near_due: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)


def scan(service: WorkOrderService, now: datetime | None = None, batch: int = 200) -> ScanResult:
    """Flag what is due as of ``now``; returns the numbers flagged."""
    now = now or service.clock()
    result = ScanResult()
    # Spelled as the partial indexes' predicates, so that both planners use them.
    near_due = and_(text("work_orders.is_open AND NOT work_orders.near_due"), _c.near_due_at <= now)
    overdue = and_(text("work_orders.is_open AND NOT work_orders.overdue"), _c.due_at <= now)
    result.near_due = _flag_all(service, now, batch, near_due, _c.near_due_at, overdue=False)
    result.overdue = _flag_all(service, now, batch, overdue, _c.due_at, overdue=True)
    return result


def _flag_all(
    service: WorkOrderService,
    now: datetime,
    batch: int,
    where: ColumnElement[bool],
    order_by: Any,
    *,
    overdue: bool,
) -> list[str]:
    flagged: list[str] = []
    seen: set[int] = set()
    while True:
        with service.store.transaction() as tx:
            rows = tx.conn.execute(
                select(_orders).where(where).order_by(order_by).limit(batch)
            ).all()
            rows = [r for r in rows if r.id not in seen]
            for row in rows:
                seen.add(row.id)
                values: dict[str, Any] = {"near_due": True}
                data: dict[str, str] = {"stage": row.deadline_stage or ""}
                if overdue:
                    values["overdue"] = True
                    level = next_level(EscalationLevel(row.escalation))
                    if level is not None:
                        values["escalation"] = data["level"] = level
                try:
                    new = service.update_row(tx.conn, row, row.version, SYSTEM, now, values)
                except ConflictError:
                    continue  # picked up again by the next scan
                action = "overdue" if overdue else "near_due"
                service.record(tx, new, SYSTEM, now, action, None, None, "", (), data)
                flagged.append(row.number)
        if len(rows) < batch:
            return flagged
