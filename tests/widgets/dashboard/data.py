"""Made-up figures for the dashboard's tests and screenshots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np

from services.domain import (
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
    SourceCount,
)

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
KINDS = ("elevator", "arc_fault", "eagle_eye", "nonmotor_probe")
YEAR_OF_MINUTES = 525_600


def ranks() -> tuple[GridRank, ...]:
    return tuple(
        GridRank(f"G{b}{c}", 2 * b + c, b - 1, 10 + c, 0.8 + c / 20, 4.5 * c, name=f"网格{b}-{c}")
        for b in (1, 2, 3)
        for c in (1, 2, 3)
    )


def year_series(points: int = YEAR_OF_MINUTES) -> Series:
    t = NOW.timestamp() - points * 60 + np.arange(points, dtype=float) * 60
    rng = np.random.default_rng(7)
    v = 60 + 25 * np.sin(t / 86400) + rng.normal(0, 6, points)
    v[::40_000] = 340.0  # the alarms' peaks
    return Series("AF-1102", "residual_current_ma", "mA", t, v, t[::40_000], (300.0,))


def dashboard(series: Series | None = None) -> Dashboard:
    alerts = tuple(
        AlertCount(NOW - timedelta(hours=h), k, (h * 7 + i * 3) % 9)
        for h in range(24)
        for i, k in enumerate(KINDS)
    )
    days = tuple(
        DayOrders(date(2026, 11, 3) + timedelta(days=i), 5 + i % 4, 4 + i % 3, 20 + i % 7)
        for i in range(30)
    )
    health = tuple(DeviceHealth(k, 30 + i, i, 1) for i, k in enumerate(KINDS))
    figures = OrderFigures(12, 9, 40, 3, 0.87, 6.2, 20.0, 55)
    return Dashboard(
        NOW,
        3600,
        alerts,
        days,
        ranks(),
        figures,
        health,
        series,
        sources=(SourceCount("rule", 120), SourceCount("manual", 41), SourceCount("alarm", 9)),
        close_times=(
            CategoryTimes("elevator_fault", 30, 1.5, 3.2, 0.93),
            CategoryTimes("sanitation", 60, 20.0, 44.0, 0.8),
            CategoryTimes("electrical_safety", 12, 6.0, None, 1.0),
        ),
        faults=tuple(
            DeviceFaults(f"EL-{i:04d}", f"{i}号楼电梯", "阳光小区", 12 - i) for i in range(1, 6)
        ),
        sensors=(SensorChoice("AF-1102", "配电箱 1102", 4), SensorChoice("AF-1103", "", 0)),
    )
