"""The evidence window in the console: only officers and administrators have the
Evidence menu; files taken in from the console with a progress dialog; an item
opened, reviewed; a stored file changed behind the console's back shows TAMPERED."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from services.db.store import Store
from services.domain import CustodyAction, Verdict
from tests.support import media
from tests.support.gui import shown_session, signed_in


def png(path: Path, colour: str) -> Path:
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


@pytest.fixture
def vault_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "evidence-store"
    monkeypatch.setenv("YOUYI_EVIDENCE_DIR", str(folder))
    return folder


def test_only_officers_and_administrators_have_the_evidence_menu(
    qtbot: QtBot, demo_store: Store, vault_dir: Path
) -> None:
    window, session = shown_session(qtbot, demo_store)
    ws = signed_in(qtbot, session, "operator")
    assert ws.evidence is None and not window.evidence_menu.menuAction().isVisible()
    window.sign_out_action.trigger()
    session.sign_in_as("officer")
    qtbot.waitUntil(lambda: session.workspace is not None, timeout=5000)
    assert window.evidence_menu.menuAction().isVisible()
    assert window.evidence_menu.title() == "证据(&E)"
    session.close()


def test_take_in_review_and_tampering(
    qtbot: QtBot, demo_store: Store, vault_dir: Path, tmp_path: Path
) -> None:
    window, session = shown_session(qtbot, demo_store)
    ws = signed_in(qtbot, session, "officer")
    evidence = ws.evidence
    assert evidence is not None
    window.evidence_action.trigger()  # Ctrl+E
    assert evidence.window.isVisible()
    dump = tmp_path / "dump"
    dump.mkdir()
    png(dump / "a.png", "#3d9bff")
    png(dump / "b.png", "#ff6b6b")
    (dump / "c.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a picture")
    media.mp4(dump / "d.mp4")
    evidence.take_in([dump])
    qtbot.waitUntil(lambda: evidence.last_report is not None, timeout=15_000)
    browser = evidence.browser
    qtbot.waitUntil(lambda: browser.model.rowCount() == 4, timeout=5000)
    names = {i.name: i for i in browser.model.items()}
    assert not names["c.jpg"].decodes  # taken in as it is, flagged
    qtbot.waitUntil(lambda: browser.model.has_thumbnail(names["a.png"].id), timeout=5000)
    qtbot.waitUntil(lambda: browser.model.has_thumbnail(names["d.mp4"].id), timeout=5000)
    assert not browser.model.has_thumbnail(names["c.jpg"].id)  # a flagged file: its icon
    browser.select_item(names["a.png"].id)
    detail = browser.detail
    qtbot.waitUntil(lambda: detail.stack.currentWidget() is detail.image, timeout=5000)
    assert detail.image.image_size == (160, 90)
    detail.verdict_buttons[Verdict.USABLE].click()
    qtbot.waitUntil(
        lambda: detail.item is not None and detail.item.verdict is Verdict.USABLE, timeout=5000
    )
    qtbot.waitUntil(lambda: detail.custody.count() >= 3, timeout=5000)  # intake, view, verdict
    # Someone changes the stored file of b.png: the console shows TAMPERED, nothing of it.
    b = names["b.png"]
    stored = vault_dir / b.sha256[:2] / b.sha256
    stored.chmod(0o644)
    stored.write_bytes(b"changed")
    browser.select_item(b.id)
    qtbot.waitUntil(lambda: detail.banner.isVisibleTo(detail), timeout=5000)
    assert detail.banner.text() == "已篡改：存储的文件与其 SHA-256 不再相符"
    assert detail.stack.currentWidget() is detail.no_preview
    steps = evidence.service.custody(ws.principal, b.id)
    assert steps[-1].action is CustodyAction.TAMPERED
    session.close()


def test_an_orders_evidence_is_counted_for_all_and_opened_by_officers(
    qtbot: QtBot, demo_store: Store, vault_dir: Path, tmp_path: Path
) -> None:
    from services.access.auth import UserService
    from services.evidence.intake import IntakeRequest
    from services.evidence.service import EvidenceService
    from services.evidence.vault import Vault
    from services.workflow.desk import OrderDesk
    from services.workflow.orders import NewOrder, WorkOrderService

    boss = UserService(demo_store).principal("admin")
    order = OrderDesk(WorkOrderService(demo_store)).raise_order(boss, NewOrder("占道经营", "G21"))
    photos = [png(tmp_path / f"{c}.png", c) for c in ("#101010", "#202020")]
    EvidenceService(demo_store, Vault(vault_dir)).take_in(
        boss, IntakeRequest(photos, order=order.number)
    )
    window, session = shown_session(qtbot, demo_store)
    ws = signed_in(qtbot, session, "operator")
    qtbot.waitUntil(lambda: ws.desk.listed_ids() == [order.id], timeout=5000)
    ws.desk.select_order(order.id)
    button = ws.desk.detail.evidence_button
    qtbot.waitUntil(lambda: button.isVisibleTo(ws.desk), timeout=5000)
    assert button.text() == "证据 2 件" and not button.isEnabled()  # counted, not opened
    window.sign_out_action.trigger()
    ws = signed_in(qtbot, session, "officer")
    qtbot.waitUntil(lambda: ws.desk.listed_ids() == [order.id], timeout=5000)
    ws.desk.select_order(order.id)
    button = ws.desk.detail.evidence_button
    qtbot.waitUntil(lambda: button.isVisibleTo(ws.desk) and button.isEnabled(), timeout=5000)
    button.click()
    assert ws.evidence is not None
    qtbot.waitUntil(lambda: ws.evidence.browser.model.rowCount() == 2, timeout=5000)
    assert ws.evidence.window.isVisible()
    # Exported from the window: the originals, a signed manifest; verified without a database.
    browser = ws.evidence.browser
    assert not browser.export_button.isEnabled()
    browser.order.setText(order.number)
    assert browser.export_button.isEnabled()
    out = tmp_path / "usb" / order.number
    ws.evidence.export(order.number, out)
    qtbot.waitUntil(lambda: ws.evidence.last_export is not None, timeout=15_000)
    from services.evidence.verify import verify_export

    report = verify_export(out)
    assert report.signature_ok and not (report.changed or report.missing or report.extra)
    assert ws.evidence.last_export.files == 2
    session.close()
