"""The change feed: tell every console, within a second, that a row changed.

On PostgreSQL a writer sends ``pg_notify`` inside its own transaction, so the
notice goes out exactly when the change commits, and a listener thread with its
own connection hears every console's changes.  On SQLite (one workstation) the
notices are delivered in-process right after the commit.

Subscribers are called on the listener thread (PostgreSQL) or on the thread
that committed (SQLite); a Qt caller hands them to its event loop.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import URL

from services.db.url import schema_of
from services.domain import Change

log = logging.getLogger(__name__)

CHANNEL = "youyi_changes"
Subscriber = Callable[[Change], None]

#: Published after the listener reconnects: what was missed must be reloaded.
RESYNC = Change(table="*", id=0, version=0, state="resync", console="")


def channel_for(url: URL) -> str:
    """The NOTIFY channel of a database, per schema when the URL sets one
    (``options=-csearch_path=...``): several deployments, or test runs, can
    share one server without hearing each other."""
    schema = schema_of(url)
    return f"{CHANNEL}_{schema}" if schema else CHANNEL


#: PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more: a batch naming
#: more rows than fit says "reload the table" instead (no ids).
MAX_PAYLOAD = 7_000


def encode(change: Change) -> str:
    fields: dict[str, Any] = {
        "t": change.table,
        "id": change.id,
        "v": change.version,
        "s": change.state,
        "c": change.console,
        "n": change.number,
    }
    plain = json.dumps(fields, separators=(",", ":"))
    if not change.ids:
        return plain
    with_ids = json.dumps({**fields, "i": list(change.ids)}, separators=(",", ":"))
    return with_ids if len(with_ids.encode()) <= MAX_PAYLOAD else plain


def decode(payload: str) -> Change:
    d: dict[str, Any] = json.loads(payload)
    return Change(
        table=str(d["t"]),
        id=int(d["id"]),
        version=int(d["v"]),
        state=str(d["s"]),
        console=str(d["c"]),
        number=str(d.get("n", "")),
        ids=tuple(int(i) for i in d.get("i", ())),
    )


class ChangeFeed:
    """Fan-out of changes to subscribers: ``unsubscribe = feed.subscribe(cb)``."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    @property
    def has_subscribers(self) -> bool:
        return bool(self._subscribers)

    def publish(self, change: Change) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(change)
            except Exception:
                log.exception("change-feed subscriber %r failed", callback)


def libpq_conninfo(url: URL) -> str:
    """A psycopg connection string for a SQLAlchemy URL."""
    params: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
        "connect_timeout": 5,
        "application_name": "youyi-console-listener",
    }
    params.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    import psycopg  # PostgreSQL only: kept out of an embedded console's start-up

    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v is not None})


class PgListener:
    """A thread that LISTENs on PostgreSQL and publishes into a ChangeFeed.

    A lost connection is reconnected with back-off (1 s doubling to 30 s);
    ``stop()`` ends the thread within about half a second.
    """

    POLL_S = 0.25
    MAX_BACKOFF_S = 30.0

    def __init__(self, url: URL, feed: ChangeFeed) -> None:
        self._conninfo = libpq_conninfo(url)
        self._channel = channel_for(url)
        self._feed = feed
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listener", daemon=True)

    def start(self, wait_s: float = 5.0) -> bool:
        """Start listening; True once LISTEN is in place (within ``wait_s``)."""
        self._thread.start()
        return self._ready.wait(wait_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        backoff = 1.0
        connected_before = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {self._channel}")
                    self._ready.set()
                    backoff = 1.0
                    log.info("listening for changes on PostgreSQL")
                    if connected_before:
                        # Notices sent while we were away are gone: reload all.
                        self._feed.publish(RESYNC)
                    connected_before = True
                    while not self._stop.is_set():
                        for notice in conn.notifies(timeout=self.POLL_S):
                            self._deliver(notice.payload)
            except psycopg.Error as exc:
                if self._stop.is_set():
                    break
                log.info("change-feed connection lost (%s); retrying in %.0f s", exc, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.MAX_BACKOFF_S)

    def _deliver(self, payload: str) -> None:
        try:
            change = decode(payload)
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring malformed change notice %r", payload[:200])
            return
        self._feed.publish(change)
