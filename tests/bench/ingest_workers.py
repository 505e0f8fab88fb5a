"""The workers phase of the ingest benchmark (``bench_ingest``): the same stream
of alerts ingested by one headless ``youyi-console ingest`` worker, then by two
sharing the topics (``--shared``, MQTT shared subscriptions), each run into a
fresh PostgreSQL schema.  The clock runs from the first publish until the
database holds every alert (polled every 20 ms)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from services.db.store import Store
from services.simulation.fleet import devices_from_store
from tests.bench.bench_store import fresh_db
from tests.bench.ingest_traffic import SITE, Stream, alert_stream, publish_from_children

CLI = [sys.executable, "-m", "console.cli"]


@dataclass
class WorkersResult:
    workers: int
    alerts: int
    rate: float


def run_workers(
    pg_url: str, port: int, alerts: int, mix: str, publishers: int, counts: tuple[int, ...] = (1, 2)
) -> list[WorkersResult]:
    results = []
    stream: Stream | None = None
    for n in counts:
        with tempfile.TemporaryDirectory() as tmp, fresh_db("postgres", pg_url, Path(tmp)) as store:
            if stream is None:  # the same alerts for every run (event keys are deterministic)
                stream = alert_stream(devices_from_store(store), alerts, mix)
            url = store.url.render_as_string(hide_password=False)
            procs = [_worker(url, port, Path(tmp), i) for i in range(n)]
            try:
                sent = publish_from_children(port, stream, 0, publishers)
                done = _wait_stored(store, len(stream.keys), 120)
                rate = len(stream.keys) / (done - min(sent))
                results.append(WorkersResult(n, len(stream.keys), rate))
            finally:
                for p in procs:
                    p.send_signal(signal.SIGTERM)
                for p in procs:
                    p.wait(30)
    return results


def _worker(db_url: str, port: int, tmp: Path, i: int) -> subprocess.Popen[str]:
    args = [
        *CLI, "--db", db_url, "ingest", "--broker", f"mqtt://127.0.0.1:{port}", "--site", SITE,
        "--client-id", f"bench-worker-{i}", "--shared", "bench", "--spool", str(tmp / f"{i}.jsonl"),
        "--stats-every", "60",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # "ingesting ..." once subscribed
    if not line.startswith("ingesting"):
        proc.kill()
        raise RuntimeError(f"ingest worker {i} did not start: {line!r}")
    return proc


def _wait_stored(store: Store, n: int, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    with store.engine.connect() as conn:
        while time.monotonic() < deadline:
            if conn.execute(text("SELECT count(*) FROM alerts")).scalar_one() >= n:
                return time.time()
            conn.commit()
            time.sleep(0.02)
    raise TimeoutError(f"workers: {n} alerts not stored in {timeout:.0f} s")


def report_workers(results: list[WorkersResult], mix: str) -> None:
    print(f"\nheadless workers sharing the topics (--shared), {results[0].alerts:,} {mix} alerts")
    for r in results:
        print(f"  {r.workers} worker{'s' if r.workers > 1 else ' '}                        "
              f"{r.rate:>9,.0f} alerts/s")  # fmt: skip
    if len(results) > 1:
        print(f"  ratio two / one                  {results[1].rate / results[0].rate:>9.2f}")
