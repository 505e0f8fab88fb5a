"""Where a workstation's console connects: the database, the message broker and the
site's topic root, kept in the workstation's settings so that an installer sets
them once (the first-run set-up, console.first_run, or ``youyi-console --db URL
--broker URL --site NAME --remember``) and the operator just starts the console.

Precedence: the command line, then the environment ($YOUYI_DB, $YOUYI_BROKER),
then the saved settings, then the embedded default (SQLite, the demo).

A password is never written to the settings file: the URL is saved without it
and the password goes to the operating system's keyring (console.secrets); at
start it is read back and put into the URL in memory.  Where the system has no
keyring the console asks for it at each start (``args.ask_passwords``), and
``--remember`` refuses a URL with a password rather than write it down.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from console import secrets
from console import settings as keys
from services.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_SITE = "youyi"
DATABASE, BROKER = "database", "broker"  # the two parts that may hold a password


@dataclass(frozen=True)
class Part:
    """One password-holding part of the connection and its settings keys."""

    name: str
    url_key: str
    entry_key: str
    ask_key: str


PARTS = (
    Part(DATABASE, keys.DATABASE, keys.DATABASE_KEYRING_ENTRY, keys.DATABASE_ASK),
    Part(BROKER, keys.BROKER, keys.BROKER_KEYRING_ENTRY, keys.BROKER_ASK),
)


def split_password(part: str, url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password (None if it has none)."""
    if part == DATABASE:
        try:
            parsed = make_url(url.strip())
        except (ArgumentError, ValueError):
            return url, None  # resolve_url says what is wrong with it, later
        if parsed.password is None:
            return url, None
        bare = without_password(parsed)
        return bare, str(parsed.password)
    try:
        split = urlsplit(url.strip())
    except ValueError:
        return url, None
    userinfo, at, hostport = split.netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    if not (at and colon):
        return url, None
    return urlunsplit(split._replace(netloc=f"{user}@{hostport}")), unquote(password)


def without_password(url: URL) -> str:
    """``url`` as text without its password (``URL.set`` ignores a None)."""
    return url._replace(password=None).render_as_string(hide_password=False)


def with_password(part: str, url: str, password: str) -> str:
    """``url`` with ``password`` put in (in memory only: never saved)."""
    if part == DATABASE:
        return make_url(url).set(password=password).render_as_string(hide_password=False)
    split = urlsplit(url)
    user, at, hostport = split.netloc.rpartition("@")
    if not at:
        return url  # MQTT has no password without a user name
    netloc = f"{user}:{quote(password, safe='')}@{hostport}"
    return urlunsplit(split._replace(netloc=netloc))


def entry_name(part: str, bare_url: str) -> str:
    """The keyring entry of the password of ``bare_url`` (a URL without one)."""
    return f"{part} {bare_url}"


def client_id(prefix: str | None = None) -> str:
    """The broker client id of this console: its prefix and the host name."""
    if prefix is None:
        prefix = _saved(keys.settings().value(keys.BROKER_CLIENT_PREFIX))
    return f"{prefix or keys.DEFAULT_CLIENT_PREFIX}-{socket.gethostname()}"[:64]


def save_part(part: Part, url: str | None, password: str | None, *, ask: bool) -> None:
    """Save one part's URL (without ``password``) and where its password is: in
    the keyring (NoKeyringError if there is none and not ``ask``), or asked for
    at each start (``ask``), or nowhere (no password)."""
    s = keys.settings()
    if not url:
        for key in (part.url_key, part.entry_key, part.ask_key):
            s.remove(key)
        return
    bare, in_url = split_password(part.name, url)
    password = password or in_url
    entry = ""
    if password and not ask:
        entry = entry_name(part.name, bare)
        secrets.keep(entry, password)
    s.setValue(part.url_key, bare)
    s.setValue(part.entry_key, entry)
    s.setValue(part.ask_key, bool(password) and ask)


def apply_saved(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> None:
    """Fill ``args.db``, ``args.broker`` and ``args.site`` from the saved settings
    where neither the command line nor the environment says (passwords from the
    keyring); with ``--remember``, save what the command line says first.  The
    parts whose password is to be asked for now are listed in ``args.ask_passwords``."""
    s = keys.settings()
    if getattr(args, "remember", False):
        _remember(args)
    args.ask_passwords = []
    from_env = {DATABASE: "YOUYI_DB", BROKER: "YOUYI_BROKER"}
    attr = {DATABASE: "db", BROKER: "broker"}
    for part in PARTS:
        name = attr[part.name]
        if hasattr(args, name) and not getattr(args, name) and not environ.get(from_env[part.name]):
            url = _saved(s.value(part.url_key))
            setattr(args, name, _with_saved_password(part, url, args.ask_passwords))
    if hasattr(args, "site") and not args.site:
        args.site = _saved(s.value(keys.SITE)) or DEFAULT_SITE


def _remember(args: argparse.Namespace) -> None:
    """``--remember``: the flags given become the saved connection; a password in
    a URL goes to the keyring, and with no keyring nothing is saved (one line)."""
    given = {DATABASE: getattr(args, "db", None), BROKER: getattr(args, "broker", None)}
    if secrets.usable_keyring() is None:
        for name, url in given.items():
            if url and split_password(name, url)[1] is not None:
                flag = "--db" if name == DATABASE else "--broker"
                raise ConfigError(
                    f"not remembered: the {flag} URL holds a password and this system has no "
                    "keyring to keep it in; give it at each start, or remember the URL "
                    "without it (PostgreSQL then reads ~/.pgpass)"
                )
    for part in PARTS:
        if given[part.name]:
            save_part(part, given[part.name], None, ask=False)
    s = keys.settings()
    if getattr(args, "site", None):
        s.setValue(keys.SITE, args.site)
    if given[DATABASE] or given[BROKER]:
        s.setValue(keys.CONNECTION_MODE, "control_room")
    s.sync()


def _with_saved_password(part: Part, url: str | None, ask: list[str]) -> str | None:
    if url is None:
        return None
    s = keys.settings()
    if str(s.value(part.ask_key, False)).lower() == "true":
        ask.append(part.name)
        return url
    entry = _saved(s.value(part.entry_key))
    if not entry:
        return url
    password = secrets.read(entry)
    if password is None:
        log.warning("no password in the keyring for the saved %s; asking", part.name)
        ask.append(part.name)
        return url
    return with_password(part.name, url, password)


def is_set_up() -> bool:
    """Whether this workstation has a saved connection (or chose the demo)."""
    s = keys.settings()
    return any(_saved(s.value(k)) for k in (keys.CONNECTION_MODE, keys.DATABASE, keys.BROKER))


def _saved(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def ask_on_terminal(args: argparse.Namespace, ask: Callable[[str], str] | None = None) -> None:
    """A command line's answer to ``args.ask_passwords`` (no keyring to keep them):
    on a terminal each password is asked once, never saved; elsewhere nothing is
    asked (PostgreSQL still reads $PGPASSWORD and ~/.pgpass)."""
    if not args.ask_passwords or (ask is None and not sys.stdin.isatty()):
        return
    import getpass

    prompt = ask or getpass.getpass
    attr = {DATABASE: "db", BROKER: "broker"}
    for part in args.ask_passwords:
        url = getattr(args, attr[part])
        password = prompt(f"password for {split_password(part, url)[0]}: ")
        if password:
            setattr(args, attr[part], with_password(part, url, password))
    args.ask_passwords = []
