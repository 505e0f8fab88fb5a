"""The evidence tables (issue 13): the items, each stored once by its SHA-256;
every intake of them; their links to work orders; and each item's custody log,
hash-chained like the audit trail.  On the models' ``Base``: the migrations
create them and the migrations test compares them like the rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.db.models import Base
from services.db.types import UTCDateTime


class EvidenceItem(Base):
    """One piece of evidence: a file kept byte for byte in the evidence store
    under its SHA-256 (``services.evidence.vault``), what is known of it, and
    the officer's review."""

    __tablename__ = "evidence_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # EvidenceKind
    media_type: Mapped[str] = mapped_column(String(96))
    name: Mapped[str] = mapped_column(String(255))  # the file's name at its first intake
    captured_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    grid_code: Mapped[str | None] = mapped_column(ForeignKey("grid_cells.code"), index=True)
    officer: Mapped[str | None] = mapped_column(String(64), index=True)
    device: Mapped[str | None] = mapped_column(String(128))
    decodes: Mapped[bool] = mapped_column(Boolean)  # False: taken in as it is, flagged
    flag: Mapped[str | None] = mapped_column(Text)  # why it is flagged (undecodable ...)
    verdict: Mapped[str | None] = mapped_column(String(16), index=True)  # Verdict
    verdict_note: Mapped[str | None] = mapped_column(Text)
    verdict_by: Mapped[str | None] = mapped_column(String(64))
    verdict_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    custody_seq: Mapped[int] = mapped_column(Integer)  # the custody log's last entry
    custody_hash: Mapped[str] = mapped_column(String(64))  # and its hash


class EvidenceIntake(Base):
    """Each time a file came in: the same file twice is one item, two intakes."""

    __tablename__ = "evidence_intakes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(Text)  # the path in the dump, or the URL
    officer: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    console: Mapped[str] = mapped_column(String(64))


class EvidenceLink(Base):
    """An item attached to a work order (detached: the row goes, the custody log
    keeps both steps)."""

    __tablename__ = "evidence_links"
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("work_orders.id"), primary_key=True, index=True
    )
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_by: Mapped[str] = mapped_column(String(64))


class CustodyEntry(Base):
    """One step in an item's chain of custody (intake, view, export, verdict,
    attach, detach, tampering found), hash-chained per item: each hash covers
    the entry and the previous entry's hash (``services.evidence.custody``)."""

    __tablename__ = "evidence_custody"
    __table_args__ = (UniqueConstraint("item_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    console: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))  # CustodyAction
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class EvidenceFetch(Base):
    """A file a ``mobile`` event named in its ``media`` (a store path or a URL),
    to be fetched into the evidence store by the ingest service: written with
    the alert, in its transaction; retried with back-off; a failure kept here
    with its reason (never dropped)."""

    __tablename__ = "evidence_fetches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(Integer, index=True)  # alerts has no FKs (0005)
    ref: Mapped[str] = mapped_column(Text)
    officer: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))  # pending | done | failed
    attempts: Mapped[int] = mapped_column(Integer)
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
