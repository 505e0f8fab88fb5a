"""The record of an order's steps: its history, the audit trail, the change notice.

Every step of an order (raised, filed, dispatched, escalated …) leaves one
history event and one audit entry, written in the step's transaction.  Steps
are recorded in bulk: the rules of one ingest batch raise and dispatch hundreds
of orders, whose events go in one statement and whose audit entries extend the
chain once; other consoles get one notice for the lot.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from services import audit
from services.db.bulk import insert_rows
from services.db.models import Attachment, WorkOrderEvent, table_of
from services.db.store import Tx
from services.domain import Actor, Change, OrderState
from services.errors import ValidationError
from services.text_rules import check_text, shown

#: The longest note (or description) a step may carry.
NOTE_MAX = 4000

_events = table_of(WorkOrderEvent)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of one order, as recorded: the order as the step left it
    (``version``, ``state``) and what the step was."""

    order_id: int
    number: str
    version: int
    state: str
    action: str
    from_state: OrderState | None = None
    to_state: OrderState | None = None
    note: str = ""
    attachments: Sequence[str] = ()
    data: Mapping[str, str] = field(default_factory=dict)


#: What a step's attachments may name: a picture the attachment store holds.
_REF = re.compile(r"att:[0-9a-f]{64}")
_pictures = table_of(Attachment)


def _check_pictures(tx: Tx, refs: set[str]) -> None:
    """ValidationError unless every reference is one the attachment store made
    (not a path, not a URL) and names a picture it holds."""
    for ref in sorted(refs):
        if not _REF.fullmatch(ref):
            raise ValidationError(f"{shown(ref)!r} is not a picture reference (att:<sha256>)")
    if not refs:
        return
    wanted = {ref[4:] for ref in refs}
    found = tx.conn.execute(select(_pictures.c.sha256).where(_pictures.c.sha256.in_(wanted)))
    for digest in sorted(wanted - set(found.scalars())):
        raise ValidationError(f"no picture att:{digest} in the attachment store")


def record_steps(tx: Tx, steps: Sequence[Step], actor: Actor, now: datetime) -> None:
    """History events, audit entries (one extension of the chain) and the change
    notice of ``steps``: one notice naming the order when they are all one
    order's, else one for the whole batch."""
    if not steps:
        return
    notes = [check_text("the note", s.note, NOTE_MAX) for s in steps]
    _check_pictures(tx, {ref for s in steps for ref in s.attachments})
    insert_rows(
        tx.conn,
        _events,
        [
            dict(
                order_id=s.order_id,
                at=now,
                actor=actor.user,
                console=actor.console,
                action=s.action,
                from_state=s.from_state,
                to_state=s.to_state,
                note=note,
                attachments=list(s.attachments),
                data=dict(s.data),
            )
            for s, note in zip(steps, notes, strict=True)
        ],
    )
    audit.append_many(
        tx.conn,
        [
            audit.Entry(
                now,
                actor,
                f"order.{s.action}",
                s.number,
                {
                    "from": s.from_state,
                    "to": s.to_state,
                    "version": s.version,
                    "note": note,
                    "attachments": list(s.attachments),
                    **s.data,
                },
            )
            for s, note in zip(steps, notes, strict=True)
        ],
    )
    last, console = steps[-1], actor.console
    if all(s.order_id == last.order_id for s in steps):
        tx.notify(
            Change("work_orders", last.order_id, last.version, last.state, console, last.number)
        )
    else:
        ids = tuple(sorted({s.order_id for s in steps}))
        tx.notify(Change("work_orders", ids[-1], 0, "batch", console, ids=ids))
