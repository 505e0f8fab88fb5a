"""The alert queue's table view: its filter proxy, and a selection that follows
the alarm (not the row) while the queue changes underneath.

A row whose place changes leaves and comes back (see the model), and a reload
is a reset: the selected alarm is selected again afterwards.  When it is gone
nothing is selected, rather than the neighbour Qt would pick, so that Space
never acknowledges an alarm the operator did not choose.  Selected means
selected: the current row alone (focus) picks nothing to act on.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from services.domain import QueuedAlarm
from widgets.alerts.model import AlarmRole, AlertQueueModel
from widgets.alerts.queue_filter import AlertQueueFilter
from widgets.alerts.texts import COLUMN_NAMES, column_widths

ROW_HEIGHT = 30


class AlertQueueTable(QTableView):
    def __init__(self, model: AlertQueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertQueueTable")
        self.queue = model
        self._lost_id = 0  # the selected alarm's row left during a batch
        self._keep_id = 0  # the selection across a reset
        # Before the proxy's (and so the view's) own slots: the selection is intact.
        model.rowsAboutToBeRemoved.connect(self._on_rows_about_to_be_removed)
        model.modelAboutToBeReset.connect(self._on_about_to_reset)
        self.proxy = AlertQueueFilter(self)
        self.proxy.setSourceModel(model)
        model.applied.connect(self._on_batch_applied)
        model.modelReset.connect(self._on_reset)
        self.setModel(self.proxy)
        self.setSortingEnabled(False)  # the queue's own order
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never measures rows
        header.setSectionResizeMode(COLUMN_NAMES.index("device"), QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

    def fit_columns(self) -> None:
        """Column widths for what the current language shows."""
        for column, width in column_widths(self.font()).items():
            self.setColumnWidth(column, width)

    def selected_alarm(self) -> QueuedAlarm | None:
        rows = self.selectionModel().selectedRows()
        value = self.proxy.data(rows[0], AlarmRole) if rows else None
        return value if isinstance(value, QueuedAlarm) else None

    def select_alarm(self, alarm_id: int, scroll: bool = True) -> bool:
        row = self.queue.row_of(alarm_id)
        index = self.proxy.mapFromSource(self.queue.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        if scroll:
            self.scrollTo(index)
        return True

    def next_unacknowledged(self) -> QueuedAlarm | None:
        """The first unacknowledged alarm shown after the selected one (wrapping)."""
        rows = self.proxy.rowCount()
        selected = self.selectionModel().selectedRows()
        current = selected[0].row() if selected else -1
        for step in range(1, rows + 1):
            alarm = self.proxy.data(self.proxy.index((current + step) % rows, 0), AlarmRole)
            if isinstance(alarm, QueuedAlarm) and alarm.needs_ack:
                return alarm
        return None

    def _on_rows_about_to_be_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        alarm = self.selected_alarm()
        if alarm is not None and first <= self.queue.row_of(alarm.id) <= last:
            self._lost_id = alarm.id

    def _on_batch_applied(self) -> None:
        lost, self._lost_id = self._lost_id, 0
        if lost and not self.select_alarm(lost, scroll=False):
            self.selectionModel().clearSelection()

    def _on_about_to_reset(self) -> None:
        alarm = self.selected_alarm()
        self._keep_id = alarm.id if alarm is not None else 0

    def _on_reset(self) -> None:
        keep, self._keep_id = self._keep_id, 0
        if keep:
            self.select_alarm(keep)
