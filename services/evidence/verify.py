"""Check an evidence export (``services.evidence.export``) anywhere: no
database, no private key, only the folder and, best, the exporter's public key.

``verify_export`` checks the detached Ed25519 signature over the exact bytes
of manifest.json, with the key given (the exporter's, obtained apart from the
export) or else the key the manifest names; the latter only shows that the
manifest was not changed by someone who did not re-sign it, and the report
says so.  Then every file the manifest lists (and the printable page) is
looked for, its size compared and its SHA-256 recomputed, streamed; a file in
the folder the manifest does not list is extra.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.audit import GENESIS, canonical, row_hash
from services.errors import ValidationError
from services.evidence.signing import fingerprint, parse_public_key, public_hex, verifies

#: The export's layout.
FORMAT, VERSION = "youyi-evidence-export", 1
MANIFEST, SIGNATURE, PUBLIC_KEY, PAGE, FILES = (
    "manifest.json",
    "manifest.json.sig",
    "public-key.pem",
    "manifest.html",
    "files",
)
CHUNK = 1 << 20
_SHA = re.compile(r"[0-9a-f]{64}")


class NotAnExportError(ValidationError):
    """The folder is missing, or holds no manifest.json."""


class _MalformedError(Exception):
    pass


@dataclass
class VerifyReport:
    folder: Path
    key_source: str = ""  # "given" or "manifest": which key the signature was checked with
    key_fingerprint: str = ""
    signature_ok: bool = False
    manifest_changed: bool = False  # the signature does not verify
    manifest_problems: list[str] = field(default_factory=list)  # malformed, unsigned, other key
    changed: list[str] = field(default_factory=list)  # "path: why"
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    custody: list[str] = field(default_factory=list)  # a custody log that is no chain
    matched: int = 0  # listed files found as listed
    listed: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signature_ok and not (
            self.manifest_problems or self.changed or self.missing or self.extra or self.custody
        )

    def problems(self) -> list[str]:
        """One line each, the manifest first."""
        lines = []
        if self.manifest_changed:
            lines.append(
                f"manifest: {MANIFEST} was changed after it was signed "
                f"(the signature does not verify with the key {self.key_fingerprint})"
            )
        lines += [f"manifest: {p}" for p in self.manifest_problems]
        lines += [f"changed: {c}" for c in self.changed]
        lines += [f"missing: {m}" for m in self.missing]
        lines += [f"extra: {x}" for x in self.extra]
        lines += [f"custody: {c}" for c in self.custody]
        return lines


def verify_export(folder: Path | str, public_key: Ed25519PublicKey | None = None) -> VerifyReport:
    """Check the export in ``folder``; ``public_key`` the exporter's, if known."""
    root = Path(folder)
    if not root.is_dir():
        raise NotAnExportError(f"{root}: no such folder")
    if not (root / MANIFEST).is_file():
        raise NotAnExportError(f"{root} is not an evidence export (it has no {MANIFEST})")
    report = VerifyReport(root)
    try:
        data = (root / MANIFEST).read_bytes()
    except OSError as exc:
        raise NotAnExportError(f"cannot read {root / MANIFEST}: {exc.strerror or exc}") from None
    try:
        manifest: dict[str, Any] | None = _parse(data)
    except _MalformedError as exc:
        manifest = None
        report.manifest_problems.append(f"{MANIFEST} is malformed ({exc})")
    _check_signature(report, data, manifest, public_key)
    if manifest is not None:
        _check_key_file(report, manifest)
        listed = [*manifest["files"], manifest["page"]]
        report.listed = len(listed)
        for entry in listed:
            _check_file(report, entry)
        _find_extra(report, {e["path"] for e in listed})
        for entry in manifest["files"]:
            _check_custody(report, entry)
    return report


