"""Statistics benchmark (issue 14), on PostgreSQL:

    .venv/bin/python -m tests.bench.bench_stats                  # 1,000,000 alerts, 200,000 orders
    .venv/bin/python -m tests.bench.bench_stats --alerts 100000 --orders 20000

A year of made-up history ending now: alerts spread over it (every kind, every
grid cell), orders raised over it, four in five closed 2-72 hours later with
their history rows (``work_order_events``: filed, dispatched, closed) so that
the close path is exercised; a tenth of the open ones overdue.  Then, medians
of ``--repeat`` runs, side by side in one run:

- alerts by kind over the last 30 days in day buckets, through
  ``services.stats.alert_counts.alerts_by_kind``, beside the bare SQL of the
  same counts;
- orders raised and closed over the last 30 days through
  ``services.stats.order_counts.order_facts``, beside the bare SQL counts;
- the whole statistics dock (``services.stats.dashboard.load_dashboard``, a
  month) and the month's report (``services.stats.report.build_report``).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text

from services.db.changefeed import libpq_conninfo
from services.db.store import Store
from services.district.timezone import district_tz
from services.stats.alert_counts import alerts_by_kind
from services.stats.buckets import local_day, local_midnight
from services.stats.dashboard import load_dashboard
from services.stats.order_counts import order_facts
from services.stats.report import build_report
from tests.bench.bench_store import GRIDS, fresh_db

KINDS = ("elevator", "arc_fault", "eagle_eye", "nonmotor_probe", "storefront_probe", "camera")
ORDER_COLUMNS = (
    "number", "title", "description", "category", "priority", "state", "is_open",
    "grid_code", "reporter", "source", "created_at", "updated_at", "updated_by", "overdue",
    "near_due", "supervised", "escalation", "version", "due_at", "late",
)  # fmt: skip
EVENT_COLUMNS = ("order_id", "at", "actor", "console", "action", "from_state", "to_state",
                 "note", "attachments", "data")  # fmt: skip


# The orders' figures order_facts gives, in PostgreSQL's own SQL: raised per
# category, grid and source; closed per category and grid with closed on time and
# the median and 90th percentile of hours to close; overdue and open per grid.
BARE_ORDERS = """
WITH last AS (
  SELECT order_id, max(at) AS closed_at FROM work_order_events
  WHERE to_state = 'closed' AND order_id IN (SELECT order_id FROM work_order_events
    WHERE to_state = 'closed' AND at >= :since AND at < :until)
  GROUP BY order_id
)
SELECT 'opened', category, grid_code, source, count(*), NULL::float8, NULL::float8
  FROM work_orders WHERE created_at >= :since AND created_at < :until
  GROUP BY category, grid_code, source
UNION ALL
SELECT 'closed', o.category, o.grid_code, count(*) FILTER (WHERE NOT o.late)::text, count(*),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM l.closed_at - o.created_at)),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM l.closed_at - o.created_at))
  FROM work_orders o JOIN last l ON l.order_id = o.id
  WHERE o.state IN ('closed', 'archived') AND l.closed_at >= :since AND l.closed_at < :until
  GROUP BY GROUPING SETS ((o.category), (o.grid_code), ())
UNION ALL
SELECT 'overdue', category, grid_code, NULL, count(*), NULL, NULL FROM work_orders
  WHERE is_open AND created_at < :until AND (overdue OR due_at <= :until)
  GROUP BY category, grid_code
