"""The database a sub-command works on: ``--db`` (or the default), reachable and
at the newest schema, closed when the command is done.

Every sub-command opens its store here (``with opened(args) as store:``), so the
sub-command modules need nothing from ``console.cli.main`` and it nothing from them
but their ``add_…_commands``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from services.db.migrate import current_revision, head_revision, is_current
from services.db.store import Store
from services.db.url import resolve_url
from services.errors import ConfigError

PROG = "youyi-console"


def open_store(args: argparse.Namespace, *, migrated: bool = True) -> Store:
    """The store named by ``--db`` (or the default), checked to be reachable and,
    unless ``migrated`` is False, at the newest schema.  A SQLite file named by
    ``--db`` that is not there is refused, not made (``db upgrade`` makes it)."""
    url = resolve_url(args.db)
    if migrated and args.db and url.get_backend_name() == "sqlite":
        path = Path(url.database or "").expanduser()
        if url.database not in (None, "", ":memory:") and not path.is_file():
            raise ConfigError(f"no SQLite database at {path}: run `{PROG} db upgrade` to make one")
    store = Store(url)
    if migrated and not is_current(store.engine):
        now, head = current_revision(store.engine), head_revision()
        if now != head:
            store.close()
            raise ConfigError(
                f"the database is at schema {now or 'none'}, this console needs {head}: "
                f"run `{PROG} db upgrade`"
            )
    return store


@contextmanager
def opened(args: argparse.Namespace, *, migrated: bool = True) -> Iterator[Store]:
    """``open_store`` for the length of a ``with`` block."""
    store = open_store(args, migrated=migrated)
    try:
        yield store
    finally:
        store.close()
