"""Wires the dashboard dock (and the big screen) to the store.

The figures (``services.stats.dashboard.load_dashboard``) are read off the GUI
thread (``Jobs``) when the dock is first shown, every minute while it is shown
(every ten seconds on the live last hour), and when the change feed says orders
or alarms changed: changes arriving together cost one read (a short quiet
period, then one load; one load in flight at a time).  The grid cells chosen in
the dock narrow the figures, within the cells the person may see."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow

from console import settings as keys
from console.bigscreen import BigScreen
from console.jobs import Jobs
from services.db.store import Store
from services.district.grids import grid_names
from services.district.map import load_district_map
from services.domain import (
    Change,
    Dashboard,
    DistrictMap,
    Principal,
    SeriesWanted,
)
from services.stats.dashboard import load_dashboard, series_window
from widgets.dashboard.panel import DashboardPanel
from widgets.labels import label
from widgets.video.wall_popup import other_screen

log = logging.getLogger(__name__)

REFRESH_MS = 60_000  # every minute while shown
LIVE_MS = 10_000  # the last hour, live
QUIET_MS = 1500  # changes arriving within this wait for one read
WATCHED = frozenset({"work_orders", "alarms", "alerts", "*"})


class DashboardController(QObject):
    """Loads the dashboard when shown, each minute, and after changes (coalesced)."""

    loaded = Signal(object)  # the Dashboard just shown (the big screen follows it)
    _changed = Signal()  # emitted from the change feed's thread

    def __init__(
        self,
        store: Store,
        principal: Principal,
        panel: DashboardPanel,
        jobs: Jobs,
        notify: Callable[[str], None],
    ) -> None:
        super().__init__(panel)
        self.store, self.principal, self.panel, self.jobs = store, principal, panel, jobs
        self.notify = notify
        self.scope: frozenset[str] | None = frozenset(principal.grids) if principal.scoped else None
        self.grids = self.scope  # what the figures count: the scope, or the cells chosen
        self.wanted = SeriesWanted()
        self.loads = 0
        self.dashboard: Dashboard | None = None
        self.shown = False
        self.dock: QDockWidget | None = None
        self.big: BigScreen | None = None
        self.on_grid: Callable[[str], None] = lambda _g: None
        self.alarm_load: Callable[[], dict[str, int]] = dict
        self._busy = self._again = False
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.reload)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self.reload)
        self._changed.connect(self._on_changed, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = store.subscribe(self._on_change)
        panel.range_chosen.connect(self._on_range)
        panel.grids_chosen.connect(self.choose_grids)
        panel.series_chosen.connect(self._on_series)
        panel.window_wanted.connect(self._on_window)

    def attach(
        self,
        window: QMainWindow,
        dock: QDockWidget,
        on_grid: Callable[[str], None],
        on_kind: Callable[[str], None],
        on_day: Callable[[date], None],
        alarm_load: Callable[[], dict[str, int]],
    ) -> None:
        """Follow the dock's visibility, hand clicks on, answer F10 (``big_screen_action``);
        ``alarm_load`` gives the open alarms per grid cell for the big screen's map."""
        self.window, self.dock, self.on_grid = window, dock, on_grid
        self.alarm_load = alarm_load
        self._dock_link = dock.visibilityChanged.connect(lambda _v: self._update_shown())
        self.panel.grid_clicked.connect(on_grid)
        self.panel.kind_clicked.connect(lambda kind: on_kind(label("device_kind", kind)))
        self.panel.day_clicked.connect(on_day)
        action = window.big_screen_action  # type: ignore[attr-defined]
        self._big_link = action.triggered.connect(self.toggle_big_screen)
        action.setEnabled(True)

    def start(self) -> None:
        scope = self.scope
        self.jobs.submit(
            lambda: [(c, n) for c, n in grid_names(self.store) if scope is None or c in scope],
            self.panel.grid_chooser.set_cells,
        )
        self._update_shown()

    def choose_grids(self, chosen: frozenset[str]) -> None:
        """Count only ``chosen`` (empty: every cell of the scope), then reload."""
        if not chosen:
            self.grids = self.scope
        else:
            self.grids = chosen if self.scope is None else chosen & self.scope
        self.reload()

    def _on_range(self, span: str) -> None:
        self._refresh.setInterval(LIVE_MS if span == "hour" else REFRESH_MS)
        self.reload()

    def _on_window(self, start: float, end: float) -> None:
        """The person zoomed the curve in: its window read in detail."""
        shown = self.panel.series.series
        if shown is None:
            return
        store, device, metric = self.store, shown.device_id, shown.metric
        since, until = (datetime.fromtimestamp(t, UTC) for t in (start, end))
        self.jobs.submit(
            lambda: series_window(store, device, metric, since, until),
            self.panel.series.set_detail,
            lambda exc: log.warning("curve detail not loaded: %s", exc),
        )

    def _on_series(self, wanted: SeriesWanted) -> None:
        self.wanted = wanted
        self.reload()

    def _update_shown(self) -> None:
        dock_shown = self.dock is not None and self.dock.isVisible()
        self.set_shown(dock_shown or (self.big is not None and self.big.isVisible()))

    # --- the big screen ---------------------------------------------------------------

    def toggle_big_screen(self) -> None:
        """Open the big screen (on a screen of its own if there is one), or leave it."""
        if self.big is not None:
            self.big.close()
            return
        folder = str(keys.settings().value(keys.BIGSCREEN_NOTICE_FOLDER, "") or "")
        self.big = BigScreen(Path(folder) if folder else None)
        self.big.grid_clicked.connect(self.on_grid)
        self.big.closed.connect(self._on_big_closed)
        if self.dashboard is not None:
            self.big.show_dashboard(self.dashboard)
        big = self.big

        def drawn(district: DistrictMap) -> None:
            big.set_district(district)
            big.set_alarm_load(self.alarm_load())

        self.jobs.submit(lambda: load_district_map(self.store), drawn)
        window = self.panel.window()
        big.open_on(other_screen(window) or window.screen())
        self._update_shown()

    def _on_big_closed(self) -> None:
        big, self.big = self.big, None
        if big is not None:
            big.deleteLater()
        self._update_shown()

    def set_shown(self, shown: bool) -> None:
        """The dock (or the big screen) shown or hidden: load now and each minute
        while shown; nothing while hidden."""
        if shown == self.shown:
            return
        self.shown = shown
        if shown:
            self._refresh.start()
            self.reload()
        else:
            self._refresh.stop()
            self._quiet.stop()

    def close(self) -> None:
        if self.big is not None:
            self.big.close()
        if self.dock is not None:
            self.dock.visibilityChanged.disconnect(self._dock_link)  # the dock outlives us
            action = self.window.big_screen_action  # type: ignore[attr-defined]
            action.triggered.disconnect(self._big_link)
            action.setEnabled(False)
        self._unsubscribe()
        self._refresh.stop()
        self._quiet.stop()

    def _on_change(self, change: Change) -> None:  # any thread
        if change.table in WATCHED:
            self._changed.emit()

    def _on_changed(self) -> None:
        if self.shown and not self._quiet.isActive():
            self._quiet.start()

    def reload(self) -> None:
        """Read the figures again (one read in flight; one more queued at most)."""
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        store, grids, span, wanted = self.store, self.grids, self.panel.chosen_range(), self.wanted
        if self.big is not None:
            span = "day"  # the big screen speaks of today
        self.jobs.submit(
            lambda: load_dashboard(store, grids, span, wanted=wanted), self._loaded, self._failed
        )

    def _loaded(self, dashboard: Dashboard) -> None:
        self.loads += 1
        self.dashboard = dashboard
        self.panel.show_dashboard(dashboard)
        if self.big is not None:
            self.big.show_dashboard(dashboard)
            self.big.set_alarm_load(self.alarm_load())
        self.loaded.emit(dashboard)
        self._done()

    def _failed(self, exc: BaseException) -> None:
        log.warning("dashboard not loaded: %s", exc, exc_info=exc)
        self.notify(self.tr("Statistics not loaded: %1").replace("%1", str(exc)))
        self._done()

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self.reload()
