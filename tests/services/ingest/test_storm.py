"""An alarm storm on real PostgreSQL and Mosquitto, with everything that touches
alarms at the same moment: every arc-fault sensor and every elevator of the demo
district at once (redeliveries, repeats), a console acknowledging and resetting
alarms of those devices, and another worker's hold timer promoting the e-bike
alarms.  Every alert is stored once, no key has two open alarms, every alarm
raised one order, no batch was retried or written one by one, and the audit
chain verifies."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from services import audit
from services.alarms.actions import AlarmService
from services.alarms.rules import RuleEngine, RuleSet
from services.alerts.alert_types import AlertTypes
from services.bus import BrokerSettings
from services.db.changefeed import libpq_conninfo
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.domain import Actor
from services.errors import ServiceError
from services.ingest.hold import promote_held
from services.ingest.service import IngestService
from services.simulation.fleet import devices_from_store
from services.workflow.orders import WorkOrderService
from tests.bench.ingest_traffic import publish_from_children, storm_stream
from tests.support.ingest import broker_url, site

__all__ = ["broker_url", "site"]  # fixtures

pytestmark = pytest.mark.postgres
CONSOLE = Actor("operator", "console-2")


@pytest.fixture
def district(pg_server_url: str) -> Iterator[Store]:
    """A fresh schema with the whole demo district, devices included."""
    base = make_url(pg_server_url)
    schema = f"storm_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq_conninfo(base), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    store = Store(base.update_query_dict({"options": f"-csearch_path={schema}"}))
    upgrade(store.engine)
    load_demo_district(store)
    yield store
    store.close()
    with psycopg.connect(libpq_conninfo(base), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


class _Beside(threading.Thread):
    """Runs ``step`` again and again until told to stop; counts what it did."""

    def __init__(self, name: str, step: Callable[[], int]) -> None:
        super().__init__(name=name, daemon=True)
        self.step, self.done, self.errors = step, 0, list[BaseException]()
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.02):
            try:
                self.done += self.step()
            except BaseException as exc:
                self.errors.append(exc)


def _console_step(alarms: AlarmService, store: Store) -> Callable[[], int]:
    """An operator at another console: acknowledge what is new, reset the arcs."""

    def step() -> int:
        with store.reading() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, version, state, latched FROM alarms WHERE is_open"
                    " AND state IN ('active_unack', 'active_ack') ORDER BY random() LIMIT 20"
                )
            ).all()
        acted = 0
        for alarm_id, version, state, latched in rows:
            try:
                if state == "active_unack":
                    alarms.acknowledge(alarm_id, version=version, actor=CONSOLE)
                elif latched:
                    alarms.reset(alarm_id, version=version, actor=CONSOLE, note="circuit checked")
                else:
                    continue
                acted += 1
            except ServiceError:
                pass  # changed meanwhile by ingest: a console reloads and goes on
        return acted

    return step


def _count(store: Store, sql: str) -> int:
    with store.reading() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def test_storm_with_a_console_and_a_second_hold_timer(
    district: Store, broker_url: str, site: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stream = storm_stream(devices_from_store(district), datetime.now(UTC), site, aftermath=True)
    distinct = len(set(stream.keys))
    u = urlparse(broker_url)
    settings = BrokerSettings(host=u.hostname or "", port=u.port or 1883, client_id=f"w-{site}")
    service = IngestService(district, settings, site, spool_path=tmp_path / "spool.jsonl")
    other = Store(district.url)  # a second worker and a console: connections of their own
    hold = AlertTypes.load().hold_s
    rules = RuleEngine(RuleSet.load(), WorkOrderService(other))
    timer = _Beside(  # the other worker's hold timer, as if 60 s had passed
        "hold-timer",
        lambda: promote_held(
            other, datetime.now(UTC) + timedelta(seconds=60), hold, rules.on_alarms
        ),
    )
    console = _Beside("console", _console_step(AlarmService(other), other))
    caplog.set_level(logging.WARNING, logger="services")
    service.start()
    try:
        assert service.pipeline is not None and service.pipeline.bus.wait_subscribed(15)
        timer.start()
        console.start()
        publish_from_children(u.port or 1883, stream, 0, 2)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            stored = _count(district, "SELECT count(*) FROM alerts")
            pending = _count(district, "SELECT count(*) FROM alarms WHERE state = 'pending'")
            if stored == distinct and not pending and console.done and timer.done:
                break
            time.sleep(0.1)
    finally:
        for worker in (timer, console):
            worker.halt.set()
            worker.join(10)
        service.stop()
        other.close()
    assert not timer.errors and not console.errors, (timer.errors, console.errors)
    assert _count(district, "SELECT count(*) FROM alerts") == distinct
    assert _count(district, "SELECT count(DISTINCT event_key) FROM alerts") == distinct
    assert _count(district, "SELECT count(*) FROM quarantine") == 0
    alarms = _count(district, "SELECT count(*) FROM alarms")
    assert alarms >= 1144  # 412 arc-fault sensors, 366 elevators twice; more after resets
    assert _count(district, "SELECT count(*) FROM alarms WHERE state = 'pending'") == 0
    two_open = "SELECT count(*) FROM (SELECT alarm_key FROM alarms WHERE is_open"
    assert _count(district, two_open + " GROUP BY alarm_key HAVING count(*) > 1) t") == 0
    assert _count(district, "SELECT count(*) FROM alarms WHERE work_order_id IS NULL") == 0
    assert _count(district, "SELECT count(*) FROM work_orders") == alarms
    one_each = (
        "SELECT count(*) FROM alarms a JOIN work_orders o ON o.id = a.work_order_id"
        " WHERE o.source_ref = 'alarm:' || a.id"
    )
    assert _count(district, one_each) == alarms
    assert console.done > 0 and timer.done > 0  # both really acted during the storm
    complaints = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert complaints == []  # no deadlock retried, no batch written one by one
    with district.reading() as conn:
        chain = audit.verify(conn)
    assert chain.ok, chain.problems
