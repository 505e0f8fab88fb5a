"""Time limits per category and urgency, read from ``resources/deadlines.csv``."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from services.domain import Category, DeadlineStage, Priority
from services.errors import ConfigError
from services.resources import resource
from services.workflow.calendar import WorkingCalendar

NEAR_DUE_FRACTION = 0.8
_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(min|h|wh|wd)\s*$")


@dataclass(frozen=True)
class Limit:
    amount: float
    unit: str  # min | h | wh | wd

    @classmethod
    def parse(cls, text: str) -> Limit:
        m = _LIMIT.match(text)
        if not m or float(m.group(1)) <= 0:
            raise ValueError(f"bad time limit {text!r} (e.g. '30 min', '4 h', '2 wh', '3 wd')")
        return cls(float(m.group(1)), m.group(2))

    def __str__(self) -> str:
        return f"{self.amount:g} {self.unit}"


@dataclass(frozen=True)
class Deadline:
    due_at: datetime
    near_due_at: datetime


class DeadlineTable:
    def __init__(
        self,
        limits: dict[tuple[Category, Priority, DeadlineStage], Limit],
        calendar: WorkingCalendar,
    ) -> None:
        self.limits = limits
        self.calendar = calendar

    @classmethod
    def load(
        cls, path: Path | None = None, calendar: WorkingCalendar | None = None
    ) -> DeadlineTable:
        path = path or resource("deadlines.csv")
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"deadline table {path}: {exc}") from exc
        return cls(parse_table(text, str(path)), calendar or WorkingCalendar.load())

    def limit(self, category: Category, priority: Priority, stage: DeadlineStage) -> Limit:
        return self.limits[(category, priority, stage)]

    def deadline(
        self, category: Category, priority: Priority, stage: DeadlineStage, start: datetime
    ) -> Deadline:
        limit = self.limit(category, priority, stage)
        return Deadline(
            due_at=self.add(start, limit.amount, limit.unit),
            near_due_at=self.add(start, limit.amount * NEAR_DUE_FRACTION, limit.unit),
        )

    def add(self, start: datetime, amount: float, unit: str) -> datetime:
        if unit == "min":
            return start + timedelta(minutes=amount)
        if unit == "h":
            return start + timedelta(hours=amount)
        per_unit = 60.0 if unit == "wh" else self.calendar.hours_per_day * 60
        return self.calendar.add_working_minutes(start, amount * per_unit)


def parse_table(
    text: str, where: str = "deadlines.csv"
) -> dict[tuple[Category, Priority, DeadlineStage], Limit]:
    """Parse the CSV; every category × priority must be there exactly once."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    limits: dict[tuple[Category, Priority, DeadlineStage], Limit] = {}
    for lineno, row in enumerate(reader, start=2):
        try:
            cat, pri = Category(row["category"].strip()), Priority(row["priority"].strip())
            if any((cat, pri, s) in limits for s in DeadlineStage):
                raise ValueError(f"{cat.value}/{pri.value} given twice")
            for stage in DeadlineStage:
                limits[(cat, pri, stage)] = Limit.parse(row[stage.value] or "")
        except (KeyError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{where}, data row {lineno - 1}: {exc}") from exc
    missing = [
        f"{c.value}/{p.value}"
        for c in Category
        for p in Priority
        if (c, p, DeadlineStage.HANDLE) not in limits
    ]
    if missing:
        raise ConfigError(f"{where}: no time limits for {', '.join(missing)}")
    return limits
