"""Each evidence item's chain of custody: append-only and hash-chained per item.

An entry's hash is SHA-256 over the item's own SHA-256, the entry (sequence
number, time, who, at which console, what, detail) and the previous entry's
hash, the same rule as the audit trail's rows (``services.audit.row_hash``).
The item's row holds the head (``custody_seq``, ``custody_hash``); appending
locks that row, so two consoles never interleave one item's entries.  A custody
entry changed, removed or inserted behind the services' back breaks the chain;
``verify`` finds it (``youyi-console audit verify`` runs it beside the audit
trail's check)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from services.audit import GENESIS, canonical, row_hash
from services.db.evidence_models import CustodyEntry, EvidenceItem
from services.db.models import table_of
from services.domain import Actor, CustodyAction, CustodyStep
from services.errors import NotFoundError

_items = table_of(EvidenceItem)
_custody = table_of(CustodyEntry)


def append(
    conn: Connection,
    item_id: int,
    at: datetime,
    actor: Actor,
    action: CustodyAction,
    detail: Mapping[str, object] | None = None,
) -> int:
    """Append one entry to the item's chain inside the caller's transaction
    (the item's row locked first); returns its sequence number."""
    head = conn.execute(
        select(_items.c.sha256, _items.c.custody_seq, _items.c.custody_hash)
        .where(_items.c.id == item_id)
        .with_for_update()
    ).first()
    if head is None:
        raise NotFoundError(f"no evidence item with id {item_id}")
    seq, text = int(head.custody_seq) + 1, canonical(dict(detail or {}))
    digest = row_hash(
        seq, at, actor.user, actor.console, action.value, head.sha256, text, head.custody_hash
    )
    conn.execute(
        insert(_custody).values(
            item_id=item_id,
            seq=seq,
            at=at,
            actor=actor.user,
            console=actor.console,
            action=action.value,
            detail=text,
            prev_hash=head.custody_hash,
            hash=digest,
        )
    )
    conn.execute(
        update(_items).where(_items.c.id == item_id).values(custody_seq=seq, custody_hash=digest)
    )
    return seq


def first_link() -> tuple[int, str]:
    """The head of an item's chain before its first entry (seq 0)."""
    return 0, GENESIS


def steps(conn: Connection, item_id: int) -> list[CustodyStep]:
    """The item's custody log, oldest first."""
    rows = conn.execute(
        select(_custody).where(_custody.c.item_id == item_id).order_by(_custody.c.seq)
    )
    return [
        CustodyStep(r.seq, r.at, r.actor, r.console, CustodyAction(r.action), json.loads(r.detail))
        for r in rows
    ]


@dataclass
class CustodyReport:
    items: int = 0
    entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection) -> CustodyReport:
    """Walk every item's chain: each entry's hash recomputed and linked to the
    one before, no sequence number missing, the item's head at the last entry."""
    report = CustodyReport()
    for item, chain in _chains(conn):
        report.items += 1
        seq, prev = first_link()
        for r in chain:
            report.entries += 1
            where = f"evidence {item.sha256[:12]} custody #{r.seq}"
            if r.seq != seq + 1:
                report.problems.append(f"{where}: entry #{seq + 1} is missing")
            if r.prev_hash != prev:
                report.problems.append(f"{where}: does not follow the entry before it")
            expected = row_hash(
                r.seq, r.at, r.actor, r.console, r.action, item.sha256, r.detail, r.prev_hash
            )
            if r.hash != expected:
                report.problems.append(f"{where}: changed after it was written")
            seq, prev = r.seq, r.hash
        if (item.custody_seq, item.custody_hash) != (seq, prev):
            report.problems.append(
                f"evidence {item.sha256[:12]}: its custody log ends at #{seq}, "
                f"the item says #{item.custody_seq} (entries removed or added)"
            )
    return report


def _chains(conn: Connection) -> Iterator[tuple[Any, list[Any]]]:  # rows
    items = conn.execute(
        select(_items.c.id, _items.c.sha256, _items.c.custody_seq, _items.c.custody_hash).order_by(
            _items.c.id
        )
    ).all()
    for item in items:
        chain = conn.execute(
            select(_custody).where(_custody.c.item_id == item.id).order_by(_custody.c.seq)
        ).all()
        yield item, list(chain)
