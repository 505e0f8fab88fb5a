"""Load the demo district from ``resources/demo``: blocks and grid cells
(``grids.geojson``), units (``units.toml``), communities (``communities.csv``),
cameras (``cameras.csv``) and the device registry (``devices.csv``, the same
format ``youyi-console devices import`` reads).

Idempotent: rows already present are left as they are.  Bulk inserts, so the
whole district loads in a few tens of milliseconds.  ``devices=False`` leaves
the registry (devices and their camera links) out, for tests that register
their own devices.  The demo files are made-up data, marked as such; a real
district loads its own.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from services.db import bulk
from services.db.models import (
    Block,
    Camera,
    Community,
    Device,
    GridCell,
    Unit,
    table_of,
    unit_grids,
)
from services.db.store import Store
from services.district.geo import GridIndex, read_cells
from services.district.grids import district_rows
from services.district.registry import link_cameras, place_devices
from services.district.registry_files import read_devices
from services.domain import UnitKind
from services.errors import ConfigError, OutsideDistrictError
from services.resources import resource


def load_demo_district(store: Store, folder: Path | None = None, *, devices: bool = True) -> int:
    """Insert what is missing; returns the number of rows inserted."""
    folder = folder or resource("demo")
    index = GridIndex(read_cells(folder / "grids.geojson"))
    try:
        units = tomllib.loads((folder / "units.toml").read_text(encoding="utf-8"))["unit"]
        communities = _read_csv(folder / "communities.csv")
        cameras = _read_csv(folder / "cameras.csv")
        community_rows = [_community(c, index) for c in communities]
        camera_rows = [_camera(c) for c in cameras]
        unit_rows = [_unit(u) for u in units]
    except (OSError, ValueError, KeyError, OutsideDistrictError) as exc:
        raise ConfigError(f"demo district in {folder}: {exc}") from exc
    found = read_devices(folder / "devices.csv") if devices else None
    with store.transaction() as tx:
        conn = tx.conn
        added = _load_cells(conn, index)
        added += len(bulk.insert_missing(conn, table_of(Community), "code", community_rows))
        added += len(bulk.insert_missing(conn, table_of(Unit), "code", unit_rows))
        added += _load_unit_grids(conn, units)
        added += len(bulk.insert_missing(conn, table_of(Camera), "id", camera_rows))
        if found:
            codes = {str(c["code"]) for c in community_rows}
            placed = place_devices(found, index, codes, {c["id"] for c in camera_rows})
            rows = [p.row() for p in placed]
            new = {r["id"] for r in bulk.insert_missing(conn, table_of(Device), "id", rows)}
            added += len(new)
            added += link_cameras(conn, [p for p in placed if p.record.id in new], replace=False)
    return added


def _load_cells(conn: Connection, index: GridIndex) -> int:
    block_rows, cell_rows = district_rows(index)
    added = bulk.insert_missing(conn, table_of(Block), "code", block_rows)
    return len(added) + len(bulk.insert_missing(conn, table_of(GridCell), "code", cell_rows))


def _load_unit_grids(conn: Connection, units: list[dict[str, Any]]) -> int:
    have = {(u, g) for u, g in conn.execute(select(unit_grids.c.unit_code, unit_grids.c.grid_code))}
    pairs = [(u["code"], g) for u in units for g in u.get("grids", [])]
    new = [{"unit_code": u, "grid_code": g} for u, g in pairs if (u, g) not in have]
    if new:
        conn.execute(insert(unit_grids), new)
    return len(new)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _community(c: dict[str, str], index: GridIndex) -> dict[str, Any]:
    lon, lat = float(c["lon"]), float(c["lat"])
    grid = index.locate(lon, lat).grid_code
    if grid != c["grid"]:
        raise ValueError(f"community {c['code']} is said to be in {c['grid']} but lies in {grid}")
    return {"code": c["code"], "name": c["name"], "grid_code": grid, "lon": lon, "lat": lat}


def _camera(c: dict[str, str]) -> dict[str, Any]:
    return {
        "id": c["id"],
        "name": c["name"],
        "community_code": c["community"] or None,
        "main_url": c["main_url"],
        "sub_url": c["sub_url"] or None,
        "lon": float(c["lon"]) if c["lon"] else None,
        "lat": float(c["lat"]) if c["lat"] else None,
    }


def _unit(u: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": u["code"],
        "name": u["name"],
        "kind": UnitKind(u["kind"]),
        "community_code": u.get("community"),
        "phone": u.get("phone"),
    }
