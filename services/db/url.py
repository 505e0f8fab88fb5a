"""Which database: parse, check and default the database URL."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from services.errors import ConfigError

APP_NAME = "youyi-console"
ENV_VAR = "YOUYI_DB"
_USAGE = "expected sqlite:///PATH or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"


def default_sqlite_path() -> Path:
    """The embedded database in the user's data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "youyi.db"


def resolve_url(url: str | None = None) -> URL:
    """The URL given, else ``$YOUYI_DB``, else the SQLite file in the data folder.

    ``postgresql://`` and ``postgres://`` are taken to mean psycopg 3.  Anything
    else than SQLite or PostgreSQL, or a URL that does not parse, is refused with
    a ConfigError that says what was expected.
    """
    raw = url or os.environ.get(ENV_VAR) or ""
    if not raw:
        path = default_sqlite_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return make_url(f"sqlite:///{path}")
    raw = raw.strip()
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    try:
        parsed = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"malformed database URL {raw!r}: {_USAGE}") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgresql+psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        if not parsed.host and "host" not in parsed.query:
            raise ConfigError(f"database URL {raw!r} names no host: {_USAGE}")
        if not parsed.database:
            raise ConfigError(f"database URL {raw!r} names no database: {_USAGE}")
        return parsed
    if backend == "sqlite":
        folder = Path(parsed.database or "").expanduser().parent
        if parsed.database and parsed.database != ":memory:" and not folder.is_dir():
            # Only the embedded default makes its folder; a path given is taken as meant.
            raise ConfigError(f"no folder {folder} for the SQLite database {parsed.database}")
        return parsed
    raise ConfigError(f"unsupported database {backend!r} in {raw!r}: {_USAGE}")


def schema_of(url: URL) -> str | None:
    """The schema a PostgreSQL URL puts first on the search path
    (``options=-csearch_path=...``), or None."""
    found = re.search(r"search_path=([A-Za-z_][A-Za-z0-9_]*)", str(url.query.get("options", "")))
    return found.group(1) if found else None


def describe(url: URL) -> str:
    """A short label for people: ``PostgreSQL · host:port/db`` or ``SQLite · path``."""
    if url.get_backend_name() == "postgresql":
        return f"PostgreSQL · {url.host or 'localhost'}:{url.port or 5432}/{url.database}"
    return f"SQLite · {url.database or ':memory:'}"
