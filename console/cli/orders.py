"""``youyi-console orders ...``: work orders from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from console.cli.parser import number
from console.cli.sign_in import acting_as, cli_console
from console.cli.store import opened
from services.access.permissions import sees_grid
from services.district.timezone import district_tz
from services.domain import Category, OrderState, Outcome, Principal, Priority
from services.domain import WorkOrder as OrderView
from services.errors import PermissionDeniedError, ValidationError
from services.text_rules import shown
from services.workflow import deadline_watch
from services.workflow.desk import OrderDesk
from services.workflow.orders import Move, NewOrder, WorkOrderService

LOCAL = district_tz()


def add_order_commands(sub: Any) -> None:
    orders = sub.add_parser("orders", help="raise, list, move and watch work orders")
    o_sub = orders.add_subparsers(title="orders commands", metavar="ACTION", required=True)

    p = o_sub.add_parser("raise", help="raise a new order (state reported)")
    p.add_argument("--title", required=True)
    p.add_argument("--grid", required=True, help="grid cell code, e.g. G11")
    p.add_argument("--category", choices=[c.value for c in Category], default="other")
    p.add_argument("--priority", choices=[c.value for c in Priority], default="normal")
    p.add_argument("--description", default="")
    p.set_defaults(handler=cmd_raise)

    p = o_sub.add_parser("list", help="open orders of a grid cell, newest first")
    p.add_argument("--grid", required=True)
    p.add_argument("--limit", type=number(int, 1, 10_000), default=50)
    p.set_defaults(handler=cmd_list)

    p = o_sub.add_parser("show", help="an order and its history")
    p.add_argument("number")
    p.set_defaults(handler=cmd_show)

    p = o_sub.add_parser("move", help="move an order to another state")
    p.add_argument("number")
    p.add_argument("target", choices=[s.value for s in OrderState])
    p.add_argument("--note", default="")
    p.add_argument("--unit", help="dispatch to this unit instead of the routed one")
    p.add_argument("--outcome", choices=[o.value for o in Outcome])
    p.add_argument("--extend-to", help="new deadline, local time YYYY-MM-DDTHH:MM")
    p.add_argument("--attach", action="append", default=[], help="attachment reference")
    p.set_defaults(handler=cmd_move)

    p = o_sub.add_parser("escalate", help="one step up the ladder grid → district")
    p.add_argument("number")
    p.add_argument("--note", required=True)
    p.set_defaults(handler=cmd_escalate)

    p = o_sub.add_parser("watch", help="flag near-due and escalate overdue orders, once")
    p.set_defaults(handler=cmd_watch)


@contextmanager
def _desk(args: argparse.Namespace) -> Iterator[tuple[OrderDesk, Principal]]:
    """The order desk and the signed-in account it acts for (its rights and
    grid cells, as in the console)."""
    with opened(args) as store:
        principal = acting_as(args, store)
        yield OrderDesk(WorkOrderService(store), console=cli_console()), principal


def _line(o: OrderView) -> str:
    due = o.due_at.astimezone(LOCAL).strftime("%m-%d %H:%M") if o.due_at else "-"
    flags = "".join(f for f, on in (("!", o.overdue), ("~", o.near_due)) if on)
    return (
        f"{o.number}  {o.state.value:<12} {o.priority.value:<8} {o.category.value:<22} "
        f"{o.grid:<4} {o.unit or '-':<18} due {due}{flags}  {shown(o.title)}"
    )


def cmd_raise(args: argparse.Namespace) -> int:
    with _desk(args) as (desk, me):
        order = desk.raise_order(
            me,
            NewOrder(
                title=args.title,
                grid=args.grid,
                category=Category(args.category),
                priority=Priority(args.priority),
                description=args.description,
            ),
        )
    print(_line(order))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _desk(args) as (desk, me):
        if not sees_grid(me, args.grid):
            raise PermissionDeniedError(f"grid cell {args.grid} is not one of yours")
        found = desk.orders.open_orders(args.grid, args.limit)
    for order in found:
        print(_line(order))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _desk(args) as (desk, me):
        order = desk.get(me, desk.orders.by_number(args.number).id)
        history = desk.history(me, order.id)
    print(_line(order))
    for e in history:
        at = e.at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S")
        move = f"{e.from_state or ''}→{e.to_state}" if e.to_state else ""
        print(shown(f"  {at}  {e.actor}@{e.console}  {e.action} {move} {e.note}".rstrip()))
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    with _desk(args) as (desk, me):
        order = desk.orders.by_number(args.number)
        move = Move(
            target=OrderState(args.target),
            note=args.note,
            unit=args.unit,
            outcome=Outcome(args.outcome) if args.outcome else None,
            extend_to=_local_time(args.extend_to),
            attachments=args.attach,
        )
        moved = desk.move(me, order.id, move, version=order.version)
    print(_line(moved))
    return 0


def cmd_escalate(args: argparse.Namespace) -> int:
    with _desk(args) as (desk, me):
        order = desk.orders.by_number(args.number)
        raised = desk.escalate(me, order.id, version=order.version, note=args.note)
    print(_line(raised))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """The deadline rule's own run (a scheduled job, the system acting)."""
    with opened(args) as store:
        result = deadline_watch.scan(WorkOrderService(store))
    print(f"near due: {len(result.near_due)}  overdue: {len(result.overdue)}")
    for overdue in result.overdue:
        print(f"  overdue {overdue}")
    return 0


def _local_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"bad time {text!r}: expected YYYY-MM-DDTHH:MM") from exc
    return value if value.tzinfo else value.replace(tzinfo=LOCAL)
