"""The alert queue panel: the table, a header line and the operator's actions.

Plain values out: the console acts on ``acknowledge_requested(id, version)``
and the others, and feeds the queue back through the model.  Keyboard first:
Space acknowledges, N goes to the next unacknowledged alarm, Enter raises a
work order, M shows the alarm on the map, Shift+Delete dismisses it as a false
alarm (a reason is required).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.domain import QueuedAlarm
from widgets.alert_queue_model import AlarmRole, AlertQueueModel, GridFilterProxy

TONE_GAP_S = 1.0  # at most one tone a second, however many alarms arrive
TONE_SEVERITY = 3  # major and critical alarms sound


class AlertQueuePanel(QWidget):
    acknowledge_requested = Signal(int, int)
    false_alarm_requested = Signal(int, int, str)
    raise_order_requested = Signal(int)
    show_on_map_requested = Signal(int)
    selection_changed = Signal(int)  # alarm id, 0 for none
    grid_filter_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertQueue")
        self.model = AlertQueueModel(self)
        self.proxy = GridFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.muted = False
        self.tones = 0  # tones played (or beeped) so far
        self._last_tone = 0.0
        self._known: set[int] = set()

        self.summary = QLabel(self)
        self.summary.setObjectName("alertQueueSummary")
        self.filter_button = QToolButton(self)
        self.filter_button.setObjectName("alertQueueFilter")
        self.filter_button.hide()
        self.filter_button.clicked.connect(self._on_filter_button_clicked)
        self.mute_button = QToolButton(self)
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self._on_mute_toggled)

        self.table = QTableView(self)
        self.table.setObjectName("alertQueueTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the device
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.ack_button = QPushButton(self)
        self.false_button = QPushButton(self)
        self.order_button = QPushButton(self)
        self.map_button = QPushButton(self)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.false_button.clicked.connect(self.dismiss_selected)
        self.order_button.clicked.connect(self.raise_order_for_selected)
        self.map_button.clicked.connect(self.show_selected_on_map)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter_button)
        top.addWidget(self.mute_button)
        buttons = QHBoxLayout()
        for b in (self.ack_button, self.order_button, self.map_button, self.false_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._shortcuts: list[tuple[QShortcut, Any]] = []
        for keys, slot in (
            (Qt.Key.Key_Space, self.acknowledge_selected),
            (Qt.Key.Key_N, self.select_next_unacknowledged),
            (Qt.Key.Key_Return, self.raise_order_for_selected),
            (Qt.Key.Key_Enter, self.raise_order_for_selected),
            (Qt.Key.Key_M, self.show_selected_on_map),
            (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Delete), self.dismiss_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append((shortcut, slot))
        self.model.unacknowledged_changed.connect(self._update_summary)
        self.model.modelReset.connect(self._update_summary)
        self._retranslate()

    # --- feeding -------------------------------------------------------------

    def show_alarms(self, alarms: list[QueuedAlarm]) -> None:
        """The queue as it is now; keeps the selection; sounds for new major ones."""
        selected = self.selected_alarm()
        loud = [a for a in alarms if a.id not in self._known and a.severity >= TONE_SEVERITY]
        first_load = not self._known and not self.model.rowCount()
        self._known = {a.id for a in alarms}
        self.model.replace_all(alarms)
        if selected is not None:
            self.select_alarm(selected.id)
        if loud and not first_load:
            self._tone()
        self._update_summary()

    def set_grid_filter(self, grid: str | None) -> None:
        self.proxy.set_grid(grid)
        self._update_summary()

    # --- actions ---------------------------------------------------------------

    def selected_alarm(self) -> QueuedAlarm | None:
        """The alarm of the selected row (not merely the current one: focus alone
        never picks an alarm to act on)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.proxy.data(rows[0], AlarmRole)
        return value if isinstance(value, QueuedAlarm) else None

    def select_alarm(self, alarm_id: int) -> bool:
        row = self.model.row_of(alarm_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def select_next_unacknowledged(self) -> None:
        rows = self.proxy.rowCount()
        selected = self.table.selectionModel().selectedRows()
        current = selected[0].row() if selected else -1
        for step in range(1, rows + 1):
            row = (current + step) % rows
            alarm = self.proxy.data(self.proxy.index(row, 0), AlarmRole)
            if isinstance(alarm, QueuedAlarm) and not alarm.acknowledged:
                self.select_alarm(alarm.id)
                return

    def acknowledge_selected(self) -> None:
        alarm = self.selected_alarm()
        if alarm is not None and not alarm.acknowledged:
            self.acknowledge_requested.emit(alarm.id, alarm.version)

    def dismiss_selected(self) -> None:
        alarm = self.selected_alarm()
        if alarm is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("False alarm"),
            self.tr("Why is “%1” a false alarm?").replace("%1", alarm.label),
        )
        if ok and reason.strip():
            self.false_alarm_requested.emit(alarm.id, alarm.version, reason.strip())

    def raise_order_for_selected(self) -> None:
        alarm = self.selected_alarm()
        if alarm is not None:
            self.raise_order_requested.emit(alarm.id)

    def show_selected_on_map(self) -> None:
        alarm = self.selected_alarm()
        if alarm is not None:
            self.show_on_map_requested.emit(alarm.id)

    # --- inside ------------------------------------------------------------------

    def _tone(self) -> None:
        now = time.monotonic()
        if self.muted or now - self._last_tone < TONE_GAP_S:
            return
        self._last_tone = now
        self.tones += 1
        QApplication.beep()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.raise_order_for_selected()

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        alarm = self.proxy.data(current, AlarmRole) if current.isValid() else None
        self.selection_changed.emit(alarm.id if isinstance(alarm, QueuedAlarm) else 0)

    def _on_filter_button_clicked(self) -> None:
        self.set_grid_filter(None)
        self.grid_filter_cleared.emit()

    def _on_mute_toggled(self, muted: bool) -> None:
        self.muted = muted
        self._retranslate()

    def _update_summary(self, *_args: object) -> None:
        shown, unacked = self.proxy.rowCount(), self.model.unacknowledged
        self.summary.setText(
            self.tr("%1 open, %2 unacknowledged")
            .replace("%1", str(shown))
            .replace("%2", str(unacked))
        )
        grid = self.proxy.grid
        self.filter_button.setVisible(grid is not None)
        if grid is not None:
            self.filter_button.setText(self.tr("Grid %1  ✕").replace("%1", grid))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.ack_button.setText(self.tr("Acknowledge (Space)"))
        self.order_button.setText(self.tr("Raise order (Enter)"))
        self.map_button.setText(self.tr("On map (M)"))
        self.false_button.setText(self.tr("False alarm (Shift+Del)"))
        self.mute_button.setText(self.tr("Sound off") if self.muted else self.tr("Sound on"))
        self.filter_button.setToolTip(self.tr("Show every grid cell again"))
        self._update_summary()
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
