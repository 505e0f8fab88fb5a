"""Traffic for the ingest benchmark: streams of alerts made by the simulator and
checked one by one, published QoS 1 from child processes, and a bare paho
subscriber that only counts what it receives (see ``bench_ingest``)."""

from __future__ import annotations

import cProfile
import itertools
import multiprocessing as mp
import random
import threading
import time
import uuid
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

from services.alerts.messages import AlertIn, DeviceKind, Parsed
from services.alerts.parse import parse
from services.ingest.service import IngestService
from services.ingest.writer import BatchResult
from services.simulation import payloads as pl
from services.simulation.fleet import SimDevice
from services.simulation.simulator import SimConfig, Simulator
from tests.bench.raw_publisher import publish_raw

SITE = "youyi"
V5 = MQTTProtocolVersion.MQTTv5


@dataclass(frozen=True)
class Stream:
    topics: list[str]
    payloads: list[bytes]
    keys: list[str]

    def part(self, start: int, stop: int) -> Stream:
        s = slice(start, stop)
        return Stream(self.topics[s], self.payloads[s], self.keys[s])


def _realistic(devices: Sequence[SimDevice], start: datetime) -> Iterator[tuple[str, bytes]]:
    # Incidents only (telemetry and heartbeats at their floor, once an hour a device),
    # a device of propensity 1 starting one about every minute.
    config = SimConfig(
        rate=100, malformed_share=0, telemetry_share=0, heartbeat_share=0, incident_share=1,
        outage_share=0, incident_gap_s=60,
    )  # fmt: skip
    for m in Simulator(devices, start=start, site=SITE, config=config).messages(7200):
        yield m.topic, m.payload


def _plain(devices: Sequence[SimDevice], start: datetime) -> Iterator[tuple[str, bytes]]:
    elevators = [d for d in devices if d.kind is DeviceKind.ELEVATOR]
    rng = random.Random(1)
    for i in itertools.count():
        d = elevators[i % len(elevators)]
        fields = pl.event_fields(rng, d.kind, d.id, "over_speed", i, (0.0, 0.0))
        body = pl.start_payload(d.kind, fields, start + timedelta(milliseconds=i))
        yield f"{SITE}/{d.kind.value}/{d.id}/event", pl.encode(body)


def alert_stream(devices: Sequence[SimDevice], n: int, mix: str) -> Stream:
    """``n`` messages, each an alert with an event key of its own (checked by
    parsing it); other messages of the simulator are left out."""
    now = datetime.now(UTC)
    source = (_realistic if mix == "realistic" else _plain)(devices, now - timedelta(hours=2))
    topics, payloads, keys, seen = [], [], [], set()
    for topic, payload in source:
        item = parse(topic, payload, now)
        if not isinstance(item, AlertIn) or item.heartbeat or item.event_key in seen:
            continue
        seen.add(item.event_key)
        topics.append(topic)
        payloads.append(payload)
        keys.append(item.event_key)
        if len(keys) == n:
            return Stream(topics, payloads, keys)
    raise RuntimeError(f"the {mix} stream gave only {len(keys)} of {n} alerts")


class Stamped:
    """Wraps the writer's ``write_batch``: the commit time of each event key (the
    first, should QoS 1 redeliver), optionally profiling the writes."""

    def __init__(self, service: IngestService, profile: cProfile.Profile | None) -> None:
        self.inner = service.writer.write_batch
        self.profile = profile
        self.committed: dict[str, float] = {}
        self.stored = 0
        service.writer.write_batch = self  # type: ignore[method-assign]

    def __call__(self, items: Sequence[Parsed]) -> BatchResult:
        if self.profile is not None:
            self.profile.enable()  # this (the writer) thread only
        try:
            result = self.inner(items)
        finally:
            if self.profile is not None:
                self.profile.disable()
        now = time.time()
        for item in items:
            if isinstance(item, AlertIn):
                self.committed.setdefault(item.event_key, now)
        self.stored += result.alerts
        return result


def storm_stream(
    devices: Sequence[SimDevice], at: datetime, site: str = SITE, aftermath: bool = False
) -> Stream:
    """A storm like a power dip and an evening of e-bikes at once, in waves over
    the whole district: every arc-fault sensor reports ``arc_detected`` (the
    message delivered twice, as QoS 1 may), then three repeats with event ids of
    their own, half a second apart; every elevator ``trapped_passenger`` and
    ``ebike_entering`` (each delivered twice).  ``aftermath`` adds, in the later
    waves, e-bikes seen again (new event ids, while their alarms are still within
    the hold time) and trapped passengers freed (the end of the event).  The
    keys list each message's event key (repeated for a redelivery)."""
    rng = random.Random(7)
    waves: list[list[tuple[str, bytes, str]]] = [[], [], [], []]

    def event(
        d: SimDevice, alert_type: str, serial: int, wave: int, times: int = 1, end: bool = False
    ) -> None:
        fields = pl.event_fields(rng, d.kind, d.id, alert_type, serial, (d.lon or 0, d.lat or 0))
        when = at + timedelta(milliseconds=500 * wave)
        body = pl.encode(
            pl.end_payload(d.kind, fields, at, when)
            if end
            else pl.start_payload(d.kind, fields, when)
        )
        topic = f"{site}/{d.kind.value}/{d.id}/event"
        item = parse(topic, body, at)
        if not isinstance(item, AlertIn) or item.clear is not end:
            raise RuntimeError(f"storm: {topic} {alert_type} did not parse as meant: {item}")
        waves[wave].extend([(topic, body, item.event_key)] * times)

    for d in devices:
        if d.kind is DeviceKind.ARC_FAULT:
            event(d, "arc_detected", 1, 0, times=2)
            for repeat in (1, 2, 3):
                event(d, "arc_detected", 1 + repeat, repeat)
        elif d.kind is DeviceKind.ELEVATOR:
            event(d, "trapped_passenger", 1, 0, times=2)
            event(d, "ebike_entering", 2, 0, times=2)
            if aftermath:
                event(d, "ebike_entering", 3, 1)
                event(d, "ebike_entering", 4, 2)
                event(d, "trapped_passenger", 1, 3, end=True)
    flat = [m for wave in waves for m in wave]
    return Stream([t for t, _, _ in flat], [p for _, p, _ in flat], [k for _, _, k in flat])


