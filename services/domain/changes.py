"""The change feed's record: a row changed, read it again."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    """What the change feed tells other consoles: a row changed, read it again."""

    table: str
    id: int
    version: int
    state: str
    console: str
    number: str = ""
