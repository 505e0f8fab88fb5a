"""The camera catalogue from the store: each camera with its place and streams."""

from __future__ import annotations

from sqlalchemy import insert

from services.db.models import Camera, table_of
from services.db.store import Store
from services.district.cameras import camera_catalogue
from services.domain import CameraEntry


def test_demo_cameras_with_community_grid_and_block(store: Store) -> None:
    catalogue = camera_catalogue(store)
    assert len(catalogue) == 92
    assert len({c.community_code for c in catalogue}) == 84
    ids = [c.id for c in catalogue]
    assert ids == sorted(ids) and ids[0] == "CAM-001" and ids[-1] == "EE-08"
    assert catalogue[0] == CameraEntry(
        "CAM-001",
        "长滩一期主出入口",
        "C01",
        "长滩一期",
        "G11",
        "长滩一网格",
        "B1",
        "长滩街区",
        "demo://CAM-001/main",
        "demo://CAM-001/sub",
    )
    assert {c.block_code for c in catalogue} == {"B1", "B2", "B3"}
    assert all(c.grid_code and c.grid_code[1] == c.block_code[1] for c in catalogue)  # type: ignore[index]


def test_camera_without_place_or_sub_stream(store: Store) -> None:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Camera)),
            [
                {"id": "AAA-1", "name": "楼顶", "community_code": None}
                | {"main_url": "rtsp://10.0.0.9/main", "sub_url": None},
                {"id": "AAA-2", "name": "东门", "community_code": "C02"}
                | {"main_url": "rtsp://10.0.0.8/main", "sub_url": ""},
            ],
        )
    first, second = camera_catalogue(store)[:2]
    assert (first.id, first.community_code, first.grid_code, first.block_name) == (
        "AAA-1",
        None,
        None,
        None,
    )
    assert first.sub_url == first.main_url == "rtsp://10.0.0.9/main"
    assert (second.community_name, second.grid_code, second.block_code) == ("长滩二期", "G11", "B1")
    assert second.sub_url == "rtsp://10.0.0.8/main"


def test_each_device_names_its_linked_cameras(store: Store) -> None:
    from services.db.demo import load_demo_district
    from services.district.cameras import cameras_of_devices

    assert cameras_of_devices(store) == {}  # the fixture's district has no devices yet
    load_demo_district(store)  # now with the demo's registry and its camera links
    links = cameras_of_devices(store)
    assert links["EL-0304"] == ("CAM-003",)  # devices.csv: the lift of 长滩三期 2号楼
    catalogue = {c.id for c in camera_catalogue(store)}
    assert all(cams and set(cams) <= catalogue for cams in links.values())
    assert len(links) > 800
