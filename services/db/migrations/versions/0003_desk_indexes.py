"""indexes for the work-order desk: open orders newest first, and "my orders"

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The desk pages orders newest first by (created_at, id).  Its default view
(open orders of every grid cell) and each filter within it walk the partial
index of open orders; "my orders" walks one index per column (reporter,
updated_by).  Measured with tests/bench/bench_desk.py at 1,000,000 orders.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_work_orders_open_created",
        "work_orders",
        ["created_at", "id"],
        sqlite_where=sa.text("is_open"),
        postgresql_where=sa.text("is_open"),
    )
    op.create_index("ix_work_orders_reporter", "work_orders", ["reporter", "created_at", "id"])
    op.create_index("ix_work_orders_updated_by", "work_orders", ["updated_by", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_work_orders_updated_by", table_name="work_orders")
    op.drop_index("ix_work_orders_reporter", table_name="work_orders")
    op.drop_index("ix_work_orders_open_created", table_name="work_orders")
