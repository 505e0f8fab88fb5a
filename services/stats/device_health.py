"""Device health: online / offline by kind and community, the devices silent
longer than their reporting interval, and the elevators with the most faults."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from services.db.models import Alert, Community, Device, table_of
from services.db.store import Store
from services.domain import DeviceFaults

_d = table_of(Device)
_a = table_of(Alert)
_c = table_of(Community)
#: Elevator alert types that are faults of the lift (an e-bike entering is not).
ELEVATOR_FAULTS = ("door_fault", "over_speed", "trapped_passenger")


@dataclass(frozen=True, slots=True)
class HealthCount:
    kind: str
    community: str | None
    online: int
    offline: int  # offline or never heard from


@dataclass(frozen=True, slots=True)
class SilentDevice:
    id: str
    kind: str
    last_seen: datetime | None
    interval_s: int


def health_by_kind(store: Store, grids: Collection[str] | None = None) -> list[HealthCount]:
    q = select(_d.c.kind, _d.c.community_code, _d.c.online, func.count()).group_by(
        _d.c.kind, _d.c.community_code, _d.c.online
    )
    if grids is not None:
        q = q.where(_d.c.grid_code.in_(sorted(grids)))
    table: dict[tuple[str, str | None], list[int]] = {}
    with store.reading() as conn:
        for kind, community, online, n in conn.execute(q):
            table.setdefault((kind, community), [0, 0])[0 if online else 1] += int(n)
    return [
        HealthCount(k, c, on, off)
        for (k, c), (on, off) in sorted(table.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    ]


def silent_devices(store: Store, now: datetime) -> list[SilentDevice]:
    """Devices with a reporting interval not heard from for longer than it, the
    longest silent first (the registry is thousands of rows: filtered here)."""
    q = select(_d.c.id, _d.c.kind, _d.c.last_seen, _d.c.reporting_interval_s).where(
        _d.c.reporting_interval_s.is_not(None)
    )
    with store.reading() as conn:
        rows = conn.execute(q).all()
    silent = [
        SilentDevice(r.id, r.kind, r.last_seen, int(r.reporting_interval_s))
        for r in rows
        if r.last_seen is None or now - r.last_seen > timedelta(seconds=r.reporting_interval_s)
    ]
    floor = datetime.min.replace(tzinfo=now.tzinfo)
    return sorted(silent, key=lambda d: (d.last_seen or floor, d.id))


def elevator_faults(
    store: Store,
    since: datetime,
    until: datetime,
    grids: Collection[str] | None = None,
    limit: int = 10,
) -> list[DeviceFaults]:
    """The elevators with the most fault alerts received in ``[since, until)``,
    most first (ties by id), with their names and communities."""
    n = func.count().label("n")
    counted = (
        select(_a.c.device_id, n)
        .where(
            _a.c.kind == "elevator",
            _a.c.alert_type.in_(ELEVATOR_FAULTS),
            _a.c.received_at >= since,
            _a.c.received_at < until,
        )
        .group_by(_a.c.device_id)
    )
    if grids is not None:
        counted = counted.where(_a.c.grid_code.in_(sorted(grids)))
    top = counted.order_by(n.desc(), _a.c.device_id).limit(limit).subquery()
    q = (
        select(top.c.device_id, top.c.n, _d.c.name, _c.c.name.label("community"))
        .outerjoin(_d, _d.c.id == top.c.device_id)
        .outerjoin(_c, _c.c.code == _d.c.community_code)
        .order_by(top.c.n.desc(), top.c.device_id)
    )
    with store.reading() as conn:
        return [
            DeviceFaults(str(r.device_id), str(r.name or ""), str(r.community or ""), int(r.n))
            for r in conn.execute(q)
        ]
