"""A work order's evidence exported: the originals byte for byte, the manifest
(JSON, the printable page) and its signature, a custody EXPORT entry per item
and one audit entry; refused to an operator and a supervisor (audited); a
stored file changed or gone stops it (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import text

from services.db.store import Store
from services.domain import CustodyAction, Principal
from services.errors import (
    NotFoundError,
    PermissionDeniedError,
    TamperedEvidenceError,
    ValidationError,
)
from services.evidence import custody, export
from services.evidence.export import export_order, safe_name
from services.evidence.signing import EvidenceSigner, verifies
from services.evidence.vault import Vault
from services.workflow.orders import WorkOrderService
from tests.support.evidence_items import (
    OFFICER,
    OPERATOR,
    SUPERVISOR,
    TAKEN,
    Made,
    order_with_evidence,
    overwrite,
)
from tests.support.store import FakeClock, raise_order, rows

NOW = datetime(2026, 11, 24, 6, 15, 30, tzinfo=UTC)  # 14:15:30 in Shanghai


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return Vault(tmp_path / "vault")


@pytest.fixture
def signer(tmp_path: Path) -> EvidenceSigner:
    return EvidenceSigner(tmp_path / "key")


def _export(
    store: Store, vault: Vault, signer: EvidenceSigner, number: str, out: Path,
    who: Principal = OFFICER,
) -> export.ExportResult:  # fmt: skip
    return export_order(
        store, who, number, out, vault.root, signer, FakeClock(NOW), console="cli:ma@pc-07"
    )


def _actions(store: Store, item: Made) -> list[CustodyAction]:
    with store.reading() as conn:
        return [s.action for s in custody.steps(conn, item.id)]


def test_files_manifest_page_and_signature(
    store: Store,
    service: WorkOrderService,
    vault: Vault,
    signer: EvidenceSigner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(export, "CHUNK", 4096)  # the video crosses many reads
    order, items = order_with_evidence(store, vault, service)
    out = tmp_path / "out" / "export-1"
    done = _export(store, vault, signer, order.number, out)
    assert (done.files, done.order, done.fingerprint) == (3, order.number, signer.fingerprint)
    assert done.size == sum(len(i.data) for i in items)

    data = (out / "manifest.json").read_bytes()
    assert verifies(signer.public_key, (out / "manifest.json.sig").read_bytes(), data)
    pem = serialization.load_pem_public_key((out / "public-key.pem").read_bytes())
    assert pem == signer.public_key
    m = json.loads(data)
    assert (m["format"], m["version"]) == ("youyi-evidence-export", 1)
    assert m["order"] == {
        "number": order.number, "title": "占道经营", "grid": "G11",
        "state": "reported", "category": "sanitation",
    }  # fmt: skip
    assert m["exported_at"] == {
        "utc": "2026-11-24T06:15:30+00:00",
        "local": "2026-11-24T14:15:30+08:00",
        "time_zone": "Asia/Shanghai",
    }
    assert m["exporter"] == {"login": "ma.zf", "name": "马执法", "role": "officer"}
    assert m["console"] == "cli:ma@pc-07"
    assert m["key"]["public_key"] == signer.public_hex

    photo, video, audio = items
    paths = [f"files/{photo.sha256[:12]}-IMG_0001.PNG", f"files/{video.sha256[:12]}-VID_0002.MP4",
             f"files/{audio.sha256[:12]}-录音_现场_1.wav"]  # fmt: skip
    assert [f["path"] for f in m["files"]] == paths
    for entry, item in zip(m["files"], items, strict=True):
        assert (out / entry["path"]).read_bytes() == item.data
        assert (entry["sha256"], entry["size"], entry["name"]) == (
            item.sha256, len(item.data), item.name,
        )  # fmt: skip
        assert [s["action"] for s in entry["custody"]] == ["intake", "attach", "export"]
        assert entry["custody"][-1]["detail"]["order"] == order.number
        assert entry["custody"][-1]["detail"]["path"] == entry["path"]
    first = m["files"][0]
    assert {k: first[k] for k in ("kind", "media_type", "captured_at", "lon", "lat", "grid",
                                  "officer", "device", "verdict")} == {
        "kind": "image", "media_type": "image/png", "captured_at": TAKEN.isoformat(),
        "lon": 121.4862, "lat": 31.4041, "grid": "G11", "officer": "ma.zf",
        "device": "phone-07", "verdict": "usable",
    }  # fmt: skip
    assert (m["files"][2]["grid"], m["files"][2]["verdict"]) == (None, None)

    page = (out / "manifest.html").read_bytes()
    assert m["page"]["size"] == len(page)
    html = page.decode("utf-8")
    for shown in ("证据清单", order.number, "占道经营", signer.fingerprint, "2026-11-24 14:15:30",
                  "导出", "可采用", "未审核", *(i.sha256 for i in items)):  # fmt: skip
        assert shown in html
    assert "<script" not in html and "http" not in html  # nothing fetched from elsewhere
    assert sorted(p.name for p in out.iterdir()) == [
        "files", "manifest.html", "manifest.json", "manifest.json.sig", "public-key.pem",
    ]  # fmt: skip


def test_export_is_in_each_custody_log_and_audited(
    store: Store, service: WorkOrderService, vault: Vault, signer: EvidenceSigner, tmp_path: Path
) -> None:
    order, items = order_with_evidence(store, vault, service)
    _export(store, vault, signer, order.number, tmp_path / "out")
    for item in items:
        assert _actions(store, item) == [
            CustodyAction.INTAKE, CustodyAction.ATTACH, CustodyAction.EXPORT,
        ]  # fmt: skip
    with store.reading() as conn:
        assert custody.verify(conn).ok
    ((actor, console, subject, detail),) = rows(
        store,
        "SELECT actor, console, subject, detail FROM audit_log WHERE action = 'evidence.export'",
    )
    assert (actor, console, subject) == ("ma.zf", "cli:ma@pc-07", order.number)
    assert json.loads(str(detail))["sha256"] == [i.sha256 for i in items]


@pytest.mark.parametrize("who", [OPERATOR, SUPERVISOR], ids=["operator", "supervisor"])
def test_refused_to_others_and_audited(
    store: Store,
    service: WorkOrderService,
    vault: Vault,
    signer: EvidenceSigner,
    tmp_path: Path,
    who: Principal,
) -> None:
    order, items = order_with_evidence(store, vault, service)
    out = tmp_path / "out"
    refused = f"only officers and administrators may export evidence \\(signed in: {who.login}"
    with pytest.raises(PermissionDeniedError, match=refused):
        _export(store, vault, signer, order.number, out, who)
    assert not out.exists()
    assert rows(
        store, "SELECT actor, subject FROM audit_log WHERE action = 'evidence.refused'"
    ) == [(who.login, order.number)]
    assert _actions(store, items[0]) == [CustodyAction.INTAKE, CustodyAction.ATTACH]


@pytest.mark.parametrize("how", ["changed", "missing"])
def test_a_changed_or_missing_stored_file_stops_the_export(
    store: Store,
    service: WorkOrderService,
    vault: Vault,
    signer: EvidenceSigner,
    tmp_path: Path,
    how: str,
) -> None:
    order, (photo, video, audio) = order_with_evidence(store, vault, service)
    stored = vault.path_of(video.sha256)
    if how == "changed":
        overwrite(stored, video.data[:-1] + bytes([video.data[-1] ^ 1]))
    else:
        stored.unlink()
    out = tmp_path / "out"
    what = "no longer matches its SHA-256" if how == "changed" else "is missing from the evidence"
    with pytest.raises(
        TamperedEvidenceError, match=f"{video.sha256[:12]} \\(VID_0002.MP4\\) {what}"
    ):
        _export(store, vault, signer, order.number, out)
    assert not out.exists()  # nothing half-exported
    assert _actions(store, video)[-1] is CustodyAction.TAMPERED
    assert _actions(store, photo) == [CustodyAction.INTAKE, CustodyAction.ATTACH]  # no export
    assert _actions(store, audio) == [CustodyAction.INTAKE, CustodyAction.ATTACH]
    assert rows(store, "SELECT subject FROM audit_log WHERE action = 'evidence.tampered'") == [
        (video.sha256,)
    ]
    assert rows(store, "SELECT count(*) FROM audit_log WHERE action = 'evidence.export'") == [(0,)]


def test_nothing_written_for_no_evidence_a_used_folder_or_no_order(
    store: Store, service: WorkOrderService, vault: Vault, signer: EvidenceSigner, tmp_path: Path
) -> None:
    bare = raise_order(service)
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match=f"work order {bare.number} has no evidence"):
        _export(store, vault, signer, bare.number, out)
    assert not out.exists()
    with pytest.raises(NotFoundError, match="no work order 'YY-20990101-0001'"):
        _export(store, vault, signer, "YY-20990101-0001", out)

    order, _ = order_with_evidence(store, vault, service)
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValidationError, match="is not empty"):
        _export(store, vault, signer, order.number, out)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    with store.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM evidence_custody")).scalar() == 6


def test_an_empty_folder_is_used_and_kept_when_the_export_fails(
    store: Store, service: WorkOrderService, vault: Vault, signer: EvidenceSigner, tmp_path: Path
) -> None:
    order, (photo, *_) = order_with_evidence(store, vault, service)
    out = tmp_path / "stick"
    out.mkdir()
    overwrite(vault.path_of(photo.sha256), b"not the photo")
    with pytest.raises(TamperedEvidenceError):
        _export(store, vault, signer, order.number, out)
    assert out.is_dir() and not any(out.iterdir())  # emptied, not removed


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("IMG_0001.JPG", "IMG_0001.JPG"),
        ("../../etc/passwd", "passwd"),
        ("C:\\DCIM\\现场 照片:1.jpg", "现场_照片_1.jpg"),
        ("..", "file"),
        ("", "file"),
        (".hidden", "hidden"),
        ("a\x00b\nc.mov", "a_b_c.mov"),
        ("视" * 80 + ".mp4", "视" * 38 + ".mp4"),  # 120 bytes of UTF-8 at most
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe
    assert len(safe_name(name).encode()) <= export.NAME_BYTES
