"""What the nine-grid map draws, as plain records: the grid cells' outlines
(holes and multipolygons kept) and the devices with their places; and, for a
click on a device, its details card (recent alerts, linked cameras)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select

from services.alerts.alert_types import AlertTypes
from services.db.models import (
    Alert,
    Block,
    Camera,
    Community,
    Device,
    GridCell,
    device_cameras,
    table_of,
)
from services.db.store import Store
from services.domain.district import (
    DeviceAlert,
    DeviceDetails,
    DistrictMap,
    LinkedCamera,
    MapCell,
    MapDevice,
    Ring,
)

RECENT_ALERTS = 20

_blocks, _cells, _devices = table_of(Block), table_of(GridCell), table_of(Device)
_communities, _cameras, _alerts = table_of(Community), table_of(Camera), table_of(Alert)


def load_district_map(store: Store) -> DistrictMap:
    with store.reading() as conn:
        cells = conn.execute(
            select(_cells.c.code, _cells.c.name, _cells.c.block_code, _blocks.c.name)
            .add_columns(_cells.c.geometry)
            .join(_blocks, _blocks.c.code == _cells.c.block_code)
            .order_by(_cells.c.code)
        ).all()
        devices = conn.execute(
            _device_query().where(_devices.c.lon.is_not(None), _devices.c.lat.is_not(None))
        ).all()
    return DistrictMap(
        tuple(MapCell(c[0], c[1], c[2], c[3], polygons_of(c[4])) for c in cells),
        tuple(_map_device(d) for d in devices),
    )


def device_details(
    store: Store, device_id: str, *, types: AlertTypes | None = None, lang: str = "zh_CN"
) -> DeviceDetails | None:
    """The device's card: None if the registry does not know it."""
    types = types or AlertTypes.load()
    with store.reading() as conn:
        row = conn.execute(_device_query().where(_devices.c.id == device_id)).first()
        if row is None:
            return None
        alerts = conn.execute(
            select(_alerts.c.occurred_at, _alerts.c.alert_type, _alerts.c.severity)
            .add_columns(_alerts.c.alarm_id)
            .where(_alerts.c.device_id == device_id)
            .order_by(_alerts.c.occurred_at.desc(), _alerts.c.id.desc())
            .limit(RECENT_ALERTS)
        ).all()
        cameras = conn.execute(
            select(_cameras.c.id, _cameras.c.name)
            .join(device_cameras, device_cameras.c.camera_id == _cameras.c.id)
            .where(device_cameras.c.device_id == device_id)
            .order_by(_cameras.c.id)
        ).all()
    kind = row[1]
    return DeviceDetails(
        device=_map_device(row) if row[3] is not None and row[4] is not None else None,
        id=row[0],
        kind=kind,
        name=row[2],
        online=row[8],
        last_seen=row[9],
        alerts=tuple(
            DeviceAlert(a[0], a[1], types.label(kind, a[1], lang), a[2], a[3]) for a in alerts
        ),
        cameras=tuple(LinkedCamera(c[0], c[1]) for c in cameras),
    )


def _device_query() -> Select[*tuple[Any, ...]]:
    d = _devices.c
    return (
        select(d.id, d.kind, d.name, d.lon, d.lat, d.grid_code, d.community_code)
        .add_columns(_communities.c.name, d.online, d.last_seen)
        .outerjoin(_communities, _communities.c.code == d.community_code)
        .order_by(d.id)
    )


def _map_device(d: Sequence[Any]) -> MapDevice:  # a row of _device_query
    return MapDevice(d[0], d[1], d[2], float(d[3]), float(d[4]), d[5], d[6], d[7])


def polygons_of(geometry: str | None) -> tuple[tuple[Ring, ...], ...]:
    if not geometry:
        return ()
    raw = json.loads(geometry)
    parts = [raw["coordinates"]] if raw["type"] == "Polygon" else raw["coordinates"]
    return tuple(
        tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in polygon)
        for polygon in parts
    )
