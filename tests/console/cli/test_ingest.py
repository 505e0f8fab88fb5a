"""`youyi-console ingest` as a process: killed with SIGKILL in the middle of a
10,000-alert stream and started again, it stores every alert exactly once (its
persistent session gets back what it had not acknowledged)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sqlalchemy import text

from services.db.store import Store
from tests.support.ingest import add_devices, site
from tests.support.publisher import Publisher, elevator_payload
from tests.support.servers import ThrowawayMosquitto

__all__ = ["site"]  # fixture
TOTAL = 10_000


def _count(store: Store) -> tuple[int, int]:
    with store.reading() as conn:
        row = conn.execute(text("SELECT count(*), count(DISTINCT event_key) FROM alerts")).one()
    return int(row[0]), int(row[1])


def _start(store: Store, broker: str, site: str, tmp: Path) -> subprocess.Popen[str]:
    url = store.url.render_as_string(hide_password=False)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "console",
            "--db",
            url,
            "ingest",
            "--broker",
            broker,
            "--site",
            site,
            "--client-id",
            f"ingest-{site}",
            "--spool",
            str(tmp / "spool.jsonl"),
            "--stats-every",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "HOME": str(tmp)},
    )


def _wait(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sigkill_mid_stream_loses_nothing(store: Store, site: str, tmp_path: Path) -> None:
    """A broker of our own with a control room's settings: the machine's default
    Mosquitto drops queued QoS 1 messages past 1,000 (see README)."""
    with ThrowawayMosquitto(tmp_path / "mqtt") as broker:
        _kill_and_restart(store, broker.url, site, tmp_path)


def _kill_and_restart(store: Store, broker_url: str, site: str, tmp_path: Path) -> None:
    add_devices(store)
    first = _start(store, broker_url, site, tmp_path)
    second: subprocess.Popen[str] | None = None
    assert _wait(lambda: first.poll() is None and _session_up(first), 20)
    u = urlparse(broker_url)
    publisher = Publisher(u.hostname or "", u.port or 1883, site, elevator_payload)
    try:
        publisher.send(0, TOTAL)
        assert _wait(lambda: _count(store)[0] >= 2000, 60), _count(store)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        killed_at = _count(store)[0]
        with store.reading() as conn:
            first_after_kill = conn.execute(
                text("SELECT count(*) FROM alerts WHERE event_key LIKE :k"), {"k": "%:evt-0"}
            ).scalar()
        assert killed_at < TOTAL  # really mid-stream
        second = _start(store, broker_url, site, tmp_path)
        assert publisher.wait_acked(TOTAL, 120)
        if not _wait(lambda: _count(store) == (TOTAL, TOTAL), 45):
            second.kill()
            out, _ = second.communicate(timeout=10)
            with store.reading() as conn:
                keys = {
                    str(k).rsplit("-", 1)[-1]
                    for k in conn.execute(text("SELECT event_key FROM alerts")).scalars()
                }
                quarantined = conn.execute(text("SELECT reason FROM quarantine LIMIT 3")).all()
            missing = sorted(i for i in range(TOTAL) if str(i) not in keys)
            raise AssertionError(
                f"{_count(store)} stored (killed at {killed_at}, evt-0 then {first_after_kill}); "
                f"missing "
                f"{missing[:50]}; quarantined {quarantined}; second run said:\n{out[-1500:]}"
            )
        second.send_signal(signal.SIGTERM)
        out, _ = second.communicate(timeout=30)
        assert second.returncode == 0, out[-2000:]
        assert "quarantined 0" in out
    finally:
        publisher.close()
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(10)


def _session_up(proc: subprocess.Popen[str]) -> bool:
    """The first line the service prints says it is subscribed and ingesting."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    return line.startswith("ingesting ")
