"""The shared database's tables (SQLAlchemy 2.x typed declarative models).

Geometry is kept as GeoJSON text so that SQLite and PostgreSQL hold the same
thing; services.district.geo (shapely) reads it.  Every time is a UTC ``UTCDateTime``.
Alembic migrations in ``services/db/migrations`` create these tables; a test
checks that the migrations and these models agree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- the district -----------------------------------------------------------


class Block(Base):
    """街区: one of the three blocks of the nine-grid."""

    __tablename__ = "blocks"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    geometry: Mapped[str | None] = mapped_column(Text)


class GridCell(Base):
    """网格: one cell of the nine-grid, with its polygon and supervising unit."""

    __tablename__ = "grid_cells"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    block_code: Mapped[str] = mapped_column(ForeignKey("blocks.code"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    geometry: Mapped[str | None] = mapped_column(Text)
    supervising_unit: Mapped[str | None] = mapped_column(String(64))


class Community(Base):
    """小区: a residential community whose property cameras feed the centre."""

    __tablename__ = "communities"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    grid_code: Mapped[str] = mapped_column(ForeignKey("grid_cells.code"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    geometry: Mapped[str | None] = mapped_column(Text)


class Camera(Base):
    __tablename__ = "cameras"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    community_code: Mapped[str | None] = mapped_column(ForeignKey("communities.code"), index=True)
    main_url: Mapped[str] = mapped_column(Text)
    sub_url: Mapped[str | None] = mapped_column(Text)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)


device_cameras = Table(
    "device_cameras",
    Base.metadata,
    Column("device_id", ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True),
    Column("camera_id", ForeignKey("cameras.id", ondelete="CASCADE"), primary_key=True),
)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(128))
    community_code: Mapped[str | None] = mapped_column(ForeignKey("communities.code"), index=True)
    grid_code: Mapped[str | None] = mapped_column(ForeignKey("grid_cells.code"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    online: Mapped[bool | None] = mapped_column(Boolean)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Silent longer than this (seconds) and the device is marked offline.
    reporting_interval_s: Mapped[int | None] = mapped_column(Integer)


# --- people -----------------------------------------------------------------


class Unit(Base):
    """A unit that receives work orders: grid team, property company, ..."""

    __tablename__ = "units"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    community_code: Mapped[str | None] = mapped_column(ForeignKey("communities.code"))
    phone: Mapped[str | None] = mapped_column(String(32))


unit_grids = Table(
    "unit_grids",
    Base.metadata,
    Column("unit_code", ForeignKey("units.code", ondelete="CASCADE"), primary_key=True),
    Column("grid_code", ForeignKey("grid_cells.code", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(Text)
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Wrong passwords in a row, and the lock they lead to (services/access/policy.py).
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SignInToken(Base):
    """A sign-in of the command line, kept for a while (services/access/tokens.py):
    the SHA-256 of the token, never the token."""

    __tablename__ = "sign_in_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    console: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


user_grids = Table(
    "user_grids",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("grid_code", ForeignKey("grid_cells.code", ondelete="CASCADE"), primary_key=True),
)


# --- alerts and alarms ------------------------------------------------------


class Alarm(Base):
    """The condition alerts report: one open alarm per alarm key (device + type)."""

    __tablename__ = "alarms"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alarm_key: Mapped[str] = mapped_column(String(160))
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    alarm_type: Mapped[str] = mapped_column(String(64))
    severity: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(24))
    is_open: Mapped[bool] = mapped_column(Boolean)
    latched: Mapped[bool] = mapped_column(Boolean, default=False)
    count: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shelved_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shelve_reason: Mapped[str | None] = mapped_column(Text)
    disposition: Mapped[str | None] = mapped_column(String(24))
    grid_code: Mapped[str | None] = mapped_column(ForeignKey("grid_cells.code"), index=True)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index(
            "uq_alarms_open_key",
            "alarm_key",
            unique=True,
            sqlite_where=text("is_open"),
            postgresql_where=text("is_open"),
        ),
    )


class Alert(Base):
    """告警: one message from a device, stored exactly once by its event key."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(160), unique=True)
    # No foreign keys on this log (migration 0005): the ingest writer alone
    # writes it, from the registry, and an alert keeps what was true when it came.
    device_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    alert_type: Mapped[str] = mapped_column(String(64))
    severity: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    grid_code: Mapped[str | None] = mapped_column(String(32), index=True)
    alarm_id: Mapped[int | None] = mapped_column(Integer, index=True)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)


