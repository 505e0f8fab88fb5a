"""The simulator's publisher against a real Mosquitto: what it says it sent is
exactly what a subscriber receives (QoS 1), malformed messages included, and
every message parses the way the simulator meant it to.

Each test publishes under a topic root of its own, so that other traffic on the
machine's broker never mixes in, and clears the retained status it left."""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion
from sqlalchemy import insert

from console.cli import main
from services.alerts.messages import Rejected
from services.alerts.parse import parse
from services.bus import BrokerSettings
from services.db.migrate import upgrade
from services.db.models import Device, table_of
from services.db.store import Store
from services.errors import ServiceError
from services.simulation.fleet import synthetic_fleet
from services.simulation.publisher import SimPublisher
from services.simulation.simulator import SimConfig, Simulator
from tests.support.servers import (
    Mqtt311Only,
    ThrowawayMosquitto,
    free_port,
    machine_mosquitto_url,
)


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[BrokerSettings]:
    url = machine_mosquitto_url()
    if url:
        yield BrokerSettings.from_url(url)
        return
    with ThrowawayMosquitto(tmp_path / "mqtt") as server:
        yield BrokerSettings.from_url(server.url)


@pytest.fixture
def site() -> str:
    return f"sim{uuid.uuid4().hex[:10]}"


class Subscriber:
    """A plain paho subscriber on ``SITE/#`` that keeps what arrives."""

    def __init__(self, broker: BrokerSettings, site: str) -> None:
        self.received: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()
        self._subscribed = threading.Event()
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"sub-{uuid.uuid4().hex[:8]}",
            protocol=MQTTProtocolVersion.MQTTv5,
        )
        self.client.on_message = self._on_message
        self.client.on_subscribe = lambda *_: self._subscribed.set()
        self.client.connect(broker.host, broker.port)
        self.client.loop_start()
        self.client.subscribe(f"{site}/#", qos=1)
        assert self._subscribed.wait(10), "no SUBACK"

    def _on_message(self, _c: object, _u: object, msg: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.received.append((msg.topic, bytes(msg.payload)))

    def wait_for(self, count: int, timeout: float = 15.0, settle: float = 0.3) -> int:
        """Wait until ``count`` arrived (then a moment longer, to see any extra)."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(settle)
        return len(self.received)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def clear_retained(broker: BrokerSettings, topics: set[str]) -> None:
    """Empty retained messages delete what the test left on the broker."""
    if not topics:
        return
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"clr-{uuid.uuid4().hex[:8]}")
    client.connect(broker.host, broker.port)
    client.loop_start()
    try:
        for info in [client.publish(t, b"", qos=1, retain=True) for t in topics]:
            info.wait_for_publish(timeout=10)
    finally:
        client.disconnect()
        client.loop_stop()


def test_what_the_publisher_counts_is_what_arrives(broker: BrokerSettings, site: str) -> None:
    config = SimConfig(rate=150, malformed_share=0.05, announce=True)
    fleet = synthetic_fleet(2)
    sim = Simulator(fleet, start=datetime.now(UTC), site=site, seed=7, config=config)
    messages = list(sim.messages(2.0))
    meant = {(m.topic, m.payload): m.malformed for m in messages}
    subscriber = Subscriber(broker, site)
    try:
        with SimPublisher(broker, window=50) as publisher:
            started = time.monotonic()
            summary = publisher.publish(messages, paced=True)
            took = time.monotonic() - started
        arrived = subscriber.wait_for(summary.total)
    finally:
        subscriber.close()
        clear_retained(broker, {m.topic for m in messages if m.retain})

    assert summary.complete and summary.total == len(messages) > len(fleet) + 250
    assert 1.5 < took < 10  # paced over the two simulated seconds
    assert summary.malformed.total() == sum(1 for m in messages if m.malformed) > 0
    assert summary.retained == sum(m.retain for m in messages) >= len(fleet)
    assert arrived == summary.acked == summary.total
    assert Counter(subscriber.received) == Counter((m.topic, m.payload) for m in messages)
    for topic, payload in subscriber.received:
        result = parse(topic, payload, datetime.now(UTC))
        if meant[(topic, payload)]:
            assert isinstance(result, Rejected), (topic, payload)
        else:
            assert not isinstance(result, Rejected), (result.reason, topic, payload)


def test_simulate_command_reads_the_registry_and_reports_what_it_sent(
    broker: BrokerSettings, site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    store = Store(db)
    try:
        upgrade(store.engine)
        with store.transaction() as tx:
            tx.conn.execute(
                insert(table_of(Device)),
                [
                    {"id": f"T-{kind[:2].upper()}-{i}", "kind": kind, "name": f"{kind} {i}"}
                    for kind in ("arc_fault", "camera", "elevator", "mobile")
                    for i in range(8)
                ],
            )
    finally:
        store.close()
    subscriber = Subscriber(broker, site)
    try:
        url = f"mqtt://{broker.host}:{broker.port}"
        argv = ["simulate", "--broker", url, "--rate", "80", "--duration", "1.5",
                "--site", site, "--seed", "3", "--malformed", "0.05", "--db", db]  # fmt: skip
        assert main(argv) == 0
        out = capsys.readouterr().out
        sent = int(re.search(r"^sent (\d+) messages", out, re.M)[1])  # type: ignore[index]
        arrived = subscriber.wait_for(sent)
    finally:
        subscriber.close()
        clear_retained(broker, {t for t, _ in subscriber.received if t.endswith("/status")})
    assert "simulating 32 devices" in out and f"{sent} acknowledged" in out
    assert arrived == sent > 20
    assert {t.split("/")[2] for t, _ in subscriber.received} >= {"T-AR-0", "T-CA-0"}


def test_an_unreachable_broker_is_a_clear_error() -> None:
    with pytest.raises(ServiceError, match="cannot reach the broker"):
        SimPublisher(BrokerSettings(port=free_port()), timeout_s=2).connect()


def test_a_broker_of_mqtt_3_1_1_only_gets_every_message_through_the_bus_fallback(
    broker: BrokerSettings, site: str
) -> None:
    sim = Simulator(synthetic_fleet(1), start=datetime.now(UTC), site=site, seed=5,
                    config=SimConfig(rate=100, malformed_share=0.05, announce=True))  # fmt: skip
    messages = list(sim.messages(1.0))
    subscriber = Subscriber(broker, site)
    try:
        with Mqtt311Only(f"mqtt://{broker.host}:{broker.port}") as old:
            settings = replace(broker, host="127.0.0.1", port=old.port)
            with SimPublisher(settings, window=20, timeout_s=15) as publisher:
                summary = publisher.publish(messages, paced=False)
        arrived = subscriber.wait_for(summary.total)
    finally:
        subscriber.close()
        clear_retained(broker, {m.topic for m in messages if m.retain})
    assert (old.refused_v5, old.passed, summary.protocol) == (1, 1, "3.1.1")
    assert summary.complete and summary.acked == summary.total == len(messages) > 50
    assert arrived == summary.total
    assert Counter(subscriber.received) == Counter((m.topic, m.payload) for m in messages)


def test_simulate_against_an_unreachable_broker_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"mqtt://127.0.0.1:{free_port()}"
    argv = ["simulate", "--broker", url, "--synthetic", "--duration", "1", "--rate", "10"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"\S+: error: cannot reach the broker at 127\.0\.0\.1:\d+: .+\n", err), err
