"""``youyi-console --self-test``: does this installation work?  For an installer on a
fresh PC, and for the packaged build's smoke test (build/installer).

Four checks, each timed, one line each (``ok`` or ``FAIL``), on a throwaway SQLite
file in a temporary folder that is removed afterwards:

- database: migrated to the newest schema, the demo district loaded;
- broker: the demo's own Mosquitto with the ingest service subscribed to it, one
  simulated alert published and found stored (on a PC without Mosquitto, the demo's
  direct feed, as the demo itself does there);
- video: a demo clip decoded through libVLC and through PyAV (FFmpeg);
- window: the main window built once and drawn into an image.

Qt runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise.  Exit 0 when every
check passes, 1 otherwise.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import text

from services.db.store import Store

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from services.simulation.simulator import SimMessage
    from widgets.video.player import VideoPlayer

log = logging.getLogger(__name__)

#: How long the stored alert, and the decoded frames, are waited for.
INGEST_WAIT_S = 15.0
DECODE_WAIT_S = 15.0
FRAMES = 3
DEMO_CAMERA = "demo://CAM-001/main"


class CheckFailedError(Exception):
    """A check that ran and found something wrong: its message is the FAIL line's."""


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    seconds: float
    detail: str

    def line(self) -> str:
        return (
            f"{'ok' if self.ok else 'FAIL':<5} {self.name:<9} {self.seconds:5.2f} s  {self.detail}"
        )


def timed(name: str, check: Callable[[], str]) -> Outcome:
    """Run one check; any error is its FAIL line (logged with its traceback)."""
    began = time.monotonic()
    try:
        detail, ok = check(), True
    except CheckFailedError as failure:
        detail, ok = str(failure), False
    except (Exception, SystemExit) as error:  # it reports, it never crashes (python-vlc
        # exits the process when PYTHON_VLC_LIB_PATH does not load)
        log.exception("self-test %s failed", name)
        detail, ok = f"{type(error).__name__}: {error}", False
    return Outcome(name, ok, time.monotonic() - began, " ".join(detail.split()))


