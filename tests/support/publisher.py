"""A test publisher: N QoS 1 alerts with a persistent session, resilient to
broker restarts (paho queues while disconnected and resends in-flight ones)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from tests.support.ingest import DEVICES


def delivery_payload(i: int) -> bytes:
    """For the delivery tests' minimal parser."""
    return json.dumps({"id": i, "ts": 1_795_000_000 + i}).encode()


def elevator_payload(i: int) -> bytes:
    """A real smart-elevator event (services.alerts.schemas), over-speed: no rule
    raises an order for it, so the test counts alerts only."""
    at = datetime(2026, 11, 23, 2, 0, tzinfo=UTC) + timedelta(seconds=i)
    return json.dumps(
        {
            "event_id": f"evt-{i}",
            "type": "over_speed",
            "floor": 1 + i % 30,
            "car_id": "A",
            "ts": at.isoformat(),
            "state": "start",
        }
    ).encode()


class Publisher:
    def __init__(
        self, host: str, port: int, site: str, payload: Callable[[int], bytes] | None = None
    ) -> None:
        self.site = site
        self.payload = payload or delivery_payload
        self.acked = 0
        self._lock = threading.Lock()
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"pub-{uuid.uuid4().hex[:8]}",
            clean_session=False,
            protocol=mqtt.MQTTv311,
        )
        self.client.max_inflight_messages_set(200)
        self.client.max_queued_messages_set(0)
        self.client.reconnect_delay_set(0.2, 1)
        self.client.on_publish = self._on_publish
        connected = threading.Event()
        self.client.on_connect = lambda *_args: connected.set()
        self.client.connect(host, port)
        self.client.loop_start()
        # paho accepts publishes before the CONNACK, but a message queued then
        # can be dropped when the session starts: send only once connected.
        if not connected.wait(10):
            raise TimeoutError(f"publisher could not connect to {host}:{port}")

    def _on_publish(self, *_args: object) -> None:
        with self._lock:
            self.acked += 1

    def send(self, start: int, count: int, pause_every: int = 0, pause_s: float = 0.0) -> None:
        for i in range(start, start + count):
            device = DEVICES[i % len(DEVICES)]
            self.client.publish(f"{self.site}/elevator/{device}/event", self.payload(i), qos=1)
            if pause_every and i % pause_every == 0:
                time.sleep(pause_s)

    def wait_acked(self, total: int, timeout: float = 120) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.acked >= total:
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()
