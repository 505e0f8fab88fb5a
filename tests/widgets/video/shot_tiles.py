"""Grab a 4x4 grid of video tiles (demo clips) to a PNG, offscreen by default:

    .venv/bin/python -m tests.widgets.video.shot_tiles docs/screenshots/video_tiles.png \
        [--zh /tmp/helpers/zh/video.tsv]

Fourteen demo cameras play; the fifteenth names a camera without a clip and the
sixteenth a stream that nothing serves (lost, reconnecting). ``--zh`` shows the tiles'
texts in Chinese from a CONTEXT<TAB>English<TAB>中文 file before they are in the .ts.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

ROOT = Path(__file__).resolve().parents[3]


class TsvTranslator(QTranslator):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.table: dict[tuple[str, str], str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            context, source, text = line.split("\t")
            self.table[(context, source)] = text

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.table.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def rows(name: str) -> list[dict[str, str]]:
    path = ROOT / "resources" / "demo" / name
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--zh", type=Path)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    if args.zh:
        translator = TsvTranslator(args.zh)
        app.installTranslator(translator)
    from tests.support.servers import free_port
    from widgets.video.backends import PlayerFactory
    from widgets.video.player import PlayerOptions
    from widgets.video.tile import TileCamera, VideoTile

    communities = {row["code"]: row["name"] for row in rows("communities.csv")}
    cameras = [
        TileCamera(r["id"], r["name"], communities[r["community"]], r["main_url"], r["sub_url"])
        for r in rows("cameras.csv")[:14]
    ]
    cameras.append(TileCamera("CAM-999", "未接入摄像机", "演示", "", "demo://CAM-999/sub"))
    dead = f"http://127.0.0.1:{free_port()}/cam.ts"
    cameras.append(TileCamera("NVR-01", "宝山八村北门", "宝山八村", dead, dead))
    factory = PlayerFactory(PlayerOptions(connect_seconds=2, backoff_first_seconds=5))
    window = QWidget()
    window.setStyleSheet("background: #101418;")
    grid = QGridLayout(window)
    grid.setSpacing(3)
    grid.setContentsMargins(3, 3, 3, 3)
    tiles = []
    for n, camera in enumerate(cameras):
        tile = VideoTile(camera, factory)
        grid.addWidget(tile, n // 4, n % 4)
        tiles.append(tile)
    window.resize(4 * 320 + 12, 4 * 200 + 12)
    window.show()
    for tile in tiles:
        tile.play()

    def shoot() -> None:
        window.grab().save(str(args.out))
        for tile in tiles:
            tile.release()
        QTimer.singleShot(1500, app.quit)

    QTimer.singleShot(4500, shoot)
    app.exec()


if __name__ == "__main__":
    main()
