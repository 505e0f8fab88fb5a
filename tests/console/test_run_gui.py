"""``run_gui`` as a process: starts, quits on $YOUYI_QUIT_AFTER_MS, saves the layout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
from console.app import run_gui
raise SystemExit(run_gui("sqlite:///unused.db", "SQLite · unused.db", "en"))
"""


def test_run_gui_quits_after_the_given_time_and_keeps_the_layout(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "YOUYI_QUIT_AFTER_MS": "300",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(  # in tmp_path: the console may open (make) unused.db there
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    saved = (tmp_path / "config" / "Youyi" / "youyi-console.conf").read_text()
    assert "geometry=" in saved and "state=" in saved
    assert "language" not in saved  # a --lang choice is not remembered
