"""The devices a simulation drives: from the registry, or a made-up fleet."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass

from sqlalchemy import select

from services.alerts.messages import DeviceKind
from services.db.models import Device, table_of
from services.db.store import Store

log = logging.getLogger(__name__)

DISTRICT_CENTRE = (121.487, 31.405)  # 友谊路街道, Baoshan (approximate)


@dataclass(frozen=True, slots=True)
class SimDevice:
    id: str
    kind: DeviceKind
    lon: float | None = None
    lat: float | None = None
    community: str | None = None


def devices_from_store(store: Store) -> list[SimDevice]:
    """The registry's devices of the kinds the simulator knows, by id."""
    d = table_of(Device)
    query = select(d.c.id, d.c.kind, d.c.lon, d.c.lat, d.c.community_code).order_by(d.c.id)
    with store.reading() as conn:
        rows = conn.execute(query).all()
    known = [r for r in rows if r.kind in DeviceKind._value2member_map_]
    if len(known) < len(rows):
        log.warning("%d devices of unknown kinds are not simulated", len(rows) - len(known))
    return [SimDevice(r.id, DeviceKind(r.kind), r.lon, r.lat, r.community_code) for r in known]


def synthetic_fleet(scale: int = 1) -> list[SimDevice]:
    """A made-up fleet (ids ``SIM-...``) for when the registry is empty."""
    counts = {
        DeviceKind.CAMERA: 12,
        DeviceKind.ELEVATOR: 30,
        DeviceKind.ARC_FAULT: 60,
        DeviceKind.EAGLE_EYE: 4,
        DeviceKind.NONMOTOR_PROBE: 6,
        DeviceKind.STOREFRONT_PROBE: 6,
        DeviceKind.MOBILE: 4,
    }
    prefix = {
        DeviceKind.CAMERA: "CAM",
        DeviceKind.ELEVATOR: "EL",
        DeviceKind.ARC_FAULT: "AF",
        DeviceKind.EAGLE_EYE: "EE",
        DeviceKind.NONMOTOR_PROBE: "NM",
        DeviceKind.STOREFRONT_PROBE: "SF",
        DeviceKind.MOBILE: "MB",
    }
    rng = random.Random(0)
    lon0, lat0 = DISTRICT_CENTRE
    return [
        SimDevice(
            f"SIM-{prefix[k]}-{i:04d}",
            k,
            round(lon0 + rng.uniform(-0.012, 0.012), 6),
            round(lat0 + rng.uniform(-0.01, 0.01), 6),
            f"SIM-C{i % 12:02d}",
        )
        for k, n in counts.items()
        for i in range(1, n * scale + 1)
    ]
