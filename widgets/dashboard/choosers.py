"""What the statistics dock is about: which grid cells (``GridChooser``) and which
sensor's curve (``SeriesChooser``: sensor, measurement, days back).

Both say what was chosen as plain values: a frozenset of grid codes (empty: the
whole district) and a ``SeriesWanted``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QToolButton, QWidget

from services.domain import SensorChoice, SeriesWanted

METRICS = ("residual_current_ma", "temperature_c")
DAYS = (7, 30, 365)


class GridChooser(QToolButton):
    """A button naming the cells shown ("Whole district", "G11", "3 grid cells")
    with a menu of checkable cells."""

    chosen = Signal(object)  # frozenset[str]: empty for the whole district

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardGrids")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.whole = QAction(self)
        self.whole.triggered.connect(self.clear)
        self.cells: dict[str, QAction] = {}
        self.names: dict[str, str] = {}
        self.retranslate()

    def set_cells(self, cells: Sequence[tuple[str, str]]) -> None:
        """The cells one may choose, as (code, name); keeps the choice where it can."""
        kept = self.choice()
        self.menu_.clear()
        self.menu_.addAction(self.whole)
        self.menu_.addSeparator()
        self.cells, self.names = {}, dict(cells)
        for code, name in cells:
            action = QAction(f"{code}  {name}" if name and name != code else code, self)
            action.setCheckable(True)
            action.setChecked(code in kept)
            action.triggered.connect(self._changed)
            self.menu_.addAction(action)
            self.cells[code] = action
        self._say()

    def choice(self) -> frozenset[str]:
        return frozenset(code for code, a in self.cells.items() if a.isChecked())

    def choose(self, codes: frozenset[str]) -> None:
        for code, action in self.cells.items():
            action.setChecked(code in codes)
        self._changed()

    def clear(self) -> None:
        self.choose(frozenset())

    def _changed(self) -> None:
        self._say()
        self.chosen.emit(self.choice())

    def _say(self) -> None:
        chosen = sorted(self.choice())
        if not chosen:
            text = self.tr("Whole district")
        elif len(chosen) == 1:
            text = self.names.get(chosen[0]) or chosen[0]
        else:
            text = self.tr("%1 grid cells").replace("%1", str(len(chosen)))
        self.setText(text + " ▾")

    def retranslate(self) -> None:
        self.whole.setText(self.tr("Whole district"))
        self.setToolTip(self.tr("The grid cells the charts count"))
        self._say()


class SeriesChooser(QWidget):
    """Sensor, measurement and range of the arc-fault curve."""

    chosen = Signal(object)  # SeriesWanted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sensor_box = QComboBox(self)
        self.sensor_box.setObjectName("seriesSensor")
        self.sensor_box.setMinimumContentsLength(18)
        self.sensor_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.metric_box = QComboBox(self)
        self.metric_box.setObjectName("seriesMetric")
        self.days_box = QComboBox(self)
        self.days_box.setObjectName("seriesDays")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.sensor_box, self.metric_box, self.days_box):
            row.addWidget(box)
            box.activated.connect(lambda _i: self.chosen.emit(self.wanted()))
        self.sensors: tuple[SensorChoice, ...] = ()
        self.retranslate()

    def set_sensors(self, sensors: Sequence[SensorChoice], shown: str | None) -> None:
        """Offer ``sensors`` (the first entry: the one with most alarms); ``shown``
        is the sensor the curve is of."""
        if tuple(sensors) != self.sensors:
            picked = self.sensor_box.currentData()
            self.sensors = tuple(sensors)
            self.sensor_box.clear()
            self.sensor_box.addItem(self.tr("Most alarms"), None)
            for s in sensors:
                text = f"{s.name or s.device_id} ({s.device_id})"
                if s.alarms:
                    text += " · " + self.tr("%1 alarms").replace("%1", str(s.alarms))
                self.sensor_box.addItem(text, s.device_id)
            i = self.sensor_box.findData(picked) if picked else 0
            self.sensor_box.setCurrentIndex(max(i, 0))
        self.sensor_box.setToolTip(shown or "")

    def wanted(self) -> SeriesWanted:
        metric = METRICS[max(self.metric_box.currentIndex(), 0)]
        days = DAYS[max(self.days_box.currentIndex(), 0)]
        return SeriesWanted(self.sensor_box.currentData(), metric, days)

    def retranslate(self) -> None:
        if self.sensor_box.count():
            self.sensor_box.setItemText(0, self.tr("Most alarms"))
        for box, texts in (
            (self.metric_box, [self.tr("Residual current"), self.tr("Temperature")]),
            (
                self.days_box,
                [self.tr("Last 7 days"), self.tr("Last 30 days"), self.tr("Last year")],
            ),
        ):
            i = max(box.currentIndex(), 0)
            box.clear()
            box.addItems(texts)
            box.setCurrentIndex(i)
