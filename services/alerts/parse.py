"""(topic, bytes) → one parsed record; nothing raises out of ``parse``.

Whatever does not fit (the topic, the encoding, the JSON, the schema of the
device kind, the time) becomes a ``Rejected`` whose reason names the part or
field at fault, e.g. ``bearing_deg: expected `float` <= 360.0`` or
``topic: unknown device kind 'toaster'``.

Event keys: the device's own event id behind the device id
(``EL-0231:evt-123``; its end message ``EL-0231:evt-123:end``), else a stable
hash of device, type, time and state, so a redelivered message has the same key.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TypeVar

import msgspec

from services.alerts.alert_types import AlertTypes
from services.alerts.messages import (
    NAME,
    NAME_RULE,
    AlertIn,
    Channel,
    DeviceKind,
    Parsed,
    Rejected,
    StatusIn,
    TelemetryIn,
    Topic,
)
from services.alerts.schemas import (
    EVENT_SCHEMAS,
    TELEMETRY_SCHEMAS,
    ArcFaultTelemetry,
    Event,
    StatusPayload,
    event_types,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_PAYLOAD = 64 * 1024
MAX_AHEAD = timedelta(days=1)  # device clocks run fast; beyond a day it is wrong
MAX_AGE = timedelta(days=30)  # a device back from a month offline; older is junk
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_AT_PATH = re.compile(r"(?s)(?P<what>.*) - at `\$\.?(?P<path>[^`]*)`")
_MISSING = re.compile(r"Object missing required field `(?P<field>[^`]+)`")
_KINDS = ", ".join(k.value for k in DeviceKind)
_CHANNELS = ", ".join(c.value for c in Channel)


class _RefusedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Parser:
    """A parse function bound to an alert-type table and a time window."""

    def __init__(
        self,
        types: AlertTypes | None = None,
        *,
        max_ahead: timedelta = MAX_AHEAD,
        max_age: timedelta = MAX_AGE,
    ) -> None:
        self.types = types or AlertTypes.load()
        self.max_ahead = max_ahead
        self.max_age = max_age
        self._events = {k: msgspec.json.Decoder(s) for k, s in EVENT_SCHEMAS.items()}
        self._telemetry = {k: msgspec.json.Decoder(s) for k, s in TELEMETRY_SCHEMAS.items()}
        self._status = msgspec.json.Decoder(StatusPayload)

    def __call__(self, topic: str, payload: bytes, received_at: datetime) -> Parsed:
        try:
            return self._parse(topic, payload, received_at)
        except _RefusedError as refused:
            return Rejected(str(topic), _raw(payload), refused.reason, received_at)
        except Exception as exc:  # a bug here must cost one message, never the ingest
            log.exception("parser failed on a message from %r", topic)
            reason = f"parser error: {type(exc).__name__}: {exc}"
            return Rejected(str(topic), _raw(payload), reason, received_at)

    def _parse(self, topic: str, payload: bytes, received_at: datetime) -> Parsed:
        if not isinstance(topic, str):
            raise _RefusedError(f"topic: expected text, got {type(topic).__name__}")
        where = _topic(topic) if len(topic) <= TOPIC_MAX else _too_long(topic)
        if isinstance(where, str):
            raise _RefusedError(where)
        if received_at.tzinfo is None:
            received_at = received_at.replace(tzinfo=UTC)
        payload = bytes(payload)
        if len(payload) > MAX_PAYLOAD:
            raise _RefusedError(f"payload: {len(payload)} bytes, more than {MAX_PAYLOAD}")
        if where.channel is Channel.STATUS:
            return self._status_of(where, payload, received_at)
        if where.channel is Channel.EVENT:
            event: Event = _decode(self._events[where.kind], payload, where.kind)
            return self._alert(where, event, received_at)
        decoder = self._telemetry.get(where.kind)
        if decoder is None:
            raise _RefusedError(f"topic: {where.kind.value} devices have no telemetry channel")
        reading: ArcFaultTelemetry = _decode(decoder, payload, where.kind)
        values = {
            name: float(value)
            for name, value in msgspec.structs.asdict(reading).items()
            if name != "ts" and value is not None
        }
        return TelemetryIn(where, self._time(reading.ts, received_at), values)

    def _alert(self, where: Topic, event: Event, received_at: datetime) -> AlertIn:
        severity = self.types.severity(where.kind.value, event.type)
        if severity is None:
            raise _RefusedError(f"type: {event.type!r} is not in the alert-type table")
        occurred = self._time(event.ts, received_at)
        clear, heartbeat = event.is_clear(), event.is_heartbeat()
        if event.event_id is not None:
            key = f"{where.device_id}:{event.event_id}{':end' if clear else ''}"
        else:
            state = "end" if clear else "heartbeat" if heartbeat else "start"
            seed = "\x1f".join((where.device_id, event.type, occurred.isoformat(), state))
            key = f"{where.device_id}:{hashlib.sha256(seed.encode()).hexdigest()[:32]}"
        position = event.position()
        if position == (0.0, 0.0):
            raise _RefusedError("lon, lat: 0, 0 is no position fix")
        lon, lat = position or (None, None)
        return AlertIn(
            event_key=key,
            topic=where,
            alert_type=event.type,
            severity=severity,
            occurred_at=occurred,
            clear=clear,
            heartbeat=heartbeat,
            lon=lon,
            lat=lat,
            payload=msgspec.to_builtins(event),
        )

    def _status_of(self, where: Topic, payload: bytes, received_at: datetime) -> StatusIn:
        word = payload.strip().strip(b'"').lower()
        if word in (b"online", b"offline"):
            return StatusIn(where, word == b"online", received_at)
        status: StatusPayload = _decode(self._status, payload, where.kind)
        at = received_at if status.ts is None else self._time(status.ts, received_at)
        return StatusIn(where, status.online, at)

    def _time(self, ts: datetime | int, received_at: datetime) -> datetime:
        try:
            at = EPOCH + timedelta(milliseconds=ts) if isinstance(ts, int) else ts.astimezone(UTC)
        except OverflowError:
            raise _RefusedError(f"ts: {ts} is out of range") from None
        if at - received_at > self.max_ahead:
            raise _RefusedError(
                f"ts: {at.isoformat()} is {_days(at - received_at)} after it was received "
                f"(more than {_days(self.max_ahead)} ahead: the device clock is wrong)"
            )
        if received_at - at > self.max_age:
            hint = " (epoch seconds sent as milliseconds?)" if isinstance(ts, int) else ""
            raise _RefusedError(
                f"ts: {at.isoformat()} is {_days(received_at - at)} before it was received "
                f"(more than {_days(self.max_age)}){hint}"
            )
        return at


def _decode(decoder: msgspec.json.Decoder[T], payload: bytes, kind: DeviceKind) -> T:
    if not payload.strip():
        raise _RefusedError("payload: empty")
    try:
        return decoder.decode(payload)
    except msgspec.ValidationError as exc:
        raise _RefusedError(_explain(str(exc), kind)) from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError as bad:
            at = bad.start
            raise _RefusedError(f"payload: not UTF-8 (byte 0x{payload[at]:02x} at {at})") from None
        raise _RefusedError(f"payload: not JSON ({exc})") from None


def _explain(text: str, kind: DeviceKind) -> str:
    """msgspec's message, led by the field it is about."""
    at = _AT_PATH.fullmatch(text)
    what, path = (at["what"], at["path"]) if at else (text, "")
    missing = _MISSING.fullmatch(what)
    if missing:
        field = f"{path}.{missing['field']}" if path else missing["field"]
        return f"{field}: missing"
    if not path:
        if what.startswith("Expected `object`"):
            return f"payload: expected a JSON object{what.removeprefix('Expected `object`')}"
        return f"payload: {what}"
    if path == "type" and what.startswith("Invalid enum value"):
        value = what.removeprefix("Invalid enum value ")
        known = ", ".join(event_types(kind))
        return f"type: unknown {kind.value} event type {value} (known: {known})"
    hint = " (ISO 8601 with an offset, or epoch milliseconds)" if path == "ts" else ""
    return f"{path}: {what[:1].lower()}{what[1:]}{hint}"


