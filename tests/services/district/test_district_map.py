"""The map's records from the store: cells with holes and exclaves, devices with
their community, and a device's card (newest alerts, linked cameras)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from services.db.models import Alarm, Alert, Device, device_cameras, table_of
from services.db.store import Store
from services.district.map import RECENT_ALERTS, device_details, load_district_map

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def add_devices(store: Store) -> None:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {"id": "EL-0231", "kind": "elevator", "name": "8号楼1号梯", "grid_code": "G11"}
                | {"community_code": "C01", "lon": 121.4823, "lat": 31.4104, "online": True},
                {"id": "AF-1102", "kind": "arc_fault", "name": "配电箱", "grid_code": "G12"}
                | {"community_code": None, "lon": 121.49, "lat": 31.40, "online": None},
                {"id": "MOB-7", "kind": "mobile", "name": "巡查终端", "grid_code": None}
                | {"community_code": None, "lon": None, "lat": None, "online": False},
            ],
        )
        tx.conn.execute(
            insert(device_cameras),
            [
                {"device_id": "EL-0231", "camera_id": "CAM-002"},
                {"device_id": "EL-0231", "camera_id": "CAM-001"},
            ],
        )


def test_cells_keep_holes_and_exclaves_and_devices_their_community(store: Store) -> None:
    add_devices(store)
    district = load_district_map(store)
    cells = {c.code: c for c in district.cells}
    assert sorted(cells) == [f"G{b}{c}" for b in (1, 2, 3) for c in (1, 2, 3)]
    g13, g23 = cells["G13"], cells["G23"]
    assert (g13.block_code, g13.block_name) == ("B1", "长滩街区")
    assert [len(p) for p in g13.polygons] == [2]  # an outer ring and its hole
    assert len(g23.polygons) == 2  # the exclave is a second polygon
    assert all(ring[0] == ring[-1] for p in g13.polygons for ring in p)
    lon, lat = g13.polygons[0][0][0]
    assert 121.0 < lon < 122.0 and 31.0 < lat < 32.0  # (lon, lat), not swapped
    devices = {d.id: d for d in district.devices}
    assert sorted(devices) == ["AF-1102", "EL-0231"]  # no place, not on the map
    el = devices["EL-0231"]
    assert (el.kind, el.grid, el.community, el.community_name) == (
        "elevator",
        "G11",
        "C01",
        "长滩一期",
    )
    assert (el.lon, el.lat) == (121.4823, 31.4104)
    assert devices["AF-1102"].community_name is None


def add_alerts(store: Store, n: int) -> int:
    with store.transaction() as tx:
        alarm_id = tx.conn.execute(
            insert(table_of(Alarm)).returning(table_of(Alarm).c.id),
            [
                {
                    "alarm_key": "EL-0231:trapped_passenger",
                    "device_id": "EL-0231",
                    "alarm_type": "trapped_passenger",
                    "severity": 4,
                    "state": "active_unack",
                    "is_open": True,
                    "first_seen": T0,
                    "last_seen": T0,
                    "grid_code": "G11",
                }
            ],
        ).scalar_one()
        tx.conn.execute(
            insert(table_of(Alert)),
            [
                {
                    "event_key": f"e{i}",
                    "device_id": "EL-0231",
                    "kind": "elevator",
                    "alert_type": "trapped_passenger" if i % 2 else "door_fault",
                    "severity": 4 if i % 2 else 2,
                    # stored out of time order: the card sorts them
                    "occurred_at": T0 + timedelta(minutes=(i * 7) % n),
                    "received_at": T0 + timedelta(minutes=(i * 7) % n, seconds=1),
                    "alarm_id": alarm_id if i % 2 else None,
                    "payload": {},
                }
                for i in range(n)
            ],
        )
    return int(alarm_id)


def test_a_device_card_has_its_newest_alerts_and_linked_cameras(store: Store) -> None:
    add_devices(store)
    alarm_id = add_alerts(store, 25)
    card = device_details(store, "EL-0231")
    assert card is not None and card.device is not None
    assert (card.id, card.kind, card.name) == ("EL-0231", "elevator", "8号楼1号梯")
    assert card.online is True
    assert card.device.community_name == "长滩一期"
    assert len(card.alerts) == RECENT_ALERTS == 20
    times = [a.at for a in card.alerts]
    assert times == sorted(times, reverse=True)
    assert times[0] == T0 + timedelta(minutes=24) and times[-1] == T0 + timedelta(minutes=5)
    trapped = [a for a in card.alerts if a.alert_type == "trapped_passenger"]
    assert trapped and all(
        (a.label, a.severity, a.alarm_id) == ("电梯困人", 4, alarm_id) for a in trapped
    )
    assert [(c.id, c.name) for c in card.cameras] == [
        ("CAM-001", "长滩一期主出入口"),
        ("CAM-002", "长滩二期主出入口"),
    ]
    english = device_details(store, "EL-0231", lang="en")
    assert english is not None and "Passenger trapped" in {a.label for a in english.alerts}


def test_a_card_for_a_device_without_place_alerts_or_cameras(store: Store) -> None:
    add_devices(store)
    card = device_details(store, "MOB-7")
    assert card is not None
    assert (card.device, card.alerts, card.cameras, card.kind) == (None, (), (), "mobile")
    assert device_details(store, "NO-SUCH") is None
