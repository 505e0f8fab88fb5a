"""The alert tone: a short chime for new major and critical alarms.

At most one tone a second however many alarms arrive, nothing while muted.
The chime is ``resources/sounds/alert.wav`` (made by build/make_alert_tone.py),
played with Qt Multimedia's ``QSoundEffect`` where PySide6 has it (the
PySide6-Addons wheel); without it, or when it fails, the system beep.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from services.resources import resource

log = logging.getLogger(__name__)

TONE_GAP_S = 1.0  # at most one tone a second
TONE_SEVERITY = 3  # major and critical alarms sound
DEFAULT_SOUND = resource("sounds", "alert.wav")


class AlertTone(QObject):
    def __init__(
        self,
        sound: Path | None = DEFAULT_SOUND,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sound, self.clock = sound, clock
        self.muted = False
        self.requested = 0  # alarms that asked for a tone
        self.played = 0  # tones sounded (or beeped)
        self._last: float | None = None
        self._effect: Any = None  # QSoundEffect once loaded; False: none to be had

    def alarms_arrived(self, severities: list[int]) -> bool:
        """New alarms arrived: one tone if any is major or worse (and allowed now)."""
        loud = sum(s >= TONE_SEVERITY for s in severities)
        if not loud:
            return False
        self.requested += loud
        now = self.clock()
        if self.muted or (self._last is not None and now - self._last < TONE_GAP_S):
            return False
        self._last = now
        self.played += 1
        self._play()
        return True

    def _play(self) -> None:
        effect = self._load()
        if effect:
            effect.play()
        else:
            QApplication.beep()

    def _load(self) -> Any:
        if self._effect is None:
            self._effect = False
            if self.sound is not None and self.sound.is_file():
                try:
                    from PySide6.QtMultimedia import QSoundEffect  # PySide6-Addons
                except ImportError:
                    log.info("Qt Multimedia not installed: the alert tone is the system beep")
                else:
                    effect = QSoundEffect(self)
                    effect.setSource(QUrl.fromLocalFile(str(self.sound)))
                    effect.setVolume(0.8)
                    self._effect = effect
        if self._effect and self._effect.status() == self._effect.Status.Error:
            log.warning("alert tone %s not playable; using the system beep", self.sound)
            self._effect = False
        return self._effect
