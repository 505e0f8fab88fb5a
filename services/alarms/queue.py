"""The alert queue's view of the store: open alarms as ``QueuedAlarm`` records,
limited to what the signed-in user may see, and the alarm actions checked
against the user's role and grids.

The queue shows open alarms except those still within their hold time
(``pending``).  Order: unacknowledged first, then most severe, then newest.
A grid supervisor sees only the alarms of their grids.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sqlalchemy import case, func, select

from services.access.permissions import ALARM_ACK, ALARM_FALSE, ALARM_RESET, ALARM_SHELVE, require
from services.alarms.actions import AlarmService, AlarmView
from services.alerts.alert_types import AlertTypes
from services.db.models import Alarm, Community, Device, table_of
from services.db.store import Store
from services.domain import UNACKED_ALARM_STATES, AlarmState, Principal, QueuedAlarm

_alarms = table_of(Alarm)
_devices = table_of(Device)
_communities = table_of(Community)
UNACKED = sorted(UNACKED_ALARM_STATES)
#: The most alarms a full load brings (the queue then follows the change feed's
#: deltas); a district in a storm beyond this shows its most urgent ones.
QUEUE_LIMIT = 10_000

_COLUMNS = (
    _alarms.c.id,
    _alarms.c.alarm_key,
    _alarms.c.device_id,
    _devices.c.name,
    _devices.c.kind,
    _alarms.c.alarm_type,
    _alarms.c.severity,
    _alarms.c.state,
    _alarms.c.latched,
    _alarms.c.count,
    _alarms.c.first_seen,
    _alarms.c.last_seen,
    _alarms.c.grid_code,
    _devices.c.community_code,
    _communities.c.name,
    _devices.c.lon,
    _devices.c.lat,
    _alarms.c.work_order_id,
    _alarms.c.version,
)
_BASE = (
    select(*_COLUMNS)
    .join(_devices, _devices.c.id == _alarms.c.device_id)
    .outerjoin(_communities, _communities.c.code == _devices.c.community_code)
)
_ORDER = (
    case((_alarms.c.state.in_(UNACKED), 0), else_=1),
    _alarms.c.severity.desc(),
    _alarms.c.last_seen.desc(),
    _alarms.c.id.desc(),
)


class AlarmQueue:
    def __init__(
        self,
        store: Store,
        types: AlertTypes | None = None,
        lang: str = "zh_CN",
        console: str = "gui",
    ) -> None:
        self.store = store
        self.types = types or AlertTypes.load()
        self.lang = lang
        self.console = console
        self.actions = AlarmService(store)

    def open_alarms(
        self, principal: Principal, grid: str | None = None, limit: int = QUEUE_LIMIT
    ) -> list[QueuedAlarm]:
        """The queue: open alarms the user may see (not those on hold)."""
        query = _BASE.where(_alarms.c.is_open, _alarms.c.state != AlarmState.PENDING)
        query = _scoped(query, principal, grid).order_by(*_ORDER).limit(limit)
        with self.store.reading() as conn:
            return [self._record(r) for r in conn.execute(query)]

    def changes(
        self, principal: Principal, ids: Iterable[int]
    ) -> tuple[list[QueuedAlarm], list[int]]:
        """What the change feed's ids mean for this user's queue: the alarms among
        them that are in it now (open, not on hold, in the user's grid cells), and
        the ids that are not (closed, out of scope, gone): one query."""
        wanted = sorted(set(ids))
        if not wanted:
            return [], []
        query = _scoped(
            _BASE.where(
                _alarms.c.id.in_(wanted),
                _alarms.c.is_open,
                _alarms.c.state != AlarmState.PENDING,
            ),
            principal,
            None,
        )
        with self.store.reading() as conn:
            rows = [self._record(r) for r in conn.execute(query)]
        shown = {a.id for a in rows}
        return rows, [i for i in wanted if i not in shown]

    def open_counts_by_grid(self, principal: Principal) -> dict[str, int]:
        query = (
            select(_alarms.c.grid_code, func.count())
            .where(_alarms.c.is_open, _alarms.c.state != AlarmState.PENDING)
            .group_by(_alarms.c.grid_code)
        )
        if principal.scoped:
            query = query.where(_alarms.c.grid_code.in_(sorted(principal.grids)))
        with self.store.reading() as conn:
            return {g: int(n) for g, n in conn.execute(query) if g is not None}

    # --- actions, checked -------------------------------------------------------

    def acknowledge(self, principal: Principal, alarm_id: int, version: int) -> AlarmView:
        self._require(principal, ALARM_ACK, alarm_id)
        actor = principal.actor(self.console)
        return self.actions.acknowledge(alarm_id, version=version, actor=actor)

    def dismiss_false(
        self, principal: Principal, alarm_id: int, version: int, reason: str
    ) -> AlarmView:
        self._require(principal, ALARM_FALSE, alarm_id)
        return self.actions.dismiss_false(
            alarm_id, version=version, actor=principal.actor(self.console), reason=reason
        )

    def shelve(
        self, principal: Principal, alarm_id: int, version: int, minutes: int, reason: str
    ) -> AlarmView:
        self._require(principal, ALARM_SHELVE, alarm_id)
        return self.actions.shelve(
            alarm_id,
            version=version,
            actor=principal.actor(self.console),
            until=self.actions.clock() + timedelta(minutes=minutes),
            reason=reason,
        )

    def reset(self, principal: Principal, alarm_id: int, version: int, note: str) -> AlarmView:
        """复位: release a latched alarm (arc fault, electrical fire) once it is safe."""
        self._require(principal, ALARM_RESET, alarm_id)
        return self.actions.reset(
            alarm_id, version=version, actor=principal.actor(self.console), note=note
        )

    def _require(self, principal: Principal, action: str, alarm_id: int) -> None:
        require(principal, action, self.actions.get(alarm_id).grid)

    def _record(self, r: Any) -> QueuedAlarm:  # a row of _COLUMNS
        return QueuedAlarm(
            id=r[0],
            alarm_key=r[1],
            device_id=r[2],
            device_name=r[3],
            kind=r[4],
            alarm_type=r[5],
            label=self.types.label(r[4], r[5], self.lang),
            severity=r[6],
            state=AlarmState(r[7]),
            latched=bool(r[8]),
            count=r[9],
            first_seen=r[10],
            last_seen=r[11],
            grid=r[12],
            community=r[13],
            community_name=r[14],
            lon=r[15],
            lat=r[16],
            work_order_id=r[17],
            version=r[18],
        )


def _scoped(query: Any, principal: Principal, grid: str | None) -> Any:
    if principal.scoped:
        query = query.where(_alarms.c.grid_code.in_(sorted(principal.grids)))
    if grid is not None:
        query = query.where(_alarms.c.grid_code == grid)
    return query
