"""Helpers the store's tests share: driving orders to a state (the lifecycle
tests), the ingest writer's devices and alerts, rows read back, a real PNG, the
command line on a store."""

from __future__ import annotations

import io
import struct
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from console.cli import main
from services.access.auth import UserService
from services.alerts.messages import AlertIn, Channel, DeviceKind, Topic
from services.db.store import Store
from services.domain import Actor, Category, Change, Outcome, Priority, Role
from services.domain import OrderState as S
from services.domain import WorkOrder as OrderView
from services.workflow.orders import Move, NewOrder, WorkOrderService

OPERATOR = Actor("wang.op", "ws-01")

PATH: dict[S, tuple[S, ...]] = {
    S.REPORTED: (),
    S.FILED: (S.FILED,),
    S.NOT_FILED: (S.NOT_FILED,),
    S.DISPATCHED: (S.FILED, S.DISPATCHED),
    S.RETURNED: (S.FILED, S.DISPATCHED, S.RETURNED),
    S.ACKNOWLEDGED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED),
    S.IN_PROGRESS: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS),
    S.EXTENDED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.EXTENDED),
    S.PARKED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.PARKED),
    S.RESOLVED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED),
    S.CLOSED: (S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED),
    S.ARCHIVED: (
        S.FILED,
        S.DISPATCHED,
        S.ACKNOWLEDGED,
        S.IN_PROGRESS,
        S.RESOLVED,
        S.CLOSED,
        S.ARCHIVED,
    ),
}


def move_for(order: OrderView, target: S) -> Move:
    """A move to ``target`` carrying whatever that move needs."""
    extend_to = (order.due_at + timedelta(hours=1)) if order.due_at else None
    return Move(target=target, note="测试说明", outcome=Outcome.FIXED, extend_to=extend_to)


def raise_order(
    svc: WorkOrderService,
    grid: str = "G11",
    title: str = "楼道堆物",
    category: Category = Category.SANITATION,
    priority: Priority = Priority.NORMAL,
) -> OrderView:
    return svc.raise_order(
        NewOrder(title=title, grid=grid, category=category, priority=priority), OPERATOR
    )


def drive(svc: WorkOrderService, order: OrderView, *targets: S) -> OrderView:
    for target in targets:
        order = svc.move(order.id, move_for(order, target), version=order.version, actor=OPERATOR)
    return order


def order_in(svc: WorkOrderService, state: S, **kw: object) -> OrderView:
    return drive(svc, raise_order(svc, **kw), *PATH[state])  # type: ignore[arg-type]


T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


DEVICES = [
    ("EL-0231", "elevator", "G21"),
    ("AF-1102", "arc_fault", "G12"),
    ("CAM-001", "camera", "G11"),
]


def topic(device: str, kind: str, channel: Channel = Channel.EVENT) -> Topic:
    return Topic("youyi", DeviceKind(kind), device, channel)


def alert(
    key: str,
    device: str = "EL-0231",
    kind: str = "elevator",
    alert_type: str = "ebike_entering",
    seconds: int = 0,
    severity: int = 2,
    **kw: object,
) -> AlertIn:
    return AlertIn(
        event_key=key,
        topic=topic(device, kind),
        alert_type=alert_type,
        severity=severity,
        occurred_at=T0 + timedelta(seconds=seconds),
        payload={"floor": 7},
        **kw,
    )  # type: ignore[arg-type]


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    with store.reading() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


OP = OPERATOR  # the actor of an alarm action


def alarm_id(store: Store) -> int:
    return int(str(rows(store, "SELECT max(id) FROM alarms")[0][0]))


def png_bytes(rgb: tuple[int, int, int], width: int = 8, height: int = 6) -> bytes:
    """A real PNG of one colour (no Qt in the store's tests)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


HEADER = "id,kind,name,community,lon,lat,camera_ids,reporting_interval_s"


def c01(store: Store) -> tuple[float, float]:
    (lon, lat), *_ = rows(store, "SELECT lon, lat FROM communities WHERE code = 'C01'")
    return float(str(lon)), float(str(lat))


def run(store: Store, *argv: str) -> int:
    return main(["--db", store.url.render_as_string(hide_password=False), *argv])


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Mon 10:00 Shanghai

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


CLI_PASSWORD = "harbour-7-lantern"


def cli_sign_in(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    login: str = "wang",
    role: Role = Role.OPERATOR,
    grids: tuple[str, ...] = (),
    unit: str | None = None,
) -> None:
    """Add the account and sign the command line in as it on ``store``, as a
    user does: ``youyi-console --user LOGIN login --password-stdin``."""
    UserService(store).add_user(login, login, role, CLI_PASSWORD, grids, unit)
    monkeypatch.setattr("sys.stdin", io.StringIO(CLI_PASSWORD + "\n"))
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "--user", login, "login", "--password-stdin"]) == 0


class Inbox:
    def __init__(self) -> None:
        self.changes: list[tuple[float, Change]] = []
        self.event = threading.Condition()

    def __call__(self, change: Change) -> None:
        with self.event:
            self.changes.append((time.monotonic(), change))
            self.event.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Change]:
        with self.event:
            self.event.wait_for(lambda: len(self.changes) >= count, timeout)
            return [c for _, c in self.changes]

    def alarm_ids(self, timeout: float = 5.0, at_least: int = 1) -> set[int]:
        """The alarm ids the changes heard so far name (waiting for ``at_least`` ids)."""

        def named() -> set[int]:
            return {i for _, c in self.changes if c.table == "alarms" for i in (c.rows or ())}

        with self.event:
            self.event.wait_for(lambda: len(named()) >= at_least, timeout)
            return named()
