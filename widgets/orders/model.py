"""Work orders as a lazy Qt table model: pages arrive as the view scrolls.

The model never reads the store: ``page_wanted(filter, after)`` asks for the
next page (keyset: the last row's created time and id), and the console answers
with ``add_page(token, orders)`` once its worker has them.  A page for an older
filter is dropped (the token says which filter it was for).  Live changes
from other consoles come in through ``refresh_orders`` (in place).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from services.district.timezone import district_tz
from services.domain import OrderFilter, WorkOrder
from widgets.labels import label

DISTRICT_TZ = district_tz()
OrderRole = Qt.ItemDataRole.UserRole + 2
PAGE = 100
CONTEXT = "OrderTableModel"
_Index = QModelIndex | QPersistentModelIndex


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COLUMNS = (
    ("number", QT_TRANSLATE_NOOP("OrderTableModel", "Number")),
    ("title", QT_TRANSLATE_NOOP("OrderTableModel", "Title")),
    ("state", QT_TRANSLATE_NOOP("OrderTableModel", "State")),
    ("priority", QT_TRANSLATE_NOOP("OrderTableModel", "Priority")),
    ("category", QT_TRANSLATE_NOOP("OrderTableModel", "Category")),
    ("grid", QT_TRANSLATE_NOOP("OrderTableModel", "Grid")),
    ("unit", QT_TRANSLATE_NOOP("OrderTableModel", "Unit")),
    ("created", QT_TRANSLATE_NOOP("OrderTableModel", "Raised")),
    ("due", QT_TRANSLATE_NOOP("OrderTableModel", "Due")),
)
OVERDUE, NEAR_DUE = QColor("#ff5a4f"), QColor("#f0b43a")
PRIORITY_COLOURS = {"critical": QColor("#ff5a4f"), "urgent": QColor("#f0913a")}


class OrderTableModel(QAbstractTableModel):
    page_wanted = Signal(int, object, object)  # token, OrderFilter, after (or None)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WorkOrder] = []
        self._filter = OrderFilter()
        self._token = 0
        self._loading = False
        self._exhausted = False
        self._unit_names: dict[str, str] = {}

    @property
    def filter(self) -> OrderFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: OrderFilter) -> None:
        """Start again with ``flt``: the rows go, the first page is asked for."""
        self.beginResetModel()
        self._rows = []
        self._filter = flt
        self._token += 1
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self._ask()

    def add_page(self, token: int, orders: Sequence[WorkOrder]) -> None:
        if token != self._token:
            return  # for a filter no longer shown
        self._loading = False
        known = {o.id for o in self._rows}
        fresh = [o for o in orders if o.id not in known]
        if len(orders) < PAGE:
            self._exhausted = True
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()

    def add_newer(self, token: int, orders: Sequence[WorkOrder]) -> int:
        """The first page again (newest first): orders raised since go on top;
        returns how many."""
        if token != self._token:
            return 0
        known = {o.id for o in self._rows}
        top = self._rows[0] if self._rows else None
        fresh = [
            o
            for o in orders
            if o.id not in known
            and (top is None or (o.created_at, o.id) > (top.created_at, top.id))
        ]
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._rows[:0] = fresh
            self.endInsertRows()
        return len(fresh)

    @property
    def token(self) -> int:
        return self._token

    def page_failed(self, token: int) -> None:
        if token == self._token:
            self._loading = False

    def refresh_orders(self, orders: Sequence[WorkOrder]) -> None:
        """Orders changed elsewhere: update the rows that show them."""
        by_id = {o.id: o for o in orders}
        last = len(COLUMNS) - 1
        for i, row in enumerate(self._rows):
            new = by_id.get(row.id)
            if new is not None and new != row and new.version >= row.version:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def order(self, row: int) -> WorkOrder | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, order_id: int) -> int:
        return next((i for i, o in enumerate(self._rows) if o.id == order_id), -1)

    def shown_ids(self) -> list[int]:
        return [o.id for o in self._rows]

    def _ask(self) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        last = self._rows[-1] if self._rows else None
        after = (last.created_at, last.id) if last else None
        self.page_wanted.emit(self._token, self._filter, after)

    def set_unit_names(self, names: dict[str, str]) -> None:
        """The units' names by code: the unit column shows the name."""
        self._unit_names = dict(names)
        if self._rows:
            column = [c for c, _ in COLUMNS].index("unit")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    # --- Qt model ------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not parent.isValid():
            self._ask()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        o = self._rows[index.row()]
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "unit":
                return self._unit_names.get(o.unit, o.unit) if o.unit else ""
            return _text(o, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "due" and o.overdue:
                return QBrush(OVERDUE)
            if column == "due" and o.near_due:
                return QBrush(NEAR_DUE)
            if column == "priority" and o.priority.value in PRIORITY_COLOURS:
                return QBrush(PRIORITY_COLOURS[o.priority.value])
        if role == Qt.ItemDataRole.ToolTipRole and column == "unit":
            return o.unit
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return o.description or o.title
        if role == OrderRole:
            return o
        return None


def _text(o: WorkOrder, column: str) -> str:
    if column == "number":
        return o.number
    if column == "title":
        marks = ("督 " if o.supervised else "") + ("↑ " if o.escalation.value != "grid" else "")
        return marks + o.title
    if column == "state":
        return label("order_state", o.state)
    if column == "priority":
        return label("priority", o.priority)
    if column == "category":
        return label("category", o.category)
    if column == "grid":
        return o.grid
    if column == "created":
        return _when(o.created_at)
    if column == "due":
        return _when(o.due_at) if o.due_at else ""
    return ""


def _when(at: datetime) -> str:
    return at.astimezone(DISTRICT_TZ).strftime("%m-%d %H:%M")
