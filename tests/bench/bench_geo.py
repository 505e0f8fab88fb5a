"""Point-in-grid benchmark on the demo district, and the demo district's load
time on SQLite.

    .venv/bin/python -m tests.bench.bench_geo [--points 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.district.geo import GridIndex
from services.resources import resource


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    began = time.perf_counter()
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    built = time.perf_counter() - began
    x0, y0, x1, y1 = index.bounds
    rng = random.Random(1)
    lons = [rng.uniform(x0 - 0.002, x1 + 0.002) for _ in range(args.points)]
    lats = [rng.uniform(y0 - 0.002, y1 + 0.002) for _ in range(args.points)]
    one, many = [], []
    for _ in range(args.repeat):
        began = time.perf_counter()
        for x, y in zip(lons, lats, strict=True):
            index.find(x, y)
        one.append(time.perf_counter() - began)
        began = time.perf_counter()
        index.locate_many(lons, lats)
        many.append(time.perf_counter() - began)
    print(f"index built in {built * 1000:.1f} ms")
    print(f"{args.points} points, find one by one: {statistics.median(one):.3f} s (median)")
    print(f"{args.points} points, locate_many: {statistics.median(many):.3f} s (median)")
    for devices in (False, True):
        times = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                store = Store(f"sqlite:///{Path(tmp) / 'demo.db'}")
                upgrade(store.engine)
                began = time.perf_counter()
                added = load_demo_district(store, devices=devices)
                times.append(time.perf_counter() - began)
                store.close()
        what = "whole demo district" if devices else "demo district without devices"
        print(f"{what} ({added} rows) on SQLite: {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
