"""What a signed-in user works with: the window's areas wired to the store.

Built once the user is known (demo: at once; otherwise after sign-in) and
closed before the window goes.  Each area has its controller; they share one
database worker (``Jobs``)."""

from __future__ import annotations

import logging

from console.alerts_controller import AlertsController
from console.jobs import Jobs
from console.main_window import MainWindow
from services.db.store import Store
from services.domain import Principal
from widgets.alert_queue import AlertQueuePanel

log = logging.getLogger(__name__)
MESSAGE_MS = 8000


class Workspace:
    def __init__(self, window: MainWindow, store: Store, principal: Principal, lang: str) -> None:
        self.window, self.store, self.principal = window, store, principal
        self.jobs = Jobs()
        self.alert_panel = AlertQueuePanel()
        window.set_panel("alerts", self.alert_panel)
        self.alerts = AlertsController(
            store, principal, self.alert_panel, self.jobs, self.notify, lang
        )
        self.alert_panel.model.unacknowledged_changed.connect(window.set_unacknowledged)
        window.set_user(principal)

    def start(self) -> None:
        self.alerts.start()
        log.info("workspace of %s (%s) started", self.principal.login, self.principal.role.value)

    def notify(self, text: str) -> None:
        self.window.status.showMessage(text, MESSAGE_MS)

    def close(self) -> None:
        self.alerts.close()
        self.jobs.close()
