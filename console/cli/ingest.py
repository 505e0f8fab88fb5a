"""``youyi-console ingest`` (headless ingest service) and ``quarantine list``."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from console.cli.parser import DAY, number
from console.cli.store import open_store, opened
from services.district.timezone import district_tz

LOCAL = district_tz()
DEFAULT_BROKER = "mqtt://127.0.0.1:1883"


def add_ingest_commands(sub: Any) -> None:
    p = sub.add_parser("ingest", help="run headless as the ingest service (MQTT → database)")
    p.add_argument(
        "--broker",
        default=os.environ.get("YOUYI_BROKER", DEFAULT_BROKER),
        help="mqtt://[USER:PASSWORD@]HOST[:PORT] or mqtts://... "
        "(default $YOUYI_BROKER, else %(default)s)",
    )
    p.add_argument("--site", default="youyi", help="topic root (default %(default)s)")
    p.add_argument(
        "--client-id",
        default=f"youyi-ingest-{socket.gethostname()}",
        help="stable id of this worker's persistent session",
    )
    p.add_argument(
        "--shared", metavar="GROUP", help="share the topics with other workers ($share/GROUP/...)"
    )
    p.add_argument("--spool", type=Path, help="journal used while the database is away")
    p.add_argument(
        "--media-root",
        type=Path,
        metavar="DIR",
        help="where mobile events' store paths are found (default $YOUYI_MEDIA_ROOT)",
    )
    p.add_argument(
        "--media-host",
        action="append",
        default=[],
        metavar="HOST",
        help="a host mobile events' media URLs may name (repeat; default $YOUYI_MEDIA_HOSTS)",
    )
    p.add_argument("--stats-every", type=number(float, 0.1, DAY), default=10.0, metavar="S")
    p.add_argument(
        "--give-up-after",
        type=number(float, 1, 365 * DAY),
        default=600.0,
        metavar="S",
        help="exit with status 3 when unable to store or spool for S seconds, for a "
        "supervisor to restart (default %(default)s; what is held stays with the broker)",
    )
    p.add_argument(
        "--run-for", type=number(float, 0.1, 365 * DAY), metavar="S", help="stop after S seconds"
    )
    p.set_defaults(handler=cmd_ingest)

    q = sub.add_parser("quarantine", help="messages that did not fit their schema")
    q_sub = q.add_subparsers(title="quarantine commands", metavar="ACTION", required=True)
    p = q_sub.add_parser("list", help="the newest quarantined messages with their reasons")
    p.add_argument("--limit", type=number(int, 1, 10_000), default=50)
    p.set_defaults(handler=cmd_quarantine_list)


def cmd_ingest(args: argparse.Namespace) -> int:
    from services.bus import BrokerSettings
    from services.ingest.media import MediaPolicy
    from services.ingest.service import IngestService, topics_for

    settings = BrokerSettings.from_url(args.broker, client_id=args.client_id)
    topics_for(args.site, args.shared)  # refused before anything opens
    store = open_store(args)  # held for the service's life, closed by its stop
    try:
        policy = MediaPolicy.from_environment()
        if args.media_root:
            policy = replace(policy, root=args.media_root)
        if args.media_host:
            policy = replace(policy, hosts=frozenset(h.lower() for h in args.media_host))
        service = IngestService(
            store,
            settings,
            args.site,
            shared_group=args.shared,
            spool_path=args.spool,
            media_policy=policy,
        )
    except BaseException:
        store.close()
        raise
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    assert service.pipeline is not None  # a broker was given
    service.start()
    # Only once the broker confirmed the subscription does what is published reach us.
    if not service.pipeline.bus.wait_subscribed(30):
        print(
            f"broker {settings.host}:{settings.port} not reachable yet; ingesting as soon as it is",
            flush=True,
        )
    print(
        f"ingesting {args.site}/# from {settings.host}:{settings.port} into {store.label}",
        flush=True,
    )
    started = time.monotonic()
    every = min(args.stats_every, args.run_for or args.stats_every, 1.0)
    last_stats = started
    status = 0
    try:
        while not stop.wait(every):
            if time.monotonic() - last_stats >= args.stats_every:
                last_stats = time.monotonic()
                _print_stats(service)
            if (why := _cannot_go_on(service.pipeline, args.give_up_after)) is not None:
                print(f"ingest: {why}; exiting for the supervisor to restart", file=sys.stderr)
                status = 3
                break
            if args.run_for and time.monotonic() - started >= args.run_for:
                break
    finally:
        service.stop()
        _print_stats(service)
        store.close()
    return status


def _cannot_go_on(pipeline: Any, give_up_after: float) -> str | None:
    """Why this worker should exit (non-zero), or None while it can go on."""
    health = pipeline.health()
    if not health.alive:
        return "the writer thread stopped"
    if health.stalled and health.stalled_for_s >= give_up_after:
        return f"unable to store or spool for {give_up_after:.0f} s ({health.stalled})"
    return None


def _print_stats(service: Any) -> None:
    """One line of health and counts: what a supervisor or a person reads first."""
    h = service.pipeline.health()
    s = service.pipeline.stats
    w = s.written
    last = h.last_commit.astimezone(LOCAL).strftime("%H:%M:%S") if h.last_commit else "never"
    state = "writer " + ("alive" if h.alive else "DEAD")
    if h.stalled:
        state += f", STALLED: {h.stalled}"
    print(
        f"{state}  database {'up' if h.database_up else 'DOWN'}  last commit {last}  "
        f"backlog {h.backlog}  spool {h.spool_bytes} bytes  |  "
        f"received {s.received}  acked {s.acked}  alerts {w.alerts}  duplicates "
        f"{w.duplicates}  alarms {w.alarms_raised}  telemetry {w.telemetry}  status "
        f"{w.status}  heartbeats {w.heartbeats}  quarantined {w.quarantined}  spooled "
        f"{s.spooled}",
        flush=True,
    )


def cmd_quarantine_list(args: argparse.Namespace) -> int:
    from services.db.models import Quarantine, table_of

    q = table_of(Quarantine)
    with opened(args) as store, store.reading() as conn:
        rows = conn.execute(select(q).order_by(q.c.id.desc()).limit(args.limit)).all()
    for r in rows:
        at = r.received_at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S")
        raw = bytes(r.raw)[:80].decode("utf-8", "replace").replace("\n", " ")
        size = r.raw_size if r.raw_size is not None else len(r.raw)
        digest = f"  sha256 {r.raw_sha256}" if r.raw_sha256 else ""
        sys.stdout.write(
            f"{at}  {r.topic[:200]!r}\n    {r.reason}\n    {raw!r}  ({size:,} bytes{digest})\n"
        )
    print(f"{len(rows)} shown")
    return 0
