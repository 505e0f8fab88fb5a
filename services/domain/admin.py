"""What the administration screens list: accounts and registered devices, as
plain records (the widgets show them; the services read and change them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.domain.people import Role


@dataclass(frozen=True, slots=True)
class Account:
    """A user account as an administrator sees it."""

    login: str
    name: str
    role: Role
    grids: tuple[str, ...]  # a supervisor's grid cells, in order
    unit: str | None  # an officer's unit
    active: bool  # False: disabled, cannot sign in
    locked: bool  # too many wrong passwords: an administrator unlocks it


@dataclass(frozen=True, slots=True)
class NewAccount:
    """An account to add, as the add dialog gathers it."""

    login: str
    name: str
    role: Role
    password: str
    grids: tuple[str, ...] = ()
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class RegisteredDevice:
    """A device of the registry, with its place and whether it reports now."""

    id: str
    kind: str
    name: str
    community: str | None
    grid: str | None
    lon: float | None
    lat: float | None
    reporting_interval_s: int | None
    camera_ids: tuple[str, ...]
    online: bool | None  # None: never heard from
    last_seen: datetime | None
