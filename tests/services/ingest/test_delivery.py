"""Delivery end to end: publisher → Mosquitto → pipeline → database, with the
broker restarted and the database stopped in the middle.  Counts must match
exactly: nothing lost, nothing twice."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sqlalchemy import text

from services.bus import BrokerSettings
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.ingest.pipeline import IngestPipeline
from services.ingest.spool import Spool
from services.ingest.writer import IngestWriter
from tests.support.ingest import add_devices, broker_url, delivery_parse, site, wait_for
from tests.support.publisher import Publisher
from tests.support.servers import ThrowawayMosquitto, ThrowawayPostgres

__all__ = ["broker_url", "site"]  # fixtures


def _pipeline(store: Store, url: str, site: str, tmp: Path, client: str) -> IngestPipeline:
    u = urlparse(url)
    settings = BrokerSettings(host=u.hostname or "127.0.0.1", port=u.port or 1883, client_id=client)
    return IngestPipeline(
        IngestWriter(store),
        settings,
        [f"{site}/#"],
        parse=delivery_parse,
        spool=Spool(tmp / f"{client}.spool"),
        retry_s=0.5,
    )


def _count(store: Store) -> tuple[int, int]:
    with store.reading() as conn:
        row = conn.execute(text("SELECT count(*), count(DISTINCT event_key) FROM alerts")).one()
    return int(row[0]), int(row[1])


def test_every_alert_once(store: Store, broker_url: str, site: str, tmp_path: Path) -> None:
    add_devices(store)
    pipeline = _pipeline(store, broker_url, site, tmp_path, f"ingest-{site}")
    pipeline.start()
    assert pipeline.bus.wait_subscribed(10)
    u = urlparse(broker_url)
    publisher = Publisher(u.hostname or "", u.port or 1883, site)
    try:
        publisher.send(0, 2000)
        assert publisher.wait_acked(2000, 60)
        assert wait_for(lambda: _count(store) == (2000, 2000), 60), _count(store)
    finally:
        publisher.close()
        pipeline.stop()
    assert pipeline.stats.acked == pipeline.stats.received >= 2000


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_broker_restart_mid_stream(store: Store, site: str, tmp_path: Path) -> None:
    """10,000 alerts; the broker (persistence on) is restarted in the middle."""
    add_devices(store)
    with ThrowawayMosquitto(tmp_path / "mqtt") as broker:
        pipeline = _pipeline(store, broker.url, site, tmp_path, f"ingest-{site}")
        pipeline.start()
        assert pipeline.bus.wait_subscribed(10)
        publisher = Publisher("127.0.0.1", broker.port, site)
        try:
            publisher.send(0, 5000)
            assert publisher.wait_acked(5000, 60)
            broker.stop()
            broker.start()
            publisher.send(5000, 5000)
            assert publisher.wait_acked(10000, 120)
            assert wait_for(lambda: _count(store) == (10000, 10000), 120), _count(store)
        finally:
            publisher.close()
            pipeline.stop()


@pytest.mark.slow
@pytest.mark.postgres
def test_database_stopped_for_a_while(broker_url: str, site: str, tmp_path: Path) -> None:
    """The database goes away mid-stream: alerts are spooled, acknowledged, and
    written when it is back; none lost, none twice."""
    with ThrowawayPostgres() as pg:
        store = Store(pg.url)
        try:
            upgrade(store.engine)
            load_demo_district(store)
            add_devices(store)
            pipeline = _pipeline(store, broker_url, site, tmp_path, f"ingest-{site}")
            pipeline.start()
            assert pipeline.bus.wait_subscribed(10)
            u = urlparse(broker_url)
            publisher = Publisher(u.hostname or "", u.port or 1883, site)
            try:
                publisher.send(0, 2000)
                assert wait_for(lambda: pipeline.stats.acked >= 2000, 60)
                pg.stop()
                publisher.send(2000, 3000)
                assert wait_for(lambda: pipeline.stats.spooled >= 1000, 60)
                time.sleep(3)  # down a while, messages keep coming and are spooled
                pg.start()
                assert publisher.wait_acked(5000, 60)
                assert wait_for(lambda: _count(store) == (5000, 5000), 120), _count(store)
                assert not pipeline.spool.pending
            finally:
                publisher.close()
                pipeline.stop()
        finally:
            store.close()
