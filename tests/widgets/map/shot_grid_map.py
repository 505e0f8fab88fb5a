"""A picture of the nine-grid map with the demo district (dark theme, Chinese):

    .venv/bin/python -m tests.widgets.map.shot_grid_map docs/screenshots/grid_map.png

The demo district and its 910 devices, about 50 open alarms at devices (a third
unacknowledged, so pulsing), cells filled by their load, one cell selected.
``--zoom 3`` zooms in around the busiest cell (badges instead of dots).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from console.i18n import Translations
from console.paths import theme_file
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.district.map import load_district_map
from services.domain import AlarmState, DistrictMap, QueuedAlarm
from tests.widgets.alerts.shot_alert_queue import demo_alarms
from widgets.map.grid_map import GridMap
from widgets.theme import apply_theme


def demo_district() -> DistrictMap:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'map.db'}")
        upgrade(store.engine)
        load_demo_district(store)
        district = load_district_map(store)
        store.close()
    return district


def alarms_at_devices(district: DistrictMap, n: int = 50, seed: int = 7) -> list[QueuedAlarm]:
    """``n`` made-up alarms, each at a demo device (crowded in a few cells)."""
    rng = random.Random(seed)
    weights = [5 if d.grid in ("G21", "G13") else 1 for d in district.devices]
    devices = rng.choices(district.devices, weights, k=n)
    return [
        replace(
            a,
            device_id=d.id,
            device_name=d.name,
            kind=d.kind,
            grid=d.grid,
            community=d.community,
            community_name=d.community_name,
            lon=d.lon,
            lat=d.lat,
            state=AlarmState.ACTIVE_UNACK if i % 3 == 0 else a.state,
        )
        for i, (a, d) in enumerate(zip(demo_alarms(n, seed), devices, strict=True))
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--size", default="1200x900")
    ap.add_argument("--zoom", type=float, default=1.0)
    ap.add_argument("--extra-qm", help="a translation to add (strings not yet in resources/i18n)")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app, theme_file())
    translations = Translations(app)
    translations.switch(args.lang)
    extra = QTranslator()
    if args.extra_qm and extra.load(args.extra_qm):
        app.installTranslator(extra)
    district = demo_district()
    alarms = alarms_at_devices(district)
    view = GridMap()
    width, height = (int(v) for v in args.size.split("x"))
    view.resize(width, height)
    view.show()
    view.set_district(district)
    view.set_alarms(alarms)
    load = Counter(a.grid for a in alarms if a.grid)
    view.set_cell_load(dict(load))
    view.select_cell("G21")
    if args.zoom != 1.0:
        busiest = max(alarms, key=lambda a: load[a.grid or ""])
        view.centerOn(view.project(busiest.lon or 0, busiest.lat or 0))
        view.zoom_by(args.zoom)
    for _ in range(3):  # a pulse under way
        view._on_pulse()
    app.processEvents()
    view.grab().save(args.out)
    unacked = sum(not a.acknowledged for a in alarms)
    print(
        f"wrote {args.out} ({len(district.devices)} devices, {len(view.markers)} markers, "
        f"{unacked} unacknowledged, scale {view.transform().m11():.3f} px/m)"
    )


if __name__ == "__main__":
    main()