def _check_custody(report: VerifyReport, entry: dict[str, Any]) -> None:
    """Each item's custody log in the manifest is a whole chain: every entry's
    hash recomputed (``services.audit.row_hash`` over the item's SHA-256), each
    linked to the one before from the first (the signature says the manifest is
    the exporter's; this, that the log was not cut or changed before it)."""
    prev, seq = GENESIS, 0
    for step in entry.get("custody") or ():
        where = f"{entry['path']} #{step.get('seq') if isinstance(step, dict) else '?'}"
        try:
            at = datetime.fromisoformat(step["at"])
            text = canonical(step["detail"])
            digest = row_hash(
                int(step["seq"]), at, step["actor"], step["console"], step["action"],
                entry["sha256"], text, step["prev_hash"],
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            report.custody.append(f"{where}: not a custody entry")
            return
        if int(step["seq"]) != seq + 1 or step["prev_hash"] != prev:
            report.custody.append(f"{where}: does not follow the entry before it")
        if step["hash"] != digest:
            report.custody.append(f"{where}: its hash does not match what it says")
        prev, seq = step["hash"], int(step["seq"])


def _parse(data: bytes) -> dict[str, Any]:
    try:
        m = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _MalformedError(f"not JSON: {exc}") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise _MalformedError(f"not a {FORMAT} manifest")
    if m.get("version") != VERSION:
        raise _MalformedError(f"format version {m.get('version')!r}, this console reads {VERSION}")
    files, page, key = m.get("files"), m.get("page"), m.get("key")
    if not isinstance(files, list) or not isinstance(page, dict) or not isinstance(key, dict):
        raise _MalformedError("no files, page or key")
    seen: set[str] = set()
    for entry in [*files, page]:
        path = _entry_path(entry)
        if path in seen:
            raise _MalformedError(f"{path} is listed twice")
        seen.add(path)
    return m


def _entry_path(entry: Any) -> str:
    """The entry's path, checked to be a plain relative path inside the export
    with a SHA-256 and a size."""
    if not isinstance(entry, dict):
        raise _MalformedError("a file entry is not an object")
    path, sha, size = entry.get("path"), entry.get("sha256"), entry.get("size")
    if not isinstance(path, str) or not isinstance(sha, str) or not _SHA.fullmatch(sha):
        raise _MalformedError(f"a file entry without a path or SHA-256: {entry.get('path')!r}")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise _MalformedError(f"{path}: no size")
    parts = PurePosixPath(path).parts
    plain = PurePosixPath(path).as_posix() == path and not path.startswith("/")
    if not plain or not parts or "\\" in path or ".." in parts or ":" in parts[0]:
        raise _MalformedError(f"{path!r} is not a path inside the export")
    if path in (MANIFEST, SIGNATURE, PUBLIC_KEY):
        raise _MalformedError(f"{path} is listed as evidence")
    return path


def _check_signature(
    report: VerifyReport,
    data: bytes,
    manifest: dict[str, Any] | None,
    given: Ed25519PublicKey | None,
) -> None:
    named = _named_key(report, manifest)
    key = given or named
    report.key_source = "given" if given else "manifest"
    if key is None:
        report.manifest_problems.append("no key to check the signature with (give one: --key)")
        return
    report.key_fingerprint = fingerprint(key)
    try:
        signature = (report.folder / SIGNATURE).read_bytes()
    except FileNotFoundError:
        report.manifest_problems.append(f"{SIGNATURE} is missing: the manifest cannot be checked")
        return
    except OSError as exc:
        report.manifest_problems.append(f"cannot read {SIGNATURE}: {exc.strerror or exc}")
        return
    if verifies(key, signature, data):
        report.signature_ok = True
        if given is None:
            report.warnings.append(
                f"checked with the key inside the manifest ({report.key_fingerprint}): whoever "
                "changed the manifest could have signed it again with a key of their own; "
                "compare that fingerprint with the exporter's, or give their key with --key"
            )
        elif named is not None and public_hex(named) != public_hex(given):
            report.warnings.append("the manifest names another key than the one that signed it")
    elif given is not None and named is not None and verifies(named, signature, data):
        report.manifest_problems.append(
            f"not signed by the key given ({report.key_fingerprint}) but by the key the "
            f"manifest names ({fingerprint(named)}): re-signed after a change, or the wrong key"
        )
    else:
        report.manifest_changed = True


def _named_key(report: VerifyReport, manifest: dict[str, Any] | None) -> Ed25519PublicKey | None:
    if manifest is None:
        return None
    hex_key = manifest["key"].get("public_key")
    try:
        return parse_public_key(str(hex_key).encode("utf-8", "replace"), "the manifest's key")
    except ValidationError as exc:
        report.warnings.append(str(exc))
        return None


def _check_key_file(report: VerifyReport, manifest: dict[str, Any]) -> None:
    """public-key.pem, when there, is the key the manifest names."""
    path = report.folder / PUBLIC_KEY
    if not path.is_file():
        return
    try:
        pem = parse_public_key(path.read_bytes(), PUBLIC_KEY)
    except (ValidationError, OSError):
        report.changed.append(f"{PUBLIC_KEY}: not a public key")
        return
    if public_hex(pem) != str(manifest["key"].get("public_key", "")).lower():
        report.changed.append(f"{PUBLIC_KEY}: not the key the manifest names")


def _check_file(report: VerifyReport, entry: dict[str, Any]) -> None:
    path, want_sha, want_size = entry["path"], entry["sha256"], entry["size"]
    target = report.folder / path
    if target.is_symlink():
        report.changed.append(f"{path}: a symbolic link, not the file")
        return
    if not target.exists():
        report.missing.append(path)
        return
    if not target.is_file():
        report.changed.append(f"{path}: not a file")
        return
    try:
        size = target.stat().st_size
        if size != want_size:
            report.changed.append(f"{path}: {size} bytes, the manifest says {want_size}")
            return
        if _sha256(target) != want_sha:
            report.changed.append(f"{path}: its SHA-256 is not the manifest's")
            return
    except OSError as exc:
        report.changed.append(f"{path}: cannot be read ({exc.strerror or exc})")
        return
    report.matched += 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _find_extra(report: VerifyReport, listed: set[str]) -> None:
    """Whatever is in the folder besides the listed files and the manifest's own."""
    own = {MANIFEST, SIGNATURE, PUBLIC_KEY}
    for top, dirs, files in os.walk(report.folder):
        here = PurePosixPath(Path(top).relative_to(report.folder).as_posix())
        links = [d for d in dirs if (Path(top) / d).is_symlink()]  # not walked into
        for name in [*files, *links]:
            rel = (here / name).as_posix()
            if rel not in listed and rel not in own:
                report.extra.append(rel)
    report.extra.sort()
