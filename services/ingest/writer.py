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

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update

from services.alerts.messages import (
    AlertIn,
    DeviceKind,
    Parsed,
    RaisedAlarm,
    Rejected,
    StatusIn,
    TelemetryIn,
)
from services.db.bulk import insert_rows
from services.db.evidence_models import EvidenceFetch
from services.db.locks import lock_ingest
from services.db.models import Device, Quarantine, Telemetry, table_of
from services.db.store import Store, Tx
from services.domain import AlarmState as S
from services.domain import Change
from services.errors import TransientConflictError
from services.ingest.offline import presence
from services.ingest.quarantine import quarantine_row
from services.ingest.writer_sql import writer_sql

log = logging.getLogger(__name__)

#: How far a device's last-seen time moves before it is stored again.
SEEN_STEP = timedelta(seconds=10)

_devices = table_of(Device)
_quarantine = table_of(Quarantine)
_telemetry = table_of(Telemetry)
_fetches = table_of(EvidenceFetch)

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
    alarm_of: dict[str, int] = field(default_factory=dict)  # event key → its alarm
    status: list[dict[str, Any]] = field(default_factory=list)  # online / offline, in order
    telemetry: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    raised: list[RaisedAlarm] = field(default_factory=list)  # for the rules, at the end

    def refuse(self, topic: str, raw: bytes, reason: str, at: datetime) -> None:
        self.quarantine.append(quarantine_row(topic, raw, reason, at))

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
#: Told of the alarms a batch raised, inside its transaction, once every alarm
#: row of the batch is locked (the rules: services.db.locks).
OnAlarms = Callable[[Tx, Sequence[RaisedAlarm]], object]


