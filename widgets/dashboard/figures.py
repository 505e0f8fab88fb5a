"""Headline figures as tiles: a large number over its caption.

The same tiles sit atop the dashboard dock and around the big screen's map; the
big screen scales them with the screen (``set_point_size``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from services.domain import OrderFigures

CONTEXT = "FigureTiles"
WARN = "#f5a524"
ALARM = "#ff5c5c"
GOOD = "#3ccf91"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


#: The tiles in their order: the key of each and its caption (translated when shown).
TILES = (
    ("alerts_today", QT_TRANSLATE_NOOP("FigureTiles", "Alerts today")),
    ("opened_today", QT_TRANSLATE_NOOP("FigureTiles", "Orders raised today")),
    ("closed_today", QT_TRANSLATE_NOOP("FigureTiles", "Orders closed today")),
    ("open_now", QT_TRANSLATE_NOOP("FigureTiles", "Orders open")),
    ("overdue_now", QT_TRANSLATE_NOOP("FigureTiles", "Overdue")),
    ("on_time_rate", QT_TRANSLATE_NOOP("FigureTiles", "Closed on time")),
    ("median_hours", QT_TRANSLATE_NOOP("FigureTiles", "Median hours to close")),
)


class FigureTile(QFrame):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figure_{key}")
        self.setStyleSheet(
            "FigureTile { background: #151c25; border: 1px solid #223041; border-radius: 6px; }"
            "QLabel { background: transparent; }"
        )
        self.value = QLabel("–", self)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #9fb3c8;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.set_point_size(12)

    def set_point_size(self, points: float) -> None:
        """Caption at ``points``, the figure at twice that."""
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.caption.setFont(font)
        big = QFont(font)
        big.setPointSizeF(points * 2)
        big.setBold(True)
        self.value.setFont(big)

    def set_value(self, text: str, colour: str = "#e6edf5") -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {colour};")


class FigureTiles(QWidget):
    """The headline figures in ``columns`` columns."""

    def __init__(self, columns: int = len(TILES), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, FigureTile] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for i, (key, _text) in enumerate(TILES):
            tile = FigureTile(key, self)
            self.tiles[key] = tile
            layout.addWidget(tile, i // columns, i % columns)
        self.retranslate()

    def retranslate(self) -> None:
        for key, text in TILES:
            self.tiles[key].caption.setText(QCoreApplication.translate(CONTEXT, text))

    def set_point_size(self, points: float) -> None:
        for tile in self.tiles.values():
            tile.set_point_size(points)

    def set_figures(self, figures: OrderFigures | None) -> None:
        if figures is None:
            for tile in self.tiles.values():
                tile.set_value("–")
            return
        t = self.tiles
        t["alerts_today"].set_value(str(figures.alerts_today))
        t["opened_today"].set_value(str(figures.opened_today))
        t["closed_today"].set_value(str(figures.closed_today), GOOD)
        t["open_now"].set_value(str(figures.open_now))
        t["overdue_now"].set_value(str(figures.overdue_now), ALARM if figures.overdue_now else GOOD)
        rate = figures.on_time_rate
        t["on_time_rate"].set_value(
            "–" if rate is None else f"{rate * 100:.0f}%",
            "#e6edf5" if rate is None else GOOD if rate >= 0.9 else WARN,
        )
        hours = figures.median_hours
        t["median_hours"].set_value("–" if hours is None else f"{hours:.1f}")
