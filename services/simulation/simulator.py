"""A deterministic traffic generator for a district's devices (no broker here).

Given the devices (from the registry, ``devices_from_store``) and a seed, it
yields the messages the district would send, in time order:

- steady telemetry: every arc-fault sensor reports current and temperature at a
  fixed interval; property cameras send heartbeats (inactive, count 0);
- incidents of every kind and type, a start and, after a realistic while, its
  end (mobile evidence is one message);
- bursts: a power dip trips most arc-fault sensors within a second or two;
- devices going offline (a retained ``offline``, as their last will would) and
  back online (a retained ``{"online": true}``);
- malformed messages at a configurable share, each broken in one known way.

Events are QoS 1 and never retained; status is retained.  ``rate`` sets the
average messages per second of simulated time; the telemetry interval and
incident frequencies are derived from it and the device counts.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from services.alerts.messages import DeviceKind
from services.errors import ValidationError
from services.simulation import payloads as pl
from services.simulation.fleet import DISTRICT_CENTRE, SimDevice

log = logging.getLogger(__name__)

#: How likely a device of each kind is to report an incident, relative to others.
PROPENSITY = {
    DeviceKind.CAMERA: 1.0,
    DeviceKind.ELEVATOR: 1.0,
    DeviceKind.ARC_FAULT: 0.3,
    DeviceKind.EAGLE_EYE: 5.0,
    DeviceKind.NONMOTOR_PROBE: 4.0,
    DeviceKind.STOREFRONT_PROBE: 4.0,
    DeviceKind.MOBILE: 3.0,
}


@dataclass(frozen=True, slots=True)
class SimMessage:
    topic: str
    payload: bytes
    qos: int
    retain: bool
    at: datetime  # simulated time it is sent
    kind: str  # device kind ("?" where a malformed topic has none)
    channel: str
    malformed: str = ""  # what is wrong with it (payloads.MALFORMED), "" if valid
    burst: bool = False


@dataclass(frozen=True)
class SimConfig:
    """How much of what.  Of the ``rate``, incidents take up to ``incident_share``
    (and a device of propensity 1 has one every ``incident_gap_s`` at most on
    average), outages up to ``outage_share`` (one per device per
    ``outage_gap_s`` at most); telemetry and heartbeats share the rest in the
    ratio of their shares; ``malformed_share`` of all messages are malformed."""

    rate: float = 20.0  # messages per second of simulated time, on average
    malformed_share: float = 0.01
    telemetry_share: float = 0.8
    heartbeat_share: float = 0.2
    incident_share: float = 0.4
    incident_gap_s: float = 300.0
    outage_share: float = 0.05
    outage_gap_s: float = 3600.0
    burst_every_s: float = 900.0  # mean time between power dips; 0: none
    burst_fraction: tuple[float, float] = (0.5, 0.9)  # of the arc-fault sensors
    offline_s: tuple[float, float] = (20.0, 300.0)  # how long an outage lasts
    announce: bool = False  # every device publishes "online" first


Action = Callable[[float], Iterable[SimMessage]]


class Simulator:
    def __init__(
        self,
        devices: Iterable[SimDevice],
        *,
        start: datetime,
        site: str = "youyi",
        seed: int = 1,
        config: SimConfig | None = None,
    ) -> None:
        self.devices = sorted(devices, key=lambda d: d.id)
        if not self.devices:
            raise ValidationError("no devices to simulate")
        if start.tzinfo is None:
            raise ValidationError("the simulation start needs a time zone")
        self.start, self.site, self.config = start, site, config or SimConfig()
        if self.config.rate <= 0 or not 0 <= self.config.malformed_share < 1:
            raise ValidationError("the rate must be positive, the malformed share in [0, 1)")
        self.rng = random.Random(seed)
        self._by_kind = {k: [d for d in self.devices if d.kind is k] for k in DeviceKind}
        self._bases = {d.id: pl.baseline(self.rng) for d in self._by_kind[DeviceKind.ARC_FAULT]}
        self._offline: set[str] = set()
        self._open: set[tuple[str, str]] = set()
        self._serial = itertools.count(1)
        self._heap: list[tuple[float, int, Action]] = []
        self._seq = itertools.count()
        self._cum_weights = list(itertools.accumulate(PROPENSITY[d.kind] for d in self.devices))
        self._rates = self._stream_rates()

    def _stream_rates(self) -> dict[str, float]:
        """Events per second of each stream.  Incidents and outages are capped by
        what the fleet can plausibly have, telemetry and heartbeats take the rest
        (from once a second to once an hour per device); malformed messages are
        their share of what the fleet then sends."""
        c, n = self.config, self._by_kind
        budget = c.rate * (1 - c.malformed_share)
        incidents = min(budget * c.incident_share, 2 * self._cum_weights[-1] / c.incident_gap_s)
        outages = min(budget * c.outage_share, 2 * len(self.devices) / c.outage_gap_s)
        reporters = {
            "telemetry": (len(n[DeviceKind.ARC_FAULT]), c.telemetry_share),
            "heartbeat": (len(n[DeviceKind.CAMERA]), c.heartbeat_share),
        }
        shares = sum(share for count, share in reporters.values() if count) or 1.0
        rest = max(0.0, budget - incidents - outages) / shares
        rates = {
            name: min(float(count), max(count / 3600, share * rest)) if count else 0.0
            for name, (count, share) in reporters.items()
        }
        valid = sum(rates.values()) + incidents + outages
        rates["incident"] = incidents / 2  # a start and an end each
        rates["availability"] = outages / 2  # offline and back online
        rates["malformed"] = valid * c.malformed_share / (1 - c.malformed_share)
        return rates

    def expected_rate(self) -> float:
        """Messages per second this fleet sends on average: the rate asked for, or
        less where a sensor would have to report more than once a second."""
        r = self._rates
        return (
            r["telemetry"]
            + r["heartbeat"]
            + 2 * (r["incident"] + r["availability"])
            + r["malformed"]
        )

    def interval_s(self, stream: str) -> float:
        """Seconds between two reports of one device (telemetry, heartbeat)."""
        kind = DeviceKind.ARC_FAULT if stream == "telemetry" else DeviceKind.CAMERA
        rate = self._rates[stream]
        return len(self._by_kind[kind]) / rate if rate else 0.0

    # --- the schedule -----------------------------------------------------------

    def messages(self, duration_s: float) -> Iterator[SimMessage]:
        """The messages of ``duration_s`` seconds from ``start``, in time order
        (once per simulator: it keeps the state of the devices)."""
        if self.config.announce:
            for d in self.devices:
                self._at(0.0, partial(self._status_list, d, online=True))
        for stream, kind in (("telemetry", DeviceKind.ARC_FAULT), ("heartbeat", DeviceKind.CAMERA)):
            every = self.interval_s(stream)
            for d in self._by_kind[kind] if every else []:
                self._at(self.rng.uniform(0, every), self._periodic(stream, d, every))
        streams: list[tuple[str, Action]] = [
            ("incident", self._incident),
            ("availability", self._outage),
            ("malformed", self._malformed),
        ]
        for stream, fire in streams:
            self._poisson(self._rates[stream], fire)
        if self.config.burst_every_s and self._by_kind[DeviceKind.ARC_FAULT]:
            self._poisson(1 / self.config.burst_every_s, self._burst)
        while self._heap:
            t, _, action = heapq.heappop(self._heap)
            if t >= duration_s:
                break
            yield from action(t)
        self._heap.clear()

    def _at(self, t: float, action: Action) -> None:
        heapq.heappush(self._heap, (t, next(self._seq), action))

    def _poisson(self, rate: float, action: Action) -> None:
        if rate <= 0:
            return

        def fire(t: float) -> Iterable[SimMessage]:
            self._at(t + self.rng.expovariate(rate), fire)
            return action(t)

        self._at(self.rng.expovariate(rate), fire)

    def _periodic(self, stream: str, device: SimDevice, every: float) -> Action:
        def fire(t: float) -> Iterable[SimMessage]:
            self._at(t + every * self.rng.uniform(0.97, 1.03), fire)
            if device.id in self._offline:
                return []
            at = self._time(t)
            if stream == "telemetry":
                body = pl.telemetry(self.rng, self._bases[device.id], at)
                return [self._message(device, "telemetry", body, t)]
            return [self._message(device, "event", pl.heartbeat(self.rng, at), t)]

        return fire

    # --- what happens -------------------------------------------------------------

    def _incident(self, t: float) -> list[SimMessage]:
        device = self.rng.choices(self.devices, cum_weights=self._cum_weights)[0]
        weights = pl.TYPE_WEIGHTS[device.kind]
        alert_type = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        return self._start(device, alert_type, t)

    def _start(
        self, device: SimDevice, alert_type: str, t: float, burst: bool = False
    ) -> list[SimMessage]:
        key = (device.id, alert_type)
        if device.id in self._offline or key in self._open:
            return []
        position = (device.lon or DISTRICT_CENTRE[0], device.lat or DISTRICT_CENTRE[1])
        fields = pl.event_fields(
            self.rng, device.kind, device.id, alert_type, next(self._serial), position
        )
        started = self._time(t)
        start = self._message(
            device, "event", pl.start_payload(device.kind, fields, started), t, burst=burst
        )
        if device.kind is DeviceKind.MOBILE:
            return [start]
        self._open.add(key)
        low, high = pl.DURATION_S[alert_type]

        def end(t_end: float) -> list[SimMessage]:
            if device.id in self._offline:  # it tells once it is back
                self._at(t_end + 30, end)
                return []
            self._open.discard(key)
            body = pl.end_payload(device.kind, fields, started, self._time(t_end))
            return [self._message(device, "event", body, t_end, burst=burst)]

        self._at(t + self.rng.uniform(low, high), end)
        return [start]

    def _burst(self, t: float) -> list[SimMessage]:
        """A power dip: most arc-fault sensors trip within a second or two."""
        sensors = self._by_kind[DeviceKind.ARC_FAULT]
        tripped = self.rng.sample(
            sensors, round(len(sensors) * self.rng.uniform(*self.config.burst_fraction))
        )
        log.debug("power dip at +%.0f s trips %d arc-fault sensors", t, len(tripped))
        for d in tripped:
            alert_type = self.rng.choice(("arc_detected", "residual_current_high"))
            self._at(t + self.rng.uniform(0, 1.5), partial(self._start, d, alert_type, burst=True))
        return []

    def _outage(self, t: float) -> list[SimMessage]:
        device = self.rng.choice(self.devices)
        if device.id in self._offline:
            return []
        self._offline.add(device.id)

        def back(t_back: float) -> list[SimMessage]:
            self._offline.discard(device.id)
            return [self._status(device, t_back, True)]

        self._at(t + self.rng.uniform(*self.config.offline_s), back)
        return [self._status(device, t, False)]

    def _malformed(self, t: float) -> list[SimMessage]:
        device = self.rng.choice(self.devices)
        weights = pl.TYPE_WEIGHTS[device.kind]
        position = (device.lon or DISTRICT_CENTRE[0], device.lat or DISTRICT_CENTRE[1])
        fields = pl.event_fields(
            self.rng, device.kind, device.id, next(iter(weights)), next(self._serial), position
        )
        valid = pl.start_payload(device.kind, fields, self._time(t))
        what, topic, payload = pl.malformed(
            self.rng, self.site, device.kind, device.id, valid, self._time(t)
        )
        parts = topic.split("/")
        kind = parts[1] if len(parts) == 4 and parts[1] in DeviceKind._value2member_map_ else "?"
        channel = parts[3] if len(parts) == 4 else "?"
        return [SimMessage(topic, payload, 1, False, self._time(t), kind, channel, what)]

    # --- messages -------------------------------------------------------------------

    def _status_list(self, device: SimDevice, t: float, *, online: bool) -> list[SimMessage]:
        return [self._status(device, t, online)]

    def _status(self, device: SimDevice, t: float, online: bool) -> SimMessage:
        if online:
            payload = pl.encode({"online": True, "ts": pl.stamp(device.kind, self._time(t))})
        else:  # what a last will says: often the bare word, sometimes JSON without time
            payload = self.rng.choice((b"offline", b'{"online":false}'))
        topic = f"{self.site}/{device.kind.value}/{device.id}/status"
        return SimMessage(topic, payload, 1, True, self._time(t), device.kind.value, "status")

    def _message(
        self, device: SimDevice, channel: str, body: object, t: float, burst: bool = False
    ) -> SimMessage:
        topic = f"{self.site}/{device.kind.value}/{device.id}/{channel}"
        return SimMessage(
            topic, pl.encode(body), 1, False, self._time(t), device.kind.value, channel, burst=burst
        )

    def _time(self, t: float) -> datetime:
        return self.start + timedelta(milliseconds=round(t * 1000))
