"""The demo's live traffic: own broker (or direct feed), ingest and simulator."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from console.demo_runtime import DemoRuntime
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.simulation.simulator import SimConfig

LIVELY = SimConfig(rate=60.0, incident_share=0.5, burst_every_s=0.0, malformed_share=0.02)


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(store.engine)
    load_demo_district(store)
    yield store
    store.close()


def count(store: Store, sql: str) -> int:
    with store.reading() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def mosquitto_pids(folder: Path) -> list[str]:
    found = subprocess.run(
        ["pgrep", "-f", str(folder)], capture_output=True, text=True, check=False
    ).stdout.split()
    return found


@pytest.mark.parametrize("use_broker", [True, False], ids=["own-mosquitto", "direct-feed"])
def test_alerts_flow_into_the_demo_database_and_stop_ends_it_all(
    demo_store: Store, tmp_path: Path, use_broker: bool
) -> None:
    runtime = DemoRuntime(
        demo_store, folder=tmp_path / "rt", use_broker=use_broker, config=LIVELY, seed=7
    )
    mode = runtime.start()
    assert (mode.broker_url is not None) == use_broker
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if count(demo_store, "SELECT count(*) FROM alerts") >= 20:
                break
            time.sleep(0.2)
        assert count(demo_store, "SELECT count(*) FROM alerts") >= 20
        assert count(demo_store, "SELECT count(*) FROM alarms") >= 1
        assert count(demo_store, "SELECT count(*) FROM telemetry") >= 1
    finally:
        began = time.monotonic()
        runtime.stop()
        stopped_in = time.monotonic() - began
    assert stopped_in < 12
    if use_broker:
        assert runtime.broker is not None and not runtime.broker.running
        assert mosquitto_pids(tmp_path / "rt") == []
    assert runtime.published > 0


def test_the_own_broker_dies_with_a_killed_console(tmp_path: Path) -> None:
    """SIGKILL gives the console no time to stop its Mosquitto: the kernel does."""
    import os
    import signal
    import sys

    from services.simulation.local_broker import port_open

    script = (
        "import sys, time\n"
        "from services.simulation.local_broker import LocalMosquitto\n"
        f"b = LocalMosquitto({str(tmp_path)!r})\n"
        "b.start()\n"
        "print(b.port, flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    assert port_open(port)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while port_open(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not port_open(port)
