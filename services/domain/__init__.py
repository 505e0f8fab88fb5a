"""The plain vocabulary shared by services and widgets: enums and frozen records.

English in code, Chinese in the UI (the widgets translate the codes).
No database, network or Qt here: ``widgets/`` may import this package and
nothing else of ``services/`` that reaches SQLAlchemy (pyproject.toml's contracts).
"""

from __future__ import annotations

from services.domain.alarms import (
    CLEARED_ALARM_STATES,
    DEVICE_OFFLINE,
    UNACKED_ALARM_STATES,
    AlarmState,
    QueuedAlarm,
)
from services.domain.changes import (
    Change,
)
from services.domain.district import (
    CameraEntry,
    DeviceAlert,
    DeviceDetails,
    DistrictMap,
    LinkedCamera,
    MapCell,
    MapDevice,
    Ring,
)
from services.domain.evidence import (
    CustodyAction,
    CustodyStep,
    EvidenceFilter,
    EvidenceItem,
    EvidenceKind,
    Verdict,
)
from services.domain.lifecycle import ALLOWED, MOVES, NOTE_REQUIRED, MoveAction
from services.domain.orders import (
    CLOSED_STATES,
    ESCALATION_LADDER,
    ActionRequest,
    Category,
    DeadlineStage,
    EscalationLevel,
    MoveRequest,
    OrderAction,
    OrderEvent,
    OrderFilter,
    OrderState,
    Outcome,
    Priority,
    WorkOrder,
    category_for_kind,
    priority_for_severity,
)
from services.domain.people import (
    SYSTEM,
    Actor,
    Principal,
    Role,
    UnitKind,
)
from services.domain.stats import (
    AlertCount,
    CategoryTimes,
    Dashboard,
    DayOrders,
    DeviceFaults,
    DeviceHealth,
    GridRank,
    OrderFigures,
    SensorChoice,
    Series,
    SeriesWanted,
    SourceCount,
)

__all__ = [
    "ALLOWED",
    "CLEARED_ALARM_STATES",
    "CLOSED_STATES",
    "DEVICE_OFFLINE",
    "ESCALATION_LADDER",
    "MOVES",
    "NOTE_REQUIRED",
    "SYSTEM",
    "UNACKED_ALARM_STATES",
    "ActionRequest",
    "Actor",
    "AlarmState",
    "AlertCount",
    "CameraEntry",
    "Category",
    "CategoryTimes",
    "Change",
    "CustodyAction",
    "CustodyStep",
    "Dashboard",
    "DayOrders",
    "DeadlineStage",
    "DeviceAlert",
    "DeviceDetails",
    "DeviceFaults",
    "DeviceHealth",
    "DistrictMap",
    "EscalationLevel",
    "EvidenceFilter",
    "EvidenceItem",
    "EvidenceKind",
    "GridRank",
    "LinkedCamera",
    "MapCell",
    "MapDevice",
    "MoveAction",
    "MoveRequest",
    "OrderAction",
    "OrderEvent",
    "OrderFigures",
    "OrderFilter",
    "OrderState",
    "Outcome",
    "Principal",
    "Priority",
    "QueuedAlarm",
    "Ring",
    "Role",
    "SensorChoice",
    "Series",
    "SeriesWanted",
    "SourceCount",
    "UnitKind",
    "Verdict",
    "WorkOrder",
    "category_for_kind",
    "priority_for_severity",
]
