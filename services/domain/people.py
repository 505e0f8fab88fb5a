"""Who acts: roles, units, the signed-in user, the actor of a change."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    OFFICER = "officer"
    ADMIN = "admin"


class UnitKind(StrEnum):
    GRID_TEAM = "grid_team"  # 网格工作站
    PROPERTY_COMPANY = "property_company"  # 物业公司
    LAW_ENFORCEMENT = "law_enforcement"  # 城管执法中队
    ELEVATOR_MAINTENANCE = "elevator_maintenance"  # 电梯维保单位
    CITY_CONSTRUCTION = "city_construction"  # 城建中心


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does something, and from which console."""

    user: str
    console: str = "local"


SYSTEM = Actor(user="system", console="system")


@dataclass(frozen=True, slots=True)
class Principal:
    """A signed-in user: who, in which role, over which grid cells.

    ``grids`` empty means every grid cell (operators, officers, admins); a
    supervisor sees and works only the orders and alarms of ``grids``."""

    user_id: int
    login: str
    name: str
    role: Role
    grids: frozenset[str] = frozenset()
    unit: str | None = None

    @property
    def scoped(self) -> bool:
        """True when the user is limited to ``grids``."""
        return self.role is Role.SUPERVISOR

    def actor(self, console: str) -> Actor:
        return Actor(user=self.login, console=console)
