"""Users and sign-in: salted scrypt password hashes, roles, grid scopes.

A hash is stored as ``scrypt$N$r$p$salt$key`` (base64), so its cost can grow
later without breaking the old ones.  Sign-in gives one message for an unknown
user, a wrong password and a disabled account alike, and takes about as long
for each (an unknown user is checked against a dummy hash).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from services import audit
from services.access.policy import LOCK_AFTER, backoff_s, check_password
from services.db.models import GridCell, SignInToken, Unit, User, table_of, user_grids
from services.db.store import Store
from services.domain import SYSTEM, Actor, Principal, Role
from services.errors import (
    NotFoundError,
    ServiceError,
    UnknownGridError,
    UnknownUnitError,
    ValidationError,
)
from services.text_rules import check_line

log = logging.getLogger(__name__)

_users = table_of(User)
_cells = table_of(GridCell)
_units = table_of(Unit)
_tokens = table_of(SignInToken)
_ENDS_SIGN_INS = frozenset({"user.passwd", "user.deactivate"})
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_KEY_LEN = 32


class SignInError(ServiceError):
    """User name or password wrong, or the account disabled (one message for all)."""


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=_KEY_LEN)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(key).decode()}"


def verify_password(password: str, encoded: str | None) -> bool:
    try:
        scheme, n, r, p, salt, key = (encoded or "").split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the user is unknown, so that a refusal takes as long
    either way; made on first use (50 ms of scrypt kept out of the start-up)."""
    return hash_password("no such user")


