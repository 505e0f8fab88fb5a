"""Time buckets that are local days (or hours, or minutes) of the district's zone, counted
in SQL on both backends.

A bucket's index is ``(epoch(t) - origin) // width`` over a stretch of the range
where the zone's UTC offset does not change; a range across a change of offset
(daylight saving, elsewhere) is counted stretch by stretch, so days stay local
days without a calendar table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import Integer, cast, func
from sqlalchemy.sql.elements import ColumnElement

from services.district.timezone import district_tz

Bucket = Literal["minute", "hour", "day"]
WIDTH = {"minute": 60, "hour": 3600, "day": 86400}
MAX_BUCKETS = 20_000


def local_midnight(day: date) -> datetime:
    """The start of a local day, in UTC."""
    return datetime.combine(day, time(0), tzinfo=district_tz()).astimezone(UTC)


def day_range(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """``[since, until)`` covering the local days ``date_from`` … ``date_to``."""
    return local_midnight(date_from), local_midnight(date_to + timedelta(days=1))


def local_day(at: datetime) -> date:
    return at.astimezone(district_tz()).date()


def edges(since: datetime, until: datetime, bucket: Bucket) -> list[datetime]:
    """Bucket starts from the one holding ``since`` up to ``until`` (UTC)."""
    zone, out = district_tz(), []
    if bucket == "day":
        day = since.astimezone(zone).date()
        while (start := local_midnight(day)) < until:
            out.append(start)
            day += timedelta(days=1)
    else:  # hours and minutes: the zone's offsets are whole hours
        start = since.astimezone(UTC).replace(second=0, microsecond=0)
        if bucket == "hour":
            start = start.replace(minute=0)
        step = timedelta(seconds=WIDTH[bucket])
        while start < until:
            out.append(start)
            start += step
    if len(out) > MAX_BUCKETS:
        raise ValueError(f"{len(out)} {bucket} buckets: more than {MAX_BUCKETS}")
    return out


@dataclass(frozen=True)
class Stretch:
    """Consecutive buckets of one width: ``starts[i] = origin + i * width``."""

    starts: tuple[datetime, ...]
    width: int

    @property
    def lo(self) -> datetime:
        return self.starts[0]

    @property
    def hi(self) -> datetime:
        return self.starts[-1] + timedelta(seconds=self.width)


def stretches(starts: Sequence[datetime], bucket: Bucket) -> Iterator[Stretch]:
    """Split bucket starts where they stop being evenly spaced."""
    width = WIDTH[bucket]
    run: list[datetime] = []
    for start in starts:
        if run and (start - run[-1]).total_seconds() != width:
            yield Stretch(tuple(run), width)
            run = []
        run.append(start)
    if run:
        yield Stretch(tuple(run), width)


def epoch(col: Any, dialect: str) -> ColumnElement[Any]:
    """Seconds since the epoch of a UTC time column."""
    if dialect == "postgresql":
        return func.extract("epoch", col)
    return cast(func.strftime("%s", col), Integer)


def bucket_index(col: Any, origin: datetime, width: float, dialect: str) -> ColumnElement[Any]:
    """The bucket of ``col`` counted from ``origin`` (rows at or after ``origin``)."""
    offset = epoch(col, dialect) - origin.timestamp()
    if dialect == "postgresql":
        return cast(func.floor(offset / width), Integer)
    return cast(offset / width, Integer)  # non-negative: truncation is floor
