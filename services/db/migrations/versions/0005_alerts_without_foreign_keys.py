"""alerts: no foreign keys on the ingest log

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

``alerts`` is the append-only record of what devices said, written by the
ingest writer alone, which takes the device and its grid cell from the registry
and the alarm from the same transaction.  Its three foreign keys (device, grid
cell, alarm) cost a trigger and a row lock per alert: a third of ingestion's
database time in an alarm storm (bench_ingest, issue 10).  An alert keeps the
device and grid cell as they were when it came; a grid cell still named by
alerts is refused removal by ``grids import`` itself.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_KEYS = (
    ("fk_alerts_alarm_id_alarms", "alarm_id", "alarms", "id"),
    ("fk_alerts_device_id_devices", "device_id", "devices", "id"),
    ("fk_alerts_grid_code_grid_cells", "grid_code", "grid_cells", "code"),
)


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        for name, _column, _table, _remote in _KEYS:
            batch_op.drop_constraint(name, type_="foreignkey")


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        for name, column, table, remote in _KEYS:
            batch_op.create_foreign_key(name, table, [column], [remote])
