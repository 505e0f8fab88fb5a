"""Delivery tests: a real broker, a real database, the real pipeline.

The parse used here is a minimal one for a test topic tree (the device schemas
have their own tests): it makes every message an alert of a known device, so
that counts in the database say exactly what was delivered.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from services.alerts.messages import AlertIn, Channel, DeviceKind, Parsed, Rejected, Topic
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.models import Device, table_of
from services.db.store import Store
from services.simulation.local_broker import mosquitto_binary
from tests.support.servers import ThrowawayMosquitto, machine_mosquitto_url

DEVICES = [f"EL-{i:04d}" for i in range(20)]


def delivery_parse(topic: str, payload: bytes, received_at: datetime) -> Parsed:
    try:
        site, kind, device, channel = topic.split("/")
        d = json.loads(payload)
        return AlertIn(
            event_key=f"{device}:{d['id']}",
            topic=Topic(site, DeviceKind(kind), device, Channel(channel)),
            alert_type=str(d.get("type", "door_fault")),
            severity=2,
            occurred_at=datetime.fromtimestamp(d["ts"], UTC),
            payload=d,
        )
    except (ValueError, KeyError, TypeError) as exc:
        return Rejected(topic, payload, f"test parse: {exc}", received_at)


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll ``condition`` every 0.1 s for up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def district_with_devices(url: str) -> Store:
    """A migrated store at ``url`` with the demo district and the test devices."""
    store = Store(url)
    upgrade(store.engine)
    load_demo_district(store)
    add_devices(store)
    return store


def add_devices(store: Store) -> None:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [{"id": d, "kind": "elevator", "name": d, "grid_code": "G21"} for d in DEVICES],
        )


@pytest.fixture
def site() -> str:
    """A topic root of our own, so other traffic on a shared broker never mixes in."""
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def broker_url(tmp_path: Path) -> Iterator[str]:
    """A Mosquitto set up as a control room needs it (README: no limit on a client's
    queued QoS 1 messages).  Not the machine's own: with Mosquitto's default of 1000
    queued messages a loaded run saw 10-39 of 5,000 alerts dropped by the broker
    while the database was away.  The machine's only where none can be started."""
    if mosquitto_binary() is None:
        url = machine_mosquitto_url()
        if url:
            yield url
            return
    with ThrowawayMosquitto(tmp_path / "mqtt") as broker:
        yield broker.url


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'ingest.db'}")
    upgrade(store.engine)
    load_demo_district(store)
    add_devices(store)
    yield store
    store.close()
