"""The ingest pipeline: broker → queue → batches → database, acknowledged after.

paho's thread only puts messages on a queue.  One writer thread takes batches
(up to ``batch_max`` messages or ``batch_wait_s``), parses them, writes each
batch in one transaction and only then acknowledges its messages to the broker.
Between batches it runs the service's ``tick`` (the hold timer and upkeep), so
that every change of alarms in this process goes through the one writer.
If the database is unreachable the batch goes to the spool (fsync'd) and is
acknowledged; the spool is replayed first once the database answers again.
A batch the database rolls back to break a deadlock or a serialization
conflict is tried again whole.  A batch that fails for another reason is
retried message by message, and a message that still fails is quarantined
with the error: never lost, never a crash.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from services.alerts.messages import Parsed, Rejected
from services.bus import BrokerSettings, Inbound, MqttBus
from services.errors import DatabaseUnavailableError, TransientConflictError
from services.ingest.spool import Spool
from services.ingest.writer import BatchResult, IngestWriter

log = logging.getLogger(__name__)

#: Tries of a batch the database rolled back (deadlock, serialization failure).
CONFLICT_TRIES = 5

Parse = Callable[[str, bytes, datetime], Parsed]


#: Back-off of a stalled writer: 1 s doubling to a minute.
STALL_FIRST_S, STALL_MAX_S = 1.0, 60.0


@dataclass
class IngestStats:
    received: int = 0
    acked: int = 0
    batches: int = 0
    spooled: int = 0
    replayed: int = 0
    written: BatchResult = field(default_factory=BatchResult)
    database_up: bool = True
    last_commit: datetime | None = None
    #: Why the writer can neither store nor spool (a full disk, a read-only
    #: folder ...): it holds its batch unacknowledged and tries again; None
    #: while it can.  ``stalled_since`` is when that began (monotonic).
    stalled: str | None = None
    stalled_since: float | None = None


@dataclass(frozen=True)
class IngestHealth:
    """What a supervisor, the command line and the console's status bar show."""

    alive: bool  # the writer thread runs
    stalled: str | None  # why it can neither store nor spool, or None
    stalled_for_s: float  # since when (0 while not stalled)
    database_up: bool
    last_commit: datetime | None
    backlog: int  # received, not yet taken by the writer
    spool_bytes: int  # kept while the database is away


