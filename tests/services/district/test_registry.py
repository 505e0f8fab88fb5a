"""The device registry: the demo devices, import and export as CSV and GeoJSON,
files refused whole with the line or feature and the reason."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from services.db.demo import load_demo_district
from services.db.store import Store
from services.district.registry import export_devices, import_devices
from services.errors import ConfigError, RefusedFileError
from services.resources import resource
from tests.support.store import HEADER, c01, rows


def registry(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    devices = rows(
        store,
        "SELECT id, kind, name, community_code, grid_code, lon, lat, reporting_interval_s "
        "FROM devices ORDER BY id",
    )
    return devices, rows(store, "SELECT device_id, camera_id FROM device_cameras ORDER BY 1, 2")


def test_demo_devices_load_fast_and_once(store: Store) -> None:
    began = time.perf_counter()
    added = load_demo_district(store)  # the fixture left the devices out
    took = time.perf_counter() - began
    assert load_demo_district(store) == 0
    kinds = dict(rows(store, "SELECT kind, count(*) FROM devices GROUP BY kind"))
    assert kinds["camera"] == 84 and kinds["eagle_eye"] == 8
    assert kinds["nonmotor_probe"] == kinds["storefront_probe"] == 20
    assert 200 <= kinds["elevator"] <= 500 and 200 <= kinds["arc_fault"] <= 500
    assert added == sum(kinds.values()) + rows(store, "SELECT count(*) FROM device_cameras")[0][0]
    # every device lies in its community's cell; elevators show their community's camera
    assert rows(
        store,
        "SELECT count(*) FROM devices d JOIN communities c ON c.code = d.community_code "
        "WHERE d.grid_code IS NULL OR d.grid_code <> c.grid_code",
    ) == [(0,)]
    assert rows(store, "SELECT camera_id FROM device_cameras WHERE device_id = 'EL-0101'") == [
        ("CAM-001",)
    ]
    assert rows(store, "SELECT count(*) FROM cameras") == [(92,)]
    assert took < 2.0


def test_round_trip_csv_and_geojson(store: Store, tmp_path: Path) -> None:
    result = import_devices(store, resource("demo", "devices.csv"))
    assert (result.added, result.updated) == (result.devices, 0) and result.devices > 800
    before = registry(store)
    for name in ("registry.csv", "registry.geojson", "registry.json"):
        assert export_devices(store, tmp_path / name) == result.devices
        with store.transaction() as tx:
            tx.conn.execute(text("DELETE FROM device_cameras"))
            tx.conn.execute(text("DELETE FROM devices"))
        again = import_devices(store, tmp_path / name)
        assert (again.added, again.updated) == (result.devices, 0)
        assert registry(store) == before, name
    feature = json.loads((tmp_path / "registry.geojson").read_text())["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert isinstance(feature["properties"]["camera_ids"], list)


def test_import_upserts_keeps_state_and_replaces_links(store: Store, tmp_path: Path) -> None:
    lon, lat = c01(store)
    path = tmp_path / "d.csv"
    path.write_text(f"{HEADER}\nEL-9001,elevator,一号梯,C01,{lon},{lat},CAM-001;CAM-002,300\n")
    assert import_devices(store, path).added == 1
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE devices SET online = true WHERE id = 'EL-9001'"))
    path.write_text(f"{HEADER}\nEL-9001,elevator,二号梯,C01,{lon},{lat},CAM-003,60\n")
    assert import_devices(store, path).updated == 1
    assert rows(store, "SELECT name, online, grid_code, reporting_interval_s FROM devices") == [
        ("二号梯", True, "G11", 60)
    ]
    assert rows(store, "SELECT camera_id FROM device_cameras") == [("CAM-003",)]


def test_mobile_devices_need_no_place(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(f"{HEADER}\nMB-01,mobile,执法记录仪1,,,,,\n")
    import_devices(store, path)
    assert rows(store, "SELECT id, grid_code, lon FROM devices") == [("MB-01", None, None)]


BAD_LINES = [
    ("EL-9002,lift,梯,C01,{lon},{lat},CAM-001,300", "unknown kind 'lift'"),
    ("EL-9002,elevator,梯,C01,abc,{lat},CAM-001,300", "bad lon 'abc'"),
    ("EL-9002,elevator,梯,C01,{lon},95,CAM-001,300", "bad lat '95'"),
    ("EL-9002,elevator,梯,C01,,,CAM-001,300", "missing coordinates"),
    ("EL-9002,elevator,梯,C01,{lon},,CAM-001,300", "lon and lat go together"),
    ("EL-9002,elevator,梯,C01,120.5,31.0,CAM-001,300", "point (lon 120.5, lat 31.0) is outside"),
    ("EL-9002,elevator,梯,C99,{lon},{lat},CAM-001,300", "unknown community 'C99'"),
    ("EL-9002,elevator,梯,C01,{lon},{lat},CAM-001;CAM-999,300", "unknown camera CAM-999"),
    ("EL-9001,elevator,梯,C01,{lon},{lat},CAM-001,300", "duplicate id EL-9001 (first at line 3)"),
    ("EL-9002,elevator,,C01,{lon},{lat},CAM-001,300", "missing name"),
    ("EL-9002,elevator,梯,C01,{lon},{lat},CAM-001,-5", "bad reporting_interval_s '-5'"),
    ("EL 9002,elevator,梯,C01,{lon},{lat},CAM-001,300", "must be 1-64 letters, digits"),
    ("EL-9002,elevator,梯,C01,{lon}", "5 fields, the header has 8"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_bad_csv_line_refuses_the_whole_file(
    store: Store, tmp_path: Path, line: str, reason: str
) -> None:
    lon, lat = c01(store)
    good = f"EL-9001,elevator,一号梯,C01,{lon},{lat},CAM-001,300"
    path = tmp_path / "bad.csv"
    later = f"EL-9003,elevator,三号梯,C01,{lon},{lat},CAM-001,300"
    path.write_text(f"# a comment\n{HEADER}\n{good}\n{line.format(lon=lon, lat=lat)}\n{later}\n")
    with pytest.raises(RefusedFileError) as err:
        import_devices(store, path)
    message = str(err.value)
    assert message.startswith("bad.csv: nothing imported, 1 problem: line 4 (")
    assert reason in message
    assert rows(store, "SELECT count(*) FROM devices") == [(0,)]


def test_every_problem_is_listed(store: Store, tmp_path: Path) -> None:
    lon, lat = c01(store)
    path = tmp_path / "bad.csv"
    path.write_text(
        f"{HEADER}\nA,lift,x,C01,{lon},{lat},,\nB,elevator,x,C99,{lon},{lat},,\n"
        f"C,elevator,x,C01,{lon},{lat},,\nD,elevator,x,C01,1,1,,\nE,elevator,x,C01,2,2,,\n"
    )
    with pytest.raises(RefusedFileError) as err:
        import_devices(store, path)
    assert [p.split(":")[0] for p in err.value.problems] == [
        "line 2 (A)",
        "line 3 (B)",
        "line 5 (D)",
        "line 6 (E)",
    ]
    assert "4 problems" in str(err.value) and str(err.value).endswith("and 1 more")


def test_bad_header(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,kind,name,community,lon,lat,camera\n")
    with pytest.raises(RefusedFileError, match=r"line 1: unknown columns \['camera'\]"):
        import_devices(store, path)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"properties": {"kind": "lift"}}, "unknown kind 'lift'"),
        ({"geometry": {"type": "Point", "coordinates": [1.0, 1.0]}}, "outside the district"),
        ({"geometry": {"type": "LineString", "coordinates": [[1, 1], [2, 2]]}}, "must be a Point"),
        ({"geometry": None}, "missing coordinates"),
        ({"properties": {"camera_ids": "CAM-001"}}, "camera_ids must be a list"),
        ({"properties": {"id": "EL-9001"}}, "duplicate id EL-9001 (first at features[0])"),
    ],
)
def test_bad_geojson_feature_refuses_the_whole_file(
    store: Store, tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    lon, lat = c01(store)

    def feature(did: str) -> dict[str, object]:
        props = {"id": did, "kind": "elevator", "name": "梯", "community": "C01"}
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {**props, "camera_ids": ["CAM-001"], "reporting_interval_s": 300},
        }

    bad = feature("EL-9002")
    for key, value in change.items():
        bad[key] = (
            {**bad[key], **value} if isinstance(value, dict) and key == "properties" else value
        )  # type: ignore[dict-item]
    fc = {"type": "FeatureCollection", "features": [feature("EL-9001"), bad, feature("EL-9003")]}
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(fc, ensure_ascii=False))
    with pytest.raises(RefusedFileError) as err:
        import_devices(store, path)
    assert str(err.value).startswith("bad.geojson: nothing imported, 1 problem: features[1] (")
    assert reason in str(err.value)
    assert rows(store, "SELECT count(*) FROM devices") == [(0,)]


def test_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown format \.xlsx: use \.csv, \.geojson or \.json"):
        export_devices(store, tmp_path / "devices.xlsx")
    with pytest.raises(ConfigError, match="cannot read"):
        import_devices(store, tmp_path / "missing.csv")


def test_a_kind_changes_only_when_asked_and_is_audited(store: Store, tmp_path: Path) -> None:
    lon, lat = c01(store)
    path = tmp_path / "d.csv"
    path.write_text(f"{HEADER}\nEL-9100,elevator,梯,C01,{lon},{lat},,300\n", encoding="utf-8")
    import_devices(store, path)
    path.write_text(f"{HEADER}\nEL-9100,arc_fault,梯,C01,{lon},{lat},,300\n", encoding="utf-8")
    with pytest.raises(RefusedFileError) as refused:
        import_devices(store, path)
    assert refused.value.problems == [
        "device EL-9100 is registered as elevator, the file says arc_fault",
        "a device's kind changes only with --change-kinds",
    ]
    assert rows(store, "SELECT kind FROM devices WHERE id = 'EL-9100'") == [("elevator",)]
    import_devices(store, path, change_kinds=True)
    assert rows(store, "SELECT kind FROM devices WHERE id = 'EL-9100'") == [("arc_fault",)]
    assert rows(store, "SELECT action, subject FROM audit_log WHERE action = 'device.kind'") == [
        ("device.kind", "EL-9100")
    ]
