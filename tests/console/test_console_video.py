"""The video wall inside the console, on the demo clips decoded by libVLC: its
cameras from the store, alarm linkage by rule (报警联动) and back to the alarm,
a device card's camera shown large, a snapshot attached to the selected order,
the layout kept in the workstation's settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, text

from console import settings as keys
from console.app import build_window, create_app
from console.session import Session
from console.wall_views import custom_layouts
from console.workspace import Workspace
from services.db.models import device_cameras
from services.db.store import Store
from services.domain import Principal, Role
from services.ingest.writer import IngestWriter
from services.workflow.attachments import AttachmentStore
from services.workflow.desk import OrderDesk
from services.workflow.orders import NewOrder, WorkOrderService
from tests.support.gui import signed_in
from tests.support.store import alert
from widgets.video.player import PlayerState
from widgets.video.session import live_sessions


def console(qtbot: QtBot, store: Store, link: bool = True) -> tuple[Session, Workspace]:
    if link:
        with store.transaction() as tx:  # the lift's camera, as the registry links them
            row = {"device_id": "EL-0231", "camera_id": "CAM-050"}
            tx.conn.execute(insert(device_cameras), [row])
    window, _ = build_window(create_app(), store.label, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    session = Session(window, store, "zh_CN")
    ws = signed_in(qtbot, session, "operator")
    assert ws is not None
    qtbot.waitUntil(lambda: ws.video.wall is not None and ws.video.wall.has_cameras, timeout=10000)
    return session, ws


def playing(ws: Workspace) -> list[str]:
    wall = ws.video.wall
    assert wall is not None
    return [t.camera.id for t in wall.tiles() if t.camera and t.state() is PlayerState.LIVE]


def test_the_wall_plays_the_stores_cameras_and_keeps_its_layout(
    qtbot: QtBot, demo_store: Store
) -> None:
    session, ws = console(qtbot, demo_store)
    wall = ws.video.wall
    assert wall is not None and len(wall.pages.by_id) == 92
    assert ws.window.docks["video"].widget() is ws.video.panel
    qtbot.waitUntil(lambda: len(playing(ws)) == 4, timeout=15000)  # the tests' layout: 4
    assert playing(ws) == ["CAM-001", "CAM-002", "CAM-003", "CAM-004"]
    wall.set_layout("9")
    assert keys.settings().value(keys.VIDEO_LAYOUT) == "9"
    qtbot.waitUntil(lambda: live_sessions() == 9, timeout=15000)
    ws.window.docks["video"].hide()  # a hidden wall decodes nothing
    qtbot.waitUntil(lambda: live_sessions() == 0, timeout=15000)
    session.close()


def test_a_popup_rules_alarm_brings_up_its_camera_and_leads_back(
    qtbot: QtBot, demo_store: Store
) -> None:
    session, ws = console(qtbot, demo_store)
    wall = ws.video.wall
    assert wall is not None
    writer = IngestWriter(demo_store)
    writer.load_devices()
    qtbot.waitUntil(lambda: ws.video.seen is not None, timeout=5000)  # first load: none
    writer.write_batch([alert("v1", alert_type="door_fault")])  # rule without popup
    qtbot.waitUntil(lambda: len(ws.alert_panel.alarms()) == 1, timeout=5000)
    assert not any(slot.alarm_id for slot in wall.slots)
    writer.write_batch([alert("v2", alert_type="ebike_entering", seconds=5)])  # popup = true
    qtbot.waitUntil(lambda: any(slot.alarm_id for slot in wall.slots), timeout=5000)
    (slot,) = [s for s in wall.slots if s.alarm_id]
    assert slot.tile.camera is not None and slot.tile.camera.id == "CAM-050"
    qtbot.waitUntil(lambda: "CAM-050" in playing(ws), timeout=15000)
    ws.alert_panel.table.clearSelection()
    wall.alarm_clicked.emit(slot.alarm_id)  # a click on the tile's banner
    selected = ws.alert_panel.selected_alarm()
    assert selected is not None and selected.id == slot.alarm_id
    session.close()


def test_a_device_cards_camera_full_size_and_a_snapshot_to_the_order(
    qtbot: QtBot, demo_store: Store
) -> None:
    boss = Principal(9, "admin", "管理员", Role.ADMIN)
    order = OrderDesk(WorkOrderService(demo_store)).raise_order(boss, NewOrder("电动车", "G21"))
    session, ws = console(qtbot, demo_store)
    wall = ws.video.wall
    assert wall is not None
    ws.video.show_camera("CAM-050")  # not on the first page of 4
    assert wall.full_slot is not None
    assert wall.full_tile.url() == "demo://CAM-050/main"
    qtbot.waitUntil(lambda: wall.full_tile.state() is PlayerState.LIVE, timeout=15000)
    qtbot.waitUntil(lambda: wall.full_tile.picture() is not None, timeout=15000)
    qtbot.waitUntil(lambda: len(ws.desk.listed_ids()) == 1, timeout=5000)
    ws.desk.select_order(order.id)
    qtbot.waitUntil(lambda: ws.desk.shown_order is not None, timeout=5000)
    path = ws.video.snapshot("CAM-050", order.id)
    assert path is not None and path.name.startswith("CAM-050_")
    assert path.is_relative_to(os.environ["XDG_DATA_HOME"])  # never the tester's ~/Pictures
    qtbot.waitUntil(
        lambda: any(e.action == "attach" for e in WorkOrderService(demo_store).history(order.id)),
        timeout=5000,
    )
    step = WorkOrderService(demo_store).history(order.id)[-1]
    assert step.note.startswith("CAM-050")
    assert AttachmentStore(demo_store).get(step.attachments[0]).data == path.read_bytes()
    session.close()


def test_custom_layouts_from_the_settings_skip_what_is_broken() -> None:
    good = '{"name": "值班", "rows": 2, "cols": 2, "cells": [[0, 0, 1, 2], [1, 0], [1, 1]]}'
    bad = '{"name": "x", "rows": 1, "cols": 1, "cells": [[0, 0], [0, 0]]}'
    layouts = custom_layouts(f"[{good}, {bad}, 7]")
    assert [(x.name, x.size) for x in layouts] == [("值班", 3)]
    assert custom_layouts("not json") == [] and custom_layouts("") == []


def test_f12_puts_the_whole_district_on_a_screen_of_its_own_and_back(
    qtbot: QtBot, demo_store: Store
) -> None:
    session, ws = console(qtbot, demo_store)
    wall, dock = ws.video.wall, ws.window.docks["video"]
    assert wall is not None and wall.layout_name == "4"
    entries = ws.window.view_menu.actions()
    assert entries.index(ws.video.own_screen) < entries.index(ws.window.reset_layout_action)
    ws.video.own_screen.trigger()
    assert dock.isFloating() and wall.layout_name == "84"
    assert dock.geometry().width() >= ws.window.screen().availableGeometry().width() - 2
    ws.video.own_screen.trigger()
    assert not dock.isFloating() and wall.layout_name == "4"
    session.close()
    assert ws.video.own_screen not in ws.window.view_menu.actions()


def test_a_view_saved_by_name_comes_back_with_its_cameras(qtbot: QtBot, demo_store: Store) -> None:
    session, ws = console(qtbot, demo_store)
    wall = ws.video.wall
    assert wall is not None
    wall.place(0, "CAM-050")  # the operator's own choice in the first tile
    ws.video.save_view("值班")
    assert wall.layout_name == "值班" and wall.wall_layout.size == 4
    session.close()

    session, ws = console(qtbot, demo_store, link=False)  # the next start here
    wall = ws.video.wall
    assert wall is not None and "值班" in wall.layouts
    wall.set_layout("4")
    assert wall.tiles()[0].camera.id == "CAM-001"  # type: ignore[union-attr]
    wall.set_layout("值班")
    shown = [t.camera.id for t in wall.tiles() if t.camera]
    assert shown == ["CAM-050", "CAM-002", "CAM-003", "CAM-004"]
    session.close()


def test_a_first_start_with_a_second_screen_puts_the_wall_there(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys.settings().remove(keys.VIDEO_LAYOUT)  # a first start at this workstation
    monkeypatch.setattr("console.video_controller.other_screen", lambda widget: widget.screen())
    session, ws = console(qtbot, demo_store)
    wall = ws.video.wall
    assert wall is not None
    assert ws.window.docks["video"].isFloating() and wall.layout_name == "84"
    assert ws.video.own_screen.isChecked()
    session.close()


def test_the_players_options_come_from_the_workstations_settings(
    qtbot: QtBot, demo_store: Store
) -> None:
    keys.settings().setValue(keys.VIDEO_NETWORK_CACHING_MS, 800)
    keys.settings().setValue(keys.VIDEO_RTSP_TCP, "false")
    session, ws = console(qtbot, demo_store)
    wall = ws.video.wall
    assert wall is not None
    options = wall.factory.options
    assert options.network_caching_ms == 800 and options.rtsp_tcp is False
    assert options.audio is False  # the default where nothing is set
    session.close()


def test_a_popped_up_camera_is_kept_as_evidence_of_the_alarm(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """报警联动: two seconds of the camera, taken into the evidence store with the
    alarm and camera in its name, linked to the alarm's order."""
    monkeypatch.setenv("YOUYI_EVIDENCE_DIR", str(tmp_path / "evidence"))
    keys.settings().setValue(keys.ALARM_CLIP_S, 2)
    session, ws = console(qtbot, demo_store)
    clips = ws.video.clips
    assert clips is not None
    writer = IngestWriter(demo_store)
    writer.load_devices()
    qtbot.waitUntil(lambda: ws.video.seen is not None, timeout=5000)
    writer.write_batch([alert("c1", alert_type="ebike_entering")])  # a popup rule
    qtbot.waitUntil(lambda: bool(clips.recording), timeout=5000)
    (alarm_id,) = clips.recording
    boss = Principal(9, "admin", "管理员", Role.ADMIN)  # an order raised while it records
    order = OrderDesk(WorkOrderService(demo_store)).raise_from_alarm(
        boss, alarm_id, NewOrder("电动车进入电梯", "G21")
    )
    qtbot.waitUntil(lambda: bool(clips.kept), timeout=30_000)
    (report,) = clips.kept
    assert not report.refused
    with demo_store.reading() as conn:
        item = conn.execute(text("SELECT id, name, kind, media_type FROM evidence_items")).one()
        linked = conn.execute(text("SELECT order_id FROM evidence_links")).scalars().all()

    assert item.name.startswith("alarm-") and "-CAM-050-" in item.name
    assert (item.kind, item.media_type) == ("video", "video/mp4")
    assert linked == [order.id]
    assert not list(clips.folder.glob("*.mp4"))  # the temporary file is gone
    session.close()
