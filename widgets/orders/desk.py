"""The work-order desk: filters over a lazy table of orders, the selected
order's detail beside it.  Filters become an ``OrderFilter`` (typing is
debounced); selecting an order emits ``order_selected(id)``; the console loads
the detail and answers with ``detail.show_order``.  A day (``set_day``, a click
in the statistics) narrows the list to the orders raised that day, in every
state, shown as a chip in the filter bar that clears it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.domain import (
    CLOSED_STATES,
    Category,
    OrderAction,
    OrderEvent,
    OrderFilter,
    OrderState,
    Priority,
    WorkOrder,
)
from widgets.combos import refill
from widgets.labels import codes, label
from widgets.orders.detail import OrderDetail
from widgets.orders.model import OrderRole, OrderTableModel

TYPING_MS = 250
SEARCH_MIN = 100  # pixels: the start of an order number, at the least
#: Widest typical text of each column (the title stretches).
SAMPLES = {
    0: "YY-20261124-0000",
    2: "已反馈待核查",
    3: "紧急程度",
    4: "非机动车停放",
    5: "G00",
    6: "elevator-maint",
    7: "11-24 00:00",
    8: "11-24 00:00",
}
PRESETS = ("open", "overdue", "mine", "closed", "all")
OPEN_PRESETS = ("open", "overdue", "mine")  # the presets of open orders only


class WorkOrderDesk(QWidget):
    """The order table with its filters and the selected order's detail.

    Out: ``order_selected``, ``page_wanted`` (token, OrderFilter, after),
    ``move_requested`` (MoveRequest), ``action_requested`` (ActionRequest),
    ``photos_wanted`` (attachment references).  In: pages, orders changed, the
    selected order's detail; nothing else of its insides is the console's."""

    order_selected = Signal(int)  # 0: none
    page_wanted = Signal(int, object, object)
    move_requested = Signal(object)
    action_requested = Signal(object)
    photos_wanted = Signal(list)
    evidence_requested = Signal(int)  # order id
    day_cleared = Signal()  # the person cleared the day (its chip)

    def __init__(self, grids: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workOrderDesk")
        self.model = OrderTableModel(self)
        self.preset = QComboBox(self)
        self.grid_box = QComboBox(self)
        self.category_box = QComboBox(self)
        self.priority_box = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(SEARCH_MIN)  # a day's chip beside it leaves room to type
        self.day_chip = QToolButton(self)  # "2026-11-30 raised ✕": why the list is narrowed
        self.day_chip.setObjectName("orderDayChip")
        self.day_chip.hide()
        self.day_chip.clicked.connect(self._on_day_chip_clicked)
        self._day: date | None = None
        self._preset_before: str | None = None  # the preset a day replaced, put back after
        self._grids = grids
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._typing.start)
        for box in (self.preset, self.grid_box, self.category_box, self.priority_box):
            box.currentIndexChanged.connect(self.apply_filter)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)

        self.table = QTableView(self)
        self.table.setObjectName("orderTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in SAMPLES.items():  # widths that fit, before any row is there
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.detail = OrderDetail(self)
        self.model.page_wanted.connect(self.page_wanted)
        self.detail.move_requested.connect(self.move_requested)
        self.detail.action_requested.connect(self.action_requested)
        self.detail.photos_wanted.connect(self.photos_wanted)
        self.detail.evidence_requested.connect(self.evidence_requested)

        bar = QHBoxLayout()
        for w in (self.preset, self.grid_box, self.category_box, self.priority_box):
            bar.addWidget(w)
        bar.addWidget(self.day_chip)
        bar.addWidget(self.search, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.focus_search)
        self._retranslate()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> OrderFilter:
        preset = self.preset.currentData() or "open"
        flt = OrderFilter(open_only=preset in OPEN_PRESETS, raised_on=self._day)
        if preset == "overdue":
            flt = replace(flt, overdue_only=True)
        elif preset == "mine":
            flt = replace(flt, mine=True)
        elif preset == "closed":
            flt = replace(flt, open_only=False, states=CLOSED_STATES)
        grid = self.grid_box.currentData()
        if grid:
            flt = replace(flt, grids=frozenset({grid}))
        category = self.category_box.currentData()
        if category:
            flt = replace(flt, categories=frozenset({Category(category)}))
        priority = self.priority_box.currentData()
        if priority:
            flt = replace(flt, priorities=frozenset({Priority(priority)}))
        return replace(flt, text=self.search.text().strip())

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter or not self.model.rowCount():
            self.model.set_filter(flt)

    # --- fed by the console ---------------------------------------------------------

    def add_page(self, token: int, orders: Sequence[WorkOrder]) -> None:
        """A page asked for by ``page_wanted`` (dropped if the filter changed since)."""
        self.model.add_page(token, orders)

    def page_failed(self, token: int) -> None:
        self.model.page_failed(token)

    def listing(self) -> tuple[int, OrderFilter]:
        """The token and filter of the list shown (for ``add_newer``)."""
        return self.model.token, self.model.filter

    def add_newer(self, token: int, orders: Sequence[WorkOrder]) -> int:
        """The first page read again: orders raised since go on top; returns how many."""
        return self.model.add_newer(token, orders)

    def refresh_orders(self, orders: Sequence[WorkOrder]) -> None:
        """Orders as they are now: the rows showing them follow (never back to an
        older version)."""
        self.model.refresh_orders(orders)

    def listed_ids(self) -> list[int]:
        """The ids of the orders listed, top first."""
        return self.model.shown_ids()

    def version_of(self, order_id: int) -> int | None:
        """The version of the order as listed, None if it is not listed."""
        row = self.model.order(self.model.row_of(order_id))
        return row.version if row is not None else None

    def reload(self) -> None:
        """The list from its first page (an order raised here: it shows on top)."""
        self.model.set_filter(self.current_filter())

    def show_detail(
        self,
        order: WorkOrder | None,
        history: Sequence[OrderEvent] = (),
        allowed: Sequence[OrderState] = (),
        actions: Sequence[OrderAction] = (),
    ) -> None:
        """The selected order, its history and the steps this user may take (None: none)."""
        self.detail.show_order(order, list(history), list(allowed), list(actions))

    def set_evidence(self, order_id: int, count: int) -> None:
        """How many evidence items the shown order has (ignored for another order)."""
        if self.detail.order is not None and self.detail.order.id == order_id:
            self.detail.set_evidence(count)

    def set_evidence_access(self, may_open: bool) -> None:
        """Whether this user opens evidence (officers and administrators)."""
        self.detail.evidence_access = may_open

    def focus_first_step(self) -> None:
        self.detail.focus_first_step()

    def show_conflict(self, text: str) -> None:
        self.detail.show_conflict(text)

    @property
    def shown_order(self) -> WorkOrder | None:
        """The order the detail shows."""
        return self.detail.order

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """The units (code, name) an order may be dispatched to: the table and
        the detail show their names, the dispatch dialog offers them."""
        self.detail.set_units(units)
        self.model.set_unit_names(dict(units))

    def set_grid(self, grid: str | None) -> None:
        """Show one grid cell's orders (a click on the map), or every one's."""
        i = self.grid_box.findData(grid) if grid else 0
        self.grid_box.setCurrentIndex(max(i, 0))

    def set_category(self, category: str | None) -> None:
        """Show one category's orders (a click in the statistics), or every one's."""
        i = self.category_box.findData(category) if category else 0
        self.category_box.setCurrentIndex(max(i, 0))

    @property
    def day(self) -> date | None:
        return self._day

    def set_day(self, day: date | None) -> None:
        """Only the orders raised on this local day, in every state: an open-only
        preset gives way to "All orders" while the day is set and comes back
        when it is cleared (unless the person picked another one meanwhile)."""
        if day == self._day:
            return
        if day is not None and self._day is None:
            preset = self.preset.currentData()
            self._preset_before = preset if preset in OPEN_PRESETS else None
            if self._preset_before is not None:
                self._pick_preset("all")
        elif day is None and self._preset_before is not None:
            self._pick_preset(self._preset_before)
            self._preset_before = None
        self._day = day
        self._show_day()
        self.apply_filter()

    def _pick_preset(self, preset: str) -> None:
        self.preset.blockSignals(True)  # one filter change, by set_day
        self.preset.setCurrentIndex(max(self.preset.findData(preset), 0))
        self.preset.blockSignals(False)

    def _on_preset_changed(self) -> None:
        self._preset_before = None  # the person's own choice stands

    def _on_day_chip_clicked(self) -> None:
        self.set_day(None)
        self.day_cleared.emit()

    def _show_day(self) -> None:
        self.day_chip.setVisible(self._day is not None)
        if self._day is not None:
            self.day_chip.setText(self.tr("%1 raised  ✕").replace("%1", self._day.isoformat()))

    def select_order(self, order_id: int) -> bool:
        row = self.model.row_of(order_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def selected_id(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        order = self.model.data(rows[0], OrderRole) if rows else None
        return order.id if order is not None else 0

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        order = self.model.data(current, OrderRole) if current.isValid() else None
        self.order_selected.emit(order.id if order is not None else 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        names = {
            "open": self.tr("Open orders"),
            "overdue": self.tr("Overdue"),
            "mine": self.tr("My orders"),
            "closed": self.tr("Closed"),
            "all": self.tr("All orders"),
        }
        refill(self.preset, [(p, names[p]) for p in PRESETS], None)
        refill(self.grid_box, [(g, g) for g in self._grids], self.tr("Every grid"))
        refill(
            self.category_box,
            [(c, label("category", c)) for c in codes("category")],
            self.tr("Every category"),
        )
        refill(
            self.priority_box,
            [(p, label("priority", p)) for p in codes("priority")],
            self.tr("Every priority"),
        )
        self.search.setPlaceholderText(self.tr("Number or words of the title (Ctrl+F)"))
        self.day_chip.setToolTip(self.tr("Orders of every day again"))
        self._show_day()
