"""Importing the district's map: all or nothing, communities and devices placed
again, cells still in use never removed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from services.db.demo import load_demo_district
from services.db.store import Store
from services.district.grids import import_grids, load_grid_index
from services.domain import OrderState
from services.errors import ConfigError, RefusedFileError
from services.resources import resource
from services.workflow.orders import WorkOrderService
from tests.support.store import order_in, rows


def demo_grids() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("demo", "grids.geojson").read_text("utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "grids.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def far_cell() -> dict[str, Any]:
    ring = [[121.60, 31.40], [121.61, 31.40], [121.61, 31.41], [121.60, 31.41], [121.60, 31.40]]
    return {
        "type": "Feature",
        "properties": {"code": "G99", "name": "飞地网格", "block": "B9", "block_name": "飞地街区"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def cells(store: Store) -> list[tuple[object, ...]]:
    return rows(store, "SELECT code, block_code, name, geometry FROM grid_cells ORDER BY code")


def test_same_map_again_changes_nothing(store: Store) -> None:
    before = cells(store)
    result = import_grids(store, resource("demo", "grids.geojson"))
    assert (result.cells, result.added, result.removed, result.moved) == (9, 0, 0, 0)
    assert cells(store) == before
    with store.reading() as conn:
        assert load_grid_index(conn).codes == [c[0] for c in before]


def test_a_new_cell_and_its_block_come_and_go(store: Store, tmp_path: Path) -> None:
    data = demo_grids()
    data["features"].append(far_cell())
    assert import_grids(store, write(tmp_path, data)).added == 1
    assert rows(store, "SELECT name FROM blocks WHERE code = 'B9'") == [("飞地街区",)]
    result = import_grids(store, resource("demo", "grids.geojson"))
    assert result.removed == 1
    assert rows(store, "SELECT count(*) FROM blocks WHERE code = 'B9'") == [(0,)]
    assert len(cells(store)) == 9


def test_moved_borders_move_communities_and_devices(store: Store, tmp_path: Path) -> None:
    load_demo_district(store)  # with the devices
    data = demo_grids()
    f11, f12 = data["features"][0], data["features"][1]
    f11["geometry"], f12["geometry"] = f12["geometry"], f11["geometry"]
    in_11_or_12 = rows(
        store,
        "SELECT (SELECT count(*) FROM communities WHERE grid_code IN ('G11', 'G12')) + "
        "(SELECT count(*) FROM devices WHERE grid_code IN ('G11', 'G12'))",
    )[0][0]
    c01 = rows(store, "SELECT grid_code FROM communities WHERE code = 'C01'")[0][0]
    assert import_grids(store, write(tmp_path, data)).moved == in_11_or_12
    after = rows(store, "SELECT grid_code FROM communities WHERE code = 'C01'")[0][0]
    assert {c01, after} == {"G11", "G12"}
    assert rows(
        store,
        "SELECT count(*) FROM devices d JOIN communities c ON c.code = d.community_code "
        "WHERE d.grid_code <> c.grid_code",
    ) == [(0,)]


def test_refused_when_communities_would_fall_outside(store: Store, tmp_path: Path) -> None:
    before = cells(store)
    data = demo_grids()
    del data["features"][8]  # G33, with its communities
    with pytest.raises(RefusedFileError, match=r"grids\.geojson: nothing imported, .*community C"):
        import_grids(store, write(tmp_path, data))
    assert cells(store) == before


def test_a_cell_in_use_is_never_removed(
    store: Store, service: WorkOrderService, tmp_path: Path
) -> None:
    data = demo_grids()
    data["features"].append(far_cell())
    import_grids(store, write(tmp_path, data))
    order_in(service, OrderState.REPORTED, grid="G99")
    before = cells(store)
    with pytest.raises(
        RefusedFileError,
        match=r"grid cell G99 is not in the file but still in use \(1 work order\)",
    ):
        import_grids(store, resource("demo", "grids.geojson"))
    assert cells(store) == before


def test_a_bad_map_is_refused_whole(store: Store, tmp_path: Path) -> None:
    before = cells(store)
    data = demo_grids()
    data["features"].append(far_cell())
    overlapping = json.loads(json.dumps(data["features"][4]))  # a copy of G22 ...
    overlapping["properties"]["code"] = "G98"  # ... under another code
    data["features"].append(overlapping)
    with pytest.raises(
        ConfigError, match=r"features\[4\] \(G22\) and .*features\[10\] \(G98\) overlap"
    ):
        import_grids(store, write(tmp_path, data))
    assert cells(store) == before
