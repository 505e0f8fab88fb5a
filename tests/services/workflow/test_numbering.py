"""Order numbers: readable, per local day, unique across consoles."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime

from services.db.store import Store
from services.workflow.orders import WorkOrderService
from tests.support.store import FakeClock, raise_order


def test_numbers_count_up_per_local_day(service: WorkOrderService, clock: FakeClock) -> None:
    first = raise_order(service)
    second = raise_order(service)
    assert (first.number, second.number) == ("YY-20261123-0001", "YY-20261123-0002")
    # 16:30 UTC is already 00:30 of the next day in Shanghai: a new sequence.
    clock.now = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    assert raise_order(service).number == "YY-20261124-0001"
    clock.now = datetime(2026, 11, 23, 15, 59, tzinfo=UTC)
    assert raise_order(service).number == "YY-20261123-0003"


def test_two_consoles_raising_in_the_same_second(
    store: Store, second_store: Store, clock: FakeClock
) -> None:
    """Two stores (two connection pools, as two consoles) raise 40 orders each at
    once, all stamped with the same instant: 80 distinct, gap-free numbers."""
    consoles = [WorkOrderService(store, clock=clock), WorkOrderService(second_store, clock=clock)]
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(svc: WorkOrderService) -> None:
        start.wait()
        try:
            numbers.extend(raise_order(svc).number for _ in range(40))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(svc,)) for svc in consoles]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert all(re.fullmatch(r"YY-20261123-\d{4}", n) for n in numbers)
    assert sorted(numbers) == [f"YY-20261123-{i:04d}" for i in range(1, 81)]
