"""devices' reporting interval, telemetry, the source of automatic orders

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Plain ADD COLUMN and CREATE INDEX (no batch table copy on SQLite, which would
lose the expression index of the work-order desk).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from services.db.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telemetry",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_telemetry_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", "metric", "at", name=op.f("pk_telemetry")),
    )
    op.create_table(
        "telemetry_rollup",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("bucket", UTCDateTime(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("min", sa.Float(), nullable=False),
        sa.Column("max", sa.Float(), nullable=False),
        sa.Column("mean", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_telemetry_rollup_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", "metric", "bucket", name=op.f("pk_telemetry_rollup")),
    )
    op.add_column("devices", sa.Column("reporting_interval_s", sa.Integer(), nullable=True))
    op.add_column("work_orders", sa.Column("source_ref", sa.String(length=200), nullable=True))
    op.create_index("uq_work_orders_source_ref", "work_orders", ["source_ref"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_work_orders_source_ref", table_name="work_orders")
    # Plain DROP COLUMN (SQLite >= 3.35 and PostgreSQL): a batch copy on SQLite
    # would lose the desk's expression index.
    op.execute("ALTER TABLE work_orders DROP COLUMN source_ref")
    op.execute("ALTER TABLE devices DROP COLUMN reporting_interval_s")
    op.drop_table("telemetry_rollup")
    op.drop_table("telemetry")
