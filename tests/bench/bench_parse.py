"""Parse benchmark: messages per second through ``services.alerts.parse`` for the
simulator's realistic mix (telemetry, heartbeats, events of every kind, status,
1 % malformed), one thread.

    .venv/bin/python -m tests.bench.bench_parse [--messages 200000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from datetime import UTC, datetime

from services.alerts.parse import parse
from services.simulation.fleet import synthetic_fleet
from services.simulation.simulator import SimConfig, Simulator


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    start = datetime.now(UTC)
    sim = Simulator(synthetic_fleet(10), start=start, config=SimConfig(rate=1000))
    messages = [(m.topic, m.payload) for m in sim.messages(args.messages / 1000)]
    messages = messages[: args.messages]
    mix = Counter(type(parse(t, p, start)).__name__ for t, p in messages)
    rates = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        for topic, payload in messages:
            parse(topic, payload, start)
        rates.append(len(messages) / (time.perf_counter() - began))
    print(f"{len(messages)} messages: {dict(mix)}")
    print(f"parse: {statistics.median(rates):,.0f} messages/s (median of {args.repeat})")


if __name__ == "__main__":
    main()