class UserService:
    """Accounts and sign-in.  Every change and every sign-in (refusals too) is
    written to the audit trail; ``actor`` names who made a change."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.clock = clock
        self.sleep = sleep  # the back-off of a console that keeps failing
        self._failures = 0  # refused sign-ins in a row at this console

    def add_user(
        self,
        login: str,
        name: str,
        role: Role,
        password: str,
        grids: Iterable[str] = (),
        unit: str | None = None,
        *,
        actor: Actor = SYSTEM,
        policy: bool = True,
    ) -> Principal:
        """Add an account; ``policy=False`` only for the demo's made-up accounts."""
        login = login.strip()
        if not login or len(login) > 64 or any(c.isspace() for c in login):
            raise ValidationError("a user name is one word of 1-64 characters")
        check_line("the user name", login, 64)
        name = check_line("the name", name, 128, required=False)
        if policy:
            check_password(password, login)
        grid_list = sorted(set(grids))
        if role is Role.SUPERVISOR and not grid_list:
            raise ValidationError("a grid supervisor needs at least one grid cell (--grid)")
        if role is not Role.SUPERVISOR and grid_list:
            raise ValidationError("only a grid supervisor is limited to grid cells")
        if role is Role.OFFICER and not unit:
            raise ValidationError("an officer belongs to a unit (--unit)")
        with self.store.transaction() as tx:
            conn = tx.conn
            if conn.execute(select(_users.c.id).where(_users.c.login == login)).first():
                raise ValidationError(f"user {login!r} exists already")
            check_refs(conn, grid_list, unit)
            user_id = conn.execute(
                insert(_users)
                .values(
                    login=login,
                    name=name.strip() or login,
                    role=role.value,
                    password_hash=hash_password(password),
                    unit_code=unit,
                    active=True,
                )
                .returning(_users.c.id)
            ).scalar_one()
            if grid_list:
                conn.execute(
                    insert(user_grids), [{"user_id": user_id, "grid_code": g} for g in grid_list]
                )
            detail = {"role": role.value, "grids": grid_list, "unit": unit}
            audit.append(conn, self.clock(), actor, "user.add", login, detail)
        log.info("user %s (%s) added", login, role.value)
        return self.principal(login)

    def set_password(self, login: str, password: str, *, actor: Actor = SYSTEM) -> None:
        check_password(password, login)
        self._change(login, {"password_hash": hash_password(password)}, actor, "user.passwd", {})

    def set_active(self, login: str, active: bool, *, actor: Actor = SYSTEM) -> None:
        action = "user.activate" if active else "user.deactivate"
        self._change(login, {"active": active}, actor, action, {})

    def deactivate(self, login: str, *, actor: Actor = SYSTEM) -> None:
        """The account can no longer sign in (its history stays)."""
        self.set_active(login, False, actor=actor)

    def set_grids(self, login: str, grids: Iterable[str], *, actor: Actor = SYSTEM) -> None:
        grid_list = sorted(set(grids))
        p = self.principal(login)
        if p.role is Role.SUPERVISOR and not grid_list:
            raise ValidationError("a grid supervisor needs at least one grid cell (--grid)")
        with self.store.transaction() as tx:
            check_refs(tx.conn, grid_list, None)
            tx.conn.execute(delete(user_grids).where(user_grids.c.user_id == p.user_id))
            if grid_list:
                rows = [{"user_id": p.user_id, "grid_code": g} for g in grid_list]
                tx.conn.execute(insert(user_grids), rows)
            audit.append(tx.conn, self.clock(), actor, "user.grids", login, {"grids": grid_list})

    def sign_in(self, login: str, password: str, *, console: str = "console") -> Principal:
        """The user's Principal, or SignInError with one message for every refusal.

        The password is checked outside any transaction (scrypt takes tens of
        milliseconds); an unknown user is checked against a dummy hash so that
        a refusal takes as long whatever its reason."""
        login = login.strip()
        with self.store.reading() as conn:
            row = conn.execute(
                select(
                    _users.c.password_hash,
                    _users.c.active,
                    _users.c.locked,
                    _users.c.failed_sign_ins,
                ).where(_users.c.login == login)
            ).first()
        ok = verify_password(password, row.password_hash if row else _dummy_hash())
        refused = _refusal(row, ok)
        with self.store.transaction() as tx:
            action = "user.sign_in_refused" if refused else "user.sign_in"
            detail = {"reason": refused} if refused else {}
            who = Actor(user=login[:64], console=console[:64])
            now = self.clock()
            audit.append(tx.conn, now, who, action, login[:96], detail)
            if row is not None:
                self._count(tx.conn, login, refused, who, now)
        if refused:
            log.info("sign-in refused for %r (%s)", login, refused)
            self._failures += 1
            self.sleep(backoff_s(self._failures))
            raise SignInError("wrong user name or password, or the account is disabled or locked")
        self._failures = 0
        return self.principal(login)

    def _count(
        self, conn: Connection, login: str, refused: str | None, who: Actor, now: datetime
    ) -> None:
        """Wrong passwords in a row, locking the account at ``LOCK_AFTER``; a
        sign-in that succeeds starts the count again."""
        where = _users.c.login == login
        if refused is None:
            conn.execute(update(_users).where(where).values(failed_sign_ins=0))
            return
        if refused != "wrong password":
            return
        failed = conn.execute(
            update(_users)
            .where(where)
            .values(failed_sign_ins=_users.c.failed_sign_ins + 1)
            .returning(_users.c.failed_sign_ins, _users.c.locked)
        ).one()
        if failed.failed_sign_ins >= LOCK_AFTER and not failed.locked:
            conn.execute(update(_users).where(where).values(locked=True))
            detail = {"failed_sign_ins": int(failed.failed_sign_ins)}
            audit.append(conn, now, who, "user.locked", login[:96], detail)
            log.warning("account %r locked after %d wrong passwords", login, LOCK_AFTER)

    def sign_out(self, login: str, *, console: str = "console") -> None:
        """The user left the console (audited, as the sign-in was)."""
        with self.store.transaction() as tx:
            who = Actor(user=login[:64], console=console[:64])
            audit.append(tx.conn, self.clock(), who, "user.sign_out", login[:96], {})

    def unlock(self, login: str, *, actor: Actor = SYSTEM) -> None:
        """An administrator lets a locked account sign in again."""
        self._change(login, {"locked": False, "failed_sign_ins": 0}, actor, "user.unlock", {})

    def principal(self, login: str) -> Principal:
        with self.store.reading() as conn:
            row = conn.execute(select(_users).where(_users.c.login == login)).first()
            if row is None:
                raise NotFoundError(f"no user {login!r}")
            grids = conn.execute(
                select(user_grids.c.grid_code).where(user_grids.c.user_id == row.id)
            ).scalars()
            return _principal(row, frozenset(grids))

    def list_users(self) -> list[tuple[Principal, bool]]:
        """Every account with whether it may sign in, by user name."""
        with self.store.reading() as conn:
            rows = conn.execute(select(_users).order_by(_users.c.login)).all()
            grids: dict[int, set[str]] = {}
            for user_id, grid in conn.execute(select(user_grids.c.user_id, user_grids.c.grid_code)):
                grids.setdefault(user_id, set()).add(grid)
        return [(_principal(r, frozenset(grids.get(r.id, ()))), bool(r.active)) for r in rows]

    def _change(
        self, login: str, values: dict[str, Any], actor: Actor, action: str, detail: dict[str, Any]
    ) -> None:
        with self.store.transaction() as tx:
            done = tx.conn.execute(
                update(_users).where(_users.c.login == login).values(**values)
            ).rowcount
            if not done:
                raise NotFoundError(f"no user {login!r}")
            if action in _ENDS_SIGN_INS:
                # The command line's kept sign-ins of the account end with it.
                ids = select(_users.c.id).where(_users.c.login == login).scalar_subquery()
                tx.conn.execute(delete(_tokens).where(_tokens.c.user_id == ids))
            audit.append(tx.conn, self.clock(), actor, action, login, detail)
        log.info("%s %s", action, login)


