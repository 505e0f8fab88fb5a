"""Point → grid cell on a hand-made district: insides, borders, corners, holes,
MultiPolygon parts, outside; and the speed of it."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from services.district.geo import GridIndex, Placement
from services.errors import OutsideDistrictError, ValidationError
from services.resources import resource


@pytest.fixture
def index(district_file: Path) -> GridIndex:
    return GridIndex.from_file(district_file)


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        # well inside each cell
        (121.25, 31.25, "A1"),
        (121.75, 31.25, "A2"),
        (121.05, 31.95, "B1"),
        (121.75, 31.75, "B2"),
        # on a shared border: the lowest code of the cells that touch it
        (121.5, 31.25, "A1"),  # A1 | A2
        (121.25, 31.5, "A1"),  # A1 / B1
        (121.75, 31.5, "A2"),  # A2 / B2
        (121.5, 31.75, "B1"),  # B1 | B2
        # the corner all four share
        (121.5, 31.5, "A1"),
        # on the district's outer edge and outer corners: still inside
        (121.0, 31.25, "A1"),
        (122.0, 32.0, "B2"),
        # in B1's hole: not B1, but the second part of B2's MultiPolygon
        (121.25, 31.75, "B2"),
        (121.126, 31.626, "B2"),
        # on the rim of the hole: B1 and B2 both cover it, B1 is the lower code
        (121.125, 31.75, "B1"),
        (121.375, 31.875, "B1"),
    ],
)
def test_hand_checked_points(index: GridIndex, lon: float, lat: float, code: str) -> None:
    place = index.locate(lon, lat)
    assert place.grid_code == code
    assert place == Placement(code[0], f"block {code[0]}", code, f"{code} cell")
    assert index.locate_many([lon], [lat]) == [place]


@pytest.mark.parametrize(("lon", "lat"), [(120.0, 31.0), (121.25, 30.99), (122.01, 31.5)])
def test_outside_the_district(index: GridIndex, lon: float, lat: float) -> None:
    assert index.find(lon, lat) is None
    assert index.locate_many([lon], [lat]) == [None]
    with pytest.raises(OutsideDistrictError, match=rf"lon {lon:.6f}, lat {lat:.6f}") as err:
        index.locate(lon, lat)
    assert isinstance(err.value, ValidationError)
    assert "outside the district" in str(err.value)
    assert (err.value.lon, err.value.lat) == (lon, lat)


def test_swapped_coordinates_get_a_hint(index: GridIndex) -> None:
    with pytest.raises(OutsideDistrictError, match="are longitude and latitude swapped"):
        index.locate(31.25, 121.25)


def test_not_a_number_is_outside(index: GridIndex) -> None:
    assert index.find(float("nan"), 31.25) is None
    assert index.locate_many([float("nan")], [31.25]) == [None]


def test_a_hole_nobody_fills_is_outside(tmp_path: Path) -> None:
    from tests.support.geo import HOLE, box, feature, polygon, write_fc

    path = write_fc(
        tmp_path / "d.geojson",
        [feature("A1", polygon(box(121.0, 31.5, 121.5, 32.0), [*HOLE, HOLE[0]]))],
    )
    index = GridIndex.from_file(path)
    assert index.find(121.25, 31.75) is None
    assert index.find(121.125, 31.75) is not None  # the hole's rim is the cell's border
    with pytest.raises(OutsideDistrictError):
        index.locate(121.25, 31.75)


def test_find_and_locate_many_agree_everywhere(index: GridIndex) -> None:
    rng = random.Random(7)
    # random points, plus a lattice that hits every border and corner exactly
    lons = [rng.uniform(120.9, 122.1) for _ in range(5000)] + [
        121 + i / 16 for i in range(-1, 18)
    ] * 19
    lats = [rng.uniform(30.9, 32.1) for _ in range(5000)] + [
        31 + j / 16 for j in range(-1, 18) for _ in range(19)
    ]
    assert [index.find(x, y) for x, y in zip(lons, lats, strict=True)] == index.locate_many(
        lons, lats
    )


def test_hundred_thousand_points_in_well_under_two_seconds() -> None:
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    rng = random.Random(1)
    points = [(rng.uniform(121.475, 121.505), rng.uniform(31.389, 31.417)) for _ in range(100_000)]
    began = time.perf_counter()
    found = [index.find(x, y) for x, y in points]
    one_by_one = time.perf_counter() - began
    began = time.perf_counter()
    assert index.locate_many([p[0] for p in points], [p[1] for p in points]) == found
    at_once = time.perf_counter() - began
    assert one_by_one < 2.0 and at_once < 2.0, (one_by_one, at_once)
