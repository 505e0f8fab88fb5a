"""Ingest benchmark: Mosquitto → ingest pipeline → PostgreSQL, beside a bare
paho-mqtt subscriber receiving the same stream, in one run.

    .venv/bin/python -m tests.bench.bench_ingest                  # sustained, latency, storm
    .venv/bin/python -m tests.bench.bench_ingest --mix plain --phases sustained
    .venv/bin/python -m tests.bench.bench_ingest --phases workers --alerts 10000
    .venv/bin/python -m tests.bench.bench_ingest --profile /tmp/writer.prof   # cProfile the writer

The alerts: ``realistic`` (default) is the simulator's traffic of the demo
district (every kind, its type weights, starts and their ends) with everything
that is not an alert left out; ``plain`` is smart-elevator ``over_speed``
starts (no hold time, no rule) from the simulator's payload builders.  Every
message is parsed here first: each must be an alert (not telemetry, not a
heartbeat) with an event key of its own.

1. Sustained rate: ``--alerts`` alerts published QoS 1 as fast as the broker
   acknowledges, from ``--publishers`` processes at once (each a share of the
   devices), each writing packets encoded beforehand (``--publisher raw``,
   tests/bench/raw_publisher.py), so that the baseline is not the pace of a
   Python publisher and the publishers leave the cores to what is measured.
   First a bare paho subscriber (QoS 1, MQTT 5, only counting; the limit here
   is its own thread) receives them, then the same bytes on the same topics
   go to the ingest service (parse, batch, one transaction per batch with
   alarm folding and rules, PUBACK after commit).  Both clocks run from the
   first publish to the last message received / committed.
2. Latency, publish → committed, at each of ``--rates`` for ``--seconds``
   (paced): the publish time of every event key is taken just before its
   publish; "committed" is when the writer's ``write_batch`` returned.

3. Storm (``ingest_storm``): every arc-fault sensor and elevator at once, with
   the rules raising and dispatching an order per alarm.
4. Workers (``ingest_workers``, not by default): one and two headless
   ``youyi-console ingest`` processes sharing the topics.

After each phase the alerts table must have grown by exactly the alerts sent
and the quarantine must be empty, or the benchmark fails.  A throwaway
Mosquitto with the control room's settings; the machine's PostgreSQL (or
``--pg``) in a fresh schema with the demo district, dropped at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import logging
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from services.bus import BrokerSettings
from services.db.store import Store
from services.ingest.service import IngestService
from services.simulation.fleet import devices_from_store
from tests.bench import ingest_traffic as traffic
from tests.bench.bench_store import fresh_db
from tests.bench.ingest_storm import StormResult, report_storm, run_storm
from tests.bench.ingest_traffic import (
    SITE,
    Stamped,
    Stream,
    alert_stream,
    bare_rate,
    publish_from_children,
)
from tests.bench.ingest_workers import report_workers, run_workers
from tests.support.servers import MACHINE_PG, ThrowawayMosquitto, machine_postgres_url


@dataclass
class Latency:
    asked: float
    published: float  # what the publisher achieved, alerts/s
    stored: float  # first publish → last commit, alerts/s
    p50: float
    p99: float
    max: float  # ms


@dataclass
class Result:
    bare: float = 0.0
    ours: float = 0.0
    stored: int = 0  # alerts in the database at the end
    latency: list[Latency] = field(default_factory=list)
    storm: StormResult | None = None

    @property
    def ratio(self) -> float:
        return self.ours / self.bare


def _counts(store: Store) -> tuple[int, int]:
    with store.reading() as conn:
        alerts = conn.execute(text("SELECT count(*) FROM alerts")).scalar_one()
        quarantined = conn.execute(text("SELECT count(*) FROM quarantine")).scalar_one()
    return int(alerts), int(quarantined)


def run_phase(
    store: Store, stamped: Stamped, port: int, stream: Stream, rate: float, publishers: int
) -> list[float]:
    """Publish ``stream``, wait until all of it is stored and check the database;
    returns the publish times."""
    n, before, (alerts_before, _) = len(stream.keys), stamped.stored, _counts(store)
    sent = publish_from_children(port, stream, rate, publishers)
    deadline = time.monotonic() + 120 + n / 50  # generous: the realistic mix is slow
    while stamped.stored - before < n and time.monotonic() < deadline:
        time.sleep(0.01)
    alerts, quarantined = _counts(store)
    if alerts - alerts_before != n or quarantined or stamped.stored - before != n:
        raise RuntimeError(
            f"{n} alerts sent: {alerts - alerts_before} stored, {quarantined} quarantined"
        )
    return sent


def latency(stamped: Stamped, stream: Stream, sent: list[float], rate: float) -> Latency:
    lat = sorted((stamped.committed[k] - t) * 1000 for k, t in zip(stream.keys, sent, strict=True))
    q = statistics.quantiles(lat, n=100, method="inclusive")
    last = max(stamped.committed[k] for k in stream.keys)
    first, span = min(sent), max(sent) - min(sent)
    published = (len(sent) - 1) / span if span > 0 else 0.0
    return Latency(rate, published, len(sent) / (last - first), q[49], q[98], lat[-1])


def run_ours(
    store: Store, port: int, streams: Sequence[Stream], args: argparse.Namespace
) -> Result:
    result = Result()
    profile = cProfile.Profile() if args.profile else None
    settings = BrokerSettings.from_url(f"mqtt://127.0.0.1:{port}", client_id="bench-ingest")
    with tempfile.TemporaryDirectory() as tmp:
        service = IngestService(store, settings, SITE, spool_path=Path(tmp) / "spool.jsonl")
        stamped = Stamped(service, profile)
        service.start()
        try:
            assert service.pipeline is not None
            if not service.pipeline.bus.wait_subscribed(15):
                raise TimeoutError("ingest: no SUBACK in 15 s")
            sent = run_phase(store, stamped, port, streams[0], 0, args.publishers)
            last = max(stamped.committed[k] for k in streams[0].keys)
            result.ours = len(sent) / (last - min(sent))
            for stream, rate in zip(streams[1:], args.rates, strict=True):
                sent = run_phase(store, stamped, port, stream, rate, 1)
                result.latency.append(latency(stamped, stream, sent, rate))
        finally:
            service.stop()
    result.stored = _counts(store)[0]
    if profile is not None:
        profile.dump_stats(args.profile)
    return result


def report(result: Result, args: argparse.Namespace) -> None:
    print(f"\nsustained, {args.alerts:,} {args.mix} alerts published as fast as acknowledged")
    print(f"  bare paho subscriber, received   {result.bare:>9,.0f} alerts/s")
    print(f"  ours, stored and committed       {result.ours:>9,.0f} alerts/s")
    print(f"  ratio ours / bare                {result.ratio:>9.2f}")
    print(f"\nlatency publish → committed, {args.seconds:g} s a rate")
    print(f"  {'asked/s':>8} {'published/s':>12} {'stored/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
          f"{'max ms':>9}")  # fmt: skip
    for x in result.latency:
        print(
            f"  {x.asked:>8,.0f} {x.published:>12,.0f} {x.stored:>9,.0f} {x.p50:>9.1f} "
            f"{x.p99:>9.1f} {x.max:>9.1f}"
        )
    print(f"\nalerts in the database: {result.stored:,}, each once", flush=True)


def main(argv: Sequence[str] | None = None) -> Result:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--alerts", type=int, default=20_000, help="sustained phase (default 20000)")
    ap.add_argument("--seconds", type=float, default=10.0, help="per latency rate (default 10)")
    ap.add_argument(
        "--rates",
        type=lambda v: [int(x) for x in v.split(",") if x],
        default=[100, 1000],
        help="alerts/s of the latency runs (default 100,1000)",
    )
    ap.add_argument("--mix", choices=("realistic", "plain"), default="realistic")
    ap.add_argument(
        "--publishers",
        type=int,
        default=2,
        help="publisher processes of the sustained phase (default 2)",
    )
    ap.add_argument(
        "--publisher",
        choices=sorted(traffic.PUBLISHERS),
        default="raw",
        help="raw: packets encoded beforehand, little CPU (default); paho: a paho client each",
    )
    ap.add_argument(
        "--phases",
        type=lambda v: {x for x in v.split(",") if x},
        default={"sustained", "storm"},
        help="sustained (with the latency runs), storm, workers (default sustained,storm)",
    )
    ap.add_argument("--pg", default=machine_postgres_url() or MACHINE_PG)
    ap.add_argument("--profile", metavar="FILE", help="cProfile the writer's batches into FILE")
    args = ap.parse_args(argv)
    traffic.publisher = args.publisher
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp, ThrowawayMosquitto() as broker:
        result = Result()
        if "sustained" in args.phases:
            result = run_sustained(broker, Path(tmp), args)
            report(result, args)
        if "storm" in args.phases:
            result.storm = run_storm(args.pg, broker.port, args.publishers)
            report_storm(result.storm)
        if "workers" in args.phases:
            workers = run_workers(args.pg, broker.port, args.alerts, args.mix, args.publishers)
            report_workers(workers, args.mix)
    return result


def run_sustained(broker: ThrowawayMosquitto, tmp: Path, args: argparse.Namespace) -> Result:
    sizes = [args.alerts, *(round(r * args.seconds) for r in args.rates)]
    with fresh_db("postgres", args.pg, tmp) as store:
        began = time.perf_counter()
        everything = alert_stream(devices_from_store(store), sum(sizes), args.mix)
        bounds = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
        streams = [everything.part(a, b) for a, b in itertools.pairwise(bounds)]
        print(
            f"{sum(sizes):,} {args.mix} alerts made and checked in "
            f"{time.perf_counter() - began:.1f} s; broker {broker.url}, {store.label}",
            flush=True,
        )
        bare = bare_rate(broker.port, streams[0], args.publishers)
        result = run_ours(store, broker.port, streams, args)
        result.bare = bare
    return result


if __name__ == "__main__":
    main()
