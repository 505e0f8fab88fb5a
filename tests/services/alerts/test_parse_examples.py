"""``parse`` by example: one message of every kind and channel, and every reason
a message is refused, with the words an administrator reads in quarantine."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.alerts.messages import AlertIn, Rejected, StatusIn, TelemetryIn
from services.alerts.parse import parse

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
TS = "2026-11-23T09:59:30+08:00"
AT = datetime(2026, 11, 23, 1, 59, 30, tzinfo=UTC)

ELEVATOR = {"event_id": "evt-123", "type": "ebike_entering", "floor": 3, "car_id": "A",
            "ts": TS, "state": "start", "snapshot": "snap/EL-0231/1.jpg"}  # fmt: skip
ARC = {"type": "arc_detected", "residual_current_ma": 42.5, "temperature_c": 31.0,
       "circuit": "3号楼2单元-照明回路", "threshold": 14, "ts": 1795399170000,
       "state": "start", "event_id": 88}  # fmt: skip
EAGLE = {"type": "smoke_fire", "snapshot": "snap/EE-01/9.jpg", "bearing_deg": 127.5,
         "tilt_deg": -20, "confidence": 0.93, "ts": TS, "state": "start"}  # fmt: skip
PROBE = {"type": "illegal_parking", "zone": "Z2", "duration_s": 340, "count": 4, "ts": TS,
         "state": "end", "snapshot": "snap/NM-3/7.jpg"}  # fmt: skip
STOREFRONT = {"type": "occupation", "zone": "门前1", "duration_s": 310, "ts": TS, "state": "start"}
CAMERA = {"type": "video_loss", "active": True, "count": 2, "channel": 5, "ts": TS}
MOBILE = {"event_id": "0b7c", "type": "street_vending", "lon": 121.4862, "lat": 31.4041,
          "officer_id": "ZF-007", "media": ["evidence/MB-1/a.jpg"], "ts": TS}  # fmt: skip
TELEMETRY = {"ts": TS, "residual_current_ma": 18.2, "temperature_c": 26.5, "voltage_v": 221}


def dumps(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def run(topic: str, body: Any) -> Any:
    return parse(topic, body if isinstance(body, bytes) else dumps(body), NOW)


def test_elevator_event_keeps_the_device_event_id() -> None:
    a = run("youyi/elevator/EL-0231/event", ELEVATOR)
    assert isinstance(a, AlertIn)
    assert (a.event_key, a.alert_type, a.severity, a.occurred_at) == (
        "EL-0231:evt-123", "ebike_entering", 3, AT)  # fmt: skip
    assert (a.clear, a.heartbeat, a.lon) == (False, False, None)
    assert a.alarm_key == "EL-0231:ebike_entering"
    assert a.payload["floor"] == 3 and a.payload["snapshot"] == "snap/EL-0231/1.jpg"
    end = run("youyi/elevator/EL-0231/event", {**ELEVATOR, "state": "end"})
    assert end.clear and end.event_key == "EL-0231:evt-123:end"


def test_arc_fault_event_with_epoch_milliseconds_and_a_numeric_id() -> None:
    a = run("youyi/arc_fault/AF-1102/event", ARC)
    assert isinstance(a, AlertIn)
    assert (a.event_key, a.severity, a.occurred_at) == ("AF-1102:88", 4, AT)


def test_eagle_eye_storefront_and_nonmotor_events() -> None:
    e = run("youyi/eagle_eye/EE-01/event", EAGLE)
    assert (e.alert_type, e.severity, e.payload["bearing_deg"]) == ("smoke_fire", 4, 127.5)
    s = run("youyi/storefront_probe/SF-2/event", STOREFRONT)
    assert (s.alert_type, s.clear, s.payload["zone"]) == ("occupation", False, "门前1")
    p = run("youyi/nonmotor_probe/NM-3/event", PROBE)
    assert (p.alert_type, p.clear, p.payload["duration_s"]) == ("illegal_parking", True, 340)


def test_camera_active_inactive_and_heartbeat() -> None:
    topic = "youyi/camera/CAM-0007/event"
    alarm = run(topic, CAMERA)
    clear = run(topic, {**CAMERA, "active": False})
    beat = run(topic, {**CAMERA, "active": False, "count": 0})
    assert (alarm.clear, alarm.heartbeat) == (False, False)
    assert (clear.clear, clear.heartbeat) == (True, False)
    assert (beat.clear, beat.heartbeat) == (False, True)
    assert len({alarm.event_key, clear.event_key, beat.event_key}) == 3


def test_mobile_evidence_carries_its_position() -> None:
    m = run("youyi/mobile/MB-1/event", MOBILE)
    assert (m.lon, m.lat, m.event_key, m.clear) == (121.4862, 31.4041, "MB-1:0b7c", False)


def test_arc_fault_telemetry() -> None:
    t = run("youyi/arc_fault/AF-1102/telemetry", TELEMETRY)
    assert isinstance(t, TelemetryIn)
    assert t.at == AT
    assert t.values == {"residual_current_ma": 18.2, "temperature_c": 26.5, "voltage_v": 221.0}


@pytest.mark.parametrize(
    ("payload", "online", "at"),
    [
        (b"offline", False, NOW),
        (b"online", True, NOW),
        (b'"offline"', False, NOW),
        (b'{"online": false}', False, NOW),
        (json.dumps({"online": True, "ts": TS}).encode(), True, AT),
    ],
)
def test_status(payload: bytes, online: bool, at: datetime) -> None:
    s = run("youyi/elevator/EL-0231/status", payload)
    assert isinstance(s, StatusIn) and (s.online, s.at) == (online, at)


def test_without_an_event_id_the_key_is_a_stable_hash() -> None:
    body = {k: v for k, v in ELEVATOR.items() if k != "event_id"}
    a = run("youyi/elevator/EL-0231/event", body)
    again = parse("youyi/elevator/EL-0231/event", json.dumps(body).encode(), NOW + timedelta(1))
    end = run("youyi/elevator/EL-0231/event", {**body, "state": "end"})
    later = run("youyi/elevator/EL-0231/event", {**body, "ts": "2026-11-23T09:59:31+08:00"})
    assert a.event_key.startswith("EL-0231:") and len(a.event_key) == len("EL-0231:") + 32
    assert again.event_key == a.event_key
    assert len({a.event_key, end.event_key, later.event_key}) == 3


EL = "youyi/elevator/EL-0231/event"
AF, AFT = "youyi/arc_fault/AF-1/event", "youyi/arc_fault/AF-1/telemetry"
EE, CAM, MB = "youyi/eagle_eye/EE-1/event", "youyi/camera/C-1/event", "youyi/mobile/MB-1/event"
ST = "youyi/elevator/EL-1/status"


def without(body: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != name}


REJECTIONS = [
    # the topic
    ("youyi/elevator/EL-0231", ELEVATOR, "topic: expected SITE/KIND/DEVICE_ID/CHANNEL (4 levels)"),
    ("youyi/elevator/EL-0231/event/x", ELEVATOR, "(4 levels), got 5"),
    ("youyi/toaster/EL-0231/event", ELEVATOR, "topic: unknown device kind 'toaster'"),
    ("youyi/elevator/EL-0231/alarm", ELEVATOR, "topic: unknown channel 'alarm'"),
    ("youyi/elevator//event", ELEVATOR, "topic: empty device id"),
    ("/elevator/EL-0231/event", ELEVATOR, "topic: empty site"),
    ("youyi/elevator/EL 0231/event", ELEVATOR, "topic: device id 'EL 0231' must be"),
    ("youyi/elevator/电梯1/event", ELEVATOR, "topic: device id '电梯1' must be"),
    ("you+yi/elevator/EL-0231/event", ELEVATOR, "topic: site 'you+yi' must be"),
    ("youyi/elevator/EL-1/telemetry", TELEMETRY, "topic: elevator devices have no telemetry"),
    # the bytes
    (EL, b"", "payload: empty"),
    (EL, b"\xff\xfe{}", "payload: not UTF-8 (byte 0xff at 0)"),
    (EL, b'{"type": "\xe7\x94"}', "payload: not UTF-8 (byte 0xe7 at 10)"),
    (EL, b'{"type": "door_fault", ', "payload: not JSON (Input data was truncated)"),
    (EL, b"<xml/>", "payload: not JSON (JSON is malformed"),
    (EL, b"[1, 2]", "payload: expected a JSON object, got `array`"),
    (EL, b"x" * (64 * 1024 + 1), "payload: 65537 bytes, more than 65536"),
    # the schema
    (EL, without(ELEVATOR, "floor"), "floor: missing"),
    (EL, without(ELEVATOR, "type"), "type: missing"),
    (EL, {**ELEVATOR, "floor": "3F"}, "floor: expected `int`, got `str`"),
    (EL, {**ELEVATOR, "floor": 3.5}, "floor: expected `int`, got `float`"),
    (EL, {**ELEVATOR, "floor": 999}, "floor: expected `int` <= 200"),
    (EL, {**ELEVATOR, "state": "paused"}, "state: invalid enum value 'paused'"),
    (EL, {**ELEVATOR, "type": "fly"}, "type: unknown elevator event type 'fly' (known: ebike_"),
    (EL, {**ELEVATOR, "event_id": "evt 1"}, "event_id: expected `str` matching regex"),
    (EL, {**ELEVATOR, "car_id": ""}, "car_id: expected `str` of length >= 1"),
    (AF, {**ARC, "residual_current_ma": -3}, "residual_current_ma: expected `float` >= 0.0"),
    (AFT, {**TELEMETRY, "temperature_c": 900}, "temperature_c: expected `float` <= 300.0"),
    (AFT, b'{"ts": 1, "residual_current_ma": 1e999}', "residual_current_ma: number out of range"),
    (EE, {**EAGLE, "bearing_deg": 400}, "bearing_deg: expected `float` <= 360.0"),
    (CAM, {**CAMERA, "active": 1}, "active: expected `bool`, got `int`"),
    (MB, {**MOBILE, "lat": 95}, "lat: expected `float` <= 90.0"),
    (MB, {**MOBILE, "lon": 0, "lat": 0}, "lon, lat: 0, 0 is no position fix"),
    (MB, {**MOBILE, "media": [""]}, "media[0]: expected `str` of length >= 1"),
    (ST, {"online": "yes"}, "online: expected `bool`, got `str`"),
    (ST, b"maybe", "payload: not JSON"),
    (ST, b"", "payload: empty"),
    # the time
    (EL, {**ELEVATOR, "ts": "2026-11-23T09:59:30"}, "ts: expected `datetime` with a timezone"),
    (EL, {**ELEVATOR, "ts": "yesterday"}, "ts: invalid RFC3339 encoded datetime (ISO 8601 with"),
    (EL, {**ELEVATOR, "ts": 1795399170.5}, "ts: expected `int | datetime`, got `float`"),
    (EL, {**ELEVATOR, "ts": "2027-11-23T10:00:00+08:00"}, "is 365 days after it was received"),
    (EL, {**ELEVATOR, "ts": "2027-11-23T10:00:00+08:00"}, "(more than 1 day ahead"),
    (EL, {**ELEVATOR, "ts": "2026-09-01T10:00:00+08:00"}, "before it was received (more than 30"),
    (EL, {**ELEVATOR, "ts": 1795399170}, "(epoch seconds sent as milliseconds?)"),
    (EL, {**ELEVATOR, "ts": "0001-01-01T00:00:00+08:00"}, "ts: 0001-01-01 00:00:00+08:00 is out"),
    (ST, {"online": True, "ts": "2030-01-01T00:00:00Z"}, "ts: 2030-01-01T00:00:00+00:00 is"),
]


@pytest.mark.parametrize(("topic", "body", "reason"), REJECTIONS)
def test_rejections_name_what_is_wrong(topic: str, body: Any, reason: str) -> None:
    r = run(topic, body)
    assert isinstance(r, Rejected), r
    assert reason in r.reason
    assert (r.topic, r.received_at) == (topic, NOW)
    assert r.raw == (body if isinstance(body, bytes) else dumps(body))


def test_what_is_not_text_or_bytes_is_rejected_too() -> None:
    r = parse(None, b"{}", NOW)  # type: ignore[arg-type]
    assert isinstance(r, Rejected) and r.reason == "topic: expected text, got NoneType"
    r = parse("youyi/elevator/EL-1/event", bytearray(b"[]"), NOW)  # type: ignore[arg-type]
    assert isinstance(r, Rejected) and r.raw == b"[]"


def test_a_bug_in_the_parser_costs_one_message_not_the_ingest(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from services.alerts import parse as module

    def boom(*_args: object) -> int:
        raise RuntimeError("kaput")

    monkeypatch.setattr(module._default.types, "severity", boom)
    r = run(EL, ELEVATOR)
    assert isinstance(r, Rejected) and r.reason == "parser error: RuntimeError: kaput"
    assert "parser failed" in caplog.text
