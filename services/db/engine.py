"""Engines for SQLite and PostgreSQL, set up the same way for every caller."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from services.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

#: How long a writer waits for SQLite's lock before giving up, in ms.
SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 5
#: Execution option of a connection that only reads.
READ_ONLY = "youyi_read_only"


def make_engine(url: URL, **kwargs: Any) -> Engine:
    """An engine with the project's settings for its backend."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "youyi-console"}
    connect_args.update(kwargs.pop("connect_args", {}))
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: two consoles that read then write
        # in one transaction would otherwise deadlock on the lock upgrade.
        # Readers (Store.reading) do not, so they never hold writers up (WAL).
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def check_reachable(engine: Engine) -> None:
    """Connect once; raise DatabaseUnavailableError with a one-line reason if not."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailableError(unreachable_message(engine.url, exc)) from exc


def first_line(exc: BaseException) -> str:
    """The first line of what the driver said (SQLAlchemy wraps it in ``orig``)."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def unreachable_message(url: URL, exc: BaseException) -> str:
    first = first_line(exc)
    if url.get_backend_name() == "postgresql":
        where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
        return f"cannot reach PostgreSQL at {where}: {first}"
    return f"cannot open SQLite database {url.database}: {first}"
