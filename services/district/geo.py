"""Which grid cell a point lies in (shapely 2).

A ``GridIndex`` is built from the district's grid cells, read from a GeoJSON
FeatureCollection (``read_cells``) or from the GeoJSON geometry text the store
keeps (``cell_from_text``).  Building it validates the cells: each a valid
Polygon or MultiPolygon (holes allowed: a point in a hole is not in that cell),
with its code, name, block and block name, no two with the same code, and no two
sharing area (a shared border is fine; slivers under ``OVERLAP_TOLERANCE_M2``
are tolerated, the border rule settles them).  A bad cell is a ``ConfigError``
that names it (feature index and code).

Border rule: a point that several cells cover (on a shared border, on a corner
shared by four cells, on the rim of a hole filled by another cell) belongs to
the cell with the **lowest grid code** in plain string order ("G11" < "G12" <
"G21").  ``find``, ``locate`` and ``locate_many`` all follow it.

Speed: a coarse bucket grid over the district remembers, per bucket, the cells
whose shape reaches into it (found with an STRtree), and whether one cell covers
the whole bucket; a point then costs a bucket look-up and at most a few
prepared point-in-polygon tests.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import shape

from services.errors import ConfigError, OutsideDistrictError, ValidationError
from services.text_rules import check_line

#: Two cells may share this much area (m²) before they count as overlapping.
OVERLAP_TOLERANCE_M2 = 1.0
#: Buckets per side of the look-up grid.
BUCKETS = 64
_M_PER_DEG = 111_320.0
_PAD = 1e-9  # degrees (0.1 mm): buckets are padded so rounding never misplaces a point
REQUIRED = ("code", "name", "block", "block_name")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a point lies: its block (街区) and grid cell (网格)."""

    block_code: str
    block_name: str
    grid_code: str
    grid_name: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid cell: its names and its (prepared) shapely geometry.

    ``where`` says where it came from, for messages ("grids.geojson
    features[3] (G21)" or "grid cell G21")."""

    code: str
    name: str
    block_code: str
    block_name: str
    geometry: Any
    supervising_unit: str | None = None
    where: str = ""

    @property
    def geojson(self) -> str:
        return str(shapely.to_geojson(self.geometry))


def read_cells(path: Path) -> list[Cell]:
    """The cells of a GeoJSON FeatureCollection file (properties ``code``,
    ``name``, ``block``, ``block_name``, optional ``supervising_unit``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ConfigError(f"{path.name}: not JSON: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path.name}: nested too deep to be a map of grid cells") from None
    return cells_from_geojson(data, path.name)


def cells_from_geojson(data: object, source: str) -> list[Cell]:
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not features:
        raise ConfigError(f"{source}: a GeoJSON FeatureCollection of grid cells expected")
    assert isinstance(features, list)
    return [_cell_of_feature(f, f"{source} features[{i}]") for i, f in enumerate(features)]


def _cell_of_feature(feature: object, where: str) -> Cell:
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(feature, dict) or not isinstance(props, dict):
        raise ConfigError(f"{where}: a GeoJSON Feature with properties expected")
    code = props.get("code")
    if isinstance(code, str) and code.strip():
        where = f"{where} ({code.strip()})"
    missing = [k for k in REQUIRED if not isinstance(props.get(k), str) or not props[k].strip()]
    if missing:
        raise ConfigError(f"{where}: missing or empty properties: {', '.join(missing)}")
    unit = props.get("supervising_unit")
    if unit is not None and not isinstance(unit, str):
        raise ConfigError(f"{where}: supervising_unit must be a unit code (text)")
    try:  # the columns' sizes, checked here the same for SQLite and PostgreSQL
        code, name, block, block_name = (
            check_line(key, props[key], limit)
            for key, limit in (("code", 32), ("name", 128), ("block", 32), ("block_name", 128))
        )
        unit = check_line("supervising_unit", unit, 64, required=False) if unit else None
    except ValidationError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return Cell(
        code=code,
        name=name,
        block_code=block,
        block_name=block_name,
        geometry=parse_cell_geometry(feature.get("geometry"), where),
        supervising_unit=unit or None,
        where=where,
    )


def cell_from_text(
    code: str, name: str, block_code: str, block_name: str, geometry: str | None
) -> Cell:
    """A cell as the store keeps it (``grid_cells.geometry`` is GeoJSON text)."""
    where = f"grid cell {code}"
    try:
        raw = json.loads(geometry) if geometry else None
    except ValueError as exc:
        raise ConfigError(f"{where}: stored geometry is not JSON: {exc}") from exc
    geom = parse_cell_geometry(raw, where)
    return Cell(code, name, block_code, block_name, geom, where=where)


def parse_cell_geometry(raw: object, where: str) -> Any:
    """A valid, prepared Polygon or MultiPolygon from a GeoJSON geometry object."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: no geometry")
    kind = raw.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        raise ConfigError(f"{where}: geometry must be a Polygon or MultiPolygon, not {kind!r}")
    try:
        geom = shape(raw)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, GEOSException) as exc:
        raise ConfigError(f"{where}: malformed {kind} coordinates: {exc}") from exc
    if geom.is_empty:
        raise ConfigError(f"{where}: the {kind} is empty")
    reason = str(shapely.is_valid_reason(geom))
    if reason != "Valid Geometry":
        raise ConfigError(f"{where}: invalid {kind}: {reason}")
    x0, y0, x1, y1 = geom.bounds
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise ConfigError(f"{where}: coordinates out of range (longitude, latitude in degrees)")
    shapely.prepare(geom)
    return geom


