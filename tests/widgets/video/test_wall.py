"""The video wall plays real demo clips (libVLC callbacks, offscreen): layouts, pages,
tour, full screen, drops, alarm linkage and snapshots, with one player per visible
tile and none left behind."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from tests.support.video import camera, clip_colours, close_to, dominant_colour
from widgets.video.backends import PlayerFactory
from widgets.video.player import PlayerState
from widgets.video.tile import VideoTile
from widgets.video.wall import VideoWall
from widgets.video.wall_slot import camera_mime

WAIT = 20000  # ms
MakeWall = Callable[..., VideoWall]


def demo_ids(count: int) -> list[str]:
    return [f"CAM-{n:03d}" for n in range(1, min(count, 84) + 1)] + [
        f"EE-{n:02d}" for n in range(1, count - 84 + 1)
    ]


@pytest.fixture
def make_wall(qtbot, factory: PlayerFactory, tmp_path) -> Iterator[MakeWall]:  # type: ignore[no-untyped-def]
    walls: list[VideoWall] = []

    def make(count: int = 10, layout: str = "4", size: tuple[int, int] = (800, 520)) -> VideoWall:
        wall = VideoWall(
            factory, [camera(i) for i in demo_ids(count)], layout=layout, snapshot_dir=tmp_path
        )
        wall.alarm_popups = False
        qtbot.addWidget(wall)
        wall.resize(*size)
        wall.show()
        walls.append(wall)
        return wall

    yield make
    for wall in walls:
        wall.close()


def live(wall: VideoWall) -> int:
    from widgets.video import session as video_session

    return video_session.live_sessions()


def shown_ids(wall: VideoWall) -> list[str | None]:
    return [t.camera.id if t.camera else None for t in wall.tiles()]


def wait_all_live(qtbot, tiles: list[VideoTile]) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: all(t.state() is PlayerState.LIVE for t in tiles), timeout=WAIT)


def test_tiles_show_frames_of_their_own_cameras(qtbot, make_wall) -> None:
    wall = make_wall(4, "4")
    tiles = wall.tiles()
    wait_all_live(qtbot, tiles)
    colours = clip_colours()
    for tile in tiles:
        assert close_to(dominant_colour(tile.picture()), colours[tile.camera.id]), tile.camera.id
    first = bytes(tiles[3].player.current_image().constBits())
    qtbot.waitUntil(
        lambda: bytes(tiles[3].player.current_image().constBits()) != first, timeout=5000
    )
    assert live(wall) == 4


def test_layouts_84_4_16_keep_one_player_per_visible_tile(qtbot, make_wall) -> None:
    wall = make_wall(92, "84", size=(1440, 760))
    assert len(wall.tiles()) == 84 and wall.bar.page.text() == "1 / 2"
    qtbot.waitUntil(lambda: live(wall) == 84, timeout=WAIT)
    qtbot.waitUntil(
        lambda: sum(t.state() is PlayerState.LIVE for t in wall.tiles()) == 84, timeout=40000
    )
    kept = [t.player for t in wall.tiles()[:4]]
    wall.set_layout("4")
    assert shown_ids(wall) == ["CAM-001", "CAM-002", "CAM-003", "CAM-004"]
    assert [t.player for t in wall.tiles()] == kept  # the same players play on
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)
    assert wall.bar.page.text() == "1 / 23"
    wall.set_layout("16")
    qtbot.waitUntil(lambda: live(wall) == 16, timeout=WAIT)
    assert len(wall.slots) == 84  # tile widgets are reused, not made anew
    assert sum(slot.isVisible() for slot in wall.slots) == 16
    wall.set_page(5)  # the last page: 92 - 80 = 12 cameras, 4 empty tiles
    assert shown_ids(wall)[11:] == ["EE-08", None, None, None, None]
    qtbot.waitUntil(lambda: live(wall) == 12, timeout=WAIT)


def test_page_turn_stops_the_hidden_page_and_keys_turn_pages(qtbot, make_wall) -> None:
    wall = make_wall(10, "4")
    wait_all_live(qtbot, wall.tiles())
    before = [t.player for t in wall.tiles()]
    with qtbot.waitSignal(wall.page_changed, timeout=1000) as turned:
        qtbot.keyClick(wall, Qt.Key.Key_PageDown)
    assert turned.args == [1] and wall.bar.page.text() == "2 / 3"
    assert shown_ids(wall) == ["CAM-005", "CAM-006", "CAM-007", "CAM-008"]
    assert not any(p.is_playing() for p in before)  # the hidden page's players stopped
    wait_all_live(qtbot, wall.tiles())
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)  # released off the GUI thread
    wall.bar.forward.click()
    assert shown_ids(wall) == ["CAM-009", "CAM-010", None, None]
    qtbot.waitUntil(lambda: live(wall) == 2, timeout=WAIT)
    qtbot.keyClick(wall, Qt.Key.Key_PageDown)  # wraps round to the first page
    assert wall.pages.page == 0
    qtbot.keyClick(wall, Qt.Key.Key_PageUp)
    assert wall.bar.page.text() == "3 / 3"


def test_tour_turns_pages_until_stopped(qtbot, make_wall) -> None:
    wall = make_wall(12, "4")
    wall.tour.set_interval(0.4)
    turns: list[int] = []
    wall.page_changed.connect(turns.append)
    wall.bar.tour.click()  # the operator's toggle
    assert wall.tour.on and wall.tour.timer.isActive()
    qtbot.waitUntil(lambda: turns[:4] == [1, 2, 0, 1], timeout=5000)
    wall.bar.tour.click()
    assert not wall.tour.on and not wall.tour.timer.isActive()
    page = wall.pages.page
    qtbot.wait(900)
    assert wall.pages.page == page and len(turns) <= 5
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)


def test_double_click_enlarges_on_the_main_stream_and_back_on_sub(qtbot, make_wall) -> None:
    wall = make_wall(4, "4")
    wait_all_live(qtbot, wall.tiles())
    wall.tour.set_interval(1)
    wall.tour.start()
    tile = wall.tiles()[2]
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    full = wall.full_tile
    assert wall.full_slot == 2 and full.isVisible() and not tile.isVisible()
    assert full.player is not None and full.player.url == "demo://CAM-003/main"
    assert not wall.tour.timer.isActive()  # the tour waits while a camera is enlarged
    qtbot.waitUntil(lambda: full.state() is PlayerState.LIVE, timeout=WAIT)
    assert (full.picture().width(), full.picture().height()) == (1280, 720)
    qtbot.waitUntil(lambda: live(wall) == 1, timeout=WAIT)  # the other tiles stopped
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert wall.full_slot is None and tile.isVisible() and full.player is None
    assert wall.tour.timer.isActive()
    wall.tour.stop()
    wait_all_live(qtbot, wall.tiles())
    assert [t.player.url for t in wall.tiles()] == [f"demo://CAM-00{n}/sub" for n in (1, 2, 3, 4)]
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)
    wall.slots[1].setFocus()
    qtbot.keyClick(wall.slots[1], Qt.Key.Key_F11)  # the focused tile, from the keyboard
    assert full.camera is not None and full.camera.id == "CAM-002"
    qtbot.mouseDClick(full, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    assert wall.full_slot is None and wall.slots[1].hasFocus()


def drop(target, data) -> bool:  # type: ignore[no-untyped-def]
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), actions, data, buttons, mods)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(target, QDropEvent(QPointF(20, 20), actions, data, buttons, mods))
    return True


def test_a_camera_dropped_on_a_tile_plays_there_and_stays(qtbot, make_wall) -> None:
    wall = make_wall(10, "4")
    assert drop(wall.slots[1], camera_mime(["CAM-010"]))
    assert shown_ids(wall) == ["CAM-001", "CAM-010", "CAM-003", "CAM-004"]
    qtbot.waitUntil(lambda: wall.tiles()[1].state() is PlayerState.LIVE, timeout=WAIT)
    assert close_to(dominant_colour(wall.tiles()[1].picture()), clip_colours()["CAM-010"])
    wall.set_page(1)
    wall.set_page(0)
    assert shown_ids(wall)[1] == "CAM-010"  # kept when paging back
    assert drop(wall.slots[0], camera_mime(["CAM-404"]))  # unknown: the tile keeps its camera
    assert shown_ids(wall)[0] == "CAM-001"
    other = camera_mime(["CAM-005"])
    other.removeFormat("application/x-youyi-camera")
    assert not drop(wall.slots[0], other)  # plain text is not taken
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)


def test_alarm_opens_its_camera_in_a_red_tile_that_links_back(qtbot, make_wall) -> None:
    wall = make_wall(10, "4")
    wall.tour.start()
    assert wall.show_alarm("CAM-009", 42, "电动车进电梯")
    assert not wall.tour.on  # the alarm stays in sight
    assert wall.bar.page.text() == "3 / 3" and shown_ids(wall)[0] == "CAM-009"
    slot = wall.slots[0]
    assert slot.alarm_id == 42 and slot.banner.isVisible()
    assert "电动车进电梯" in slot.banner.text() and "Alarm 42" in slot.banner.toolTip()
    red = slot.grab().toImage().pixelColor(1, 1)
    assert (red.red(), red.green()) == (0xE0, 0x30)
    with qtbot.waitSignal(wall.alarm_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(slot.banner, Qt.MouseButton.LeftButton)
    assert clicked.args == [42]
    assert not wall.show_alarm("CAM-404", 43)
    wall.set_page(0)  # paging on: the red frame goes with the camera
    assert slot.alarm_id is None and not slot.banner.isVisible()
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)


def test_alarm_on_a_second_screen_pops_up_on_the_main_stream(qtbot, make_wall, monkeypatch) -> None:
    wall = make_wall(6, "4")
    wall.alarm_popups = True
    monkeypatch.setattr(wall, "alarm_screen", lambda: QApplication.primaryScreen())
    assert wall.show_alarm("CAM-006", 7)
    popup = wall.popup
    assert popup is not None and popup.isVisible() and popup.isWindow()
    assert wall.pages.page == 0  # the wall itself goes on as it was
    tile = popup.slot.tile
    assert tile.player is not None and tile.player.url == "demo://CAM-006/main"
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    with qtbot.waitSignal(wall.alarm_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(popup.slot.banner, Qt.MouseButton.LeftButton)
    assert clicked.args == [7] and "Alarm 7" in popup.slot.banner.text()
    qtbot.mouseClick(popup.slot.dismiss, Qt.MouseButton.LeftButton)
    assert not popup.isVisible() and tile.player is None
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)


def test_snapshot_writes_the_tile_picture_named_by_camera(qtbot, make_wall, tmp_path) -> None:
    wall = make_wall(4, "4")
    wait_all_live(qtbot, wall.tiles())
    path = wall.snapshot("CAM-002")
    assert path is not None and path.parent == tmp_path
    assert re.fullmatch(r"CAM-002_\d{8}-\d{6}\.png", path.name)
    assert close_to(dominant_colour(QImage(str(path))), clip_colours()["CAM-002"])
    assert wall.snapshot("CAM-009") is None  # not on screen


def test_a_hidden_wall_decodes_nothing(qtbot, make_wall) -> None:
    wall = make_wall(4, "4")
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)
    wall.hide()
    qtbot.waitUntil(lambda: live(wall) == 0, timeout=WAIT)
    wall.show()
    wait_all_live(qtbot, wall.tiles())
    assert live(wall) == 4


def test_a_custom_layout_gives_the_first_camera_the_large_tile(qtbot, make_wall) -> None:
    from widgets.video.layouts import WallLayout

    wall = make_wall(8, "4")
    custom = WallLayout.from_dict(
        {"name": "值班", "rows": 3, "cols": 3, "cells": [[0, 0, 2, 2], [0, 2, 1, 1], [1, 2, 1, 1]]}
    )
    with qtbot.waitSignal(wall.layout_changed, timeout=1000) as changed:
        wall.add_layout(custom)
        wall.set_layout("值班")
    assert changed.args == ["值班"] and wall.bar.layouts.currentData() == "值班"
    big, small = wall.slots[0], wall.slots[1]

    def twice_as_large() -> bool:
        ratios = (big.width() / max(1, small.width()), big.height() / max(1, small.height()))
        return all(1.9 < r < 2.1 for r in ratios)

    qtbot.waitUntil(twice_as_large, timeout=2000)  # once the grid has laid the slots out
    assert not wall.slots[3].isVisible()
    assert shown_ids(wall) == ["CAM-001", "CAM-002", "CAM-003"]
    urls = [t.player.url for t in wall.tiles()]  # the large tile is sharp: the main stream
    assert urls == ["demo://CAM-001/main", "demo://CAM-002/sub", "demo://CAM-003/sub"]
    qtbot.waitUntil(lambda: live(wall) == 3, timeout=WAIT)
    with pytest.raises(ValueError, match="no wall layout"):
        wall.set_layout("nope")
    again = VideoWall(wall.factory, [], custom_layouts=[custom], layout="值班")
    qtbot.addWidget(again)
    assert again.wall_layout is custom and again.bar.layouts.currentText() == "值班"
    assert VideoWall(wall.factory, [], layout="gone").wall_layout.name == "16"  # old settings


def test_what_the_console_may_use_of_the_wall(qtbot, make_wall) -> None:
    """The wall's own surface for the console: no reach into its bar, tour or pages."""
    wall = make_wall(6, "4")
    assert wall.layout_name == "4" and [w.name for w in wall.layout_choices()][:2] == ["1", "4"]
    assert wall.has_cameras and wall.has_camera("CAM-006") and not wall.has_camera("CAM-007")
    assert wall.current_view() == (wall.wall_layout, ["CAM-001", "CAM-002", "CAM-003", "CAM-004"])
    tile = wall.tiles()[1]
    assert wall.camera_at(tile.mapTo(wall, tile.rect().center())) == "CAM-002"
    assert wall.camera_at(wall.bar.geometry().center()) is None
    asked: list[int] = []
    wall.tour_interval_changed.connect(asked.append)
    wall.bar.interval.setValue(45)  # the operator, in the bar
    assert asked == [45] and wall.tour.timer.interval() == 45000
    wall.set_tour_interval(12)  # the console: shown in the bar, not echoed back
    assert wall.bar.interval.value() == 12 and wall.tour.timer.interval() == 12000
    assert asked == [45]
    qtbot.waitUntil(lambda: live(wall) == 4, timeout=WAIT)
    wall.set_player_options(replace(wall.factory.options, network_caching_ms=900))
    assert all(t.player.options.network_caching_ms != 900 for t in wall.tiles())  # kept
    wall.set_page(1)  # players made from now on take the new options
    assert [t.player.options.network_caching_ms for t in wall.tiles()[:2]] == [900, 900]
    empty = VideoWall(wall.factory, [])
    qtbot.addWidget(empty)
    assert not empty.has_cameras
