"""`youyi-console evidence export / verify / key` through console.cli.main: what
they print, one-line errors, exit codes 0, 1 and 2, and verify with no
database at all."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from console.cli import main
from services.db.store import Store
from services.domain import Role
from services.evidence.vault import Vault
from services.workflow.orders import WorkOrderService
from tests.support.evidence_items import order_with_evidence
from tests.support.store import cli_sign_in, raise_order, rows, run


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("youyi-console: error: "), err
    return err.removeprefix("youyi-console: error: ").rstrip("\n")


def _export(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str, Path]:
    """An officer signed in, an order with three items, and the CLI's export of
    it: the export's folder, the order's number, the evidence store."""
    cli_sign_in(store, monkeypatch, "ma", Role.OFFICER, unit="law-youyi")
    vault = Vault(tmp_path / "vault")
    order, _ = order_with_evidence(store, vault, WorkOrderService(store))
    out = tmp_path / "export"
    argv = ["evidence", "export", "--order", order.number, "--out", str(out)]
    assert run(store, *argv, "--evidence-dir", str(vault.root)) == 0
    return out, order.number, vault.root


def _verify(*argv: str) -> int:
    return main(["evidence", "verify", *argv])


def test_export_prints_where_and_the_key(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    out, number, _ = _export(store, tmp_path, monkeypatch)
    *_, exported, signed = capsys.readouterr().out.splitlines()  # after "signed in as"
    assert exported.startswith("exported 3 evidence files (") and exported.endswith(
        f" of {number} into {out}"
    )
    manifest = json.loads((out / "manifest.json").read_bytes())
    fp = manifest["key"]["fingerprint"]
    assert signed == f"manifest signed by key {fp} (`youyi-console evidence key` prints it)"
    assert manifest["exporter"]["login"] == "ma" and manifest["console"].startswith("cli:")
    assert (
        rows(store, "SELECT actor FROM evidence_custody WHERE action = 'export'") == [("ma",)] * 3
    )

    key_file = tmp_path / "exporter.pem"
    assert main(["evidence", "key", "--out", str(key_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"fingerprint {fp}"
    assert lines[1] == f"hex {manifest['key']['public_key']}"
    assert (
        lines[2] == "-----BEGIN PUBLIC KEY-----"
        and lines[-1] == f"public key written to {key_file}"
    )
    assert key_file.read_text() == (out / "public-key.pem").read_text()


def test_verify_exit_codes(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, _, _ = _export(store, tmp_path, monkeypatch)
    manifest = json.loads((out / "manifest.json").read_bytes())
    fp, hex_key = manifest["key"]["fingerprint"], manifest["key"]["public_key"]
    capsys.readouterr()

    assert _verify(str(out), "--key", str(out / "public-key.pem")) == 0
    assert capsys.readouterr().out == (
        f"evidence export {out}: 4 of 4 files match, checked with the key given {fp}, intact\n"
    )
    assert _verify(str(out)) == 0
    warning, verdict = capsys.readouterr().out.splitlines()
    assert warning.startswith(f"warning: checked with the key inside the manifest ({fp})")
    assert verdict.endswith(f"checked with the manifest's own key {fp}, intact")

    photo, video, audio = (f["path"] for f in manifest["files"])
    (out / video).write_bytes(b"re-encoded")
    (out / audio).unlink()
    (out / "files" / "planted.jpg").write_bytes(b"\xff\xd8")
    assert _verify(str(out), "--key", hex_key) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"changed: {video}: 10 bytes, the manifest says {manifest['files'][1]['size']}",
        f"missing: {audio}",
        "extra: files/planted.jpg",
        f"evidence export {out}: 2 of 4 files match, checked with the key given {fp}, "
        "CHANGED (3 problems)",
    ]
    data = (out / "manifest.json").read_bytes()
    (out / "manifest.json").write_bytes(data.replace(b'"usable"', b'"not_usable"'))
    assert _verify(str(out), "--key", hex_key) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "manifest: manifest.json was changed after it was signed "
        f"(the signature does not verify with the key {fp})"
    )
    assert photo not in "".join(lines)  # the photo itself is as listed

    assert _verify(str(tmp_path / "nowhere")) == 2
    assert _one_line_error(capsys) == f"{tmp_path / 'nowhere'}: no such folder"
    assert _verify(str(tmp_path / "vault")) == 2
    assert "is not an evidence export (it has no manifest.json)" in _one_line_error(capsys)
    assert _verify(str(out), "--key", "0123abcd") == 2
    assert "neither a key file nor an Ed25519 public key" in _one_line_error(capsys)
    (tmp_path / "bad.pem").write_text("-----BEGIN PUBLIC KEY-----\nxx\n", encoding="ascii")
    assert _verify(str(out), "--key", str(tmp_path / "bad.pem")) == 2
    assert _one_line_error(capsys).startswith(f"{tmp_path / 'bad.pem'}: not a PEM public key")
    with pytest.raises(SystemExit) as usage:
        main(["evidence", "verify"])
    err = capsys.readouterr().err
    assert usage.value.code == 2 and err.count("\n") == 1
    assert "error: the following arguments are required: DIR" in err


def test_verify_needs_no_database(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, _, _ = _export(store, tmp_path, monkeypatch)
    capsys.readouterr()
    nowhere = tmp_path / "no" / "youyi.db"
    assert main(["--db", f"sqlite:///{nowhere}", "evidence", "verify", str(out)]) == 0
    assert not nowhere.parent.exists()
    assert main(["evidence", "verify", str(out), "--db", "postgresql://youyi@127.0.0.1:1/x"]) == 0

    # The very first command on a machine: no database anywhere, an empty data
    # folder, and a Store may not even be made.
    data = tmp_path / "fresh-data"
    data.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("YOUYI_DB", raising=False)

    def no_store(*args: object, **kwargs: object) -> None:
        raise AssertionError("evidence verify opened a store")

    monkeypatch.setattr(Store, "__init__", no_store)
    elsewhere = Path(shutil.copytree(out, tmp_path / "usb-stick"))
    assert main(["evidence", "verify", str(elsewhere)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(", intact")
    assert list(data.iterdir()) == []


def test_export_refused_to_an_operator(
    store: Store,
    signed_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = Vault(tmp_path / "vault")
    order, _ = order_with_evidence(store, vault, WorkOrderService(store))
    out = tmp_path / "export"
    argv = ["evidence", "export", "--order", order.number, "--out", str(out)]
    assert run(store, *argv, "--evidence-dir", str(vault.root)) == 2
    assert _one_line_error(capsys) == (
        "only officers and administrators may export evidence (signed in: wang, operator)"
    )
    assert not out.exists()
    assert rows(
        store, "SELECT actor, subject FROM audit_log WHERE action = 'evidence.refused'"
    ) == [("wang", order.number)]


def test_export_errors_are_one_line(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, number, vault = _export(store, tmp_path, monkeypatch)
    capsys.readouterr()
    again = ["evidence", "export", "--order", number, "--evidence-dir", str(vault)]
    assert run(store, *again, "--out", str(out)) == 2
    assert _one_line_error(capsys) == (
        f"{out} is not empty: an export goes into an empty or new folder"
    )
    bare = raise_order(WorkOrderService(store))
    other = tmp_path / "other"
    assert run(store, "evidence", "export", "--order", bare.number, "--out", str(other)) == 2
    assert _one_line_error(capsys) == f"work order {bare.number} has no evidence: nothing exported"
    assert not other.exists()
    assert run(store, "evidence", "export", "--order", "YY-1", "--out", str(other)) == 2
    assert _one_line_error(capsys) == "no work order 'YY-1'"
    with pytest.raises(SystemExit) as usage:
        run(store, "evidence", "export", "--out", str(other))
    err = capsys.readouterr().err
    assert usage.value.code == 2 and err.count("\n") == 1
    assert "error: the following arguments are required: --order" in err
