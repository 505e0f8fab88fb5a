"""``youyi-console report``: the figures of a range of local days as JSON, CSV,
HTML or PDF (issue 14).

Any signed-in account may make one: operators, officers and administrators see
the whole district; a grid supervisor only their own grid cells (by default
all of them; a ``--grid`` not theirs is refused). The checks, the rendering and
the writing are ``services.stats.report_files.write_report``'s, as for the
console's Export report dialog.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from console.cli.sign_in import acting_as
from console.cli.store import opened
from services.errors import ValidationError
from services.stats.report_files import FORMATS, write_report


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


def cmd_report(args: argparse.Namespace) -> int:
    # Said in the options' own words before the store is opened; write_report checks again.
    if args.date_to < args.date_from:
        raise ValidationError(f"--to {args.date_to} is before --from {args.date_from}")
    out: Path = args.out
    if not out.parent.is_dir():
        raise ValidationError(f"no folder {out.parent} for --out")
    with opened(args) as store:
        me = acting_as(args, store)
        size = write_report(store, me, args.date_from, args.date_to, args.grid, args.format, out)
    print(f"{out}: {args.format} report of {args.date_from} … {args.date_to}, {size} bytes")
    return 0
