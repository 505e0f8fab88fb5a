"""Alarm rules: an alarm of a given device kind and type raises a work order,
dispatched at once where life is at stake, and pops up the nearest camera.

Runs inside the ingest transaction that stored the alert, after the alarm row
was upserted (and so locked): an alarm whose order exists already joins it, so
one alarm never yields two orders, even with two consoles ingesting at once;
the unique ``source_ref`` (``alarm:<id>``) guards it besides.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from services.alerts.messages import RaisedAlarm
from services.db.store import Tx
from services.domain import Actor, Category, OrderState, Priority, UnitKind
from services.errors import ConfigError
from services.resources import resource
from services.workflow.orders import Move, NewOrder, WorkOrderService
from services.workflow.routing import find_unit

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

    def on_alarm(self, tx: Tx, alarm: RaisedAlarm) -> int | None:
        """Raise (and maybe dispatch) the alarm's order; returns its id if raised."""
        rule = self.rules.match(alarm.kind, alarm.alert_type)
        grid = alarm.grid
        if rule is None or not rule.order or grid is None:
            return None
        has = tx.conn.execute(
            text("SELECT work_order_id FROM alarms WHERE id = :id"), {"id": alarm.alarm_id}
        ).scalar()
        if has is not None:
            return None  # joins the alarm's open order
        order = self.orders.raise_in(
            tx,
            NewOrder(
                title=f"{rule.title}（{alarm.device_id}）",
                grid=grid,
                category=rule.category,
                priority=rule.priority,
                community=alarm.community,
                lon=alarm.lon,
                lat=alarm.lat,
                source="rule",
                description=_describe(tx, rule.title, alarm),
            ),
            RULES_ACTOR,
            source_ref=f"alarm:{alarm.alarm_id}",
        )
        if rule.dispatch:
            unit = find_unit(tx.conn, rule.unit_kind, grid, alarm.community)
            if unit is None:
                log.warning(
                    "no %s unit for grid %s: order %s left for the operator",
                    rule.unit_kind,
                    grid,
                    order.number,
                )
            else:
                order = self.orders.move_in(
                    tx, order.id, Move(OrderState.FILED), version=order.version, actor=RULES_ACTOR
                )
                order = self.orders.move_in(
                    tx,
                    order.id,
                    Move(OrderState.DISPATCHED, unit=unit),
                    version=order.version,
                    actor=RULES_ACTOR,
                )
        tx.conn.execute(
            text("UPDATE alarms SET work_order_id = :o WHERE id = :a"),
            {"o": order.id, "a": alarm.alarm_id},
        )
        return order.id


def _describe(tx: Tx, title: str, alarm: RaisedAlarm) -> str:
    """What the order is about, for a person: the device by name and place, what
    happened, and the alert behind it (the alarm is linked as the order's source)."""
    found = tx.conn.execute(
        text(
            "SELECT d.name, c.name FROM devices d "
            "LEFT JOIN communities c ON c.code = d.community_code WHERE d.id = :id"
        ),
        {"id": alarm.device_id},
    ).first()
    device, community = (found[0], found[1]) if found else (None, None)
    where = "，".join(p for p in (community, device) if p and p != alarm.device_id)
    head = f"{where}（{alarm.device_id}）" if where else alarm.device_id
    return f"{head}：{title}。来源：{alarm.source}"


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
