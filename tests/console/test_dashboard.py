"""The statistics dock (统计) in the console: it appears in Chinese, loads from a
demo store off the GUI thread, a click on a grid's bar filters the desk, the
queue and the map, and F10 opens the big screen that Esc closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console import settings as keys
from console.session import Session
from console.workspace import Workspace
from services.db.store import Store
from services.ingest.writer import IngestWriter
from tests.support.gui import shown_session, signed_in
from tests.support.store import alert


def _console(qtbot: QtBot, store: Store) -> tuple[Session, Workspace]:
    window, session = shown_session(qtbot, store)
    window.resize(1600, 1000)
    return session, signed_in(qtbot, session, "operator")


def test_the_dock_appears_and_loads_from_the_store(qtbot: QtBot, demo_store: Store) -> None:
    writer = IngestWriter(demo_store)
    writer.load_devices()
    writer.write_batch([alert("d1", alert_type="door_fault", severity=2)])
    session, ws = _console(qtbot, demo_store)
    dock = ws.window.docks["dashboard"]
    assert dock.windowTitle() == "统计" and dock.isVisible()
    assert dock.widget() is ws.stats_panel
    assert dock.toggleViewAction() in ws.window.view_menu.actions()
    qtbot.waitUntil(lambda: ws.stats.loads >= 1, timeout=10000)
    d = ws.stats.dashboard
    assert d is not None and d.figures is not None
    assert d.figures.alerts_today == 1
    assert sum(c.count for c in d.alerts) == 1 and d.alerts[0].kind == "elevator"
    assert len(d.grids) == 9  # the nine grid cells, ranked
    assert {h.kind for h in d.health} >= {"elevator"}
    assert ws.stats_panel.figures.tiles["alerts_today"].value.text() == "1"
    loads = ws.stats.loads
    writer.write_batch([alert("d2", alert_type="door_fault", severity=2, seconds=5)])
    qtbot.waitUntil(lambda: ws.stats.loads > loads, timeout=10000)  # the feed said so
    assert ws.stats.dashboard is not None and ws.stats.dashboard.figures is not None
    assert ws.stats.dashboard.figures.alerts_today == 2
    dock.hide()  # hidden: no refresh
    assert not ws.stats.shown
    session.close()


def test_a_grid_click_filters_the_desk(qtbot: QtBot, demo_store: Store) -> None:
    session, ws = _console(qtbot, demo_store)
    qtbot.waitUntil(lambda: ws.stats.loads >= 1, timeout=10000)
    chart = ws.stats_panel.ranking
    ws.window.docks["dashboard"].setFloating(True)
    ws.window.docks["dashboard"].resize(1200, 900)
    ws.stats_panel.show()
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    chart.repaint()
    grid = chart.grids[4]
    at = chart.view_to_widget(0.1, 4.0)
    qtbot.mouseClick(
        chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(at.x()), int(at.y()))
    )
    qtbot.waitUntil(lambda: ws.desk.grid_box.currentData() == grid, timeout=3000)
    assert ws.map.selected_cell == grid  # the map follows
    session.close()


def test_category_and_elevator_clicks_and_the_report_menu(qtbot: QtBot, demo_store: Store) -> None:
    session, ws = _console(qtbot, demo_store)
    ws.stats_panel.category_clicked.emit("sanitation")
    qtbot.waitUntil(lambda: ws.desk.category_box.currentData() == "sanitation", timeout=3000)
    ws.stats_panel.device_clicked.emit("EL-0103")  # an elevator of the demo district
    qtbot.waitUntil(
        lambda: ws.device_window is not None and ws.device_window.isVisible(), timeout=5000
    )
    assert ws.window.report_action.isEnabled()
    session.close()
    assert not ws.window.report_action.isEnabled()  # signed out: nothing to report on


def test_f10_opens_the_big_screen_and_esc_closes_it(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    notices = tmp_path / "notices"
    notices.mkdir()
    (notices / "a-party.txt").write_text("党建引领 · 共建共治共享", encoding="utf-8")
    keys.settings().setValue(keys.BIGSCREEN_NOTICE_FOLDER, str(notices))
    session, ws = _console(qtbot, demo_store)
    action = ws.window.big_screen_action
    assert action.objectName() == "bigScreenAction" and action in ws.window.view_menu.actions()
    assert action.shortcut().toString() == "F10" and action.isEnabled()
    qtbot.waitUntil(lambda: ws.stats.loads >= 1, timeout=10000)
    action.trigger()
    big = ws.stats.big
    assert big is not None
    qtbot.waitUntil(big.isVisible, timeout=3000)
    assert big.isFullScreen() or big.windowState() & Qt.WindowState.WindowFullScreen
    assert big.pages.count() == 3  # map and figures, trends, notice board
    assert big.title.text().startswith("友谊路街道城运中心")
    qtbot.waitUntil(lambda: "G11" in big.map.cell_layer.fills, timeout=5000)  # the map drawn
    big.next_page()
    big.next_page()
    assert big.notice.view.text() == "党建引领 · 共建共治共享"
    big.scale_to(1080)
    small = big.figures.tiles["open_now"].value.font().pointSizeF()
    big.scale_to(2160)  # a 4K wall: type twice as large
    assert big.figures.tiles["open_now"].value.font().pointSizeF() == 2 * small
    qtbot.keyClick(big, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ws.stats.big is None, timeout=3000)
    assert not big.isVisible()
    action.trigger()  # and again, F10 inside leaves it too
    again = ws.stats.big
    assert again is not None
    qtbot.waitUntil(again.isVisible, timeout=3000)
    qtbot.keyClick(again, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: ws.stats.big is None, timeout=3000)
    session.close()
