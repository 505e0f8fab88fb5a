"""What the nine-grid map draws, as plain records: the grid cells' outlines
(holes and multipolygons kept) and the devices with their places."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text

from services.db.store import Store

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class MapCell:
    code: str
    name: str
    block_code: str
    block_name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes


@dataclass(frozen=True, slots=True)
class MapDevice:
    id: str
    kind: str
    name: str
    lon: float
    lat: float
    grid: str | None
    community: str | None


@dataclass(frozen=True, slots=True)
class DistrictMap:
    cells: tuple[MapCell, ...]
    devices: tuple[MapDevice, ...]


def load_district_map(store: Store) -> DistrictMap:
    with store.reading() as conn:
        cells = conn.execute(
            text(
                "SELECT c.code, c.name, c.block_code, b.name, c.geometry FROM grid_cells c"
                " JOIN blocks b ON b.code = c.block_code ORDER BY c.code"
            )
        ).all()
        devices = conn.execute(
            text(
                "SELECT id, kind, name, lon, lat, grid_code, community_code FROM devices"
                " WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY id"
            )
        ).all()
    return DistrictMap(
        tuple(MapCell(c[0], c[1], c[2], c[3], polygons_of(c[4])) for c in cells),
        tuple(MapDevice(d[0], d[1], d[2], float(d[3]), float(d[4]), d[5], d[6]) for d in devices),
    )


def polygons_of(geometry: str | None) -> tuple[tuple[Ring, ...], ...]:
    if not geometry:
        return ()
    raw = json.loads(geometry)
    parts = [raw["coordinates"]] if raw["type"] == "Polygon" else raw["coordinates"]
    return tuple(
        tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in polygon)
        for polygon in parts
    )
