"""Work-order desk benchmark: the first page of each filter among 1,000,000 orders.

    .venv/bin/python -m tests.bench.bench_desk                      # both backends, 1M orders
    .venv/bin/python -m tests.bench.bench_desk --rows 100000 --backends sqlite --explain

Loads ``--rows`` orders spread over two years the way a district's history
looks (nine tenths closed or archived, the open tenth spread over the handling
states, a sixth of those overdue; a dozen operators, nine grid supervisors,
officers and the rules raising and moving them; titles from a list of common
problems, a few rare ones), then times ``OrderDesk.page`` (100 rows, through
the service: SQL, rows and the frozen records) and ``OrderDesk.count`` (capped
at 10,000) for the desk's filters: median of ``--repeat`` runs after one warm-up.
``--explain`` prints each query's plan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from services.db.store import Store
from services.domain import Category, OrderFilter, OrderState, Principal, Priority, Role
from services.workflow.desk import OrderDesk
from services.workflow.orders import WorkOrderService
from tests.bench.bench_store import GRIDS, copy_orders, fresh_db

S = OrderState
COLUMNS = (
    "number", "title", "description", "category", "priority", "state", "is_open",
    "grid_code", "unit_code", "reporter", "source", "created_at", "updated_at",
    "updated_by", "overdue", "near_due", "supervised", "escalation", "version",
)  # fmt: skip
OPEN_STATES = [
    ("reported", 10), ("filed", 5), ("dispatched", 20), ("acknowledged", 10),
    ("in_progress", 40), ("extended", 3), ("parked", 7), ("resolved", 5),
]  # fmt: skip
TITLES = [
    "电梯困人", "电梯异响", "电动车入梯", "楼道堆物", "飞线充电", "故障电弧告警", "跨门经营",
    "占道经营", "非机动车乱停放", "垃圾满溢", "绿化带破坏", "噪声扰民", "违章搭建", "油烟扰民",
]  # fmt: skip
RARE_TITLE = "井盖缺失"  # one order in a thousand
OPERATORS = [f"op{i:02d}" for i in range(1, 13)]
SUPERVISORS = {g: f"sup{g[1:]}" for g in GRIDS}
LAW = "law-youyi"

OPERATOR = Principal(1, "op01", "值班员", Role.OPERATOR)
QUIET = Principal(2, "op12", "值班员", Role.OPERATOR)  # works the night shift of one day a week
SUPERVISOR = Principal(3, "sup11", "网格长", Role.SUPERVISOR, frozenset({"G11", "G12", "G13"}))


def synthetic_rows(n: int) -> Iterator[tuple[object, ...]]:
    rnd = random.Random(7)
    t0 = datetime(2024, 12, 1, tzinfo=UTC)
    step = timedelta(days=730) / n
    day, seq = "", 0
    open_states = [s for s, w in OPEN_STATES for _ in range(w)]
    categories = list(Category)
    for i in range(n):
        created = t0 + step * i
        local_day = (created + timedelta(hours=8)).strftime("%Y%m%d")
        day, seq = (day, seq + 1) if local_day == day else (local_day, 1)
        grid = GRIDS[rnd.randrange(9)]
        is_open = rnd.random() < 0.10 * (0.3 + 0.7 * i / n)  # newer orders are open more often
        if is_open:
            state = rnd.choice(open_states)
        else:
            state = "not_filed" if rnd.random() < 0.03 else rnd.choice(["closed", "archived"])
        r = rnd.random()
        reporter = "rules" if r < 0.3 else OPERATORS[0] if r < 0.5 else rnd.choice(OPERATORS)
        if reporter == "op12" and rnd.random() < 0.97:
            reporter = OPERATORS[1]  # op12 is rare
        moved_by = rnd.choice([SUPERVISORS[grid], "officer07", rnd.choice(OPERATORS[:11])])
        title = RARE_TITLE if rnd.random() < 0.001 else rnd.choice(TITLES)
        priority = "critical" if r < 0.03 else "urgent" if r < 0.18 else "normal"
        yield (
            f"YY-{day}-{seq:04d}",
            f"{title}（{grid}）",
            f"{title}，请尽快处置",
            rnd.choice(categories).value,
            priority,
            state,
            is_open,
            grid,
            None if state in ("reported", "filed", "not_filed") else LAW,
            reporter,
            "rule" if reporter == "rules" else "console",
            created,
            created + timedelta(hours=rnd.randrange(1, 96)),
            moved_by if state != "reported" else reporter,
            is_open and state not in ("reported", "parked") and rnd.random() < 0.17,
            False,
            0,
            "grid",
            3,
        )


def load_rows(store: Store, n: int) -> float:
    return copy_orders(store, COLUMNS, synthetic_rows(n))


def cases(store: Store, rows: int) -> list[tuple[str, Principal, OrderFilter]]:
    with store.reading() as conn:
        pick = text("SELECT number FROM work_orders ORDER BY id LIMIT 1 OFFSET :n")
        number = conn.execute(pick, {"n": rows // 8}).scalar_one()
    f = OrderFilter
    return [
        ("open (the desk's default)", OPERATOR, f()),
        ("all", OPERATOR, f(open_only=False)),
        ("closed", OPERATOR, f(open_only=False, states=frozenset({S.CLOSED}))),
        ("one grid, open", OPERATOR, f(grids=frozenset({"G22"}))),
        ("state parked", OPERATOR, f(states=frozenset({S.PARKED}))),
        ("category, open", OPERATOR, f(categories=frozenset({Category.SANITATION}))),
        ("critical, open", OPERATOR, f(priorities=frozenset({Priority.CRITICAL}))),
        ("overdue", OPERATOR, f(overdue_only=True)),
        ("overdue, one grid", OPERATOR, f(overdue_only=True, grids=frozenset({"G31"}))),
        ("mine, busy operator, all", OPERATOR, f(mine=True, open_only=False)),
        ("mine, quiet operator, open", QUIET, f(mine=True)),
        ("mine, quiet operator, all", QUIET, f(mine=True, open_only=False)),
        ("text 电梯, all", OPERATOR, f(text="电梯", open_only=False)),
        (f"text {RARE_TITLE} (rare), all", OPERATOR, f(text=RARE_TITLE, open_only=False)),
        (f"number {number}, all", OPERATOR, f(text=number, open_only=False)),
        (f"number prefix {number[:11]}, all", OPERATOR, f(text=number[:11], open_only=False)),
        ("supervisor (3 grids), open", SUPERVISOR, f()),
        ("supervisor, all", SUPERVISOR, f(open_only=False)),
    ]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result = fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000, result


def explain(
    store: Store,
    desk: OrderDesk,
    principal: Principal,
    flt: OrderFilter,
    after: tuple[datetime, int] | None = None,
) -> str:
    query = desk.page_query(principal, flt, after)
    if query is None:
        return "(nothing: outside the user's grids)"
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    prefix = "EXPLAIN QUERY PLAN " if not store.is_postgres else "EXPLAIN (ANALYZE, COSTS OFF) "
    with store.reading() as conn:
        rows = conn.execute(text(prefix + sql)).all()
    return "\n".join("      " + " ".join(str(c) for c in r) for r in rows)


def measure(
    desk: OrderDesk, principal: Principal, flt: OrderFilter, repeat: int
) -> tuple[float, float, list[Any], float, int]:
    page_ms, page = timed(lambda: desk.page(principal, flt), repeat)
    count_ms, n = timed(lambda: desk.count(principal, flt), repeat)
    next_ms = 0.0
    if page:
        after = (page[-1].created_at, page[-1].id)
        next_ms, _ = timed(lambda: desk.page(principal, flt, after), repeat)
    return page_ms, next_ms, page, count_ms, n


def bench(store: Store, rows: int, repeat: int, show_plans: bool) -> None:
    desk = OrderDesk(WorkOrderService(store))
    print(
        f"  {'filter':<38} {'first page':>12} {'next page':>12} {'rows':>5}"
        f" {'count≤10k':>10} {'count':>12}"
    )
    for name, principal, flt in cases(store, rows):
        page_ms, next_ms, page, count_ms, n = measure(desk, principal, flt, repeat)
        print(
            f"  {name:<38} {page_ms:>9.2f} ms {next_ms:>9.2f} ms {len(page):>5}"
            f" {n:>10,} {count_ms:>9.2f} ms",
            flush=True,
        )
        if show_plans:
            print(explain(store, desk, principal, flt))
            if page:
                print("    next page:")
                print(explain(store, desk, principal, flt, (page[-1].created_at, page[-1].id)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--explain", action="store_true", help="print each query's plan")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            with fresh_db(backend, args.pg, Path(tmp)) as store:
                load_s = load_rows(store, args.rows)
                print(f"{backend}: {args.rows:,} orders (loaded in {load_s:.0f} s)", flush=True)
                bench(store, args.rows, args.repeat, args.explain)


if __name__ == "__main__":
    main()
