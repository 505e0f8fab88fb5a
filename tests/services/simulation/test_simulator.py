"""The traffic simulator without a broker: deterministic, realistic, and every
message it means to be valid parses while every malformed one is refused."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from services.alerts.messages import AlertIn, DeviceKind, Rejected, StatusIn, TelemetryIn
from services.alerts.parse import parse
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.models import Device, table_of
from services.db.store import Store
from services.errors import ValidationError
from services.simulation.fleet import SimDevice, devices_from_store, synthetic_fleet
from services.simulation.payloads import MALFORMED
from services.simulation.simulator import SimConfig, SimMessage, Simulator

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def run(
    devices: list[SimDevice] | None = None, seconds: float = 600, seed: int = 1, **config: object
) -> list[SimMessage]:
    sim = Simulator(
        devices or synthetic_fleet(), start=START, seed=seed, config=SimConfig(**config)
    )
    return list(sim.messages(seconds))


@pytest.fixture(scope="module")
def traffic() -> list[SimMessage]:
    return run(rate=30, burst_every_s=200, malformed_share=0.03)


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    a, b, c = run(seconds=120), run(seconds=120), run(seconds=120, seed=2)
    assert a == b
    assert [m.payload for m in a] != [m.payload for m in c]


def test_time_order_rate_and_every_kind(traffic: list[SimMessage]) -> None:
    times = [m.at for m in traffic]
    assert times == sorted(times) and times[0] >= START and times[-1] < START + timedelta(600)
    assert 0.7 * 30 * 600 < len(traffic) < 1.5 * 30 * 600
    events = {m.kind for m in traffic if m.channel == "event" and not m.malformed}
    assert events == {k.value for k in DeviceKind}


def test_valid_ones_parse_malformed_ones_are_rejected(traffic: list[SimMessage]) -> None:
    kinds: Counter[type] = Counter()
    for m in traffic:
        result = parse(m.topic, m.payload, m.at + timedelta(milliseconds=50))
        kinds[type(result)] += 1
        if m.malformed:
            assert isinstance(result, Rejected), (m.malformed, m.topic, m.payload)
        else:
            assert not isinstance(result, Rejected), (result.reason, m.topic, m.payload)
    assert kinds[AlertIn] and kinds[TelemetryIn] and kinds[StatusIn] and kinds[Rejected]
    assert {m.malformed for m in traffic if m.malformed} == set(MALFORMED)


def test_qos_and_retain(traffic: list[SimMessage]) -> None:
    assert {m.qos for m in traffic} == {1}
    assert all(m.retain == (m.channel == "status" and not m.malformed) for m in traffic)


def test_incidents_start_then_end_under_one_event_key(traffic: list[SimMessage]) -> None:
    starts: dict[str, datetime] = {}
    ends = 0
    for m in traffic:
        a = parse(m.topic, m.payload, m.at)
        if not isinstance(a, AlertIn) or a.heartbeat or m.kind == "mobile":
            continue
        key = a.event_key.removesuffix(":end") if m.kind in ("elevator", "arc_fault") else None
        if not a.clear:
            starts[key or a.alarm_key] = a.occurred_at
        else:
            ends += 1
            assert (key or a.alarm_key) in starts  # every end follows its start
            assert a.occurred_at > starts.pop(key or a.alarm_key)
    assert ends > 50


def test_a_power_dip_trips_hundreds_of_sensors_at_once() -> None:
    devices = [SimDevice(f"AF-{i:04d}", DeviceKind.ARC_FAULT) for i in range(400)]
    devices += [SimDevice("EL-0001", DeviceKind.ELEVATOR)]
    traffic = run(devices, seconds=300, rate=20, burst_every_s=100)
    burst = [m for m in traffic if m.burst and b'"start"' in m.payload]
    first = min(m.at for m in burst)
    within_2s = [m for m in burst if m.at - first < timedelta(seconds=2)]
    assert len(within_2s) >= 200
    assert len({m.topic for m in within_2s}) == len(within_2s)


def test_devices_go_offline_and_come_back(traffic: list[SimMessage]) -> None:
    status = [(m, parse(m.topic, m.payload, m.at)) for m in traffic if m.channel == "status"]
    offline = [m for m, s in status if isinstance(s, StatusIn) and not s.online]
    assert offline and len(status) > len(offline)
    gone = offline[0]
    back = next(m for m, s in status if m.topic == gone.topic and m.at > gone.at)
    assert json.loads(back.payload)["online"] is True
    device = gone.topic.split("/")[2]
    meanwhile = [m for m in traffic if gone.at < m.at < back.at and f"/{device}/" in m.topic]
    assert not [m for m in meanwhile if not m.malformed]  # silent while away


def test_announce_and_no_malformed() -> None:
    traffic = run(seconds=5, announce=True, malformed_share=0.0)
    assert not [m for m in traffic if m.malformed]
    assert len([m for m in traffic if m.channel == "status"]) >= len(synthetic_fleet())


def test_a_small_fleet_does_what_it_can() -> None:
    sim = Simulator(synthetic_fleet(), start=START, config=SimConfig(rate=10_000))
    assert sim.interval_s("telemetry") == 1.0
    assert sim.expected_rate() < 100


def test_refuses_nothing_to_simulate_and_naive_start() -> None:
    with pytest.raises(ValidationError, match="no devices"):
        Simulator([], start=START)
    with pytest.raises(ValidationError, match="time zone"):
        Simulator(synthetic_fleet(), start=datetime(2026, 1, 1))


def test_devices_from_the_registry(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'sim.db'}")
    try:
        upgrade(store.engine)
        load_demo_district(store)
        before = len(devices_from_store(store))  # the demo district may bring devices
        rows = [
            {"id": "ZZ-EL-1", "kind": "elevator", "name": "1号梯", "lon": 121.49, "lat": 31.40},
            {"id": "ZZ-AF-1", "kind": "arc_fault", "name": "灭弧 1", "lon": None, "lat": None},
            {"id": "ZZ-XX-1", "kind": "weather_station", "name": "气象站", "lon": 1, "lat": 1},
        ]
        with store.transaction() as tx:
            tx.conn.execute(insert(table_of(Device)), rows)
        devices = {d.id: d for d in devices_from_store(store)}
    finally:
        store.close()
    assert devices["ZZ-EL-1"] == SimDevice("ZZ-EL-1", DeviceKind.ELEVATOR, 121.49, 31.40)
    assert devices["ZZ-AF-1"].kind is DeviceKind.ARC_FAULT
    assert "ZZ-XX-1" not in devices
    assert len(devices) == before + 2
