"""Who the command line acts as: ``login``, ``logout``, ``whoami``, and the
signed-in account that every command acting on work or on accounts needs.

``youyi-console --user LOGIN login`` asks for the password (or reads it from
stdin with ``--password-stdin``) and keeps a token for that database in the
operating system's keyring (Windows Credential Manager, the macOS Keychain, the
Secret Service of a Linux desktop); where there is none (a headless server) in a
file only the user can read, in the user's data folder.  Commands after it act
as that account, under the console's rights table, and the audit trail records
the account with the operating-system user and host beside it
(``cli:<os user>@<host>``).  On a terminal, ``--user LOGIN`` with no kept
sign-in asks for the password for that one command.

Account, grid and device administration needs an administrator; until the
database has an administrator account at all, it is done as the operating-system
user (that is how the first administrator is added).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import socket
import sys
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import text

from console.cli.parser import number, read_password
from console.cli.store import opened
from console.secrets import TOKENS_SERVICE, keyring_errors, usable_keyring
from services.access.auth import UserService
from services.access.tokens import DEFAULT_HOURS, MAX_HOURS, SignInTokens, TokenRefusedError
from services.db.store import Store
from services.domain import Actor, Principal, Role
from services.errors import PermissionDeniedError, ServiceError

log = logging.getLogger(__name__)


class SignInRequiredError(ServiceError):
    """A command that acts needs a signed-in account."""


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a bare container)
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def cli_console() -> str:
    """The console column of what the command line does: ``cli:<os user>@<host>``."""
    return f"cli:{os_user()}@{socket.gethostname()}"[:64]


class TokenKeeper:
    """The command line's sign-in tokens, one per database: in the keyring when
    the system has one, else in ``sign-ins.json`` (mode 0600) in ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or Path(platformdirs.user_data_dir("youyi-console", appauthor=False))
        self._keyring = usable_keyring()

    @property
    def file(self) -> Path:
        return self.folder / "sign-ins.json"

    def where(self) -> str:
        return f"the keyring ({self._keyring.name})" if self._keyring else str(self.file)

    def get(self, db: str) -> str | None:
        if self._keyring is not None:
            with keyring_errors(self._keyring):
                return self._keyring.get_password(TOKENS_SERVICE, db)  # type: ignore[no-any-return]
        return self._read().get(db)

    def put(self, db: str, token: str) -> None:
        if self._keyring is not None:
            with keyring_errors(self._keyring):
                self._keyring.set_password(TOKENS_SERVICE, db, token)
            return
        kept = self._read()
        kept[db] = token
        self._write(kept)

    def forget(self, db: str) -> None:
        if self._keyring is not None:
            import keyring.errors

            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                self._keyring.delete_password(TOKENS_SERVICE, db)
            return
        kept = self._read()
        if kept.pop(db, None) is not None:
            self._write(kept)

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ServiceError(f"cannot read the kept sign-ins in {self.file}: {exc}") from None
        return (
            {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
        )

    def _write(self, kept: dict[str, str]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            part = self.file.with_suffix(".part")
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(kept, f)
            os.chmod(part, 0o600)  # an older file of laxer mode
            os.replace(part, self.file)
        except OSError as exc:
            raise ServiceError(f"cannot keep the sign-in in {self.file}: {exc}") from None


def db_key(store: Store) -> str:
    """The database a kept sign-in belongs to (its URL without a password)."""
    return store.url.render_as_string(hide_password=True)


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def acting_as(args: argparse.Namespace, store: Store) -> Principal:
    """The account the command acts as: the kept sign-in of this database (of
    ``--user`` if given), or on a terminal ``--user`` with its password."""
    wanted = getattr(args, "user", None)
    token = TokenKeeper().get(db_key(store))
    if token:
        try:
            principal = SignInTokens(store).principal(token)
        except TokenRefusedError as exc:
            if not (wanted and _interactive()):
                raise TokenRefusedError(f"{exc} ({_how_to_sign_in(wanted)})") from None
        else:
            if wanted in (None, principal.login):
                return principal
    if wanted and _interactive():
        password = getpass.getpass(f"password of {wanted}: ")
        return UserService(store).sign_in(wanted, password, console=cli_console())
    if token and wanted:
        raise SignInRequiredError(
            f"signed in as someone else, not {wanted!r}: {_how_to_sign_in(wanted)}"
        )
    raise SignInRequiredError(f"this command acts as an account: {_how_to_sign_in(wanted)}")


def _how_to_sign_in(login: str | None) -> str:
    return f"sign in with `youyi-console --user {login or 'LOGIN'} login`"


def has_administrator(store: Store) -> bool:
    with store.reading() as conn:
        found = conn.execute(text("SELECT 1 FROM users WHERE role = :r LIMIT 1"), {"r": "admin"})
        return found.first() is not None


def administrator(args: argparse.Namespace, store: Store, *, or_self: str | None = None) -> Actor:
    """Who administers accounts, grids and devices: a signed-in administrator
    (or the account ``or_self`` itself); while the database has no
    administrator account at all, the operating-system user (the first
    administrator is added that way)."""
    if not has_administrator(store):
        return Actor(user=f"os:{os_user()}"[:64], console=cli_console())
    principal = acting_as(args, store)
    if principal.role is not Role.ADMIN and principal.login != or_self:
        who = f"{principal.login}, {principal.role.value}"
        raise PermissionDeniedError(f"only an administrator may do this (signed in: {who})")
    return principal.actor(cli_console())


def add_sign_in_commands(sub: Any) -> None:

    p = sub.add_parser(
        "login",
        help="sign in the command line as --user LOGIN on this database, for a shift "
        "(the token is kept in the keyring)",
    )
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument(
        "--hours",
        type=number(int, 1, MAX_HOURS),
        default=DEFAULT_HOURS,
        help=f"how long the sign-in lasts (default {DEFAULT_HOURS})",
    )
    p.set_defaults(handler=cmd_login)
    sub.add_parser("logout", help="end the command line's sign-in on this database").set_defaults(
        handler=cmd_logout
    )
    sub.add_parser("whoami", help="who the command line acts as on this database").set_defaults(
        handler=cmd_whoami
    )


def cmd_login(args: argparse.Namespace) -> int:

    if not args.user:
        raise SignInRequiredError("who signs in? `youyi-console --user LOGIN login`")
    if not args.password_stdin and not _interactive():
        raise SignInRequiredError("no terminal to ask the password on: use --password-stdin")
    password = read_password(args.password_stdin, twice=False)
    with opened(args) as store:
        keeper = TokenKeeper()
        principal, token, until = SignInTokens(store).sign_in(
            args.user, password, console=cli_console(), hours=args.hours
        )
        try:
            keeper.put(db_key(store), token)
        except ServiceError:
            SignInTokens(store).sign_out(token, console=cli_console())  # no token left unkept
            raise
        label = store.label
    print(
        f"signed in as {principal.login} ({principal.role.value}) on {label} "
        f"until {until.astimezone().strftime('%Y-%m-%d %H:%M')}; kept in {keeper.where()}"
    )
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    with opened(args) as store:
        keeper, key = TokenKeeper(), db_key(store)
        token = keeper.get(key)
        login = SignInTokens(store).sign_out(token, console=cli_console()) if token else None
        keeper.forget(key)
    print(f"{login} signed out" if login else "not signed in")
    return 0


def cmd_whoami(args: argparse.Namespace) -> int:
    with opened(args) as store:
        token = TokenKeeper().get(db_key(store))
        if not token:
            raise SignInRequiredError(f"not signed in: {_how_to_sign_in(args.user)}")
        p = SignInTokens(store).principal(token)
    scope = f" over {', '.join(sorted(p.grids))}" if p.grids else ""
    unit = f" of {p.unit}" if p.unit else ""
    print(f"{p.login} ({p.role.value}{unit}{scope}) as {cli_console()}")
    return 0
