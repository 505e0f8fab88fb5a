"""Order numbers people read aloud: ``YY-20261123-0042``.

The sequence is per local day and shared by every console on one database: an
upsert on ``order_counters`` hands out the next number inside the transaction
that inserts the order, so two consoles raising in the same second still get
two numbers, and a rolled-back order gives its number back.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text

_NEXT = text(
    "INSERT INTO order_counters (day, last) VALUES (:day, 1) "
    "ON CONFLICT (day) DO UPDATE SET last = order_counters.last + 1 "
    "RETURNING last"
)


def next_number(conn: Connection, prefix: str, now: datetime, tz: ZoneInfo) -> str:
    day = now.astimezone(tz).strftime("%Y%m%d")
    seq = conn.execute(_NEXT, {"day": day}).scalar_one()
    return format_number(prefix, day, int(seq))


def format_number(prefix: str, day: str, seq: int) -> str:
    return f"{prefix}-{day}-{seq:04d}"
