"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24

The district, devices, alerts and alarms, units and users, work orders with
their history and day counters, and the hash-chained audit trail (append-only,
enforced by triggers).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from services.db.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = {
    "postgresql": [
        """CREATE FUNCTION youyi_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
        """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION youyi_audit_append_only()""",
        """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION youyi_audit_append_only()""",
    ],
    "sqlite": [
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    ],
}
DROP_APPEND_ONLY = {
    "postgresql": [
        "DROP TRIGGER audit_log_no_truncate ON audit_log",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DROP FUNCTION youyi_audit_append_only()",
    ],
    "sqlite": ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
}


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("console", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("subject", sa.String(length=96), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "blocks",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_blocks")),
    )
    op.create_table(
        "order_counters",
        sa.Column("day", sa.String(length=8), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_order_counters")),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quarantine_received_at"), ["received_at"], unique=False
        )

    op.create_table(
        "grid_cells",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("block_code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("supervising_unit", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["block_code"], ["blocks.code"], name=op.f("fk_grid_cells_block_code_blocks")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_grid_cells")),
    )
    with op.batch_alter_table("grid_cells", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_cells_block_code"), ["block_code"], unique=False)

    op.create_table(
        "communities",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("grid_code", sa.String(length=32), nullable=False),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["grid_code"], ["grid_cells.code"], name=op.f("fk_communities_grid_code_grid_cells")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_communities")),
    )
    with op.batch_alter_table("communities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_communities_grid_code"), ["grid_code"], unique=False)

    op.create_table(
        "cameras",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("community_code", sa.String(length=32), nullable=True),
        sa.Column("main_url", sa.Text(), nullable=False),
        sa.Column("sub_url", sa.Text(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_code"],
            ["communities.code"],
            name=op.f("fk_cameras_community_code_communities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cameras")),
    )
    with op.batch_alter_table("cameras", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cameras_community_code"), ["community_code"], unique=False
        )

    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("community_code", sa.String(length=32), nullable=True),
        sa.Column("grid_code", sa.String(length=32), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=True),
        sa.Column("last_seen", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_code"],
            ["communities.code"],
            name=op.f("fk_devices_community_code_communities"),
        ),
        sa.ForeignKeyConstraint(
            ["grid_code"], ["grid_cells.code"], name=op.f("fk_devices_grid_code_grid_cells")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_devices_community_code"), ["community_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_devices_grid_code"), ["grid_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_devices_kind"), ["kind"], unique=False)

    op.create_table(
        "units",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("community_code", sa.String(length=32), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_code"],
            ["communities.code"],
            name=op.f("fk_units_community_code_communities"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_units")),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_kind"), ["kind"], unique=False)

    op.create_table(
        "device_cameras",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("camera_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"],
            ["cameras.id"],
            name=op.f("fk_device_cameras_camera_id_cameras"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["devices.id"],
            name=op.f("fk_device_cameras_device_id_devices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "camera_id", name=op.f("pk_device_cameras")),
    )
    op.create_table(
        "unit_grids",
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("grid_code", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_code"],
            ["grid_cells.code"],
            name=op.f("fk_unit_grids_grid_code_grid_cells"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_code"],
            ["units.code"],
            name=op.f("fk_unit_grids_unit_code_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_code", "grid_code", name=op.f("pk_unit_grids")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_code"], ["units.code"], name=op.f("fk_users_unit_code_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_table(
        "work_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=True),
        sa.Column("grid_code", sa.String(length=32), nullable=False),
        sa.Column("community_code", sa.String(length=32), nullable=True),
        sa.Column("unit_code", sa.String(length=64), nullable=True),
        sa.Column("reporter", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("stage_started_at", UTCDateTime(), nullable=True),
        sa.Column("deadline_stage", sa.String(length=16), nullable=True),
        sa.Column("due_at", UTCDateTime(), nullable=True),
        sa.Column("near_due_at", UTCDateTime(), nullable=True),
        sa.Column("overdue", sa.Boolean(), nullable=False),
        sa.Column("near_due", sa.Boolean(), nullable=False),
        sa.Column("supervised", sa.Integer(), nullable=False),
        sa.Column("escalation", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_code"],
            ["communities.code"],
            name=op.f("fk_work_orders_community_code_communities"),
        ),
        sa.ForeignKeyConstraint(
            ["grid_code"], ["grid_cells.code"], name=op.f("fk_work_orders_grid_code_grid_cells")
        ),
        sa.ForeignKeyConstraint(
            ["unit_code"], ["units.code"], name=op.f("fk_work_orders_unit_code_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_work_orders_number")),
    )
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.create_index("ix_work_orders_created", ["created_at"], unique=False)
        batch_op.create_index(
            "ix_work_orders_due",
            ["due_at"],
            unique=False,
            sqlite_where=sa.text("is_open AND NOT overdue"),
            postgresql_where=sa.text("is_open AND NOT overdue"),
        )
        batch_op.create_index(
            "ix_work_orders_near_due",
            ["near_due_at"],
            unique=False,
            sqlite_where=sa.text("is_open AND NOT near_due"),
            postgresql_where=sa.text("is_open AND NOT near_due"),
        )
        batch_op.create_index(batch_op.f("ix_work_orders_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "alarms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alarm_key", sa.String(length=160), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("alarm_type", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("latched", sa.Boolean(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.Column("cleared_at", UTCDateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=True),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True),
        sa.Column("shelved_until", UTCDateTime(), nullable=True),
        sa.Column("shelve_reason", sa.Text(), nullable=True),
        sa.Column("disposition", sa.String(length=24), nullable=True),
        sa.Column("grid_code", sa.String(length=32), nullable=True),
        sa.Column("work_order_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_alarms_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["grid_code"], ["grid_cells.code"], name=op.f("fk_alarms_grid_code_grid_cells")
        ),
        sa.ForeignKeyConstraint(
            ["work_order_id"], ["work_orders.id"], name=op.f("fk_alarms_work_order_id_work_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alarms")),
    )
    with op.batch_alter_table("alarms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alarms_device_id"), ["device_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alarms_grid_code"), ["grid_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_alarms_work_order_id"), ["work_order_id"], unique=False
        )
        batch_op.create_index(
            "uq_alarms_open_key",
            ["alarm_key"],
            unique=True,
            sqlite_where=sa.text("is_open"),
            postgresql_where=sa.text("is_open"),
        )

    op.create_table(
        "user_grids",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("grid_code", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_code"],
            ["grid_cells.code"],
            name=op.f("fk_user_grids_grid_code_grid_cells"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_grids_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "grid_code", name=op.f("pk_user_grids")),
    )
    op.create_table(
        "work_order_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("console", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["work_orders.id"], name=op.f("fk_work_order_events_order_id_work_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order_events")),
    )
    with op.batch_alter_table("work_order_events", schema=None) as batch_op:
        batch_op.create_index("ix_work_order_events_order", ["order_id", "id"], unique=False)

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(length=160), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("alert_type", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("grid_code", sa.String(length=32), nullable=True),
        sa.Column("alarm_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alarm_id"], ["alarms.id"], name=op.f("fk_alerts_alarm_id_alarms")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_alerts_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["grid_code"], ["grid_cells.code"], name=op.f("fk_alerts_grid_code_grid_cells")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("event_key", name=op.f("uq_alerts_event_key")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_alarm_id"), ["alarm_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_device_id"), ["device_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_grid_code"), ["grid_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_received_at"), ["received_at"], unique=False)
    op.create_index(
        "ix_work_orders_open_grid",
        "work_orders",
        ["grid_code", sa.text("created_at DESC"), sa.text("id DESC")],
        sqlite_where=sa.text("is_open"),
        postgresql_where=sa.text("is_open"),
    )
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '%s')" % ("0" * 64))
    for statement in APPEND_ONLY[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_APPEND_ONLY[op.get_bind().dialect.name]:
        op.execute(statement)
    op.drop_index("ix_work_orders_open_grid", table_name="work_orders")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_received_at"))
        batch_op.drop_index(batch_op.f("ix_alerts_grid_code"))
        batch_op.drop_index(batch_op.f("ix_alerts_device_id"))
        batch_op.drop_index(batch_op.f("ix_alerts_alarm_id"))

    op.drop_table("alerts")
    with op.batch_alter_table("work_order_events", schema=None) as batch_op:
        batch_op.drop_index("ix_work_order_events_order")

    op.drop_table("work_order_events")
    op.drop_table("user_grids")
    with op.batch_alter_table("alarms", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_alarms_open_key",
            sqlite_where=sa.text("is_open"),
            postgresql_where=sa.text("is_open"),
        )
        batch_op.drop_index(batch_op.f("ix_alarms_work_order_id"))
        batch_op.drop_index(batch_op.f("ix_alarms_grid_code"))
        batch_op.drop_index(batch_op.f("ix_alarms_device_id"))

    op.drop_table("alarms")
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_orders_unit_code"))
        batch_op.drop_index(
            "ix_work_orders_near_due",
            sqlite_where=sa.text("is_open AND NOT near_due"),
            postgresql_where=sa.text("is_open AND NOT near_due"),
        )
        batch_op.drop_index(
            "ix_work_orders_due",
            sqlite_where=sa.text("is_open AND NOT overdue"),
            postgresql_where=sa.text("is_open AND NOT overdue"),
        )
        batch_op.drop_index("ix_work_orders_created")

    op.drop_table("work_orders")
    op.drop_table("users")
    op.drop_table("unit_grids")
    op.drop_table("device_cameras")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_units_kind"))

    op.drop_table("units")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_devices_kind"))
        batch_op.drop_index(batch_op.f("ix_devices_grid_code"))
        batch_op.drop_index(batch_op.f("ix_devices_community_code"))

    op.drop_table("devices")
    with op.batch_alter_table("cameras", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cameras_community_code"))

    op.drop_table("cameras")
    with op.batch_alter_table("communities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_communities_grid_code"))

    op.drop_table("communities")
    with op.batch_alter_table("grid_cells", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_cells_block_code"))

    op.drop_table("grid_cells")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_received_at"))

    op.drop_table("quarantine")
    op.drop_table("order_counters")
    op.drop_table("blocks")
    op.drop_table("audit_log")
    op.drop_table("audit_head")
