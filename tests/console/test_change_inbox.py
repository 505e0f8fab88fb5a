"""The change inbox keeps what the feed said until a controller takes it."""

from __future__ import annotations

from console.change_inbox import ChangeInbox
from services.domain import Change


def test_rows_with_their_versions_a_batch_unsaid_and_a_resync() -> None:
    inbox = ChangeInbox(frozenset({"work_orders"}))
    assert not inbox.add(Change("alarms", 1, 1, "active_ack", "ws"))  # not its table
    assert not inbox.waiting()
    inbox.add(Change("work_orders", 7, 3, "filed", "ws"))
    inbox.add(Change("work_orders", 7, 2, "reported", "ws"))  # an older notice late
    inbox.add(Change("work_orders", 9, 0, "batch", "ingest", ids=(8, 9)))
    assert inbox.take() == (False, {7: 3, 8: 0, 9: 0})  # 0: the version was not said
    assert not inbox.waiting() and inbox.take() == (False, {})
    inbox.add(Change("work_orders", 5, 0, "batch", "ingest"))  # too many to name
    inbox.add(Change("*", 0, 0, "resync", ""))
    assert inbox.take() == (True, {})
