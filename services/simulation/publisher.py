"""Publish simulated traffic to a broker, through the bus (``services.bus``).

The bus makes the connection (MQTT 5 where the broker offers it, 3.1.1
otherwise; TLS, credentials, reconnects); here are QoS 1 and a bounded
in-flight window: at most ``window`` messages wait for their PUBACK, so a slow
broker slows the publisher instead of filling its memory.  Messages go out at
their simulated times (``paced``) or as fast as the window allows.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from services.bus import BrokerSettings, MqttBus
from services.errors import ServiceError
from services.simulation.simulator import SimMessage

log = logging.getLogger(__name__)


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
        self._bus: MqttBus | None = None

    def __enter__(self) -> SimPublisher:
        self.connect()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def connect(self) -> None:
        """Connect, or raise a one-line ``ServiceError`` saying why not."""
        own = replace(self.settings, client_id=f"youyi-sim-{uuid.uuid4().hex[:8]}")
        bus = MqttBus(own, persistent=False, inflight=self.window)
        bus.on_published(self._on_published)
        bus.connect(self.timeout_s)
        self._bus = bus
        self.summary.protocol = bus.protocol_name
        log.info("publishing to %s (MQTT %s)", bus.where, bus.protocol_name)

    def publish(self, messages: Iterable[SimMessage], *, paced: bool = True) -> PublishSummary:
        """Send them all (at their simulated times when ``paced``) and wait for the
        acknowledgements; the summary also grows while this runs (``summary``)."""
        if self._bus is None:
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
                self._send(self._bus, m)
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
        bus, self._bus = self._bus, None
        if bus is not None:
            bus.stop()

    def _send(self, bus: MqttBus, m: SimMessage) -> None:
        with self._lock:
            if m.malformed:
                self.summary.malformed[m.malformed] += 1
            else:
                self.summary.sent[(m.kind, m.channel)] += 1
            self.summary.retained += m.retain
            self.summary.burst += m.burst
        if not bus.publish(m.topic, m.payload, qos=m.qos, retain=m.retain):
            with self._lock:
                self.summary.failed += 1
            self._slots.release()

    def _on_published(self, accepted: bool) -> None:  # paho's network thread
        with self._lock:
            if accepted:
                self.summary.acked += 1
            else:
                self.summary.refused += 1
        self._slots.release()
