"""Bring a database's schema up to date with Alembic, from code (no alembic.ini).

Alembic takes about half a second to import, so it is imported only to
migrate: ``is_current`` answers the everyday question (is this database at the
newest schema?) from the migration files' revision lines and one query.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*"?([\w]+)"?', re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@functools.cache
def head_from_files() -> str | None:
    """The head revision, read from the migration files' ``revision`` and
    ``down_revision`` lines (the same answer as ``head_revision``, tested)."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            downs.add(found.get("down_revision"))
    heads = sorted(revisions - downs)
    return heads[0] if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def stored_revision(engine: Engine) -> str | None:
    """The revision the database says it is at (one query, no Alembic)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # no such table yet: an empty database


def is_current(engine: Engine) -> bool:
    head = head_from_files()
    return head is not None and stored_revision(engine) == head


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Migrate to ``revision``; returns the revision the database is then at."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    now = current_revision(engine)
    log.info("database at revision %s", now)
    return now
