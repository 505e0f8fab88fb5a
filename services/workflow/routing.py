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
    return UnitDirectory.load(conn).find(kind, grid, community)


@dataclass(frozen=True)
class UnitDirectory:
    """Which unit of a kind serves a place, from the units table read at once (a
    few hundred rows at most), so that a batch of orders is routed without a
    query each.  A unit of the community first, then one serving the grid cell,
    then one of the kind serving everywhere (no community, no grid cells); the
    lowest code where several fit."""

    by_community: dict[tuple[str, str], str]
    by_grid: dict[tuple[str, str], str]
    anywhere: dict[str, str]

    @classmethod
    def load(cls, conn: Connection) -> UnitDirectory:
        units = table_of(Unit)
        served: dict[str, list[str]] = {}
        for unit, grid in conn.execute(select(unit_grids.c.unit_code, unit_grids.c.grid_code)):
            served.setdefault(unit, []).append(grid)
        by_community: dict[tuple[str, str], str] = {}
        by_grid: dict[tuple[str, str], str] = {}
        anywhere: dict[str, str] = {}
        rows = conn.execute(
            select(units.c.code, units.c.kind, units.c.community_code).order_by(units.c.code.desc())
        )
        for code, kind, community in rows:  # highest first: the lowest code is written last
            if community:
                by_community[(kind, community)] = code
            for grid in served.get(code, ()):
                by_grid[(kind, grid)] = code
            if not community and code not in served:
                anywhere[kind] = code
        return cls(by_community, by_grid, anywhere)

    def find(self, kind: UnitKind, grid: str, community: str | None) -> str | None:
        return (
            (self.by_community.get((kind, community)) if community else None)
            or self.by_grid.get((kind, grid))
            or self.anywhere.get(kind)
        )


def check_unit(conn: Connection, code: str) -> None:
    check_units(conn, {code})


def check_units(conn: Connection, codes: set[str]) -> None:
    """UnknownUnitError for the first of ``codes`` that is not a registered unit."""
    if not codes:
        return
    units = table_of(Unit)
    known = set(conn.execute(select(units.c.code).where(units.c.code.in_(sorted(codes)))).scalars())
    for code in sorted(codes - known):
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