#: The longest topic there can be (site and device id 64 each, a kind, a
#: channel): longer ones are refused without entering the cache below, whose
#: size in bytes stays bounded (8,192 short strings) whatever arrives.
TOPIC_MAX = 200


def _too_long(topic: str) -> str:
    return f"topic: {len(topic):,} characters, longer than any topic can be ({TOPIC_MAX})"


@lru_cache(maxsize=8192)
def _topic(topic: str) -> Topic | str:
    """The topic's parts, or why it is refused (a string)."""
    parts = topic.split("/")
    if len(parts) != 4:
        return f"topic: expected SITE/KIND/DEVICE_ID/CHANNEL (4 levels), got {len(parts)}"
    site, kind, device_id, channel = parts
    for name, value in (("site", site), ("device id", device_id)):
        if not value:
            return f"topic: empty {name}"
        if not NAME.fullmatch(value):
            return f"topic: {name} {value[:70]!r} must be {NAME_RULE}"
    if kind not in DeviceKind._value2member_map_:
        return f"topic: unknown device kind {kind[:70]!r} (known: {_KINDS})"
    if channel not in Channel._value2member_map_:
        return f"topic: unknown channel {channel[:70]!r} (known: {_CHANNELS})"
    return Topic(site, DeviceKind(kind), device_id, Channel(channel))


def _raw(payload: object) -> bytes:
    if isinstance(payload, bytes | bytearray | memoryview):
        return bytes(payload)
    return repr(payload).encode("utf-8", "replace")


def _days(span: timedelta) -> str:
    days = span.total_seconds() / 86_400
    if days >= 1:
        return f"{days:,.1f}".removesuffix(".0") + (" day" if days == 1 else " days")
    return f"{span.total_seconds() / 3600:.1f} hours"


_default = Parser()


def parse(topic: str, payload: bytes, received_at: datetime) -> Parsed:
    """Parse one message with the shipped alert-type table; never raises."""
    return _default(topic, payload, received_at)
