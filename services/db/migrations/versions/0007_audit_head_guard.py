"""audit_head: guarded by triggers like the log

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

The head may only move forward, to a row the log holds with that hash; it
cannot be removed, nor a second one added.  (Someone who can switch triggers
off can still move it: the signed checkpoints outside the database,
services/audit_anchor.py, are what finds that.)
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GUARD = {
    "postgresql": [
        """CREATE FUNCTION youyi_audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
            RAISE EXCEPTION 'audit_head cannot be removed';
          END IF;
          IF TG_OP = 'INSERT' THEN
            IF EXISTS (SELECT 1 FROM audit_head) THEN
              RAISE EXCEPTION 'audit_head has one row';
            END IF;
            RETURN NEW;
          END IF;
          IF NEW.id <> OLD.id OR NEW.seq < OLD.seq OR (NEW.seq > 0 AND NOT EXISTS (
              SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)) THEN
            RAISE EXCEPTION 'audit_head only moves forward, to a row of audit_log';
          END IF;
          RETURN NEW;
        END $$""",
        """CREATE TRIGGER audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_head
        FOR EACH ROW EXECUTE FUNCTION youyi_audit_head_guard()""",
        """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
        FOR EACH STATEMENT EXECUTE FUNCTION youyi_audit_head_guard()""",
    ],
    "sqlite": [
        """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'audit_head cannot be removed'); END""",
        """CREATE TRIGGER audit_head_one_row BEFORE INSERT ON audit_head
        WHEN (SELECT count(*) FROM audit_head) > 0
        BEGIN SELECT RAISE(ABORT, 'audit_head has one row'); END""",
        """CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
        WHEN NEW.id <> OLD.id OR NEW.seq < OLD.seq OR (NEW.seq > 0 AND NOT EXISTS (
            SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash))
        BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward, to a row of audit_log'); END""",
    ],
}
UNGUARD = {
    "postgresql": [
        "DROP TRIGGER audit_head_no_truncate ON audit_head",
        "DROP TRIGGER audit_head_guard ON audit_head",
        "DROP FUNCTION youyi_audit_head_guard()",
    ],
    "sqlite": [
        "DROP TRIGGER audit_head_no_delete",
        "DROP TRIGGER audit_head_one_row",
        "DROP TRIGGER audit_head_forward",
    ],
}


def upgrade() -> None:
    for sql in GUARD[op.get_bind().dialect.name]:
        op.execute(sql)


def downgrade() -> None:
    for sql in UNGUARD[op.get_bind().dialect.name]:
        op.execute(sql)