class GridIndex:
    """Point → grid cell for one district.  Immutable once built."""

    def __init__(self, cells: Iterable[Cell]) -> None:
        self.cells: tuple[Cell, ...] = tuple(sorted(cells, key=lambda c: c.code))
        if not self.cells:
            raise ConfigError("the district has no grid cells")
        _check_names(self.cells)
        self._geoms = np.array([c.geometry for c in self.cells], dtype=object)
        self._tree = shapely.STRtree(self._geoms)
        self._check_overlaps()
        self._placements = [
            Placement(c.block_code, c.block_name, c.code, c.name) for c in self.cells
        ]
        self._build_buckets()

    @classmethod
    def from_file(cls, path: Path) -> GridIndex:
        return cls(read_cells(path))

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.cells]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the whole district."""
        return self._bounds

    def find(self, lon: float, lat: float) -> Placement | None:
        """The cell covering the point (lowest code on a border), or None."""
        x0, y0, x1, y1 = self._bounds
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):  # also refuses NaN
            return None
        col = min(int((lon - x0) / self._dx), BUCKETS - 1)
        row = min(int((lat - y0) / self._dy), BUCKETS - 1)
        bucket = row * BUCKETS + col
        whole = self._whole[bucket]
        if whole >= 0:
            return self._placements[whole]
        for i in self._candidates[bucket]:
            if shapely.intersects_xy(self._geoms[i], lon, lat):
                return self._placements[i]
        return None

    def locate(self, lon: float, lat: float) -> Placement:
        """Like ``find``, but a point outside every cell is an OutsideDistrictError."""
        found = self.find(lon, lat)
        if found is not None:
            return found
        swapped = self.find(lat, lon)
        hint = (
            f" (read as lon {lat}, lat {lon} it would be in {swapped.grid_code}: "
            "are longitude and latitude swapped?)"
            if swapped
            else ""
        )
        raise OutsideDistrictError(lon, lat, hint)

    def locate_many(self, lons: Sequence[float], lats: Sequence[float]) -> list[Placement | None]:
        """``find`` for many points at once (vectorised; same border rule)."""
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        hit_point, hit_cell = self._tree.query(points, predicate="intersects")
        best = np.full(len(points), len(self.cells))
        np.minimum.at(best, hit_point, hit_cell)  # lowest index = lowest code
        n = len(self.cells)
        return [self._placements[b] if b < n else None for b in best.tolist()]

    def block_geojson(self) -> dict[str, str]:
        """Each block's outline (the union of its cells) as GeoJSON text."""
        by_block: dict[str, list[Any]] = {}
        for c in self.cells:
            by_block.setdefault(c.block_code, []).append(c.geometry)
        return {b: str(shapely.to_geojson(shapely.union_all(g))) for b, g in by_block.items()}

    def _check_overlaps(self) -> None:
        left, right = self._tree.query(self._geoms, predicate="intersects")
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            if i >= j:
                continue
            common = shapely.intersection(self._geoms[i], self._geoms[j])
            area = _area_m2(common)
            if area > OVERLAP_TOLERANCE_M2:
                a, b = self.cells[i], self.cells[j]
                raise ConfigError(
                    f"{a.where or a.code} and {b.where or b.code} overlap by about "
                    f"{area:,.0f} m²: cells may share borders, not area"
                )

    def _build_buckets(self) -> None:
        x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(self._geoms))
        self._bounds = (x0, y0, x1, y1)
        self._dx = (x1 - x0) / BUCKETS or 1.0
        self._dy = (y1 - y0) / BUCKETS or 1.0
        rows, cols = np.divmod(np.arange(BUCKETS * BUCKETS), BUCKETS)
        boxes = shapely.box(
            x0 + cols * self._dx - _PAD,
            y0 + rows * self._dy - _PAD,
            x0 + (cols + 1) * self._dx + _PAD,
            y0 + (rows + 1) * self._dy + _PAD,
        )
        hit_box, hit_cell = self._tree.query(boxes, predicate="intersects")
        found: list[list[int]] = [[] for _ in range(BUCKETS * BUCKETS)]
        for b, c in zip(hit_box.tolist(), hit_cell.tolist(), strict=True):
            found[b].append(c)
        self._candidates = [tuple(sorted(c)) for c in found]
        # A bucket that one cell alone reaches into and covers whole needs no test.
        single = np.array([b for b, c in enumerate(found) if len(c) == 1], dtype=int)
        alone = np.array([found[b][0] for b in single.tolist()], dtype=int)
        covered = shapely.covers(self._geoms[alone], boxes[single])
        self._whole = [-1] * (BUCKETS * BUCKETS)
        for b, c, whole in zip(single.tolist(), alone.tolist(), covered.tolist(), strict=True):
            if whole:
                self._whole[b] = c


def _check_names(cells: Sequence[Cell]) -> None:
    seen: dict[str, Cell] = {}
    blocks: dict[str, Cell] = {}
    for c in cells:
        if c.code in seen:
            raise ConfigError(
                f"{c.where or c.code}: grid code {c.code} already used by {seen[c.code].where}"
            )
        seen[c.code] = c
        first = blocks.setdefault(c.block_code, c)
        if first.block_name != c.block_name:
            raise ConfigError(
                f"{c.where or c.code}: block {c.block_code} is named {c.block_name!r} here "
                f"but {first.block_name!r} in {first.where or first.code}"
            )


def _area_m2(geom: Any) -> float:
    """Approximate area in m² of a small lon/lat geometry."""
    if geom.is_empty:
        return 0.0
    lat = (geom.bounds[1] + geom.bounds[3]) / 2
    return float(geom.area) * _M_PER_DEG**2 * math.cos(math.radians(lat))
