"""Store benchmark: lifecycle throughput, and the desk's first page among 1M orders.

    .venv/bin/python -m tests.bench.bench_store                # both backends, full size
    .venv/bin/python -m tests.bench.bench_store --orders 2000 --rows 50000 --backends sqlite

A. Raise, file, dispatch, acknowledge, start, report and close ``--orders``
   orders through WorkOrderService, one console, one thread: orders/s (each
   order is 7 transactions, each with its history event, audit entry and
   change notice).
B. Load ``--rows`` orders spread over the nine grid cells (a fifth still open),
   then time the first page (50 rows) of one cell's open orders through the
   service, beside the same SQL typed into psql / sqlite3 (their own timers),
   medians of ``--repeat`` runs.  The ratio is ours over theirs.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing as contextlib_closing
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from services.db.changefeed import libpq_conninfo
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.domain import Actor, OrderState, Outcome
from services.workflow.order_rows import open_orders_query
from services.workflow.orders import Move, NewOrder, WorkOrderService

S = OrderState
GRIDS = [f"G{r}{c}" for r in (1, 2, 3) for c in (1, 2, 3)]
COLUMNS = (
    "number",
    "title",
    "description",
    "category",
    "priority",
    "state",
    "is_open",
    "grid_code",
    "reporter",
    "source",
    "created_at",
    "updated_at",
    "updated_by",
    "overdue",
    "near_due",
    "supervised",
    "escalation",
    "version",
)


@contextmanager
def fresh_db(backend: str, pg_url: str, workdir: Path) -> Iterator[Store]:
    if backend == "sqlite":
        store = Store(make_url(f"sqlite:///{workdir / f'bench-{uuid.uuid4().hex[:6]}.db'}"))
        upgrade(store.engine)
        load_demo_district(store)
        yield store
        store.close()
        return
    base = make_url(pg_url)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_conninfo(base), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    store = Store(base.update_query_dict({"options": f"-csearch_path={schema}"}))
    try:
        upgrade(store.engine)
        load_demo_district(store)
        yield store
    finally:
        store.close()
        with psycopg.connect(libpq_conninfo(base), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def bench_lifecycle(store: Store, n: int) -> float:
    svc = WorkOrderService(store)
    actor = Actor("bench", "bench-01")
    path = (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS)
    started = time.perf_counter()
    for i in range(n):
        o = svc.raise_order(NewOrder(title=f"bench {i}", grid=GRIDS[i % 9]), actor)
        for target in path:
            o = svc.move(o.id, Move(target), version=o.version, actor=actor)
        o = svc.move(o.id, Move(S.RESOLVED, note="done"), version=o.version, actor=actor)
        svc.move(o.id, Move(S.CLOSED, outcome=Outcome.FIXED), version=o.version, actor=actor)
    return n / (time.perf_counter() - started)


def synthetic_rows(n: int) -> Iterator[tuple[object, ...]]:
    rnd = random.Random(42)
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(n):
        created = t0 + timedelta(seconds=i * 30)
        is_open = rnd.random() < 0.2
        state = rnd.choice(["filed", "dispatched", "in_progress"]) if is_open else "archived"
        yield (
            f"BN-{i:07d}",
            f"synthetic order {i}",
            "",
            "sanitation",
            "normal",
            state,
            is_open,
            GRIDS[rnd.randrange(9)],
            "bench",
            "bench",
            created,
            created,
            "bench",
            False,
            False,
            0,
            "grid",
            1,
        )


def load_rows(store: Store, n: int) -> float:
    return copy_orders(store, COLUMNS, synthetic_rows(n))


def copy_orders(store: Store, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> float:
    """Bulk-load work-order rows (COPY on PostgreSQL, executemany on SQLite, where
    ``created_at`` and the column after it, ``updated_at``, go in as naive text);
    returns the seconds it took, ANALYZE included."""
    started = time.perf_counter()
    names = ", ".join(columns)
    if store.is_postgres:
        with psycopg.connect(libpq_conninfo(store.url)) as conn, conn.cursor() as cur:
            with cur.copy(f"COPY work_orders ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cur.execute("ANALYZE work_orders")
    else:
        import sqlite3

        conn = sqlite3.connect(store.url.database or "")
        marks = ", ".join("?" * len(columns))
        at = list(columns).index("created_at")
        naive = ((*r[:at], _naive(r[at]), _naive(r[at + 1]), *r[at + 2 :]) for r in rows)
        conn.executemany(f"INSERT INTO work_orders ({names}) VALUES ({marks})", naive)
        conn.commit()
        conn.execute("ANALYZE")
        conn.close()
    return time.perf_counter() - started


def _naive(value: object) -> str:
    assert isinstance(value, datetime)
    return value.replace(tzinfo=None).isoformat(sep=" ")


def time_ours(store: Store, grid: str, repeat: int) -> float:
    svc = WorkOrderService(store)
    for _ in range(5):
        svc.open_orders(grid, 50)
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        page = svc.open_orders(grid, 50)
        samples.append(time.perf_counter() - t)
    assert len(page) == 50
    return statistics.median(samples) * 1000


def page_sql(store: Store, grid: str) -> str:
    query = open_orders_query(grid, 50)
    return str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))


def time_driver(store: Store, grid: str, repeat: int) -> float:
    """The same SQL through the bare Python driver (sqlite3 / psycopg), rows as tuples:
    what any Python program pays before it makes objects of the rows."""
    sql = page_sql(store, grid)
    if store.is_postgres:
        conn: Any = psycopg.connect(libpq_conninfo(store.url), autocommit=True)
        closing: Any = conn
    else:
        import sqlite3

        conn = sqlite3.connect(store.url.database or "")
        closing = contextlib_closing(conn)
    with closing:
        samples = []
        for i in range(repeat + 5):
            t = time.perf_counter()
            rows = conn.execute(sql).fetchall()
            if i >= 5:
                samples.append(time.perf_counter() - t)
        assert len(rows) == 50
    return statistics.median(samples) * 1000


def time_cli(store: Store, grid: str, repeat: int) -> tuple[float, str]:
    sql = (
        str(
            open_orders_query(grid, 50).compile(
                store.engine, compile_kwargs={"literal_binds": True}
            )
        ).replace("\n", " ")
        + ";"
    )
    if store.is_postgres:
        u = store.url
        schema = str(u.query["options"]).split("=", 1)[1]
        script = f"SET search_path={schema};\n\\timing on\n" + (sql + "\n") * (repeat + 5)
        out = subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-o",
                "/dev/null",
                "-h",
                u.host or "127.0.0.1",
                "-p",
                str(u.port or 5432),
                "-U",
                u.username or "postgres",
                u.database or "",
            ],
            input=script,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times = [float(t) for t in re.findall(r"Time: ([\d.]+) ms", out)]
        tool = "psql"
    else:
        # The CLI's timer stops at milliseconds: time many runs of the query in one
        # sqlite3 process against the same process doing nothing, per query.
        many = (sql + "\n") * (repeat * 10)
        full = min(_run_sqlite(store, many) for _ in range(3))
        empty = min(_run_sqlite(store, "SELECT 1;\n") for _ in range(3))
        times = [0.0] * 5 + [(full - empty) * 1000 / (repeat * 10)]
        tool = "sqlite3"
    return statistics.median(times[5:]), tool


def _run_sqlite(store: Store, script: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["sqlite3", str(store.url.database)],
        input=".output /dev/null\n" + script,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            if args.orders:
                with fresh_db(backend, args.pg, Path(tmp)) as store:
                    rate = bench_lifecycle(store, args.orders)
                print(
                    f"{backend}: lifecycle {args.orders} orders: {rate:,.1f} orders/s "
                    f"({rate * 7:,.0f} transitions/s)",
                    flush=True,
                )
            if args.rows:
                with fresh_db(backend, args.pg, Path(tmp)) as store:
                    load_s = load_rows(store, args.rows)
                    ours = time_ours(store, "G22", args.repeat)
                    driver = time_driver(store, "G22", args.repeat)
                    theirs, tool = time_cli(store, "G22", args.repeat)
                print(
                    f"{backend}: first page of open orders of one cell among {args.rows:,}"
                    f" (loaded in {load_s:.0f} s): ours {ours:.3f} ms, bare driver {driver:.3f} ms,"
                    f" {tool} {theirs:.3f} ms,"
                    f" ratio {ours / theirs:.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
