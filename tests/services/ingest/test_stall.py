"""Ingest never dies quietly: with the database away and the spool unwritable
(a full disk: ``/dev/full`` answers every write with ENOSPC), the writer holds
its batch unacknowledged, says why once, keeps trying, and stores everything
once the database is back.  The broker keeps what was not acknowledged."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sqlalchemy import text

from services.bus import BrokerSettings
from services.db.store import Store
from services.ingest.pipeline import IngestPipeline
from services.ingest.spool import Spool
from services.ingest.writer import IngestWriter
from tests.support.ingest import (
    broker_url,
    delivery_parse,
    district_with_devices,
    site,
    wait_for,
)
from tests.support.publisher import Publisher
from tests.support.servers import ThrowawayPostgres

__all__ = ["broker_url", "site"]  # fixtures

FULL_DISK = Path("/dev/full")


def _stored(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.execute(text("SELECT count(DISTINCT event_key) FROM alerts")).scalar_one())


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.skipif(not FULL_DISK.exists(), reason="no /dev/full on this system")
def test_full_disk_and_database_away_stall_without_dying_or_losing(
    broker_url: str, site: str, caplog: pytest.LogCaptureFixture
) -> None:
    u = urlparse(broker_url)
    with ThrowawayPostgres() as pg:
        store = district_with_devices(pg.url)
        settings = BrokerSettings(host=u.hostname or "", port=u.port or 1883, client_id=site)
        pipeline = IngestPipeline(
            IngestWriter(store), settings, [f"{site}/#"], parse=delivery_parse,
            spool=Spool(FULL_DISK), retry_s=0.5,
        )  # fmt: skip
        caplog.set_level(logging.WARNING, logger="services.ingest")
        pipeline.start()
        publisher = Publisher(u.hostname or "", u.port or 1883, site)
        try:
            assert pipeline.bus.wait_subscribed(10)
            publisher.send(0, 100)
            assert wait_for(lambda: _stored(store) == 100, 30)
            pg.stop()
            publisher.send(100, 200)
            assert wait_for(lambda: pipeline.stats.stalled is not None, 30)
            assert "No space left on device" in str(pipeline.stats.stalled)
            time.sleep(4)  # several tries, with back-off
            assert pipeline.alive and pipeline.stats.acked == 100  # nothing more acknowledged
            said = [r.getMessage().split(" (")[0] for r in caplog.records]
            assert said.count("database unreachable") == 1  # once, not once a try
            assert sum("ingest stalled" in m for m in said) == 1
            pg.start()
            assert wait_for(lambda: _stored(store) == 300, 90), _stored(store)
            assert wait_for(lambda: pipeline.stats.stalled is None, 10)
            assert pipeline.stats.acked == 300
        finally:
            publisher.close()
            pipeline.stop()
            store.close()


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.skipif(not FULL_DISK.exists(), reason="no /dev/full on this system")
def test_headless_ingest_says_it_is_stalled_and_exits_for_its_supervisor(
    broker_url: str, site: str, tmp_path: Path
) -> None:
    u = urlparse(broker_url)
    with ThrowawayPostgres() as pg:
        store = district_with_devices(pg.url)
        store.close()
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "console", "--db", pg.url, "ingest", "--broker", broker_url,
                "--site", site, "--client-id", f"ingest-{site}", "--spool", str(FULL_DISK),
                "--stats-every", "1", "--give-up-after", "3",
            ],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "HOME": str(tmp_path)},
        )  # fmt: skip
        publisher = Publisher(u.hostname or "", u.port or 1883, site)
        try:
            assert proc.stdout is not None and proc.stdout.readline().startswith("ingesting ")
            pg.stop()
            publisher.send(0, 50)
            out, err = proc.communicate(timeout=60)
        finally:
            publisher.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
    assert proc.returncode == 3
    last = err.strip().splitlines()[-1]
    assert last.startswith("ingest: unable to store or spool for 3 s (OSError: [Errno 28]")
    assert last.endswith("exiting for the supervisor to restart")
    assert "STALLED: OSError: [Errno 28] No space left on device" in out
    assert "writer alive" in out and "database DOWN" in out
