"""The working calendar: working days, working hours, holidays and 调休."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.district.timezone import DEFAULT_ZONE
from services.errors import ConfigError
from services.resources import resource

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SEARCH_DAYS = 800  # no calendar has two years without a working day


@dataclass(frozen=True)
class WorkingCalendar:
    tz: ZoneInfo
    workdays: frozenset[int]  # 0 = Monday
    periods: tuple[tuple[time, time], ...]
    holidays: frozenset[date]
    extra_workdays: frozenset[date]

    @classmethod
    def load(cls, path: Path | None = None) -> WorkingCalendar:
        path = path or resource("calendar.toml")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls.from_dict(data)
        except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"working calendar {path}: {exc}") from exc

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> WorkingCalendar:
        try:
            tz = ZoneInfo(str(data.get("timezone", DEFAULT_ZONE)))
        except ZoneInfoNotFoundError as exc:
            raise ValueError(f"unknown time zone {data.get('timezone')!r}") from exc
        days = [str(d).lower()[:3] for d in _list(data, "workdays")]
        unknown = [d for d in days if d not in _DAY_NAMES]
        if unknown:
            raise ValueError(f"unknown weekday names {unknown}")
        periods = tuple(_period(str(p)) for p in _list(data, "hours"))
        if not periods:
            raise ValueError("no working hours given")
        return cls(
            tz=tz,
            workdays=frozenset(_DAY_NAMES.index(d) for d in days),
            periods=tuple(sorted(periods)),
            holidays=frozenset(date.fromisoformat(str(d)) for d in _list(data, "holidays")),
            extra_workdays=frozenset(
                date.fromisoformat(str(d)) for d in _list(data, "extra_workdays")
            ),
        )

    @property
    def hours_per_day(self) -> float:
        return sum(_minutes(a, b) for a, b in self.periods) / 60

    def is_workday(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() in self.workdays and day not in self.holidays

    def add_working_minutes(self, start: datetime, minutes: float) -> datetime:
        """The moment ``minutes`` of working time after ``start`` (aware in, aware out)."""
        remaining = timedelta(minutes=minutes)
        cursor = start.astimezone(self.tz)
        day = cursor.date()
        for _ in range(_SEARCH_DAYS):
            if self.is_workday(day):
                for begin, end in self.periods:
                    p_start = datetime.combine(day, begin, self.tz)
                    p_end = datetime.combine(day, end, self.tz)
                    if cursor >= p_end:
                        continue
                    s = max(cursor, p_start)
                    if remaining <= p_end - s:
                        return (s + remaining).astimezone(start.tzinfo)
                    remaining -= p_end - s
                    cursor = p_end
            day += timedelta(days=1)
            cursor = datetime.combine(day, time(0), self.tz)
        raise ConfigError("working calendar has no working time in the next two years")


def _list(data: dict[str, object], key: str) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{key} must be a list")
    return value


def _period(text: str) -> tuple[time, time]:
    begin, _, end = text.partition("-")
    a, b = time.fromisoformat(begin.strip()), time.fromisoformat(end.strip())
    if a >= b:
        raise ValueError(f"working period {text!r} ends before it begins")
    return a, b


def _minutes(a: time, b: time) -> float:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)
