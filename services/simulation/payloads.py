"""Payloads the simulated devices send, and the malformed ones they sometimes
send instead: the vocabulary of ``services.simulation.simulator``.

Everything is drawn from the ``random.Random`` passed in, so a seed gives the
same bytes every time.  Valid payloads follow ``services.alerts.schemas``;
every malformed one breaks it in one known way (``MALFORMED`` names them).
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec

from services.alerts.messages import DeviceKind
from services.alerts.schemas import EVENT_SCHEMAS

log = logging.getLogger(__name__)

SHANGHAI = timezone(timedelta(hours=8))
EPOCH_MS_KINDS = {DeviceKind.ARC_FAULT, DeviceKind.NONMOTOR_PROBE, DeviceKind.STOREFRONT_PROBE}

#: How often each type happens, relative to the others of its kind.
TYPE_WEIGHTS: dict[DeviceKind, dict[str, float]] = {
    DeviceKind.ELEVATOR: {
        "ebike_entering": 5,
        "door_fault": 3,
        "trapped_passenger": 0.5,
        "over_speed": 0.2,
    },
    DeviceKind.ARC_FAULT: {"residual_current_high": 3, "over_temperature": 2, "arc_detected": 1},
    DeviceKind.EAGLE_EYE: {
        "street_vending": 3,
        "garbage_exposed": 3,
        "crowd": 2,
        "intrusion": 1,
        "smoke_fire": 0.3,
    },
    DeviceKind.NONMOTOR_PROBE: {"illegal_parking": 5, "fire_lane_blocked": 1},
    DeviceKind.STOREFRONT_PROBE: {"occupation": 4, "street_vending": 2},
    DeviceKind.CAMERA: {"motion": 6, "video_loss": 1, "tamper": 0.5},
    DeviceKind.MOBILE: {
        "illegal_parking": 3,
        "storefront_occupation": 2,
        "street_vending": 2,
        "illegal_dumping": 1,
        "other": 0.5,
    },
}
#: How long a condition lasts, seconds (low, high).
DURATION_S: dict[str, tuple[float, float]] = {
    "ebike_entering": (15, 90),
    "trapped_passenger": (300, 1800),
    "door_fault": (10, 120),
    "over_speed": (2, 10),
    "arc_detected": (1, 5),
    "residual_current_high": (10, 120),
    "over_temperature": (120, 900),
    "smoke_fire": (60, 600),
    "intrusion": (10, 120),
    "crowd": (300, 1800),
    "street_vending": (600, 3600),
    "garbage_exposed": (1800, 7200),
    "illegal_parking": (600, 3600),
    "fire_lane_blocked": (300, 1800),
    "occupation": (900, 5400),
    "video_loss": (30, 600),
    "tamper": (10, 300),
    "motion": (5, 60),
}
PROBE_HOLD_S = 300  # a probe reports an object once it has stayed this long
ARC_THRESHOLDS = {"arc_detected": 14.0, "residual_current_high": 300.0, "over_temperature": 70.0}


def stamp(kind: DeviceKind, at: datetime) -> str | int:
    """The time as this kind's firmware writes it: epoch ms or local ISO 8601."""
    if kind in EPOCH_MS_KINDS:
        return round(at.timestamp() * 1000)
    return at.astimezone(SHANGHAI).isoformat(timespec="milliseconds")


def encode(data: object) -> bytes:
    return msgspec.json.encode(data)


@dataclass(frozen=True)
class Baseline:
    """A sensor's normal readings, drawn once per device."""

    residual_ma: float
    temperature_c: float
    current_a: float


def baseline(rng: random.Random) -> Baseline:
    return Baseline(rng.uniform(5, 60), rng.uniform(18, 38), rng.uniform(0.5, 25))


