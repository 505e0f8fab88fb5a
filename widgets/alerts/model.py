"""The alert queue as a Qt table model over ``QueuedAlarm`` records.

The model keeps the queue's own order (``queue_key``: unacknowledged first,
then most severe, then newest) and tells the views as little as it can:
``apply`` merges a batch: ``dataChanged`` for a row that keeps its place, one
remove and one insert per run of adjacent rows for the rest.  A row whose
place changed is removed and inserted again rather than moved: a
QSortFilterProxyModel answers a move by filtering every row again (6 ms a move
at 5,000 rows, against 0.16 ms for the pair); the panel keeps its selection by
alarm id.  A batch of more than ``BIG_BATCH`` changes reorders in one layout
change instead.  ``sync`` takes the whole queue as the store has it now and
applies the difference; ``replace_all`` is the one reset (a first load).
Text, colours and tooltips are in :mod:`widgets.alerts.texts`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from services.domain import QueuedAlarm
from widgets.alerts import texts as alert_queue_text
from widgets.alerts.texts import (
    COLUMN_NAMES,
    COLUMNS,
    CONTEXT,
    RIGHT_ALIGNED,
    background,
    foreground,
    row_texts,
    tooltip,
)

#: The QueuedAlarm of a row (UserRole, as every item model of ours).
AlarmRole = Qt.ItemDataRole.UserRole
#: More changes than this in one batch: one layout change instead of row notes.
BIG_BATCH = 200
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_COLUMNS = frozenset(COLUMN_NAMES.index(name) for name in RIGHT_ALIGNED)

QueueKey = tuple[int, int, float, int]


def queue_key(alarm: QueuedAlarm) -> QueueKey:
    """Where an alarm stands in the queue (smaller first); the id breaks ties
    the way the store does (the newer alarm first)."""
    return (
        0 if alarm.needs_ack else 1,
        -alarm.severity,
        -alarm.last_seen.timestamp(),
        -alarm.id,
    )


class AlertQueueModel(QAbstractTableModel):
    unacknowledged_changed = Signal(int)
    applied = Signal()  # a batch is merged (the rows of a batch may leave and come back)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueuedAlarm] = []
        self._keys: list[QueueKey] = []
        self._by_id: dict[int, QueuedAlarm] = {}
        self._unacked = 0
        self._texts: dict[int, tuple[QueuedAlarm, tuple[str, ...]]] = {}
        self._texts_day = alert_queue_text.today()
        self._bold = QFont()
        self._bold.setBold(True)
        # data() runs for every role of every painted cell: one dict lookup per call.
        role = Qt.ItemDataRole
        self._roles: dict[int, Callable[[QueuedAlarm, int], Any]] = {
            role.DisplayRole: self._display,
            role.ForegroundRole: lambda a, c: foreground(a, COLUMN_NAMES[c]),
            role.BackgroundRole: lambda a, c: background(a, COLUMN_NAMES[c], a.needs_ack),
            role.FontRole: lambda a, _c: self._bold if a.needs_ack else None,
            role.ToolTipRole: lambda a, _c: tooltip(a),
            role.TextAlignmentRole: lambda _a, c: _RIGHT if c in _RIGHT_COLUMNS else None,
            AlarmRole: lambda a, _c: a,
        }

    # --- feeding -------------------------------------------------------------

    def replace_all(self, rows: Iterable[QueuedAlarm]) -> None:
        """A full reload: one reset."""
        self.beginResetModel()
        self._texts.clear()
        self._by_id = {a.id: a for a in rows}
        self._resort()
        self.endResetModel()
        self._set_unacked(sum(a.needs_ack for a in self._rows))

    def sync(self, rows: Sequence[QueuedAlarm]) -> None:
        """The whole queue as it is now: applies only what differs."""
        now = {a.id: a for a in rows}
        gone = [i for i in self._by_id if i not in now]
        changed = [a for a in now.values() if self._by_id.get(a.id) != a]
        self.apply(changed, gone)

    def apply(self, rows: Iterable[QueuedAlarm], removed: Iterable[int] = ()) -> None:
        """Merges a batch: ``rows`` new or changed (the last of an id wins; a copy
        older than the one shown, by version, is ignored), ``removed`` closed."""
        latest = {a.id: a for a in rows}
        closed = set(removed)
        for alarm_id in closed:
            latest.pop(alarm_id, None)  # a close wins
        gone = {i for i in closed if i in self._by_id}
        changed, new = [], []
        for alarm in latest.values():
            old = self._by_id.get(alarm.id)
            if old is None:
                new.append(alarm)
            elif old != alarm and alarm.version >= old.version:
                changed.append(alarm)
        delta = sum(a.needs_ack for a in new) - sum(self._by_id[i].needs_ack for i in gone)
        delta += sum(a.needs_ack - self._by_id[a.id].needs_ack for a in changed)
        if len(gone) + len(changed) + len(new) > BIG_BATCH:
            self._remove(sorted((self._row(i) for i in gone), reverse=True))
            self._reorder(changed)
        else:
            moving = [a for a in changed if not self._update_in_place(a)]
            leaving = [*gone, *(a.id for a in moving)]
            self._remove(sorted((self._row(i) for i in leaving), reverse=True))
            new += moving
        self._insert(new)
        if delta:
            self._set_unacked(self._unacked + delta)
        self.applied.emit()

    # --- reading ---------------------------------------------------------------

    @property
    def unacknowledged(self) -> int:
        return self._unacked

    def alarm(self, row: int) -> QueuedAlarm | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def by_id(self, alarm_id: int) -> QueuedAlarm | None:
        return self._by_id.get(alarm_id)

    def row_of(self, alarm_id: int) -> int:
        return self._row(alarm_id) if alarm_id in self._by_id else -1

    def snapshot(self) -> dict[int, QueuedAlarm]:
        return dict(self._by_id)

    def rows(self) -> list[QueuedAlarm]:
        return list(self._rows)

    def ids(self) -> set[int]:
        return set(self._by_id)

    def retranslate(self) -> None:
        """The language changed (or the day did: times of yesterday get their date)."""
        self._texts.clear()
        self._texts_day = alert_queue_text.today()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self._changed_rows(0, len(self._rows) - 1)

    def check_day(self) -> None:
        if alert_queue_text.today() != self._texts_day:
            self.retranslate()

    # --- Qt model ------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        handler = self._roles.get(role)
        row = index.row()
        if handler is None or not 0 <= row < len(self._rows):
            return None
        return handler(self._rows[row], index.column())

    def _display(self, alarm: QueuedAlarm, column: int) -> str:
        held = self._texts.get(alarm.id)
        if held is None or held[0] is not alarm:
            held = self._texts[alarm.id] = (alarm, row_texts(alarm))
        return held[1][column]

    # --- inside ------------------------------------------------------------------

    def _row(self, alarm_id: int) -> int:
        return bisect_left(self._keys, queue_key(self._by_id[alarm_id]))

    def _resort(self) -> None:
        self._rows = sorted(self._by_id.values(), key=queue_key)
        self._keys = [queue_key(a) for a in self._rows]

    def _set_unacked(self, count: int) -> None:
        if count != self._unacked:
            self._unacked = count
            self.unacknowledged_changed.emit(count)

    def _changed_rows(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _remove(self, rows_desc: list[int]) -> None:
        """Removes rows (given highest first), one notification per run."""
        i = 0
        while i < len(rows_desc):
            last = first = rows_desc[i]
            while i + 1 < len(rows_desc) and rows_desc[i + 1] == first - 1:
                i += 1
                first -= 1
            self.beginRemoveRows(_ROOT, first, last)
            for alarm in self._rows[first : last + 1]:
                del self._by_id[alarm.id]
                self._texts.pop(alarm.id, None)
            del self._rows[first : last + 1]
            del self._keys[first : last + 1]
            self.endRemoveRows()
            i += 1

    def _update_in_place(self, alarm: QueuedAlarm) -> bool:
        """Replaces the alarm's row if it keeps its place (``dataChanged``)."""
        row, key, keys = self._row(alarm.id), queue_key(alarm), self._keys
        if (row and keys[row - 1] >= key) or (row + 1 < len(keys) and key >= keys[row + 1]):
            return False
        self._by_id[alarm.id] = alarm
        self._rows[row], keys[row] = alarm, key
        self._changed_rows(row, row)
        return True

    def _reorder(self, changed: list[QueuedAlarm]) -> None:
        """Many rows changed: replace them and sort again in one layout change."""
        if not changed:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[p.row()].id for p in before]
        for alarm in changed:
            self._by_id[alarm.id] = alarm
        self._resort()
        row_of = {a.id: r for r, a in enumerate(self._rows)}
        after = [self.index(row_of[i], p.column()) for i, p in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _insert(self, new: list[QueuedAlarm]) -> None:
        """Inserts new alarms at their places, one notification per run."""
        items = sorted(((queue_key(a), a) for a in new), key=lambda t: t[0])
        places = [bisect_left(self._keys, k) for k, _a in items]  # before any insert
        done = i = 0
        while i < len(items):
            j = i
            while j + 1 < len(items) and places[j + 1] == places[i]:
                j += 1
            first = places[i] + done
            run = items[i : j + 1]
            self.beginInsertRows(_ROOT, first, first + len(run) - 1)
            self._rows[first:first] = [a for _k, a in run]
            self._keys[first:first] = [k for k, _a in run]
            for _k, alarm in run:
                self._by_id[alarm.id] = alarm
            self.endInsertRows()
            done += len(run)
            i = j + 1
