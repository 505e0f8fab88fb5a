"""The alert queue panel: the table, a header line and the operator's actions.

Plain values out: the console acts on ``acknowledge_requested(id, version)``
and the others, and feeds the queue back through ``show_alarms`` (the first
load: the whole queue as the store has it) and then ``push`` (alarms new or
changed and the ids of those that left, applied through the flood buffer within
its time budget).  ``alarms_applied`` says what reached the table.
Keyboard first, while the panel has focus: Space acknowledges, N goes to the
next unacknowledged alarm, Enter or Ctrl+R raises a work order, M shows the
alarm on the map, Shift+Delete dismisses it as a false alarm (with a reason).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.domain import QueuedAlarm
from widgets.alerts.false_alarm_dialog import ask_false_alarm_reason
from widgets.alerts.flood_buffer import FloodBuffer
from widgets.alerts.model import AlertQueueModel
from widgets.alerts.table import AlertQueueTable
from widgets.alerts.tone import AlertTone

SEARCH_WIDTH = 240


class AlertQueuePanel(QWidget):
    acknowledge_requested = Signal(int, int)
    false_alarm_requested = Signal(int, int, str)
    raise_order_requested = Signal(int)
    show_on_map_requested = Signal(int)
    selection_changed = Signal(int)  # alarm id, 0 for none
    grid_filter_cleared = Signal()
    day_filter_cleared = Signal()
    alarms_applied = Signal(list)  # the QueuedAlarm rows just shown (new or changed)
    unacknowledged_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertQueue")
        self.model = AlertQueueModel(self)
        self.model.unacknowledged_changed.connect(self.unacknowledged_changed)
        self.table = AlertQueueTable(self.model, self)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._refresh_soon)
        self.proxy = self.table.proxy
        self.tone = AlertTone(parent=self)
        self.flood = FloodBuffer(self.apply, parent=self)
        self.ask_reason: Callable[[str, QWidget], str | None] = ask_false_alarm_reason
        self._loaded = False
        self._selected_id = 0
        self._refresh = QTimer(self)  # the header and buttons, once per turn of the loop
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._update_header)
        self._day = QTimer(self)  # after midnight, yesterday's times get their date
        self._day.setInterval(60_000)
        self._day.timeout.connect(self.model.check_day)
        self._day.start()

        self.summary = QLabel(self)
        self.summary.setObjectName("alertQueueSummary")
        self.search = QLineEdit(self)
        self.search.setObjectName("alertQueueSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(SEARCH_WIDTH)
        self.search.textChanged.connect(self.set_text_filter)
        self.filter_button = QToolButton(self)
        self.filter_button.setObjectName("alertQueueFilter")
        self.filter_button.hide()
        self.filter_button.clicked.connect(self._on_filter_button_clicked)
        self.day_button = QToolButton(self)  # like the grid's: shown while a day filters
        self.day_button.setObjectName("alertQueueDay")
        self.day_button.hide()
        self.day_button.clicked.connect(self._on_day_button_clicked)
        self.offline_button = QToolButton(self)  # the devices offline now, at a click
        self.offline_button.setObjectName("alertQueueOffline")
        self.offline_button.setCheckable(True)
        self.offline_button.toggled.connect(self.set_offline_filter)
        self.mute_button = QToolButton(self)
        self.mute_button.setObjectName("alertQueueMute")
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self._on_mute_toggled)

        self.ack_button = QPushButton(self)
        self.order_button = QPushButton(self)
        self.map_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.false_button = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter_button)
        top.addWidget(self.day_button)
        top.addWidget(self.offline_button)
        top.addWidget(self.search)
        top.addWidget(self.mute_button)
        buttons = QHBoxLayout()
        key = QKeySequence
        actions = (
            (self.ack_button, self.acknowledge_selected, [key(Qt.Key.Key_Space)]),
            (
                self.order_button,
                self.raise_order_for_selected,
                [key(Qt.Key.Key_Return), key(Qt.Key.Key_Enter), key("Ctrl+R")],
            ),
            (self.map_button, self.show_selected_on_map, [key(Qt.Key.Key_M)]),
            (self.next_button, self.select_next_unacknowledged, [key(Qt.Key.Key_N)]),
            (self.false_button, self.dismiss_selected, [key("Shift+Del")]),
        )
        self._shortcuts: list[QShortcut] = []
        for button, slot, keys in actions:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focus stays in the table
            button.clicked.connect(slot)
            buttons.addWidget(button)
            for sequence in keys:
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                self._shortcuts.append(shortcut)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        for signal in (
            self.model.unacknowledged_changed,
            self.model.dataChanged,
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._refresh_soon)
        self._retranslate()

    # --- feeding -------------------------------------------------------------

    def show_alarms(self, alarms: list[QueuedAlarm]) -> None:
        """The queue as it is now: the first call resets the table and is silent;
        later ones apply the difference and sound for new major ones."""
        if not self._loaded:
            self._loaded = True
            self.model.replace_all(alarms)
            self.alarms_applied.emit(list(alarms))
        else:
            self._sound_for(alarms)
            self.model.sync(alarms)
            self.alarms_applied.emit(list(alarms))
        self._update_header()

    def apply(self, rows: list[QueuedAlarm], removed: Iterable[int] = ()) -> None:
        """A batch of new and changed alarms and the ids of closed ones, now."""
        removed = list(removed)
        gone = set(removed)
        self._loaded = True
        kept = [a for a in rows if a.id not in gone]
        self._sound_for(kept)
        self.model.apply(rows, removed)
        self.alarms_applied.emit(kept)

    def push(self, rows: Iterable[QueuedAlarm] = (), removed: Iterable[int] = ()) -> None:
        """The same as ``apply``, through the flood buffer (any thread)."""
        self.flood.push(rows, removed)

    def snapshot(self) -> dict[int, QueuedAlarm]:
        """The alarms shown, by id (a copy: safe to read on another thread)."""
        return self.model.snapshot()

    def alarms(self) -> list[QueuedAlarm]:
        """The alarms shown, in the queue's order."""
        return self.model.rows()

    def alarm_by_id(self, alarm_id: int) -> QueuedAlarm | None:
        return self.model.by_id(alarm_id)

    @property
    def unacknowledged(self) -> int:
        return self.model.unacknowledged

    def set_grid_filter(self, grid: str | None) -> None:
        self.proxy.set_grid(grid)
        self._update_header()

    def set_day_filter(self, day: date | None) -> None:
        """Only the alarms raised (first seen) on this local day, or every day's."""
        self.proxy.set_day(day)
        self._update_header()

    def set_offline_filter(self, only: bool) -> None:
        """Only the devices offline now (their alarms), or every alarm again."""
        self.proxy.set_offline_only(only)
        if self.offline_button.isChecked() != only:
            self.offline_button.setChecked(only)
        self._update_header()

    def offline_devices(self) -> list[QueuedAlarm]:
        """The alarms of the devices offline now, in the queue's order."""
        return [a for a in self.model.rows() if a.device_offline]

    def set_text_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        if self.search.text() != text:
            self.search.setText(text)
        self._update_header()

    # --- sound -----------------------------------------------------------------

    @property
    def muted(self) -> bool:
        return self.tone.muted

    @muted.setter
    def muted(self, muted: bool) -> None:
        self.mute_button.setChecked(muted)

    @property
    def tones(self) -> int:
        """Tones sounded so far (at most one a second)."""
        return self.tone.played

    def _sound_for(self, rows: list[QueuedAlarm]) -> None:
        known = self.model.by_id
        self.tone.alarms_arrived([a.severity for a in rows if known(a.id) is None])

    # --- actions ---------------------------------------------------------------

    def selected_alarm(self) -> QueuedAlarm | None:
        """The alarm of the selected row (not merely the current one: focus alone
        never picks an alarm to act on)."""
        return self.table.selected_alarm()

    def select_alarm(self, alarm_id: int) -> bool:
        return self.table.select_alarm(alarm_id)

    def select_next_unacknowledged(self) -> None:
        alarm = self.table.next_unacknowledged()
        if alarm is not None:
            self.table.select_alarm(alarm.id)

    def acknowledge_selected(self) -> None:
        alarm = self.selected_alarm()
        if alarm is not None and alarm.needs_ack:
            self.acknowledge_requested.emit(alarm.id, alarm.version)

    def dismiss_selected(self) -> None:
        alarm = self.selected_alarm()
        if alarm is None:
            return
        reason = self.ask_reason(f"{alarm.label} · {alarm.device_name or alarm.device_id}", self)
        if reason and reason.strip():
            self.false_alarm_requested.emit(alarm.id, alarm.version, reason.strip())

    def raise_order_for_selected(self) -> None:
        if self.search.hasFocus():  # Enter in the filter: on to the table
            self.table.setFocus()
            if self.selected_alarm() is None and self.proxy.rowCount():
                self.table.selectRow(0)
            return
        alarm = self.selected_alarm()
        if alarm is None:  # nothing picked: the top alarm waiting for a person
            self.select_next_unacknowledged()
            alarm = self.selected_alarm()
        if alarm is not None:
            self.raise_order_requested.emit(alarm.id)

    def show_selected_on_map(self) -> None:
        alarm = self.selected_alarm()
        if alarm is not None:
            self.show_on_map_requested.emit(alarm.id)

    # --- inside ------------------------------------------------------------------

    def _refresh_soon(self, *_args: object) -> None:
        if not self._refresh.isActive():  # a restart would put it off during a flood
            self._refresh.start()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.raise_order_for_selected()

    def _on_filter_button_clicked(self) -> None:
        self.set_grid_filter(None)
        self.grid_filter_cleared.emit()

    def _on_day_button_clicked(self) -> None:
        self.set_day_filter(None)
        self.day_filter_cleared.emit()

    def _on_mute_toggled(self, muted: bool) -> None:
        self.tone.muted = muted
        self._retranslate()

    def _update_header(self) -> None:
        """Summary, grid filter, buttons and ``selection_changed``: after changes."""
        self._refresh.stop()
        alarm = self.selected_alarm()
        selected_id = alarm.id if alarm is not None else 0
        if selected_id != self._selected_id:
            self._selected_id = selected_id
            self.selection_changed.emit(selected_id)
        for button in (self.order_button, self.map_button, self.false_button):
            button.setEnabled(alarm is not None)
        self.ack_button.setEnabled(alarm is not None and alarm.needs_ack)
        self.next_button.setEnabled(self.model.unacknowledged > 0)
        self.summary.setText(
            self.tr("%1 open, %2 unacknowledged")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.unacknowledged))
        )
        offline = sum(a.device_offline for a in self.model.rows())
        self.offline_button.setText(self.tr("Offline devices: %1").replace("%1", str(offline)))
        grid = self.proxy.grid
        self.filter_button.setVisible(grid is not None)
        if grid is not None:
            self.filter_button.setText(self.tr("Grid %1  ✕").replace("%1", grid))
        day = self.proxy.day
        self.day_button.setVisible(day is not None)
        if day is not None:
            self.day_button.setText(self.tr("%1 raised  ✕").replace("%1", day.isoformat()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.ack_button.setText(self.tr("Ack (Space)"))
        self.order_button.setText(self.tr("Order… (Enter)"))
        self.order_button.setToolTip(self.tr("Raise a work order from the alarm (Enter, Ctrl+R)"))
        self.map_button.setText(self.tr("Map (M)"))
        self.next_button.setText(self.tr("Next (N)"))
        self.false_button.setText(self.tr("False… (Shift+Del)"))
        self.mute_button.setText(self.tr("Sound off") if self.muted else self.tr("Sound on"))
        self.mute_button.setToolTip(self.tr("A tone for new major and critical alarms"))
        self.filter_button.setToolTip(self.tr("Show every grid cell again"))
        self.day_button.setToolTip(self.tr("Show every day's alarms again"))
        self.offline_button.setToolTip(
            self.tr("Only the devices silent past their reporting interval, now")
        )
        self.search.setPlaceholderText(self.tr("Filter: alarm, device, community…"))
        self.model.retranslate()
        self.table.fit_columns()
        self._update_header()
