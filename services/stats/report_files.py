"""A report (报表) written to a file: the one code path of ``youyi-console report``
and of the console's Export report dialog (issue 14).

``write_report`` checks the range and the grid cells asked for against the
account, builds the figures, renders them as JSON, CSV, HTML or PDF and writes
the file whole or not at all (a temporary file beside it, then ``os.replace``).
Any signed-in account may make one: operators, officers and administrators see
the whole district; a grid supervisor only their own grid cells (by default all
of them; a cell not theirs is refused).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from services.access.permissions import sees_grid
from services.db.models import GridCell, table_of
from services.db.store import Store
from services.domain import Principal
from services.errors import PermissionDeniedError, UnknownGridError, ValidationError
from services.stats.report import build_report
from services.stats.report_render import report_csv, report_json

log = logging.getLogger(__name__)

FORMATS = ("json", "csv", "html", "pdf")
MAX_DAYS = 367  # a report covers at most a year and a day
_cells = table_of(GridCell)


def renderer(fmt: str) -> Callable[[dict[str, Any]], bytes]:
    """The function that turns a report into the bytes of a ``fmt`` file."""
    if fmt == "html":
        from services.stats.report_html import report_html

        return lambda r: report_html(r).encode("utf-8")
    if fmt == "pdf":
        from services.stats.report_pdf import report_pdf

        return report_pdf
    if fmt == "json":
        return report_json
    if fmt == "csv":
        return report_csv
    raise ValidationError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")


def report_scope(
    store: Store, principal: Principal, wanted: Collection[str] | None
) -> list[str] | None:
    """The grid cells the report covers: those asked for, checked (each known, each
    the account's); none asked for: a supervisor's own, else the whole district (None)."""
    if wanted:
        with store.reading() as conn:
            known = set(conn.execute(select(_cells.c.code)).scalars())
        for grid in wanted:
            if grid not in known:
                raise UnknownGridError(grid)
            if not sees_grid(principal, grid):
                raise PermissionDeniedError(f"grid cell {grid} is not one of yours")
        return sorted(set(wanted))
    return sorted(principal.grids) if principal.scoped else None


def report_cells(store: Store, principal: Principal) -> list[tuple[str, str]]:
    """The grid cells the account may make a report of, as (code, name), in order."""
    with store.reading() as conn:
        rows = conn.execute(select(_cells.c.code, _cells.c.name).order_by(_cells.c.code)).all()
    return [(str(code), str(name)) for code, name in rows if sees_grid(principal, code)]


def check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValidationError(f"the range ends ({date_to}) before it starts ({date_from})")
    if (date_to - date_from).days >= MAX_DAYS:
        raise ValidationError(f"a report covers at most {MAX_DAYS} days")


def write_report(
    store: Store,
    principal: Principal,
    date_from: date,
    date_to: date,
    grids: Collection[str] | None,
    fmt: str,
    path: Path,
    now: datetime | None = None,
) -> int:
    """The report of the local days ``date_from`` … ``date_to`` for ``grids`` (see
    ``report_scope``) written to ``path`` as ``fmt``; the number of bytes written.
    Refusals are ``ServiceError``s with a one-line message; a failed write leaves
    no file behind (and an existing one as it was)."""
    check_range(date_from, date_to)
    render = renderer(fmt)
    if not path.parent.is_dir():
        raise ValidationError(f"no folder {path.parent} to write the report in")
    report = build_report(store, date_from, date_to, report_scope(store, principal, grids), now)
    report["made_by"] = principal.login
    data = render(report)
    _write_whole(path, data)
    log.info("%s report of %s … %s: %s, %d bytes", fmt, date_from, date_to, path, len(data))
    return len(data)


def _write_whole(path: Path, data: bytes) -> None:
    """``data`` into ``path`` through a temporary file beside it: the whole file or none."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise ValidationError(f"cannot write {path}: {reason}") from None
