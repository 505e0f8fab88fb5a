"""The district as the widgets draw it: grid cells, devices on the map, a
device's card, the cameras of the wall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: A ring of a polygon: (lon, lat) points, the first repeated last.
Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class MapCell:
    code: str
    name: str
    block_code: str
    block_name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes


@dataclass(frozen=True, slots=True)
class MapDevice:
    id: str
    kind: str
    name: str
    lon: float
    lat: float
    grid: str | None
    community: str | None  # the community's code
    community_name: str | None = None


@dataclass(frozen=True, slots=True)
class DistrictMap:
    cells: tuple[MapCell, ...]
    devices: tuple[MapDevice, ...]


@dataclass(frozen=True, slots=True)
class DeviceAlert:
    """One alert of a device, for its card: when, what, how bad, which alarm."""

    at: datetime
    alert_type: str
    label: str  # the type's name in the UI language
    severity: int
    alarm_id: int | None


@dataclass(frozen=True, slots=True)
class LinkedCamera:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class DeviceDetails:
    device: MapDevice | None  # None: the device has no place on the map
    id: str
    kind: str
    name: str
    online: bool | None
    last_seen: datetime | None
    alerts: tuple[DeviceAlert, ...]  # newest first, at most RECENT_ALERTS
    cameras: tuple[LinkedCamera, ...]


@dataclass(frozen=True, slots=True)
class CameraEntry:
    id: str
    name: str
    community_code: str | None
    community_name: str | None
    grid_code: str | None
    grid_name: str | None
    block_code: str | None
    block_name: str | None
    main_url: str
    sub_url: str  # the sub stream, or the main stream when the camera has none
