"""``youyi-console report``: the figures of a range of local days as JSON, CSV,
HTML or PDF (issue 14).

Any signed-in account may make one: operators, officers and administrators see
the whole district; a grid supervisor only their own grid cells (by default
all of them; a ``--grid`` not theirs is refused).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from console.cli.sign_in import acting_as
from console.cli.store import opened
from services.access.permissions import sees_grid
from services.db.models import GridCell, table_of
from services.db.store import Store
from services.domain import Principal
from services.errors import PermissionDeniedError, UnknownGridError, ValidationError
from services.stats.report import build_report
from services.stats.report_render import report_csv, report_json

FORMATS = ("json", "csv", "html", "pdf")


def add_report_commands(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="the figures of a range of local days (alerts, work orders, timeliness)",
    )
    p.add_argument("--from", dest="date_from", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument(
        "--grid", action="append", metavar="G", help="only this grid cell (repeat for more)"
    )
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_report)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text) if len(text) == 10 else date.fromisoformat("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _renderer(fmt: str) -> Callable[[dict[str, Any]], bytes]:
    if fmt == "html":
        from services.stats.report_html import report_html

        return lambda r: report_html(r).encode("utf-8")
    if fmt == "pdf":
        from services.stats.report_pdf import report_pdf

        return report_pdf
    return report_json if fmt == "json" else report_csv


def _scope(store: Store, me: Principal, wanted: list[str] | None) -> list[str] | None:
    """The grid cells the report covers: those asked for, checked; a supervisor's
    own by default."""
    if wanted:
        with store.reading() as conn:
            known = set(conn.execute(select(table_of(GridCell).c.code)).scalars())
        for grid in wanted:
            if grid not in known:
                raise UnknownGridError(grid)
            if not sees_grid(me, grid):
                raise PermissionDeniedError(f"grid cell {grid} is not one of yours")
        return sorted(set(wanted))
    return sorted(me.grids) if me.scoped else None


def cmd_report(args: argparse.Namespace) -> int:
    if args.date_to < args.date_from:
        raise ValidationError(f"--to {args.date_to} is before --from {args.date_from}")
    if (args.date_to - args.date_from).days > 366:
        raise ValidationError("a report covers at most 367 days")
    out: Path = args.out
    if not out.parent.is_dir():
        raise ValidationError(f"no folder {out.parent} for --out")
    with opened(args) as store:
        me = acting_as(args, store)
        report = build_report(store, args.date_from, args.date_to, _scope(store, me, args.grid))
    report["made_by"] = me.login
    data = _renderer(args.format)(report)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ValidationError(f"cannot write {out}: {exc.strerror}") from None
    print(f"{out}: {args.format} report of {args.date_from} … {args.date_to}, {len(data)} bytes")
    return 0
