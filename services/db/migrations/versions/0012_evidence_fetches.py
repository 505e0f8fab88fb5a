"""evidence_fetches: the media a mobile event names, fetched into the evidence
store by the ingest service, retried, failures kept with their reason (issue 13)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from services.db.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_fetches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_fetches_item_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_fetches")),
    )
    op.create_index(op.f("ix_evidence_fetches_alert_id"), "evidence_fetches", ["alert_id"])
    op.create_index(op.f("ix_evidence_fetches_next_try_at"), "evidence_fetches", ["next_try_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_fetches_next_try_at"), table_name="evidence_fetches")
    op.drop_index(op.f("ix_evidence_fetches_alert_id"), table_name="evidence_fetches")
    op.drop_table("evidence_fetches")
