"""Grab the 84-tile video wall with the demo district's cameras to a PNG:

    xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python -m tests.widgets.video.shot_wall docs/screenshots/video_wall.png

The cameras come from the catalogue of a fresh demo store (SQLite in a temporary
folder), the camera tree beside the wall; one tile shows an alarm. Without a display
it runs offscreen. ``--zh FILE`` shows the texts in Chinese from a
CONTEXT<TAB>English<TAB>中文 file (see shot_tiles.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QSplitter


def catalogue(folder: Path) -> list:  # type: ignore[type-arg]
    from sqlalchemy.engine import make_url

    from services.db.demo import load_demo_district
    from services.db.migrate import upgrade
    from services.db.store import Store
    from services.district.cameras import camera_catalogue

    store = Store(make_url(f"sqlite:///{folder / 'demo.db'}"))
    try:
        upgrade(store.engine)
        load_demo_district(store, devices=False)
        return camera_catalogue(store)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--zh", type=Path)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    from services.resources import resource
    from widgets.theme import apply_theme
    from widgets.video.backends import PlayerFactory
    from widgets.video.camera_tree import CameraBrowser, tile_camera
    from widgets.video.wall import VideoWall

    apply_theme(app, resource("theme", "dark.qss"))
    if args.zh:
        from tests.widgets.video.shot_tiles import TsvTranslator  # after the platform is chosen

        translator = TsvTranslator(args.zh)
        app.installTranslator(translator)
    with tempfile.TemporaryDirectory() as folder:
        entries = catalogue(Path(folder))
    window = QSplitter(Qt.Orientation.Horizontal)
    browser = CameraBrowser()
    browser.set_cameras(entries)
    wall = VideoWall(PlayerFactory(), [tile_camera(e) for e in entries], layout="84")
    wall.alarm_popups = False
    window.addWidget(browser)
    window.addWidget(wall)
    window.setSizes([250, 1670])
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    wall.show_alarm("CAM-023", 1024, "电动车进电梯")

    def shoot() -> None:
        window.grab().save(str(args.out))
        wall.close()
        QTimer.singleShot(1500, app.quit)

    QTimer.singleShot(round(args.seconds * 1000), shoot)
    app.exec()


if __name__ == "__main__":
    main()
