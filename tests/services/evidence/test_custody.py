"""Each evidence item's custody log: appended in order, verified, and a changed,
removed or added entry found (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, text

from services.audit import GENESIS
from services.db.evidence_models import EvidenceItem
from services.db.models import table_of
from services.db.store import Store
from services.domain import Actor, CustodyAction
from services.evidence import custody

OFFICER = Actor("li.zf", "cli:li@pc-07")
T = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _item(store: Store, sha: str = "ab" * 32) -> int:
    with store.transaction() as tx:
        row = tx.conn.execute(
            insert(table_of(EvidenceItem))
            .values(
                sha256=sha,
                size=3,
                kind="image",
                media_type="image/jpeg",
                name="IMG_0001.JPG",
                decodes=True,
                added_at=T,
                custody_seq=0,
                custody_hash=GENESIS,
            )
            .returning(table_of(EvidenceItem).c.id)
        )
        return int(row.scalar_one())


def _log(store: Store, item: int, n: int) -> None:
    actions = [CustodyAction.INTAKE, CustodyAction.VIEW, CustodyAction.VERDICT]
    for i in range(n):
        with store.transaction() as tx:
            custody.append(
                tx.conn, item, T + timedelta(minutes=i), OFFICER, actions[i % 3], {"i": i}
            )


def test_entries_chain_and_verify(store: Store) -> None:
    first, second = _item(store), _item(store, "cd" * 32)
    _log(store, first, 3)
    _log(store, second, 2)
    with store.reading() as conn:
        report = custody.verify(conn)
        log = custody.steps(conn, first)
    assert report.ok and (report.items, report.entries) == (2, 5)
    assert [(s.seq, s.action, s.detail) for s in log] == [
        (1, CustodyAction.INTAKE, {"i": 0}),
        (2, CustodyAction.VIEW, {"i": 1}),
        (3, CustodyAction.VERDICT, {"i": 2}),
    ]


def test_a_changed_removed_or_added_entry_is_found(store: Store) -> None:
    item = _item(store)
    _log(store, item, 3)
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE evidence_custody SET actor = 'wang' WHERE seq = 2"))
    with store.reading() as conn:
        problems = custody.verify(conn).problems
    assert problems == [f"evidence {'ab' * 6} custody #2: changed after it was written"]
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE evidence_custody SET actor = 'li.zf' WHERE seq = 2"))
        tx.conn.execute(text("DELETE FROM evidence_custody WHERE seq = 3"))  # the last one
    with store.reading() as conn:
        problems = custody.verify(conn).problems
    assert problems == [
        f"evidence {'ab' * 6}: its custody log ends at #2, the item says #3 "
        "(entries removed or added)"
    ]
    with store.transaction() as tx:
        tx.conn.execute(text("DELETE FROM evidence_custody WHERE seq = 1"))  # from the middle
    with store.reading() as conn:
        problems = custody.verify(conn).problems
    assert any("entry #1 is missing" in p for p in problems)
    assert any("does not follow the entry before it" in p for p in problems)
