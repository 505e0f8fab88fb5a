"""The alert queue as a Qt table model over ``QueuedAlarm`` records.

The rows come in the service's order (unacknowledged first, then most severe,
then newest).  ``replace_all`` takes the queue as it is now and tells the views
as little as it can: only ``dataChanged`` for the rows that changed when the
order is the same, a reset otherwise (the panel keeps the selection by id).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from services.domain import QueuedAlarm
from widgets.labels import label

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")
AlarmRole = Qt.ItemDataRole.UserRole + 1
CONTEXT = "AlertQueueModel"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COLUMNS = (
    ("severity", QT_TRANSLATE_NOOP("AlertQueueModel", "Level")),
    ("label", QT_TRANSLATE_NOOP("AlertQueueModel", "Alarm")),
    ("device", QT_TRANSLATE_NOOP("AlertQueueModel", "Device")),
    ("community", QT_TRANSLATE_NOOP("AlertQueueModel", "Community")),
    ("grid", QT_TRANSLATE_NOOP("AlertQueueModel", "Grid")),
    ("time", QT_TRANSLATE_NOOP("AlertQueueModel", "Last seen")),
    ("count", QT_TRANSLATE_NOOP("AlertQueueModel", "Count")),
    ("state", QT_TRANSLATE_NOOP("AlertQueueModel", "State")),
    ("order", QT_TRANSLATE_NOOP("AlertQueueModel", "Order")),
)
#: Severity colours, legible on the dark theme: info, minor, major, critical.
SEVERITY_COLOURS = {1: "#9aa5b1", 2: "#e6c84f", 3: "#f0913a", 4: "#ff5a4f"}
_Index = QModelIndex | QPersistentModelIndex


class AlertQueueModel(QAbstractTableModel):
    unacknowledged_changed = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueuedAlarm] = []
        self._unacked = 0
        self._bold = QFont()
        self._bold.setBold(True)

    # --- feeding -------------------------------------------------------------

    def replace_all(self, rows: Sequence[QueuedAlarm]) -> None:
        new = list(rows)
        if [r.id for r in new] == [r.id for r in self._rows]:
            old, self._rows = self._rows, new
            last = len(COLUMNS) - 1
            for i, (a, b) in enumerate(zip(old, new, strict=True)):
                if a != b:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
        unacked = sum(not r.acknowledged for r in new)
        if unacked != self._unacked:
            self._unacked = unacked
            self.unacknowledged_changed.emit(unacked)

    @property
    def unacknowledged(self) -> int:
        return self._unacked

    def alarm(self, row: int) -> QueuedAlarm | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, alarm_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == alarm_id:
                return i
        return -1

    def ids(self) -> set[int]:
        return {r.id for r in self._rows}

    # --- Qt model ------------------------------------------------------------

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
        a = self._rows[index.row()]
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in ("severity", "label"):
            return QBrush(QColor(SEVERITY_COLOURS.get(a.severity, "#ffffff")))
        if role == Qt.ItemDataRole.FontRole and not a.acknowledged:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("count", "order"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == AlarmRole:
            return a
        return None

    def _text(self, a: QueuedAlarm, column: str) -> str:
        if column == "severity":
            return "●  " + label("severity", str(a.severity))
        if column == "label":
            if not a.latched:
                return a.label
            return a.label + QCoreApplication.translate("AlertQueueModel", " · latched")
        if column == "device":
            return a.device_name or a.device_id
        if column == "community":
            return a.community_name or a.community or ""
        if column == "grid":
            return a.grid or ""
        if column == "time":
            return _when(a.last_seen)
        if column == "count":
            return f"×{a.count}" if a.count > 1 else ""
        if column == "state":
            return label("alarm_state", a.state)
        if column == "order":
            return f"#{a.work_order_id}" if a.work_order_id else ""
        return ""

    def _tooltip(self, a: QueuedAlarm) -> str:
        kind = label("device_kind", a.kind)
        first = _when(a.first_seen)
        seen = QCoreApplication.translate(
            "AlertQueueModel", "First seen %1, last seen %2, %3 times"
        )
        seen = seen.replace("%1", first).replace("%2", _when(a.last_seen))
        seen = seen.replace("%3", str(a.count))
        return f"{a.label} · {kind} {a.device_id}\n{seen}"


def _when(at: datetime) -> str:
    local = at.astimezone(DISTRICT_TZ)
    today = datetime.now(DISTRICT_TZ).date()
    return local.strftime("%H:%M:%S" if local.date() == today else "%m-%d %H:%M")


class GridFilterProxy(QSortFilterProxyModel):
    """Only the alarms of one grid cell (a click on the map), or all."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid: str | None = None

    @property
    def grid(self) -> str | None:
        return self._grid

    def set_grid(self, grid: str | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and newer
            self.beginFilterChange()
            self._grid = grid or None
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._grid = grid or None
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if self._grid is None:
            return True
        model = self.sourceModel()
        alarm = model.alarm(source_row) if isinstance(model, AlertQueueModel) else None
        return alarm is not None and alarm.grid == self._grid
