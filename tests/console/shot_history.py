"""A month of made-up history for the dashboard's screenshots (demo data): work
orders raised and closed over the last 30 days through the workflow (a clock set
back), a day of alerts by kind and a week of one arc-fault sensor's minutes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from services.db.models import Alert, Device, Telemetry, table_of
from services.db.store import Store
from services.domain import OrderState as S
from services.workflow.orders import WorkOrderService
from tests.support.store import PATH, FakeClock, drive, raise_order

GRIDS = [f"G{b}{c}" for b in (1, 2, 3) for c in (1, 2, 3)]
ALERT_TYPES = {
    "elevator": "door_fault",
    "arc_fault": "residual_current_high",
    "eagle_eye": "crowd",
    "nonmotor_probe": "ebike_parking",
    "storefront_probe": "occupation",
}


def seed_history(store: Store, now: datetime | None = None, seed: int = 14) -> None:
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    clock = FakeClock(now - timedelta(days=30))
    svc = WorkOrderService(store, clock=clock)
    for day in range(30, 0, -1):
        for _ in range(rng.randint(3, 9)):
            clock.now = now - timedelta(days=day, hours=rng.uniform(0, 20))
            grid = rng.choice(GRIDS[: rng.randint(3, 9)])  # some cells busier than others
            order = raise_order(svc, grid=grid)
            if rng.random() < 0.8 and day > 1:
                clock.now += timedelta(hours=rng.uniform(1, 30))
                drive(svc, order, *PATH[S.CLOSED])
            elif rng.random() < 0.5:
                drive(svc, order, *PATH[S.IN_PROGRESS])
    with store.transaction() as tx:
        devices = tx.conn.execute(
            select(table_of(Device).c.id, table_of(Device).c.kind, table_of(Device).c.grid_code)
        ).all()
        by_kind: dict[str, list[tuple[str, str | None]]] = {}
        for device_id, kind, grid in devices:
            by_kind.setdefault(kind, []).append((device_id, grid))
        rows = []
        for i in range(600):
            kind = rng.choice([k for k in ALERT_TYPES if k in by_kind])
            device_id, grid = rng.choice(by_kind[kind])
            at = now - timedelta(hours=24 * rng.random() ** 1.3)
            rows.append(
                {
                    "event_key": f"history-{i}",
                    "device_id": device_id,
                    "kind": kind,
                    "alert_type": ALERT_TYPES[kind],
                    "severity": 2,
                    "occurred_at": at,
                    "received_at": at,
                    "grid_code": grid,
                    "payload": {"demo": True},
                }
            )
        tx.conn.execute(insert(table_of(Alert)), rows)
        start = now - timedelta(days=7)
        for sensor, _grid in by_kind.get("arc_fault", []):  # every 5 minutes, a peak a day
            values = [
                {
                    "device_id": sensor,
                    "metric": "residual_current_ma",
                    "at": start + timedelta(minutes=5 * m),
                    "value": 340.0
                    if m % 288 == 250
                    else 60 + 25 * (m % 288 > 216) + rng.gauss(0, 6),
                }
                for m in range(7 * 288)
            ]
            tx.conn.execute(insert(table_of(Telemetry)), values)
