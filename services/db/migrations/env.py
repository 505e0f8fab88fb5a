"""Alembic environment: the connection comes from services.db.migrate."""

from __future__ import annotations

from alembic import context

from services.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through services.db.migrate
    raise RuntimeError("run migrations through `youyi-console db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
