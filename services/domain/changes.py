"""The change feed's record: rows changed, read them again."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    """What the change feed tells other consoles: a row changed, read it again.

    A batch (``state == "batch"``: an ingest batch, a hold timer's round) names
    the rows it changed in ``ids``; a batch with no ``ids`` (too many to say)
    means "reload the table"."""

    table: str
    id: int
    version: int
    state: str
    console: str
    number: str = ""
    ids: tuple[int, ...] = ()

    @property
    def rows(self) -> tuple[int, ...] | None:
        """The ids of the rows changed, or None when only a reload will do."""
        if self.ids:
            return self.ids
        if self.state != "batch" and self.id:
            return (self.id,)
        return None
