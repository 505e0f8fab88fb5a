"""The first-run set-up's checks, run off the GUI thread: can this workstation
reach the database and the broker it was given, and is the database's schema the
one this console needs?  Each answer is a plain record the dialog puts in one
line; migrating and importing the district's files report their progress.

No Qt here: the flow (console.first_run) runs these on worker threads.
"""

from __future__ import annotations

import dataclasses
import logging
import shlex
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from console.cli.sign_in import has_administrator
from console.connection import without_password
from services.bus import BrokerSettings, MqttBus
from services.db.engine import first_line
from services.db.migrate import alembic_config, stored_revision, upgrade
from services.db.store import Store
from services.domain import Actor
from services.errors import RefusedFileError, ServiceError

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (done, of, what)

# The kinds of answer (DatabaseCheck.state, BrokerCheck.state).
OK, UNREACHABLE, PASSWORD, TLS, REFUSED, BEHIND, AHEAD, EMPTY, OTHER = (
    "ok", "unreachable", "password", "tls", "refused", "behind", "ahead", "empty", "other",
)  # fmt: skip

_UNREACHABLE = {
    "connection refused": "connection refused",
    "timeout expired": "timed out",
    "timed out": "timed out",
    "name or service not known": "name unknown",
    "could not translate host name": "name unknown",
    "nodename nor servname": "name unknown",
    "failed to resolve host": "name unknown",
    "temporary failure in name resolution": "name unknown",
    "no route to host": "no route to host",
}
_PASSWORD = ("password authentication failed", "no password supplied", "authentication failed")
_TLS = ("ssl", "certificate", "tls")


@dataclass(frozen=True)
class DatabaseCheck:
    state: str
    detail: str = ""  # the server's or the driver's own words
    revision: str | None = None
    head: str | None = None
    has_admin: bool = False
    fix: str = ""  # the command that fixes a schema behind


@dataclass(frozen=True)
class BrokerCheck:
    state: str
    detail: str = ""


def revisions() -> list[str]:
    """The schema's revisions, oldest first."""
    from alembic.script import ScriptDirectory

    walked = ScriptDirectory.from_config(alembic_config()).walk_revisions()
    return [s.revision for s in reversed(list(walked))]


def upgrade_command(url: URL) -> str:
    """The command line that brings the database at ``url`` up to date."""
    bare = without_password(url)
    return f"youyi-console --db {shlex.quote(bare)} db upgrade"


def check_database(url: URL) -> DatabaseCheck:
    """Connect to ``url`` and compare its schema with this console's."""
    store = Store(url, check=False)
    try:
        try:
            with store.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except DBAPIError as exc:
            return _refusal(first_line(exc))
        at, known = stored_revision(store.engine), revisions()
        head = known[-1]
        admin = at is not None and _has_admin(store)
        fix = upgrade_command(url)
        if at is None:
            return DatabaseCheck(EMPTY, revision=None, head=head, fix=fix)
        if at == head:
            return DatabaseCheck(OK, revision=at, head=head, has_admin=admin)
        state = BEHIND if at in known else AHEAD
        return DatabaseCheck(state, revision=at, head=head, has_admin=admin, fix=fix)
    finally:
        store.close()


def _has_admin(store: Store) -> bool:
    try:
        return has_administrator(store)
    except (DBAPIError, ServiceError):
        return False


def _refusal(message: str) -> DatabaseCheck:
    """What a failed connection means, from the driver's first line."""
    low = message.lower()
    reason = message.rsplit("failed: ", 1)[-1].replace("FATAL:  ", "").strip()
    for words, meaning in _UNREACHABLE.items():
        if words in low:
            return DatabaseCheck(UNREACHABLE, meaning)
    if any(words in low for words in _PASSWORD):
        return DatabaseCheck(PASSWORD, reason)
    if any(words in low for words in _TLS):
        return DatabaseCheck(TLS, reason)
    return DatabaseCheck(OTHER, reason)


def migrate(url: URL, progress: Progress) -> str | None:
    """Bring the database at ``url`` to the newest schema, one revision at a time."""
    store = Store(url)
    try:
        known, at = revisions(), stored_revision(store.engine)
        todo = known[known.index(at) + 1 :] if at in known else known
        for done, revision in enumerate(todo, 1):
            upgrade(store.engine, revision)
            progress(done, len(todo), revision)
        return stored_revision(store.engine)
    finally:
        store.close()


def import_files(
    url: URL, actor: Actor, files: list[tuple[str, Path]], progress: Progress
) -> list[str]:
    """Import the district's files in order (``("grids", path)`` then
    ``("devices", path)``), each all or nothing; a refused file stops the rest
    and is raised as RefusedFileError, its problems one per record."""
    from services.district.grids import import_grids
    from services.district.registry import import_devices

    done: list[str] = []
    store = Store(url)
    try:
        for n, (kind, path) in enumerate(files):
            progress(n, len(files), path.name)
            try:
                if kind == "grids":
                    g = import_grids(store, path, actor)
                    done.append(f"{path.name}: {g.cells} grid cells ({g.added} new)")
                else:
                    d = import_devices(store, path, actor)
                    done.append(f"{path.name}: {d.devices} devices ({d.added} new)")
            except RefusedFileError:
                raise
            except ServiceError as exc:  # a file refused before its records were read
                raise RefusedFileError(path.name, [str(exc)]) from exc
        progress(len(files), len(files), "")
    finally:
        store.close()
    return done


def check_broker(settings: BrokerSettings, timeout: float = 8.0) -> BrokerCheck:
    """Connect to the broker as this console would (its client id, account and
    TLS) and hang up again."""
    files = (settings.ca_file, settings.cert_file, settings.key_file)
    missing = [f for f in files if f and not Path(f).is_file()]
    if settings.tls and missing:
        return BrokerCheck(TLS, f"no such file: {missing[0]}")
    settings = dataclasses.replace(settings, keepalive_s=10)
    try:
        bus = MqttBus(settings, persistent=False)  # leaves no session behind
    except (ssl.SSLError, OSError) as exc:  # a certificate or key that does not load
        return BrokerCheck(TLS, _tls_reason(exc))
    try:
        bus.connect(timeout)
    except ServiceError as exc:
        return _broker_refusal(exc, settings.tls)
    bus.stop()
    return BrokerCheck(OK)


def _broker_refusal(exc: ServiceError, tls: bool) -> BrokerCheck:
    cause = exc.__cause__
    if isinstance(cause, (ssl.SSLError, ssl.CertificateError)):
        return BrokerCheck(TLS, _tls_reason(cause))
    if isinstance(cause, ConnectionResetError) and tls:  # a plain listener hangs up
        return BrokerCheck(TLS, "the broker hung up during the handshake (not a TLS port?)")
    if isinstance(cause, OSError):
        said = str(cause.strerror or cause).lower()
        if isinstance(cause, TimeoutError):
            said = "timed out"
        return BrokerCheck(UNREACHABLE, _UNREACHABLE.get(said, said))
    refused = "refused the connection: "
    if refused in str(exc):
        return BrokerCheck(REFUSED, str(exc).split(refused, 1)[1])
    return BrokerCheck(UNREACHABLE, "timed out")  # "did not answer"


def _tls_reason(exc: BaseException) -> str:
    """What the TLS handshake refused, in OpenSSL's words."""
    return str(getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or exc)
