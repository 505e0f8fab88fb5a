"""Grid files that are refused, each with the feature (index and code) and why."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from services.district.geo import GridIndex, cell_from_text
from services.errors import ConfigError
from tests.support.geo import box, district_features, feature, polygon, write_fc


def refused(tmp_path: Path, features: list[dict[str, Any]], match: str) -> None:
    path = write_fc(tmp_path / "grids.geojson", features)
    with pytest.raises(ConfigError, match=match):
        GridIndex.from_file(path)


def with_feature(i: int, replacement: dict[str, Any]) -> list[dict[str, Any]]:
    features = district_features()
    features[i] = replacement
    return features


def test_the_hand_made_district_is_fine(district_file: Path) -> None:
    assert GridIndex.from_file(district_file).codes == ["A1", "A2", "B1", "B2"]


def test_self_intersecting_polygon(tmp_path: Path) -> None:
    bowtie = [[121.5, 31.0], [122.0, 31.5], [122.0, 31.0], [121.5, 31.5], [121.5, 31.0]]
    refused(
        tmp_path,
        with_feature(1, feature("A2", polygon(bowtie))),
        r"grids\.geojson features\[1\] \(A2\): invalid Polygon: Self-intersection",
    )


def test_overlapping_cells_name_both(tmp_path: Path) -> None:
    wider = feature("A2", polygon(box(121.4, 31.0, 122.0, 31.5)))  # 0.1° into A1
    refused(
        tmp_path,
        with_feature(1, wider),
        r"features\[0\] \(A1\) and .*features\[1\] \(A2\) overlap by about [\d,]+ m²",
    )


def test_missing_properties(tmp_path: Path) -> None:
    f = feature("A2", polygon(box(121.5, 31.0, 122.0, 31.5)))
    del f["properties"]["block_name"]
    f["properties"]["name"] = "  "
    refused(
        tmp_path,
        with_feature(1, f),
        r"features\[1\] \(A2\): missing or empty properties: name, block_name",
    )


def test_missing_code_names_the_index(tmp_path: Path) -> None:
    f = feature("A2", polygon(box(121.5, 31.0, 122.0, 31.5)))
    del f["properties"]["code"]
    refused(tmp_path, with_feature(1, f), r"features\[1\]: missing or empty properties: code$")


@pytest.mark.parametrize(
    ("geometry", "match"),
    [
        (None, "no geometry"),
        (
            {"type": "Point", "coordinates": [121.7, 31.2]},
            "must be a Polygon or MultiPolygon, not 'Point'",
        ),
        ({"type": "Polygon", "coordinates": [[[121.5, 31.0], [122.0, 31.0]]]}, "malformed Polygon"),
        ({"type": "Polygon", "coordinates": "nope"}, "malformed Polygon"),
        ({"type": "Polygon", "coordinates": []}, "the Polygon is empty"),
        ({"type": "Polygon", "coordinates": [box(200.0, 31.0, 201.0, 31.5)]}, "out of range"),
    ],
)
def test_bad_geometry(tmp_path: Path, geometry: object, match: str) -> None:
    f = feature("A2", polygon())
    f["geometry"] = geometry
    refused(tmp_path, with_feature(1, f), rf"features\[1\] \(A2\): .*{match}")


def test_duplicate_code(tmp_path: Path) -> None:
    f = feature("A1", polygon(box(121.5, 31.0, 122.0, 31.5)))
    refused(
        tmp_path,
        with_feature(1, f),
        r"features\[1\] \(A1\): grid code A1 already used by .*features\[0\]",
    )


def test_one_block_two_names(tmp_path: Path) -> None:
    f = feature("A2", polygon(box(121.5, 31.0, 122.0, 31.5)), block_name="another name")
    refused(tmp_path, with_feature(1, f), r"block A is named 'another name' here but 'block A'")


@pytest.mark.parametrize(
    "text", ['{"type": "Feature"}', '{"type": "FeatureCollection", "features": []}', "[]"]
)
def test_not_a_feature_collection(tmp_path: Path, text: str) -> None:
    path = tmp_path / "grids.geojson"
    path.write_text(text)
    with pytest.raises(ConfigError, match="FeatureCollection of grid cells expected"):
        GridIndex.from_file(path)


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "grids.geojson"
    path.write_text("{oops")
    with pytest.raises(ConfigError, match=r"grids\.geojson: not JSON"):
        GridIndex.from_file(path)
    with pytest.raises(ConfigError, match="cannot read"):
        GridIndex.from_file(tmp_path / "nothing.geojson")


def test_geometry_text_as_the_store_keeps_it() -> None:
    text = json.dumps(polygon(box(121.0, 31.0, 121.5, 31.5)))
    cell = cell_from_text("A1", "A1 cell", "A", "block A", text)
    assert GridIndex([cell]).locate(121.2, 31.2).grid_code == "A1"
    with pytest.raises(ConfigError, match="grid cell A1: no geometry"):
        cell_from_text("A1", "A1 cell", "A", "block A", None)
    with pytest.raises(ConfigError, match="grid cell A1: stored geometry is not JSON"):
        cell_from_text("A1", "A1 cell", "A", "block A", "{")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("code", "G" * 33, "code is longer than 32 characters (33)"),
        ("name", "格" * 129, "name is longer than 128 characters (129)"),
        ("block", "B" * 33, "block is longer than 32 characters"),
        ("supervising_unit", "u" * 65, "supervising_unit is longer than 64 characters"),
        ("name", "一\x1b[2J格", "name holds a control or direction character"),
    ],
)
def test_properties_longer_than_their_columns_are_refused_on_both_backends(
    key: str, value: str, message: str
) -> None:
    from services.district.geo import cells_from_geojson

    ring = [[121.48, 31.40], [121.49, 31.40], [121.49, 31.41], [121.48, 31.41], [121.48, 31.40]]
    props = {"code": "G11", "name": "一格", "block": "B1", "block_name": "一区", key: value}
    feature = {"type": "Feature", "properties": props,
               "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip
    with pytest.raises(ConfigError, match=re.escape(message)):
        cells_from_geojson({"type": "FeatureCollection", "features": [feature]}, "map.geojson")
