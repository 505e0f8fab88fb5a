"""报警联动's evidence: when an alarm pops its camera up on the wall, the console
keeps a clip of that camera (``video/alarm_clip_seconds``, 30 by default, 0 for
none), remuxed as it came, and takes it into the evidence store linked to the
alarm's work order when it has one.

The clip is the console's own doing, whoever is signed in: it is taken in
through ``services.evidence.intake`` (the custody log names the user and this
console; the file's name names the alarm and the camera), not through the
officers' rights of ``EvidenceService``."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject

from console import settings as keys
from console.jobs import Jobs
from services.alarms.queue import AlarmQueue
from services.db.store import Store
from services.domain import Principal, QueuedAlarm
from services.evidence.intake import IntakeReport, IntakeRequest, take_in
from services.evidence.service import EvidenceService
from services.evidence.vault import Vault
from widgets.video.recorder import ClipRecorder

log = logging.getLogger(__name__)


class AlarmClips(QObject):
    def __init__(
        self,
        store: Store,
        principal: Principal,
        jobs: Jobs,
        notify: Callable[[str], None],
        console: str,
        vault: Vault | None = None,
    ) -> None:
        super().__init__()
        self.store, self.principal, self.jobs, self.notify = store, principal, jobs, notify
        self.console = console
        self.vault = vault or Vault()
        self.folder = Path(tempfile.mkdtemp(prefix="youyi-clips-"))
        self.recording: dict[int, ClipRecorder] = {}  # alarm id -> its clip being made
        self.kept: list[IntakeReport] = []

    def seconds(self) -> int:
        return keys.alarm_clip_seconds()

    def record(self, camera_id: str, url: str, alarm: QueuedAlarm) -> bool:
        """Start the alarm's clip of the camera; False when clips are off or one
        is being made for it already."""
        seconds = self.seconds()
        if seconds <= 0 or alarm.id in self.recording:
            return False
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        dst = self.folder / f"alarm-{alarm.id}-{camera_id}-{stamp}.mp4"
        recorder = ClipRecorder(url, dst, seconds, parent=self)
        recorder.finished.connect(lambda path, why: self._finished(alarm, path, why))
        self.recording[alarm.id] = recorder
        return recorder.start()

    def _finished(self, alarm: QueuedAlarm, path: Path | None, why: str) -> None:
        self.recording.pop(alarm.id, None)
        if path is None:
            log.warning("no clip for alarm %d: %s", alarm.id, why)
            self.notify(self.tr("No clip for the alarm: %1").replace("%1", why))
            return
        actor = self.principal.actor(self.console)

        principal = self.principal

        def keep() -> IntakeReport:
            order = None  # the alarm's order as it is now (raised since the popup, maybe)
            now, _gone = AlarmQueue(self.store).changes(principal, [alarm.id])
            order_id = now[0].work_order_id if now else alarm.work_order_id
            if order_id:
                numbers = EvidenceService(self.store, self.vault).order_numbers([order_id])
                order = numbers.get(order_id)
            request = IntakeRequest([path], order=order)
            try:
                return take_in(self.store, self.vault, request, actor, _now)
            finally:
                path.unlink(missing_ok=True)

        self.jobs.submit(keep, self._kept, self._failed)

    def _kept(self, report: IntakeReport) -> None:
        self.kept.append(report)
        for refused in report.refused:
            self.notify(self.tr("Clip not kept: %1").replace("%1", refused.reason))

    def _failed(self, exc: BaseException) -> None:
        log.error("an alarm clip was not kept", exc_info=exc)
        self.notify(self.tr("Clip not kept: %1").replace("%1", str(exc)))

    def close(self) -> None:
        """Stop clips being made (what was written is finalised and left in the
        temporary folder); the folder goes when nothing is being written to it."""
        busy = bool(self.recording)
        for recorder in list(self.recording.values()):
            recorder.stop()
        if not busy:
            shutil.rmtree(self.folder, ignore_errors=True)


def _now() -> datetime:
    return datetime.now(UTC)
