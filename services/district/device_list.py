"""The device registry as the administration screen shows it (each device with
its grid cell, cameras and whether it reports now), and one device edited.

An edit is a one-record import: the device's record, changed, is written to a
file named after it and given to ``registry.import_devices``, the function of
``youyi-console devices import``: the same checks (a name, the point inside the
district, the interval in whole seconds) and the same audit entry."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from sqlalchemy import select

from services.db.models import Device, device_cameras, table_of
from services.db.store import Store
from services.district.registry import DeviceImport, import_devices, registered_devices
from services.district.registry_files import write_devices
from services.domain import Actor
from services.domain.admin import RegisteredDevice
from services.errors import NotFoundError

_devices = table_of(Device)


def list_devices(store: Store) -> list[RegisteredDevice]:
    """Every registered device, by id."""
    d = _devices.c
    with store.reading() as conn:
        links: dict[str, list[str]] = {}
        for device_id, camera_id in conn.execute(
            select(device_cameras.c.device_id, device_cameras.c.camera_id).order_by(
                device_cameras.c.camera_id
            )
        ):
            links.setdefault(device_id, []).append(camera_id)
        rows = conn.execute(
            select(d.id, d.kind, d.name, d.community_code, d.grid_code, d.lon, d.lat)
            .add_columns(d.reporting_interval_s, d.online, d.last_seen)
            .order_by(d.id)
        ).all()
    return [
        RegisteredDevice(
            id=r.id,
            kind=r.kind,
            name=r.name,
            community=r.community_code,
            grid=r.grid_code,
            lon=r.lon,
            lat=r.lat,
            reporting_interval_s=r.reporting_interval_s,
            camera_ids=tuple(links.get(r.id, ())),
            online=r.online,
            last_seen=r.last_seen,
        )
        for r in rows
    ]


def edit_device(
    store: Store,
    device_id: str,
    name: str,
    lon: float | None,
    lat: float | None,
    reporting_interval_s: int | None,
    actor: Actor,
) -> DeviceImport:
    """Give a registered device a new name, place or reporting interval, as a
    one-record import (checked and audited as any import)."""
    with store.reading() as conn:
        found = [r for r in registered_devices(conn) if r.id == device_id]
    if not found:
        raise NotFoundError(f"no device {device_id!r}")
    record = dataclasses.replace(
        found[0], name=name, lon=lon, lat=lat, reporting_interval_s=reporting_interval_s
    )
    with tempfile.TemporaryDirectory(prefix="youyi-device-edit-") as folder:
        path = Path(folder, f"{device_id}.csv")
        write_devices(path, [record])
        return import_devices(store, path, actor)
