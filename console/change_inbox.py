"""What the change feed said, gathered until a controller reads it (any thread
adds, the GUI thread takes): the rows named, each with the newest version a
notice gave for it (0: not said), or "everything" when a notice named none."""

from __future__ import annotations

import threading

from services.domain import Change


class ChangeInbox:
    def __init__(self, tables: frozenset[str]) -> None:
        self.tables = tables | {"*"}  # "*": the feed's resync after a reconnect
        self._lock = threading.Lock()
        self._rows: dict[int, int] = {}
        self._everything = False

    def add(self, change: Change) -> bool:
        """Keep what ``change`` says, if it is about these tables (any thread)."""
        if change.table not in self.tables:
            return False
        rows = change.rows
        with self._lock:
            if rows is None:
                self._everything = True
            else:
                for row in rows:
                    said = change.version if row == change.id else 0
                    known = self._rows.get(row)
                    self._rows[row] = 0 if not said or known == 0 else max(said, known or 0)
        return True

    def everything(self) -> None:
        """Ask for a whole read (a start, a poll, a failure)."""
        with self._lock:
            self._everything = True

    def waiting(self) -> bool:
        with self._lock:
            return self._everything or bool(self._rows)

    def take(self) -> tuple[bool, dict[int, int]]:
        """What has gathered since the last take: (everything, row -> version)."""
        with self._lock:
            taken = self._everything, self._rows
            self._everything, self._rows = False, {}
            return taken
