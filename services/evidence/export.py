"""A work order's evidence handed on: a folder that verifies anywhere.

``export_order`` copies each item attached to the order byte for byte out of
the evidence store (streamed, re-hashed on the way: a stored file that no
longer matches its SHA-256 stops the export and is marked TAMPERED), appends an
EXPORT entry to each item's custody log with one ``evidence.export`` audit
entry, and writes beside the files::

    files/<sha[:12]>-<name>   the originals
    manifest.json             order, exporter, time, key, and per file its hash,
                              metadata and full custody log
    manifest.html             the same as a printable page in Chinese (证据清单)
    manifest.json.sig         Ed25519 over the exact bytes of manifest.json (64
                              raw bytes: ``openssl pkeyutl -verify -rawin`` reads it)
    public-key.pem            the key that signed it

``services.evidence.verify`` checks such a folder without a database.  The
manifest names the page's SHA-256, so the signature covers the page too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from services import audit
from services.access.permissions import EVIDENCE, require
from services.db.evidence_models import CustodyEntry, EvidenceItem, EvidenceLink
from services.db.models import WorkOrder, table_of
from services.db.store import Store, Tx
from services.district.timezone import district_tz
from services.domain import Actor, Change, CustodyAction, Principal
from services.errors import (
    ConfigError,
    NotFoundError,
    PermissionDeniedError,
    TamperedEvidenceError,
    ValidationError,
)
from services.evidence import custody
from services.evidence.manifest_page import render_page
from services.evidence.signing import ALGORITHM, EvidenceSigner
from services.evidence.vault import ENV, Vault
from services.evidence.verify import FILES, FORMAT, MANIFEST, PAGE, PUBLIC_KEY, SIGNATURE, VERSION

CHUNK = 1 << 20  # bytes read at a time: a 2 GB video never sits in memory
NAME_BYTES = 120  # the longest original name kept in an exported file's name

_items = table_of(EvidenceItem)
_links = table_of(EvidenceLink)
_custody = table_of(CustodyEntry)
_orders = table_of(WorkOrder)

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class ExportResult:
    out_dir: Path
    order: str
    files: int
    size: int  # bytes of evidence copied
    fingerprint: str  # of the key that signed the manifest


def _now() -> datetime:
    return datetime.now(UTC)


def export_order(
    store: Store,
    principal: Principal,
    order_number: str,
    out_dir: Path | str,
    vault_root: Path | str | None,
    signer: EvidenceSigner,
    clock: Clock = _now,
    *,
    console: str = "",
) -> ExportResult:
    """Export the evidence attached to work order ``order_number`` into
    ``out_dir`` (empty or new) as ``principal`` (an officer or administrator),
    from the evidence store at ``vault_root`` (None: the default one)."""
    actor = principal.actor(console or f"svc:{socket.gethostname()}"[:64])
    out, vault = Path(out_dir), Vault(Path(vault_root) if vault_root else None)
    order = _order(store, order_number)
    _allowed(store, principal, actor, order, clock)
    items = _attached(store, order.id)
    if not items:
        raise ValidationError(f"work order {order.number} has no evidence: nothing exported")
    _check_out_dir(out)
    if not vault.root.is_dir():
        raise ConfigError(f"no evidence store at {vault.root} (--evidence-dir or ${ENV})")
    created = not out.exists()
    try:
        paths = _copy_all(store, actor, clock, order.number, items, vault, out)
        with store.transaction() as tx:
            at = clock()
            manifest = _record(tx, at, actor, principal, order, items, paths, signer, out)
            _write_manifest(out, manifest, signer)
    except BaseException:
        _remove(out, created)
        raise
    size = sum(int(i.size) for i in items)
    return ExportResult(out, order.number, len(items), size, signer.fingerprint)


def _order(store: Store, number: str) -> Any:  # a row
    with store.reading() as conn:
        row = conn.execute(
            select(
                _orders.c.id,
                _orders.c.number,
                _orders.c.title,
                _orders.c.grid_code,
                _orders.c.state,
                _orders.c.category,
            ).where(_orders.c.number == number.strip())
        ).first()
    if row is None:
        raise NotFoundError(f"no work order {number.strip()!r}")
    return row


def _allowed(store: Store, principal: Principal, actor: Actor, order: Any, clock: Clock) -> None:
    """The evidence right in the order's grid cell; a refusal is audited first
    (``evidence.refused``, as ``services.evidence.service`` writes it)."""
    try:
        require(principal, EVIDENCE, order.grid_code)
    except PermissionDeniedError as exc:
        detail = {"wanted": "export", "role": principal.role.value, "reason": str(exc)}
        with store.transaction() as tx:
            audit.append(tx.conn, clock(), actor, "evidence.refused", order.number, detail)
        who = f"{principal.login}, {principal.role.value}"
        raise PermissionDeniedError(
            f"only officers and administrators may export evidence (signed in: {who})"
        ) from None


def _attached(store: Store, order_id: int) -> list[Any]:  # rows
    with store.reading() as conn:
        return list(
            conn.execute(
                select(_items)
                .join(_links, _links.c.item_id == _items.c.id)
                .where(_links.c.order_id == order_id)
                .order_by(_items.c.captured_at.asc().nulls_last(), _items.c.id)
            ).all()
        )


def _check_out_dir(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ValidationError(f"{out} is not a folder: an export goes into an empty or new folder")
    try:
        if out.exists() and any(out.iterdir()):
            raise ValidationError(f"{out} is not empty: an export goes into an empty or new folder")
    except OSError as exc:
        raise ValidationError(f"cannot use {out}: {exc.strerror or exc}") from None


def _remove(out: Path, created: bool) -> None:
    """Take back what a failed export wrote (the folder was empty or new)."""
    if created:
        shutil.rmtree(out, ignore_errors=True)
        return
    shutil.rmtree(out / FILES, ignore_errors=True)
    for name in (MANIFEST, SIGNATURE, PUBLIC_KEY, PAGE):
        (out / name).unlink(missing_ok=True)


def safe_name(name: str) -> str:
    """An original file name fit for any file system: its last path part,
    letters, digits, ``.``, ``_`` and ``-`` kept (other scripts too), anything
    else ``_``, at most ``NAME_BYTES`` bytes of UTF-8 with its extension kept."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c if c.isalnum() or c in "._-" else "_" for c in name).strip("._") or "file"
    stem, dot, ext = kept.rpartition(".")
    if not dot or not stem:
        stem, ext = kept, ""
    ext = ext[:16]
    while stem and len(f"{stem}.{ext}".encode()) > NAME_BYTES:
        stem = stem[:-1]
    return f"{stem or 'file'}.{ext}" if ext else (stem or "file")


