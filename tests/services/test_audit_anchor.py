"""The audit trail against someone who can change the database behind the
consoles (triggers off): rows removed from the end with the head moved back, a
chain re-hashed from a changed row, a wiped trail with its head reset.  The
chain alone holds in each case; the signed checkpoints outside the database do
not.  And the head row is guarded by triggers like the log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from console.cli import main
from services import audit
from services.audit_anchor import (
    CheckpointFile,
    Signer,
    database_name,
    take_checkpoint,
    verify_checkpoints,
)
from services.db.models import AuditEntry, table_of
from services.db.store import Store
from services.domain import OrderState as S
from services.workflow.orders import WorkOrderService
from tests.support.store import order_in


def _behind_the_consoles(store: Store, *sql: str) -> None:
    """As a database superuser would: triggers off, statements, triggers on."""
    with store.engine.begin() as conn:
        if store.is_postgres:
            for table in ("audit_log", "audit_head"):
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            for s in sql:
                conn.execute(text(s))
            for table in ("audit_log", "audit_head"):
                conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        else:
            triggers = text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit%'"
            )
            for name in conn.execute(triggers).scalars().all():
                conn.execute(text(f"DROP TRIGGER {name}"))
            for s in sql:
                conn.execute(text(s))


def _rows(store: Store) -> list[tuple[int, str]]:
    with store.reading() as conn:
        return [
            (int(s), str(h))
            for s, h in conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq"))
        ]


@pytest.fixture
def anchored(
    store: Store, service: WorkOrderService, tmp_path: Path
) -> tuple[Signer, CheckpointFile]:
    order_in(service, S.CLOSED)  # 7 rows
    signer, file = Signer(tmp_path / "key"), CheckpointFile(tmp_path / "checkpoints.jsonl")
    cp = take_checkpoint(store, signer, file)
    assert cp is not None and cp.seq == 7
    assert take_checkpoint(store, signer, file) is None  # the head has not moved
    return signer, file


def _check(store: Store, signer: Signer, file: CheckpointFile) -> tuple[bool, list[str]]:
    with store.reading() as conn:
        chain = audit.verify(conn)
        anchors = verify_checkpoints(conn, database_name(store), [file], {signer.public_key})
    return chain.ok, anchors.problems


def test_an_untouched_trail_agrees_with_its_checkpoints(
    store: Store, anchored: tuple[Signer, CheckpointFile]
) -> None:
    assert _check(store, *anchored) == (True, [])


def test_rows_removed_from_the_end_with_the_head_moved_back(
    store: Store, anchored: tuple[Signer, CheckpointFile], capsys: pytest.CaptureFixture[str]
) -> None:
    seq5 = _rows(store)[4][1]
    _behind_the_consoles(
        store,
        "DELETE FROM audit_log WHERE seq > 5",
        f"UPDATE audit_head SET seq = 5, hash = '{seq5}'",
    )
    chain_ok, problems = _check(store, *anchored)
    assert chain_ok  # the chain alone cannot tell
    assert problems == [
        f"checkpoint of {_at(anchored[1])} (row 7): the trail reached row 7 then, "
        "and now ends at row 5: rows were removed"
    ]
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "audit", "verify", "--checkpoints", str(anchored[1].path),
                 "--trust", anchored[0].public_key]) == 1  # fmt: skip
    assert "rows were removed" in capsys.readouterr().out


def test_a_chain_rehashed_from_a_changed_row(
    store: Store, anchored: tuple[Signer, CheckpointFile]
) -> None:
    with store.reading() as conn:
        log = table_of(AuditEntry)
        rows = conn.execute(select(log).order_by(log.c.seq)).mappings().all()
    sql, prev = [], rows[1]["hash"]
    for r in rows[2:]:  # from row 3 on, as if row 3 had been done by someone else
        actor = "someone.else" if r["seq"] == 3 else r["actor"]
        digest = audit.row_hash(r["seq"], r["at"], actor, r["console"], r["action"],
                                r["subject"], r["detail"], prev)  # fmt: skip
        sql.append(
            f"UPDATE audit_log SET actor = '{actor}', prev_hash = '{prev}', hash = '{digest}'"
            f" WHERE seq = {r['seq']}"
        )
        prev = digest
    _behind_the_consoles(store, *sql, f"UPDATE audit_head SET hash = '{prev}'")
    chain_ok, problems = _check(store, *anchored)
    assert chain_ok
    assert problems == [
        f"checkpoint of {_at(anchored[1])} (row 7): row 7 is not the row it was: "
        "the chain was rewritten"
    ]


def test_a_wiped_trail_with_its_head_reset(
    store: Store, anchored: tuple[Signer, CheckpointFile]
) -> None:
    _behind_the_consoles(
        store, "DELETE FROM audit_log", f"UPDATE audit_head SET seq = 0, hash = '{audit.GENESIS}'"
    )
    chain_ok, problems = _check(store, *anchored)
    assert chain_ok
    assert problems == [
        f"checkpoint of {_at(anchored[1])} (row 7): the trail reached row 7 then, "
        "and is now empty: rows were removed"
    ]


def test_an_edited_or_foreign_checkpoint_counts_for_nothing(
    store: Store, anchored: tuple[Signer, CheckpointFile], tmp_path: Path
) -> None:
    signer, file = anchored
    line = json.loads(file.path.read_text().splitlines()[0])
    file.path.write_text(json.dumps({**line, "seq": 3}) + "\n")
    assert _check(store, signer, file)[1] == [
        f"checkpoint of {line['at']} (row 3): its signature does not verify "
        "(the checkpoint file was edited)"
    ]
    other = Signer(tmp_path / "other-key")
    foreign = CheckpointFile(tmp_path / "foreign.jsonl")
    assert take_checkpoint(store, other, foreign) is not None
    problems = _check(store, signer, foreign)[1]
    assert len(problems) == 1 and "signed by a key not trusted here" in problems[0]


def test_the_head_only_moves_forward_to_a_row_of_the_log(
    store: Store, service: WorkOrderService
) -> None:
    order_in(service, S.FILED)  # 2 rows
    for sql in (
        "UPDATE audit_head SET seq = 1",
        "UPDATE audit_head SET seq = 9",
        "DELETE FROM audit_head",
        f"INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, '{audit.GENESIS}')",
    ):
        with pytest.raises(DBAPIError, match="audit_head"), store.engine.begin() as conn:
            conn.execute(text(sql))
    assert _rows(store)[-1][0] == 2
    with store.reading() as conn:
        assert audit.verify(conn).ok


def _at(file: CheckpointFile) -> str:
    return str(json.loads(file.path.read_text().splitlines()[-1])["at"])


def test_the_ingest_service_anchors_the_trail(store: Store, service: WorkOrderService) -> None:
    from services.ingest.service import IngestService

    order_in(service, S.FILED)  # 2 rows
    ingest = IngestService(store, None, "youyi")
    cp = ingest.checkpoint()
    assert cp is not None and (cp.seq, cp.database) == (2, database_name(store))
    assert ingest.checkpoint() is None  # nothing new since
    mine = [c for c in CheckpointFile().read() if not isinstance(c, str)]
    assert [(c.database, c.seq) for c in mine if c.database == cp.database] == [(cp.database, 2)]
    with store.reading() as conn:
        report = verify_checkpoints(conn, cp.database, [CheckpointFile()], {cp.key})
    assert (report.checked, report.problems) == (1, [])
