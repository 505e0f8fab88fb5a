"""What a device message becomes once parsed: plain frozen records.

Topic layout ``{site}/{kind}/{device_id}/{channel}``, channels ``event``,
``telemetry`` and ``status``.  ``services.alerts.parse`` turns (topic, bytes)
into exactly one of these; nothing raises out of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class DeviceKind(StrEnum):
    CAMERA = "camera"  # 小区物业探头
    ELEVATOR = "elevator"  # 智慧云梯
    ARC_FAULT = "arc_fault"  # 电气灭弧
    EAGLE_EYE = "eagle_eye"  # 鹰眼
    NONMOTOR_PROBE = "nonmotor_probe"  # 非机动车整治
    STOREFRONT_PROBE = "storefront_probe"  # 跨门经营治理
    MOBILE = "mobile"  # 移动取证 (officers' handsets: position in the payload)


class Channel(StrEnum):
    EVENT = "event"
    TELEMETRY = "telemetry"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class Topic:
    site: str
    kind: DeviceKind
    device_id: str
    channel: Channel

    def __str__(self) -> str:
        return f"{self.site}/{self.kind.value}/{self.device_id}/{self.channel.value}"


#: A site or a device id as a topic carries it: one rule for the parser (which
#: refuses any other) and the registry (which must not accept what ingest refuses).
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
NAME_RULE = "1-64 letters, digits, '.', '_' or '-' starting with a letter or digit"


@dataclass(frozen=True, slots=True)
class AlertIn:
    """One event from a device.

    ``event_key`` is the device's own event id, or a stable hash of device + type
    + time when the device has none: unique in the store (exactly once).
    ``alert_type`` is the alarm type it reports (e.g. ``ebike_entering``);
    ``clear`` is True for an end-of-event / clear message of that type;
    ``heartbeat`` is True for a periodic inactive event that only says the
    device is alive (it updates last-seen, it is not an alarm).
    Severity: 1 info, 2 minor, 3 major, 4 critical.
    """

    event_key: str
    topic: Topic
    alert_type: str
    severity: int
    occurred_at: datetime
    clear: bool = False
    heartbeat: bool = False
    lon: float | None = None
    lat: float | None = None
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def device_id(self) -> str:
        return self.topic.device_id

    @property
    def alarm_key(self) -> str:
        return f"{self.topic.device_id}:{self.alert_type}"


@dataclass(frozen=True, slots=True)
class TelemetryIn:
    topic: Topic
    at: datetime
    values: dict[str, float]


@dataclass(frozen=True, slots=True)
class StatusIn:
    topic: Topic
    online: bool
    at: datetime


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that did not parse or fit its schema: kept with its reason."""

    topic: str
    raw: bytes
    reason: str
    received_at: datetime


Parsed = AlertIn | TelemetryIn | StatusIn | Rejected


@dataclass(frozen=True, slots=True)
class RaisedAlarm:
    """An alarm that has just become active (raised, joined, or out of its hold
    time): what the rules need to act on it."""

    alarm_id: int
    kind: str
    alert_type: str
    device_id: str
    grid: str | None
    community: str | None
    lon: float | None = None
    lat: float | None = None
    source: str = ""  # the alert behind it (topic and event key), for the order