"""


def alert_rows(n: int, now: datetime) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(7)
    start = now - timedelta(days=365)
    for i in range(n):
        at = start + timedelta(seconds=rng.randrange(365 * 86_400))
        kind = rng.choice(KINDS)
        yield (f"bench:{i}", f"{kind[:2].upper()}-{i % 900:04d}", kind, "bench_type", 2, at, at,
               rng.choice(GRIDS), json.dumps({}))  # fmt: skip


def order_rows(n: int, now: datetime) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rng = random.Random(11)
    start = now - timedelta(days=365)
    orders, events = [], []
    for i in range(n):
        created = start + timedelta(seconds=i * 365 * 86_400 // n)
        closed = rng.random() < 0.8 and created < now - timedelta(days=3)
        due = created + timedelta(hours=48)
        took = rng.uniform(2, 72)  # hours to close; past 48, the order was late
        state = "closed" if closed else rng.choice(["filed", "dispatched", "in_progress"])
        overdue = not closed and due < now
        orders.append((f"BS-{i:07d}", f"order {i}", "", "sanitation", "normal", state, not closed,
                       rng.choice(GRIDS), "bench", rng.choice(["rules", "operator"]), created,
                       created, "bench", overdue, False, 0, "grid", 1,
                       None if closed else due,
                       overdue or (closed and took > 48)))  # fmt: skip
        order_id = i + 1
        steps = [("file", "reported", "filed", 0.1), ("dispatch", "filed", "dispatched", 0.2)]
        if closed:
            steps.append(("close", "dispatched", "closed", took))
        for action, before, after, hours in steps:
            events.append((order_id, created + timedelta(hours=hours), "bench", "bench",
                           action, before, after, "", "[]", "{}"))  # fmt: skip
    return orders, events


def copy(store: Store, table: str, columns: tuple[str, ...], rows: Any) -> None:
    with psycopg.connect(libpq_conninfo(store.url)) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
            for row in rows:
                out.write_row(row)
        cur.execute(f"ANALYZE {table}")


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--alerts", type=int, default=1_000_000)
    ap.add_argument("--orders", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    now = datetime.now(UTC)
    zone = str(district_tz())
    with tempfile.TemporaryDirectory() as tmp, fresh_db("postgres", args.pg, Path(tmp)) as store:
        began = time.perf_counter()
        copy(store, "alerts", ("event_key", "device_id", "kind", "alert_type", "severity",
                               "occurred_at", "received_at", "grid_code", "payload"),
             alert_rows(args.alerts, now))  # fmt: skip
        orders, events = order_rows(args.orders, now)
        copy(store, "work_orders", ORDER_COLUMNS, orders)
        copy(store, "work_order_events", EVENT_COLUMNS, events)
        print(f"loaded {args.alerts:,} alerts, {args.orders:,} orders and {len(events):,} "
              f"history rows in {time.perf_counter() - began:.0f} s")  # fmt: skip
        month = local_midnight(local_day(now) - timedelta(days=29))
        bare_alerts = text(
            "SELECT date_trunc('day', received_at AT TIME ZONE :zone) AS d, kind, count(*) "
            "FROM alerts WHERE received_at >= :since AND received_at < :until GROUP BY d, kind"
        )
        bare_orders = text(BARE_ORDERS)
        bind = {"zone": zone, "since": month, "until": now}

        def bare(query: Any) -> Callable[[], object]:
            def run() -> object:
                with store.reading() as conn:
                    return conn.execute(query, bind).all()

            return run

        rows = [
            ("alerts by kind, 30 days by day",
             lambda: alerts_by_kind(store, month, now, None, "day"), bare(bare_alerts)),
            ("orders raised and closed, 30 days",
             lambda: order_facts(store, month, now, None, now=now), bare(bare_orders)),
        ]  # fmt: skip
        for name, ours, theirs in rows:
            a, b = median_ms(ours, args.repeat), median_ms(theirs, args.repeat)
            print(f"{name}: {a:.0f} ms through services.stats; bare SQL {b:.0f} ms; "
                  f"ratio {a / b:.1f}")  # fmt: skip
        dock = median_ms(lambda: load_dashboard(store, None, "month", now=now), args.repeat)
        report = median_ms(
            lambda: build_report(store, local_day(month), local_day(now), now=now), args.repeat
        )
        print(f"the statistics dock (a month): {dock:.0f} ms; the month's report: {report:.0f} ms")
        print(
            f"migration 0013 (the late flag, replayed from {len(events):,} history rows): "
            f"{migration_0013_s(store):.1f} s"
        )


def migration_0013_s(store: Store) -> float:
    """Seconds to upgrade from 0012: adding ``late`` and replaying every order."""
    from alembic import command

    from services.db.migrate import alembic_config, upgrade

    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    began = time.perf_counter()
    upgrade(store.engine)
    return time.perf_counter() - began


if __name__ == "__main__":
    main()
