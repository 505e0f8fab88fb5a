"""The alert queue's filter: one grid cell (a click on the map), one local day
(a click in the statistics: the alarms first seen that day), a text, and/or
only the devices offline now.

No sorting here: the queue's order is the model's own (unacknowledged, most
severe, newest first), so the proxy only hides rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from widgets.alerts.model import AlertQueueModel
from widgets.alerts.texts import DISTRICT_TZ, haystack


class AlertQueueFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid: str | None = None
        self._words: tuple[str, ...] = ()
        self._text = ""
        self._offline = False
        self._day: date | None = None

    @property
    def grid(self) -> str | None:
        return self._grid

    @property
    def day(self) -> date | None:
        return self._day

    @property
    def text(self) -> str:
        return self._text

    @property
    def offline_only(self) -> bool:
        return self._offline

    def set_offline_only(self, only: bool) -> None:
        """Only the alarms of devices offline now (silent past their interval)."""
        if only != self._offline:
            self._change(lambda: setattr(self, "_offline", only))

    def set_grid(self, grid: str | None) -> None:
        """Only the alarms of this grid cell; ``None`` (or "") for every cell."""
        if (grid or None) != self._grid:
            self._change(lambda: setattr(self, "_grid", grid or None))

    def set_day(self, day: date | None) -> None:
        """Only the alarms first seen on this local day; ``None`` for every day."""
        if day != self._day:
            self._change(lambda: setattr(self, "_day", day))

    def set_text(self, text: str) -> None:
        """Only alarms whose alarm, device, kind, community, grid or order
        contain every word of ``text`` (case-insensitive)."""
        words = tuple(text.casefold().split())
        if words != self._words:
            self._text = text.strip()
            self._change(lambda: setattr(self, "_words", words))

    def _change(self, change: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and newer
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802 (Qt's name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._grid is None and self._day is None and not self._words and not self._offline:
            return True
        model = self.sourceModel()
        alarm = model.alarm(source_row) if isinstance(model, AlertQueueModel) else None
        if alarm is None or (self._grid is not None and alarm.grid != self._grid):
            return False
        if self._offline and not alarm.device_offline:
            return False
        if self._day is not None and alarm.first_seen.astimezone(DISTRICT_TZ).date() != self._day:
            return False
        if self._words:
            text = haystack(alarm)
            return all(w in text for w in self._words)
        return True