def publish(
    port: int, topics: list[str], payloads: list[bytes], rate: float, start_at: float = 0.0
) -> list[float]:
    """In a child process: connect, wait until the wall-clock ``start_at``, then
    publish QoS 1 at ``rate``/s (0: as fast as acks allow) and wait for every
    PUBACK; returns each message's time just before publish."""
    client = mqtt.Client(CallbackAPIVersion.VERSION2, f"pub-{uuid.uuid4().hex[:8]}", protocol=V5)
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    acked = [0]
    connected = threading.Event()

    def on_publish(*_a: object) -> None:  # paho's network thread, the only writer
        acked[0] += 1

    client.on_connect = lambda *_a: connected.set()
    client.on_publish = on_publish
    client.connect("127.0.0.1", port)
    client.loop_start()
    try:
        if not connected.wait(10):
            raise TimeoutError("publisher: no CONNACK in 10 s")
        if (wait := start_at - time.time()) > 0:
            time.sleep(wait)
        sent = [0.0] * len(topics)
        began = time.monotonic()
        for i, (topic, payload) in enumerate(zip(topics, payloads, strict=True)):
            if rate and (delay := i / rate - (time.monotonic() - began)) > 0:
                time.sleep(delay)
            sent[i] = time.time()
            client.publish(topic, payload, qos=1)
        deadline = time.monotonic() + 60 + len(topics) / 500
        while acked[0] < len(topics) and time.monotonic() < deadline:
            time.sleep(0.01)
        if acked[0] < len(topics):
            raise RuntimeError(f"publisher: {acked[0]} of {len(topics)} acknowledged")
        return sent
    finally:
        client.disconnect()
        client.loop_stop()


#: How the children publish: "raw" (tests/bench/raw_publisher.py: packets made
#: before the clock starts, a few µs of CPU a message) or "paho" (a paho client,
#: as much CPU a message as the subscriber it feeds).  ``--publisher`` sets it.
PUBLISHERS = {"raw": publish_raw, "paho": publish}
publisher = "raw"


def publish_from_children(
    port: int, stream: Stream, rate: float, processes: int = 1
) -> list[float]:
    """Publish ``stream`` from ``processes`` child processes at once, each a share
    of the devices (a device's messages stay in order, from one publisher) at its
    share of ``rate``; returns each message's publish time, in stream order.
    The publishers must not be what limits the bare subscriber, nor take the
    cores the service under test needs: see ``publisher``."""
    shares: list[list[int]] = [[] for _ in range(processes)]
    for i, topic in enumerate(stream.topics):
        shares[zlib.crc32(topic.encode()) % processes].append(i)
    shares = [share for share in shares if share]
    start_at = time.time() + 1.5 + 0.3 * len(shares)  # every child connected by then
    sent = [0.0] * len(stream.topics)
    with ProcessPoolExecutor(len(shares), mp_context=mp.get_context("spawn")) as pool:
        jobs = [
            pool.submit(
                PUBLISHERS[publisher],
                port,
                [stream.topics[i] for i in share],
                [stream.payloads[i] for i in share],
                rate * len(share) / len(stream.topics),
                start_at,
            )
            for share in shares
        ]
        for share, job in zip(shares, jobs, strict=True):
            times = job.result(timeout=120 + len(stream.keys) / (rate or 500))
            for i, t in zip(share, times, strict=True):
                sent[i] = t
    return sent


def bare_rate(port: int, stream: Stream, publishers: int = 1) -> float:
    """Messages/s a paho subscriber that only counts receives (first publish → last)."""
    n, got, last = len(stream.keys), [0], [0.0]
    done, subscribed = threading.Event(), threading.Event()

    def on_message(*_a: object) -> None:
        got[0] += 1
        last[0] = time.time()
        if got[0] == n:
            done.set()

    client = mqtt.Client(CallbackAPIVersion.VERSION2, f"bare-{uuid.uuid4().hex[:8]}", protocol=V5)
    client.on_message = on_message
    client.on_subscribe = lambda *_a: subscribed.set()
    client.on_connect = lambda c, *_a: c.subscribe(f"{SITE}/#", qos=1)
    client.connect("127.0.0.1", port)
    client.loop_start()
    try:
        if not subscribed.wait(10):
            raise TimeoutError("bare subscriber: no SUBACK in 10 s")
        sent = publish_from_children(port, stream, 0, publishers)
        if not done.wait(60 + n / 500):
            raise RuntimeError(f"bare subscriber received {got[0]} of {n}")
        return n / (last[0] - min(sent))
    finally:
        client.disconnect()
        client.loop_stop()
