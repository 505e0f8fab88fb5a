"""``youyi-console simulate``: a district's device traffic, published to a broker."""

from __future__ import annotations

import argparse
import os
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from console.cli.parser import DAY, number

DEFAULT_BROKER = "mqtt://127.0.0.1:1883"


def add_sim_commands(sub: Any) -> None:
    p = sub.add_parser(
        "simulate",
        help="publish simulated device traffic (events, telemetry, status, bursts, "
        "malformed messages) for the registry's devices",
    )
    p.add_argument(
        "--broker",
        default=os.environ.get("YOUYI_BROKER", DEFAULT_BROKER),
        help="mqtt://[USER:PASSWORD@]HOST[:PORT] or mqtts://... "
        "(default $YOUYI_BROKER, else %(default)s)",
    )
    p.add_argument(
        "--rate", type=number(float, 0.01, 100_000), default=20.0, metavar="N",
        help="messages/s on average",
    )  # fmt: skip
    p.add_argument(
        "--duration", type=number(float, 0.1, 365 * DAY), default=60.0, metavar="S",
        help="seconds to run",
    )  # fmt: skip
    p.add_argument("--site", default="youyi", help="topic root (default %(default)s)")
    p.add_argument("--seed", type=number(int, 0, 2**63), default=1, help="same seed, same traffic")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="device registry")
    p.add_argument(
        "--malformed",
        type=number(float, 0, 1),
        default=0.01,
        metavar="SHARE",
        help="share of bad messages",
    )
    p.add_argument(
        "--window", type=number(int, 1, 65_535), default=100,
        help="messages awaiting PUBACK at most",
    )  # fmt: skip
    p.add_argument("--fast", action="store_true", help="do not pace: as fast as acks allow")
    p.add_argument("--announce", action="store_true", help="every device says online first")
    p.add_argument(
        "--synthetic",
        nargs="?",
        type=int,
        const=1,
        metavar="SCALE",
        help="a made-up fleet (122 devices × SCALE) instead of the registry's",
    )
    p.set_defaults(handler=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    from services.bus import BrokerSettings
    from services.errors import ConfigError
    from services.simulation.publisher import SimPublisher
    from services.simulation.simulator import SimConfig, Simulator

    if args.rate <= 0 or args.duration <= 0 or not 0 <= args.malformed < 1:
        raise ConfigError("--rate and --duration must be positive, --malformed in [0, 1)")
    settings = BrokerSettings.from_url(args.broker)
    devices = _devices(args)
    config = SimConfig(rate=args.rate, malformed_share=args.malformed, announce=args.announce)
    sim = Simulator(devices, start=datetime.now(UTC), site=args.site, seed=args.seed, config=config)
    kinds = Counter(d.kind.value for d in devices)
    print(
        f"simulating {len(devices)} devices ({', '.join(f'{k} {n}' for k, n in kinds.items())})"
        f" of {args.site}/ for {args.duration:g} s at ~{args.rate:g} msg/s: telemetry every "
        f"{sim.interval_s('telemetry'):.1f} s per sensor, heartbeat every "
        f"{sim.interval_s('heartbeat'):.1f} s per camera → {settings.host}:{settings.port}",
        flush=True,
    )
    if sim.expected_rate() < 0.95 * args.rate:
        print(
            f"(this fleet sends ~{sim.expected_rate():.0f} msg/s at most: one report a second "
            "per sensor)"
        )
    publisher = SimPublisher(settings, window=args.window)
    publisher.connect()
    interrupted = False
    try:
        publisher.publish(sim.messages(args.duration), paced=not args.fast)
    except KeyboardInterrupt:
        interrupted = True
        publisher.wait_acknowledged()
    finally:
        publisher.close()
    print(publisher.summary.report(), flush=True)
    if interrupted:
        return 130
    return 0 if publisher.summary.complete else 1


def _devices(args: argparse.Namespace) -> list[Any]:
    from services.simulation.fleet import devices_from_store, synthetic_fleet

    if not args.synthetic:
        from console.cli.store import opened

        with opened(args) as store:
            devices = devices_from_store(store)
        if devices:
            return devices
        print(f"no devices in {store.label}: simulating a made-up fleet (ids SIM-...)")
    return synthetic_fleet(args.synthetic or 1)
