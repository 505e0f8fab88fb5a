"""Wires the dashboard dock (and the big screen) to the store.

The figures are read off the GUI thread (``Jobs``) when the dock is first
shown, every minute while it is shown, and when the change feed says orders or
alarms changed: changes arriving together cost one read (a short quiet period,
then one load; one load in flight at a time).  The aggregates are
``services.stats``'s; this module only puts them into the plain records of
``services.domain.stats`` (and picks the arc-fault sensor to plot: the one
with the most alarms)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow
from sqlalchemy import func, select

from console import settings as keys
from console.bigscreen import BigScreen
from console.jobs import Jobs
from services.db.models import Alarm, Device, Telemetry, table_of
from services.db.store import Store
from services.district.map import load_district_map
from services.domain import (
    AlertCount,
    Change,
    Dashboard,
    DayOrders,
    DeviceHealth,
    DistrictMap,
    GridRank,
    OrderFigures,
    Principal,
    Series,
)
from services.stats.alert_counts import alert_total, alerts_by_kind
from services.stats.buckets import local_day, local_midnight
from services.stats.device_health import health_by_kind, silent_devices
from services.stats.order_counts import order_facts
from services.stats.order_days import grid_ranking, orders_per_day
from services.stats.telemetry_series import series
from widgets.dashboard.panel import DashboardPanel
from widgets.labels import label
from widgets.video.wall_popup import other_screen

log = logging.getLogger(__name__)

REFRESH_MS = 60_000  # every minute while shown
QUIET_MS = 1500  # changes arriving within this wait for one read
WATCHED = frozenset({"work_orders", "alarms", "alerts", "*"})
SPANS = {"day": (timedelta(days=1), "hour", 3600), "month": (timedelta(days=30), "day", 86400)}
SERIES_DAYS = 7  # the arc-fault curve: the last week of the busiest sensor
SERIES_POINTS = 2000  # buckets over that week (each drawn as its low and high)
SERIES_METRIC, SERIES_UNIT, SERIES_THRESHOLD = "residual_current_ma", "mA", 300.0

_dev, _tel, _alarm = table_of(Device), table_of(Telemetry), table_of(Alarm)


def load_dashboard(
    store: Store, grids: Collection[str] | None, span: str = "day", now: datetime | None = None
) -> Dashboard:
    """Everything the dashboard shows, for ``grids`` (None: the whole district)."""
    now = now or datetime.now(UTC)
    length, bucket, seconds = SPANS.get(span, SPANS["day"])
    alerts, days, ranks, headline = _order_figures(store, grids, now, now - length, bucket)
    health, curve = device_health(store, grids, now), arc_series(store, grids, now)
    return Dashboard(now, seconds, alerts, days, ranks, headline, health, curve, since=now - length)


def _order_figures(
    store: Store, grids: Collection[str] | None, now: datetime, since: datetime, bucket: str
) -> tuple[tuple[AlertCount, ...], tuple[DayOrders, ...], tuple[GridRank, ...], OrderFigures]:
    """Alerts per bucket, orders per day over 30 days, the ranking, the headline
    figures: ``services.stats``'s aggregates as the dashboard's records."""
    if bucket == "hour":
        since = since.replace(minute=0, second=0, microsecond=0)
    else:
        since = local_midnight(local_day(since))
    alerts = tuple(
        AlertCount(c.bucket, c.kind, c.count)
        for c in alerts_by_kind(store, since, now, grids, bucket)  # type: ignore[arg-type]
    )
    month = local_midnight(local_day(now) - timedelta(days=29))
    facts = order_facts(store, month, now, grids, now=now)
    days = tuple(
        DayOrders(d.day, d.opened, d.closed, d.backlog)
        for d in orders_per_day(store, month, now, facts, grids)
    )
    ranks = tuple(
        GridRank(r.grid, r.open, r.overdue, r.closed, r.on_time_rate, r.median_hours, r.name)
        for r in grid_ranking(store, facts, grids)
    )
    totals = facts.counts()
    headline = OrderFigures(
        opened_today=days[-1].opened if days else 0,
        closed_today=days[-1].closed if days else 0,
        open_now=sum(r.open for r in ranks),
        overdue_now=sum(r.overdue for r in ranks),
        on_time_rate=totals.on_time_rate,
        median_hours=totals.median_hours_to_close,
        p90_hours=totals.p90_hours_to_close,
        alerts_today=alert_total(store, local_midnight(local_day(now)), now, grids),
    )
    return alerts, days, ranks, headline


def device_health(
    store: Store, grids: Collection[str] | None, now: datetime
) -> tuple[DeviceHealth, ...]:
    """Devices per kind: online, offline, and silent longer than their interval
    (``services.stats.device_health``, summed over communities)."""
    counts: dict[str, list[int]] = {}
    for h in health_by_kind(store, grids):
        row = counts.setdefault(h.kind, [0, 0, 0])
        row[0] += h.online
        row[1] += h.offline
    silent = {d.id: d.kind for d in silent_devices(store, now)}
    if silent:  # of those, the ones counted online (the never heard are offline)
        q = select(_dev.c.id).where(_dev.c.online.is_(True), _dev.c.id.in_(sorted(silent)))
        if grids is not None:
            q = q.where(_dev.c.grid_code.in_(sorted(grids)))
        with store.reading() as conn:
            for device_id in conn.execute(q).scalars():
                counts[silent[device_id]][2] += 1
    return tuple(DeviceHealth(k, *v) for k, v in sorted(counts.items()))


def arc_series(store: Store, grids: Collection[str] | None, now: datetime) -> Series | None:
    """The residual current of the arc-fault sensor with the most alarms (else the
    first with measurements) over the last week, each bucket's lowest and highest
    value (``services.stats.telemetry_series``), with its alarms and threshold."""
    since = now - timedelta(days=SERIES_DAYS)
    with store.reading() as conn:
        sensors = select(_dev.c.id).where(_dev.c.kind == "arc_fault")
        if grids is not None:
            sensors = sensors.where(_dev.c.grid_code.in_(sorted(grids)))
        busiest = conn.execute(
            select(_alarm.c.device_id)
            .where(_alarm.c.device_id.in_(sensors))
            .group_by(_alarm.c.device_id)
            .order_by(func.count().desc(), _alarm.c.device_id)
            .limit(1)
        ).scalar()
        measured = select(_tel.c.device_id).where(
            _tel.c.device_id.in_(sensors), _tel.c.metric == SERIES_METRIC
        )
        device = busiest or conn.execute(measured.limit(1)).scalar()
    if device is None:
        return None
    found = series(store, str(device), SERIES_METRIC, since, now, max_points=SERIES_POINTS)
    times: list[float] = []
    values: list[float] = []
    half = found.bucket_s / 2
    for p in found.points:  # each bucket's low and high, so that peaks stay
        start = p.at.timestamp()
        times += [start, start + half] if half else [start]
        values += [p.min, p.max] if half else [p.max]
    threshold = found.threshold if found.threshold is not None else SERIES_THRESHOLD
    return Series(
        device_id=str(device),
        metric=SERIES_METRIC,
        unit=SERIES_UNIT,
        times=tuple(times),
        values=tuple(values),
        alarms=tuple(a.timestamp() for a in found.alarms),
        thresholds=(threshold,),
    )


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
        self.grids: frozenset[str] | None = frozenset(principal.grids) if principal.scoped else None
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
        panel.range_chosen.connect(lambda _span: self.reload())

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
        self._update_shown()

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
        store, grids, span = self.store, self.grids, self.panel.chosen_range()
        if self.big is not None:
            span = "day"  # the big screen speaks of today
        self.jobs.submit(lambda: load_dashboard(store, grids, span), self._loaded, self._failed)

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
