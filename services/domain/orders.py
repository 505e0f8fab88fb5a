"""Work orders: their lifecycle states, kinds and the records the desk shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path


class OrderState(StrEnum):
    REPORTED = "reported"  # 上报
    FILED = "filed"  # 立案
    DISPATCHED = "dispatched"  # 已派遣
    RETURNED = "returned"  # 退单
    ACKNOWLEDGED = "acknowledged"  # 已签收
    IN_PROGRESS = "in_progress"  # 处置中
    EXTENDED = "extended"  # 已延期
    PARKED = "parked"  # 挂账
    RESOLVED = "resolved"  # 已反馈待核查
    CLOSED = "closed"  # 已结案
    NOT_FILED = "not_filed"  # 不予立案
    ARCHIVED = "archived"  # 已归档


#: States in which an order's work is over (closed, refused, archived).
CLOSED_STATES = frozenset({OrderState.CLOSED, OrderState.NOT_FILED, OrderState.ARCHIVED})


class Outcome(StrEnum):
    FIXED = "fixed"
    DUPLICATE = "duplicate"
    NOT_RESPONSIBLE = "not_responsible"
    FALSE_ALARM = "false_alarm"
    UNABLE_TO_FIX = "unable_to_fix"


class Category(StrEnum):
    ELEVATOR_FAULT = "elevator_fault"  # 电梯故障
    ELECTRICAL_SAFETY = "electrical_safety"  # 用电安全
    NONMOTOR_PARKING = "nonmotor_parking"  # 非机动车停放
    STOREFRONT_OCCUPATION = "storefront_occupation"  # 跨门经营
    SANITATION = "sanitation"  # 环境卫生
    OTHER = "other"  # 其他


class Priority(StrEnum):
    CRITICAL = "critical"  # 特急
    URGENT = "urgent"  # 紧急
    NORMAL = "normal"  # 一般


class EscalationLevel(StrEnum):
    """The ladder: small matters stay in the grid, big matters in the sub-district."""

    GRID = "grid"
    BLOCK = "block"
    SUB_DISTRICT = "sub_district"
    DISTRICT = "district"


ESCALATION_LADDER: tuple[EscalationLevel, ...] = tuple(EscalationLevel)


class DeadlineStage(StrEnum):
    DISPATCH = "dispatch"
    ACKNOWLEDGE = "acknowledge"
    HANDLE = "handle"


@dataclass(frozen=True, slots=True)
class WorkOrder:
    """A snapshot of one work order, as read from the store."""

    id: int
    number: str
    title: str
    description: str
    category: Category
    priority: Priority
    state: OrderState
    grid: str
    unit: str | None
    community: str | None
    outcome: Outcome | None
    reporter: str
    source: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None
    near_due_at: datetime | None
    deadline_stage: DeadlineStage | None
    overdue: bool
    near_due: bool
    supervised: int
    escalation: EscalationLevel
    version: int

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """One entry of an order's history."""

    id: int
    order_id: int
    at: datetime
    actor: str
    console: str
    action: str
    from_state: OrderState | None
    to_state: OrderState | None
    note: str
    attachments: tuple[str, ...] = ()
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OrderFilter:
    """What the work-order desk shows: every field narrows; empty means all."""

    states: frozenset[OrderState] = frozenset()
    grids: frozenset[str] = frozenset()
    categories: frozenset[Category] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    open_only: bool = True
    overdue_only: bool = False
    mine: bool = False  # orders the signed-in user reported or last acted on
    text: str = ""  # number prefix, or words of the title / description
    raised_on: date | None = None  # a local day of the district's zone


class OrderAction(StrEnum):
    """The steps on an order besides its moves."""

    FILE_AND_DISPATCH = "file_and_dispatch"  # 立案派遣: file a reported order, dispatch as routed
    SUPERVISE = "supervise"  # 督办, at a level (0 lifts it)
    ESCALATE = "escalate"  # 升级, one step up the ladder, saying why


@dataclass(frozen=True, slots=True)
class MoveRequest:
    """A move asked for at the desk, with what its dialog gathered."""

    order_id: int
    version: int  # of the copy the person saw: a stale one is refused
    target: OrderState
    note: str = ""
    unit: str | None = None  # dispatch to this unit rather than the routed one
    outcome: Outcome | None = None  # a close's
    photos: tuple[Path, ...] = ()  # pictures of the site, to be stored with the step


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """A step besides the moves asked for at the desk."""

    order_id: int
    version: int
    action: OrderAction
    note: str = ""
    level: int = 1  # supervise: 1-3, 0 lifts it


#: A work order's category by the kind of device that raised it, when no alarm
#: rule names one.
_KIND_CATEGORY = {
    "elevator": Category.ELEVATOR_FAULT,
    "arc_fault": Category.ELECTRICAL_SAFETY,
    "nonmotor_probe": Category.NONMOTOR_PARKING,
    "storefront_probe": Category.STOREFRONT_OCCUPATION,
}


def category_for_kind(kind: str) -> Category:
    """The category an order for a device of ``kind`` suggests (no rule says)."""
    return _KIND_CATEGORY.get(kind, Category.OTHER)


def priority_for_severity(severity: int) -> Priority:
    """An alarm's severity (1-4) as an order's priority: critical 特急, major 紧急."""
    return {4: Priority.CRITICAL, 3: Priority.URGENT}.get(severity, Priority.NORMAL)
