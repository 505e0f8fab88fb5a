"""The accounts as the administration screen lists them (with their lock), and
a change of role: the rules of ``UserService.add_user`` for the new role (a
supervisor's grid cells, an officer's unit), audited as ``user.role``, the
account's kept sign-ins ended (the console's screen and ``users role`` alike)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update

from services import audit
from services.access.auth import UserService, check_refs
from services.db.models import SignInToken, User, table_of, user_grids
from services.db.store import Store
from services.domain import Actor, Role
from services.domain.admin import Account
from services.errors import NotFoundError, ValidationError

log = logging.getLogger(__name__)
_users = table_of(User)
_tokens = table_of(SignInToken)


def list_accounts(store: Store) -> list[Account]:
    """Every account by user name, with whether it is disabled or locked."""
    with store.reading() as conn:
        rows = conn.execute(select(_users).order_by(_users.c.login)).all()
        grids: dict[int, list[str]] = {}
        for user_id, grid in conn.execute(
            select(user_grids.c.user_id, user_grids.c.grid_code).order_by(user_grids.c.grid_code)
        ):
            grids.setdefault(user_id, []).append(grid)
    return [
        Account(
            login=r.login,
            name=r.name,
            role=Role(r.role),
            grids=tuple(grids.get(r.id, ())),
            unit=r.unit_code,
            active=bool(r.active),
            locked=bool(r.locked),
        )
        for r in rows
    ]


def change_role(
    users: UserService,
    login: str,
    role: Role,
    grids: Iterable[str],
    unit: str | None,
    *,
    actor: Actor,
) -> None:
    """Give the account ``role``, with the grid cells and unit that role takes
    (a supervisor's cells, an officer's unit; the others' are dropped)."""
    grid_list = sorted(set(grids)) if role is Role.SUPERVISOR else []
    unit = (unit or None) if role is Role.OFFICER else None
    if role is Role.SUPERVISOR and not grid_list:
        raise ValidationError("a grid supervisor needs at least one grid cell (--grid)")
    if role is Role.OFFICER and not unit:
        raise ValidationError("an officer belongs to a unit (--unit)")
    was = users.principal(login)
    with users.store.transaction() as tx:
        check_refs(tx.conn, grid_list, unit)
        done = tx.conn.execute(
            update(_users).where(_users.c.login == login).values(role=role.value, unit_code=unit)
        ).rowcount
        if not done:
            raise NotFoundError(f"no user {login!r}")
        tx.conn.execute(delete(user_grids).where(user_grids.c.user_id == was.user_id))
        # Kept sign-ins end, as with a new password: they were given to the old role.
        tx.conn.execute(delete(_tokens).where(_tokens.c.user_id == was.user_id))
        if grid_list:
            rows = [{"user_id": was.user_id, "grid_code": g} for g in grid_list]
            tx.conn.execute(insert(user_grids), rows)
        detail = {
            "from": {"role": was.role.value, "grids": sorted(was.grids), "unit": was.unit},
            "to": {"role": role.value, "grids": grid_list, "unit": unit},
        }
        audit.append(tx.conn, users.clock(), actor, "user.role", login, detail)
    log.info("user %s now %s", login, role.value)
