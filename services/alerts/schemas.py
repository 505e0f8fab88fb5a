"""What each device kind may send, one msgspec schema per kind and channel.

Payloads are JSON objects.  Unknown fields are ignored (newer firmware may add
some); missing, mistyped or out-of-range fields are refused by msgspec with the
field's path.  Times (``ts``) are ISO 8601 with an offset
(``2026-11-23T10:00:00+08:00``) or epoch milliseconds; a time without a zone is
refused.  Events carry ``state`` ``start``/``end`` (``end`` clears), except
property cameras (``active`` + ``count``) and mobile evidence (one-shot).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Literal, get_args, get_type_hints

import msgspec
from msgspec import Meta

from services.alerts.messages import Channel, DeviceKind

log = logging.getLogger(__name__)

MAX_EPOCH_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z

Timestamp = (
    Annotated[datetime, Meta(tz=True, description="ISO 8601 with an offset")]
    | Annotated[int, Meta(ge=0, le=MAX_EPOCH_MS, description="epoch milliseconds")]
)
EventId = (
    Annotated[str, Meta(pattern=r"\A[!-~]{1,64}\Z", description="printable ASCII, no spaces")]
    | Annotated[int, Meta(ge=0, le=2**63 - 1)]
)
Name = Annotated[str, Meta(min_length=1, max_length=64)]
Ref = Annotated[str, Meta(min_length=1, max_length=512, description="URL or store path")]
State = Literal["start", "end"]
Reading = Annotated[float, Meta(ge=0, le=10_000)]
Celsius = Annotated[float, Meta(ge=-40, le=300)]


class Event(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Fields every event has; subclasses narrow ``type``."""

    type: str
    ts: Timestamp
    event_id: EventId | None = None

    def is_clear(self) -> bool:
        return False

    def is_heartbeat(self) -> bool:
        return False

    def position(self) -> tuple[float, float] | None:
        return None


class StatefulEvent(Event, frozen=True, kw_only=True, omit_defaults=True):
    state: State

    def is_clear(self) -> bool:
        return self.state == "end"


class ElevatorEvent(StatefulEvent, frozen=True, kw_only=True, omit_defaults=True):
    """智慧云梯: AI camera and controller in the car."""

    type: Literal["ebike_entering", "trapped_passenger", "door_fault", "over_speed"]
    floor: Annotated[int, Meta(ge=-10, le=200)]
    car_id: Name
    snapshot: Ref | None = None


class ArcFaultEvent(StatefulEvent, frozen=True, kw_only=True, omit_defaults=True):
    """电气灭弧: readings at the moment of the alarm and the threshold crossed."""

    type: Literal["arc_detected", "residual_current_high", "over_temperature"]
    residual_current_ma: Reading
    temperature_c: Celsius
    circuit: Name
    threshold: Annotated[float, Meta(ge=0, le=10_000)]


class ArcFaultTelemetry(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    ts: Timestamp
    residual_current_ma: Reading
    temperature_c: Celsius
    voltage_v: Annotated[float, Meta(ge=0, le=500)] | None = None
    current_a: Annotated[float, Meta(ge=0, le=1_000)] | None = None


class EagleEyeEvent(StatefulEvent, frozen=True, kw_only=True, omit_defaults=True):
    """鹰眼: a high-point PTZ camera; the bearing says where it looked."""

    type: Literal["smoke_fire", "intrusion", "crowd", "street_vending", "garbage_exposed"]
    snapshot: Ref
    bearing_deg: Annotated[float, Meta(ge=0, le=360)]
    tilt_deg: Annotated[float, Meta(ge=-90, le=90)] | None = None
    confidence: Annotated[float, Meta(ge=0, le=1)] | None = None
    count: Annotated[int, Meta(ge=0, le=100_000)] | None = None


class _ProbeEvent(StatefulEvent, frozen=True, kw_only=True, omit_defaults=True):
    zone: Name
    duration_s: Annotated[float, Meta(ge=0, le=7 * 86_400)]
    snapshot: Ref | None = None


class NonmotorProbeEvent(_ProbeEvent, frozen=True, kw_only=True, omit_defaults=True):
    """非机动车整治: bicycles and e-bikes parked where they must not be."""

    type: Literal["illegal_parking", "fire_lane_blocked"]
    count: Annotated[int, Meta(ge=0, le=10_000)] | None = None


class StorefrontProbeEvent(_ProbeEvent, frozen=True, kw_only=True, omit_defaults=True):
    """跨门经营治理: goods or stalls beyond a shop's door line."""

    type: Literal["occupation", "street_vending"]


class CameraEvent(Event, frozen=True, kw_only=True, omit_defaults=True):
    """小区物业探头: ``active`` with the count of triggers since the last report;
    an inactive report with count 0 is only a heartbeat."""

    type: Literal["video_loss", "tamper", "motion"]
    active: bool
    count: Annotated[int, Meta(ge=0, le=1_000_000)]
    channel: Annotated[int, Meta(ge=1, le=256)] | None = None

    def is_clear(self) -> bool:
        return not self.active and self.count > 0

    def is_heartbeat(self) -> bool:
        return not self.active and self.count == 0


class MobileEvent(Event, frozen=True, kw_only=True, omit_defaults=True):
    """移动取证: evidence from an officer's handset, with its own position."""

    type: Literal[
        "illegal_parking", "storefront_occupation", "street_vending", "illegal_dumping", "other"
    ]
    lon: Annotated[float, Meta(ge=-180, le=180)]
    lat: Annotated[float, Meta(ge=-90, le=90)]
    officer_id: Name
    accuracy_m: Annotated[float, Meta(ge=0, le=100_000)] | None = None
    media: Annotated[list[Ref], Meta(max_length=20)] = []
    note: Annotated[str, Meta(max_length=500)] | None = None

    def position(self) -> tuple[float, float] | None:
        return (self.lon, self.lat)


class StatusPayload(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Availability, retained; a last will is often the bare string ``offline``."""

    online: bool
    ts: Timestamp | None = None


EVENT_SCHEMAS: dict[DeviceKind, type[Event]] = {
    DeviceKind.ELEVATOR: ElevatorEvent,
    DeviceKind.ARC_FAULT: ArcFaultEvent,
    DeviceKind.EAGLE_EYE: EagleEyeEvent,
    DeviceKind.NONMOTOR_PROBE: NonmotorProbeEvent,
    DeviceKind.STOREFRONT_PROBE: StorefrontProbeEvent,
    DeviceKind.CAMERA: CameraEvent,
    DeviceKind.MOBILE: MobileEvent,
}
TELEMETRY_SCHEMAS: dict[DeviceKind, type[ArcFaultTelemetry]] = {
    DeviceKind.ARC_FAULT: ArcFaultTelemetry,
}


def event_types(kind: DeviceKind) -> tuple[str, ...]:
    """The event types a kind may report, as its schema names them."""
    return tuple(str(a) for a in get_args(get_type_hints(EVENT_SCHEMAS[kind])["type"]))


def has_channel(kind: DeviceKind, channel: Channel) -> bool:
    if channel is Channel.EVENT:
        return kind in EVENT_SCHEMAS
    if channel is Channel.TELEMETRY:
        return kind in TELEMETRY_SCHEMAS
    return True