def telemetry(rng: random.Random, base: Baseline, at: datetime) -> dict[str, Any]:
    return {
        "ts": stamp(DeviceKind.ARC_FAULT, at),
        "residual_current_ma": round(max(0.0, rng.gauss(base.residual_ma, 3)), 1),
        "temperature_c": round(rng.gauss(base.temperature_c, 0.4), 1),
        "voltage_v": round(rng.gauss(221, 2.5), 1),
        "current_a": round(max(0.0, rng.gauss(base.current_a, 1.5)), 2),
    }


def event_fields(
    rng: random.Random,
    kind: DeviceKind,
    device_id: str,
    alert_type: str,
    serial: int,
    position: tuple[float, float],
) -> dict[str, Any]:
    """What a start and its end share (ids, place, context), without ts/state."""
    snap = f"snap/{device_id}/{serial:08d}.jpg"
    if kind is DeviceKind.ELEVATOR:
        d: dict[str, Any] = {
            "event_id": f"evt-{serial}",
            "floor": rng.randint(-2, 33),
            "car_id": rng.choice("AB"),
        }
        if alert_type in ("ebike_entering", "trapped_passenger"):
            d["snapshot"] = snap
    elif kind is DeviceKind.ARC_FAULT:
        threshold = ARC_THRESHOLDS[alert_type]
        d = {
            "event_id": serial,
            "threshold": threshold,
            "circuit": f"{rng.randint(1, 40)}号楼{rng.randint(1, 6)}单元-照明回路",
            "residual_current_ma": round(
                rng.uniform(threshold, 900)
                if alert_type == "residual_current_high"
                else rng.uniform(10, 120),
                1,
            ),
            "temperature_c": round(
                rng.uniform(threshold, 110)
                if alert_type == "over_temperature"
                else rng.uniform(20, 45),
                1,
            ),
        }
    elif kind is DeviceKind.EAGLE_EYE:
        d = {
            "event_id": f"{rng.getrandbits(64):016x}",
            "snapshot": snap,
            "bearing_deg": round(rng.uniform(0, 359.9), 1),
            "tilt_deg": round(rng.uniform(-45, -5), 1),
            "confidence": round(rng.uniform(0.6, 0.99), 2),
        }
        if alert_type == "crowd":
            d["count"] = rng.randint(30, 200)
    elif kind in (DeviceKind.NONMOTOR_PROBE, DeviceKind.STOREFRONT_PROBE):
        d = {"zone": f"Z{rng.randint(1, 4)}", "duration_s": PROBE_HOLD_S, "snapshot": snap}
        if kind is DeviceKind.NONMOTOR_PROBE:
            d["count"] = rng.randint(1, 12)
    elif kind is DeviceKind.CAMERA:
        d = {"active": True, "count": rng.randint(1, 5), "channel": rng.randint(1, 16)}
    else:  # mobile: one-shot evidence with the handset's own position
        lon, lat = position
        d = {
            "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "lon": round(lon + rng.uniform(-0.004, 0.004), 6),
            "lat": round(lat + rng.uniform(-0.004, 0.004), 6),
            "accuracy_m": round(rng.uniform(3, 30), 1),
            "officer_id": f"ZF-{rng.randint(1, 40):03d}",
            "media": [f"evidence/{device_id}/{serial:08d}.jpg"],
        }
    return {"type": alert_type, **d}


def start_payload(kind: DeviceKind, fields: dict[str, Any], at: datetime) -> dict[str, Any]:
    d = {**fields, "ts": stamp(kind, at)}
    if kind not in (DeviceKind.CAMERA, DeviceKind.MOBILE):
        d["state"] = "start"
    return d


def end_payload(
    kind: DeviceKind, fields: dict[str, Any], started: datetime, at: datetime
) -> dict[str, Any]:
    d = {**fields, "ts": stamp(kind, at)}
    if kind is DeviceKind.CAMERA:
        d["active"] = False
    else:
        d["state"] = "end"
    if "duration_s" in d:
        d["duration_s"] = round(PROBE_HOLD_S + (at - started).total_seconds())
    return d


