"""The video wall's toolbar row: layout picker, page back/forward with "3 / 6", and the
tour (轮巡) toggle with its interval. The bar only shows state and asks; the wall
decides, and ``WallTour`` keeps the tour's time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from widgets.video.layouts import WallLayout

TOUR_SECONDS = (1, 3600)


def layout_label(layout: WallLayout) -> str:
    """The combo's text: "16 (4×4)" for a plain grid, the name for a custom layout."""
    if layout.size == layout.rows * layout.cols and layout.name == str(layout.size):
        return f"{layout.size} ({layout.cols}×{layout.rows})"
    return layout.name


class WallBar(QWidget):
    layout_chosen = Signal(str)  # layout name
    page_stepped = Signal(int)  # -1 back, +1 forward
    tour_toggled = Signal(bool)
    tour_interval_changed = Signal(int)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_caption = QLabel(self)
        self.layouts = QComboBox(self)
        self.layouts.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.layouts.activated.connect(self._on_layouts_activated)
        self.back = QToolButton(self)
        self.back.setText("◀")
        self.back.clicked.connect(lambda: self.page_stepped.emit(-1))
        self.page = QLabel("1 / 1", self)
        self.page.setMinimumWidth(self.page.fontMetrics().horizontalAdvance("888 / 888"))
        self.forward = QToolButton(self)
        self.forward.setText("▶")
        self.forward.clicked.connect(lambda: self.page_stepped.emit(1))
        self.tour = QToolButton(self)
        self.tour.setCheckable(True)
        self.tour.toggled.connect(self.tour_toggled)
        self.interval = QSpinBox(self)
        self.interval.setRange(*TOUR_SECONDS)
        self.interval.setValue(30)
        self.interval.valueChanged.connect(self.tour_interval_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        parts: list[QWidget | int] = [self.layout_caption, self.layouts, 12, self.back, self.page]
        for part in (*parts, self.forward, 12, self.tour, self.interval):
            if isinstance(part, int):
                row.addSpacing(part)
            else:
                row.addWidget(part)
        row.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.layout_caption.setText(self.tr("Layout"))
        self.back.setToolTip(self.tr("Previous page (PgUp)"))
        self.forward.setToolTip(self.tr("Next page (PgDn)"))
        self.tour.setText(self.tr("Tour"))
        self.tour.setToolTip(self.tr("Turn the pages by themselves"))
        self.interval.setPrefix(self.tr("every "))
        self.interval.setSuffix(self.tr(" s"))

    def set_layouts(self, layouts: list[WallLayout], current: str) -> None:
        self.layouts.blockSignals(True)
        self.layouts.clear()
        for layout in layouts:
            self.layouts.addItem(layout_label(layout), layout.name)
        self.layouts.setCurrentIndex(max(0, self.layouts.findData(current)))
        self.layouts.blockSignals(False)

    def set_page(self, label: str, pages: int) -> None:
        self.page.setText(label)
        self.back.setEnabled(pages > 1)
        self.forward.setEnabled(pages > 1)

    def set_tour(self, on: bool, seconds: int) -> None:
        for widget in (self.tour, self.interval):
            widget.blockSignals(True)
        self.tour.setChecked(on)
        self.interval.setValue(seconds)
        for widget in (self.tour, self.interval):
            widget.blockSignals(False)

    def _on_layouts_activated(self, index: int) -> None:
        self.layout_chosen.emit(str(self.layouts.itemData(index)))

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class WallTour(QObject):
    """The tour: ``due`` every interval while it is on and not held (a camera enlarged);
    the bar's toggle and interval drive it, and show what it does."""

    due = Signal()

    def __init__(self, bar: WallBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.on = False
        self.held = False
        self.timer = QTimer(self)
        self.timer.setInterval(bar.interval.value() * 1000)
        self.timer.timeout.connect(self.due)
        bar.tour_toggled.connect(self._on_bar_tour_toggled)
        bar.tour_interval_changed.connect(self.set_interval)

    def start(self) -> None:
        self.on = True
        self._apply()

    def stop(self) -> None:
        self.on = False
        self._apply()

    def hold(self, held: bool) -> None:
        self.held = held
        self._apply()

    def set_interval(self, seconds: float) -> None:
        self.timer.setInterval(max(100, round(seconds * 1000)))
        self._apply()

    def _apply(self) -> None:
        if not self.on or self.held:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()
        self.bar.set_tour(self.on, max(1, round(self.timer.interval() / 1000)))

    def _on_bar_tour_toggled(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()
