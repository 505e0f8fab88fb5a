"""``youyi-console users ...``: accounts, roles and the grids of supervisors."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from console.cli.parser import read_password
from console.cli.sign_in import administrator
from console.cli.store import opened
from services.access.accounts import change_role
from services.access.auth import UserService
from services.domain import Actor, Role
from services.text_rules import shown


def add_user_commands(sub: Any) -> None:
    users = sub.add_parser("users", help="user accounts (roles, grids, passwords)")
    u_sub = users.add_subparsers(title="users commands", metavar="ACTION", required=True)
    p = u_sub.add_parser("add", help="add an account")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--name", default="", help="the person's name as the console shows it")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument(
        "--grid", action="append", default=[], metavar="CODE", help="a supervisor's grid cell"
    )
    p.add_argument("--unit", metavar="CODE", help="the unit an officer belongs to")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_users_add)
    p = u_sub.add_parser("passwd", help="set an account's password")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_users_passwd)
    for name, text in (("disable", "stop an account signing in"), ("enable", "let it again")):
        p = u_sub.add_parser(name, help=text)
        p.add_argument("login", metavar="LOGIN")
        p.set_defaults(handler=cmd_users_active, active=name == "enable")
    p = u_sub.add_parser("unlock", help="let an account locked by wrong passwords sign in again")
    p.add_argument("login", metavar="LOGIN")
    p.set_defaults(handler=cmd_users_unlock)
    p = u_sub.add_parser("role", help="give an account another role (its kept sign-ins end)")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument(
        "--grid", action="append", default=[], metavar="CODE", help="a supervisor's grid cell"
    )
    p.add_argument("--unit", metavar="CODE", help="the unit an officer belongs to")
    p.set_defaults(handler=cmd_users_role)
    u_sub.add_parser("list", help="every account").set_defaults(handler=cmd_users_list)


@contextmanager
def _as_administrator(args: argparse.Namespace) -> Iterator[tuple[UserService, Actor]]:
    """The account service and the administrator acting (checked before
    anything is asked or read)."""
    with opened(args) as store:
        yield UserService(store), administrator(args, store)


def cmd_users_add(args: argparse.Namespace) -> int:
    with _as_administrator(args) as (users, actor):
        p = users.add_user(
            args.login,
            args.name,
            Role(args.role),
            read_password(args.password_stdin),
            args.grid,
            args.unit,
            actor=actor,
        )
    print(f"added {p.login} ({p.role.value}{': ' + ', '.join(sorted(p.grids)) if p.grids else ''})")
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    """An administrator sets anyone's password; a signed-in user their own."""
    with opened(args) as store:
        actor = administrator(args, store, or_self=args.login)
        UserService(store).set_password(args.login, read_password(args.password_stdin), actor=actor)
    print(f"password of {args.login} set; its kept sign-ins ended")
    return 0


def cmd_users_active(args: argparse.Namespace) -> int:
    with _as_administrator(args) as (users, actor):
        users.set_active(args.login, args.active, actor=actor)
    print(f"{args.login} {'enabled' if args.active else 'disabled'}")
    return 0


def cmd_users_unlock(args: argparse.Namespace) -> int:
    with _as_administrator(args) as (users, actor):
        users.unlock(args.login, actor=actor)
    print(f"{args.login} unlocked")
    return 0


def cmd_users_role(args: argparse.Namespace) -> int:
    with _as_administrator(args) as (users, actor):
        change_role(users, args.login, Role(args.role), args.grid, args.unit, actor=actor)
        p = users.principal(args.login)
    where = ", ".join(sorted(p.grids)) or p.unit or ""
    print(f"{p.login} is now {p.role.value}{': ' + where if where else ''}; kept sign-ins ended")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    with _as_administrator(args) as (users, _):
        listed = users.list_users()
    for p, active in listed:
        grids = ",".join(sorted(p.grids)) or "-"
        flag = "" if active else "  (disabled)"
        unit = p.unit or "-"
        print(shown(f"{p.login:<16} {p.role.value:<11} {grids:<20} {unit:<16} {p.name}{flag}"))
    return 0
