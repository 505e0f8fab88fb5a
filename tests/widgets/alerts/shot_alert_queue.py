"""A picture of the alert queue panel with demo alarms (dark theme, Chinese):

    .venv/bin/python -m tests.widgets.alerts.shot_alert_queue docs/screenshots/alert_queue.png

40 made-up alarms of every severity and state (unacknowledged first, repeats
folded, a latched arc fault, some with their work order), one selected.
"""

from __future__ import annotations

import argparse
import os
import random
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from console.i18n import Translations
from console.paths import theme_file
from services.domain import AlarmState, QueuedAlarm
from widgets.alerts.queue import AlertQueuePanel
from widgets.theme import apply_theme

TYPES = (
    ("elevator", "trapped_passenger", "电梯困人", 4, False),
    ("elevator", "ebike_entering", "电动车入梯", 3, False),
    ("elevator", "door_fault", "电梯门故障", 2, False),
    ("arc_fault", "arc_detected", "故障电弧", 4, True),
    ("eagle_eye", "smoke_detected", "烟火识别", 4, False),
    ("nonmotor_probe", "parking_overflow", "非机动车乱停放", 2, False),
    ("storefront_probe", "storefront_occupation", "跨门经营", 2, False),
    ("camera", "camera_offline", "摄像机离线", 1, False),
)
PLACES = (("C01", "长滩一期", "G11"), ("C07", "宝山八村", "G21"), ("C12", "宝莲城", "G22"))
PLACES += (("C15", "宝龙公寓", "G23"), ("C31", "友谊新村", "G12"), ("C44", "泰和苑", "G31"))
STATES = ("active_unack", "cleared_unack", "active_ack", "shelved")
STATE_WEIGHTS = (2, 1, 9, 1)
DEVICE = {"elevator": "号楼1号梯", "arc_fault": "号楼配电箱", "eagle_eye": "号楼顶鹰眼"}
DEVICE |= {"nonmotor_probe": "号楼车棚", "storefront_probe": "号商铺", "camera": "号楼门岗"}


def demo_alarms(n: int = 40, seed: int = 5) -> list[QueuedAlarm]:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    alarms = []
    for i in range(1, n + 1):
        kind, alarm_type, label, severity, latched = rng.choice(TYPES)
        community, community_name, grid = rng.choice(PLACES)
        seen = now - timedelta(seconds=rng.randint(20, 30 * 3600))
        state = rng.choices(STATES, STATE_WEIGHTS)[0]
        count = rng.choice((1, 1, 1, 2, 3, 12))
        building = rng.randint(1, 60)
        alarms.append(
            QueuedAlarm(
                id=i,
                alarm_key=f"{kind}-{i}:{alarm_type}",
                device_id=f"{kind[:2].upper()}-{1000 + i}",
                device_name=f"{building}{DEVICE[kind]}",
                kind=kind,
                alarm_type=alarm_type,
                label=label,
                severity=severity,
                state=AlarmState(state),
                latched=latched and state.startswith("active"),
                count=count,
                first_seen=seen - timedelta(minutes=count * 3),
                last_seen=seen,
                grid=grid,
                community=community,
                community_name=community_name,
                lon=121.49,
                lat=31.40,
                work_order_id=(4200 + i) if state == "active_ack" and rng.random() < 0.6 else None,
                version=1,
            )
        )
    return alarms


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--size", default="1000x500")
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
    panel = AlertQueuePanel()
    panel.tone.sound = None
    width, height = (int(v) for v in args.size.split("x"))
    panel.resize(width, height)
    alarms = demo_alarms()
    panel.show_alarms(alarms)
    panel.show()
    app.processEvents()
    panel.select_alarm(panel.model.alarm(1).id)  # type: ignore[union-attr]
    app.processEvents()
    panel.grab().save(args.out)
    model = panel.model
    print(f"wrote {args.out} ({model.rowCount()} alarms, {model.unacknowledged} unacknowledged)")


if __name__ == "__main__":
    main()
