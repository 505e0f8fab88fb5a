"""Ingest benchmark: Mosquitto → ingest pipeline → PostgreSQL, beside a bare
paho-mqtt subscriber receiving the same stream, in one run.

    .venv/bin/python -m tests.bench.bench_ingest [--alerts 20000] [--seconds 10]

1. Sustained rate: N smart-elevator alerts (real payloads, unique event ids,
   QoS 1) published as fast as the broker acknowledges, from a separate
   process.  "bare" is a paho subscriber that only counts them; "ours" is the
   ingest service (parse, batch, one transaction per batch with alarm folding,
   acknowledged after commit) until every alert is in the database.  Both
   clocks run from the first publish to the last message received / committed.
2. Latency, publish → committed, at 100 and at 5,000 alerts/s for a few
   seconds each (paced publishing; the send time travels in the event id, the
   commit time is taken when the writer's transaction returns).

A throwaway Mosquitto with the control room's settings, the machine's
PostgreSQL (or $YOUYI_TEST_PG) in a fresh schema with the demo district.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import text

from services.alerts.messages import AlertIn, Parsed
from services.bus import BrokerSettings
from services.db.store import Store
from services.ingest.service import IngestService
from services.ingest.writer import BatchResult
from tests.bench.bench_store import fresh_db
from tests.servers import MACHINE_PG, ThrowawayMosquitto, machine_postgres_url


def payload(event_id: str, floor: int) -> bytes:
    return msgspec.json.encode(
        {
            "event_id": event_id,
            "type": "over_speed",  # no hold time, no rule: alerts and alarms only
            "floor": floor,
            "car_id": "A",
            "ts": datetime.now(UTC).isoformat(),
            "state": "start",
        }
    )


def publish(
    port: int, site: str, devices: Sequence[str], count: int, rate: float, tag: str
) -> float:
    """In a child process: ``count`` alerts, paced at ``rate``/s (0: as fast as
    acks allow); returns the wall-clock time of the first publish."""
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-pub-{tag}")
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    acked = 0
    lock = threading.Lock()

    def on_publish(*_args: object) -> None:
        nonlocal acked
        with lock:
            acked += 1

    connected = threading.Event()
    client.on_publish = on_publish
    client.on_connect = lambda *_a: connected.set()
    client.connect("127.0.0.1", port)
    client.loop_start()
    if not connected.wait(10):
        raise TimeoutError("publisher could not connect")
    first = time.time()
    began = time.monotonic()
    for i in range(count):
        if rate:
            delay = i / rate - (time.monotonic() - began)
            if delay > 0:
                time.sleep(delay)
        device = devices[i % len(devices)]
        event_id = f"{tag}-{i}-{time.time_ns()}"
        client.publish(f"{site}/elevator/{device}/event", payload(event_id, 1 + i % 30), qos=1)
    deadline = time.monotonic() + 120
    while acked < count and time.monotonic() < deadline:
        time.sleep(0.01)
    client.disconnect()
    client.loop_stop()
    if acked < count:
        raise RuntimeError(f"only {acked} of {count} publishes acknowledged")
    return first


def run_publisher(port: int, site: str, devices: Sequence[str], count: int, rate: float) -> Any:
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(1)
    result = pool.apply_async(
        publish, (port, site, list(devices), count, rate, uuid.uuid4().hex[:6])
    )
    pool.close()
    return pool, result


def bare_rate(port: int, devices: Sequence[str], count: int) -> float:
    site = f"bare{uuid.uuid4().hex[:6]}"
    got = 0
    last = 0.0
    done = threading.Event()

    def on_message(*_args: object) -> None:
        nonlocal got, last
        got += 1
        last = time.time()
        if got >= count:
            done.set()

    subscribed = threading.Event()
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-sub-{site}")
    client.on_message = on_message
    client.on_subscribe = lambda *_a: subscribed.set()
    client.on_connect = lambda c, *_a: c.subscribe(f"{site}/#", qos=1)
    client.connect("127.0.0.1", port)
    client.loop_start()
    if not subscribed.wait(10):
        raise TimeoutError("bare subscriber: no SUBACK")
    pool, result = run_publisher(port, site, devices, count, 0)
    first = result.get(timeout=600)
    pool.join()
    if not done.wait(120):
        raise RuntimeError(f"bare subscriber got {got} of {count}")
    client.disconnect()
    client.loop_stop()
    return count / (last - first)


class Stamped:
    """Wraps the writer's write_batch: the commit time of every alert's event key."""

    def __init__(self, service: IngestService) -> None:
        self.inner = service.writer.write_batch
        self.committed: dict[str, float] = {}
        self.alerts = 0
        service.writer.write_batch = self  # type: ignore[method-assign]

    def __call__(self, items: Sequence[Parsed]) -> BatchResult:
        result = self.inner(items)
        now = time.time()
        for item in items:
            if isinstance(item, AlertIn):
                self.committed[item.event_key] = now
        self.alerts += result.alerts
        return result


def ours(store: Store, port: int, devices: Sequence[str], args: argparse.Namespace) -> None:
    site = f"ours{uuid.uuid4().hex[:6]}"
    settings = BrokerSettings.from_url(f"mqtt://127.0.0.1:{port}", client_id=f"bench-{site}")
    with tempfile.TemporaryDirectory() as tmp:
        service = IngestService(store, settings, site, spool_path=Path(tmp) / "spool.jsonl")
        stamped = Stamped(service)
        service.start()
        assert service.pipeline is not None
        if not service.pipeline.bus.wait_subscribed(15):
            raise TimeoutError("ingest: no SUBACK")
        try:
            rate = sustained(stamped, port, site, devices, args.alerts)
            print(f"ours: {rate:,.0f} alerts/s stored ({args.alerts:,} alerts)", flush=True)
            ours_rate.append(rate)  # read by main
            for target in args.rates:
                latency(stamped, port, site, devices, target, args.seconds)
        finally:
            service.stop()
    with store.reading() as conn:
        stored = conn.execute(text("SELECT count(*) FROM alerts")).scalar_one()
    print(f"alerts in the database: {stored:,}")


ours_rate: list[float] = []


def sustained(stamped: Stamped, port: int, site: str, devices: Sequence[str], n: int) -> float:
    before = stamped.alerts
    pool, result = run_publisher(port, site, devices, n, 0)
    first = result.get(timeout=600)
    pool.join()
    deadline = time.monotonic() + 600
    while stamped.alerts - before < n and time.monotonic() < deadline:
        time.sleep(0.01)
    if stamped.alerts - before != n:
        raise RuntimeError(f"stored {stamped.alerts - before} of {n}")
    return n / (max(stamped.committed.values()) - first)


def latency(
    stamped: Stamped, port: int, site: str, devices: Sequence[str], rate: int, seconds: float
) -> None:
    n = int(rate * seconds)
    before = stamped.alerts
    stamped.committed.clear()
    pool, result = run_publisher(port, site, devices, n, rate)
    first = result.get(timeout=600)
    pool.join()
    deadline = time.monotonic() + 120
    while stamped.alerts - before < n and time.monotonic() < deadline:
        time.sleep(0.01)
    lat = sorted(
        (at - int(key.rsplit("-", 1)[1]) / 1e9) * 1000 for key, at in stamped.committed.items()
    )
    if len(lat) != n:
        raise RuntimeError(f"{len(lat)} of {n} alerts stored")
    achieved = n / (max(stamped.committed.values()) - first)
    p50, p99 = statistics.quantiles(lat, n=100)[49], statistics.quantiles(lat, n=100)[98]
    print(
        f"latency at {rate:,}/s asked ({achieved:,.0f}/s stored): p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms, max {lat[-1]:.1f} ms ({n:,} alerts)",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> float:
    """Runs the benchmark; returns the ratio ours / bare."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--alerts", type=int, default=20_000)
    ap.add_argument("--seconds", type=float, default=10.0, help="per latency run")
    ap.add_argument(
        "--rates",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[100, 5000],
        help="alerts/s of the latency runs (default 100,5000)",
    )
    args = ap.parse_args(argv)
    pg = machine_postgres_url() or MACHINE_PG
    with (
        tempfile.TemporaryDirectory() as tmp,
        ThrowawayMosquitto() as broker,
        fresh_db("postgres", pg, Path(tmp)) as store,
    ):
        with store.reading() as conn:
            devices = list(
                conn.execute(text("SELECT id FROM devices WHERE kind = 'elevator' ORDER BY id"))
                .scalars()
                .all()
            )
        print(f"{len(devices)} elevators of the demo district, broker {broker.url}, {store.label}")
        bare = bare_rate(broker.port, devices, args.alerts)
        print(f"bare paho subscriber: {bare:,.0f} messages/s received", flush=True)
        ours(store, broker.port, devices, args)
        ratio = ours_rate[-1] / bare
        print(f"ratio ours / bare: {ratio:.2f}")
        return ratio


if __name__ == "__main__":
    main()
