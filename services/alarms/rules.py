"""Alarm rules: an alarm of a given device kind and type raises a work order,
dispatched at once where life is at stake, and pops up the nearest camera.

Runs inside the ingest transaction that stored the alerts, after the alarm rows
were upserted (and so locked), for all the alarms of the batch at once: an
alarm whose order exists already joins it, so one alarm never yields two
orders, even with two consoles ingesting at once; the unique ``source_ref``
(``alarm:<id>``) guards it besides.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, text

from services.alerts.messages import RaisedAlarm
from services.db.store import Tx
from services.domain import Actor, Category, Priority, UnitKind
from services.errors import ConfigError
from services.resources import resource
from services.text_rules import shown
from services.workflow.orders import NewOrder, Raise, WorkOrderService
from services.workflow.routing import UnitDirectory

log = logging.getLogger(__name__)

RULES_ACTOR = Actor(user="rules", console="ingest")


@dataclass(frozen=True)
class AlarmRule:
    kind: str
    alert_type: str
    title: str
    order: bool
    category: Category
    priority: Priority
    unit_kind: UnitKind
    dispatch: bool
    popup: bool


class RuleSet:
    def __init__(self, rules: list[AlarmRule]) -> None:
        self._rules = {(r.kind, r.alert_type): r for r in rules}

    @classmethod
    def load(cls, path: Path | None = None) -> RuleSet:
        path = path or resource("rules.toml")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            rules = [_rule(r) for r in data.get("rule", [])]
        except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"alarm rules {path}: {exc}") from exc
        return cls(rules)

    def match(self, kind: str, alert_type: str) -> AlarmRule | None:
        return self._rules.get((kind, alert_type))


class RuleEngine:
    def __init__(self, rules: RuleSet, orders: WorkOrderService) -> None:
        self.rules = rules
        self.orders = orders

    def on_alarms(self, tx: Tx, alarms: Sequence[RaisedAlarm]) -> list[int]:
        """Raise the orders of alarms just raised, in bulk (and file and dispatch
        those whose rule says so); an alarm that has an order joins it.  Runs in
        the transaction that locked the alarms (an ingest batch, the hold timer),
        after every alarm row it takes (services.db.locks).  Returns the ids of
        the orders raised."""
        wanted: dict[int, tuple[RaisedAlarm, AlarmRule]] = {}
        for alarm in alarms:
            rule = self.rules.match(alarm.kind, alarm.alert_type)
            if rule is not None and rule.order and alarm.grid is not None:
                wanted.setdefault(alarm.alarm_id, (alarm, rule))
        if not wanted:
            return []
        for alarm_id in tx.conn.execute(_HAVE_ORDER, {"ids": sorted(wanted)}).scalars():
            del wanted[alarm_id]  # joins the alarm's open order
        if not wanted:
            return []
        places = _places(tx, {alarm.device_id for alarm, _ in wanted.values()})
        units = UnitDirectory.load(tx.conn)
        raises = [_raise(alarm, rule, places, units) for alarm, rule in wanted.values()]
        pairs = zip(raises, wanted.values(), strict=True)
        unrouted = [r for r, (_a, rule) in pairs if rule.dispatch and not r.dispatch_to]
        if unrouted:
            log.warning(
                "no unit serves %d orders to dispatch (grid %s …): left for the operator",
                len(unrouted),
                unrouted[0].new.grid,
            )
        orders = self.orders.raise_for_alarms_in(
            tx, list(zip(wanted, raises, strict=True)), RULES_ACTOR
        )
        return [o.id for o in orders]


_HAVE_ORDER = text(
    "SELECT id FROM alarms WHERE id IN :ids AND work_order_id IS NOT NULL"
).bindparams(bindparam("ids", expanding=True))
_PLACES = text(
    "SELECT d.id, d.name, c.name FROM devices d "
    "LEFT JOIN communities c ON c.code = d.community_code WHERE d.id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def _places(tx: Tx, devices: set[str]) -> dict[str, tuple[str | None, str | None]]:
    """Device → (its name, its community's name)."""
    rows = tx.conn.execute(_PLACES, {"ids": sorted(devices)})
    return {str(d): (name, community) for d, name, community in rows}


def _raise(
    alarm: RaisedAlarm,
    rule: AlarmRule,
    places: dict[str, tuple[str | None, str | None]],
    units: UnitDirectory,
) -> Raise:
    assert alarm.grid is not None
    unit = units.find(rule.unit_kind, alarm.grid, alarm.community) if rule.dispatch else None
    new = NewOrder(
        title=f"{rule.title}（{alarm.device_id}）",
        grid=alarm.grid,
        category=rule.category,
        priority=rule.priority,
        community=alarm.community,
        lon=alarm.lon,
        lat=alarm.lat,
        source="rule",
        description=_describe(rule.title, alarm, places.get(alarm.device_id, (None, None))),
    )
    return Raise(new, f"alarm:{alarm.alarm_id}", dispatch_to=unit)


def _describe(title: str, alarm: RaisedAlarm, place: tuple[str | None, str | None]) -> str:
    """What the order is about, for a person: the device by name and place, what
    happened, and the alert behind it (the alarm is linked as the order's source)."""
    device, community = place
    where = "，".join(shown(p) for p in (community, device) if p and p != alarm.device_id)
    head = f"{where}（{alarm.device_id}）" if where else alarm.device_id
    return f"{head}：{title}。来源：{shown(alarm.source)}"


def _rule(raw: dict[str, object]) -> AlarmRule:
    return AlarmRule(
        kind=str(raw["kind"]),
        alert_type=str(raw["type"]),
        title=str(raw["title"]),
        order=bool(raw.get("order", False)),
        category=Category(str(raw["category"])),
        priority=Priority(str(raw["priority"])),
        unit_kind=UnitKind(str(raw["unit_kind"])),
        dispatch=bool(raw.get("dispatch", False)),
        popup=bool(raw.get("popup", False)),
    )
