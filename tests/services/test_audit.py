"""The audit trail: append-only, hash-chained, and `audit verify` finds tampering."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from console.cli import main
from services import audit
from services.db.store import Store
from services.domain import OrderState as S
from services.evidence.vault import Vault
from services.workflow.orders import WorkOrderService
from tests.support.evidence_items import add_item
from tests.support.store import order_in


def _tamper(store: Store, sql: str) -> None:
    """Change the table behind the console's back, as a database superuser could."""
    with store.engine.begin() as conn:
        if store.is_postgres:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            conn.execute(text(sql))
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
            conn.execute(text(sql))


def _verify(store: Store) -> audit.AuditReport:
    with store.reading() as conn:
        return audit.verify(conn)


def test_every_transition_is_chained(store: Store, service: WorkOrderService) -> None:
    order_in(service, S.CLOSED)
    report = _verify(store)
    assert report.ok and report.checked == 7
    with store.reading() as conn:
        rows = conn.execute(text("SELECT action, subject FROM audit_log ORDER BY seq")).all()
    assert rows[0] == ("order.raise", "YY-20261123-0001")
    assert rows[-1][0] == "order.verify_close"


def test_update_and_delete_are_refused(store: Store, service: WorkOrderService) -> None:
    order_in(service, S.FILED)
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(sql))
    assert _verify(store).checked == 2


def test_changed_row_is_found(
    store: Store, service: WorkOrderService, capsys: pytest.CaptureFixture[str]
) -> None:
    order_in(service, S.RESOLVED)
    _tamper(store, "UPDATE audit_log SET actor = 'someone.else' WHERE seq = 3")
    report = _verify(store)
    assert report.problems == [
        "row 3: content does not match its hash (changed after it was written)"
    ]
    assert main(["--db", store.url.render_as_string(hide_password=False), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "row 3: content does not match" in out and "BROKEN" in out


def test_deleted_rows_are_found(store: Store, service: WorkOrderService) -> None:
    order_in(service, S.RESOLVED)  # 6 rows
    _tamper(store, "DELETE FROM audit_log WHERE seq = 2")
    assert any("rows 2..2 are missing" in p for p in _verify(store).problems)
    _tamper(store, "DELETE FROM audit_log WHERE seq = 6")
    assert any("head says row 6" in p for p in _verify(store).problems)


def test_cli_says_intact(
    store: Store, service: WorkOrderService, capsys: pytest.CaptureFixture[str]
) -> None:
    order_in(service, S.DISPATCHED)
    assert main(["--db", store.url.render_as_string(hide_password=False), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("audit trail: 3 rows checked,") and out.endswith(", intact\n")


def test_cli_checks_evidence_custody_beside_the_trail(
    store: Store, service: WorkOrderService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A custody log changed behind the console's back fails `audit verify` as a
    broken trail does; the trail's own line stays as it was."""
    order = order_in(service, S.DISPATCHED)
    item = add_item(store, Vault(tmp_path / "vault"), b"photo", "IMG_0001.JPG", order.id)
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "audit", "verify"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "evidence custody: 1 items, 2 entries checked, intact"
    )
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE evidence_custody SET actor = 'someone.else' WHERE seq = 1"))
    assert main(["--db", url, "audit", "verify"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("audit trail: 3 rows checked,") and out[0].endswith(", intact")
    assert out[1:] == [
        f"evidence {item.sha256[:12]} custody #1: changed after it was written",
        "evidence custody: 1 items, 2 entries checked, BROKEN (1 problem)",
    ]
