"""Alarms: their states (ISA-18.2) and the row of the alert queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AlarmState(StrEnum):
    """An alarm's state, after ISA-18.2: raised unacknowledged, acknowledged,
    cleared (the condition ended) before or after acknowledgement, shelved for
    a while; ``pending`` while the condition has not yet lasted its hold time
    (not yet the operator's)."""

    PENDING = "pending"  # 延时确认中
    ACTIVE_UNACK = "active_unack"  # 未确认
    ACTIVE_ACK = "active_ack"  # 已确认
    CLEARED_UNACK = "cleared_unack"  # 已消除未确认
    CLEARED_ACK = "cleared_ack"  # 已关闭
    SHELVED = "shelved"  # 已搁置

    @property
    def needs_ack(self) -> bool:
        """Waiting for a person to acknowledge it (the queue puts these first)."""
        return self in UNACKED_ALARM_STATES

    @property
    def acknowledged(self) -> bool:
        return self in (AlarmState.ACTIVE_ACK, AlarmState.CLEARED_ACK)


UNACKED_ALARM_STATES = frozenset({AlarmState.ACTIVE_UNACK, AlarmState.CLEARED_UNACK})
CLEARED_ALARM_STATES = frozenset({AlarmState.CLEARED_UNACK, AlarmState.CLEARED_ACK})

#: The alarm the system raises for a device silent past its reporting interval
#: (services/ingest/offline.py): no device reports it, every kind can have it.
DEVICE_OFFLINE = "device_offline"


@dataclass(frozen=True, slots=True)
class QueuedAlarm:
    """One row of the alert queue: an open alarm with what the operator needs."""

    id: int
    alarm_key: str
    device_id: str
    device_name: str
    kind: str  # device kind (DeviceKind value)
    alarm_type: str
    label: str  # the alarm type's label in the UI language
    severity: int  # 1 info .. 4 critical
    state: AlarmState
    latched: bool
    count: int
    first_seen: datetime
    last_seen: datetime
    grid: str | None
    community: str | None
    community_name: str | None
    lon: float | None
    lat: float | None
    work_order_id: int | None
    version: int

    @property
    def acknowledged(self) -> bool:
        return self.state.acknowledged

    @property
    def needs_ack(self) -> bool:
        return self.state.needs_ack

    @property
    def device_offline(self) -> bool:
        """The alarm of a device offline now (not yet heard from again)."""
        return self.alarm_type == DEVICE_OFFLINE and self.state not in CLEARED_ALARM_STATES
