"""The ingest writer's statements, in bulk, for each backend.

Each call writes all the rows of a batch (or of one round of alarm operations)
in one statement.  On PostgreSQL the rows travel as one array per column and
the statement unpacks them (``json_to_recordset``, ``unnest``): its text is the
same for every batch, so psycopg prepares it once and the server plans it
once, and no placeholder is parsed per row (SQLAlchemy's multi-row ``VALUES``
spent about a fifth of the writer's time in psycopg's placeholder conversion,
and psycopg's text arrays as much again in escaping).  On
SQLite, which runs in-process with no round trips to save, the same work goes
through SQLAlchemy's multi-row inserts and executemany.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection, bindparam, case, literal_column, null, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.db.bulk import chunks, to_json
from services.db.models import Alarm, Alert, Device, table_of
from services.db.types import UTCDateTime
from services.domain import AlarmState as S

_devices = table_of(Device)
_alerts = table_of(Alert)
_alarms = table_of(Alarm)

#: (alarm key, when it cleared) of each clear.
Clears = Sequence[tuple[str, datetime]]
#: What an alarm upsert returns of each alarm: id, alarm_key, state, first_seen.
AlarmRow = Any


def _q(*states: S) -> str:
    """Alarm states as SQL string literals (the states are ours: nothing to escape)."""
    return ", ".join(f"'{state.value}'" for state in states)


_CLEARED = _q(S.CLEARED_UNACK, S.CLEARED_ACK)
#: Alarms whose clear needs no one's acknowledgement: acknowledged, or still held.
_QUIET = _q(S.ACTIVE_ACK, S.PENDING)

#: The SET and WHERE of a clear: ends the alarm unless it latches; a pending one
#: (within its hold time) closes quietly.
_CLEAR_SET = (
    f" state = CASE WHEN alarms.state IN ({_QUIET}) THEN {_q(S.CLEARED_ACK)}"
    f"   ELSE {_q(S.CLEARED_UNACK)} END,"
    f" is_open = CASE WHEN alarms.state IN ({_QUIET}) THEN false ELSE true END,"
    f" disposition = CASE WHEN alarms.state = {_q(S.PENDING)} THEN 'held'"
    "   ELSE alarms.disposition END,"
    " version = alarms.version + 1"
)
_CLEAR_WHERE = (
    f" alarms.is_open AND (NOT alarms.latched OR alarms.state = {_q(S.PENDING)})"
    f" AND alarms.state IN ({_q(S.ACTIVE_UNACK, S.ACTIVE_ACK, S.PENDING)})"
)
#: Out of its hold time: the alarm becomes the operator's (once, whoever gets here first).
_PROMOTE = text(
    f"UPDATE alarms SET state = {_q(S.ACTIVE_UNACK)}, version = version + 1"
    f" WHERE id IN :ids AND state = {_q(S.PENDING)} RETURNING id, version"
).bindparams(bindparam("ids", expanding=True))
#: Repeats of an open alarm fold into it; a cleared (latched) one becomes active again.
_UPSERT_SET = (
    " count = alarms.count + excluded.count,"
    " last_seen = CASE WHEN excluded.last_seen > alarms.last_seen THEN excluded.last_seen"
    "   ELSE alarms.last_seen END,"
    " severity = CASE WHEN excluded.severity > alarms.severity THEN excluded.severity"
    "   ELSE alarms.severity END,"
    f" state = CASE WHEN alarms.state IN ({_CLEARED}) THEN {_q(S.ACTIVE_UNACK)}"
    "   ELSE alarms.state END,"
    " cleared_at = NULL, version = alarms.version + 1"
)
_ALERT_COLUMNS = (
    "event_key, device_id, kind, alert_type, severity, occurred_at, received_at, lon, lat,"
    " grid_code, alarm_id, payload"
)
_ALARM_COLUMNS = (
    "alarm_key, device_id, alarm_type, severity, state, is_open, latched, count, first_seen,"
    " last_seen, grid_code, version"
)


class WriterSql(Protocol):
    def stored_keys(self, conn: Connection, keys: set[str]) -> set[str]:
        """Those of ``keys`` whose alerts are stored already."""

    def insert_alerts(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        """Insert the alerts not stored yet; returns event key → id of those inserted."""

    def upsert_alarms(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> list[AlarmRow]:
        """Raise or join the open alarm of each row's key (one row per key)."""

    def clear_alarms(
        self, conn: Connection, clears: Sequence[tuple[str, datetime]]
    ) -> dict[str, int]:
        """Clear the open alarms of these keys (one per key); returns key → alarm id
        of those cleared."""

    def promote(self, conn: Connection, ids: Sequence[int]) -> dict[int, int]:
        """Make pending alarms active; returns id → new version of those promoted."""

    def seen(self, conn: Connection, seen: Sequence[tuple[str, datetime]]) -> None:
        """Move each device's last-seen time forward (never back)."""


