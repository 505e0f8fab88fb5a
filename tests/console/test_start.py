"""`youyi-console` with no sub-command: migrates and seeds the embedded SQLite
file, runs the demo's live traffic beside the window, and exits cleanly when
closed (its own broker gone too)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from services.db.migrate import head_revision
from services.simulation.local_broker import port_open


def test_console_starts_on_embedded_default(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "YOUYI_QUIT_AFTER_MS": "6000",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("YOUYI_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "console"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    db = tmp_path / "data" / "youyi-console" / "youyi.db"
    with sqlite3.connect(db) as conn:
        grids = conn.execute("SELECT count(*) FROM grid_cells").fetchone()[0]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        readings = conn.execute("SELECT count(*) FROM telemetry").fetchone()[0]
    assert (grids, revision) == (9, head_revision())
    assert "demo traffic on own Mosquitto" in result.stdout
    assert readings > 0  # the simulator's telemetry came through the broker and ingest
    port = int(re.search(r"mqtt://127\.0\.0\.1:(\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert not port_open(port)  # the demo's broker stopped with the console
