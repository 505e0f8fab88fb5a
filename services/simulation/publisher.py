"""Publish simulated traffic to a broker (paho-mqtt 2.x).

MQTT 5 where the broker offers it (3.1.1 otherwise), QoS 1, and a bounded
in-flight window: at most ``window`` messages wait for their PUBACK, so a slow
broker slows the publisher instead of filling its memory.  Messages go out at
their simulated times (``paced``) or as fast as the window allows.
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion

from services.bus import BrokerSettings
from services.errors import ServiceError
from services.simulation.simulator import SimMessage

log = logging.getLogger(__name__)

UNSUPPORTED_PROTOCOL = 132  # MQTT 5 CONNACK "Unsupported Protocol Version"


@dataclass
class PublishSummary:
    sent: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, channel)
    malformed: Counter[str] = field(default_factory=Counter)  # what is wrong
    retained: int = 0
    burst: int = 0
    acked: int = 0
    refused: int = 0  # PUBACK with a failure reason (MQTT 5)
    failed: int = 0  # paho would not take it
    stalled: bool = False  # the broker stopped acknowledging
    elapsed_s: float = 0.0
    protocol: str = ""

    @property
    def total(self) -> int:
        return self.sent.total() + self.malformed.total()

    @property
    def complete(self) -> bool:
        return self.acked == self.total and not (self.refused or self.failed or self.stalled)

    def report(self) -> str:
        rate = self.total / self.elapsed_s if self.elapsed_s else 0.0
        lines = [
            f"sent {self.total} messages in {self.elapsed_s:.1f} s ({rate:.0f}/s, "
            f"MQTT {self.protocol}): {self.acked} acknowledged, {self.refused} refused, "
            f"{self.failed} failed{', STALLED' if self.stalled else ''}"
        ]
        channels = sorted({c for _, c in self.sent})
        lines.append(f"  {'kind':<18}" + "".join(f"{c:>11}" for c in channels))
        for kind in sorted({k for k, _ in self.sent}):
            counts = "".join(f"{self.sent[(kind, c)]:>11}" for c in channels)
            lines.append(f"  {kind:<18}{counts}")
        lines.append(f"  retained (status) {self.retained}, in power-dip bursts {self.burst}")
        detail = ", ".join(f"{name} {n}" for name, n in sorted(self.malformed.items()))
        lines.append(f"  malformed {self.malformed.total()}" + (f" ({detail})" if detail else ""))
        return "\n".join(lines)


class SimPublisher:
    """One connection; ``publish`` may be called more than once; then ``close``."""

    def __init__(
        self, settings: BrokerSettings, *, window: int = 100, timeout_s: float = 30.0
    ) -> None:
        self.settings = settings
        self.window = max(1, window)
        self.timeout_s = timeout_s
        self.summary = PublishSummary()
        self._slots = threading.Semaphore(self.window)
        self._lock = threading.Lock()
        self._connected = threading.Event()
        self._refusal: Any = None
        self._client: mqtt.Client | None = None

    def __enter__(self) -> SimPublisher:
        self.connect()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def connect(self) -> None:
        s = self.settings
        wanted = {"5": [MQTTProtocolVersion.MQTTv5], "3.1.1": [MQTTProtocolVersion.MQTTv311]}
        auto = [MQTTProtocolVersion.MQTTv5, MQTTProtocolVersion.MQTTv311]
        for protocol in wanted.get(s.protocol, auto):
            client = self._make_client(protocol)
            self._connected.clear()
            try:
                client.connect(s.host, s.port, keepalive=s.keepalive_s)
            except (OSError, ValueError) as exc:
                raise ServiceError(f"cannot reach the broker at {s.host}:{s.port}: {exc}") from exc
            client.loop_start()
            answered = self._connected.wait(self.timeout_s)
            if answered and self._refusal is None:
                self._client = client
                self.summary.protocol = "5" if protocol == MQTTProtocolVersion.MQTTv5 else "3.1.1"
                log.info("publishing to %s:%s (MQTT %s)", s.host, s.port, self.summary.protocol)
                return
            client.disconnect()
            client.loop_stop()
            refusal, self._refusal = self._refusal, None
            if answered and getattr(refusal, "value", None) in (1, UNSUPPORTED_PROTOCOL):
                log.info("broker does not speak MQTT 5; trying 3.1.1")
                continue
            why = f"refused the connection: {refusal}" if answered else "did not answer"
            raise ServiceError(f"the broker at {s.host}:{s.port} {why}")
        raise ServiceError(f"the broker at {s.host}:{s.port} speaks no MQTT version we do")

    def publish(self, messages: Iterable[SimMessage], *, paced: bool = True) -> PublishSummary:
        """Send them all (at their simulated times when ``paced``) and wait for the
        acknowledgements; the summary also grows while this runs (``summary``)."""
        if self._client is None:
            raise ServiceError("not connected: call connect() first")
        started = time.monotonic()
        first = None
        try:
            for m in messages:
                first = first or m.at
                if paced:
                    delay = (m.at - first).total_seconds() - (time.monotonic() - started)
                    if delay > 0:
                        time.sleep(delay)
                if not self._slots.acquire(timeout=self.timeout_s):
                    self.summary.stalled = True
                    log.warning("no acknowledgement for %.0f s: stopping", self.timeout_s)
                    break
                self._send(self._client, m)
            self.wait_acknowledged()
        finally:
            self.summary.elapsed_s += time.monotonic() - started
        return self.summary

    def wait_acknowledged(self) -> bool:
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                s = self.summary
                if s.acked + s.refused + s.failed >= s.total:
                    return True
            time.sleep(0.01)
        return False

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.disconnect()
            client.loop_stop()

    def _send(self, client: mqtt.Client, m: SimMessage) -> None:
        with self._lock:
            if m.malformed:
                self.summary.malformed[m.malformed] += 1
            else:
                self.summary.sent[(m.kind, m.channel)] += 1
            self.summary.retained += m.retain
            self.summary.burst += m.burst
        try:
            info = client.publish(m.topic, m.payload, qos=m.qos, retain=m.retain)
            ok = info.rc in (MQTTErrorCode.MQTT_ERR_SUCCESS, MQTTErrorCode.MQTT_ERR_NO_CONN)
        except ValueError:  # a topic paho refuses outright
            ok = False
        if not ok:
            with self._lock:
                self.summary.failed += 1
            self._slots.release()

    # --- paho callbacks (network thread) ---------------------------------------

    def _make_client(self, protocol: MQTTProtocolVersion) -> mqtt.Client:
        s = self.settings
        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"youyi-sim-{uuid.uuid4().hex[:8]}",
            protocol=protocol,
        )
        client.max_inflight_messages_set(self.window)
        client.max_queued_messages_set(0)
        client.reconnect_delay_set(min_delay=1, max_delay=10)
        if s.username:
            client.username_pw_set(s.username, s.password)
        if s.tls:
            client.tls_set(cert_reqs=ssl.CERT_REQUIRED)
        client.on_connect = self._on_connect
        client.on_publish = self._on_publish
        client.on_disconnect = self._on_disconnect
        return client

    def _on_connect(self, _c: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        self._refusal = reason if reason.is_failure else None
        self._connected.set()

    def _on_publish(self, _c: mqtt.Client, _u: Any, _mid: int, reason: Any, _p: Any) -> None:
        with self._lock:
            if reason.is_failure:
                self.summary.refused += 1
            else:
                self.summary.acked += 1
        self._slots.release()

    def _on_disconnect(self, _c: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        if self._client is not None:
            log.info("disconnected from the broker (%s); reconnecting", reason)
