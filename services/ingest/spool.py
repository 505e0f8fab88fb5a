"""A local journal for messages that could not be written to the database.

When the database is unreachable, ingestion appends the raw messages here
(fsync'd) before acknowledging them to the broker, and replays the journal
when the database is back.  A crash during replay replays again: the store's
event keys make that harmless.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from services.bus import Inbound

log = logging.getLogger(__name__)


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    @property
    def pending(self) -> bool:
        return self.size > 0

    @property
    def size(self) -> int:
        """Bytes waiting in the journal."""
        try:
            return self.path.stat().st_size if self.path.is_file() else 0
        except OSError:
            return 0

    def append(self, messages: Sequence[Inbound]) -> None:
        """Durably keep ``messages`` (written and fsync'd when this returns)."""
        lines = "".join(
            json.dumps(
                {
                    "t": m.topic,
                    "p": base64.b64encode(m.payload).decode("ascii"),
                    "r": m.received_at.isoformat(),
                }
            )
            + "\n"
            for m in messages
        )
        with self._lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(lines)
            f.flush()
            os.fsync(f.fileno())
        log.info("database unreachable: %d messages kept in %s", len(messages), self.path)

    def batches(self, size: int = 500) -> Iterator[list[Inbound]]:
        """The journal's messages in batches (a torn last line is skipped)."""
        if not self.path.exists():
            return
        batch: list[Inbound] = []
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                try:
                    d = json.loads(line)
                    batch.append(
                        Inbound(
                            d["t"],
                            base64.b64decode(d["p"]),
                            0,
                            0,
                            False,
                            datetime.fromisoformat(d["r"]),
                        )
                    )
                except (ValueError, KeyError):
                    log.warning("skipping a torn line in %s", self.path)
                    continue
                if len(batch) >= size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def clear(self) -> None:
        with self._lock:
            self.path.unlink(missing_ok=True)
