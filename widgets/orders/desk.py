"""The work-order desk: filters over a lazy table of orders, the selected
order's detail beside it.  Filters become an ``OrderFilter`` (typing is
debounced); selecting an order emits ``order_selected(id)``; the console loads
the detail and answers with ``detail.show_order``."""

from __future__ import annotations

from dataclasses import replace

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
    QVBoxLayout,
    QWidget,
)

from services.domain import CLOSED_STATES, Category, OrderFilter, Priority
from widgets.labels import codes, label
from widgets.orders.detail import OrderDetail
from widgets.orders.model import OrderRole, OrderTableModel

TYPING_MS = 250
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


class WorkOrderDesk(QWidget):
    order_selected = Signal(int)  # 0: none

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
        self._grids = grids
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._typing.start)
        for box in (self.preset, self.grid_box, self.category_box, self.priority_box):
            box.currentIndexChanged.connect(self.apply_filter)

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

        bar = QHBoxLayout()
        for w in (self.preset, self.grid_box, self.category_box, self.priority_box):
            bar.addWidget(w)
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
        flt = OrderFilter(open_only=preset in ("open", "overdue", "mine"))
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

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """The units (code, name) an order may be dispatched to: the table and
        the detail show their names, the dispatch dialog offers them."""
        self.detail.set_units(units)
        self.model.set_unit_names(dict(units))

    def set_grid(self, grid: str | None) -> None:
        """Show one grid cell's orders (a click on the map), or every one's."""
        i = self.grid_box.findData(grid) if grid else 0
        self.grid_box.setCurrentIndex(max(i, 0))

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
        self._fill(self.preset, [(p, names[p]) for p in PRESETS], None)
        self._fill(self.grid_box, [(g, g) for g in self._grids], self.tr("Every grid"))
        self._fill(
            self.category_box,
            [(c, label("category", c)) for c in codes("category")],
            self.tr("Every category"),
        )
        self._fill(
            self.priority_box,
            [(p, label("priority", p)) for p in codes("priority")],
            self.tr("Every priority"),
        )
        self.search.setPlaceholderText(self.tr("Number or words of the title (Ctrl+F)"))

    def _fill(self, box: QComboBox, items: list[tuple[str, str]], everything: str | None) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        if everything is not None:
            box.addItem(everything, None)
        for code, text in items:
            box.addItem(text, code)
        box.setCurrentIndex(max(box.findData(keep), 0) if keep else 0)
        box.blockSignals(False)
