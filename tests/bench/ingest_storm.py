"""The storm phase of the ingest benchmark (``bench_ingest``): every arc-fault
sensor and every elevator of the demo district at once, with redeliveries and
repeats (``ingest_traffic.storm_stream``), through a throwaway Mosquitto into a
fresh PostgreSQL schema, with the rules raising and dispatching an order for
every alarm.

"Drained" is the first publish to the commit of the last new alert: the orders
of alarms without a hold time are raised in the same transactions, so they are
in by then.  E-bike alarms wait out their hold time (10 s) first; their orders
are timed from the end of the hold.  The phase fails unless every alert is
stored once, every alarm raised one order, nothing went to quarantine, no
warning was logged (a deadlock retried, a batch written one by one) and the
audit chain verifies.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from services import audit
from services.bus import BrokerSettings
from services.db.store import Store
from services.ingest.service import IngestService
from services.simulation.fleet import devices_from_store
from tests.bench.bench_store import fresh_db
from tests.bench.ingest_traffic import SITE, Stamped, publish_from_children, storm_stream

EBIKE_HOLD_S = 10.0  # resources/alert_types.toml


@dataclass
class StormResult:
    messages: int
    alerts: int
    alarms: int
    orders: int
    drained_s: float
    held_orders_after_hold_s: float
    warnings: list[str]

    @property
    def rate(self) -> float:
        return self.alerts / self.drained_s


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


def run_storm(pg_url: str, port: int, publishers: int) -> StormResult:
    with tempfile.TemporaryDirectory() as tmp, fresh_db("postgres", pg_url, Path(tmp)) as store:
        at = datetime.now(UTC)
        stream = storm_stream(devices_from_store(store), at)
        distinct = set(stream.keys)
        settings = BrokerSettings.from_url(f"mqtt://127.0.0.1:{port}", client_id="bench-storm")
        service = IngestService(store, settings, SITE, spool_path=Path(tmp) / "spool.jsonl")
        stamped = Stamped(service, None)
        warnings = _Warnings()
        logging.getLogger("services").addHandler(warnings)
        service.start()
        try:
            assert service.pipeline is not None
            if not service.pipeline.bus.wait_subscribed(15):
                raise TimeoutError("storm: no SUBACK in 15 s")
            sent = publish_from_children(port, stream, 0, publishers)
            first = min(sent)
            _wait(lambda: distinct <= stamped.committed.keys(), 120, "every alert stored")
            drained = max(stamped.committed[k] for k in distinct) - first
            alarms = _count(store, "SELECT count(*) FROM alarms")
            _wait(lambda: _count(store, "SELECT count(*) FROM work_orders") >= alarms, 60, "orders")
            held_done = time.time() - (at.timestamp() + EBIKE_HOLD_S)
        finally:
            service.stop()
            logging.getLogger("services").removeHandler(warnings)
        result = StormResult(
            messages=len(stream.keys),
            alerts=_count(store, "SELECT count(*) FROM alerts"),
            alarms=alarms,
            orders=_count(store, "SELECT count(*) FROM work_orders"),
            drained_s=drained,
            held_orders_after_hold_s=held_done,
            warnings=warnings.lines,
        )
        _check(store, result, len(distinct))
    return result


def _check(store: Store, result: StormResult, distinct: int) -> None:
    unlinked = _count(store, "SELECT count(*) FROM alarms WHERE work_order_id IS NULL")
    quarantined = _count(store, "SELECT count(*) FROM quarantine")
    with store.reading() as conn:
        chain = audit.verify(conn)
    problems = [
        f"{result.alerts} alerts stored of {distinct}" if result.alerts != distinct else "",
        f"{result.orders} orders for {result.alarms} alarms"
        if result.orders != result.alarms
        else "",
        f"{unlinked} alarms without an order" if unlinked else "",
        f"{quarantined} messages quarantined" if quarantined else "",
        f"audit chain: {chain.problems[:3]}" if not chain.ok else "",
        f"warnings logged: {result.warnings[:3]}" if result.warnings else "",
    ]
    if any(problems):
        raise RuntimeError("storm: " + "; ".join(p for p in problems if p))


def _count(store: Store, sql: str) -> int:
    with store.reading() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def _wait(done: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"storm: {what} not done in {timeout:.0f} s")
        time.sleep(0.02)


def report_storm(r: StormResult) -> None:
    print(
        f"\nstorm: every arc-fault sensor and elevator at once, {r.messages:,} messages "
        f"(redeliveries and repeats): {r.alerts:,} alerts, {r.alarms:,} alarms, "
        f"{r.orders:,} orders raised and dispatched by the rules"
    )
    print(f"  drained, orders included          {r.rate:>9,.0f} alerts/s ({r.drained_s:.2f} s)")
    held = r.held_orders_after_hold_s
    print(f"  e-bike orders after their {EBIKE_HOLD_S:.0f} s hold  {held:>9.2f} s")
    print(f"  warnings in the log               {len(r.warnings):>9}", flush=True)
