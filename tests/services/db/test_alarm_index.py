"""One open alarm per alarm key (device + alarm type), held by a partial unique
index, so that two consoles can never open the same alarm twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from services.db.models import Alarm, Device, table_of
from services.db.store import Store

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _alarm(key: str = "EL-0231:ebike_entering") -> dict[str, object]:
    return {
        "alarm_key": key,
        "device_id": "EL-0231",
        "alarm_type": "ebike_entering",
        "severity": 2,
        "state": "active_unack",
        "is_open": True,
        "latched": False,
        "count": 1,
        "first_seen": NOW,
        "last_seen": NOW,
        "version": 1,
    }


def test_second_open_alarm_of_a_key_is_refused(store: Store) -> None:
    alarms = table_of(Alarm)
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)).values(
                id="EL-0231", kind="elevator", name="宝山八村12号楼1号梯", grid_code="G21"
            )
        )
        tx.conn.execute(insert(alarms).values(_alarm()))
    with pytest.raises(IntegrityError), store.transaction() as tx:
        tx.conn.execute(insert(alarms).values(_alarm()))
    with store.transaction() as tx:  # another type of the same device is its own alarm
        tx.conn.execute(insert(alarms).values(_alarm("EL-0231:door_fault")))
        # once cleared and closed, the same condition may open a new alarm
        tx.conn.execute(
            update(alarms)
            .where(alarms.c.alarm_key == "EL-0231:ebike_entering")
            .values(is_open=False, state="cleared_ack")
        )
        tx.conn.execute(insert(alarms).values(_alarm()))
