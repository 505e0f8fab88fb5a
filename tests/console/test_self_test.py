"""`youyi-console --self-test` from source: every check passes here (real SQLite,
Mosquitto, libVLC, PyAV, an offscreen window), and a libVLC that does not load is a
FAIL line naming it and exit 1, not a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

CHECKS = ("database", "broker", "video", "window")


def self_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "console", "--self-test"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def check_lines(stdout: str) -> dict[str, str]:
    found = {}
    for line in stdout.splitlines():
        m = re.match(r"(ok|FAIL)\s+(\w+)\s+\d+\.\d\d s  (.*)$", line)
        if m:
            found[m.group(2)] = f"{m.group(1)} {m.group(3)}"
    return found


def test_every_check_passes_here_and_leaves_nothing_behind(tmp_path: Path) -> None:
    result = self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    lines = check_lines(result.stdout)
    assert list(lines) == list(CHECKS)
    assert all(line.startswith("ok ") for line in lines.values()), lines
    assert "SQLite migrated to" in lines["database"]
    assert "stored in" in lines["broker"]
    assert re.search(r"libVLC [\d.]+: \d+ frames \d+x\d+; PyAV [\d.]+: \d+ frames", lines["video"])
    assert re.search(r"self-test: 4 checks, all passed, \d+\.\d\d s in all", result.stdout)
    db = re.search(r"in (\S+)/self-test\.db", lines["database"])
    assert db is not None and not Path(db.group(1)).exists()  # the temporary folder is gone
    assert "Traceback" not in result.stderr
    log = tmp_path / "state" / "youyi-console" / "log" / "youyi-console.log"
    assert "own Mosquitto listening on mqtt://127.0.0.1:" in log.read_text(encoding="utf-8")


def test_libvlc_that_does_not_load_is_a_fail_line_and_exit_1(tmp_path: Path) -> None:
    result = self_test(tmp_path, PYTHON_VLC_LIB_PATH=str(tmp_path / "no" / "libvlc.so.5"))
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    lines = check_lines(result.stdout)
    assert list(lines) == list(CHECKS)
    assert lines["database"].startswith("ok ") and lines["broker"].startswith("ok ")
    assert lines["video"].startswith("FAIL libVLC does not work: PYTHON_VLC_LIB_PATH=")
    assert re.search(r"PyAV [\d.]+: \d+ frames", lines["video"])  # FFmpeg still decodes
    assert lines["window"].startswith("ok ")  # the console itself starts without libVLC
    assert "self-test: 4 checks, 1 failed (video)" in result.stdout
    assert "Traceback" not in result.stderr
