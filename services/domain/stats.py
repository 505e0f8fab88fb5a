"""The centre's figures as plain records: what the dashboard and the big screen draw.

Counts per time bucket and kind, work orders per local day, the nine-grid
ranking, device health by kind and one sensor's measurements over time.  Times
are timezone-aware; days are local days (the district's zone, calendar.toml).
A ``Series`` holds its samples as sequences (a year of minute data is 525,600 of them; numpy arrays
are welcome there and are not compared for equality).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class AlertCount:
    """Alerts of one device kind in the bucket starting at ``bucket``."""

    bucket: datetime
    kind: str
    count: int


@dataclass(frozen=True, slots=True)
class DayOrders:
    """Work orders of one local day: raised, closed (结案), refused (不予立案)
    and open at its end."""

    day: date
    opened: int
    closed: int
    backlog: int
    not_filed: int = 0


@dataclass(frozen=True, slots=True)
class GridRank:
    """One grid cell in the nine-grid ranking (九宫格排名)."""

    grid: str
    open: int
    overdue: int
    closed: int
    on_time_rate: float | None  # share closed within the limit, 0-1; None: none closed
    median_hours: float | None  # hours to close; None: none closed
    name: str = ""
    opened: int = 0  # raised in the range


@dataclass(frozen=True, slots=True)
class OrderFigures:
    """The day's and the backlog's headline figures."""

    opened_today: int
    closed_today: int
    open_now: int
    overdue_now: int
    on_time_rate: float | None  # 按期办结率 over the range, 0-1
    median_hours: float | None
    p90_hours: float | None
    alerts_today: int = 0


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    """Devices of one kind: reporting, offline, and silent longer than their interval."""

    kind: str
    online: int
    offline: int
    silent: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class Series:
    """One metric of one sensor over time: ``times`` in seconds since the epoch (UTC),
    ``values`` beside them, ``alarms`` the times of its alarms, ``thresholds`` the
    levels that raise one."""

    device_id: str
    metric: str
    unit: str
    times: Sequence[float]
    values: Sequence[float]
    alarms: Sequence[float] = ()
    thresholds: Sequence[float] = ()


@dataclass(frozen=True, slots=True)
class SourceCount:
    """Work orders raised in the range by one source (rules, operators, residents …)."""

    source: str
    count: int


@dataclass(frozen=True, slots=True)
class CategoryTimes:
    """Hours from raised to closed of one category's orders closed in the range."""

    category: str
    closed: int
    median_hours: float | None
    p90_hours: float | None
    on_time_rate: float | None = None


@dataclass(frozen=True, slots=True)
class DeviceFaults:
    """A device among those with the most faults in the range (elevators: 电梯故障)."""

    device_id: str
    name: str
    community: str
    faults: int


@dataclass(frozen=True, slots=True)
class SensorChoice:
    """An arc-fault sensor the person may plot: its name and alarms in the last week."""

    device_id: str
    name: str
    alarms: int


@dataclass(frozen=True, slots=True)
class SeriesWanted:
    """The curve the person chose: a sensor (None: the one with most alarms), a
    metric and how many days back."""

    device_id: str | None = None
    metric: str = "residual_current_ma"
    days: int = 7


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the dashboard shows at ``at``: one load, one record."""

    at: datetime
    bucket_seconds: int  # width of the alert buckets (3600: hours, 86400: days)
    alerts: tuple[AlertCount, ...] = ()
    days: tuple[DayOrders, ...] = ()
    grids: tuple[GridRank, ...] = ()
    figures: OrderFigures | None = None
    health: tuple[DeviceHealth, ...] = ()
    series: Series | None = None
    notes: tuple[str, ...] = field(default=())  # what could not be read, said plainly
    since: datetime | None = None  # start of the alerts' range (None: their first bucket)
    sources: tuple[SourceCount, ...] = ()  # orders raised over the 30 days, by source
    close_times: tuple[CategoryTimes, ...] = ()  # per category, over the 30 days
    faults: tuple[DeviceFaults, ...] = ()  # the elevators with most faults in the range
    sensors: tuple[SensorChoice, ...] = ()  # arc-fault sensors, most alarms first
