"""The ingest service put together: bus, parser, writer, rules, upkeep.

Used by ``youyi-console ingest`` (headless) and by the console itself.  Several
ingest workers may share the topic tree through an MQTT shared subscription
(``$share/GROUP/...``); the store's event keys make that safe.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from services.alarms.rules import RuleEngine, RuleSet
from services.alerts.alert_types import AlertTypes
from services.alerts.messages import Parsed
from services.audit_anchor import Checkpoint, CheckpointFile, Signer, take_checkpoint
from services.bus import BrokerSettings
from services.db.store import Store
from services.district.grids import load_grid_index
from services.domain import Actor
from services.errors import ConfigError, DatabaseUnavailableError
from services.evidence.intake import IntakeRequest, take_in
from services.evidence.vault import Vault
from services.ingest.hold import promote_held
from services.ingest.maintenance import upkeep
from services.ingest.media import MediaFetcher, MediaPolicy
from services.ingest.pipeline import IngestPipeline
from services.ingest.spool import Spool
from services.ingest.workers import REPORT_EVERY_S, WorkerState, report
from services.ingest.writer import BatchResult, IngestWriter, Locate
from services.workflow.orders import WorkOrderService

log = logging.getLogger(__name__)

UPKEEP_EVERY_S = 60.0
HOLD_TICK_S = 1.0
MEDIA_EVERY_S = 5.0  # the files mobile events named: looked for this often


#: A site or shared-group name: one topic level, no wildcards.
_LEVEL = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def topics_for(site: str, shared_group: str | None = None) -> list[str]:
    """The subscription of one site's topic tree (shared among workers of
    ``shared_group``); ConfigError for a name that is not one plain topic level
    (``#``, ``+`` or ``/`` would subscribe to something else, or to nothing)."""
    for what, name in (("site", site), ("shared group", shared_group)):
        if name is not None and not _LEVEL.fullmatch(name):
            raise ConfigError(
                f"{what} {name!r} is not a plain topic level: 1-64 letters, digits, '_', '.' or '-'"
            )
    # The whole tree, not SITE/+/+/+: a message on a topic of another shape is
    # quarantined with its reason rather than never seen.
    pattern = f"{site}/#"
    return [f"$share/{shared_group}/{pattern}" if shared_group else pattern]


def default_spool(client_id: str) -> Path:
    folder = Path(platformdirs.user_data_dir("youyi-console", appauthor=False))
    return folder / "spool" / f"{client_id}.jsonl"


class IngestService:
    """Runs the pipeline and, every second, the hold timer, every minute the upkeep.

    Without a broker (``broker=None``: the demo on a machine with no Mosquitto)
    there is no pipeline; ``feed`` hands parsed messages straight to the writer."""

    def __init__(
        self,
        store: Store,
        broker: BrokerSettings | None,
        site: str,
        *,
        shared_group: str | None = None,
        spool_path: Path | None = None,
        console: str | None = None,
        media_policy: MediaPolicy | None = None,
    ) -> None:
        from services.alerts.parse import parse  # the schemas are heavy: load on use

        self.store = store
        self.console = console or (broker.client_id if broker else "ingest")
        types = AlertTypes.load()
        self.hold = types.hold_s
        self.rules = RuleEngine(RuleSet.load(), WorkOrderService(store))
        self.writer = IngestWriter(
            store,
            latches=types.latches,
            hold=types.hold_s,
            locate=_locator(store),
            on_alarms=self.rules.on_alarms,
            console=self.console,
        )
        self.pipeline = (
            IngestPipeline(
                self.writer,
                broker,
                topics_for(site, shared_group),
                parse=parse,
                spool=Spool(spool_path or default_spool(broker.client_id)),
                tick=self.tick,
            )
            if broker is not None
            else None
        )
        self._stop = threading.Event()
        self._next_hold = 0.0
        self._signer: Signer | None = None  # made on first use, in the upkeep thread
        self._checkpoints = CheckpointFile()
        self._upkeep = threading.Thread(target=self._run_upkeep, name="ingest-upkeep", daemon=True)
        self.media = MediaFetcher(
            store, self._take_in, media_policy or MediaPolicy.from_environment(), _now
        )
        self._vault = Vault()
        self._media = threading.Thread(target=self._run_media, name="ingest-media", daemon=True)

    def start(self) -> None:
        if self.pipeline is not None:
            self.pipeline.start()
        else:
            self.writer.load_devices()
        self._upkeep.start()
        self._media.start()

    def feed(self, items: Sequence[Parsed]) -> BatchResult:
        """Write parsed messages without a broker (one transaction)."""
        return self.writer.write_batch(items)

    def stop(self) -> None:
        self._stop.set()
        if self.pipeline is not None:
            self.pipeline.stop()
        if self._upkeep.is_alive():
            self._upkeep.join(timeout=10)
        if self._media.is_alive():
            self._media.join(timeout=10)

    def _run_upkeep(self) -> None:
        """Every minute the upkeep, every ten seconds this worker's health (and,
        without a pipeline to run it between batches, the hold timer every second)."""
        last_upkeep = time.monotonic()
        last_report = last_upkeep - REPORT_EVERY_S
        while not self._stop.wait(HOLD_TICK_S):
            if self.pipeline is None:
                self.tick()
            elif time.monotonic() - last_report >= REPORT_EVERY_S:
                last_report = time.monotonic()
                self._guarded(self.report_health)
            if time.monotonic() - last_upkeep < UPKEEP_EVERY_S:
                continue
            last_upkeep = time.monotonic()
            self._guarded(lambda: upkeep(self.store, datetime.now(UTC)))
            self._guarded(self.checkpoint)

    def _run_media(self) -> None:
        """Every few seconds, the files mobile events named (services/ingest/media.py):
        on a thread of its own, so that a slow download holds up nothing else."""
        while not self._stop.wait(MEDIA_EVERY_S):
            self._guarded(self.media.run_once)

    def _take_in(self, path: Path, source: str, officer: str | None, alert_id: int) -> int:
        """A fetched file into the evidence store, as this ingest worker."""
        actor = Actor(user="ingest", console=self.console[:64])
        request = IntakeRequest([path], officer=officer)
        (result,) = take_in(self.store, self._vault, request, actor, _now).files
        if result.item_id is None:
            raise ValueError(result.reason or f"{source} was not taken in")
        return result.item_id

    def report_health(self) -> None:
        """Tell the room how this worker is (services/ingest/workers.py)."""
        assert self.pipeline is not None
        h = self.pipeline.health()
        report(
            self.store,
            WorkerState(
                self.console, socket.gethostname(), datetime.now(UTC), h.last_commit, h.backlog,
                h.spool_bytes, h.stalled or (None if h.alive else "the writer thread stopped"),
                h.database_up,
            ),
        )  # fmt: skip

    def checkpoint(self) -> Checkpoint | None:
        """Sign the audit trail's head and keep it on this machine (every minute
        with the upkeep): rows removed or rewritten behind the consoles' backs
        are then found by ``audit verify`` (services/audit_anchor.py)."""
        if self._signer is None:
            self._signer = Signer()
        return take_checkpoint(self.store, self._signer, self._checkpoints)

    def tick(self) -> None:
        """The hold timer, at most every second: on the writer's thread between
        its batches, so that no promotion in this process waits on a batch or
        holds one up."""
        clock = time.monotonic()
        if clock >= self._next_hold:
            self._next_hold = clock + HOLD_TICK_S
            self._guarded(
                lambda: promote_held(
                    self.store, datetime.now(UTC), self.hold, self.rules.on_alarms, self.console
                )
            )

    def _guarded(self, work: Callable[[], object]) -> None:
        """Run the hold timer, the upkeep or a round of media fetches; a failure is
        logged and tried again."""
        try:
            work()
        except DatabaseUnavailableError as exc:
            log.info("hold timer and upkeep wait for the database: %s", exc)
        except Exception:
            log.exception("hold timer or upkeep failed; trying again")


def _now() -> datetime:
    return datetime.now(UTC)


def _locator(store: Store) -> Locate | None:
    """Grid cell of a point (mobile sources), from the district the store holds."""
    try:
        with store.reading() as conn:
            index = load_grid_index(conn)
    except (ConfigError, DatabaseUnavailableError) as exc:
        log.warning("mobile alerts are not placed by their position: %s", exc)
        return None

    def locate(lon: float, lat: float) -> str | None:
        found = index.find(lon, lat)
        return found.grid_code if found else None

    return locate
