"""Users and sign-in: salted scrypt password hashes, roles, grid scopes.

A hash is stored as ``scrypt$N$r$p$salt$key`` (base64), so its cost can grow
later without breaking the old ones.  Sign-in gives one message for an unknown
user, a wrong password and a disabled account alike, and takes about as long
for each (an unknown user is checked against a dummy hash).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update

from services.db.models import User, table_of, user_grids
from services.db.store import Store
from services.domain import Principal, Role
from services.errors import ServiceError, ValidationError

log = logging.getLogger(__name__)

_users = table_of(User)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_KEY_LEN = 32
MIN_PASSWORD = 4


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


_DUMMY = hash_password("no such user")


class UserService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add_user(
        self,
        login: str,
        name: str,
        role: Role,
        password: str,
        grids: Iterable[str] = (),
        unit: str | None = None,
    ) -> Principal:
        login = login.strip()
        if not login or any(c.isspace() for c in login):
            raise ValidationError("a user name is one word, not empty")
        _check_password(password)
        grid_list = sorted(set(grids))
        if role is Role.SUPERVISOR and not grid_list:
            raise ValidationError("a grid supervisor needs at least one grid cell (--grid)")
        with self.store.transaction() as tx:
            if tx.conn.execute(select(_users.c.id).where(_users.c.login == login)).first():
                raise ValidationError(f"user {login!r} exists already")
            user_id = tx.conn.execute(
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
                tx.conn.execute(
                    insert(user_grids), [{"user_id": user_id, "grid_code": g} for g in grid_list]
                )
        log.info("user %s (%s) added", login, role.value)
        return self.principal(login)

    def set_password(self, login: str, password: str) -> None:
        _check_password(password)
        with self.store.transaction() as tx:
            done = tx.conn.execute(
                update(_users)
                .where(_users.c.login == login)
                .values(password_hash=hash_password(password))
            ).rowcount
        if not done:
            raise ValidationError(f"no user {login!r}")

    def set_active(self, login: str, active: bool) -> None:
        with self.store.transaction() as tx:
            done = tx.conn.execute(
                update(_users).where(_users.c.login == login).values(active=active)
            ).rowcount
        if not done:
            raise ValidationError(f"no user {login!r}")

    def set_grids(self, login: str, grids: Iterable[str]) -> None:
        p = self.principal(login)
        with self.store.transaction() as tx:
            tx.conn.execute(delete(user_grids).where(user_grids.c.user_id == p.user_id))
            rows = [{"user_id": p.user_id, "grid_code": g} for g in sorted(set(grids))]
            if rows:
                tx.conn.execute(insert(user_grids), rows)

    def sign_in(self, login: str, password: str) -> Principal:
        with self.store.reading() as conn:
            row = conn.execute(
                select(_users.c.password_hash, _users.c.active).where(
                    _users.c.login == login.strip()
                )
            ).first()
        ok = verify_password(password, row.password_hash if row else _DUMMY)
        if row is None or not ok or not row.active:
            log.info("sign-in refused for %r", login)
            raise SignInError("wrong user name or password, or the account is disabled")
        return self.principal(login.strip())

    def principal(self, login: str) -> Principal:
        with self.store.reading() as conn:
            row = conn.execute(select(_users).where(_users.c.login == login)).first()
            if row is None:
                raise ValidationError(f"no user {login!r}")
            grids = conn.execute(
                select(user_grids.c.grid_code).where(user_grids.c.user_id == row.id)
            ).scalars()
            return Principal(
                user_id=row.id,
                login=row.login,
                name=row.name,
                role=Role(row.role),
                grids=frozenset(grids),
                unit=row.unit_code,
            )

    def list_users(self) -> list[tuple[Principal, bool]]:
        with self.store.reading() as conn:
            logins = conn.execute(
                select(_users.c.login, _users.c.active).order_by(_users.c.login)
            ).all()
        return [(self.principal(login), bool(active)) for login, active in logins]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"a password needs at least {MIN_PASSWORD} characters")


#: The demo's accounts (password "demo"): made up, for trying the console out.
DEMO_USERS: tuple[tuple[str, str, Role, tuple[str, ...]], ...] = (
    ("operator", "值班员（演示）", Role.OPERATOR, ()),
    ("supervisor", "网格长（演示）", Role.SUPERVISOR, ("G11", "G12", "G13")),
    ("officer", "执法队员（演示）", Role.OFFICER, ()),
    ("admin", "管理员（演示）", Role.ADMIN, ()),
)
DEMO_PASSWORD = "demo"


def add_demo_users(store: Store) -> int:
    """Add the demo accounts that are missing; returns how many were added."""
    users = UserService(store)
    with store.reading() as conn:
        have = set(conn.execute(select(_users.c.login)).scalars())
    added = 0
    for login, name, role, grids in DEMO_USERS:
        if login not in have:
            users.add_user(login, name, role, DEMO_PASSWORD, grids)
            added += 1
    return added
