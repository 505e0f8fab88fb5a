"""The shared store: an engine, its change feed, and write transactions."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from services.db.changefeed import ChangeFeed, PgListener, Subscriber, channel_for, encode
from services.db.engine import (
    READ_ONLY,
    check_reachable,
    first_line,
    make_engine,
    unreachable_message,
)
from services.db.url import describe, resolve_url
from services.domain import Change
from services.errors import DatabaseUnavailableError, TransientConflictError

log = logging.getLogger(__name__)


class Tx:
    """One write transaction.  ``notify`` tells other consoles once it commits."""

    def __init__(self, conn: Connection, store: Store) -> None:
        self.conn = conn
        self._store = store
        self.pending: list[Change] = []

    def notify(self, change: Change) -> None:
        if self._store.is_postgres:
            # Sent inside the transaction: delivered exactly when it commits.
            self.conn.execute(
                text("SELECT pg_notify(:ch, :payload)"),
                {"ch": self._store.channel, "payload": encode(change)},
            )
        else:
            self.pending.append(change)


class Store:
    """Owns the engine and the change feed of one database."""

    def __init__(self, url: str | URL | None = None, *, check: bool = True) -> None:
        self.url = url if isinstance(url, URL) else resolve_url(url)
        self.engine: Engine = make_engine(self.url)
        self.feed = ChangeFeed()
        self.channel = channel_for(self.url)
        self._listener: PgListener | None = None
        self._lock = threading.Lock()
        if check:
            check_reachable(self.engine)

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @property
    def label(self) -> str:
        return describe(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A write transaction; rolled back whole on any exception."""
        try:
            with self.engine.begin() as conn:
                tx = Tx(conn, self)
                yield tx
        except DBAPIError as exc:
            if isinstance(exc, OperationalError) and _is_connection_error(exc):
                raise DatabaseUnavailableError(unreachable_message(self.url, exc)) from exc
            if _sqlstate(exc) in _TRANSIENT_STATES:
                reason = f"rolled back by the database: {first_line(exc)}"
                raise TransientConflictError(reason) from exc
            raise
        for change in tx.pending:
            self.feed.publish(change)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn.execution_options(**{READ_ONLY: True})
        except OperationalError as exc:
            if _is_connection_error(exc):
                raise DatabaseUnavailableError(unreachable_message(self.url, exc)) from exc
            raise

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Be told of every change (this console's and, on PostgreSQL, others')."""
        unsubscribe = self.feed.subscribe(callback)
        if self.is_postgres:
            with self._lock:
                if self._listener is None:
                    self._listener = PgListener(self.url, self.feed)
                    if not self._listener.start():
                        log.warning("change feed not listening yet; it keeps trying")
        return unsubscribe

    def close(self) -> None:
        with self._lock:
            if self._listener is not None:
                self._listener.stop()
                self._listener = None
        self.engine.dispose()


#: SQLSTATEs that mean "the server is not there right now", besides class 08
#: (connection exceptions): shutting down (57P01, 57P02) and starting up (57P03,
#: "the database system is starting up"), when a write must wait, not fail.
_UNAVAILABLE_STATES = frozenset({"57P01", "57P02", "57P03"})
_UNAVAILABLE_WORDS = (
    "connect",
    "starting up",
    "shutting down",
    "recovery mode",
    # SQLite: another program holds the write lock past the busy timeout, or the
    # file cannot be opened right now: wait and try again, as for a server away.
    "database is locked",
    "database table is locked",
    "unable to open database",
)


#: A deadlock broken (40P01) or a serialization failure (40001): try again.
_TRANSIENT_STATES = frozenset({"40P01", "40001"})


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", "") or "")


def _is_connection_error(exc: DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    state = _sqlstate(exc)
    if state.startswith("08") or state in _UNAVAILABLE_STATES:
        return True
    text = str(exc.orig).lower()
    return any(word in text for word in _UNAVAILABLE_WORDS)
