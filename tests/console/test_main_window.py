"""The main window: Chinese by default, English on request, layout kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console import settings as keys
from console.app import build_window
from console.i18n import Translations
from console.main_window import MainWindow, screen_arrangement
from widgets.about_dialog import AboutDialog

LABEL = "SQLite · /tmp/youyi.db"


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[[], MainWindow]]:
    """Build windows as the console does; their translators go at teardown."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    made: list[Translations] = []

    def make() -> MainWindow:
        window, translations = build_window(app, LABEL)
        made.append(translations)
        qtbot.addWidget(window)
        return window

    yield make
    for translations in made:
        translations.remove()


def _titles(window: MainWindow) -> list[str]:
    return [window.docks[n].windowTitle() for n in ("video", "map", "alerts", "orders")]


def test_opens_in_chinese_with_four_docks(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.show()
    assert window.windowTitle() == "友谊路街道城运中心"
    assert _titles(window) == ["视频墙", "九宫格地图", "告警队列", "工单台"]
    assert all(window.docks[n].isVisible() for n in window.docks)
    assert window.panels["video"].title_label.text() == "视频墙"
    assert window.panels["video"].note_label.text() == "84 个小区摄像头一屏总览——登录后显示"
    assert window.status.database_label.text() == f"数据库：{LABEL}"
    assert window.status.broker_label.text() == "消息总线：未连接"
    assert window.language_actions["zh_CN"].isChecked()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own, too


def test_language_switches_live_and_back(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.show()
    window.docks["map"].setFloating(True)  # state that a switch must not lose
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "Youyi Road Sub-district Operations Center")
    assert _titles(window) == ["Video wall", "Nine-grid map", "Alert queue", "Work-order desk"]
    assert window.panels["orders"].title_label.text() == "Work-order desk"
    assert window.view_menu.title() == "&View"
    assert window.status.broker_label.text() == "Message bus: not connected"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert window.docks["map"].isFloating()
    assert keys.language() == "en"
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "友谊路街道城运中心")
    assert _titles(window) == ["视频墙", "九宫格地图", "告警队列", "工单台"]
    assert window.docks["map"].isFloating()
    assert keys.language() == "zh_CN"


