"""The demo district's map: nine cells, no gaps, and an exclave of G23 in a hole
of G13 (so the hole and MultiPolygon paths run on real data too)."""

from __future__ import annotations

import shapely

from services.district.geo import GridIndex
from services.resources import resource


def test_nine_cells_three_blocks_no_gaps() -> None:
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    assert index.codes == [f"G{b}{c}" for b in (1, 2, 3) for c in (1, 2, 3)]
    assert {c.block_code for c in index.cells} == {"B1", "B2", "B3"}
    whole = shapely.union_all([c.geometry for c in index.cells])
    assert whole.geom_type == "Polygon" and not list(whole.interiors)
    for cell in index.cells:  # each cell's own representative point is its own
        p = cell.geometry.representative_point()
        assert index.locate(p.x, p.y).grid_code == cell.code


def test_exclave_of_g23_in_the_hole_of_g13() -> None:
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    cells = {c.code: c for c in index.cells}
    g13, g23 = cells["G13"].geometry, cells["G23"].geometry
    assert g23.geom_type == "MultiPolygon" and len(g13.interiors) == 1
    inside_hole = shapely.Polygon(g13.interiors[0]).representative_point()
    assert index.locate(inside_hole.x, inside_hole.y).grid_code == "G23"
    rim = g13.interiors[0].coords[0]  # on G13's rim and G23's border: G13 wins
    assert index.locate(*rim).grid_code == "G13"
