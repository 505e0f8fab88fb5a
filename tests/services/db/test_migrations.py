"""The migrations build exactly the models' schema, and go down again."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from services.db.migrate import current_revision, head_revision, upgrade
from services.db.models import Base
from services.db.store import Store


def test_models_and_migrations_agree(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Alembic cannot compare expression indexes (the DESC columns of the desk's
    # index); that one is checked by name here and by its query plan elsewhere.
    expression_index = "ix_work_orders_open_grid"
    assert [d for d in diff if expression_index not in repr(d)] == []
    names = {ix["name"] for ix in inspect(store.engine).get_indexes("work_orders")}
    assert expression_index in names


def test_downgrade_to_nothing_and_back(store: Store) -> None:
    upgrade(store.engine, "head")  # again: nothing to do
    from alembic import command

    from services.db.migrate import alembic_config

    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    names = set(inspect(store.engine).get_table_names()) - {"alembic_version"}
    assert names == set()
    assert upgrade(store.engine) == head_revision()
    assert "work_orders" in inspect(store.engine).get_table_names()


def test_one_step_down_keeps_the_desk_index(store: Store) -> None:
    from alembic import command

    from services.db.migrate import alembic_config

    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    names = {ix["name"] for ix in inspect(store.engine).get_indexes("work_orders")}
    assert "ix_work_orders_open_grid" in names
    assert upgrade(store.engine) == head_revision()


def test_the_quick_schema_check_agrees_with_alembic(tmp_path: Path) -> None:
    from services.db.migrate import head_from_files, head_revision, is_current, upgrade
    from services.db.store import Store

    assert head_from_files() == head_revision()
    store = Store(f"sqlite:///{tmp_path / 'quick.db'}")
    try:
        assert not is_current(store.engine)  # empty: no alembic_version table
        upgrade(store.engine, "0001")
        assert not is_current(store.engine)
        upgrade(store.engine)
        assert is_current(store.engine)
    finally:
        store.close()
