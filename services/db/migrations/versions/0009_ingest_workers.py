"""ingest_workers: each ingest worker's last report of its health

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from services.db.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_workers",
        sa.Column("worker", sa.String(length=128), nullable=False),
        sa.Column("host", sa.String(length=128), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.Column("last_commit", UTCDateTime(), nullable=True),
        sa.Column("backlog", sa.Integer(), nullable=False),
        sa.Column("spool_bytes", sa.Integer(), nullable=False),
        sa.Column("stalled", sa.Text(), nullable=True),
        sa.Column("database_up", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("worker", name=op.f("pk_ingest_workers")),
    )


def downgrade() -> None:
    op.drop_table("ingest_workers")
