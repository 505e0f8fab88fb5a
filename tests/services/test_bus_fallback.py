"""The bus's one fallback from MQTT 5 to 3.1.1, against a broker that speaks 3.1.1
only (a proxy in front of a throwaway Mosquitto that turns MQTT 5 away), in the
background (``start``, as the ingest connects) and at once (``connect``, as the
simulator's publisher does); and no fallback when MQTT 5 was asked for."""

from __future__ import annotations

import queue
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from services.bus import BrokerSettings, Inbound, MqttBus
from services.errors import ServiceError
from tests.support.servers import Mqtt311Only, ThrowawayMosquitto


@pytest.fixture
def old_broker(tmp_path: Path) -> Iterator[tuple[Mqtt311Only, BrokerSettings]]:
    with ThrowawayMosquitto(tmp_path / "mqtt") as server, Mqtt311Only(server.url) as old:
        yield old, BrokerSettings.from_url(old.url, client_id=f"t-{uuid.uuid4().hex[:8]}")


def test_started_in_the_background_the_bus_falls_back_and_keeps_its_subscriptions(
    old_broker: tuple[Mqtt311Only, BrokerSettings],
) -> None:
    old, settings = old_broker
    received: queue.Queue[Inbound] = queue.Queue()
    acknowledged = threading.Event()
    bus = MqttBus(settings, received.put)
    bus.subscribe("old/#", qos=1)
    bus.on_published(lambda accepted: acknowledged.set() if accepted else None)
    bus.start()
    try:
        assert bus.wait_subscribed(15), "no SUBACK over MQTT 3.1.1"
        assert (bus.protocol_name, old.refused_v5, old.passed) == ("3.1.1", 1, 1)
        assert bus.publish("old/x", b"hello", qos=1)
        assert acknowledged.wait(10), "no PUBACK"
        m = received.get(timeout=10)
        assert (m.topic, m.payload, m.qos) == ("old/x", b"hello", 1)
        bus.ack(m.mid, m.qos)
    finally:
        bus.stop()


def test_connected_at_once_the_bus_falls_back_too(
    old_broker: tuple[Mqtt311Only, BrokerSettings],
) -> None:
    old, settings = old_broker
    bus = MqttBus(settings, persistent=False)
    try:
        bus.connect(timeout=15)
        assert bus.connected and bus.protocol_name == "3.1.1"
        assert (old.refused_v5, old.passed) == (1, 1)
    finally:
        bus.stop()


def test_asked_for_mqtt_5_the_bus_does_not_fall_back_but_says_so(
    old_broker: tuple[Mqtt311Only, BrokerSettings],
) -> None:
    old, settings = old_broker
    bus = MqttBus(replace(settings, protocol="5"), persistent=False)
    with pytest.raises(ServiceError, match=r"^the broker at 127\.0\.0\.1:\d+ refused the conn"):
        bus.connect(timeout=15)
    assert (old.refused_v5, old.passed) == (1, 0)
