"""An evidence export checked without a database: as signed, and each kind of
change told precisely (a file changed, shortened, removed or added; the
manifest changed, re-signed, unsigned or malformed; the wrong key)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.evidence.export import export_order
from services.evidence.signing import EvidenceSigner, fingerprint
from services.evidence.vault import Vault
from services.evidence.verify import NotAnExportError, VerifyReport, verify_export
from services.workflow.orders import WorkOrderService
from tests.support.evidence_items import OFFICER, order_with_evidence


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, EvidenceSigner]]:
    """One export (on SQLite: the checks need no database) and its signer."""
    base = tmp_path_factory.mktemp("export")
    store = Store(f"sqlite:///{base / 'youyi.db'}")
    try:
        upgrade(store.engine)
        load_demo_district(store, devices=False)
        vault = Vault(base / "vault")
        order, _ = order_with_evidence(store, vault, WorkOrderService(store))
        signer = EvidenceSigner(base / "key")
        export_order(store, OFFICER, order.number, base / "out", vault.root, signer)
    finally:
        store.close()
    yield base / "out", signer


@pytest.fixture
def out(made: tuple[Path, EvidenceSigner], tmp_path: Path) -> Path:
    """A fresh copy of the export to change."""
    return Path(shutil.copytree(made[0], tmp_path / "export"))


@pytest.fixture
def signer(made: tuple[Path, EvidenceSigner]) -> EvidenceSigner:
    return made[1]


def _files(out: Path) -> list[str]:
    return [f["path"] for f in json.loads((out / "manifest.json").read_bytes())["files"]]


def _check(out: Path, signer: EvidenceSigner) -> VerifyReport:
    return verify_export(out, signer.public_key)


def _only(report: VerifyReport, **expected: list[str]) -> None:
    """The report lists exactly ``expected`` and no other file problem."""
    found = {"changed": report.changed, "missing": report.missing, "extra": report.extra}
    assert found == {**{"changed": [], "missing": [], "extra": []}, **expected}
    assert not report.ok


def test_a_good_export_verifies_with_the_key_given(out: Path, signer: EvidenceSigner) -> None:
    report = _check(out, signer)
    assert report.ok and report.signature_ok and report.problems() == []
    assert (report.matched, report.listed) == (4, 4)  # three files and the page
    assert (report.key_source, report.key_fingerprint) == ("given", signer.fingerprint)
    assert report.warnings == []


def test_with_the_manifests_own_key_it_says_what_that_proves(
    out: Path, signer: EvidenceSigner
) -> None:
    report = verify_export(out)
    assert report.ok and report.key_source == "manifest"
    (warning,) = report.warnings
    assert signer.fingerprint in warning and "could have signed it again" in warning


def test_a_changed_byte_in_a_file(out: Path, signer: EvidenceSigner) -> None:
    video = _files(out)[1]
    data = bytearray((out / video).read_bytes())
    data[1000] ^= 0x01
    (out / video).write_bytes(bytes(data))
    report = _check(out, signer)
    _only(report, changed=[f"{video}: its SHA-256 is not the manifest's"])
    assert report.signature_ok and not report.manifest_changed
    assert report.problems() == [f"changed: {video}: its SHA-256 is not the manifest's"]


def test_a_shortened_file_and_a_changed_page(out: Path, signer: EvidenceSigner) -> None:
    photo = _files(out)[0]
    size = (out / photo).stat().st_size
    (out / photo).write_bytes((out / photo).read_bytes()[:-1])
    page = (out / "manifest.html").read_text(encoding="utf-8")
    was = len(page.encode())
    (out / "manifest.html").write_text(page.replace("可采用", "不可采用"), encoding="utf-8")
    _only(
        _check(out, signer),
        changed=[
            f"{photo}: {size - 1} bytes, the manifest says {size}",
            f"manifest.html: {was + 3} bytes, the manifest says {was}",  # 不: 3 bytes
        ],
    )


def test_a_missing_file(out: Path, signer: EvidenceSigner) -> None:
    audio = _files(out)[2]
    (out / audio).unlink()
    report = _check(out, signer)
    _only(report, missing=[audio])
    assert report.problems() == [f"missing: {audio}"]
    assert report.matched == 3


def test_added_files(out: Path, signer: EvidenceSigner) -> None:
    (out / "files" / "planted.jpg").write_bytes(b"\xff\xd8\xff")
    (out / "readme.txt").write_text("x", encoding="utf-8")
    (out / "files" / "more").mkdir()
    (out / "files" / "more" / "clip.mp4").write_bytes(b"\x00")
    report = _check(out, signer)
    _only(report, extra=["files/more/clip.mp4", "files/planted.jpg", "readme.txt"])
    assert report.signature_ok and report.matched == 4


def test_a_changed_manifest(out: Path, signer: EvidenceSigner) -> None:
    data = (out / "manifest.json").read_bytes()
    (out / "manifest.json").write_bytes(data.replace("占道经营".encode(), "无事发生".encode()))
    report = _check(out, signer)
    assert report.manifest_changed and not report.signature_ok and not report.ok
    assert report.problems() == [
        "manifest: manifest.json was changed after it was signed "
        f"(the signature does not verify with the key {signer.fingerprint})"
    ]
    assert report.matched == 4  # the files are still checked
    assert verify_export(out).manifest_changed  # with its own key too


def test_a_manifest_re_signed_with_another_key(out: Path, signer: EvidenceSigner) -> None:
    """Someone changes a hash in the manifest (to match a changed file) and signs
    again with a key of their own, put in the manifest: only the key given finds it."""
    manifest = json.loads((out / "manifest.json").read_bytes())
    photo = manifest["files"][0]
    (out / photo["path"]).write_bytes(b"another picture")
    photo["sha256"], photo["size"] = (
        "e7d4a6f25b0f1fb8eb6b3ec04b4ac82ea8ee1e8e2b4f4b1b2a5c5e8f1e2d3c4b",
        15,
    )
    forger = Ed25519PrivateKey.generate()
    manifest["key"]["public_key"] = forger.public_key().public_bytes_raw().hex()
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    (out / "manifest.json").write_bytes(data)
    (out / "manifest.json.sig").write_bytes(forger.sign(data))
    (out / "public-key.pem").unlink()
    report = _check(out, signer)
    assert not report.ok and not report.manifest_changed
    assert report.manifest_problems == [
        f"not signed by the key given ({signer.fingerprint}) but by the key the manifest "
        f"names ({fingerprint(forger.public_key())}): re-signed after a change, or the wrong key"
    ]
    assert verify_export(out).signature_ok  # its own key "verifies": hence the warning


def test_the_wrong_key(out: Path) -> None:
    other = Ed25519PrivateKey.generate().public_key()
    report = verify_export(out, other)
    (problem,) = report.manifest_problems
    assert problem.startswith(f"not signed by the key given ({fingerprint(other)})")
    assert not report.ok and not report.manifest_changed
    assert report.changed == report.missing == report.extra == []


def test_unsigned_or_malformed(out: Path, signer: EvidenceSigner) -> None:
    (out / "manifest.json.sig").unlink()
    report = _check(out, signer)
    unsigned = "manifest.json.sig is missing: the manifest cannot be checked"
    assert report.manifest_problems == [unsigned]
    assert not report.ok and report.matched == 4
    (out / "manifest.json").write_bytes(b'{"format": "youyi-evidence-export", "version": 1, ')
    report = _check(out, signer)
    malformed, missing = report.manifest_problems
    assert malformed.startswith("manifest.json is malformed (not JSON") and missing == unsigned
    assert not report.ok and report.listed == 0


def test_a_signed_manifest_cannot_list_a_path_outside(out: Path, signer: EvidenceSigner) -> None:
    manifest = json.loads((out / "manifest.json").read_bytes())
    manifest["files"][0]["path"] = "../outside.jpg"
    data = json.dumps(manifest).encode()
    (out / "manifest.json").write_bytes(data)
    (out / "manifest.json.sig").write_bytes(signer.sign(data))
    report = _check(out, signer)
    assert report.signature_ok and not report.ok
    assert report.manifest_problems == [
        "manifest.json is malformed ('../outside.jpg' is not a path inside the export)"
    ]


def test_not_an_export(tmp_path: Path) -> None:
    with pytest.raises(NotAnExportError, match="no such folder"):
        verify_export(tmp_path / "nowhere")
    with pytest.raises(NotAnExportError, match="is not an evidence export"):
        verify_export(tmp_path)


def test_a_custody_log_cut_before_the_export_is_found(out: Path, signer: EvidenceSigner) -> None:
    """The exporter's own key signed it, but an entry was taken out of an item's
    custody log (say, in the database before the export): the chain inside the
    manifest no longer holds."""
    manifest = json.loads((out / "manifest.json").read_bytes())
    first = manifest["files"][0]
    assert len(first["custody"]) >= 2
    del first["custody"][0]  # its intake
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    (out / "manifest.json").write_bytes(data)
    (out / "manifest.json.sig").write_bytes(signer.sign(data))
    report = _check(out, signer)
    assert report.signature_ok and not report.ok
    assert report.custody == [f"{first['path']} #2: does not follow the entry before it"]
    assert report.problems() == [
        f"custody: {first['path']} #2: does not follow the entry before it"
    ]
