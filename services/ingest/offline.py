"""Devices that fall silent, and come back.

A device silent past its reporting interval is marked offline and raises an
alarm of its own, ``device_offline`` (minor, one per device while open), so the
room sees it in the queue and on the map rather than as a flag on a card.  A
device heard from again (any message, or a status ``online``) is online again
and its offline alarm cleared: closed if someone had acknowledged it, else left
"cleared, unacknowledged" for the operator, as any alarm whose condition ends.
Both run under the ingest lock (services.db.locks), devices before alarms.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, text, update

from services.alerts.alert_types import OFFLINE_SEVERITY
from services.db.models import Alarm, Device, table_of
from services.db.store import Tx
from services.domain import DEVICE_OFFLINE, AlarmState, Change
from services.ingest.writer_sql import writer_sql

log = logging.getLogger(__name__)

_devices = table_of(Device)
_alarms = table_of(Alarm)
_BACK_PG = text(
    "UPDATE devices SET online = true"
    " WHERE id = ANY(CAST(:ids AS text[])) AND online = false RETURNING id"
)


def offline_key(device_id: str) -> str:
    return f"{device_id}:{DEVICE_OFFLINE}"


def presence(tx: Tx, statuses: Sequence[dict[str, Any]], seen: dict[str, datetime]) -> list[int]:
    """What a batch says of its devices' presence, before its status rows are
    stored: a device heard from (any message, or a last status ``online``) is
    back; one whose last word is ``offline`` (its will, or a status it sent)
    has gone, alarm and all.  Returns the ids of the offline alarms raised or
    cleared (the caller tells the change feed).  The caller holds the ingest lock."""
    last: dict[str, tuple[bool, datetime]] = {}
    for row in statuses:
        last[row["did"]] = (bool(row["online"]), row["seen"])
    said_off = {d: at for d, (online, at) in last.items() if not online}
    heard = {d: at for d, at in seen.items() if d not in said_off or at > said_off[d]}
    heard.update({d: at for d, (online, at) in last.items() if online})
    changed = back_online(tx.conn, heard)
    went = {d: at for d, at in said_off.items() if d not in heard}
    if went:
        gone = tx.conn.execute(
            update(_devices)
            .where(_devices.c.id.in_(sorted(went)), _devices.c.online.is_not(False))
            .values(online=False)
            .returning(_devices.c.id, _devices.c.grid_code)
        ).all()
        changed += _raise_alarms(tx.conn, sorted(gone), max(went.values()))
    return changed


def mark_offline_in(tx: Tx, now: datetime, console: str = "upkeep") -> int:
    """Mark devices silent past their interval offline and raise their alarms;
    returns how many went offline.  The caller holds the ingest lock."""
    conn = tx.conn
    intervals = conn.execute(
        select(_devices.c.reporting_interval_s)
        .distinct()
        .where(_devices.c.reporting_interval_s.is_not(None))
    ).scalars()
    gone: list[tuple[str, str | None]] = []
    for interval in list(intervals):
        cutoff = now - timedelta(seconds=int(interval))
        gone += conn.execute(
            update(_devices)
            .where(
                _devices.c.reporting_interval_s == interval,
                _devices.c.last_seen < cutoff,
                _devices.c.online.is_not(False),
            )
            .values(online=False)
            .returning(_devices.c.id, _devices.c.grid_code)
        ).all()
    raised = _raise_alarms(conn, sorted(gone), now)
    if raised:
        tx.notify(Change("alarms", max(raised), 0, "batch", console, ids=tuple(raised)))
    if gone:
        log.info("%d devices silent past their reporting interval: offline", len(gone))
    return len(gone)


def _raise_alarms(conn: Connection, gone: Sequence[Any], now: datetime) -> list[int]:
    """One open offline alarm per device; returns the ids of those raised again
    or anew."""
    if not gone:
        return []
    keys = [offline_key(d) for d, _ in gone]
    have = set(
        conn.execute(
            select(_alarms.c.alarm_key).where(_alarms.c.alarm_key.in_(keys), _alarms.c.is_open)
        ).scalars()
    )
    if have:  # still open since the last time, cleared (heard from), unacknowledged
        conn.execute(
            update(_alarms)
            .where(
                _alarms.c.alarm_key.in_(sorted(have)),
                _alarms.c.is_open,
                _alarms.c.state == AlarmState.CLEARED_UNACK.value,
            )
            .values(
                state=AlarmState.ACTIVE_UNACK.value,
                count=_alarms.c.count + 1,
                last_seen=now,
                cleared_at=None,
                version=_alarms.c.version + 1,
            )
        )
    rows = [
        {
            "alarm_key": offline_key(device_id),
            "device_id": device_id,
            "alarm_type": DEVICE_OFFLINE,
            "severity": OFFLINE_SEVERITY,
            "state": AlarmState.ACTIVE_UNACK.value,
            "is_open": True,
            "latched": False,
            "count": 1,
            "first_seen": now,
            "last_seen": now,
            "grid_code": grid,
            "version": 1,
        }
        for device_id, grid in gone
        if offline_key(device_id) not in have
    ]
    if rows:
        conn.execute(insert(_alarms), rows)
    found = conn.execute(
        select(_alarms.c.id).where(_alarms.c.alarm_key.in_(keys), _alarms.c.is_open)
    )
    return sorted(int(i) for i in found.scalars())


def back_online(conn: Connection, heard: dict[str, datetime]) -> list[int]:
    """Devices of ``heard`` (id → when) that were offline: online again, their
    offline alarms cleared; returns the ids of those alarms.  The caller holds
    the ingest lock."""
    if not heard:
        return []
    ids = sorted(heard)
    if conn.dialect.name == "postgresql":  # one statement text whatever the count
        found = conn.execute(_BACK_PG, {"ids": ids})
    else:
        found = conn.execute(
            update(_devices)
            .where(_devices.c.id.in_(ids), _devices.c.online.is_(False))
            .values(online=True)
            .returning(_devices.c.id)
        )
    back = sorted(str(d) for d in found.scalars())
    if not back:
        return []
    clears = [(offline_key(d), heard[d]) for d in back]
    cleared = writer_sql(conn.dialect.name).clear_alarms(conn, clears)
    log.info("%d devices heard from again: online", len(back))
    return sorted(cleared.values())
