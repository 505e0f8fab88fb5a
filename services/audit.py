"""The audit trail: append-only and hash-chained.

Each row's hash is SHA-256 over its own content and the previous row's hash, so
a row changed, removed or inserted behind the console's back breaks the chain.
``audit_head`` holds the last sequence number and hash; appending locks it, which
serialises appends of all consoles sharing one database (PostgreSQL row lock;
SQLite's write lock).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, select, update

from services.db.bulk import insert_rows
from services.db.models import AuditEntry, AuditHead, table_of
from services.domain import Actor

GENESIS = "0" * 64
_log = table_of(AuditEntry)
_head = table_of(AuditHead)
_LOCK_HEAD = select(_head.c.seq, _head.c.hash).where(_head.c.id == 1).with_for_update()
_MOVE_HEAD = update(_head).where(_head.c.id == 1)


def canonical(detail: Mapping[str, object]) -> str:
    return json.dumps(
        detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )


def row_hash(
    seq: int,
    at: datetime,
    actor: str,
    console: str,
    action: str,
    subject: str,
    detail: str,
    prev_hash: str,
) -> str:
    material = json.dumps(
        [
            seq,
            at.isoformat(timespec="microseconds"),
            actor,
            console,
            action,
            subject,
            detail,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry to append: who did what to which subject, with what detail."""

    at: datetime
    actor: Actor
    action: str
    subject: str
    detail: Mapping[str, object]


def append(
    conn: Connection,
    at: datetime,
    actor: Actor,
    action: str,
    subject: str,
    detail: Mapping[str, object],
) -> int:
    """Append one entry inside the caller's transaction; returns its sequence number."""
    return append_many(conn, [Entry(at, actor, action, subject, detail)])


def append_many(conn: Connection, entries: Sequence[Entry]) -> int:
    """Append ``entries`` in order inside the caller's transaction, as one
    extension of the chain: the head is locked once (take it last in a
    transaction: see services.db.locks), each entry's hash chained on the one
    before it, the rows inserted in one statement.  Returns the last sequence number."""
    head = conn.execute(_LOCK_HEAD).one()
    seq, prev = int(head.seq), str(head.hash)
    rows = []
    for e in entries:
        seq += 1
        text = canonical(e.detail)
        digest = row_hash(seq, e.at, e.actor.user, e.actor.console, e.action, e.subject, text, prev)
        rows.append(
            dict(
                seq=seq,
                at=e.at,
                actor=e.actor.user,
                console=e.actor.console,
                action=e.action,
                subject=e.subject,
                detail=text,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    if rows:
        insert_rows(conn, _log, rows)
        conn.execute(_MOVE_HEAD, {"seq": seq, "hash": prev})
    return seq


@dataclass
class AuditReport:
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection, batch: int = 5000) -> AuditReport:
    """Walk the whole chain and report every row that does not hold."""
    report = AuditReport()
    expected_seq, prev = 1, GENESIS
    for row in _rows(conn, batch):
        report.checked += 1
        if row.seq != expected_seq:
            report.problems.append(
                f"rows {expected_seq}..{row.seq - 1} are missing (deleted behind the console)"
            )
        if row.prev_hash != prev:
            report.problems.append(f"row {row.seq}: does not follow row {row.seq - 1}")
        digest = row_hash(
            row.seq,
            row.at,
            row.actor,
            row.console,
            row.action,
            row.subject,
            row.detail,
            row.prev_hash,
        )
        if digest != row.hash:
            report.problems.append(
                f"row {row.seq}: content does not match its hash (changed after it was written)"
            )
        expected_seq, prev = row.seq + 1, row.hash
    head = conn.execute(select(_head.c.seq, _head.c.hash).where(_head.c.id == 1)).one()
    if head.seq != expected_seq - 1 or (head.seq and head.hash != prev):
        report.problems.append(
            f"the chain ends at row {expected_seq - 1} but its head says row {head.seq} "
            "(rows removed from the end)"
        )
    return report


def _rows(conn: Connection, batch: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = conn.execute(
            select(_log).where(_log.c.seq > last).order_by(_log.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows  # type: ignore[misc]
        last = rows[-1].seq
