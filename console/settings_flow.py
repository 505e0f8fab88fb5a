"""The Settings dialog's round trip (menu 视图 › 设置…, Ctrl+,): the workstation's
settings read, shown, saved, and applied where they can be while running.

The language switches at once (as the Language menu does); the wall, when someone is
signed in and it is made, takes the default layout and the tour's pace at once and
gives the new player options to the players it makes from then on. Without anyone
signed in the dialog shows the language, the players and the connection."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from console import settings as keys
from widgets.settings_dialog import SettingsDialog, WorkstationSettings

if TYPE_CHECKING:
    from console.main_window import MainWindow
    from console.video_controller import VideoController

log = logging.getLogger(__name__)


def open_settings(window: MainWindow) -> WorkstationSettings | None:
    """Ask with the dialog (modal); what it answers is saved and applied. The
    answer, or None when cancelled."""
    video = _video(window)
    wall = video.wall_settings() if video is not None else None
    layouts, layout, tour = wall if wall is not None else ([], "", keys.tour_seconds())
    current = WorkstationSettings(shown_language(window), keys.player_options(), layout, tour)
    database, broker = connection(window)
    dialog = SettingsDialog(
        current,
        languages=[(code, a.text()) for code, a in window.language_actions.items()],
        layouts=layouts,
        database=database,
        broker=broker,
        parent=window,
    )
    dialog.exec()
    chosen = dialog.answer()
    dialog.deleteLater()
    if chosen is not None:
        apply(window, video, current, chosen)
    return chosen


def apply(
    window: MainWindow,
    video: VideoController | None,
    current: WorkstationSettings,
    chosen: WorkstationSettings,
) -> None:
    s = keys.settings()
    keys.save_player_options(chosen.player)
    if chosen.wall_layout:
        s.setValue(keys.VIDEO_LAYOUT, chosen.wall_layout)
        s.setValue(keys.VIDEO_TOUR_S, chosen.tour_seconds)
    s.sync()
    if video is not None and chosen.wall_layout:
        video.apply_settings(chosen.wall_layout, chosen.tour_seconds, chosen.player)
    if chosen.language != current.language:
        window.mark_language(chosen.language)
        window.language_chosen.emit(chosen.language)  # switched and saved as from the menu
    log.info("settings saved (language %s)", chosen.language)


def shown_language(window: MainWindow) -> str:
    """The language the console shows now (checked in the Language menu)."""
    for code, action in window.language_actions.items():
        if action.isChecked():
            return code
    return keys.language()


def connection(window: MainWindow) -> tuple[str, str]:
    """Where this console connects: the database's URL and the broker's, without
    their passwords (the dialog hides them again)."""
    session: Any = window.session
    store = getattr(session, "store", None)
    database = (
        str(store.url.render_as_string(hide_password=True)) if store is not None else ""
    ) or window.db_label
    status: Any = window.broker_status
    bus = getattr(status, "bus", None)
    if bus is not None:
        b = bus.settings
        user = f"{b.username}@" if b.username else ""
        broker = f"{'mqtts' if b.tls else 'mqtt'}://{user}{b.host}:{b.port}"
    elif getattr(status, "where", "") == "direct":
        broker = QCoreApplication.translate("SettingsFlow", "none (the demo's direct feed)")
    else:
        broker = QCoreApplication.translate(
            "SettingsFlow", "none (the ingest service listens to the broker)"
        )
    return database, broker


def _video(window: MainWindow) -> VideoController | None:
    workspace = getattr(window.session, "workspace", None)
    return workspace.video if workspace is not None else None