class SelfTest:
    """The checks, in order; the database's store is what the broker check uses."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store: Store | None = None

    def database(self) -> str:
        from console.cli.main import seed_demo
        from services.db.migrate import upgrade

        path = self.folder / "self-test.db"
        self.store = Store(f"sqlite:///{path}")
        revision = upgrade(self.store.engine)
        added = seed_demo(self.store)
        with self.store.reading() as conn:
            cells = conn.execute(text("SELECT count(*) FROM grid_cells")).scalar_one()
        if not cells:
            raise CheckFailedError(f"the demo district did not load ({added} rows added)")
        return f"SQLite migrated to {revision} in {path}, demo district loaded ({added} rows)"

    def broker(self) -> str:
        from services.simulation.local_broker import mosquitto_binary

        if self.store is None:
            raise CheckFailedError("not run: the database check failed")
        if mosquitto_binary() is None:
            return self._direct_feed(self.store)
        return self._through_mosquitto(self.store)

    def _through_mosquitto(self, store: Store) -> str:
        from console.demo_runtime import SITE
        from services.bus import BrokerSettings
        from services.ingest.service import IngestService
        from services.simulation.local_broker import LocalMosquitto
        from services.simulation.publisher import SimPublisher

        broker = LocalMosquitto(self.folder / "mosquitto")
        ingest: IngestService | None = None
        try:
            broker.start()
            settings = BrokerSettings.from_url(broker.url, client_id="youyi-self-test-ingest")
            ingest = IngestService(store, settings, SITE, spool_path=self.folder / "spool.jsonl")
            ingest.start()
            assert ingest.pipeline is not None
            if not ingest.pipeline.bus.wait_subscribed(INGEST_WAIT_S):
                raise CheckFailedError(f"the ingest did not subscribe to {broker.url}")
            message = one_alert(store)
            sender = BrokerSettings.from_url(broker.url, client_id="youyi-self-test")
            with SimPublisher(sender, timeout_s=INGEST_WAIT_S) as publisher:
                summary = publisher.publish([message], paced=False)
            if summary.acked != 1:
                raise CheckFailedError(f"{broker.url} did not take the alert on {message.topic}")
            waited = wait_stored(store, message.topic)
            return f"Mosquitto at {broker.url}: alert on {message.topic} stored in {waited:.2f} s"
        finally:
            if ingest is not None:
                ingest.stop()
            broker.close()

    def _direct_feed(self, store: Store) -> str:
        from services.alerts.parse import parse
        from services.ingest.service import IngestService

        ingest = IngestService(store, None, "youyi", console="youyi-self-test")
        try:
            ingest.start()
            message = one_alert(store)
            ingest.feed([parse(message.topic, message.payload, datetime.now(UTC))])
            wait_stored(store, message.topic)
        finally:
            ingest.stop()
        return f"no Mosquitto here: the demo's direct feed stored an alert on {message.topic}"

    def video(self) -> str:
        from widgets.video.backends import resolve_demo
        from widgets.video.vlc_probe import probe_libvlc

        clip = resolve_demo(DEMO_CAMERA)
        if clip is None:
            raise CheckFailedError(f"no demo clip for {DEMO_CAMERA}")
        probe = probe_libvlc()
        results, failed = [], False
        if probe.available:
            try:
                results.append(f"libVLC {probe.version.split()[0]}: {decode(clip, 'vlc')}")
            except CheckFailedError as failure:
                results.append(f"libVLC {probe.version.split()[0]}: {failure}")
                failed = True
        else:
            problem = {"missing": "not found"}.get(probe.problem, "does not work")
            results.append(f"libVLC {problem}: {probe.detail}")
            failed = True
        try:
            results.append(f"PyAV {pyav_version()}: {decode(clip, 'av')}")
        except CheckFailedError as failure:
            results.append(f"PyAV: {failure}")
            failed = True
        summary = f"{'; '.join(results)} ({clip.name})"
        if failed:
            raise CheckFailedError(summary)
        return summary

    def window(self) -> str:
        from widgets.video.vlc_probe import probe_libvlc

        try:
            from console.app import build_window, create_app
        except (Exception, SystemExit) as error:  # the window's modules import python-vlc
            probe = probe_libvlc()
            why = probe.detail if not probe.available else f"{type(error).__name__}: {error}"
            raise CheckFailedError(f"the console's window does not load: {why}") from None
        app = create_app()
        window, _translations = build_window(app, "SQLite · self-test", "en")
        try:
            window.resize(1280, 800)
            image = window.grab().toImage()
            if image.isNull() or image.width() == 0 or image.height() == 0:
                raise CheckFailedError("the main window drew an empty image")
            colours = {
                image.pixel(x, y)
                for x in range(0, image.width(), 8)
                for y in range(0, image.height(), 8)
            }
            if len(colours) < 8:  # nothing but a background: no text, no frames
                raise CheckFailedError("the main window drew a blank image")
            platform = app.platformName()
            return f"main window drawn {image.width()}x{image.height()} ({platform})"
        finally:
            window.deleteLater()
            app.processEvents()

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def one_alert(store: Store) -> SimMessage:
    """One simulated device event (not a camera's heartbeat) of the demo district."""
    from console.demo_runtime import SITE
    from services.simulation.fleet import devices_from_store
    from services.simulation.simulator import SimConfig, Simulator

    config = SimConfig(rate=20.0, incident_share=1.0, malformed_share=0.0, burst_every_s=0.0)
    sim = Simulator(devices_from_store(store), start=datetime.now(UTC), site=SITE, config=config)
    for m in sim.messages(3600.0):
        if m.channel == "event" and m.kind != "camera" and not m.malformed:
            return m
    raise CheckFailedError("the simulator made no alert")


def wait_stored(store: Store, topic: str) -> float:
    """Seconds until the ingest stored an alert of the topic's device (bounded)."""
    device = topic.split("/")[2]
    began = time.monotonic()
    query = text("SELECT count(*) FROM alerts WHERE device_id = :device")
    while time.monotonic() - began < INGEST_WAIT_S:
        with store.reading() as conn:
            if conn.execute(query, {"device": device}).scalar_one():
                return time.monotonic() - began
        time.sleep(0.05)
    raise CheckFailedError(f"the alert on {topic} was not stored within {INGEST_WAIT_S:.0f} s")


def decode(clip: Path, backend: str) -> str:
    """Decode ``FRAMES`` frames of ``clip`` with libVLC (``vlc``, through its video
    callbacks, no window) or PyAV (``av``); their count and size."""
    from console.cli.video import run_until
    from widgets.video import session as video_session
    from widgets.video.player import PlayerOptions

    player: VideoPlayer
    if backend == "vlc":
        from widgets.video.vlc_image import VlcImagePlayer

        player = VlcImagePlayer(DEMO_CAMERA, PlayerOptions(), str(clip), True)
    else:
        from widgets.video.av_player import AvPlayer

        player = AvPlayer(DEMO_CAMERA, PlayerOptions(), str(clip), True)
    try:
        player.play()
        run_until(lambda: player.frames_decoded >= FRAMES, DECODE_WAIT_S)
        count, image = player.frames_decoded, player.current_image()
        state = f"{player.state.value} {player.detail}".strip()
    finally:
        player.close()
        run_until(lambda: video_session.live_sessions() == 0, 10.0)
    if count < FRAMES or image is None or image.isNull():
        raise CheckFailedError(f"{count} of {FRAMES} frames in {DECODE_WAIT_S:.0f} s ({state})")
    return f"{count} frames {image.width()}x{image.height()}"


def pyav_version() -> str:
    try:
        import av
    except Exception as error:  # not installed, or a wheel without its FFmpeg libraries
        raise CheckFailedError(f"not found: {type(error).__name__}: {error}") from None
    return str(av.__version__)


def application() -> QCoreApplication:
    """The QApplication (made here, not by console.app: that imports python-vlc, whose
    failure is the video check's to report)."""
    from PySide6.QtWidgets import QApplication

    from console import settings as keys

    existing = QApplication.instance()
    if existing is not None:
        return existing
    app = QApplication([sys.argv[0]])
    app.setOrganizationName(keys.ORGANIZATION)
    app.setApplicationName(keys.APPLICATION)
    return app


def run_self_test(out: TextIO = sys.stdout) -> int:
    """Run the checks, print a line each and the total; 0 if all passed, else 1."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a display only when asked for
    began = time.monotonic()
    application()
    folder = Path(tempfile.mkdtemp(prefix="youyi-self-test-"))
    test = SelfTest(folder)
    outcomes: list[Outcome] = []
    try:
        for name, check in (
            ("database", test.database),
            ("broker", test.broker),
            ("video", test.video),
            ("window", test.window),
        ):
            outcomes.append(timed(name, check))
            print(outcomes[-1].line(), file=out, flush=True)
    finally:
        test.close()
        shutil.rmtree(folder, ignore_errors=True)
    failed = [o.name for o in outcomes if not o.ok]
    total = time.monotonic() - began
    verdict = f"{len(failed)} failed ({', '.join(failed)})" if failed else "all passed"
    print(f"self-test: {len(outcomes)} checks, {verdict}, {total:.2f} s in all", file=out)
    return 1 if failed else 0
