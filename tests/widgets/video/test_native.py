"""libVLC drawing into a tile's native window: under Xvfb (Qt on xcb), in a child process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import sys, time
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from widgets.video import session as video_session
from widgets.video.backends import PlayerFactory
from widgets.video.player import PlayerOptions, PlayerState
from widgets.video.tile import TileCamera, VideoTile
from tests.support.video import clip_colours, close_to, dominant_colour

assert QApplication.platformName() == "xcb", QApplication.platformName()
tile = VideoTile(TileCamera("CAM-008", "gate", "c", "demo://CAM-008/main",
                            "demo://CAM-008/sub"), PlayerFactory(PlayerOptions(render="native")))
clicks = []
tile.double_clicked.connect(clicks.append)
tile.resize(320, 200)
tile.show()
tile.play()
assert tile.player.backend == "vlc-native"

def wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        app.processEvents()
        time.sleep(0.02)

wait(lambda: tile.state() is PlayerState.LIVE, 30)
time.sleep(0.5); app.processEvents()
picture = tile.picture()  # what the X server shows in the tile's video window
assert close_to(dominant_colour(picture), clip_colours()["CAM-008"]), dominant_colour(picture)
QTest.mouseDClick(tile._video, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
wait(lambda: clicks == ["CAM-008"], 5)  # libVLC left the mouse to Qt
tile.release()
wait(lambda: video_session.live_sessions() == 0, 15)
print("native ok")
"""


@pytest.mark.slow
def test_native_window_rendering_under_xvfb() -> None:
    if not shutil.which("xvfb-run"):
        pytest.skip("xvfb-run (package xvfb) is not installed")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    argv = ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", sys.executable, "-c", SCRIPT]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "native ok" in done.stdout, done.stderr[-3000:]
