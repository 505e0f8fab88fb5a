"""The district's grid cells in the store: the point → cell index, and
importing a new map of the district from a GeoJSON file.

``import_grids`` takes the file as the whole district: its cells are added or
updated by code, cells missing from it are removed, and every community and
device with coordinates is placed again by point-in-polygon.  It is all or
nothing: a bad file, a community or device that would fall outside the new
district, or a removed cell that work orders, alarms or alerts still refer to
refuses the import and leaves the store as it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.sql.expression import bindparam

from services import audit
from services.db import bulk
from services.db.models import (
    Alarm,
    Alert,
    Block,
    Community,
    Device,
    GridCell,
    WorkOrder,
    table_of,
    unit_grids,
    user_grids,
)
from services.db.store import Store
from services.district.geo import GridIndex, cell_from_text, read_cells
from services.domain import SYSTEM, Actor, Change
from services.errors import ConfigError, RefusedFileError

log = logging.getLogger(__name__)
_blocks = table_of(Block)
_cells = table_of(GridCell)


def grid_codes(store: Store) -> list[str]:
    """The codes of the district's grid cells, in order (G11 … G33)."""
    with store.reading() as conn:
        return list(conn.execute(select(_cells.c.code).order_by(_cells.c.code)).scalars())


def grid_names(store: Store) -> list[tuple[str, str]]:
    """(code, name) of the district's grid cells, in code order."""
    with store.reading() as conn:
        rows = conn.execute(select(_cells.c.code, _cells.c.name).order_by(_cells.c.code))
        return [(str(c), str(n)) for c, n in rows]


@dataclass(frozen=True, slots=True)
class GridImport:
    """What ``import_grids`` did (or, with ``dry_run``, would do)."""

    cells: int
    added: int
    removed: int
    moved: int  # communities and devices now in another cell
    moved_communities: int = 0
    moved_devices: int = 0
    removed_codes: tuple[str, ...] = ()
    dry_run: bool = False


class _DryRunError(Exception):
    """Rolls a dry run's transaction back, carrying what it would have done."""

    def __init__(self, result: GridImport) -> None:
        super().__init__("dry run")
        self.result = result


def load_grid_index(conn: Connection) -> GridIndex:
    """The index of the district's cells as the store holds them."""
    rows = conn.execute(
        select(_cells.c.code, _cells.c.name, _cells.c.block_code, _blocks.c.name, _cells.c.geometry)
        .join(_blocks, _blocks.c.code == _cells.c.block_code)
        .order_by(_cells.c.code)
    ).all()
    if not rows:
        raise ConfigError(
            "the database has no grid cells yet: load a district with "
            "`youyi-console grids import FILE` (or `db seed-demo`)"
        )
    return GridIndex(cell_from_text(*r) for r in rows)


def import_grids(
    store: Store, path: Path, actor: Actor = SYSTEM, *, dry_run: bool = False
) -> GridImport:
    """Replace the district's grid cells by those of a GeoJSON file (audited).

    ``dry_run`` does the same work, refusals included, and rolls it back: what
    the import would do, with nothing changed and nothing audited (a preview)."""
    index = GridIndex(read_cells(path))
    try:
        with store.transaction() as tx:
            conn = tx.conn
            block_rows, cell_rows = district_rows(index)
            bulk.upsert(conn, _blocks, "code", block_rows)
            added, _ = bulk.upsert(conn, _cells, "code", cell_rows)
            moves: dict[str, int] = {}
            moved = place_again(conn, index, path.name, moves)
            gone = sorted(set(conn.execute(select(_cells.c.code)).scalars()) - set(index.codes))
            _remove_cells(conn, gone, path.name)
            result = GridImport(
                len(index.cells), added, len(gone), moved,
                moves.get("community", 0), moves.get("device", 0), tuple(gone), dry_run,
            )  # fmt: skip
            if dry_run:
                raise _DryRunError(result)
            detail = {"file": path.name, "cells": len(index.cells), "added": added,
                      "removed": gone, "moved": moved}  # fmt: skip
            audit.append(conn, datetime.now(UTC), actor, "grids.import", path.name[:96], detail)
            tx.notify(Change("grid_cells", 0, 0, "imported", actor.console))
    except _DryRunError as done:
        return done.result
    log.info("%s: %d grid cells imported, %d removed", path.name, len(index.cells), len(gone))
    return result


def district_rows(index: GridIndex) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``blocks`` and ``grid_cells`` rows of a district's index."""
    outlines = index.block_geojson()
    names = {c.block_code: c.block_name for c in index.cells}
    block_rows = [{"code": b, "name": n, "geometry": outlines[b]} for b, n in names.items()]
    cell_rows = [
        {
            "code": c.code,
            "block_code": c.block_code,
            "name": c.name,
            "geometry": c.geojson,
            "supervising_unit": c.supervising_unit,
        }
        for c in index.cells
    ]
    return block_rows, cell_rows


def place_again(
    conn: Connection, index: GridIndex, source: str, moves: dict[str, int] | None = None
) -> int:
    """Give every community and device with coordinates the cell it lies in;
    returns how many changed cell (``moves``, if given, gets the count of each
    noun: ``community``, ``device``).  Refuses if one would lie outside."""
    moved = 0
    problems: list[str] = []
    for model, key, noun in ((Community, "code", "community"), (Device, "id", "device")):
        table = table_of(model)
        rows = conn.execute(
            select(table.c[key], table.c.lon, table.c.lat, table.c.grid_code)
            .where(table.c.lon.is_not(None), table.c.lat.is_not(None))
            .order_by(table.c[key])
        ).all()
        places = index.locate_many([r.lon for r in rows], [r.lat for r in rows])
        changes = []
        for r, place in zip(rows, places, strict=True):
            if place is None:
                problems.append(f"{noun} {r[0]} at ({r.lon}, {r.lat}) would lie outside every cell")
            elif place.grid_code != r.grid_code:
                changes.append({"_key": r[0], "grid_code": place.grid_code})
        if changes:
            conn.execute(update(table).where(table.c[key] == bindparam("_key")), changes)
        moved += len(changes)
        if moves is not None:
            moves[noun] = len(changes)
    if problems:
        raise RefusedFileError(source, problems)
    return moved


def _remove_cells(conn: Connection, codes: list[str], source: str) -> None:
    if not codes:
        return
    problems = []
    for code in codes:
        uses = []
        for model, noun in (
            (WorkOrder, "work order"),
            (Alarm, "alarm"),
            (Alert, "alert"),
            (Community, "community"),
            (Device, "device"),
        ):
            table = table_of(model)
            n = conn.execute(select(func.count()).where(table.c.grid_code == code)).scalar_one()
            if n:
                uses.append(f"{n} {noun}" if n == 1 else f"{n} {noun}s".replace("ys", "ies"))
        if uses:
            problems.append(
                f"grid cell {code} is not in the file but still in use ({', '.join(uses)})"
            )
    if problems:
        raise RefusedFileError(source, problems)
    conn.execute(delete(unit_grids).where(unit_grids.c.grid_code.in_(codes)))
    conn.execute(delete(user_grids).where(user_grids.c.grid_code.in_(codes)))
    conn.execute(delete(_cells).where(_cells.c.code.in_(codes)))
    used = select(_cells.c.block_code)
    conn.execute(delete(_blocks).where(_blocks.c.code.not_in(used)))