def heartbeat(rng: random.Random, at: datetime) -> dict[str, Any]:
    return {
        "type": rng.choice(("video_loss", "tamper", "motion")),
        "active": False,
        "count": 0,
        "ts": stamp(DeviceKind.CAMERA, at),
    }


# --- malformed -------------------------------------------------------------


MALFORMED = (
    "topic_levels", "topic_short", "unknown_kind", "unknown_channel", "empty_device_id",
    "bad_device_id", "no_telemetry_channel", "empty", "not_utf8", "truncated", "not_object",
    "missing_field", "wrong_type", "unknown_type", "out_of_range", "naive_ts", "future_ts",
    "epoch_seconds",
)  # fmt: skip
_OUT_OF_RANGE: dict[DeviceKind, tuple[str, float]] = {
    DeviceKind.ELEVATOR: ("floor", 999),
    DeviceKind.ARC_FAULT: ("residual_current_ma", -5),
    DeviceKind.EAGLE_EYE: ("bearing_deg", 400),
    DeviceKind.CAMERA: ("count", -1),
    DeviceKind.NONMOTOR_PROBE: ("duration_s", -30),
    DeviceKind.STOREFRONT_PROBE: ("duration_s", -30),
    DeviceKind.MOBILE: ("lat", 95.0),
}


def malformed(
    rng: random.Random,
    site: str,
    kind: DeviceKind,
    device_id: str,
    valid: dict[str, Any],
    at: datetime,
) -> tuple[str, str, bytes]:
    """(what is wrong, topic, payload): ``valid`` broken in one way from ``MALFORMED``."""
    name = rng.choice(MALFORMED)
    topic = f"{site}/{kind.value}/{device_id}/event"
    body = dict(valid)
    if name == "topic_levels":
        topic += "/extra"
    elif name == "topic_short":
        topic = f"{site}/{kind.value}/event"
    elif name == "unknown_kind":
        topic = f"{site}/toaster/{device_id}/event"
    elif name == "unknown_channel":
        topic = topic.removesuffix("/event") + "/alarm"
    elif name == "empty_device_id":
        topic = f"{site}/{kind.value}//event"
    elif name == "bad_device_id":
        topic = f"{site}/{kind.value}/{device_id} 号/event"
    elif name == "no_telemetry_channel":
        topic = f"{site}/elevator/{device_id}/telemetry"
    elif name in ("empty", "not_utf8", "truncated", "not_object"):
        return name, topic, _broken_bytes(rng, name, encode(body))
    elif name in ("missing_field", "wrong_type"):
        field = rng.choice(_required(kind))
        if name == "missing_field":
            del body[field]
        else:
            body[field] = _wrong_type(body[field])
    elif name == "unknown_type":
        body["type"] = "ufo_sighting"
    elif name == "out_of_range":
        field, value = _OUT_OF_RANGE[kind]
        body[field] = value
    elif name == "naive_ts":
        body["ts"] = at.astimezone(SHANGHAI).replace(tzinfo=None).isoformat()
    elif name == "future_ts":
        body["ts"] = (at + timedelta(days=400)).astimezone(UTC).isoformat()
    else:  # epoch_seconds: seconds where milliseconds belong (lands in January 1970)
        body["ts"] = int(at.timestamp())
    return name, topic, encode(body)


def _broken_bytes(rng: random.Random, name: str, good: bytes) -> bytes:
    if name == "empty":
        return b""
    if name == "not_utf8":
        return b"\xff\xfe" + good[2:]
    if name == "truncated":
        return good[: rng.randint(1, len(good) - 1)]
    return b"[" + good + b"]"  # not_object


def _required(kind: DeviceKind) -> list[str]:
    return [f.encode_name for f in msgspec.structs.fields(EVENT_SCHEMAS[kind]) if f.required]


def _wrong_type(value: object) -> object:
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int | float):
        return str(value)
    return [value]
