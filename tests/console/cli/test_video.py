"""`youyi-console video probe`: the machine's libVLC, in-process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.cli import main
from widgets.video.vlc_probe import probe_libvlc

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _libvlc_here() -> None:
    probe = probe_libvlc()
    assert probe.available, probe.detail


def test_a_demo_camera_decodes_through_libvlc_callbacks(
    qtbot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["video", "probe", "demo://CAM-001/sub", "--frames", "3"]) == 0
    out = capsys.readouterr().out
    lines = dict(line.strip().split(": ", 1) for line in out.splitlines() if ": " in line)
    assert lines["libVLC"].startswith("3.")
    assert Path(lines["library"]).name.startswith("libvlc"), out
    assert Path(lines["library"]).is_file() or sys.platform != "linux"
    assert "file" in lines["opens"].split(", ")
    assert lines["clip"].endswith("CAM-001_sub.mp4")
    assert lines["player"] == "vlc-callbacks"
    assert lines["frames"].startswith(("3 decoded, 320x180", "4 decoded, 320x180")), out
    if sys.platform == "linux":
        assert lines["plugins loaded"].endswith(f"from {lines['plugins']}"), out


def test_an_unknown_camera_has_no_player(qtbot, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["video", "probe", "demo://CAM-999/sub", "--frames", "3"]) == 1
    out = capsys.readouterr().out
    assert "clip: none (no such demo camera)" in out
    assert "player: none (no_clip)" in out


def test_a_libvlc_that_does_not_load_is_reported_not_fatal(tmp_path: Path) -> None:
    """python-vlc exits when PYTHON_VLC_LIB_PATH (set by the packaged console's runtime
    hook) does not load; the probe says libVLC is broken instead."""
    broken = tmp_path / "libvlc.so.5"
    broken.write_bytes(b"not a library")
    env = {**os.environ, "PYTHON_VLC_LIB_PATH": str(broken), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "console", "video", "probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert f"libVLC: broken (PYTHON_VLC_LIB_PATH={broken} does not load)" in result.stdout
    assert "PyAV (FFmpeg):" in result.stdout
