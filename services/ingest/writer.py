"""Write a batch of parsed messages in one transaction, exactly once.

- An alert is stored once per event key (``INSERT ... ON CONFLICT DO NOTHING``),
  so redelivery, a broker restart or two consoles ingesting the same topic store
  it once; only a newly stored alert touches its alarm.
- Alerts of one device and alarm type fold into one open alarm (count, first
  and last seen) under the partial unique index on open alarm keys: an upsert,
  so two consoles a millisecond apart still make one alarm.
- A clear ends the alarm unless it latches (arc and electrical fire alarms wait
  for a person to reset them).
- An alarm type with a hold time (flapping sensors) opens its alarm as
  ``pending``: the operator does not see it and no rule acts on it until the
  condition has lasted ``hold_s`` (a repeat that late promotes it here; the
  ingest service's hold timer promotes the quiet ones, ``promote_held``).  A
  clear within the hold time closes it silently (disposition ``held``).
- Heartbeats and status messages only touch the device (last seen, online).
- Telemetry is kept one row a value; rejected messages and alerts from devices
  the registry does not know go to quarantine with their reason and raw bytes.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    case,
    insert,
    literal_column,
    null,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.alerts.messages import (
    AlertIn,
    DeviceKind,
    Parsed,
    RaisedAlarm,
    Rejected,
    StatusIn,
    TelemetryIn,
)
from services.db.models import Alarm, Alert, Device, Quarantine, table_of
from services.db.store import Store, Tx
from services.db.types import UTCDateTime
from services.domain import Change

log = logging.getLogger(__name__)

_devices = table_of(Device)
_quarantine = table_of(Quarantine)
_alerts = table_of(Alert)
_alarms = table_of(Alarm)

_CLEAR_ALARM = text(
    "UPDATE alarms SET"
    " state = CASE WHEN state IN ('active_ack', 'pending') THEN 'cleared_ack'"
    "   ELSE 'cleared_unack' END,"
    " is_open = CASE WHEN state IN ('active_ack', 'pending') THEN false ELSE true END,"
    " disposition = CASE WHEN state = 'pending' THEN 'held' ELSE disposition END,"
    " cleared_at = :at, version = version + 1"
    " WHERE alarm_key = :key AND is_open AND (NOT latched OR state = 'pending')"
    " AND state IN ('active_unack', 'active_ack', 'pending')"
    " RETURNING id"
).bindparams(bindparam("at", type_=UTCDateTime))
#: Out of its hold time: the alarm becomes the operator's (once, whoever gets here first).
PROMOTE = text(
    "UPDATE alarms SET state = 'active_unack', version = version + 1"
    " WHERE id = :id AND state = 'pending' RETURNING version"
)
_LINK = text("UPDATE alerts SET alarm_id = :alarm_id WHERE id = :alert_id")
_INSERT_TELEMETRY = text(
    "INSERT INTO telemetry (device_id, metric, at, value) VALUES (:device_id, :metric, :at,"
    " :value) ON CONFLICT DO NOTHING"
).bindparams(bindparam("at", type_=UTCDateTime))
_SEEN = (
    update(_devices)
    .where(
        _devices.c.id == bindparam("did"),
        _devices.c.last_seen.is_(None) | (_devices.c.last_seen < bindparam("seen")),
    )
    .values(last_seen=bindparam("seen"))
)
_STATUS = (
    update(_devices)
    .where(_devices.c.id == bindparam("did"))
    .values(online=bindparam("online"), last_seen=bindparam("seen"))
)


@dataclass
class BatchResult:
    alerts: int = 0  # newly stored
    duplicates: int = 0  # already stored (redelivered, or stored by another console)
    alarms_raised: int = 0  # alerts that opened or joined an open alarm
    alarms_held: int = 0  # of those, alarms still within their hold time
    alarms_cleared: int = 0
    heartbeats: int = 0
    telemetry: int = 0
    status: int = 0
    quarantined: int = 0

    def add(self, other: BatchResult) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


@dataclass
class _Batch:
    """What one batch gathers to write at once."""

    alerts: list[tuple[AlertIn, DeviceInfo, str | None]] = field(default_factory=list)
    seen: dict[str, datetime] = field(default_factory=dict)  # device → latest time
    links: list[dict[str, int]] = field(default_factory=list)  # alert → alarm
    last_id: int = 0

    def saw(self, device_id: str, at: datetime) -> None:
        if device_id not in self.seen or self.seen[device_id] < at:
            self.seen[device_id] = at


@dataclass(frozen=True)
class DeviceInfo:
    kind: str
    grid: str | None
    community: str | None = None


#: Whether an alert type latches (reset by a person) — from the alert-type table.
Latches = Callable[[str, str], bool]
#: Seconds an alert type's condition must last before its alarm is raised.
HoldTime = Callable[[str, str], int]
#: Grid cell of a point (for mobile sources), or None outside the district.
Locate = Callable[[float, float], str | None]
#: Told of each alarm raised or joined, inside the transaction (the rules).
OnAlarm = Callable[[Tx, RaisedAlarm], object]


class IngestWriter:
    def __init__(
        self,
        store: Store,
        *,
        latches: Latches | None = None,
        hold: HoldTime | None = None,
        locate: Locate | None = None,
        on_alarm: OnAlarm | None = None,
        console: str = "ingest",
    ) -> None:
        self.store = store
        self.latches = latches or (lambda kind, alert_type: False)
        self.hold = hold or (lambda kind, alert_type: 0)
        self.locate = locate
        self.on_alarm = on_alarm
        self.console = console
        self._devices: dict[str, DeviceInfo] = {}

    def load_devices(self) -> None:
        with self.store.reading() as conn:
            rows = conn.execute(
                select(
                    _devices.c.id, _devices.c.kind, _devices.c.grid_code, _devices.c.community_code
                )
            )
            self._devices = {r.id: DeviceInfo(r.kind, r.grid_code, r.community_code) for r in rows}

    def write_batch(self, items: Sequence[Parsed]) -> BatchResult:
        """Write all of ``items`` or nothing (DatabaseUnavailableError and others
        propagate with the transaction rolled back).

        Round trips are few: the batch's alerts go in one multi-row insert, the
        links and last-seen times in one executemany each (psycopg pipelines
        them); only the alarm upserts, which depend on each other, go one by one."""
        if any(_device_id(i) not in self._devices for i in items if _device_id(i)):
            self.load_devices()  # a device added since we last looked
        result = BatchResult()
        with self.store.transaction() as tx:
            batch = _Batch()
            for item in items:
                self._write(tx, item, result, batch)
            last_alert = self._alerts(tx, batch, result)
            if batch.seen:
                tx.conn.execute(_SEEN, [{"did": d, "seen": t} for d, t in batch.seen.items()])
            if batch.links:
                tx.conn.execute(_LINK, batch.links)
            if last_alert:
                tx.notify(Change("alerts", last_alert, 0, "batch", self.console))
        return result

    def _write(self, tx: Tx, item: Parsed, result: BatchResult, batch: _Batch) -> None:
        conn = tx.conn
        if isinstance(item, Rejected):
            self._quarantine(conn, item.topic, item.raw, item.reason, item.received_at)
            result.quarantined += 1
            return
        device = self._devices.get(item.topic.device_id)
        if device is None:
            self._quarantine(
                conn,
                str(item.topic),
                _raw(item),
                f"unknown device {item.topic.device_id!r}: not in the device registry",
                _received(item),
            )
            result.quarantined += 1
            return
        if isinstance(item, StatusIn):
            conn.execute(
                _STATUS, {"did": item.topic.device_id, "online": item.online, "seen": item.at}
            )
            result.status += 1
        elif isinstance(item, TelemetryIn):
            conn.execute(
                _INSERT_TELEMETRY,
                [
                    {"device_id": item.topic.device_id, "metric": k, "at": item.at, "value": v}
                    for k, v in item.values.items()
                ],
            )
            batch.saw(item.topic.device_id, item.at)
            result.telemetry += 1
        elif item.heartbeat:
            batch.saw(item.topic.device_id, item.occurred_at)
            result.heartbeats += 1
        else:
            grid = device.grid
            mobile = device.grid is None or device.kind == DeviceKind.MOBILE
            if mobile and item.lon is not None and item.lat is not None and self.locate:
                grid = self.locate(item.lon, item.lat) or grid
            batch.alerts.append((item, device, grid))

    def _alerts(self, tx: Tx, batch: _Batch, result: BatchResult) -> int:
        """Store the batch's alerts (each once) and raise or clear their alarms,
        in the order they came; returns the highest new alert id."""
        if not batch.alerts:
            return 0
        received = _now_utc()
        rows = [
            {
                "event_key": a.event_key,
                "device_id": a.device_id,
                "kind": a.topic.kind.value,
                "alert_type": a.alert_type,
                "severity": a.severity,
                "occurred_at": a.occurred_at,
                "received_at": received,
                "lon": a.lon,
                "lat": a.lat,
                "grid_code": grid,
                "payload": a.payload,
            }
            for a, _device, grid in batch.alerts
        ]
        insert_ = pg_insert if tx.conn.dialect.name == "postgresql" else sqlite_insert
        stmt = (
            insert_(_alerts)
            .on_conflict_do_nothing(index_elements=["event_key"])
            .returning(_alerts.c.id, _alerts.c.event_key)
        )
        new = {key: int(i) for i, key in tx.conn.execute(stmt, rows)}
        fresh: list[_New] = []
        for alert, device, grid in batch.alerts:
            alert_id = new.pop(alert.event_key, None)
            if alert_id is None:
                result.duplicates += 1  # stored before, or twice in this batch
                continue
            result.alerts += 1
            batch.saw(alert.device_id, alert.occurred_at)
            batch.last_id = max(batch.last_id, alert_id)
            fresh.append(_New(alert, alert_id, device, grid))
        for round_ in _rounds(fresh):
            self._round(tx, round_, result, batch)
        return batch.last_id

    def _round(self, tx: Tx, ops: list[list[_New]], result: BatchResult, batch: _Batch) -> None:
        """One alarm key each: clears one by one, raises in one upsert (repeats of
        a key folded into one row: count, first and last seen, worst severity)."""
        conn = tx.conn
        raises = [op for op in ops if not op[0].alert.clear]
        for (clear,) in (op for op in ops if op[0].alert.clear):
            a = clear.alert
            alarm_id = conn.execute(
                _CLEAR_ALARM, {"key": a.alarm_key, "at": a.occurred_at}
            ).scalar()
            result.alarms_cleared += alarm_id is not None
            if alarm_id is not None:
                batch.links.append({"alarm_id": alarm_id, "alert_id": clear.alert_id})
        if not raises:
            return
        holds = [self.hold(op[0].kind, op[0].alert.alert_type) for op in raises]
        rows = [
            {
                "alarm_key": op[0].alert.alarm_key,
                "device_id": op[0].alert.device_id,
                "alarm_type": op[0].alert.alert_type,
                "severity": max(n.alert.severity for n in op),
                "state": "pending" if hold > 0 else "active_unack",
                "is_open": True,
                "latched": self.latches(op[0].kind, op[0].alert.alert_type),
                "count": len(op),
                "first_seen": min(n.alert.occurred_at for n in op),
                "last_seen": max(n.alert.occurred_at for n in op),
                "grid_code": op[0].grid,
                "version": 1,
            }
            for op, hold in zip(raises, holds, strict=True)
        ]
        got = {r.alarm_key: r for r in conn.execute(_upsert_alarms(conn.dialect.name), rows)}
        for op, hold, row in zip(raises, holds, rows, strict=True):
            alarm = got[row["alarm_key"]]
            active = alarm.state != "pending"
            if not active and (row["last_seen"] - alarm.first_seen).total_seconds() >= hold:
                active = conn.execute(PROMOTE, {"id": alarm.id}).scalar() is not None
            result.alarms_raised += len(op)
            result.alarms_held += 0 if active else len(op)
            batch.links.extend({"alarm_id": alarm.id, "alert_id": n.alert_id} for n in op)
            if active and self.on_alarm is not None:
                first = op[0]
                a = first.alert
                self.on_alarm(
                    tx,
                    RaisedAlarm(
                        int(alarm.id),
                        first.kind,
                        a.alert_type,
                        a.device_id,
                        first.grid,
                        first.device.community,
                        a.lon,
                        a.lat,
                        f"{a.topic} {a.event_key}",
                    ),
                )

    def _quarantine(
        self, conn: Connection, topic: str, raw: bytes, reason: str, at: datetime
    ) -> None:
        conn.execute(
            insert(_quarantine).values(topic=topic, raw=raw, reason=reason[:2000], received_at=at)
        )


def _device_id(item: Parsed) -> str | None:
    return None if isinstance(item, Rejected) else item.topic.device_id


def _raw(item: Parsed) -> bytes:
    payload = getattr(item, "payload", None)
    return _json(payload).encode() if payload else b""


def _received(item: Parsed) -> datetime:
    at = getattr(item, "occurred_at", None) or getattr(item, "at", None)
    return at if isinstance(at, datetime) else _now_utc()


def _now_utc() -> datetime:
    return datetime.now(UTC)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


@dataclass(frozen=True, slots=True)
class _New:
    """A newly stored alert, on its way to its alarm."""

    alert: AlertIn
    alert_id: int
    device: DeviceInfo
    grid: str | None

    @property
    def kind(self) -> str:
        return self.alert.topic.kind.value


def _rounds(fresh: Sequence[_New]) -> list[list[list[_New]]]:
    """The alarm operations of a batch in rounds with one operation per alarm
    key: consecutive raises of a key fold into one; a clear, or a raise after a
    clear, of a key already in the round starts the next round (order per key
    is kept; keys do not depend on each other)."""
    rounds: list[list[list[_New]]] = []
    current: dict[str, list[_New]] = {}
    for n in fresh:
        op = current.get(n.alert.alarm_key)
        if op is None:
            current[n.alert.alarm_key] = [n]
        elif not op[0].alert.clear and not n.alert.clear:
            op.append(n)
        else:
            rounds.append(list(current.values()))
            current = {n.alert.alarm_key: [n]}
    if current:
        rounds.append(list(current.values()))
    return rounds


#: Literals, not bound values: a bound value outside VALUES would make SQLAlchemy
#: send the rows one statement each instead of one multi-row statement.
_ACTIVE: Any = literal_column("'active_unack'")


@functools.cache
def _upsert_alarms(dialect: str) -> Any:
    """Raise or join the open alarm of each row's key: executed with the rows of
    a round, which SQLAlchemy sends as one multi-row statement ("insertmanyvalues")
    compiled once."""
    ins = (pg_insert if dialect == "postgresql" else sqlite_insert)(_alarms)
    ex, c = ins.excluded, _alarms.c
    return ins.on_conflict_do_update(
        index_elements=[c.alarm_key],
        index_where=text("is_open"),
        set_={
            "count": c.count + ex.count,
            "last_seen": case((ex.last_seen > c.last_seen, ex.last_seen), else_=c.last_seen),
            "severity": case((ex.severity > c.severity, ex.severity), else_=c.severity),
            "state": case(
                (text("alarms.state IN ('cleared_unack', 'cleared_ack')"), _ACTIVE),
                else_=c.state,
            ),
            "cleared_at": null(),
            "version": c.version + literal_column("1"),
        },
    ).returning(c.id, c.alarm_key, c.state, c.first_seen)
