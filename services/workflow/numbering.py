"""Order numbers people read aloud: ``YY-20261123-0042``.

The sequence is per local day and shared by every console on one database: an
upsert on ``order_counters`` hands out the next number inside the transaction
that inserts the order, so two consoles raising in the same second still get
two numbers, and a rolled-back order gives its number back.  A batch of orders
(the rules of one ingest batch) takes its numbers with one update.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text

_NEXT = text(
    "INSERT INTO order_counters (day, last) VALUES (:day, :n) "
    "ON CONFLICT (day) DO UPDATE SET last = order_counters.last + :n "
    "RETURNING last"
)


def next_numbers(conn: Connection, prefix: str, now: datetime, tz: ZoneInfo, n: int) -> list[str]:
    """``n`` consecutive numbers of ``now``'s local day, with one counter update
    (take them once per transaction: services.db.locks)."""
    if n <= 0:
        return []
    day = now.astimezone(tz).strftime("%Y%m%d")
    last = int(conn.execute(_NEXT, {"day": day, "n": n}).scalar_one())
    return [format_number(prefix, day, seq) for seq in range(last - n + 1, last + 1)]


def format_number(prefix: str, day: str, seq: int) -> str:
    return f"{prefix}-{day}-{seq:04d}"
