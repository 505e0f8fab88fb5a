"""The command line's sign-ins: a token per sign-in, good for a shift.

``youyi-console login`` signs in with the password once and is given a random
token, which it keeps in the operating system's keyring; the commands after it
act as that account until the token expires, the user signs out, the account is
disabled or locked, or its password changes.  The database holds only the
token's SHA-256 (the token is 256 random bits: a plain hash is enough), so a
copy of the database signs no one in.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select

from services import audit
from services.access.auth import UserService
from services.db.models import SignInToken, User, table_of
from services.db.store import Store
from services.domain import Actor, Principal
from services.errors import ServiceError

log = logging.getLogger(__name__)

_tokens = table_of(SignInToken)
_users = table_of(User)
#: A shift and a half: a token taken at the start of a day shift lasts it out.
DEFAULT_HOURS = 12
MAX_HOURS = 24 * 7


class TokenRefusedError(ServiceError):
    """The kept sign-in is no longer good (expired, signed out, account changed)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SignInTokens:
    def __init__(self, store: Store, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.store = store
        self.clock = clock

    def sign_in(
        self, login: str, password: str, *, console: str, hours: int = DEFAULT_HOURS
    ) -> tuple[Principal, str, datetime]:
        """Check the password (with the console's lockout and back-off) and give
        a token good for ``hours``: (who, token, until when)."""
        if not 1 <= hours <= MAX_HOURS:
            raise ServiceError(f"a sign-in lasts 1 to {MAX_HOURS} hours, not {hours}")
        principal = UserService(self.store, clock=self.clock).sign_in(
            login, password, console=console
        )
        token = secrets.token_urlsafe(32)
        now = self.clock()
        until = now + timedelta(hours=hours)
        with self.store.transaction() as tx:
            # Expired tokens of anyone go as new ones come: the table stays small.
            tx.conn.execute(delete(_tokens).where(_tokens.c.expires_at <= now))
            tx.conn.execute(
                insert(_tokens).values(
                    user_id=principal.user_id,
                    token_sha256=_digest(token),
                    console=console[:64],
                    created_at=now,
                    expires_at=until,
                )
            )
        return principal, token, until

    def principal(self, token: str) -> Principal:
        """Who the token signs in, or TokenRefusedError."""
        with self.store.reading() as conn:
            row = conn.execute(
                select(_users.c.login, _users.c.active, _users.c.locked, _tokens.c.expires_at)
                .join(_users, _users.c.id == _tokens.c.user_id)
                .where(_tokens.c.token_sha256 == _digest(token))
            ).first()
        if row is None:
            raise TokenRefusedError("the kept sign-in was ended: sign in again")
        if row.expires_at <= self.clock():
            raise TokenRefusedError("the kept sign-in has expired: sign in again")
        if not row.active or row.locked:
            raise TokenRefusedError(f"the account {row.login!r} is disabled or locked")
        return UserService(self.store).principal(row.login)

    def sign_out(self, token: str, *, console: str) -> str | None:
        """End the token's sign-in (audited); the login it was, or None."""
        digest = _digest(token)
        with self.store.transaction() as tx:
            login = tx.conn.execute(
                select(_users.c.login)
                .join(_tokens, _tokens.c.user_id == _users.c.id)
                .where(_tokens.c.token_sha256 == digest)
            ).scalar()
            if login is None:
                return None
            tx.conn.execute(delete(_tokens).where(_tokens.c.token_sha256 == digest))
            who = Actor(user=str(login), console=console[:64])
            audit.append(tx.conn, self.clock(), who, "user.sign_out", login, {})
        return str(login)
