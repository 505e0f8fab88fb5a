"""A small made-up district whose borders are exact binary fractions, so that
points on them are exactly on them:

    31.75 ─ B1 (block B, with a hole) │ B2 (block B) + the hole of B1
    31.5  ─ A1 (block A)              │ A2 (block A)
    31.0    121.0        121.5        122.0

B1 has a hole [121.125, 121.375] × [31.625, 31.875]; B2 is a MultiPolygon whose
second part fills it exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

HOLE = [[121.125, 31.625], [121.375, 31.625], [121.375, 31.875], [121.125, 31.875]]


def box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def feature(code: str, geometry: dict[str, Any], **props: Any) -> dict[str, Any]:
    block = code[0]
    properties = {
        "code": code,
        "name": f"{code} cell",
        "block": block,
        "block_name": f"block {block}",
        "supervising_unit": f"grid-{code.lower()}",
        **props,
    }
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


def district_features() -> list[dict[str, Any]]:
    hole = [*HOLE, HOLE[0]]
    return [
        feature("A1", polygon(box(121.0, 31.0, 121.5, 31.5))),
        feature("A2", polygon(box(121.5, 31.0, 122.0, 31.5))),
        feature("B1", polygon(box(121.0, 31.5, 121.5, 32.0), hole[::-1])),
        feature(
            "B2",
            {
                "type": "MultiPolygon",
                "coordinates": [[box(121.5, 31.5, 122.0, 32.0)], [hole]],
            },
        ),
    ]


def write_fc(path: Path, features: list[dict[str, Any]]) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def district_file(tmp_path: Path) -> Path:
    return write_fc(tmp_path / "district.geojson", district_features())
