"""The change feed: another console hears of a change within a second."""

from __future__ import annotations

import time

import pytest

from services.db.changefeed import decode, encode
from services.db.store import Store
from services.domain import Change
from services.domain import OrderState as S
from services.errors import UnknownGridError
from services.workflow.orders import Move, NewOrder, WorkOrderService
from tests.support.store import OPERATOR, FakeClock, Inbox, raise_order


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_other_console_hears_within_a_second(
    store: Store, second_store: Store, clock: FakeClock
) -> None:
    """PostgreSQL only: across connections the feed is LISTEN/NOTIFY, which SQLite
    (one workstation, in-process feed) does not have."""
    inbox = Inbox()
    unsubscribe = store.subscribe(inbox)  # console A listens
    console_b = WorkOrderService(second_store, clock=clock)  # console B writes
    sent = time.monotonic()
    order = raise_order(console_b)
    order = console_b.move(order.id, Move(S.FILED), version=order.version, actor=OPERATOR)
    changes = inbox.wait_for(2)
    assert [(c.id, c.version, c.state) for c in changes] == [
        (order.id, 1, "reported"),
        (order.id, 2, "filed"),
    ]
    assert changes[0].console == "ws-01" and changes[0].number == order.number
    assert inbox.changes[1][0] - sent < 1.0
    unsubscribe()
    raise_order(console_b)
    time.sleep(0.5)  # a notice would arrive in well under this; none must
    assert len(inbox.changes) == 2


def test_rolled_back_change_is_not_announced(store: Store, service: WorkOrderService) -> None:
    inbox = Inbox()
    store.subscribe(inbox)
    with pytest.raises(UnknownGridError):
        service.raise_order(NewOrder(title="不存在的网格", grid="G99"), OPERATOR)
    order = raise_order(service)
    changes = inbox.wait_for(1)
    time.sleep(0.3)
    assert [c.id for _, c in inbox.changes] == [order.id]
    assert changes[0].state == "reported"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_feed_is_in_process_and_after_commit(
    store: Store, service: WorkOrderService
) -> None:
    """SQLite only: on PostgreSQL the notices come through the listener thread."""
    seen: list[tuple[Change, int]] = []

    def on_change(change: Change) -> None:
        # Called after the commit: a fresh read already sees the new version.
        seen.append((change, service.get(change.id).version))

    store.subscribe(on_change)
    order = raise_order(service)
    service.move(order.id, Move(S.FILED), version=1, actor=OPERATOR)
    assert [(c.version, v) for c, v in seen] == [(1, 1), (2, 2)]


@pytest.mark.slow
@pytest.mark.postgres
def test_listener_reconnects_after_the_server_restarts(clock: FakeClock) -> None:
    """A console whose database restarts hears a resync, then changes again."""
    from services.db.changefeed import RESYNC
    from services.db.demo import load_demo_district
    from services.db.migrate import upgrade
    from tests.support.servers import ThrowawayPostgres

    with ThrowawayPostgres() as server:
        listening = Store(server.url)
        writing = Store(server.url)
        try:
            upgrade(writing.engine)
            load_demo_district(writing)
            inbox = Inbox()
            listening.subscribe(inbox)
            console = WorkOrderService(writing, clock=clock)
            raise_order(console)
            assert len(inbox.wait_for(1)) == 1
            server.stop()
            server.start()
            assert inbox.wait_for(2, timeout=15)[1] == RESYNC
            order = raise_order(console)
            assert inbox.wait_for(3)[2].id == order.id
        finally:
            listening.close()
            writing.close()


def test_a_batch_names_its_rows_unless_they_do_not_fit_a_notice() -> None:
    few = Change("alarms", 9, 0, "batch", "ingest", ids=(3, 5, 9))
    assert decode(encode(few)) == few and few.rows == (3, 5, 9)
    single = Change("alarms", 4, 7, "active_ack", "ws-01")
    assert decode(encode(single)).rows == (4,)
    many = Change("alarms", 2_000_000, 0, "batch", "ingest", ids=tuple(range(1_000_000, 1_002_000)))
    payload = encode(many)
    assert len(payload.encode()) < 8000  # PostgreSQL's limit for a NOTIFY payload
    assert decode(payload).rows is None  # too many to name: the table is read again
    assert Change("alarms", 9, 0, "batch", "ingest").rows is None
