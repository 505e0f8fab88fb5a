"""Photos and snapshots attached to the steps of work orders.

Kept in the shared database, named by the SHA-256 of their bytes: a step's
``attachments`` holds ``att:<sha256>`` references, every console sees the same
picture, and the same photo attached twice is stored once.  Only pictures are
taken (PNG, JPEG, WebP, by their first bytes, not their names), up to
``MAX_BYTES`` each; anything else is refused with a message saying why, before
anything is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.db import bulk
from services.db.models import Attachment, table_of
from services.db.store import Store
from services.errors import NotFoundError, ValidationError

_t = table_of(Attachment)
PREFIX = "att:"
MAX_BYTES = 20 * 1024 * 1024
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True)
class Picture:
    ref: str
    name: str
    mime: str
    data: bytes


def picture_type(data: bytes) -> str | None:
    """The MIME type of a picture we take, from its first bytes; None otherwise."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_picture(name: str, data: bytes) -> str:
    """The picture's MIME type, or ValidationError naming the file and the reason."""
    if not data:
        raise ValidationError(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"{name}: {len(data) / 1048576:.1f} MB is more than {MAX_BYTES // 1048576} MB"
        )
    mime = picture_type(data)
    if mime is None:
        raise ValidationError(f"{name}: not a PNG, JPEG or WebP picture")
    return mime


class AttachmentStore:
    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))

    def add_files(self, paths: Sequence[Path], added_by: str) -> list[str]:
        """Store the pictures (all or none); returns their references in order."""
        files = []
        for path in paths:
            try:
                size = path.stat().st_size
                if size <= MAX_BYTES:  # a bigger one is refused before a byte is read
                    with open(path, "rb") as f:  # one byte past the limit at most (/dev/zero)
                        data = f.read(MAX_BYTES + 1)
            except OSError as exc:
                raise ValidationError(f"{path.name}: cannot be read ({exc.strerror})") from exc
            limit = f"is more than {MAX_BYTES // 1048576} MB"
            if size > MAX_BYTES:
                raise ValidationError(f"{path.name}: {size / 1048576:.1f} MB {limit}")
            if len(data) > MAX_BYTES:
                raise ValidationError(f"{path.name}: what it holds {limit}")
            files.append((path.name, data))
        return self.add(files, added_by)

    def add(self, files: Sequence[tuple[str, bytes]], added_by: str) -> list[str]:
        rows: list[dict[str, object]] = []
        refs: list[str] = []
        now = self.clock()
        for name, data in files:
            mime = check_picture(name, data)
            digest = hashlib.sha256(data).hexdigest()
            refs.append(PREFIX + digest)
            rows.append(
                {
                    "sha256": digest,
                    "name": name[:255],
                    "mime": mime,
                    "size": len(data),
                    "data": data,
                    "added_at": now,
                    "added_by": added_by,
                }
            )
        unique = list({r["sha256"]: r for r in rows}.values())
        try:
            self._insert(unique)
        except IntegrityError:  # another console stored the same picture just now
            self._insert(unique)
        return refs

    def _insert(self, rows: list[dict[str, object]]) -> None:
        with self.store.transaction() as tx:
            bulk.insert_missing(tx.conn, _t, "sha256", rows)

    def get(self, ref: str) -> Picture:
        if not ref.startswith(PREFIX):
            raise NotFoundError(f"{ref} is not an attachment reference")
        with self.store.reading() as conn:
            row = conn.execute(
                select(_t.c.name, _t.c.mime, _t.c.data).where(_t.c.sha256 == ref[len(PREFIX) :])
            ).first()
        if row is None:
            raise NotFoundError(f"no attachment {ref}")
        return Picture(ref, row.name, row.mime, bytes(row.data))
