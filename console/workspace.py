"""What a signed-in user works with: the window's areas wired to the store.

Built once the user is known (demo: at once; otherwise after sign-in) and
closed before the window goes.  Each area has its controller; they share one
database worker (``Jobs``)."""

from __future__ import annotations

import logging
import os
from collections import Counter
from datetime import date

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QVBoxLayout

from console.admin_controller import start_admin
from console.alarm_clips import AlarmClips
from console.alerts_controller import AlertsController
from console.dashboard_controller import DashboardController
from console.evidence_controller import EvidenceController
from console.jobs import Jobs
from console.main_window import MainWindow
from console.orders_controller import OrdersController
from console.report_flow import ReportFlow
from console.video_controller import VideoController
from console.workstation import console_name
from services.access.permissions import EVIDENCE, may
from services.alarms.rules import RuleSet
from services.db.store import Store
from services.district.map import device_details, load_district_map
from services.domain import (
    Category,
    Principal,
    Priority,
    QueuedAlarm,
    category_for_kind,
    priority_for_severity,
)
from services.stats.buckets import local_day
from widgets.alerts.queue import AlertQueuePanel
from widgets.dashboard.panel import DashboardPanel
from widgets.labels import label
from widgets.map.device_card import DeviceCard
from widgets.map.grid_map import GridMap
from widgets.orders.desk import WorkOrderDesk
from widgets.orders.form import OrderForm

log = logging.getLogger(__name__)
MESSAGE_MS = 8000
MAP_FOLLOWS_MS = 250  # the map redraws its markers at most this often in a flood
#: Print a line once the window is usable (tests/bench/bench_console.py times it).
READY_ENV = "YOUYI_REPORT_READY"


