"""The video wall: cameras in tiles laid out by a ``WallLayout``, paged, toured (轮巡),
enlarged to the whole wall on a double click, and linked to alarms.

Only what is on screen decodes: the tiles of the current page play their sub streams
(a tile over more than half the wall both ways, its main stream);
tiles of other layouts are released, a hidden page (full screen) or a hidden wall (its
dock closed) stops them. Tile widgets are reused across pages and layouts, so the
number of live players always equals the visible tiles that have a camera.

The enlarged camera fills the wall itself (as a control room's video management
system does with a double-clicked pane) and plays the main stream; a double click or
Esc brings the wall back on sub streams. Keys: PgUp/PgDn pages, F11/Enter enlarges
the focused tile.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QVBoxLayout, QWidget

from widgets.video.backends import PlayerFactory
from widgets.video.layouts import BUILT_IN, WallLayout
from widgets.video.player import PlayerOptions
from widgets.video.tile import TileCamera, VideoTile
from widgets.video.wall_bar import WallBar, WallTour
from widgets.video.wall_pages import WallPages
from widgets.video.wall_popup import AlarmWindow, other_screen
from widgets.video.wall_slot import WallSlot

log = logging.getLogger(__name__)

FULL_KEYS = (Qt.Key.Key_F11, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class VideoWall(QWidget):
    alarm_clicked = Signal(int)  # alarm id
    layout_changed = Signal(str)  # layout name (for the workstation's settings)
    page_changed = Signal(int)
    tour_interval_changed = Signal(int)  # seconds, as the operator set them in the bar

    def __init__(
        self,
        factory: PlayerFactory,
        cameras: Sequence[TileCamera],
        parent: QWidget | None = None,
        *,
        layout: str = "16",
        custom_layouts: Sequence[WallLayout] = (),
        snapshot_dir: Path | None = None,
    ) -> None:
        """``layout``: the name of a built-in or custom layout (a name no longer known,
        e.g. from old settings, falls back to 16 tiles)."""
        super().__init__(parent)
        self.factory = factory
        self.pages = WallPages(cameras)
        self.layouts: dict[str, WallLayout] = dict(BUILT_IN)
        self.layouts.update((custom.name, custom) for custom in custom_layouts)
        if layout not in self.layouts:
            log.warning("wall: no layout %r; 16 tiles instead", layout)
            layout = "16"
        self.wall_layout = self.layouts[layout]
        self.snapshot_dir = snapshot_dir or platformdirs.user_pictures_path() / "youyi-snapshots"
        self.alarm_popups = True  # use a second screen for alarms when there is one
        self.slots: list[WallSlot] = []  # the first ``layout.size`` are on the wall
        self.current = 0  # the slot that keys act on when none has the focus
        self.full_slot: int | None = None
        self.popup: AlarmWindow | None = None
        self.bar = WallBar(self)
        self.bar.layout_chosen.connect(self.set_layout)
        self.bar.page_stepped.connect(lambda step: self.set_page(self.pages.page + step))
        self.bar.tour_interval_changed.connect(self.tour_interval_changed)
        self.tour = WallTour(self.bar, self)
        self.tour.due.connect(lambda: self._turn(self.pages.page + 1))
        self.grid_page = QWidget(self)
        self.grid = QGridLayout(self.grid_page)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(1)
        self.full_tile = VideoTile(None, factory)
        self.full_tile.set_main(True)
        self.full_tile.double_clicked.connect(lambda _id: self.leave_full())
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.grid_page)
        self.stack.addWidget(self.full_tile)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.bar)
        box.addWidget(self.stack, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_layout(layout)

    # -- layouts and pages ------------------------------------------------------------

    @property
    def layout_name(self) -> str:
        return self.wall_layout.name

    def layout_choices(self) -> list[WallLayout]:
        """The layouts the wall can take: the built-in ones, then the custom ones."""
        return list(self.layouts.values())

    def current_view(self) -> tuple[WallLayout, list[str | None]]:
        """The layout shown and the camera of each of its tiles on this page."""
        return self.wall_layout, [t.camera.id if t.camera else None for t in self.tiles()]

    @property
    def has_cameras(self) -> bool:
        """Whether the wall has been given any camera."""
        return bool(self.pages.by_id)

    def has_camera(self, camera_id: str) -> bool:
        return camera_id in self.pages.by_id

    def camera_at(self, point: QPoint) -> str | None:
        """The camera of the tile under ``point`` (in the wall's coordinates), or None."""
        widget = self.childAt(point)
        while widget is not None and not isinstance(widget, VideoTile):
            widget = widget.parentWidget()
        return widget.camera.id if widget is not None and widget.camera is not None else None

    def set_tour_interval(self, seconds: float) -> None:
        """The tour's pace (the bar shows it; ``tour_interval_changed`` is not emitted)."""
        self.tour.set_interval(seconds)

    def set_player_options(self, options: PlayerOptions) -> None:
        """Options for the players made from now on (a new page, layout or camera);
        those playing keep theirs."""
        self.factory.options = options

    def add_layout(self, layout: WallLayout) -> None:
        """A custom layout (replaces one of the same name)."""
        self.layouts[layout.name] = layout
        self.bar.set_layouts(list(self.layouts.values()), self.wall_layout.name)

    def set_layout(self, name: str) -> None:
        if name not in self.layouts:
            raise ValueError(f"no wall layout named {name!r}")
        self.leave_full()
        self.wall_layout = layout = self.layouts[name]
        self.pages.set_size(layout.size)
        while len(self.slots) < layout.size:
            self.slots.append(self._new_slot(len(self.slots)))
        for slot in self.slots:
            self.grid.removeWidget(slot)
        for slot, cell in zip(self.slots, layout.cells, strict=False):
            self.grid.addWidget(slot, cell.row, cell.col, cell.rowspan, cell.colspan)
            slot.tile.set_main(layout.plays_main(cell))
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 1 if row < layout.rows else 0)
        for col in range(self.grid.columnCount()):
            self.grid.setColumnStretch(col, 1 if col < layout.cols else 0)
        for slot in self.slots[layout.size :]:
            slot.hide()
            slot.clear_alarm()
            slot.tile.set_camera(None)  # drops its player
        self._fill()
        for slot in self.slots[: layout.size]:
            slot.show()
        self.current = min(self.current, layout.size - 1)
        self.bar.set_layouts(list(self.layouts.values()), name)
        self.layout_changed.emit(name)

    def set_cameras(self, cameras: Sequence[TileCamera]) -> None:
        self.pages.set_cameras(cameras)
        self._fill()

    def set_page(self, page: int) -> None:
        self.leave_full()
        self._turn(page)

    def tiles(self) -> list[VideoTile]:
        """The tiles of the layout, in its order (hidden while a camera is enlarged)."""
        return [slot.tile for slot in self.slots[: self.wall_layout.size]]

    def place(self, slot: int, camera_id: str) -> bool:
        """Put a camera in a tile of this page (kept there when paging back)."""
        if not self.pages.place(slot, camera_id):
            log.info("wall: no camera %s to place", camera_id)
            return False
        self._fill()
        return True

    def clear_placements(self) -> None:
        """Forget the cameras put on tiles by hand: the wall's own order again."""
        self.pages.placed.clear()
        self._fill()

    def _turn(self, page: int) -> None:
        self.pages.go(page)
        self._fill()
        self.page_changed.emit(self.pages.page)

    def _fill(self) -> None:
        for slot, camera in zip(self.slots, self.pages.shown(), strict=False):
            if slot.tile.camera != camera:
                slot.clear_alarm()
                slot.tile.set_camera(camera)
        self.bar.set_page(self.pages.label(), self.pages.count())

    def _new_slot(self, index: int) -> WallSlot:
        slot = WallSlot(index, self.factory, self.grid_page)
        slot.tile.double_clicked.connect(lambda _id, n=index: self.show_full(n))
        slot.camera_dropped.connect(self.place)
        slot.alarm_clicked.connect(self.alarm_clicked)
        slot.focused.connect(self._on_slot_focused)
        return slot

    # -- full screen ------------------------------------------------------------------

    def show_full(self, slot: int) -> None:
        """Enlarge a tile's camera over the whole wall, on its main stream."""
        camera = self.slots[slot].tile.camera if 0 <= slot < self.wall_layout.size else None
        if camera is None:
            return
        self.full_slot = slot
        self.tour.hold(True)  # the tour waits while a camera is enlarged
        self.full_tile.set_camera(camera)
        self.full_tile.play()
        self.stack.setCurrentWidget(self.full_tile)  # the grid hides: its tiles stop
        self.setFocus()

    def leave_full(self) -> None:
        if self.full_slot is None:
            return
        slot, self.full_slot = self.full_slot, None
        self.full_tile.release()
        self.full_tile.set_camera(None)
        self.stack.setCurrentWidget(self.grid_page)
        self.slots[slot].setFocus()
        self.tour.hold(False)

    # -- alarm linkage and snapshots -----------------------------------------------------

    def show_alarm(self, camera_id: str, alarm_id: int, text: str = "") -> bool:
        """Show an alarm's camera: in a pop-up on a second screen when there is one,
        else in a red tile of the wall (on the camera's page, or in the first tile).
        The tour stops so that the alarm stays in sight. False: unknown camera."""
        camera = self.pages.by_id.get(camera_id)
        if camera is None:
            log.warning("wall: alarm %s names unknown camera %s", alarm_id, camera_id)
            return False
        screen = self.alarm_screen()
        if screen is not None:
            if self.popup is None:
                self.popup = AlarmWindow(self.factory, self)
                self.popup.alarm_clicked.connect(self.alarm_clicked)
            self.popup.show_alarm(camera, alarm_id, text, screen)
            return True
        self.tour.stop()
        self.leave_full()
        self.slots[self._bring_up(camera_id, 0)].set_alarm(alarm_id, text)
        return True

    def show_camera(self, camera_id: str) -> bool:
        """A camera asked for by name (tree, device card): over the whole wall, on its
        main stream. False: unknown camera."""
        if camera_id not in self.pages.by_id:
            return False
        self.leave_full()
        self.show_full(self._bring_up(camera_id, self.current))
        return True

    def _bring_up(self, camera_id: str, slot: int) -> int:
        """The camera on screen: its page turned to, or put in ``slot`` of this page
        when no tile has it; returns its slot."""
        position = self.pages.find(camera_id)
        if position is None:
            self.pages.place(slot, camera_id)
            position = self.pages.page * self.pages.size + slot
        self._turn(position // self.pages.size)
        return position % self.pages.size

    def alarm_screen(self) -> QScreen | None:
        """Where alarm pop-ups go; None: alarms stay in the wall."""
        return other_screen(self) if self.alarm_popups else None

    def snapshot(self, camera_id: str) -> Path | None:
        """A PNG of the camera as shown (``<id>_<time>.png`` in ``snapshot_dir``);
        None when it is not on screen or has no picture yet."""
        for tile in self._shown_tiles():
            if tile.camera is not None and tile.camera.id == camera_id:
                path = tile.snapshot(self.snapshot_dir)
                if path is not None:
                    return path
        return None

    def _shown_tiles(self) -> list[VideoTile]:
        shown = [self.full_tile] if self.full_slot is not None else self.tiles()
        if self.popup is not None and self.popup.isVisible():
            shown.append(self.popup.slot.tile)
        return shown

    # -- keys and life ------------------------------------------------------------------

    def _on_slot_focused(self, index: int) -> None:
        self.current = index

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_PageDown:
            self.set_page(self.pages.page + 1)
        elif key == Qt.Key.Key_PageUp:
            self.set_page(self.pages.page - 1)
        elif key in FULL_KEYS and self.full_slot is None:
            self.show_full(self.current)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F11) and self.full_slot is not None:
            self.leave_full()
        else:
            super().keyPressEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        for tile in self.tiles():  # wanted again after a close
            tile.play()
        if self.full_slot is not None:
            self.full_tile.play()
        self.tour.hold(self.full_slot is not None)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.tour.hold(True)
        for tile in [self.full_tile, *(slot.tile for slot in self.slots)]:
            tile.release()
        if self.popup is not None:
            self.popup.close()
        super().closeEvent(event)
