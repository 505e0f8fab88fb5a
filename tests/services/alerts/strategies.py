"""Hypothesis strategies: valid payloads of every device kind, written from the
schemas' documented ranges (not from the simulator), and what they must become."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from services.alerts.messages import Channel, DeviceKind
from services.alerts.schemas import event_types

RECEIVED = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
ident = st.builds(str.__add__, st.sampled_from(ALNUM), st.text(alphabet=ALNUM + "._-", max_size=20))
text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=64)
ref = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80)
event_id = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=64),
    st.integers(0, 2**63 - 1),
)


def num(lo: float, hi: float) -> st.SearchStrategy[float]:
    """A number in [lo, hi], as devices write them: sometimes an integer."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False) | st.integers(
        math.ceil(lo), math.floor(hi)
    )


@st.composite
def timestamps(draw: st.DrawFn) -> tuple[Any, datetime]:
    """(what the device writes, the aware UTC time it means), within the window."""
    offset = timedelta(seconds=draw(st.integers(-29 * 86_400, 23 * 3600)))
    at = RECEIVED + offset + timedelta(microseconds=draw(st.integers(0, 999_999)))
    if draw(st.booleans()):
        ms = int(at.timestamp() * 1000)
        return ms, datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=ms)
    zone = timezone(timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60)) // 15 * 15))
    written = at.astimezone(zone).isoformat()
    if zone.utcoffset(None) == timedelta(0) and draw(st.booleans()):
        written = written.replace("+00:00", "Z")
    return written, at


@dataclass(frozen=True)
class Case:
    topic: str
    body: dict[str, Any] | str
    kind: DeviceKind
    channel: Channel
    at: datetime
    expect: dict[str, Any]  # what the record must say

    @property
    def payload(self) -> bytes:
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body, ensure_ascii=False).encode()


def _kind_fields(kind: DeviceKind) -> st.SearchStrategy[dict[str, Any]]:
    state = st.sampled_from(["start", "end"])
    opt_ref = {"snapshot": ref}
    f = st.fixed_dictionaries
    if kind is DeviceKind.ELEVATOR:
        return f({"floor": st.integers(-10, 200), "car_id": text, "state": state}, optional=opt_ref)
    if kind is DeviceKind.ARC_FAULT:
        return f(
            {
                "residual_current_ma": num(0, 10_000),
                "temperature_c": num(-40, 300),
                "circuit": text,
                "threshold": num(0, 10_000),
                "state": state,
            }
        )
    if kind is DeviceKind.EAGLE_EYE:
        return f(
            {"snapshot": ref, "bearing_deg": num(0, 360), "state": state},
            optional={
                "tilt_deg": num(-90, 90),
                "confidence": num(0, 1),
                "count": st.integers(0, 100_000),
            },
        )
    if kind in (DeviceKind.NONMOTOR_PROBE, DeviceKind.STOREFRONT_PROBE):
        return f({"zone": text, "duration_s": num(0, 7 * 86_400), "state": state}, optional=opt_ref)
    if kind is DeviceKind.CAMERA:
        return f(
            {"active": st.booleans(), "count": st.integers(0, 1_000_000)},
            optional={"channel": st.integers(1, 256)},
        )
    position = st.tuples(num(-180, 180), num(-90, 90)).filter(lambda p: p != (0.0, 0.0))
    return f(
        {"position": position, "officer_id": text},
        optional={
            "accuracy_m": num(0, 100_000),
            "media": st.lists(ref, max_size=20),
            "note": st.text(st.characters(exclude_categories=("Cs",)), max_size=500),
        },
    )


@st.composite
def events(draw: st.DrawFn, kind: DeviceKind) -> Case:
    device = draw(ident)
    body: dict[str, Any] = {"type": draw(st.sampled_from(event_types(kind)))}
    body.update(draw(_kind_fields(kind)))
    if draw(st.booleans()):
        body["event_id"] = draw(event_id)
    body["ts"], at = draw(timestamps())
    if "position" in body:
        body["lon"], body["lat"] = body.pop("position")
    clear = body.get("state") == "end" or (
        kind is DeviceKind.CAMERA and not body["active"] and body["count"] > 0
    )
    heartbeat = kind is DeviceKind.CAMERA and not body["active"] and body["count"] == 0
    expect = {
        "alert_type": body["type"],
        "clear": clear,
        "heartbeat": heartbeat,
        "lon": body.get("lon"),
        "lat": body.get("lat"),
    }
    return Case(f"youyi/{kind.value}/{device}/event", body, kind, Channel.EVENT, at, expect)


@st.composite
def telemetry(draw: st.DrawFn) -> Case:
    body = draw(
        st.fixed_dictionaries(
            {"residual_current_ma": num(0, 10_000), "temperature_c": num(-40, 300)},
            optional={"voltage_v": num(0, 500), "current_a": num(0, 1000)},
        )
    )
    body["ts"], at = draw(timestamps())
    values = {k: float(v) for k, v in body.items() if k != "ts"}
    topic = f"youyi/arc_fault/{draw(ident)}/telemetry"
    return Case(topic, body, DeviceKind.ARC_FAULT, Channel.TELEMETRY, at, {"values": values})


@st.composite
def status(draw: st.DrawFn) -> Case:
    kind = draw(st.sampled_from(list(DeviceKind)))
    online = draw(st.booleans())
    topic = f"youyi/{kind.value}/{draw(ident)}/status"
    form = draw(st.sampled_from(["word", "json", "json_ts"]))
    at = RECEIVED
    body: dict[str, Any] | str
    if form == "word":
        body = draw(
            st.sampled_from(
                ["online", "Online", " online\n"] if online else ["offline", "OFFLINE", '"offline"']
            )
        )
    else:
        body = {"online": online}
        if form == "json_ts":
            body["ts"], at = draw(timestamps())
    return Case(topic, body, kind, Channel.STATUS, at, {"online": online})


any_event = st.sampled_from(list(DeviceKind)).flatmap(events)
valid_cases = st.one_of(any_event, telemetry(), status())