def writer_sql(dialect: str) -> WriterSql:
    return _POSTGRES if dialect == "postgresql" else _PORTABLE


def _promote(conn: Connection, ids: Sequence[int]) -> dict[int, int]:
    promoted: dict[int, int] = {}
    for part in chunks(sorted(ids)):
        promoted.update((int(i), int(v)) for i, v in conn.execute(_PROMOTE, {"ids": part}))
    return promoted


class _Postgres:
    """One statement per call, the rows as one JSON array unpacked by
    ``json_to_recordset``: the statement's text is the same for every batch.
    An update names its rows' keys besides (``= ANY(keys)``), so that the
    planner reaches them by index rather than hashing a scan of the table."""

    _stored = text("SELECT event_key FROM alerts WHERE event_key = ANY(CAST(:keys AS text[]))")
    _insert_alerts = text(
        f"INSERT INTO alerts ({_ALERT_COLUMNS})"
        f" SELECT {_ALERT_COLUMNS} FROM json_to_recordset(CAST(:rows AS json)) AS v("
        " event_key text, device_id text, kind text, alert_type text, severity int,"
        " occurred_at timestamptz, received_at timestamptz, lon float8, lat float8,"
        " grid_code text, alarm_id int, payload json)"
        " ON CONFLICT (event_key) DO NOTHING RETURNING id, event_key"
    )
    _upsert_alarms = text(
        f"INSERT INTO alarms ({_ALARM_COLUMNS})"
        " SELECT alarm_key, device_id, alarm_type, severity, state, true, latched, count,"
        " first_seen, last_seen, grid_code, 1 FROM json_to_recordset(CAST(:rows AS json)) AS v("
        " alarm_key text, device_id text, alarm_type text, severity int, state text,"
        " latched boolean, count int, first_seen timestamptz, last_seen timestamptz,"
        " grid_code text)"
        f" ON CONFLICT (alarm_key) WHERE is_open DO UPDATE SET {_UPSERT_SET}"
        " RETURNING id, alarm_key, state, first_seen"
    )
    _clear = text(
        f"UPDATE alarms SET {_CLEAR_SET}, cleared_at = v.at"
        " FROM unnest(CAST(:keys AS text[]), CAST(:ats AS timestamptz[])) AS v(key, at)"
        " WHERE alarms.alarm_key = v.key AND alarms.alarm_key = ANY(CAST(:keys AS text[]))"
        f" AND {_CLEAR_WHERE}"
        " RETURNING alarms.id, alarms.alarm_key"
    )
    _seen = text(
        "UPDATE devices SET last_seen = v.seen"
        " FROM unnest(CAST(:ids AS text[]), CAST(:seen AS timestamptz[])) AS v(id, seen)"
        " WHERE devices.id = v.id AND devices.id = ANY(CAST(:ids AS text[]))"
        " AND (devices.last_seen IS NULL OR devices.last_seen < v.seen)"
    )

    def stored_keys(self, conn: Connection, keys: set[str]) -> set[str]:
        return {str(k) for k in conn.execute(self._stored, {"keys": sorted(keys)}).scalars()}

    def insert_alerts(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        if not rows:
            return {}
        found = conn.execute(self._insert_alerts, {"rows": to_json(rows)})
        return {str(key): int(i) for i, key in found}

    def upsert_alarms(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> list[AlarmRow]:
        return list(conn.execute(self._upsert_alarms, {"rows": to_json(rows)}))

    def clear_alarms(self, conn: Connection, clears: Clears) -> dict[str, int]:
        if not clears:
            return {}
        params = {"keys": [k for k, _ in clears], "ats": [a for _, a in clears]}
        return {str(key): int(i) for i, key in conn.execute(self._clear, params)}

    def promote(self, conn: Connection, ids: Sequence[int]) -> dict[int, int]:
        return _promote(conn, ids)

    def seen(self, conn: Connection, seen: Sequence[tuple[str, datetime]]) -> None:
        if seen:
            conn.execute(self._seen, {"ids": [d for d, _ in seen], "seen": [t for _, t in seen]})


class _Portable:
    """SQLite: multi-row inserts and executemany (no round trips to save)."""

    _insert_alerts = (
        sqlite_insert(_alerts)
        .on_conflict_do_nothing(index_elements=["event_key"])
        .returning(_alerts.c.id, _alerts.c.event_key)
    )
    _clear = text(
        f"UPDATE alarms SET {_CLEAR_SET}, cleared_at = :at"
        f" WHERE alarms.alarm_key = :key AND {_CLEAR_WHERE} RETURNING id"
    ).bindparams(bindparam("at", type_=UTCDateTime))
    _stored = text("SELECT event_key FROM alerts WHERE event_key IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    _seen = (
        update(_devices)
        .where(
            _devices.c.id == bindparam("did"),
            _devices.c.last_seen.is_(None) | (_devices.c.last_seen < bindparam("seen")),
        )
        .values(last_seen=bindparam("seen"))
    )

    def stored_keys(self, conn: Connection, keys: set[str]) -> set[str]:
        stored: set[str] = set()
        for part in chunks(sorted(keys)):
            stored.update(str(k) for k in conn.execute(self._stored, {"keys": part}).scalars())
        return stored

    def insert_alerts(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        if not rows:
            return {}
        return {str(key): int(i) for i, key in conn.execute(self._insert_alerts, list(rows))}

    def upsert_alarms(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> list[AlarmRow]:
        full = [{**r, "is_open": True, "version": 1} for r in rows]
        return list(conn.execute(_sqlite_upsert(), full))

    def clear_alarms(
        self, conn: Connection, clears: Sequence[tuple[str, datetime]]
    ) -> dict[str, int]:
        cleared = {}
        for key, at in clears:
            alarm_id = conn.execute(self._clear, {"key": key, "at": at}).scalar()
            if alarm_id is not None:
                cleared[key] = int(alarm_id)
        return cleared

    def promote(self, conn: Connection, ids: Sequence[int]) -> dict[int, int]:
        return _promote(conn, ids)

    def seen(self, conn: Connection, seen: Sequence[tuple[str, datetime]]) -> None:
        if seen:
            conn.execute(self._seen, [{"did": d, "seen": t} for d, t in seen])


#: Literals, not bound values: a bound value outside VALUES would make SQLAlchemy
#: send the rows one statement each instead of one multi-row statement.
_ACTIVE: Any = literal_column(_q(S.ACTIVE_UNACK))


@functools.cache
def _sqlite_upsert() -> Any:
    """The alarm upsert as SQLAlchemy's multi-row statement ("insertmanyvalues")."""
    ins = sqlite_insert(_alarms)
    ex, c = ins.excluded, _alarms.c
    return ins.on_conflict_do_update(
        index_elements=[c.alarm_key],
        index_where=text("is_open"),
        set_={
            "count": c.count + ex.count,
            "last_seen": case((ex.last_seen > c.last_seen, ex.last_seen), else_=c.last_seen),
            "severity": case((ex.severity > c.severity, ex.severity), else_=c.severity),
            "state": case(
                (text(f"alarms.state IN ({_CLEARED})"), _ACTIVE),
                else_=c.state,
            ),
            "cleared_at": null(),
            "version": c.version + literal_column("1"),
        },
    ).returning(c.id, c.alarm_key, c.state, c.first_seen)


_POSTGRES, _PORTABLE = _Postgres(), _Portable()