class Workspace:
    def __init__(
        self,
        window: MainWindow,
        store: Store,
        principal: Principal,
        lang: str,
        grids: list[str],
    ) -> None:
        self.window, self.store, self.principal = window, store, principal
        self.jobs = Jobs()
        self.rules = RuleSet.load()
        self.alert_panel = AlertQueuePanel()
        window.set_panel("alerts", self.alert_panel)
        self.alerts = AlertsController(
            store, principal, self.alert_panel, self.jobs, self.notify, lang
        )
        shown = sorted(principal.grids) if principal.scoped else grids
        self.desk = WorkOrderDesk(shown)
        window.set_panel("orders", self.desk)
        self.orders = OrdersController(store, principal, self.desk, self.jobs, self.notify)
        self.map = GridMap()
        window.set_panel("map", self.map)
        self.video = VideoController(
            store, principal, self.jobs, self.orders, self.rules, self.notify, self.show_alarm
        )
        window.set_panel("video", self.video.panel)
        self.video.clips = AlarmClips(store, principal, self.jobs, self.notify, console_name())
        self.video.attach_to(window.docks["video"], window.view_menu)
        self._on_language = window.language_chosen.connect(lambda _c: self.video.retranslate())
        self._map_due = QTimer(self.map)  # the map follows the queue, a few times a second
        self._map_due.setSingleShot(True)
        self._map_due.setInterval(MAP_FOLLOWS_MS)
        self._map_due.timeout.connect(self._show_alarms_on_map)
        self._ready_said = False
        self.alert_panel.alarms_applied.connect(self._on_alarms_applied)
        self.alert_panel.unacknowledged_changed.connect(window.set_unacknowledged)
        self.alert_panel.raise_order_requested.connect(self.raise_order_for_alarm)
        self.map.cell_clicked.connect(self.filter_to_cell)
        self.map.alarm_clicked.connect(self.alert_panel.select_alarm)
        self.map.device_clicked.connect(self._on_device_clicked)
        self.alert_panel.grid_filter_cleared.connect(lambda: self.filter_to_cell(""))
        self.alert_panel.show_on_map_requested.connect(self.map.center_on_alarm)
        self.stats_panel = DashboardPanel()  # 统计, and the big screen (F10)
        window.set_panel("dashboard", self.stats_panel)
        self.stats = DashboardController(store, principal, self.stats_panel, self.jobs, self.notify)
        self.stats.attach(
            window,
            window.docks["dashboard"],
            self.filter_to_cell,
            self.alert_panel.set_text_filter,
            self.filter_to_day,
            lambda: dict(Counter(a.grid for a in self.alert_panel.alarms() if a.grid)),
        )
        self.stats_panel.category_clicked.connect(self.filter_to_category)
        self.stats_panel.device_clicked.connect(self._on_device_clicked)
        self.desk.day_cleared.connect(lambda: self.clear_day())
        self.alert_panel.day_filter_cleared.connect(lambda: self.clear_day())
        self.report = ReportFlow(window, store, principal, self.jobs, self.notify)
        window.report_action.triggered.connect(self.report.open)
        window.report_action.setEnabled(True)
        self.device_window: QDialog | None = None
        self.evidence: EvidenceController | None = None
        self._start_evidence(shown)
        self.admin = start_admin(window, store, principal, self.jobs, console_name())
        self.device_card: DeviceCard | None = None
        window.set_user(principal)
        if principal.scoped and not window.layout_restored:
            # A grid supervisor on a laptop: the queue, map and desk of their grids
            # get the screen; the district's video wall is one click away (View menu).
            window.docks["video"].hide()

    def start(self) -> None:
        self.jobs.submit(lambda: load_district_map(self.store), self.map.set_district)
        self.alerts.start()
        self.orders.start()
        self.video.start()
        self.stats.start()
        log.info("workspace of %s (%s) started", self.principal.login, self.principal.role.value)

    def filter_to_cell(self, code: str) -> None:
        """A click on a cell (or clearing it): the queue, the desk and the map follow."""
        self.alert_panel.set_grid_filter(code or None)
        self.desk.set_grid(code or None)
        self.map.select_cell(code or None)

    def filter_to_day(self, day: date) -> None:
        """A click on a day in the statistics: the desk (every state) and the
        queue show what was raised that day, and the desk comes forward."""
        self.desk.set_day(day)
        self.alert_panel.set_day_filter(day)
        self._show_alarms_on_map()
        self.window.docks["orders"].raise_()
        said = QCoreApplication.translate("Workspace", "Orders and alarms raised on %1")
        self.notify(said.replace("%1", day.isoformat()))

    def clear_day(self) -> None:
        """The day's chip cleared at the desk or the queue: every day again, everywhere."""
        self.desk.set_day(None)
        self.alert_panel.set_day_filter(None)
        self._show_alarms_on_map()

    def filter_to_category(self, category: str) -> None:
        """A click on a category in the statistics: the desk shows its orders."""
        self.desk.set_category(category)
        self.window.docks["orders"].raise_()

    def _on_alarms_applied(self, alarms: list[QueuedAlarm]) -> None:
        if not self._ready_said:
            self._ready_said = True
            self._show_alarms_on_map()  # the first load at once
            if os.environ.get(READY_ENV):
                print("ready: window shown, alert queue loaded", flush=True)  # start-up bench
        elif not self._map_due.isActive():
            self._map_due.start()
        self.video.on_alarms(alarms)

    def _show_alarms_on_map(self) -> None:
        """The queue's alarms on the map, of the day chosen in the statistics if any."""
        alarms = self.alert_panel.alarms()
        day = self.alert_panel.proxy.day
        if day is not None:
            alarms = [a for a in alarms if local_day(a.first_seen) == day]
        self.map.set_alarms(alarms)
        self.map.set_cell_load(dict(Counter(a.grid for a in alarms if a.grid)))

    def _on_device_clicked(self, device_id: str) -> None:
        """The device's card (details, recent alerts, linked cameras) beside the map."""
        lang = self.alerts.lang()
        self.jobs.submit(
            lambda: device_details(self.store, device_id, lang=lang),
            self._show_device,
            lambda exc: self.notify(str(exc)),
        )

    def _show_device(self, details: object) -> None:
        if self.device_window is None:
            self.device_window = QDialog(self.window)
            self.device_window.setObjectName("deviceWindow")
            self.device_card = DeviceCard(self.device_window)
            layout = QVBoxLayout(self.device_window)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.device_card)
            self.device_card.alarm_requested.connect(self.alert_panel.select_alarm)
            self.device_card.camera_requested.connect(self.video.show_camera)
            self.device_window.resize(460, 520)
        assert self.device_card is not None
        self.device_card.show_details(details)  # type: ignore[arg-type]
        self.device_window.show()
        self.device_window.raise_()

    def notify(self, text: str) -> None:
        self.window.show_message(text, MESSAGE_MS)

    def raise_order_for_alarm(self, alarm_id: int) -> None:
        """Review an alarm's order (the focus on its first step: Enter confirms), or
        the pre-filled order form for one without (Enter raises it).  Either way
        the alarm counts as acknowledged: the operator is on it."""
        alarm = self.alert_panel.alarm_by_id(alarm_id)
        if alarm is None or alarm.grid is None:
            return
        if alarm.needs_ack:  # the operator is on it
            self.alerts.acknowledge(alarm.id, alarm.version)
        if alarm.work_order_id:  # it has its order already: review it, Enter confirms
            self.orders.selected = self.orders.focus_on = alarm.work_order_id
            order_id = alarm.work_order_id
            shown = self.desk.selected_id() == order_id
            if shown or not self.desk.select_order(order_id):  # a new selection loads it
                self.orders.load_detail(order_id)
            return
        category, priority = self.suggest(alarm)
        place = alarm.community_name or alarm.grid
        title = f"{alarm.label}（{place} {alarm.device_name}）"
        context = f"{label('device_kind', alarm.kind)} {alarm.device_id}"
        form = OrderForm(title, alarm.grid, category, priority, context, self.window)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        title, category, priority = form.values()
        self.orders.raise_from_alarm(
            alarm.id, title, alarm.grid, category, priority, alarm.community
        )

    def suggest(self, alarm: QueuedAlarm) -> tuple[Category, Priority]:
        rule = self.rules.match(alarm.kind, alarm.alarm_type)
        if rule is not None:
            return rule.category, rule.priority
        return category_for_kind(alarm.kind), priority_for_severity(alarm.severity)

    def open_order(self, order_id: int) -> None:
        """An order asked for from elsewhere (an evidence item): shown at the desk."""
        self.orders.selected = order_id
        if not self.desk.select_order(order_id):
            self.orders.load_detail(order_id)
        self.window.docks["orders"].raise_()

    def _start_evidence(self, grids: list[str]) -> None:
        """The Evidence menu, for those who may open evidence."""
        if not may(self.principal, EVIDENCE, None):
            return
        self.evidence = EvidenceController(
            self.store,
            self.principal,
            grids,
            self.notify,
            self.open_order,
            self.map.center_on_point,
            self.window,
            console_name(),
        )
        w = self.window
        self._evidence_links = [
            w.evidence_action.triggered.connect(lambda: self.evidence.show()),
            w.evidence_import_action.triggered.connect(lambda: self.evidence.ask_import()),
        ]
        w.evidence_menu.menuAction().setVisible(True)
        self.desk.set_evidence_access(True)
        self.desk.evidence_requested.connect(self._show_evidence_of)

    def _show_evidence_of(self, order_id: int) -> None:
        if self.evidence is not None:
            self.evidence.show(order_id)

    def show_alarm(self, alarm_id: int) -> None:
        """An alarm asked for from elsewhere (a video tile): selected and on the map."""
        if self.alert_panel.select_alarm(alarm_id):
            self.map.center_on_alarm(alarm_id)

    def close(self) -> None:
        self.window.language_chosen.disconnect(self._on_language)
        if self.device_window is not None:
            self.device_window.close()
            self.device_window.deleteLater()
        if self.evidence is not None:
            self.window.evidence_action.triggered.disconnect(self._evidence_links[0])
            self.window.evidence_import_action.triggered.disconnect(self._evidence_links[1])
            self.evidence.close()
        if self.admin is not None:
            self.admin.close()
        self.video.close()
        self.stats.close()
        self.report.close()
        self.alerts.close()
        self.orders.close()
        self.jobs.close()