def _refusal(row: Any, password_ok: bool) -> str | None:
    """Why a sign-in is refused (for the audit trail only), or None."""
    if row is None:
        return "unknown user"
    if not password_ok:
        return "wrong password"
    if row.locked:
        return "account locked"
    return None if row.active else "account disabled"


def _principal(row: Any, grids: frozenset[str]) -> Principal:
    return Principal(
        user_id=row.id,
        login=row.login,
        name=row.name,
        role=Role(row.role),
        grids=grids,
        unit=row.unit_code,
    )


def check_refs(conn: Connection, grids: list[str], unit: str | None) -> None:
    if grids:
        known = set(conn.execute(select(_cells.c.code).where(_cells.c.code.in_(grids))).scalars())
        for g in grids:
            if g not in known:
                raise UnknownGridError(g)
    if unit and conn.execute(select(_units.c.code).where(_units.c.code == unit)).first() is None:
        raise UnknownUnitError(unit)


#: The demo's accounts (password "demo"): made up, for trying the console out.
#: (login, name, role, grid cells, unit)
DEMO_USERS: tuple[tuple[str, str, Role, tuple[str, ...], str | None], ...] = (
    ("operator", "值班员（演示）", Role.OPERATOR, (), None),
    ("supervisor", "网格长（演示）", Role.SUPERVISOR, ("G11", "G12", "G13"), None),
    ("officer", "执法队员（演示）", Role.OFFICER, (), "law-youyi"),
    ("admin", "管理员（演示）", Role.ADMIN, (), None),
)
DEMO_PASSWORD = "demo"
DEMO_ACTOR = Actor(user="demo", console="seed-demo")


def add_demo_users(store: Store) -> int:
    """Add the demo accounts that are missing (after the demo district: the
    officer belongs to its unit ``law-youyi``); returns how many were added."""
    users = UserService(store)
    with store.reading() as conn:
        have = set(conn.execute(select(_users.c.login)).scalars())
    added = 0
    for login, name, role, grids, unit in DEMO_USERS:
        if login not in have:
            users.add_user(
                login, name, role, DEMO_PASSWORD, grids, unit, actor=DEMO_ACTOR, policy=False
            )
            added += 1
    return added