class IngestPipeline:
    def __init__(
        self,
        writer: IngestWriter,
        broker: BrokerSettings,
        topics: Sequence[str],
        *,
        parse: Parse,
        spool: Spool,
        batch_max: int = 500,
        batch_wait_s: float = 0.05,
        retry_s: float = 2.0,
        tick: Callable[[], None] | None = None,
    ) -> None:
        self.writer = writer
        self.parse = parse
        self.spool = spool
        self.batch_max = batch_max
        self.batch_wait_s = batch_wait_s
        self.retry_s = retry_s
        self.tick = tick
        self.stats = IngestStats()
        self._queue: queue.Queue[Inbound] = queue.Queue()
        self._stop = threading.Event()
        self._next_try = 0.0
        self.bus = MqttBus(broker, self._queue.put)
        for topic in topics:
            self.bus.subscribe(topic, qos=1)
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)

    def start(self) -> None:
        self.writer.load_devices()
        self._thread.start()
        self.bus.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking messages, write what is queued, disconnect."""
        self.bus.stop()
        self._stop.set()
        self._thread.join(timeout)

    # --- the writer thread ---------------------------------------------------

    @property
    def backlog(self) -> int:
        """Messages received and not yet taken by the writer."""
        return self._queue.qsize()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def health(self) -> IngestHealth:
        """A snapshot, safe to take from any thread."""
        s = self.stats
        since = s.stalled_since
        return IngestHealth(
            alive=self.alive,
            stalled=s.stalled,
            stalled_for_s=time.monotonic() - since if since is not None else 0.0,
            database_up=s.database_up,
            last_commit=s.last_commit,
            backlog=self.backlog,
            spool_bytes=self.spool.size,
        )

    def _run(self) -> None:
        """Take, write, acknowledge, until stopped.  Nothing escapes: a batch that
        can be neither stored nor spooled is held, unacknowledged (the broker
        keeps it, and sends no more than its in-flight window meanwhile), and
        tried again with back-off; stopping then leaves it to the broker."""
        held: list[Inbound] = []
        delay = STALL_FIRST_S
        while not (self._stop.is_set() and (self.stats.stalled or self._queue.empty())):
            try:
                if not held:
                    held = self._take()
                if self.spool.pending and time.monotonic() >= self._next_try:
                    self._replay()
                if held:
                    self._write(held)
                    held = []
                if self.stats.stalled:
                    log.warning("ingest writing again after: %s", self.stats.stalled)
                    self.stats.stalled = self.stats.stalled_since = None
                    delay = STALL_FIRST_S
                if self.tick is not None:
                    self.tick()
            except Exception as exc:  # a full disk, a read-only spool, a bug: never die
                self._stall(exc, len(held))
                self._stop.wait(delay)
                delay = min(delay * 2, STALL_MAX_S)

    def _stall(self, exc: Exception, held: int) -> None:
        reason = f"{type(exc).__name__}: {exc}"
        if self.stats.stalled != reason:  # logged once per cause, not per retry
            log.error(
                "ingest stalled, %d messages held unacknowledged, retrying: %s",
                held,
                reason,
                exc_info=exc,
            )
        if self.stats.stalled_since is None:
            self.stats.stalled_since = time.monotonic()
        self.stats.stalled = reason

    def _take(self) -> list[Inbound]:
        try:
            first = self._queue.get(timeout=self.batch_wait_s)
        except queue.Empty:
            return []
        batch = [first]
        deadline = time.monotonic() + self.batch_wait_s
        while len(batch) < self.batch_max:
            try:
                batch.append(self._queue.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
        self.stats.received += len(batch)
        return batch

    def _write(self, batch: list[Inbound]) -> None:
        if self.spool.pending:  # keep order: nothing new before the journal is written
            self._to_spool(batch)
        else:
            try:
                self._store(batch)
            except DatabaseUnavailableError as exc:
                if self.stats.database_up:  # once per outage, not once per batch
                    log.warning("database unreachable (%s); spooling", exc)
                self.stats.database_up = False
                self._to_spool(batch)
                self._next_try = time.monotonic() + self.retry_s
        for m in batch:
            self.bus.ack(m.mid, m.qos)
        self.stats.acked += len(batch)

    def _store(self, batch: Sequence[Inbound]) -> None:
        parsed = [self.parse(m.topic, m.payload, m.received_at) for m in batch]
        try:
            self.stats.written.add(self._write_whole(parsed))
        except DatabaseUnavailableError:
            raise
        except Exception:
            log.exception("batch of %d failed; writing one by one", len(batch))
            for m, item in zip(batch, parsed, strict=True):
                self.stats.written.add(self._store_one(m, item))
        self.stats.batches += 1
        self.stats.database_up = True
        self.stats.last_commit = datetime.now(UTC)

    def _write_whole(self, items: Sequence[Parsed]) -> BatchResult:
        """Write ``items`` in one transaction; one the database rolled back to
        break a deadlock or a serialization conflict is tried again whole (a few
        times, with back-off, logged once), then left to the spool."""
        for attempt in range(1, CONFLICT_TRIES + 1):
            try:
                return self.writer.write_batch(items)
            except TransientConflictError as exc:
                if attempt == CONFLICT_TRIES:
                    raise DatabaseUnavailableError(
                        f"a batch rolled back {attempt} times in a row ({exc})"
                    ) from exc
                if attempt == 1:
                    log.warning("batch of %d rolled back (%s); trying it again", len(items), exc)
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _store_one(self, message: Inbound, item: Parsed) -> BatchResult:
        try:
            return self._write_whole([item])
        except DatabaseUnavailableError:
            raise
        except Exception as exc:
            reason = f"could not be stored: {type(exc).__name__}: {exc}"
            return self.writer.write_batch(
                [Rejected(message.topic, message.payload, reason, datetime.now(UTC))]
            )

    def _to_spool(self, batch: list[Inbound]) -> None:
        self.spool.append(batch)
        self.stats.spooled += len(batch)
        self.stats.database_up = False

    def _replay(self) -> None:
        try:
            for batch in self.spool.batches(self.batch_max):
                self._store(batch)
                self.stats.replayed += len(batch)
        except DatabaseUnavailableError:
            self._next_try = time.monotonic() + self.retry_s
            return
        self.spool.clear()
        log.info("database back: spool replayed (%d messages so far)", self.stats.replayed)
