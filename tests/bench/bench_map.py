"""The nine-grid map's frame time (issue 4), offscreen:

    .venv/bin/python -m tests.bench.bench_map [--frames 60] [--devices 10000] [--markers 1000]

The demo district's nine cells with ``--devices`` devices of every kind placed
at random inside them and ``--markers`` alarm markers at devices, all
unacknowledged (so all pulsing), in a 1200x900 map.  At fit-to-district (devices
as dots) and zoomed in ×4 on the middle (devices as badges), it times in ms:

- pulse tick: what the pulse timer does, then the repaint Qt schedules for it;
- full repaint: the whole viewport painted again (a window exposed);
- pan step: the map dragged by 40 px and painted;
- zoom step: one wheel notch in and one out, each painted (the device layer
  is drawn again at the new scale: the worst frame);
- render: ``view.render`` into an image (bench_console's measure; no item cache).

Medians, p95 and max of ``--frames`` frames each.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from services.district.geo import GridIndex
from services.district.map import polygons_of
from services.domain import AlarmState, DistrictMap, MapCell, MapDevice, QueuedAlarm
from services.resources import resource
from widgets.map.grid_map import GridMap
from widgets.map.icons import KIND_COLOURS

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def district(n_devices: int, seed: int = 1) -> DistrictMap:
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    cells = tuple(
        MapCell(c.code, c.name, c.block_code, c.block_name, polygons_of(c.geojson))
        for c in index.cells
    )
    x0, y0, x1, y1 = index.bounds
    rng = random.Random(seed)
    kinds = list(KIND_COLOURS)
    devices: list[MapDevice] = []
    while len(devices) < n_devices:
        lon, lat = rng.uniform(x0, x1), rng.uniform(y0, y1)
        place = index.find(lon, lat)
        if place is not None:
            i = len(devices)
            kind = kinds[i % len(kinds)]
            devices.append(
                MapDevice(f"D{i:05d}", kind, f"设备{i}", lon, lat, place.grid_code, None)
            )
    return DistrictMap(cells, tuple(devices))


def alarms(devices: tuple[MapDevice, ...], n: int, seed: int = 2) -> list[QueuedAlarm]:
    rng = random.Random(seed)
    return [
        QueuedAlarm(
            i + 1,
            f"{d.id}:x",
            d.id,
            d.name,
            d.kind,
            "x",
            "告警",
            1 + i % 4,
            AlarmState.ACTIVE_UNACK,
            False,
            1,
            T0,
            T0,
            d.grid,
            None,
            None,
            d.lon,
            d.lat,
            None,
            1,
        )
        for i, d in enumerate(rng.sample(devices, n))
    ]


class Paints(QObject):
    """Counts the viewport's paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def timed(frames: int, step: Callable[[], None]) -> list[float]:
    times = []
    for _ in range(frames):
        began = time.perf_counter()
        step()
        times.append((time.perf_counter() - began) * 1000)
    return times


def report(name: str, t: list[float]) -> None:
    p95 = sorted(t)[max(0, round(len(t) * 0.95) - 1)]
    print(f"  {name:<14} median {statistics.median(t):6.1f}  p95 {p95:6.1f}  max {max(t):6.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=60)
    ap.add_argument("--devices", type=int, default=10_000)
    ap.add_argument("--markers", type=int, default=1_000)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    the_district = district(args.devices)
    view = GridMap()
    view.resize(1200, 900)
    view.show()
    began = time.perf_counter()
    view.set_district(the_district)
    view.set_alarms(alarms(the_district.devices, args.markers))
    app.processEvents()
    print(
        f"map with {args.devices:,} devices and {len(view.markers):,} pulsing markers, 1200x900: "
        f"set up in {(time.perf_counter() - began) * 1000:.0f} ms"
    )
    view._pulse.stop()  # the bench ticks by hand
    paints = Paints()
    view.viewport().installEventFilter(paints)
    image = QImage(1200, 900, QImage.Format.Format_ARGB32_Premultiplied)

    def tick() -> None:
        before = paints.count
        view._on_pulse()
        while paints.count == before:
            app.processEvents()

    def repaint() -> None:
        view.viewport().repaint()

    def pan() -> None:
        bar = view.horizontalScrollBar()
        bar.setValue(bar.value() + (40 if bar.value() < bar.maximum() - 40 else -bar.maximum()))
        view.viewport().repaint()

    def zoom() -> None:
        view.zoom_by(1.25)
        view.viewport().repaint()
        view.zoom_by(0.8)
        view.viewport().repaint()

    def render() -> None:
        painter = QPainter(image)
        view.render(painter)
        painter.end()

    for name, setup in (
        ("fit to district", view.fit_district),
        ("zoomed in ×4", lambda: view.zoom_by(4)),
    ):
        setup()
        view.viewport().repaint()
        print(f"{name} (scale {view.transform().m11():.2f} px/m), ms per frame:")
        for what, step in (
            ("pulse tick", tick),
            ("full repaint", repaint),
            ("pan step", pan),
            ("zoom step", zoom),
            ("render", render),
        ):
            report(
                what, timed(args.frames if what != "zoom step" else max(args.frames // 4, 3), step)
            )
            view.centerOn(view.cell_layer.bounds.center())


if __name__ == "__main__":
    main()
