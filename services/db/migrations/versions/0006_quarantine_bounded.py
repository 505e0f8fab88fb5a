"""quarantine: a bounded prefix of the payload, with its whole size and SHA-256

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Ten 10 MB payloads grew the database by 100 MB: the quarantine now keeps the
first 4 KiB of a payload, its size and digest (services/ingest/quarantine.py).
Rows written before keep their payload; their size is filled in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_size", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("raw_sha256", sa.String(length=64), nullable=True))
    op.execute("UPDATE quarantine SET raw_size = length(raw)")


def downgrade() -> None:
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_column("raw_sha256")
        batch_op.drop_column("raw_size")