def _copy_all(
    store: Store, actor: Actor, clock: Clock, number: str, items: list[Any], vault: Vault, out: Path
) -> dict[int, str]:
    """Copy every item into ``out/files``; item id -> its path in the export."""
    (out / FILES).mkdir(parents=True, exist_ok=True)
    paths: dict[int, str] = {}
    for item in items:
        name = f"{item.sha256[:12]}-{safe_name(item.name)}"
        if f"{FILES}/{name}" in paths.values():  # two originals of one name and prefix
            name = f"{item.sha256}-{safe_name(item.name)}"
        found = _copy(vault.path_of(item.sha256), out / FILES / name)
        if found != (item.sha256, int(item.size)):
            _tampered(store, actor, clock, number, item, found)
        paths[item.id] = f"{FILES}/{name}"
    return paths


def _copy(source: Path, target: Path) -> tuple[str | None, int]:
    """Stream ``source`` into ``target`` (new), hashing it on the way: its
    SHA-256 and size, or (None, 0) when the source is not there."""
    digest, size = hashlib.sha256(), 0
    try:
        src = open(source, "rb")  # noqa: SIM115 - closed below, before the target
    except FileNotFoundError:
        return None, 0
    except OSError as exc:
        raise ConfigError(f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        with src, open(target, "xb") as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        raise ConfigError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from None
    return digest.hexdigest(), size


def _tampered(
    store: Store, actor: Actor, clock: Clock, number: str, item: Any, found: tuple[str | None, int]
) -> None:
    """Record a stored file that is not what was taken in, and stop."""
    sha, size = found
    state = "missing" if sha is None else "changed"
    detail = {"during": "export", "order": number, "state": state, "sha256": sha, "size": size}
    with store.transaction() as tx:
        at = clock()
        seq = custody.append(tx.conn, item.id, at, actor, CustodyAction.TAMPERED, detail)
        tx.notify(
            Change("evidence_items", item.id, seq, CustodyAction.TAMPERED.value, actor.console)
        )
        audit.append(
            tx.conn, at, actor, "evidence.tampered", item.sha256, {"item": item.id, **detail}
        )
    what = "is missing from the evidence store" if sha is None else "no longer matches its SHA-256"
    raise TamperedEvidenceError(
        f"evidence {item.sha256[:12]} ({item.name}) {what}: export of {number} stopped, "
        "nothing exported; the item is marked TAMPERED in its custody log"
    )


def _record(
    tx: Tx,
    at: datetime,
    actor: Actor,
    principal: Principal,
    order: Any,
    items: list[Any],
    paths: Mapping[int, str],
    signer: EvidenceSigner,
    out: Path,
) -> dict[str, Any]:
    """The custody EXPORT entries (other consoles told) and the audit entry,
    then the manifest (whose custody logs end with this export)."""
    conn, to = tx.conn, str(out.resolve())
    for item in sorted(items, key=lambda i: int(i.id)):  # rows locked in id order
        detail = {"order": order.number, "path": paths[item.id], "to": to}
        seq = custody.append(
            conn, item.id, at, actor, CustodyAction.EXPORT, {**detail, "key": signer.fingerprint}
        )
        tx.notify(Change("evidence_items", item.id, seq, CustodyAction.EXPORT.value, actor.console))
    shas = [i.sha256 for i in items]
    detail = {"items": len(items), "sha256": shas, "to": to, "key": signer.fingerprint}
    audit.append(conn, at, actor, "evidence.export", order.number, detail)
    local = at.astimezone(district_tz())
    return {
        "format": FORMAT,
        "version": VERSION,
        "order": {
            "number": order.number,
            "title": order.title,
            "grid": order.grid_code,
            "state": order.state,
            "category": order.category,
        },
        "exported_at": {"utc": _iso(at), "local": _iso(local), "time_zone": str(local.tzinfo)},
        "exporter": {
            "login": principal.login,
            "name": principal.name,
            "role": principal.role.value,
        },
        "console": actor.console,
        "key": {
            "algorithm": ALGORITHM,
            "public_key": signer.public_hex,
            "fingerprint": signer.fingerprint,
        },
        "files": [_file_entry(conn, item, paths[item.id]) for item in items],
    }


def _file_entry(conn: Connection, item: Any, path: str) -> dict[str, Any]:
    return {
        "path": path,
        "sha256": item.sha256,
        "size": int(item.size),
        "kind": item.kind,
        "media_type": item.media_type,
        "name": item.name,
        "captured_at": _iso(item.captured_at) if item.captured_at else None,
        "lon": item.lon,
        "lat": item.lat,
        "grid": item.grid_code,
        "officer": item.officer,
        "device": item.device,
        "decodes": bool(item.decodes),
        "flag": item.flag,
        "verdict": item.verdict,
        "verdict_note": item.verdict_note,
        "verdict_by": item.verdict_by,
        "custody": _custody_log(conn, item.id),
    }


def _custody_log(conn: Connection, item_id: int) -> list[dict[str, Any]]:
    """The item's whole custody log with each entry's hash (a recipient can
    recompute the chain: ``services.audit.row_hash`` over the item's SHA-256)."""
    rows = conn.execute(
        select(_custody).where(_custody.c.item_id == item_id).order_by(_custody.c.seq)
    )
    return [
        {
            "seq": r.seq,
            "at": r.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": r.actor,
            "console": r.console,
            "action": r.action,
            "detail": json.loads(r.detail),
            "prev_hash": r.prev_hash,
            "hash": r.hash,
        }
        for r in rows
    ]


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_manifest(out: Path, manifest: dict[str, Any], signer: EvidenceSigner) -> None:
    """The page first (the manifest names its hash), then the manifest, its
    signature and the public key."""
    page = render_page(manifest).encode("utf-8")
    manifest["page"] = {
        "path": PAGE,
        "sha256": hashlib.sha256(page).hexdigest(),
        "size": len(page),
    }
    data = manifest_bytes(manifest)
    try:
        for name, content in (
            (PAGE, page),
            (MANIFEST, data),
            (SIGNATURE, signer.sign(data)),
            (PUBLIC_KEY, signer.public_pem.encode("ascii")),
        ):
            with open(out / name, "xb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
    except OSError as exc:
        raise ConfigError(f"cannot write the manifest into {out}: {exc.strerror or exc}") from None