def test_lang_option_overrides_the_saved_choice(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window, translations = build_window(app, LABEL, "en")
    qtbot.addWidget(window)
    try:
        assert window.windowTitle() == "Youyi Road Sub-district Operations Center"
        assert keys.language() == "zh_CN"  # --lang is for this run only
    finally:
        translations.remove()


def test_saved_language_is_used_next_time(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    keys.settings().setValue(keys.LANGUAGE, "en")
    window = make_window()
    assert window.windowTitle() == "Youyi Road Sub-district Operations Center"
    assert window.language_actions["en"].isChecked()


def test_dock_layout_is_restored(make_window: Callable[[], MainWindow], qtbot: QtBot) -> None:
    first = make_window()
    with qtbot.waitExposed(first):
        first.show()
    first.docks["alerts"].hide()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.docks["orders"])
    first.close()  # saves
    where = screen_arrangement()
    assert isinstance(keys.settings().value(keys.window_key(where, keys.WINDOW_STATE)), QByteArray)

    second = make_window()
    # Like an operator, act once the window is up: Qt 6.11 applies a state restored
    # into a maximized window at its first resize, and re-arranging docks before
    # that crashes it (offscreen platform).
    with qtbot.waitExposed(second):
        second.show()
    assert second.isMaximized()  # a first start opens maximized, and that is kept
    assert not second.docks["alerts"].isVisible()
    assert second.dockWidgetArea(second.docks["orders"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    second.reset_layout_action.trigger()
    qtbot.waitUntil(lambda: second.docks["alerts"].isVisible())
    assert second.dockWidgetArea(second.docks["orders"]) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_each_arrangement_of_screens_keeps_its_own_layout(
    make_window: Callable[[], MainWindow], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor's laptop docked at the desk and the same laptop alone."""
    docked = "1366x768+0+0_2560x1440+1366+0"
    monkeypatch.setattr("console.main_window.screen_arrangement", lambda: docked)
    first = make_window()
    with qtbot.waitExposed(first):
        first.show()
    first.docks["alerts"].hide()
    first.close()  # saves, for the docked arrangement
    monkeypatch.setattr("console.main_window.screen_arrangement", lambda: "1366x768+0+0")
    alone = make_window()
    assert not alone.restore_layout()  # nothing kept for the laptop alone: the default
    monkeypatch.setattr("console.main_window.screen_arrangement", lambda: docked)
    again = make_window()
    assert again.restore_layout()
    with qtbot.waitExposed(again):
        again.show()
    assert not again.docks["alerts"].isVisible()


def test_the_arrangement_names_every_screen() -> None:
    assert screen_arrangement().count("x") == len(QGuiApplication.screens()) >= 1


def test_clock_ticks(make_window: Callable[[], MainWindow], qtbot: QtBot) -> None:
    window = make_window()
    first = window.status.clock_label.text()
    assert len(first) == len("2026-11-23 10:00:00")
    qtbot.waitUntil(lambda: window.status.clock_label.text() != first, timeout=3000)


def test_about_names_the_center_and_the_database(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.about_action.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(AboutDialog)))
    dialog = window.findChildren(AboutDialog)[0]
    assert dialog.windowTitle() == "关于"
    assert dialog.heading_label.text() == "友谊路街道城运中心"
    assert [label.text() for label in dialog.line_labels][-1] == f"数据库：{LABEL}"
    dialog.reject()


def test_the_status_bar_says_when_the_ingest_is_stalled_or_spooling(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    from console.broker_status import BrokerStatus
    from services.bus import BrokerSettings, MqttBus
    from services.ingest.pipeline import IngestHealth

    window = make_window()
    window.show()
    bus = MqttBus(BrokerSettings(host="127.0.0.1", port=1), lambda _m: None)  # never started
    well = IngestHealth(True, None, 0.0, True, None, 0, 0)
    now = [well]
    status = BrokerStatus(window.status, bus, "", lambda: now[0])
    label = window.status.broker_label
    try:
        assert label.text() == "消息总线：127.0.0.1:1 无法连接，正在重连"
        now[0] = IngestHealth(True, "OSError: [Errno 28] No space left on device", 4.0, False,
                              None, 12, 0)  # fmt: skip
        qtbot.waitUntil(lambda: "停滞" in label.text(), timeout=5000)
        assert label.text() == (
            "告警接入停滞，告警暂留消息服务器：OSError: [Errno 28] No space left on device"
        )
        assert label.objectName() == "statusBrokerDown"
        now[0] = IngestHealth(True, None, 0.0, False, None, 0, 3 * 1024)
        qtbot.waitUntil(
            lambda: label.text() == "数据库不可达：告警已暂存本地（3 kB）", timeout=5000
        )
        now[0] = IngestHealth(False, None, 0.0, True, None, 0, 0)
        qtbot.waitUntil(lambda: label.text() == "告警接入已停止：告警未入库", timeout=5000)
        now[0] = well
        qtbot.waitUntil(lambda: "无法连接，正在重连" in label.text(), timeout=5000)
    finally:
        status.close()


def test_a_console_without_its_own_ingest_shows_the_workers_trouble(
    make_window: Callable[[], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from console.broker_status import BrokerStatus
    from services.db.migrate import upgrade
    from services.db.store import Store
    from services.ingest.workers import WorkerState, report, workers

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    upgrade(store.engine)
    window = make_window()
    window.show()
    status = BrokerStatus(window.status, None, "", None, lambda: workers(store))
    label = window.status.broker_label
    try:
        qtbot.waitUntil(
            lambda: label.text() == "尚无告警接入服务上报：告警可能未入库", timeout=5000
        )
        now = datetime.now(UTC)
        report(store, WorkerState("ingest-a", "srv-1", now, now, 0, 0, None, True))
        status._read_workers()
        qtbot.waitUntil(lambda: label.text() == "消息总线：由接入服务处理", timeout=5000)
        report(store, WorkerState("ingest-a", "srv-1", now, now, 0, 0, "OSError: disk full", False))
        status._read_workers()
        qtbot.waitUntil(lambda: "告警接入服务 ingest-a 停滞" in label.text(), timeout=5000)
        assert label.objectName() == "statusBrokerDown"
        old = now - timedelta(minutes=5)
        report(store, WorkerState("ingest-a", "srv-1", old, old, 0, 0, None, True))
        status._read_workers()
        qtbot.waitUntil(lambda: "ingest-a 自" in label.text() and "起无响应" in label.text(),
                        timeout=5000)  # fmt: skip
    finally:
        status.close()
        store.close()


def test_the_console_icon_draws(qtbot: QtBot) -> None:
    from PySide6.QtGui import QIcon

    from console.paths import icon_file

    image = QIcon(str(icon_file())).pixmap(64, 64).toImage()
    assert not image.isNull() and image.width() == 64
    middle = image.pixelColor(27, 27)  # the nine-grid's middle cell, in alarm red
    assert middle.red() > 200 and middle.green() < 150
