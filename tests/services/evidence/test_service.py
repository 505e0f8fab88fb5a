"""Evidence for a signed-in user: who may do what (refusals audited), opening
re-checks the stored file (tampering recorded), verdicts, attach and detach,
counting an order's evidence, the browser's pages (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.db.store import Store
from services.domain import (
    CustodyAction,
    EvidenceFilter,
    EvidenceKind,
    Principal,
    Role,
    Verdict,
)
from services.errors import (
    NotFoundError,
    PermissionDeniedError,
    TamperedEvidenceError,
    ValidationError,
)
from services.evidence import custody
from services.evidence.intake import IntakeRequest, Outcome
from services.evidence.service import EvidenceService
from services.evidence.vault import Vault
from services.workflow.orders import WorkOrderService
from tests.support import media
from tests.support.store import FakeClock, raise_order, rows

OFFICER = Principal(3, "li.zf", "李执法", Role.OFFICER, unit="law-youyi")
ADMIN = Principal(4, "admin", "管理员", Role.ADMIN)
OPERATOR = Principal(1, "wang", "王值班", Role.OPERATOR)
SUPERVISOR = Principal(2, "zhao", "赵网格", Role.SUPERVISOR, grids=frozenset({"G11"}))


@pytest.fixture
def evidence(store: Store, tmp_path: Path, clock: FakeClock) -> EvidenceService:
    return EvidenceService(store, Vault(tmp_path / "vault"), clock, console="ws-07")


def _take(evidence: EvidenceService, folder: Path, **kw: object) -> list[int]:
    report = evidence.take_in(OFFICER, IntakeRequest(paths=[folder], **kw))  # type: ignore[arg-type]
    assert not report.refused, report.refused
    return [int(f.item_id or 0) for f in report.files]


def _photos(tmp_path: Path, n: int, name: str = "dump") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for i in range(n):
        media.jpeg(folder / f"IMG_{i:04d}.JPG", colour=(i * 20 % 256, 7, len(name)))
    return folder


def _audit(store: Store, action: str) -> list[tuple[object, ...]]:
    return rows(
        store,
        f"SELECT actor, console, subject FROM audit_log WHERE action = '{action}' ORDER BY seq",
    )


def _actions(evidence: EvidenceService, item: int) -> list[CustodyAction]:
    return [s.action for s in evidence.custody(OFFICER, item)]


def test_operators_and_supervisors_are_refused_and_the_refusal_audited(
    evidence: EvidenceService, store: Store, tmp_path: Path
) -> None:
    (item,) = _take(evidence, _photos(tmp_path, 1))
    attempts = [
        lambda p: evidence.take_in(p, IntakeRequest(paths=[tmp_path / "dump"])),
        lambda p: evidence.items(p, EvidenceFilter()),
        lambda p: evidence.item(p, item),
        lambda p: evidence.open(p, item),
        lambda p: evidence.custody(p, item),
        lambda p: evidence.set_verdict(p, item, Verdict.USABLE),
    ]
    for principal in (OPERATOR, SUPERVISOR):
        for attempt in attempts:
            with pytest.raises(PermissionDeniedError, match="only officers and administrators"):
                attempt(principal)
    refused = _audit(store, "evidence.refused")
    assert len(refused) == 2 * len(attempts)
    assert {r[0] for r in refused} == {"wang", "zhao"} and {r[1] for r in refused} == {"ws-07"}
    assert ("wang", "ws-07", f"evidence item {item}") in refused
    assert _actions(evidence, item) == [CustodyAction.INTAKE]  # nothing viewed, nothing judged
    assert evidence.item(ADMIN, item).id == item  # administrators may


def test_every_role_counts_an_orders_evidence_a_supervisor_in_their_grids(
    evidence: EvidenceService, store: Store, service: WorkOrderService, tmp_path: Path
) -> None:
    g11, g21 = raise_order(service, grid="G11"), raise_order(service, grid="G21")
    _take(evidence, _photos(tmp_path, 2), order=g21.number)
    assert evidence.count_for_order(OPERATOR, g21.id) == 2
    assert evidence.count_for_order(OPERATOR, g11.id) == 0
    assert evidence.count_for_order(SUPERVISOR, g11.id) == 0
    with pytest.raises(PermissionDeniedError, match="G21 is not one of yours"):
        evidence.count_for_order(SUPERVISOR, g21.id)
    assert _audit(store, "evidence.refused") == [("zhao", "ws-07", f"order:{g21.id}")]
    with pytest.raises(NotFoundError):
        evidence.count_for_order(OPERATOR, 999_999)


def test_opening_rechecks_the_file_and_finds_tampering(
    evidence: EvidenceService, store: Store, tmp_path: Path
) -> None:
    first, second = _take(evidence, _photos(tmp_path, 2))
    item, path = evidence.open(OFFICER, first)
    assert path.read_bytes() == (tmp_path / "dump" / item.name).read_bytes()
    assert _actions(evidence, first) == [CustodyAction.INTAKE, CustodyAction.VIEW]
    os.chmod(path, 0o644)
    changed = bytearray(path.read_bytes())
    changed[100] ^= 0x01  # one bit
    path.write_bytes(bytes(changed))
    with pytest.raises(TamperedEvidenceError, match=f"evidence {first} .* is TAMPERED: .*SHA-256"):
        evidence.open(OFFICER, first)
    steps = evidence.custody(OFFICER, first)
    assert steps[-1].action is CustodyAction.TAMPERED and steps[-1].detail["state"] == "changed"
    evidence.vault.path_of(evidence.item(OFFICER, second).sha256).unlink()
    with pytest.raises(TamperedEvidenceError, match="missing from the evidence store"):
        evidence.open(ADMIN, second)
    tampered = _audit(store, "evidence.tampered")
    assert [(r[0], r[1]) for r in tampered] == [("li.zf", "ws-07"), ("admin", "ws-07")]
    assert [r[0] for r in _audit(store, "evidence.view")] == ["li.zf"]
    with store.reading() as conn:
        assert custody.verify(conn).ok


def test_a_verdict_with_its_note(
    evidence: EvidenceService, clock: FakeClock, tmp_path: Path
) -> None:
    first, second = _take(evidence, _photos(tmp_path, 2))
    with pytest.raises(ValidationError, match="not_usable needs a note"):
        evidence.set_verdict(OFFICER, first, Verdict.NOT_USABLE, "  ")
    with pytest.raises(ValidationError, match="control or direction character"):
        evidence.set_verdict(OFFICER, first, Verdict.NEEDS_MORE, "补拍\x1b[31m")
    judged = evidence.set_verdict(OFFICER, first, Verdict.NEEDS_MORE, "车牌看不清，需补拍")
    assert (judged.verdict, judged.verdict_note, judged.verdict_by) == (
        Verdict.NEEDS_MORE,
        "车牌看不清，需补拍",
        "li.zf",
    )
    assert evidence.set_verdict(OFFICER, second, Verdict.USABLE).reviewed
    step = evidence.custody(OFFICER, first)[-1]
    assert (step.action, step.detail) == (
        CustodyAction.VERDICT,
        {"verdict": "needs_more", "note": "车牌看不清，需补拍"},
    )
    assert step.at == clock.now and step.console == "ws-07"
    unreviewed = evidence.items(OFFICER, EvidenceFilter(reviewed=False))
    assert unreviewed == []
    assert len(evidence.items(OFFICER, EvidenceFilter(reviewed=True))) == 2


def test_attach_and_detach(
    evidence: EvidenceService, store: Store, service: WorkOrderService, tmp_path: Path
) -> None:
    order = raise_order(service)
    (item,) = _take(evidence, _photos(tmp_path, 1))
    assert evidence.attach(OFFICER, item, order.number).orders == (order.id,)
    assert evidence.attach(OFFICER, item, order.number).orders == (order.id,)  # once
    assert evidence.count_for_order(OPERATOR, order.id) == 1
    assert [i.id for i in evidence.items_for_order(OFFICER, order.id)] == [item]
    assert evidence.detach(OFFICER, item, order.number).orders == ()
    with pytest.raises(ValidationError, match=f"not attached to {order.number}"):
        evidence.detach(OFFICER, item, order.number)
    with pytest.raises(NotFoundError, match="no work order YY-19990101-0001"):
        evidence.attach(OFFICER, item, "YY-19990101-0001")
    with pytest.raises(PermissionDeniedError):
        evidence.attach(OPERATOR, item, order.number)
    assert _actions(evidence, item) == [
        CustodyAction.INTAKE,
        CustodyAction.ATTACH,
        CustodyAction.DETACH,
    ]
    assert [r[0] for r in _audit(store, "evidence.attach")] == ["li.zf"]
    assert evidence.count_for_order(OPERATOR, order.id) == 0


def test_pages_newest_capture_first_and_filters(
    evidence: EvidenceService, tmp_path: Path, service: WorkOrderService
) -> None:
    folder = _photos(tmp_path, 7)
    t0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    times = [t0 + timedelta(hours=h) for h in (3, 1, 3, 5, 2)] + [None, None]
    for i, when in enumerate(times):
        fields: dict[str, object] = {"officer": "zf-007" if i % 2 else "zf-009"}
        if when is not None:
            fields["captured_at"] = when.isoformat()
        if i == 0:
            fields.update(lon=media.C01[0], lat=media.C01[1])
        media.sidecar(folder / f"IMG_{i:04d}.JPG", **fields)
    media.wav(folder / "memo.wav")
    order = raise_order(service)
    ids = _take(evidence, folder)
    evidence.attach(OFFICER, ids[2], order.number)
    pages, after = [], None
    photos = EvidenceFilter(kinds=frozenset({EvidenceKind.IMAGE}))
    while page := evidence.items(OFFICER, photos, 2, after):
        pages.append([i.id for i in page])
        after = (page[-1].captured_at, page[-1].id)
    assert [len(p) for p in pages] == [2, 2, 2, 1]
    expected = [
        ids[3],
        ids[2],
        ids[0],
        ids[4],
        ids[1],
        ids[6],
        ids[5],
    ]  # same time: higher id first
    assert [i for p in pages for i in p] == expected
    assert {i.id for i in evidence.items(OFFICER, EvidenceFilter(officer="zf-007"))} == {
        ids[1],
        ids[3],
        ids[5],
    }
    in_g11 = EvidenceFilter(grids=frozenset({"G11"}))
    assert [i.id for i in evidence.items(OFFICER, in_g11)] == [ids[0]]
    assert [i.id for i in evidence.items(OFFICER, EvidenceFilter(order_id=order.id))] == [ids[2]]
    audio = evidence.items(OFFICER, EvidenceFilter(kinds=frozenset({EvidenceKind.AUDIO})))
    assert [i.name for i in audio] == ["memo.wav"]
    window = EvidenceFilter(since=t0 + timedelta(hours=2), until=t0 + timedelta(hours=5))
    assert [i.id for i in evidence.items(OFFICER, window)] == [ids[2], ids[0], ids[4]]
    assert evidence.order_numbers([order.id]) == {order.id: order.number}


def test_take_in_reports_duplicates_for_the_user(evidence: EvidenceService, tmp_path: Path) -> None:
    folder = _photos(tmp_path, 1)
    report = evidence.take_in(ADMIN, IntakeRequest(paths=[folder, folder]))
    assert [f.outcome for f in report.files] == [Outcome.TAKEN, Outcome.DUPLICATE]
    steps = evidence.custody(ADMIN, int(report.files[0].item_id or 0))
    assert [s.actor for s in steps] == ["admin", "admin"]
