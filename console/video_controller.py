"""Wires the video wall into the console: the camera catalogue loaded off the GUI
thread, the wall's layout and tour kept in the workstation's settings, alarm
linkage (报警联动: a new alarm whose rule asks for it brings up the device's
camera, and the tile leads back to the alarm), a device card's cameras shown
large, and snapshots saved or attached to the selected work order.

The players are made after the window is shown (probing libVLC is kept out of
the start-up); a wall that is not visible decodes nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenu, QSplitter

from console import settings as keys
from console.alarm_clips import AlarmClips
from console.jobs import Jobs
from console.orders_controller import OrdersController
from console.wall_views import saved_views, with_view
from services.alarms.rules import RuleSet
from services.db.store import Store
from services.district.cameras import camera_catalogue, cameras_of_devices
from services.domain import CameraEntry, Principal, QueuedAlarm
from services.workflow.attachments import AttachmentStore
from widgets.video.backends import PlayerFactory
from widgets.video.camera_tree import CameraBrowser, tile_camera
from widgets.video.layouts import WallLayout
from widgets.video.player import PlayerOptions
from widgets.video.wall import VideoWall
from widgets.video.wall_popup import other_screen

log = logging.getLogger(__name__)
#: In its dock beside the map and queue 84 tiles are too small to read: 16 by
#: default there, all 84 on a screen of the wall's own (F12).
DOCKED_LAYOUT, OWN_SCREEN_LAYOUT = "16", "84"


class VideoController(QObject):
    def __init__(
        self,
        store: Store,
        principal: Principal,
        jobs: Jobs,
        orders: OrdersController,
        rules: RuleSet,
        notify: Callable[[str], None],
        show_alarm: Callable[[int], None],
    ) -> None:
        super().__init__()
        self.store, self.principal, self.jobs, self.orders = store, principal, jobs, orders
        self.rules, self.notify, self.show_alarm_in_queue = rules, notify, show_alarm
        self.pictures = AttachmentStore(store)
        self.panel = QSplitter(Qt.Orientation.Horizontal)
        self.panel.setObjectName("videoPanel")
        self.browser = CameraBrowser(self.panel)
        self.wall: VideoWall | None = None
        self.links: dict[str, tuple[str, ...]] = {}
        self.urls: dict[str, str] = {}  # camera id -> the stream a clip is kept of
        self.clips: AlarmClips | None = None  # set by the workspace
        self.seen: set[int] | None = None  # alarms known before; None until the first load
        self.pending_camera: str | None = None
        self.views: dict[str, list[str | None]] = {}  # saved views: the camera of each tile
        self.view_shown = False
        self.dock: QDockWidget | None = None
        self.view_menu: QMenu | None = None
        self.docked_layout = DOCKED_LAYOUT
        self.own_screen = QAction(self)
        self.own_screen.setCheckable(True)
        self.own_screen.setShortcut(QKeySequence(Qt.Key.Key_F12))
        self.own_screen.toggled.connect(self.set_own_screen)
        self.retranslate()

    def retranslate(self) -> None:
        self.own_screen.setText(self.tr("Video wall on its own screen"))

    def attach_to(self, dock: QDockWidget, view_menu: QMenu) -> None:
        """The wall's dock, and its place in the View menu (一屏观全域: the whole
        district on a screen of its own, 84 tiles)."""
        self.dock, self.view_menu = dock, view_menu
        separator = next((a for a in view_menu.actions() if a.isSeparator()), None)
        if separator is not None:  # after the docks' entries
            view_menu.insertAction(separator, self.own_screen)
        else:
            view_menu.addAction(self.own_screen)

    def set_own_screen(self, on: bool) -> None:
        """The wall floats onto the workstation's other screen (this one when there is
        no other) filling it, all 84 cameras at once; back in its dock, as before."""
        dock, wall = self.dock, self.wall
        if dock is None or wall is None:
            return
        if on:
            self.docked_layout = wall.layout_name
            screen = other_screen(dock.window()) or dock.window().screen()
            dock.show()
            dock.setFloating(True)
            dock.setGeometry(screen.availableGeometry())
            wall.set_layout(OWN_SCREEN_LAYOUT)
        else:
            dock.setFloating(False)
            wall.set_layout(self.docked_layout)
        self.own_screen.setChecked(on)

    # --- the settings dialog's part -----------------------------------------------

    def wall_settings(self) -> tuple[list[WallLayout], str, int] | None:
        """The layouts to choose from, the layout the wall opens with (the docked one
        while the wall is on its own screen) and the tour's seconds; None before the
        wall is made."""
        wall = self.wall
        if wall is None:
            return None
        layout = self.docked_layout if self.own_screen.isChecked() else wall.layout_name
        return wall.layout_choices(), layout, keys.tour_seconds()

    def apply_settings(self, layout: str, tour_seconds: int, player: PlayerOptions) -> None:
        """Chosen in the settings dialog (and saved there): the layout now (or on the
        way back to the dock), the tour's pace, the options of the next players."""
        wall = self.wall
        if wall is None:
            return
        wall.set_tour_interval(tour_seconds)
        wall.set_player_options(player)
        if self.own_screen.isChecked():
            self.docked_layout = layout
        elif layout != wall.layout_name:
            wall.set_layout(layout)

    def start(self, factory: PlayerFactory | None = None) -> None:
        """Make the wall once the window is up, then load the cameras."""
        QTimer.singleShot(0, self.panel, lambda: self._build(factory))

    def _build(self, factory: PlayerFactory | None) -> None:
        s = keys.settings()
        first_start = s.value(keys.VIDEO_LAYOUT) is None
        views = saved_views(s.value(keys.VIDEO_CUSTOM_LAYOUTS, ""))
        self.views = {layout.name: cameras for layout, cameras in views}
        wall = VideoWall(
            factory or PlayerFactory(keys.player_options()),
            [],
            self.panel,
            layout=str(s.value(keys.VIDEO_LAYOUT, DOCKED_LAYOUT)),
            custom_layouts=[layout for layout, _ in views],
        )
        wall.set_tour_interval(keys.tour_seconds())
        wall.layout_changed.connect(self._on_layout_changed)
        wall.tour_interval_changed.connect(
            lambda seconds: keys.settings().setValue(keys.VIDEO_TOUR_S, seconds)
        )
        wall.alarm_clicked.connect(self.show_alarm_in_queue)
        wall.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        wall.customContextMenuRequested.connect(self._on_context_menu)
        self.browser.camera_activated.connect(self.show_camera)
        self.panel.addWidget(wall)
        self.panel.setStretchFactor(1, 1)
        self.panel.setSizes([220, 1000])
        self.wall = wall
        dock = self.dock  # a workstation with a second screen: 一屏观全域 from the first start
        second = dock is not None and other_screen(dock.window()) is not None
        if first_start and second and not self.principal.scoped and dock and not dock.isHidden():
            self.own_screen.setChecked(True)
        self.jobs.submit(
            lambda: (camera_catalogue(self.store), cameras_of_devices(self.store)),
            self._loaded,
            lambda exc: self.notify(self.tr("Cameras not loaded: %1").replace("%1", str(exc))),
        )

    def _loaded(self, found: tuple[list[CameraEntry], dict[str, tuple[str, ...]]]) -> None:
        entries, self.links = found
        self.urls = {e.id: e.main_url or e.sub_url for e in entries}
        self.browser.set_cameras(entries)
        assert self.wall is not None
        self.wall.set_cameras([tile_camera(e) for e in entries])
        self._on_layout_changed(self.wall.layout_name)  # a saved view's cameras
        if self.pending_camera:
            self.show_camera(self.pending_camera)

    # --- alarm linkage -------------------------------------------------------------

    def on_alarms(self, alarms: list[QueuedAlarm]) -> None:
        """The queue as loaded: new alarms whose rule pops up their camera do so."""
        if self.seen is None:  # what was open at start-up stays where it is
            self.seen = {a.id for a in alarms}
            return
        for alarm in alarms:
            if alarm.id in self.seen:
                continue
            self.seen.add(alarm.id)
            rule = self.rules.match(alarm.kind, alarm.alarm_type)
            cameras = self.links.get(alarm.device_id, ())
            if rule is not None and rule.popup and cameras and self.wall is not None:
                text = f"{alarm.label} · {alarm.device_name or alarm.device_id}"
                self.wall.show_alarm(cameras[0], alarm.id, text)
                url = self.urls.get(cameras[0])
                if self.clips is not None and url:
                    self.clips.record(cameras[0], url, alarm)

    # --- cameras shown large ---------------------------------------------------------

    def show_camera(self, camera_id: str) -> None:
        """A camera asked for by name (tree, device card): full size on the wall."""
        wall = self.wall
        if wall is None or not wall.has_cameras:
            self.pending_camera = camera_id  # once the cameras are loaded
            return
        self.pending_camera = None
        wall.show_camera(camera_id)

    # --- snapshots -----------------------------------------------------------------

    def _on_context_menu(self, at: QPoint) -> None:
        wall = self.wall
        camera = wall.camera_at(at) if wall is not None else None
        if wall is None or camera is None:
            return
        order = self.orders.current_order
        menu = QMenu(wall)
        menu.addAction(self.tr("Save snapshot"), lambda: self.snapshot(camera, None))
        if order is not None and order.is_open:
            to_order = menu.addAction(
                self.tr("Snapshot to work order %1").replace("%1", order.number),
                lambda: self.snapshot(camera, order.id),
            )
            to_order.setObjectName("snapshotToOrder")
        menu.addSeparator()
        menu.addAction(self.tr("Save this view as…"), self._ask_view_name)
        menu.popup(wall.mapToGlobal(at))

    def snapshot(self, camera_id: str, order_id: int | None) -> Path | None:
        """A PNG of the camera as shown; with ``order_id`` also attached to the order."""
        path = self.wall.snapshot(camera_id) if self.wall is not None else None
        if path is None:
            self.notify(self.tr("No picture from %1 yet").replace("%1", camera_id))
            return None
        if order_id is None:
            self.notify(self.tr("Snapshot saved: %1").replace("%1", str(path)))
            return path
        p, desk = self.principal, self.orders.service

        def attach() -> Any:
            refs = self.pictures.add_files([path], p.login)
            return desk.attach(p, order_id, refs, f"{camera_id} {path.stem}")

        self.jobs.submit(attach, self._attached, self.orders.failed)
        return path

    # --- saved views ---------------------------------------------------------------

    def _ask_view_name(self) -> None:
        name, ok = QInputDialog.getText(
            self.panel, self.tr("Save view"), self.tr("Name of this layout and its cameras:")
        )
        if ok and name.strip():
            self.save_view(name.strip())

    def save_view(self, name: str) -> None:
        """The wall's layout and the camera of each tile on this page, by name, in
        the workstation's settings and the layout list."""
        wall = self.wall
        if wall is None:
            return
        now, shown = wall.current_view()
        layout = WallLayout(name, now.rows, now.cols, now.cells)
        cameras = shown[: layout.size]
        self.views[name] = cameras
        s = keys.settings()
        raw = s.value(keys.VIDEO_CUSTOM_LAYOUTS, "")
        s.setValue(keys.VIDEO_CUSTOM_LAYOUTS, with_view(raw, layout, cameras))
        wall.add_layout(layout)
        wall.set_layout(name)
        self.notify(self.tr("View %1 saved").replace("%1", name))

    def _on_layout_changed(self, name: str) -> None:
        keys.settings().setValue(keys.VIDEO_LAYOUT, name)
        wall = self.wall
        if wall is None:
            return
        if name in self.views or self.view_shown:  # a view's cameras are its own
            wall.clear_placements()
        self.view_shown = name in self.views
        for slot, camera in enumerate(self.views.get(name, [])):
            if camera and wall.has_camera(camera):
                wall.place(slot, camera)

    def _attached(self, order: Any) -> None:
        self.notify(self.tr("Snapshot attached to %1").replace("%1", order.number))
        self.orders.load_detail(order.id)

    def close(self) -> None:
        if self.clips is not None:
            self.clips.close()
        if self.own_screen.isChecked():
            self.set_own_screen(False)
        if self.view_menu is not None:
            self.view_menu.removeAction(self.own_screen)
        if self.wall is not None:
            self.wall.close()
