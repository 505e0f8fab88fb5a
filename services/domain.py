"""The plain vocabulary shared by services and widgets: enums and frozen records.

English in code, Chinese in the UI (the widgets translate the codes).
No database, network or Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


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

#: Moves that must say why (a refusal, a return, a rework, a reopening ...):
#: the lifecycle (services.workflow.states) enforces it, the desk asks for it.
NOTE_REQUIRED: frozenset[tuple[OrderState, OrderState]] = frozenset(
    {
        (OrderState.REPORTED, OrderState.NOT_FILED),
        (OrderState.DISPATCHED, OrderState.RETURNED),
        (OrderState.IN_PROGRESS, OrderState.RETURNED),
        (OrderState.IN_PROGRESS, OrderState.PARKED),
        (OrderState.IN_PROGRESS, OrderState.EXTENDED),
        (OrderState.IN_PROGRESS, OrderState.RESOLVED),
        (OrderState.RESOLVED, OrderState.IN_PROGRESS),
        (OrderState.ARCHIVED, OrderState.IN_PROGRESS),
    }
)


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


class DeadlineStage(StrEnum):
    DISPATCH = "dispatch"
    ACKNOWLEDGE = "acknowledge"
    HANDLE = "handle"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does something, and from which console."""

    user: str
    console: str = "local"


SYSTEM = Actor(user="system", console="system")


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
class Change:
    """What the change feed tells other consoles: a row changed, read it again."""

    table: str
    id: int
    version: int
    state: str
    console: str
    number: str = ""


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
