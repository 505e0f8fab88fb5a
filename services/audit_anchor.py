"""Signed checkpoints of the audit trail, kept outside the database's reach.

The hash chain (``services.audit``) finds a row changed or removed in the
middle; it cannot find rows removed from the end with the head moved back, a
chain re-hashed from a changed row onwards, or a trail wiped and its head
reset, since each of those leaves a chain that holds together.  A checkpoint
pins the head as it was: ``(database, seq, hash, time)`` signed with an Ed25519
key that the database does not hold, appended to a file on the machine that
took it (fsync'd).  ``verify_checkpoints`` then finds, for every checkpoint,
the row it names with the hash it names, or says what was done.

The ingest service takes a checkpoint every minute, ``youyi-console audit
checkpoint`` on demand (cron), ``audit verify`` after a chain that holds.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, select

from services.db.models import AuditEntry, AuditHead, table_of
from services.db.store import Store
from services.db.url import schema_of
from services.errors import ConfigError
from services.keyfile import load_or_make

log = logging.getLogger(__name__)

_log = table_of(AuditEntry)
_head = table_of(AuditHead)


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("youyi-console", appauthor=False)) / "audit"


@dataclass(frozen=True)
class Checkpoint:
    database: str  # which database (its label: kind, host, name, schema)
    seq: int
    hash: str
    at: str  # UTC, ISO 8601
    key: str  # the signer's public key, hex
    sig: str = ""  # Ed25519 over the fields above, hex

    def message(self) -> bytes:
        fields = [self.database, self.seq, self.hash, self.at, self.key]
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


class Signer:
    """This machine's signing key: made on first use, kept readable by its owner
    only, never written to the database."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        self.key_path = self.folder / "signing-key.pem"
        self._key = self._load_or_make()
        raw = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_key = raw.hex()

    def _load_or_make(self) -> Ed25519PrivateKey:
        return load_or_make(self.key_path, "audit checkpoints")

    def sign(self, cp: Checkpoint) -> Checkpoint:
        return Checkpoint(**{**asdict(cp), "sig": self._key.sign(cp.message()).hex()})


class CheckpointFile:
    """An append-only JSON-lines file of signed checkpoints."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_folder() / "checkpoints.jsonl"

    def append(self, cp: Checkpoint) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(json.dumps(asdict(cp), ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise ConfigError(f"audit checkpoints {self.path}: {exc}") from exc

    def read(self) -> Iterator[Checkpoint | str]:
        """Each line as a checkpoint, or as the reason it is not one."""
        if not self.path.exists():
            return
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"audit checkpoints {self.path}: {exc}") from exc
        for n, line in enumerate(lines, 1):
            try:
                d = json.loads(line)
                yield Checkpoint(
                    str(d["database"]), int(d["seq"]), str(d["hash"]), str(d["at"]),
                    str(d["key"]), str(d["sig"]),
                )  # fmt: skip
            except (ValueError, KeyError, TypeError) as exc:
                yield f"{self.path.name} line {n}: not a checkpoint ({exc})"


def database_name(store: Store) -> str:
    """Which database a checkpoint is of: where the consoles connect (kind, host,
    name and schema), which someone inside the database cannot change."""
    schema = schema_of(store.url)
    return f"{store.label} schema {schema}" if schema else store.label


def take_checkpoint(store: Store, signer: Signer, file: CheckpointFile) -> Checkpoint | None:
    """Sign and keep the head as it is now; None when it has not moved since
    this file's last checkpoint of the database."""
    with store.reading() as conn:
        seq, digest = conn.execute(select(_head.c.seq, _head.c.hash).where(_head.c.id == 1)).one()
    name, last = database_name(store), None
    for cp in file.read():
        if isinstance(cp, Checkpoint) and cp.database == name:
            last = cp
    if last is not None and (last.seq, last.hash) == (seq, digest):
        return None
    at = datetime.now(UTC).isoformat(timespec="seconds")
    cp = signer.sign(Checkpoint(name, int(seq), str(digest), at, signer.public_key))
    file.append(cp)
    return cp


@dataclass
class CheckpointReport:
    checked: int = 0
    latest: Checkpoint | None = None
    problems: list[str] = field(default_factory=list)


def verify_checkpoints(
    conn: Connection, database: str, files: Iterable[CheckpointFile], trusted: set[str]
) -> CheckpointReport:
    """Check every checkpoint of ``database`` in ``files`` against the rows."""
    report = CheckpointReport()
    for file in files:
        for cp in file.read():
            if isinstance(cp, str):
                report.problems.append(cp)
                continue
            if cp.database != database:
                continue
            problem = _check(conn, cp, trusted)
            if problem:
                report.problems.append(f"checkpoint of {cp.at} (row {cp.seq}): {problem}")
                continue
            report.checked += 1
            if report.latest is None or cp.seq > report.latest.seq:
                report.latest = cp
    return report


def _check(conn: Connection, cp: Checkpoint, trusted: set[str]) -> str | None:
    if cp.key not in trusted:
        return f"signed by a key not trusted here ({cp.key[:16]}…)"
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(cp.key)).verify(
            bytes.fromhex(cp.sig), cp.message()
        )
    except (InvalidSignature, ValueError):
        return "its signature does not verify (the checkpoint file was edited)"
    if cp.seq == 0:
        return None
    row = conn.execute(select(_log.c.hash).where(_log.c.seq == cp.seq)).first()
    if row is None:
        last = conn.execute(select(_log.c.seq).order_by(_log.c.seq.desc()).limit(1)).scalar()
        now = f"now ends at row {last}" if last else "is now empty"
        return f"the trail reached row {cp.seq} then, and {now}: rows were removed"
    if row.hash != cp.hash:
        return f"row {cp.seq} is not the row it was: the chain was rewritten"
    return None
