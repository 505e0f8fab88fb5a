"""The Settings dialog in the console: 视图 › 设置… opens it, what it answers is saved
and read back, and applied while running (language, the wall's tour and layout,
the options of the next players)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from console import settings as keys
from console.app import build_window, create_app
from console.main_window import MainWindow
from console.session import Session
from services.bus import BrokerSettings
from services.db.store import Store
from tests.support.gui import signed_in
from widgets.settings_dialog import SettingsDialog
from widgets.video.player import PlayerOptions

Answer = Callable[[SettingsDialog], None]


def answering(
    monkeypatch: pytest.MonkeyPatch, edit: Answer, ok: bool = True
) -> list[SettingsDialog]:
    """The dialog's exec: ``edit`` fills it in as an operator would, then OK (or Cancel)
    is clicked; the dialogs opened are kept to look at."""
    opened: list[SettingsDialog] = []

    def run(self: SettingsDialog) -> int:
        opened.append(self)
        edit(self)
        box = self.findChild(QDialogButtonBox)
        assert box is not None
        which = QDialogButtonBox.StandardButton.Ok if ok else QDialogButtonBox.StandardButton.Cancel
        box.button(which).click()
        return self.result()

    monkeypatch.setattr(SettingsDialog, "exec", run)
    return opened


def window_alone(qtbot: QtBot) -> MainWindow:
    """The console's window in Chinese, nobody signed in."""
    window, _ = build_window(create_app(), "SQLite · /tmp/youyi.db", "zh_CN")
    qtbot.addWidget(window)
    return window


def test_without_anyone_signed_in_language_and_players_are_saved_and_applied(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def edit(dialog: SettingsDialog) -> None:
        assert not dialog.wall_group.isVisibleTo(dialog)  # no wall without a workspace
        assert dialog.database_line.text() == "SQLite · /tmp/youyi.db"
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        dialog.caching_spin.setValue(1200)
        dialog.audio_check.setChecked(True)
        dialog.stall_spin.setValue(9)
        dialog.render_box.setCurrentIndex(dialog.render_box.findData("callbacks"))

    opened = answering(monkeypatch, edit)
    window = window_alone(qtbot)
    assert window.view_menu.title() == "视图(&V)"
    action = window.settings_action
    assert action.objectName() == "settingsAction" and action in window.view_menu.actions()
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    assert len(opened) == 1 and opened[0].parent() is window
    qtbot.waitUntil(lambda: window.view_menu.title() == "&View")  # live, as from the menu
    assert window.language_actions["en"].isChecked() and keys.language() == "en"
    assert keys.player_options() == PlayerOptions(
        network_caching_ms=1200, audio=True, stall_seconds=9.0, render="callbacks"
    )
    assert keys.settings().value(keys.VIDEO_TOUR_S) is None  # no wall: its keys untouched


def test_cancel_saves_and_changes_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    def edit(dialog: SettingsDialog) -> None:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        dialog.caching_spin.setValue(1200)

    opened = answering(monkeypatch, edit, ok=False)
    window = window_alone(qtbot)
    window.settings_action.trigger()
    assert len(opened) == 1
    assert window.view_menu.title() == "视图(&V)" and window.language_actions["zh_CN"].isChecked()
    assert keys.settings().value(keys.VIDEO_NETWORK_CACHING_MS) is None
    assert keys.player_options() == PlayerOptions()


def test_the_connection_is_shown_without_passwords(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def edit(dialog: SettingsDialog) -> None:
        shown.extend([dialog.database_line.text(), dialog.broker_line.text()])

    answering(monkeypatch, edit, ok=False)
    window = window_alone(qtbot)
    url = make_url("postgresql+psycopg://op:s3cret@db.lan:5432/youyi")
    window.session = SimpleNamespace(store=SimpleNamespace(url=url), workspace=None)
    bus = SimpleNamespace(settings=BrokerSettings.from_url("mqtts://ingest:hunter2@mq.lan:8883"))
    window.broker_status = SimpleNamespace(bus=bus, where="", refresh=lambda: None)
    window.settings_action.trigger()
    assert shown == ["postgresql+psycopg://op:***@db.lan:5432/youyi", "mqtts://ingest@mq.lan:8883"]


def test_the_wall_takes_its_layout_and_tour_at_once_and_players_from_then_on(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def edit(dialog: SettingsDialog) -> None:
        assert dialog.wall_group.isVisibleTo(dialog)
        assert dialog.layout_box.currentData() == "4" and dialog.tour_spin.value() == 30
        assert dialog.database_line.text() == demo_store.url.render_as_string()
        dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("9"))
        dialog.tour_spin.setValue(90)
        dialog.caching_spin.setValue(700)

    opened = answering(monkeypatch, edit)
    window, _ = build_window(create_app(), demo_store.label, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    session = Session(window, demo_store, "zh_CN")
    window.session = session
    ws = signed_in(qtbot, session, "operator")
    qtbot.waitUntil(lambda: ws.video.wall is not None and ws.video.wall.has_cameras, timeout=10000)
    wall = ws.video.wall
    assert wall is not None and wall.layout_name == "4"
    window.settings_action.trigger()
    assert len(opened) == 1
    assert wall.layout_name == "9" and wall.bar.interval.value() == 90
    assert wall.tour.timer.interval() == 90_000
    caching = [t.player.options.network_caching_ms if t.player else None for t in wall.tiles()]
    assert caching == [300] * 4 + [700] * 5  # new players take them; the others keep theirs
    s = keys.settings()
    assert (s.value(keys.VIDEO_LAYOUT), keys.tour_seconds()) == ("9", 90)
    assert keys.player_options().network_caching_ms == 700
    assert window.view_menu.title() == "视图(&V)"  # the language was left as it was
    session.close()


def test_player_options_read_back_from_the_file_and_broken_values_keep_their_default() -> None:
    s = keys.settings()
    s.setValue(keys.VIDEO_RTSP_TCP, False)
    s.setValue(keys.VIDEO_NETWORK_CACHING_MS, "lots")
    s.setValue(keys.VIDEO_STALL_S, "7.5")
    s.setValue(keys.VIDEO_RENDER, "holographic")
    s.sync()
    assert keys.player_options() == PlayerOptions(rtsp_tcp=False, stall_seconds=7.5)
    keys.save_player_options(PlayerOptions(audio=True, render="native"))
    assert keys.player_options() == PlayerOptions(audio=True, render="native")
