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
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import JSON, Connection, Integer, String, bindparam, insert, select, text, update

from services.alerts.messages import (
    AlertIn,
    DeviceKind,
    Parsed,
    RaisedAlarm,
    Rejected,
    StatusIn,
    TelemetryIn,
)
from services.db.models import Device, Quarantine, table_of
from services.db.store import Store, Tx
from services.db.types import UTCDateTime
from services.domain import Change

log = logging.getLogger(__name__)

_devices = table_of(Device)
_quarantine = table_of(Quarantine)

_INSERT_ALERT = text(
    "INSERT INTO alerts (event_key, device_id, kind, alert_type, severity, occurred_at,"
    " received_at, lon, lat, grid_code, payload)"
    " VALUES (:event_key, :device_id, :kind, :alert_type, :severity, :occurred_at,"
    " :received_at, :lon, :lat, :grid_code, :payload)"
    " ON CONFLICT (event_key) DO NOTHING RETURNING id"
).bindparams(
    bindparam("occurred_at", type_=UTCDateTime),
    bindparam("received_at", type_=UTCDateTime),
    bindparam("payload", type_=JSON),
)
_RAISE_SQL = text(
    "INSERT INTO alarms (alarm_key, device_id, alarm_type, severity, state, is_open, latched,"
    " count, first_seen, last_seen, grid_code, version)"
    " VALUES (:key, :device_id, :alarm_type, :severity, :state, true, :latched, 1,"
    " :at, :at, :grid_code, 1)"
    " ON CONFLICT (alarm_key) WHERE is_open DO UPDATE SET"
    " count = alarms.count + 1,"
    " last_seen = CASE WHEN excluded.last_seen > alarms.last_seen"
    "   THEN excluded.last_seen ELSE alarms.last_seen END,"
    " severity = CASE WHEN excluded.severity > alarms.severity"
    "   THEN excluded.severity ELSE alarms.severity END,"
    " state = CASE WHEN alarms.state IN ('cleared_unack', 'cleared_ack')"
    "   THEN 'active_unack' ELSE alarms.state END,"
    " cleared_at = NULL,"
    " version = alarms.version + 1"
    " RETURNING id, state, first_seen"
)
_RAISE_ALARM = _RAISE_SQL.bindparams(bindparam("at", type_=UTCDateTime)).columns(
    id=Integer, state=String, first_seen=UTCDateTime
)
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
    update(_devices).where(_devices.c.id == bindparam("did")).values(last_seen=bindparam("seen"))
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
        propagate with the transaction rolled back)."""
        if any(_device_id(i) not in self._devices for i in items if _device_id(i)):
            self.load_devices()  # a device added since we last looked
        result = BatchResult()
        with self.store.transaction() as tx:
            last_alert = 0
            for item in items:
                last_alert = max(last_alert, self._write(tx, item, result))
            if last_alert:
                tx.notify(Change("alerts", last_alert, 0, "batch", self.console))
        return result

    def _write(self, tx: Tx, item: Parsed, result: BatchResult) -> int:
        conn = tx.conn
        if isinstance(item, Rejected):
            self._quarantine(conn, item.topic, item.raw, item.reason, item.received_at)
            result.quarantined += 1
            return 0
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
            return 0
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
            conn.execute(_SEEN, {"did": item.topic.device_id, "seen": item.at})
            result.telemetry += 1
        elif item.heartbeat:
            conn.execute(_SEEN, {"did": item.topic.device_id, "seen": item.occurred_at})
            result.heartbeats += 1
        else:
            return self._alert(tx, item, device, result)
        return 0

    def _alert(self, tx: Tx, alert: AlertIn, device: DeviceInfo, result: BatchResult) -> int:
        conn = tx.conn
        grid = device.grid
        mobile = device.grid is None or device.kind == DeviceKind.MOBILE
        if mobile and alert.lon is not None and alert.lat is not None and self.locate:
            grid = self.locate(alert.lon, alert.lat) or grid
        alert_id = conn.execute(
            _INSERT_ALERT,
            {
                "event_key": alert.event_key,
                "device_id": alert.device_id,
                "kind": alert.topic.kind.value,
                "alert_type": alert.alert_type,
                "severity": alert.severity,
                "occurred_at": alert.occurred_at,
                "received_at": _now_utc(),
                "lon": alert.lon,
                "lat": alert.lat,
                "grid_code": grid,
                "payload": alert.payload,
            },
        ).scalar()
        if alert_id is None:
            result.duplicates += 1
            return 0
        result.alerts += 1
        conn.execute(_SEEN, {"did": alert.device_id, "seen": alert.occurred_at})
        at = alert.occurred_at
        if alert.clear:
            alarm_id = conn.execute(_CLEAR_ALARM, {"key": alert.alarm_key, "at": at}).scalar()
            result.alarms_cleared += alarm_id is not None
            active = False
        else:
            kind = alert.topic.kind.value
            hold = self.hold(kind, alert.alert_type)
            row = conn.execute(
                _RAISE_ALARM,
                {
                    "key": alert.alarm_key,
                    "device_id": alert.device_id,
                    "alarm_type": alert.alert_type,
                    "severity": alert.severity,
                    "state": "pending" if hold > 0 else "active_unack",
                    "latched": self.latches(kind, alert.alert_type),
                    "at": at,
                    "grid_code": grid,
                },
            ).one()
            alarm_id = row.id
            result.alarms_raised += 1
            active = row.state != "pending"
            if not active and (at - row.first_seen).total_seconds() >= hold:
                active = conn.execute(PROMOTE, {"id": alarm_id}).scalar() is not None
            result.alarms_held += not active
        if alarm_id is not None:
            conn.execute(_LINK, {"alarm_id": alarm_id, "alert_id": alert_id})
        if alarm_id is not None and active and self.on_alarm is not None:
            raised = RaisedAlarm(
                int(alarm_id),
                alert.topic.kind.value,
                alert.alert_type,
                alert.device_id,
                grid,
                device.community,
                alert.lon,
                alert.lat,
                f"{alert.topic} {alert.event_key}",
            )
            self.on_alarm(tx, raised)
        return int(alert_id)

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
