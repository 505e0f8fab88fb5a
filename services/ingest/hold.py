"""The hold timer: pending alarms whose hold time has passed become active.

An alarm type with ``hold_s`` opens its alarm as ``pending`` (see the writer).
A repeat that arrives after the hold time promotes it at once; one that goes
quiet (the condition holds, the device does not repeat) is promoted here, by
the ingest service every second or so.  Promotion is an update guarded by
``state = 'pending'``, so two ingest workers promote an alarm once, and the
rules act on all the alarms promoted in one go, in the same transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Float, Integer, String, bindparam, text

from services.alerts.messages import RaisedAlarm
from services.db.locks import lock_ingest
from services.db.store import Store
from services.db.types import UTCDateTime
from services.domain import AlarmState, Change
from services.ingest.writer import HoldTime, OnAlarms
from services.ingest.writer_sql import writer_sql

log = logging.getLogger(__name__)

#: Open pending alarms, with what the rules need (the partial index on open
#: alarms keeps this to the open ones).
_PENDING = text(
    "SELECT a.id, a.device_id, a.alarm_type, a.first_seen, a.grid_code,"
    " d.kind, d.community_code,"
    " (SELECT al.lon FROM alerts al WHERE al.alarm_id = a.id ORDER BY al.id DESC LIMIT 1)"
    "   AS lon,"
    " (SELECT al.lat FROM alerts al WHERE al.alarm_id = a.id ORDER BY al.id DESC LIMIT 1)"
    "   AS lat"
    " FROM alarms a JOIN devices d ON d.id = a.device_id"
    f" WHERE a.is_open AND a.state = '{AlarmState.PENDING.value}' AND a.first_seen <= :now"
    " ORDER BY a.alarm_key"
)
_PENDING_ROWS = _PENDING.bindparams(bindparam("now", type_=UTCDateTime)).columns(
    id=Integer,
    device_id=String,
    alarm_type=String,
    first_seen=UTCDateTime,
    grid_code=String,
    kind=String,
    community_code=String,
    lon=Float,
    lat=Float,
)


def promote_held(
    store: Store,
    now: datetime,
    hold: HoldTime,
    on_alarms: OnAlarms | None = None,
    console: str = "ingest",
) -> int:
    """Promote every pending alarm held for its hold time by ``now``, and let the
    rules act on them all at once; returns how many were promoted."""
    with store.transaction() as tx:
        lock_ingest(tx.conn)  # one at a time with the writers: services.db.locks
        rows = [
            row
            for row in tx.conn.execute(_PENDING_ROWS, {"now": now})
            if now - row.first_seen >= timedelta(seconds=hold(row.kind, row.alarm_type))
        ]
        promoted = writer_sql(tx.conn.dialect.name).promote(tx.conn, [row.id for row in rows])
        raised = [  # those another worker did not promote first
            RaisedAlarm(
                row.id,
                row.kind,
                row.alarm_type,
                row.device_id,
                row.grid_code,
                row.community_code,
                row.lon,
                row.lat,
                # The district's language: it is the source line of the order's description.
                f"{row.device_id} {row.alarm_type}（延时确认期满）",
            )
            for row in rows
            if row.id in promoted
        ]
        if raised:
            ids = tuple(sorted(r.alarm_id for r in raised))
            tx.notify(Change("alarms", ids[-1], 0, "batch", console, ids=ids))
            if on_alarms is not None:
                on_alarms(tx, raised)
    if raised:
        log.info("%d alarms out of their hold time: raised", len(raised))
    return len(raised)
