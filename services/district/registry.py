"""The device registry: import from and export to CSV or GeoJSON files.

Import checks the whole file before writing anything: each record on its own
(``services.district.registry_files``), then against the district: no id twice, the
community and the cameras registered, the point inside a grid cell (which also
gives the device its ``grid_code``).  Any problem refuses the whole file, with
the line (CSV) or feature index (GeoJSON) and the reason.  A good file is
written in one transaction, devices upserted by id (their camera links
replaced; online state and last-seen kept).  Devices not in the file stay.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from services import audit
from services.alerts.messages import DeviceKind
from services.db import bulk
from services.db.models import Camera, Community, Device, device_cameras, table_of
from services.db.store import Store
from services.district.geo import GridIndex
from services.district.grids import load_grid_index
from services.district.registry_files import DeviceFile, DeviceRecord, read_devices, write_devices
from services.domain import SYSTEM, Actor, Change
from services.errors import RefusedFileError, ValidationError

log = logging.getLogger(__name__)
_devices = table_of(Device)


@dataclass(frozen=True, slots=True)
class DeviceImport:
    """What ``import_devices`` did."""

    devices: int
    added: int
    updated: int


@dataclass(frozen=True, slots=True)
class Placed:
    """A checked record with the grid cell it lies in."""

    record: DeviceRecord
    grid_code: str | None

    def row(self) -> dict[str, Any]:
        r = self.record
        return {
            "id": r.id,
            "kind": r.kind.value,
            "name": r.name,
            "community_code": r.community,
            "grid_code": self.grid_code,
            "lon": r.lon,
            "lat": r.lat,
            "reporting_interval_s": r.reporting_interval_s,
        }


def import_devices(
    store: Store,
    path: Path,
    actor: Actor = SYSTEM,
    *,
    change_kinds: bool = False,
) -> DeviceImport:
    """Upsert the file's devices, or refuse the whole file.  A registered device
    whose kind the file changes (an elevator becoming an arc-fault sensor: its
    alarms, rules and orders change meaning) is refused unless ``change_kinds``;
    each change made is audited."""
    found = read_devices(path)
    with store.transaction() as tx:
        placed = check_devices(tx.conn, found)
        changed = _kind_changes(tx.conn, placed)
        if changed and not change_kinds:
            problems = [f"device {d} is registered as {was}, the file says {new}"
                        for d, was, new in changed]  # fmt: skip
            problems.append("a device's kind changes only with --change-kinds")
            raise RefusedFileError(path.name, problems)
        for device_id, was, new in changed:
            audit.append(
                tx.conn, datetime.now(UTC), actor, "device.kind",
                device_id, {"from": was, "to": new, "file": path.name},
            )  # fmt: skip
        added, updated = bulk.upsert(tx.conn, _devices, "id", [p.row() for p in placed])
        link_cameras(tx.conn, placed, replace=True)
        detail = {"file": path.name, "devices": len(placed), "added": added, "updated": updated}
        audit.append(tx.conn, datetime.now(UTC), actor, "devices.import", path.name[:96], detail)
        tx.notify(Change("devices", 0, 0, "imported", actor.console))
    log.info("%s: %d devices imported (%d added)", path.name, len(placed), added)
    return DeviceImport(len(placed), added, updated)


def _kind_changes(conn: Connection, placed: list[Placed]) -> list[tuple[str, str, str]]:
    """(device, registered kind, kind in the file) of each device the file re-kinds."""
    wanted = {p.record.id: p.record.kind.value for p in placed}
    changes = []
    for part in bulk.chunks(sorted(wanted)):
        rows = conn.execute(select(_devices.c.id, _devices.c.kind).where(_devices.c.id.in_(part)))
        changes += [(d, k, wanted[d]) for d, k in rows if k != wanted[d]]
    return sorted(changes)


def export_devices(store: Store, path: Path) -> int:
    """Write every registered device to the file (format by extension)."""
    with store.reading() as conn:
        records = registered_devices(conn)
    return write_devices(path, records)


def registered_devices(conn: Connection) -> list[DeviceRecord]:
    """The registry as records, by id."""
    links: dict[str, list[str]] = {}
    for device_id, camera_id in conn.execute(
        select(device_cameras.c.device_id, device_cameras.c.camera_id).order_by(
            device_cameras.c.device_id, device_cameras.c.camera_id
        )
    ):
        links.setdefault(device_id, []).append(camera_id)
    d = _devices
    rows = conn.execute(
        select(
            d.c.id,
            d.c.kind,
            d.c.name,
            d.c.community_code,
            d.c.lon,
            d.c.lat,
            d.c.reporting_interval_s,
        ).order_by(d.c.id)
    ).all()
    strange = [r.id for r in rows if r.kind not in DeviceKind._value2member_map_]
    if strange:
        raise ValidationError(
            f"devices of unknown kinds cannot be exported: {', '.join(strange[:5])}"
        )
    return [
        DeviceRecord(
            id=r.id,
            kind=DeviceKind(r.kind),
            name=r.name,
            community=r.community_code,
            lon=r.lon,
            lat=r.lat,
            camera_ids=tuple(links.get(r.id, ())),
            reporting_interval_s=r.reporting_interval_s,
        )
        for r in rows
    ]


def check_devices(conn: Connection, found: DeviceFile) -> list[Placed]:
    """Check the records against the district in the store; RefusedFileError
    listing every problem of the file, else each record with its grid cell."""
    communities = set(conn.execute(select(table_of(Community).c.code)).scalars())
    cameras = set(conn.execute(select(table_of(Camera).c.id)).scalars())
    return place_devices(found, load_grid_index(conn), communities, cameras)


def place_devices(
    found: DeviceFile, index: GridIndex, communities: set[str], cameras: set[str]
) -> list[Placed]:
    """Check the records against a district's cells, communities and cameras."""
    entries = found.entries
    problems: list[tuple[int, str]] = []
    first: dict[str, str] = {}
    placed: list[Placed] = []
    nan = math.nan  # no coordinates: no cell
    places = index.locate_many(
        [nan if e.record.lon is None else e.record.lon for e in entries],
        [nan if e.record.lat is None else e.record.lat for e in entries],
    )
    for e, place in zip(entries, places, strict=True):
        r = e.record
        if r.id in first:
            problems.append((e.order, f"{e.label}: duplicate id {r.id} (first at {first[r.id]})"))
            continue
        first[r.id] = e.where
        if r.community is not None and r.community not in communities:
            problems.append((e.order, f"{e.label}: unknown community {r.community!r}"))
        unknown = [c for c in r.camera_ids if c not in cameras]
        if unknown:
            problems.append((e.order, f"{e.label}: unknown camera {', '.join(unknown)}"))
        if r.lon is not None and place is None:
            outside = f"point (lon {r.lon}, lat {r.lat}) is outside the district"
            problems.append((e.order, f"{e.label}: {outside} (no grid cell covers it)"))
        placed.append(Placed(r, place.grid_code if place else None))
    found.refuse(problems)
    return placed


def link_cameras(conn: Connection, placed: Iterable[Placed], *, replace: bool) -> int:
    """Write the device → camera links (replacing the devices' old ones);
    returns how many."""
    items = list(placed)
    if replace:
        for part in bulk.chunks([p.record.id for p in items]):
            conn.execute(delete(device_cameras).where(device_cameras.c.device_id.in_(part)))
    links = [{"device_id": p.record.id, "camera_id": c} for p in items for c in p.record.camera_ids]
    if links:
        conn.execute(insert(device_cameras), links)
    return len(links)
