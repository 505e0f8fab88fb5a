"""work_orders.late: a clock ran out at some step, kept on the row by the
workflow so that "closed on time" (按期办结) is counted in SQL (issue 14);
orders recorded before are given it by replaying their histories

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from services.workflow.deadlines import DeadlineTable
from services.workflow.late_replay import late_orders

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy: SQLite refuses to drop and rebuild
    # work_orders while alarms, events and evidence refer to its rows.
    op.add_column(
        "work_orders", sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    conn = op.get_bind()
    orders = sa.table(
        "work_orders",
        sa.column("id", sa.Integer),
        sa.column("category", sa.String),
        sa.column("priority", sa.String),
        sa.column("late", sa.Boolean),
    )
    table = DeadlineTable.load()
    after = 0
    while True:
        rows = conn.execute(
            sa.select(orders.c.id, orders.c.category, orders.c.priority)
            .where(orders.c.id > after)
            .order_by(orders.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        after = rows[-1].id
        late = late_orders(conn, [(r.id, r.category, r.priority) for r in rows], table)
        if late:
            conn.execute(orders.update().where(orders.c.id.in_(sorted(late))).values(late=True))


def downgrade() -> None:
    op.drop_column("work_orders", "late")  # SQLite 3.35 and later drop a column in place
