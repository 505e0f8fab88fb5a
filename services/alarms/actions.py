"""What people do with alarms: acknowledge, shelve, reset a latch, dismiss.

States follow the industrial model (ISA-18.2): ``active_unack → active_ack``,
``cleared_unack → cleared_ack`` (closed); ``shelved`` for a while with a reason;
``latched`` alarms (arc, electrical fire) stay until a person resets them;
``false_alarm`` is a disposition that closes the alarm.  Every action checks the
alarm's version (a stale copy is refused), is audited and announced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, select, update

from services import audit
from services.db.models import Alarm, table_of
from services.db.store import Store, Tx
from services.domain import Actor, Change
from services.domain import AlarmState as S
from services.errors import ConflictError, NotFoundError, TransitionError, ValidationError

_alarms = table_of(Alarm)


@dataclass(frozen=True, slots=True)
class AlarmView:
    id: int
    alarm_key: str
    device_id: str
    alarm_type: str
    severity: int
    state: S
    is_open: bool
    latched: bool
    count: int
    first_seen: datetime
    last_seen: datetime
    grid: str | None
    work_order_id: int | None
    shelved_until: datetime | None
    disposition: str | None
    version: int


class AlarmService:
    def __init__(
        self, store: Store, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.store = store
        self.clock = clock

    def get(self, alarm_id: int) -> AlarmView:
        with self.store.reading() as conn:
            row = conn.execute(select(_alarms).where(_alarms.c.id == alarm_id)).first()
        if row is None:
            raise NotFoundError(f"no alarm with id {alarm_id}")
        return _view(row)

    def acknowledge(self, alarm_id: int, *, version: int, actor: Actor) -> AlarmView:
        def change(row: Row[Any]) -> dict[str, Any]:
            if row.state == S.ACTIVE_UNACK:
                return {"state": S.ACTIVE_ACK}
            if row.state == S.CLEARED_UNACK:
                return {"state": S.CLEARED_ACK, "is_open": row.latched}
            raise TransitionError(f"alarm {row.alarm_key} is {row.state}: nothing to acknowledge")

        return self._act(alarm_id, version, actor, "acknowledge", "", change, ack=True)

    def shelve(
        self, alarm_id: int, *, version: int, actor: Actor, reason: str, until: datetime
    ) -> AlarmView:
        if not reason.strip():
            raise ValidationError("shelving needs a reason")
        if until <= self.clock():
            raise ValidationError("shelving needs an end in the future")

        def change(row: Row[Any]) -> dict[str, Any]:
            if not row.is_open:
                raise TransitionError(f"alarm {row.alarm_key} is closed")
            return {"state": S.SHELVED, "shelved_until": until, "shelve_reason": reason}

        return self._act(alarm_id, version, actor, "shelve", reason, change)

    def reset(self, alarm_id: int, *, version: int, actor: Actor, note: str) -> AlarmView:
        """复位: a person has checked the circuit; the latch is released and the
        alarm closes."""
        if not note.strip():
            raise ValidationError("reset needs a note of what was checked")

        def change(row: Row[Any]) -> dict[str, Any]:
            if not row.latched or not row.is_open:
                raise TransitionError(f"alarm {row.alarm_key} is not latched")
            return {
                "latched": False,
                "is_open": False,
                "state": S.CLEARED_ACK,
                "cleared_at": self.clock(),
            }

        return self._act(alarm_id, version, actor, "reset", note, change, ack=True)

    def dismiss_false(self, alarm_id: int, *, version: int, actor: Actor, reason: str) -> AlarmView:
        """误报: close as a false alarm, with the reason."""
        if not reason.strip():
            raise ValidationError("a false alarm needs a reason")

        def change(row: Row[Any]) -> dict[str, Any]:
            if not row.is_open:
                raise TransitionError(f"alarm {row.alarm_key} is closed")
            return {
                "is_open": False,
                "state": S.CLEARED_ACK,
                "disposition": "false_alarm",
                "latched": False,
                "cleared_at": self.clock(),
            }

        return self._act(alarm_id, version, actor, "false_alarm", reason, change, ack=True)

    def _act(
        self,
        alarm_id: int,
        version: int,
        actor: Actor,
        action: str,
        note: str,
        change: Callable[[Row[Any]], dict[str, Any]],
        ack: bool = False,
    ) -> AlarmView:
        now = self.clock()
        with self.store.transaction() as tx:
            row = tx.conn.execute(select(_alarms).where(_alarms.c.id == alarm_id)).first()
            if row is None:
                raise NotFoundError(f"no alarm with id {alarm_id}")
            if row.version != version:
                raise ConflictError(row.alarm_key, version, row.version, row.acknowledged_by)
            values = change(row)
            if ack:
                values.update(acknowledged_by=actor.user, acknowledged_at=now)
            new = tx.conn.execute(
                update(_alarms)
                .where(_alarms.c.id == alarm_id, _alarms.c.version == version)
                .values(version=version + 1, **values)
                .returning(*_alarms.c)
            ).first()
            if new is None:
                raise ConflictError(row.alarm_key, version, version + 1, None)
            self._record(tx, new, actor, now, action, note)
        return _view(new)

    def _record(
        self, tx: Tx, row: Row[Any], actor: Actor, now: datetime, action: str, note: str
    ) -> None:
        audit.append(
            tx.conn,
            now,
            actor,
            f"alarm.{action}",
            row.alarm_key,
            {"state": row.state, "version": row.version, "note": note},
        )
        tx.notify(Change("alarms", row.id, row.version, row.state, actor.console))


def _view(row: Row[Any]) -> AlarmView:
    return AlarmView(
        id=row.id,
        alarm_key=row.alarm_key,
        device_id=row.device_id,
        alarm_type=row.alarm_type,
        severity=row.severity,
        state=S(row.state),
        is_open=row.is_open,
        latched=row.latched,
        count=row._mapping["count"],
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        grid=row.grid_code,
        work_order_id=row.work_order_id,
        shelved_until=row.shelved_until,
        disposition=row.disposition,
        version=row.version,
    )
