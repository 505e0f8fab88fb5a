"""The demo's live traffic: its own broker, the ingest service and the simulator.

``youyi-console`` with no arguments runs this beside the window, so that the
demo shows alerts arriving with no set-up at all:

- a Mosquitto of its own on a free loopback port (``services.simulation.local_broker``),
  the ingest service subscribed to it, and the simulator publishing the demo
  district's traffic to it, paced in real time — MQTT as in a control room;
- where no Mosquitto is installed (a fresh Windows PC), no broker: the
  simulator's messages are parsed and handed straight to the ingest writer.

Everything runs on its own threads; ``stop()`` ends them within a few seconds
and never waits on the GUI thread for long.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from services.bus import BrokerSettings
from services.db.store import Store
from services.ingest.service import IngestService
from services.simulation.fleet import devices_from_store
from services.simulation.local_broker import LocalMosquitto, mosquitto_binary
from services.simulation.simulator import SimConfig, SimMessage, Simulator

log = logging.getLogger(__name__)

SITE = "youyi"
#: A lively but workable shift: a few messages a second, an incident every few
#: seconds across the district, a power dip now and then.
DEMO_CONFIG = SimConfig(rate=6.0, incident_share=0.05, burst_every_s=1800.0, malformed_share=0.005)
RUN_FOR_S = 7 * 24 * 3600.0  # the simulation's horizon: longer than any demo


@dataclass(frozen=True)
class DemoMode:
    broker_url: str | None  # None: the direct feed (no Mosquitto here)

    @property
    def description(self) -> str:
        return f"own Mosquitto at {self.broker_url}" if self.broker_url else "direct feed"


class DemoRuntime:
    def __init__(
        self,
        store: Store,
        *,
        folder: Path | None = None,
        use_broker: bool | None = None,
        config: SimConfig = DEMO_CONFIG,
        seed: int | None = None,
    ) -> None:
        self.store = store
        self._own_folder = folder is None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="youyi-demo-"))
        self.use_broker = mosquitto_binary() is not None if use_broker is None else use_broker
        self.config = config
        self.seed = seed if seed is not None else int(time.time())
        self.broker: LocalMosquitto | None = None
        self.ingest: IngestService | None = None
        self.published = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> DemoMode:
        devices = devices_from_store(self.store)
        sim = Simulator(
            devices, start=datetime.now(UTC), site=SITE, seed=self.seed, config=self.config
        )
        if self.use_broker:
            self.broker = LocalMosquitto(self.folder / "mosquitto")
            self.broker.start()
            settings = BrokerSettings.from_url(self.broker.url, client_id="youyi-demo-ingest")
            self.ingest = IngestService(
                self.store, settings, SITE, spool_path=self.folder / "spool.jsonl"
            )
            self.ingest.start()
            assert self.ingest.pipeline is not None
            self.ingest.pipeline.bus.wait_subscribed(15)
            target = self._publish
        else:
            self.ingest = IngestService(self.store, None, SITE, console="youyi-demo")
            self.ingest.start()
            target = self._feed
        self._thread = threading.Thread(target=target, args=(sim,), name="demo-sim", daemon=True)
        self._thread.start()
        mode = DemoMode(self.broker.url if self.broker else None)
        log.info("demo traffic: %d devices, %s", len(devices), mode.description)
        return mode

    def _paced(self, sim: Simulator) -> Iterator[SimMessage]:
        """The simulator's messages at their simulated times, until stopped."""
        began = time.monotonic()
        for m in sim.messages(RUN_FOR_S):
            delay = (m.at - sim.start).total_seconds() - (time.monotonic() - began)
            if delay > 0 and self._stop.wait(delay):
                return
            if self._stop.is_set():
                return
            yield m

    def _publish(self, sim: Simulator) -> None:
        from services.simulation.publisher import SimPublisher

        assert self.broker is not None
        publisher = SimPublisher(BrokerSettings.from_url(self.broker.url, client_id="youyi-demo"))
        try:
            publisher.connect()
            publisher.publish(self._counted(sim), paced=False)
        except Exception:
            log.exception("demo simulator stopped")
        finally:
            publisher.close()

    def _feed(self, sim: Simulator) -> None:
        from services.alerts.parse import parse

        assert self.ingest is not None
        for m in self._counted(sim):
            try:
                self.ingest.feed([parse(m.topic, m.payload, datetime.now(UTC))])
            except Exception:
                log.exception("demo feed: message on %s not stored", m.topic)

    def _counted(self, sim: Simulator) -> Iterator[SimMessage]:
        for m in self._paced(sim):
            self.published += 1
            yield m

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self.ingest is not None:
            self.ingest.stop()
        if self.broker is not None:
            self.broker.close()
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
