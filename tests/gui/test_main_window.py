"""The main window: Chinese by default, English on request, layout kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console import settings as keys
from console.app import build_window
from console.i18n import Translations
from console.main_window import MainWindow

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
    assert window.status.database_label.text() == f"数据库：{LABEL}"
    assert window.status.broker_label.text() == "消息总线：未连接"


def test_language_switches_live_and_back(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.show()
    window.docks["map"].setFloating(True)  # state that a switch must not lose
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "Youyi Road Sub-district Operations Center")
    assert _titles(window) == ["Video wall", "Nine-grid map", "Alert queue", "Work-order desk"]
    assert window.docks["map"].isFloating()
    assert keys.language() == "en"
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "友谊路街道城运中心")
    assert keys.language() == "zh_CN"


def test_saved_language_is_used_next_time(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    keys.settings().setValue(keys.LANGUAGE, "en")
    window = make_window()
    assert window.windowTitle() == "Youyi Road Sub-district Operations Center"
    assert window.language_actions["en"].isChecked()


def test_dock_layout_is_restored(make_window: Callable[[], MainWindow], qtbot: QtBot) -> None:
    first = make_window()
    first.show()
    first.docks["alerts"].hide()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.docks["orders"])
    first.close()  # saves
    assert isinstance(keys.settings().value(keys.WINDOW_STATE), QByteArray)
    second = make_window()
    second.show()
    assert not second.docks["alerts"].isVisible()
    assert second.dockWidgetArea(second.docks["orders"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    second.reset_layout_action.trigger()
    assert second.docks["alerts"].isVisible()
    assert second.dockWidgetArea(second.docks["orders"]) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_clock_ticks(make_window: Callable[[], MainWindow], qtbot: QtBot) -> None:
    window = make_window()
    first = window.status.clock_label.text()
    assert len(first) == len("2026-11-23 10:00:00")
    qtbot.waitUntil(lambda: window.status.clock_label.text() != first, timeout=3000)
