"""Wires the work-order desk to the store for the signed-in user: pages and
details off the GUI thread, moves with their conflicts shown plainly, orders
changed at other consoles refreshed in place within a second, and orders raised
from the alert queue.

A step taken here is one job: the write (checked in its transaction) and the
order's detail read back.  The change feed then names the orders that changed
(id and version); those the desk already shows at that version (our own step)
cost nothing, those it shows older are read again by id, and only orders it
does not list yet ask for the first page again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from console.change_inbox import ChangeInbox
from console.jobs import Jobs
from services.db.store import Store
from services.domain import (
    ActionRequest,
    Category,
    Change,
    MoveRequest,
    OrderAction,
    OrderFilter,
    OrderState,
    Principal,
    Priority,
)
from services.domain import WorkOrder as OrderView
from services.errors import ConflictError, ServiceError
from services.workflow.attachments import AttachmentStore
from services.workflow.desk import OrderDesk
from services.workflow.orders import Move, NewOrder, WorkOrderService
from widgets.orders.desk import WorkOrderDesk
from widgets.orders.photo_viewer import PhotoViewer

log = logging.getLogger(__name__)
COALESCE_MS = 300
#: The order, its history, the moves and steps the user may take, its evidence count.
Detail = tuple[OrderView, list[Any], list[OrderState], list[OrderAction], int]


class OrdersController(QObject):
    _changed = Signal()  # from the change feed's thread

    def __init__(
        self,
        store: Store,
        principal: Principal,
        desk: WorkOrderDesk,
        jobs: Jobs,
        notify: Callable[[str], None],
    ) -> None:
        super().__init__(desk)
        self.store, self.principal, self.desk, self.jobs = store, principal, desk, jobs
        self.notify = notify
        self.service = OrderDesk(WorkOrderService(store))
        self.pictures = AttachmentStore(store)
        self.selected = 0
        self.focus_on = 0  # an order opened from the keyboard: focus its first step
        self.reads = 0  # jobs that read orders back after a change (the tests count them)
        self.inbox = ChangeInbox(frozenset({"work_orders"}))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.refresh_shown)
        self._changed.connect(self._timer.start, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = store.subscribe(self._on_change)
        desk.page_wanted.connect(self._on_page_wanted)
        desk.order_selected.connect(self._on_order_selected)
        desk.move_requested.connect(self._on_move_requested)
        desk.action_requested.connect(self._on_action_requested)
        desk.photos_wanted.connect(self._on_photos_wanted)

    def start(self) -> None:
        self.jobs.submit(self.service.units, self._units_loaded)
        self.desk.apply_filter()

    def close(self) -> None:
        self._unsubscribe()
        self._timer.stop()

    # --- pages and details -----------------------------------------------------

    def _on_page_wanted(self, token: int, flt: OrderFilter, after: Any) -> None:
        p = self.principal
        self.jobs.submit(
            lambda: self.service.page(p, flt, after),
            lambda orders: self.desk.add_page(token, orders),
            lambda exc: self._page_failed(token, exc),
        )

    def _page_failed(self, token: int, exc: BaseException) -> None:
        self.desk.page_failed(token)
        self.notify(self.tr("Work orders not loaded: %1").replace("%1", str(exc)))

    def _units_loaded(self, units: list[tuple[str, str]]) -> None:
        self.desk.set_units(units)

    def _on_order_selected(self, order_id: int) -> None:
        self.selected = order_id
        if not order_id:
            self.desk.show_detail(None)
            return
        self.load_detail(order_id)

    def load_detail(self, order_id: int) -> None:
        p = self.principal
        self.jobs.submit(
            lambda: self._with_evidence(self.service.detail(p, order_id)),
            self._detail_loaded,
            self.failed,
        )

    def _with_evidence(self, found: tuple[Any, ...]) -> Detail:
        """The detail with how many evidence items the order has (one more read)."""
        order, history, allowed, actions = found
        return order, history, allowed, actions, self.service.evidence_count(order)

    def _detail_loaded(self, found: Detail) -> None:
        order, history, allowed, actions, evidence = found
        if order.id == self.selected:
            self.desk.show_detail(order, history, allowed, actions)
            self.desk.set_evidence(order.id, evidence)
            if order.id == self.focus_on:
                self.focus_on = 0
                self.desk.focus_first_step()
        self.desk.refresh_orders([order])

    # --- moves ---------------------------------------------------------------------

    def _on_move_requested(self, asked: MoveRequest) -> None:
        p = self.principal

        def step() -> Detail:
            photos = list(asked.photos)
            refs = self.pictures.add_files(photos, p.login) if photos else []
            move = Move(
                asked.target,
                note=asked.note,
                attachments=refs,
                unit=asked.unit,
                outcome=asked.outcome,
            )
            order = self.service.move(p, asked.order_id, move, asked.version)
            return self._with_evidence(self.service.detail_of(p, order))

        self.jobs.submit(
            step, self._detail_loaded, lambda exc: self._move_failed(asked.order_id, exc)
        )

    def _on_action_requested(self, asked: ActionRequest) -> None:
        p, order_id, version = self.principal, asked.order_id, asked.version

        def step() -> Detail:
            if asked.action is OrderAction.FILE_AND_DISPATCH:
                order = self.service.file_and_dispatch(p, order_id, version)
            elif asked.action is OrderAction.SUPERVISE:
                order = self.service.supervise(p, order_id, version, asked.level, asked.note)
            else:
                order = self.service.escalate(p, order_id, version, asked.note)
            return self._with_evidence(self.service.detail_of(p, order))

        self.jobs.submit(step, self._detail_loaded, lambda exc: self._move_failed(order_id, exc))

    def _move_failed(self, order_id: int, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            self.desk.show_conflict(
                self.tr("This order was changed at another console; it has been reloaded.")
            )
        else:
            self.failed(exc)
        self.load_detail(order_id)

    def _on_photos_wanted(self, refs: list[str]) -> None:
        self.jobs.submit(
            lambda: [self.pictures.get(r) for r in refs], self._show_photos, self.failed
        )

    def _show_photos(self, pictures: list[Any]) -> None:
        order = self.desk.shown_order
        title = order.number if order is not None else ""
        self.viewer = PhotoViewer(title, [(p.name, p.data) for p in pictures], self.desk)
        self.viewer.show()

    def raise_from_alarm(
        self,
        alarm_id: int,
        title: str,
        grid: str,
        category: Category,
        priority: Priority,
        community: str | None,
    ) -> None:
        new = NewOrder(title, grid, category, priority, community=community, source="alarm")
        p = self.principal
        self.jobs.submit(
            lambda: self.service.raise_from_alarm(p, alarm_id, new),
            self._raised,
            self.failed,
        )

    def _raised(self, order: OrderView) -> None:
        self.notify(self.tr("Work order %1 raised").replace("%1", order.number))
        self.desk.reload()
        self.selected = self.focus_on = order.id
        QTimer.singleShot(400, self.desk, lambda: self.desk.select_order(order.id))
        self.load_detail(order.id)

    @property
    def current_order(self) -> OrderView | None:
        """The order the desk's detail shows (a snapshot may go to it)."""
        return self.desk.shown_order

    def failed(self, exc: BaseException) -> None:
        """A step that did not go through: its reason in the status bar."""
        if isinstance(exc, ServiceError):
            self.notify(str(exc))
        else:
            log.error("work-order action failed", exc_info=exc)
            self.notify(self.tr("The action failed: %1").replace("%1", str(exc)))

    # --- live ------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:  # any thread
        if self.inbox.add(change):
            self._changed.emit()

    def refresh_shown(self) -> None:
        """Orders changed somewhere: those shown older than the feed named are
        read again by id, the open detail with them; orders not listed yet (or a
        change that named none) read the first page again for new ones on top."""
        everything, stale = self.inbox.take()
        desk, p = self.desk, self.principal
        older = [i for i, v in stale.items() if not v or (desk.version_of(i) or 0) < v]
        listed = [i for i in older if desk.version_of(i) is not None]
        if everything:
            listed = desk.listed_ids()[:500]
        if everything or len(listed) < len(older):
            token, flt = desk.listing()
            self.reads += 1
            self.jobs.submit(
                lambda: self.service.page(p, flt),
                lambda orders: desk.add_newer(token, orders),
                self.failed,
            )
        if listed:
            self.reads += 1
            self.jobs.submit(
                lambda: self.service.by_ids(p, listed), desk.refresh_orders, self.failed
            )
        if self.selected and (everything or self.selected in older):
            self.load_detail(self.selected)
