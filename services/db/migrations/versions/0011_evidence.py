"""evidence: items stored once by SHA-256, their intakes, links to orders and
each item's hash-chained custody log (issue 13)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from services.db.types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("media_type", sa.String(length=96), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("captured_at", UTCDateTime(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("grid_code", sa.String(length=32), nullable=True),
        sa.Column("officer", sa.String(length=64), nullable=True),
        sa.Column("device", sa.String(length=128), nullable=True),
        sa.Column("decodes", sa.Boolean(), nullable=False),
        sa.Column("flag", sa.Text(), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=True),
        sa.Column("verdict_note", sa.Text(), nullable=True),
        sa.Column("verdict_by", sa.String(length=64), nullable=True),
        sa.Column("verdict_at", UTCDateTime(), nullable=True),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("custody_seq", sa.Integer(), nullable=False),
        sa.Column("custody_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_code"], ["grid_cells.code"], name=op.f("fk_evidence_items_grid_code_grid_cells")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_items")),
        sa.UniqueConstraint("sha256", name=op.f("uq_evidence_items_sha256")),
    )
    for column in ("captured_at", "grid_code", "kind", "officer", "verdict"):
        op.create_index(op.f(f"ix_evidence_items_{column}"), "evidence_items", [column])
    op.create_table(
        "evidence_custody",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("console", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_custody_item_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_custody")),
        sa.UniqueConstraint("item_id", "seq", name=op.f("uq_evidence_custody_item_id_seq")),
    )
    op.create_table(
        "evidence_intakes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("console", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_intakes_item_id_evidence_items"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["work_orders.id"], name=op.f("fk_evidence_intakes_order_id_work_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_intakes")),
    )
    op.create_index(op.f("ix_evidence_intakes_item_id"), "evidence_intakes", ["item_id"])
    op.create_index(op.f("ix_evidence_intakes_order_id"), "evidence_intakes", ["order_id"])
    op.create_table(
        "evidence_links",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", UTCDateTime(), nullable=False),
        sa.Column("linked_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_links_item_id_evidence_items"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["work_orders.id"], name=op.f("fk_evidence_links_order_id_work_orders")
        ),
        sa.PrimaryKeyConstraint("item_id", "order_id", name=op.f("pk_evidence_links")),
    )
    op.create_index(op.f("ix_evidence_links_order_id"), "evidence_links", ["order_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_links_order_id"), table_name="evidence_links")
    op.drop_table("evidence_links")
    op.drop_index(op.f("ix_evidence_intakes_order_id"), table_name="evidence_intakes")
    op.drop_index(op.f("ix_evidence_intakes_item_id"), table_name="evidence_intakes")
    op.drop_table("evidence_intakes")
    op.drop_table("evidence_custody")
    for column in ("verdict", "officer", "kind", "grid_code", "captured_at"):
        op.drop_index(op.f(f"ix_evidence_items_{column}"), table_name="evidence_items")
    op.drop_table("evidence_items")