class IngestWriter:
    def __init__(
        self,
        store: Store,
        *,
        latches: Latches | None = None,
        hold: HoldTime | None = None,
        locate: Locate | None = None,
        on_alarms: OnAlarms | None = None,
        console: str = "ingest",
    ) -> None:
        self.store = store
        self.latches = latches or (lambda kind, alert_type: False)
        self.hold = hold or (lambda kind, alert_type: 0)
        self.locate = locate
        self.on_alarms = on_alarms
        self.console = console
        self._devices: dict[str, DeviceInfo] = {}
        self._seen_written: dict[str, datetime] = {}  # last-seen times this writer stored

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

        Round trips are few: the batch's alerts go in one insert, the alarm
        operations in one statement each a round, the last-seen times in one, and
        the orders the rules raise for the whole batch in a few bulk statements
        (services.ingest.writer_sql).  Locks are
        taken in the one order of services.db.locks: the ingest lock, devices,
        alarms, then (the rules) the order counter and the audit head."""
        if any(_device_id(i) not in self._devices for i in items if _device_id(i)):
            self.load_devices()  # a device added since we last looked
        result = BatchResult()
        with self.store.transaction() as tx:
            sql = writer_sql(tx.conn.dialect.name)
            lock_ingest(tx.conn)
            batch = _Batch()
            for item in items:
                self._write(item, result, batch)
            last_alert = self._alerts(tx, batch, result)
            insert_rows(tx.conn, _quarantine, batch.quarantine)
            offline = presence(tx, batch.status, batch.seen)  # devices, then alarms
            if batch.status:
                tx.conn.execute(_STATUS, batch.status)
            insert_rows(tx.conn, _telemetry, batch.telemetry, skip_existing=True)
            seen = self._seen_to_write(batch.seen)
            sql.seen(tx.conn, seen)  # devices by id: services.db.locks
            if batch.raised and self.on_alarms is not None:
                self.on_alarms(tx, batch.raised)
            if last_alert:
                tx.notify(Change("alerts", last_alert, 0, "batch", self.console))
            alarms = sorted({*batch.alarm_of.values(), *offline})
            if alarms:  # the rows the alert queues read again
                tx.notify(Change("alarms", alarms[-1], 0, "batch", self.console, ids=tuple(alarms)))
        self._seen_written.update(seen)
        return result

    def _seen_to_write(self, seen: dict[str, datetime]) -> list[tuple[str, datetime]]:
        """The devices whose last-seen time moved on by more than ``SEEN_STEP`` since
        this writer last stored it, by id: in a storm a device is seen in every
        batch, and offline detection (minutes) needs no finer time."""
        written = self._seen_written
        return sorted(
            (d, at) for d, at in seen.items() if d not in written or at - written[d] > SEEN_STEP
        )

    def _write(self, item: Parsed, result: BatchResult, batch: _Batch) -> None:
        if isinstance(item, Rejected):
            batch.refuse(item.topic, item.raw, item.reason, item.received_at)
            result.quarantined += 1
            return
        device = self._devices.get(item.topic.device_id)
        if device is None or item.topic.kind.value != device.kind:
            batch.refuse(
                str(item.topic), _raw(item), _not_its_device(item, device), _received(item)
            )
            result.quarantined += 1
            return
        if isinstance(item, StatusIn):
            batch.status.append(
                {"did": item.topic.device_id, "online": item.online, "seen": item.at}
            )
            result.status += 1
        elif isinstance(item, TelemetryIn):
            batch.telemetry.extend(
                {"device_id": item.topic.device_id, "metric": k, "at": item.at, "value": v}
                for k, v in item.values.items()
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
        """Raise or clear the alarms of the batch's new alerts, in the order they
        came, then store those alerts (each once, linked to its alarm); returns
        the highest new alert id.

        Which alerts are new is read first, under the ingest lock (no other
        writer stores alerts meanwhile), so that each alert row is written once,
        already linked; should a row turn out to be there all the same, the
        batch is rolled back and tried again whole."""
        if not batch.alerts:
            return 0
        sql = writer_sql(tx.conn.dialect.name)
        stored = sql.stored_keys(tx.conn, {a.event_key for a, _device, _grid in batch.alerts})
        fresh: list[_New] = []
        for alert, device, grid in batch.alerts:
            if alert.event_key in stored:
                result.duplicates += 1  # stored before, or twice in this batch
                continue
            stored.add(alert.event_key)
            batch.saw(alert.device_id, alert.occurred_at)
            fresh.append(_New(alert, device, grid))
        for round_ in _rounds(fresh):
            self._round(tx, round_, result, batch)
        received = _now_utc()
        rows = [
            {
                "event_key": n.alert.event_key,
                "device_id": n.alert.device_id,
                "kind": n.kind,
                "alert_type": n.alert.alert_type,
                "severity": n.alert.severity,
                "occurred_at": n.alert.occurred_at,
                "received_at": received,
                "lon": n.alert.lon,
                "lat": n.alert.lat,
                "grid_code": n.grid,
                "alarm_id": batch.alarm_of.get(n.alert.event_key),
                "payload": n.alert.payload,
            }
            for n in fresh
        ]
        ids = sql.insert_alerts(tx.conn, rows)
        if len(ids) != len(rows):
            raise TransientConflictError("alerts of this batch were stored meanwhile")
        result.alerts += len(ids)
        insert_rows(tx.conn, _fetches, _media_to_fetch(fresh, ids, received))
        return max(ids.values(), default=0)

    def _round(self, tx: Tx, ops: list[list[_New]], result: BatchResult, batch: _Batch) -> None:
        """One alarm key each: the clears in one statement, the raises in one
        upsert (repeats of a key folded into one row: count, first and last seen,
        worst severity), the pending alarms out of their hold time promoted in one."""
        conn, sql = tx.conn, writer_sql(tx.conn.dialect.name)
        clears = sorted((op[0] for op in ops if op[0].alert.clear), key=lambda n: n.alert.alarm_key)
        cleared = sql.clear_alarms(conn, [(n.alert.alarm_key, n.alert.occurred_at) for n in clears])
        result.alarms_cleared += len(cleared)
        for n in clears:
            if n.alert.alarm_key in cleared:
                batch.alarm_of[n.alert.event_key] = cleared[n.alert.alarm_key]
        raises = sorted((op for op in ops if not op[0].alert.clear), key=_key)
        if not raises:
            return
        holds = [self.hold(op[0].kind, op[0].alert.alert_type) for op in raises]
        rows = [
            {
                "alarm_key": op[0].alert.alarm_key,
                "device_id": op[0].alert.device_id,
                "alarm_type": op[0].alert.alert_type,
                "severity": max(n.alert.severity for n in op),
                "state": (S.PENDING if hold > 0 else S.ACTIVE_UNACK).value,
                "latched": self.latches(op[0].kind, op[0].alert.alert_type),
                "count": len(op),
                "first_seen": min(n.alert.occurred_at for n in op),
                "last_seen": max(n.alert.occurred_at for n in op),
                "grid_code": op[0].grid,
            }
            for op, hold in zip(raises, holds, strict=True)
        ]
        got = {r.alarm_key: r for r in sql.upsert_alarms(conn, rows)}
        alarms = [got[row["alarm_key"]] for row in rows]
        due = [  # pending, and this repeat came after its hold time
            alarm.id
            for alarm, hold, row in zip(alarms, holds, rows, strict=True)
            if alarm.state == S.PENDING
            and (row["last_seen"] - alarm.first_seen).total_seconds() >= hold
        ]
        promoted = sql.promote(conn, due)
        for op, alarm in zip(raises, alarms, strict=True):
            active = alarm.state != S.PENDING or alarm.id in promoted
            result.alarms_raised += len(op)
            result.alarms_held += 0 if active else len(op)
            batch.alarm_of.update((n.alert.event_key, int(alarm.id)) for n in op)
            if active:
                batch.raised.append(_raised(op[0], int(alarm.id)))


def _not_its_device(item: AlertIn | StatusIn | TelemetryIn, device: DeviceInfo | None) -> str:
    """Why a message is refused for its device: unknown, or of another kind."""
    topic = item.topic
    if device is None:
        return f"unknown device {topic.device_id!r}: not in the device registry"
    return (
        f"topic says {topic.kind.value!r} but device {topic.device_id!r} "
        f"is registered as {device.kind!r}"
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
    """A new alert (not stored before), on its way to its alarm."""

    alert: AlertIn
    device: DeviceInfo
    grid: str | None

    @property
    def kind(self) -> str:
        return self.alert.topic.kind.value


def _raised(first: _New, alarm_id: int) -> RaisedAlarm:
    a = first.alert
    return RaisedAlarm(
        alarm_id,
        first.kind,
        a.alert_type,
        a.device_id,
        first.grid,
        first.device.community,
        a.lon,
        a.lat,
        f"{a.topic} {a.event_key}",
    )


def _key(op: list[_New]) -> str:
    return op[0].alert.alarm_key


def _rounds(fresh: Sequence[_New]) -> list[list[list[_New]]]:
    """The alarm operations of a batch in rounds with one operation per alarm
    key: consecutive raises of a key fold into one operation, and a key's k-th
    operation goes in round k (order per key is kept; keys do not depend on each
    other, so a storm of starts and ends takes two or three rounds, not one per
    clear)."""
    by_key: dict[str, list[list[_New]]] = {}
    for n in fresh:
        ops = by_key.setdefault(n.alert.alarm_key, [])
        if ops and not ops[-1][0].alert.clear and not n.alert.clear:
            ops[-1].append(n)
        else:
            ops.append([n])
    depth = max((len(ops) for ops in by_key.values()), default=0)
    return [[ops[k] for ops in by_key.values() if len(ops) > k] for k in range(depth)]


def _media_to_fetch(
    fresh: Sequence[_New], ids: dict[str, int], at: datetime
) -> list[dict[str, Any]]:
    """The files the batch's ``mobile`` events name, to be fetched into the
    evidence store (services.ingest.media), written with their alerts."""
    return [
        {
            "alert_id": ids[n.alert.event_key],
            "ref": str(ref),
            "officer": n.alert.payload.get("officer_id"),
            "state": "pending",
            "attempts": 0,
            "next_try_at": at,
            "created_at": at,
        }
        for n in fresh
        if n.kind == "mobile"
        for ref in n.alert.payload.get("media") or ()
    ]