class IngestWorker(Base):
    """An ingest worker's last report of its health (services/ingest/workers.py)."""

    __tablename__ = "ingest_workers"
    worker: Mapped[str] = mapped_column(String(128), primary_key=True)
    host: Mapped[str] = mapped_column(String(128))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_commit: Mapped[datetime | None] = mapped_column(UTCDateTime)
    backlog: Mapped[int] = mapped_column(Integer)
    spool_bytes: Mapped[int] = mapped_column(Integer)
    stalled: Mapped[str | None] = mapped_column(Text)
    database_up: Mapped[bool] = mapped_column(Boolean)


class Quarantine(Base):
    """A payload that did not parse or fit its schema, kept with its reason."""

    __tablename__ = "quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    topic: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)  # the first 4 KiB (services/ingest/quarantine)
    reason: Mapped[str] = mapped_column(Text)
    raw_size: Mapped[int | None] = mapped_column(Integer)  # the whole payload's (migration 0006)
    raw_sha256: Mapped[str | None] = mapped_column(String(64))


class Telemetry(Base):
    """Recent measurements (arc-fault current, temperature ...), one row a value."""

    __tablename__ = "telemetry"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    value: Mapped[float] = mapped_column(Float)


class TelemetryRollup(Base):
    """Older measurements downsampled to one row per device, metric and bucket."""

    __tablename__ = "telemetry_rollup"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    bucket: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)
    min: Mapped[float] = mapped_column(Float)
    max: Mapped[float] = mapped_column(Float)
    mean: Mapped[float] = mapped_column(Float)


# --- work orders ------------------------------------------------------------


class WorkOrder(Base):
    """工单.  ``version`` guards against edits from a stale copy."""

    __tablename__ = "work_orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    is_open: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str | None] = mapped_column(String(24))
    grid_code: Mapped[str] = mapped_column(ForeignKey("grid_cells.code"))
    community_code: Mapped[str | None] = mapped_column(ForeignKey("communities.code"))
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"), index=True)
    reporter: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    stage_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline_stage: Mapped[str | None] = mapped_column(String(16))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    near_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    near_due: Mapped[bool] = mapped_column(Boolean, default=False)
    # A clock ran out at some step (a step after its due time, or flagged overdue):
    # sticky through reopening, so "closed on time" (按期办结) is counted in SQL.
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    supervised: Mapped[int] = mapped_column(Integer, default=0)
    escalation: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    # What raised it automatically (e.g. "alert:<event key>"): one order per source.
    source_ref: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        # The desk's first page: open orders of one grid cell, newest first.
        Index(
            "ix_work_orders_open_grid",
            "grid_code",
            text("created_at DESC"),
            text("id DESC"),
            sqlite_where=text("is_open"),
            postgresql_where=text("is_open"),
        ),
        # The deadline watch: open orders whose clock runs out, soonest first.
        Index(
            "ix_work_orders_due",
            "due_at",
            sqlite_where=text("is_open AND NOT overdue"),
            postgresql_where=text("is_open AND NOT overdue"),
        ),
        Index(
            "ix_work_orders_near_due",
            "near_due_at",
            sqlite_where=text("is_open AND NOT near_due"),
            postgresql_where=text("is_open AND NOT near_due"),
        ),
        Index("ix_work_orders_created", "created_at"),
        # The desk (services/workflow/desk.py, migration 0003): open orders of every
        # grid cell newest first, and "my orders" by reporter or last changer.
        Index(
            "ix_work_orders_open_created",
            "created_at",
            "id",
            sqlite_where=text("is_open"),
            postgresql_where=text("is_open"),
        ),
        Index("ix_work_orders_reporter", "reporter", "created_at", "id"),
        Index("ix_work_orders_updated_by", "updated_by", "created_at", "id"),
        Index("uq_work_orders_source_ref", "source_ref", unique=True),
    )


class WorkOrderEvent(Base):
    """One step of an order's history: who, when, from which console, what."""

    __tablename__ = "work_order_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    console: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[list[str]] = mapped_column(JSON)
    data: Mapped[dict[str, str]] = mapped_column(JSON)

    __table_args__ = (Index("ix_work_order_events_order", "order_id", "id"),)


class Attachment(Base):
    """A photo or snapshot attached to a step of an order, kept in the shared
    database (every console sees it), named by the SHA-256 of its bytes."""

    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(64))


class OrderCounter(Base):
    """The last order number handed out per local day, shared by all consoles."""

    __tablename__ = "order_counters"
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


# --- audit trail ------------------------------------------------------------


class AuditEntry(Base):
    """Append-only, hash-chained: each row's hash covers its content and the
    previous row's hash.  Triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    console: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str] = mapped_column(String(96))
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the chain's last sequence number and hash.  Locking it
    serialises appends across consoles."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


def table_of(model: type[Base]) -> Table:
    """The Core table of a model (typed as a Table, for insert/update)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# The evidence tables live beside these, on the same Base (the migrations and
# their test see them through this import).
from services.db import evidence_models as _evidence_models  # noqa: E402, F401
