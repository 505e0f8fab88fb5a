"""Default routing: category (and priority, grid) → unit kind → the unit."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select

from services.db.models import Unit, table_of, unit_grids
from services.domain import Category, Priority, UnitKind
from services.errors import ConfigError, UnknownUnitError, ValidationError
from services.resources import resource


@dataclass(frozen=True)
class Rule:
    category: Category | None  # None matches any
    priority: Priority | None
    grids: frozenset[str]
    unit_kind: UnitKind

    def matches(self, category: Category, priority: Priority, grid: str) -> bool:
        return (
            (self.category is None or self.category == category)
            and (self.priority is None or self.priority == priority)
            and (not self.grids or grid in self.grids)
        )


class Router:
    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules

    @classmethod
    def load(cls, path: Path | None = None) -> Router:
        path = path or resource("routing.toml")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            rules = [_rule(r) for r in data.get("rule", [])]
        except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"routing rules {path}: {exc}") from exc
        if not rules:
            raise ConfigError(f"routing rules {path}: no [[rule]] given")
        return cls(rules)

    def unit_kind(self, category: Category, priority: Priority, grid: str) -> UnitKind:
        for rule in self.rules:
            if rule.matches(category, priority, grid):
                return rule.unit_kind
        return UnitKind.GRID_TEAM

    def route(
        self,
        conn: Connection,
        category: Category,
        priority: Priority,
        grid: str,
        community: str | None,
    ) -> str:
        """The code of the unit a new order of this kind goes to."""
        kind = self.unit_kind(category, priority, grid)
        unit = find_unit(conn, kind, grid, community)
        if unit is None:
            raise ValidationError(
                f"no {kind.value} unit serves grid cell {grid}; choose a unit by hand"
            )
        return unit


def find_unit(conn: Connection, kind: UnitKind, grid: str, community: str | None) -> str | None:
    units = table_of(Unit)
    if community:
        code = conn.execute(
            select(units.c.code)
            .where(units.c.kind == kind, units.c.community_code == community)
            .order_by(units.c.code)
            .limit(1)
        ).scalar()
        if code:
            return str(code)
    code = conn.execute(
        select(units.c.code)
        .join(unit_grids, unit_grids.c.unit_code == units.c.code)
        .where(units.c.kind == kind, unit_grids.c.grid_code == grid)
        .order_by(units.c.code)
        .limit(1)
    ).scalar()
    if code:
        return str(code)
    served = select(unit_grids.c.unit_code)
    code = conn.execute(
        select(units.c.code)
        .where(units.c.kind == kind, units.c.community_code.is_(None), units.c.code.not_in(served))
        .order_by(units.c.code)
        .limit(1)
    ).scalar()
    return str(code) if code else None


def check_unit(conn: Connection, code: str) -> None:
    units = table_of(Unit)
    if conn.execute(select(units.c.code).where(units.c.code == code)).first() is None:
        raise UnknownUnitError(code)


def _rule(raw: dict[str, object]) -> Rule:
    cat = str(raw["category"])
    pri = raw.get("priority")
    grids = raw.get("grids", [])
    if not isinstance(grids, list):
        raise ValueError("grids must be a list")
    return Rule(
        category=None if cat == "*" else Category(cat),
        priority=Priority(str(pri)) if pri else None,
        grids=frozenset(str(g) for g in grids),
        unit_kind=UnitKind(str(raw["unit_kind"])),
    )
