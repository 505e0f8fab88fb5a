"""Console benchmarks (issue 4), offscreen:

    .venv/bin/python -m tests.bench.bench_console [--starts 5] [--flood 5000] [--packaged EXE]

1. Start-up: ``youyi-console --no-demo`` as a new process on a migrated SQLite
   file with the demo district, until the window is shown and the alert queue
   loaded (the console prints a line then); beside it a bare PySide6 process
   that shows an empty QMainWindow, for the part Python and Qt take anyway.
2. Map: paint time per frame with 10,000 devices and 1,000 live (pulsing)
   markers, at fit-to-district and zoomed in.
3. Alarm flood: 5,000 alerts (as many alarms) written by a writer thread in a
   few seconds while the console's alert controller follows the change feed
   (the alarms each batch names read by id, applied through the panel's flood
   buffer); a 5 ms timer on the GUI thread measures the longest stall.  Beside
   it the same flood with every change reading the whole queue again (its
   difference worked out on the worker), the way the console followed the feed
   before it carried ids.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.show(); app.processEvents()
print("ready", flush=True)
"""


def time_until_ready(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    guard = threading.Timer(60, proc.kill)  # never wait for ever
    guard.start()
    for line in proc.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - began
            break
    else:
        raise RuntimeError("never ready")
    guard.cancel()
    proc.terminate()
    proc.wait(timeout=30)
    return elapsed


def bench_startup(starts: int, folder: Path, packaged: str = "") -> None:
    """The README's first command as a user meets it: the embedded default with
    the demo's own broker, ingest and simulator (the district already seeded by a
    first start, which is timed on its own); with ``packaged``, the PyInstaller
    build's executable started the same way, alternating with the source."""
    env = {
        **os.environ,
        "YOUYI_REPORT_READY": "1",
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    env.pop("YOUYI_DB", None)
    console = [sys.executable, "-m", "console", "--demo"]
    first = time_until_ready(console, env)
    ours, built = [], []
    for _ in range(starts):
        ours.append(time_until_ready(console, env))
        if packaged:
            built.append(time_until_ready([packaged, "--demo"], env))
    bare = [time_until_ready([sys.executable, "-c", BARE], env) for _ in range(starts)]
    median = statistics.median(ours)
    print(
        f"start-up to a usable window (demo: own broker, ingest, simulator): first start "
        f"(migrate, seed) {first:.2f} s; then median {median:.2f} s "
        f"(min {min(ours):.2f}, max {max(ours):.2f}); a bare PySide6 window "
        f"{statistics.median(bare):.2f} s; ratio {median / statistics.median(bare):.1f}"
    )
    if built:
        print(
            f"the packaged console ({packaged}): median {statistics.median(built):.2f} s "
            f"(min {min(built):.2f}, max {max(built):.2f}); packaged / source "
            f"{statistics.median(built) / median:.2f}"
        )


def bench_map(frames: int) -> None:
    import random

    from PySide6.QtGui import QImage, QPainter

    from services.district.geo import GridIndex
    from services.district.map import polygons_of
    from services.domain import AlarmState, DistrictMap, MapCell, MapDevice, QueuedAlarm
    from services.resources import resource
    from widgets.map.grid_map import GridMap

    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    cells = tuple(
        MapCell(c.code, c.name, c.block_code, c.block_name, polygons_of(c.geojson))
        for c in index.cells
    )
    x0, y0, x1, y1 = index.bounds
    rng = random.Random(1)
    kinds = ["camera", "elevator", "arc_fault", "eagle_eye", "nonmotor_probe"]
    devices = tuple(
        MapDevice(
            f"D{i}", kinds[i % 5], f"D{i}", rng.uniform(x0, x1), rng.uniform(y0, y1), None, None
        )
        for i in range(10_000)
    )
    t0 = datetime(2026, 11, 24, tzinfo=UTC)
    alarms = [
        QueuedAlarm(
            i,
            f"D{i}:x",
            f"D{i}",
            f"D{i}",
            "elevator",
            "x",
            "x",
            1 + i % 4,
            AlarmState.ACTIVE_UNACK,
            False,
            1,
            t0,
            t0,
            None,
            None,
            None,
            rng.uniform(x0, x1),
            rng.uniform(y0, y1),
            None,
            1,
        )
        for i in range(1_000)
    ]
    view = GridMap()
    view.resize(1200, 900)
    view.show()
    view.set_district(DistrictMap(cells, devices))
    view.set_alarms(alarms)
    image = QImage(1200, 900, QImage.Format.Format_ARGB32_Premultiplied)

    def frame_ms() -> list[float]:
        times = []
        for _ in range(frames):
            view._on_pulse()  # what the pulse timer does each tick
            began = time.perf_counter()
            painter = QPainter(image)
            view.render(painter)
            painter.end()
            times.append((time.perf_counter() - began) * 1000)
        return times

    fit = frame_ms()
    view.scale(4, 4)
    zoomed = frame_ms()
    for name, t in (("fit to district", fit), ("zoomed in ×4", zoomed)):
        print(
            f"map frame, 10,000 devices + 1,000 pulsing markers, {name}: median "
            f"{statistics.median(t):.1f} ms, p95 {sorted(t)[int(len(t) * 0.95) - 1]:.1f} ms"
        )


def bench_flood(n: int, folder: Path, deltas: bool) -> tuple[float, float, int]:
    from PySide6.QtCore import QObject, Qt, QTimer, Signal
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import insert

    from console import alerts_controller as ac
    from console.jobs import Jobs
    from services.alerts.messages import AlertIn, Channel, DeviceKind, Topic
    from services.db.demo import load_demo_district
    from services.db.migrate import upgrade
    from services.db.models import Device, table_of
    from services.db.store import Store
    from services.domain import Principal, Role
    from services.ingest.writer import IngestWriter
    from widgets.alerts.queue import AlertQueuePanel

    app = QApplication.instance() or QApplication([])
    store = Store(f"sqlite:///{folder / f'flood-{deltas}.db'}")
    upgrade(store.engine)
    load_demo_district(store, devices=False)
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {
                    "id": f"AF-{i:05d}",
                    "kind": "arc_fault",
                    "name": f"配电箱{i}",
                    "grid_code": "G21",
                    "lon": 121.49,
                    "lat": 31.40,
                }
                for i in range(n)
            ],
        )
    panel = AlertQueuePanel()
    panel.resize(1000, 600)
    panel.show()
    jobs = Jobs("bench")
    controller = ac.AlertsController(
        store, Principal(1, "op", "op", Role.OPERATOR), panel, jobs, lambda _t: None
    )
    if not deltas:  # every change: the whole queue read again

        class Bridge(QObject):
            changed = Signal()

        bridge = Bridge()
        bridge.changed.connect(controller.reload, Qt.ConnectionType.QueuedConnection)
        store.subscribe(lambda _change: bridge.changed.emit())
    controller.start()
    writer = IngestWriter(store)
    writer.load_devices()
    t0 = datetime.now(UTC)

    def flood() -> None:  # a power dip: every sensor trips within ~3 s, in batches
        for start in range(0, n, 50):
            writer.write_batch(
                [
                    AlertIn(
                        f"k{i}",
                        Topic("youyi", DeviceKind.ARC_FAULT, f"AF-{i:05d}", Channel.EVENT),
                        "arc_detected",
                        4,
                        t0 + timedelta(milliseconds=i),
                    )
                    for i in range(start, min(start + 50, n))
                ]
            )
            time.sleep(0.03)

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    thread = threading.Thread(target=flood)
    began = time.perf_counter()
    thread.start()
    deadline = time.monotonic() + 120
    while (thread.is_alive() or panel.model.rowCount() < n) and (time.monotonic() < deadline):
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - began
    timer.stop()
    controller.close()
    jobs.close(wait=True)
    store.close()
    shown = panel.model.rowCount()
    return max(gaps), took, shown


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--frames", type=int, default=30)
    ap.add_argument("--flood", type=int, default=5000)
    ap.add_argument("--only", choices=["startup", "map", "flood"])
    ap.add_argument("--packaged", default="", metavar="EXE", help="also time this build")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in (None, "startup"):
            bench_startup(args.starts, folder, args.packaged)
        if args.only in (None, "map"):
            from PySide6.QtWidgets import QApplication

            _app = QApplication.instance() or QApplication([])
            bench_map(args.frames)
        if args.only in (None, "flood"):
            for deltas in (True, False):
                stall, took, shown = bench_flood(args.flood, folder, deltas)
                how = "deltas by id" if deltas else "whole queue read on every change"
                print(
                    f"flood of {args.flood:,} alarms, {how}: longest GUI stall {stall:.0f} ms; "
                    f"all {shown:,} in the queue {took:.1f} s after the first"
                )


if __name__ == "__main__":
    main()
