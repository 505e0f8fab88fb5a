"""Big-screen mode (大屏): the district's picture for a wall, readable across the room.

Full screen (on a screen of its own when there is a second one), type scaled by
the screen's height (the same look at 1920×1080 and 3840×2160).  Pages turn
every ``PAGE_S`` seconds: the nine-grid map with the day's figures and the
ranking around it; alerts and orders over time; and, when the folder of the
setting ``bigscreen/notice_folder`` holds images or text files, a notice board
(党建 and the like) showing one of them each time it comes round.  Esc or F10
leaves it."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.district.timezone import district_tz
from services.domain import Dashboard, DistrictMap
from widgets.dashboard.charts import AlertsChart, GridRankChart, OrdersChart
from widgets.dashboard.figures import FigureTiles
from widgets.map.grid_map import GridMap

log = logging.getLogger(__name__)

PAGE_S = 30
IMAGES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")
TEXTS = (".txt", ".md")
#: Caption size in points at 1080 lines; 2160 lines get twice as much.
POINTS_AT_1080 = 17


def notice_items(folder: Path | None) -> list[Path]:
    """The folder's images and text files, by name; none for no folder."""
    if folder is None or not folder.is_dir():
        return []
    kinds = IMAGES + TEXTS
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in kinds)


class NoticeBoard(QWidget):
    """One notice at a time: an image scaled to fit, or a text file's words."""

    def __init__(self, items: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items, self.index = items, -1
        self.view = QLabel(self)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.pixmap: QPixmap | None = None

    def next_item(self) -> None:
        if not self.items:
            return
        self.index = (self.index + 1) % len(self.items)
        path = self.items[self.index]
        self.pixmap = None
        if path.suffix.lower() in IMAGES:
            self.pixmap = QPixmap(str(path))
            self._fit()
        else:
            try:
                self.view.setText(path.read_text(encoding="utf-8")[:4000])
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("notice %s not readable: %s", path, exc)
                self.view.setText(path.stem)

    def _fit(self) -> None:
        if self.pixmap is not None and not self.pixmap.isNull():
            self.view.setPixmap(
                self.pixmap.scaled(
                    self.view.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()


class BigScreen(QWidget):
    closed = Signal()
    grid_clicked = Signal(str)

    def __init__(self, notice_folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("bigScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.title = QLabel(self)
        self.clock = QLabel(self)
        self.page_label = QLabel(self)
        self.pages = QStackedWidget(self)
        self.figures = FigureTiles(columns=1)
        self.map = GridMap()
        self.ranking = GridRankChart()
        self.ranking.room = 3.6  # large type: longer notes beside the bars
        self.map.legend_wanted = False  # the wall has no use for it
        self.alerts = AlertsChart()
        self.orders = OrdersChart()
        self.captions: list[QLabel] = []
        self.notice = NoticeBoard(notice_items(notice_folder))
        self._build()
        self.map.cell_clicked.connect(self.grid_clicked)
        self.ranking.grid_clicked.connect(self.grid_clicked)
        self.turn = QTimer(self)
        self.turn.setInterval(PAGE_S * 1000)
        self.turn.timeout.connect(self.next_page)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_time)
        self.retranslate()

    def _caption(self) -> QLabel:
        caption = QLabel(self)
        caption.setStyleSheet("color: #9fb3c8; font-weight: bold;")
        self.captions.append(caption)
        return caption

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.page_label)
        head.addSpacing(24)
        head.addWidget(self.clock)
        overview = QWidget()
        row = QHBoxLayout(overview)
        row.addWidget(self.figures, 2)
        row.addWidget(self.map, 5)
        side = QVBoxLayout()
        side.addWidget(self._caption())
        side.addWidget(self.ranking, 1)
        row.addLayout(side, 3)
        trends = QWidget()
        column = QVBoxLayout(trends)
        for chart in (self.alerts, self.orders):
            column.addWidget(self._caption())
            column.addWidget(chart, 1)
        self.pages.addWidget(overview)
        self.pages.addWidget(trends)
        if self.notice.items:
            self.pages.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addWidget(self.pages, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Youyi Road Sub-district Operations Center · today"))
        texts = (
            self.tr("Nine-grid ranking: open orders"),
            self.tr("Alerts by kind, last 24 hours"),
            self.tr("Work orders raised and closed per day, backlog"),
        )
        for caption, text in zip(self.captions, texts, strict=True):
            caption.setText(text)
        self.figures.retranslate()
        self._show_page_number()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing ------------------------------------------------------------------

    def open_on(self, screen: object | None = None) -> None:
        """Full screen on ``screen`` (QScreen; None: the primary), type scaled to it."""
        target = screen or QApplication.primaryScreen()
        if target is not None:
            self.setScreen(target)  # type: ignore[arg-type]
            self.setGeometry(target.geometry())  # type: ignore[attr-defined]
            self.scale_to(target.geometry().height())  # type: ignore[attr-defined]
        self.pages.setCurrentIndex(0)
        self._show_page_number()
        self._show_time()
        self.showFullScreen()
        self.turn.start()
        self.tick.start()

    def scale_to(self, height: int) -> None:
        """Type for a screen ``height`` lines tall (17 pt at 1080, 34 pt at 2160)."""
        points = max(POINTS_AT_1080 * height / 1080, 10.0)
        font = QFont(self.font())
        font.setPointSizeF(points)
        for caption in (*self.captions, self.page_label, self.clock):
            caption.setFont(font)
        self.notice.view.setFont(font)
        big = QFont(font)
        big.setPointSizeF(points * 1.6)
        big.setBold(True)
        self.title.setFont(big)
        self.figures.set_point_size(points)
        note_font = QFont(font)
        note_font.setPointSizeF(points * 0.75)
        self.ranking.note_font = note_font
        self.map.setFont(note_font)  # the cells' names and loads
        tick_font = QFont(font)
        tick_font.setPointSizeF(points * 0.8)
        for chart in (self.ranking, self.alerts, self.orders):
            for name in ("left", "bottom"):
                chart.plot.getAxis(name).setStyle(tickFont=tick_font)
            chart.plot.getAxis("left").setWidth(int(points * 8))
            chart.plot.getAxis("bottom").setHeight(int(points * 2.4))
        for legend in (self.alerts.legend, self.orders.legend):
            legend.setLabelTextSize(f"{points * 0.8:.0f}pt")
        self.points = points

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.figures.set_figures(dashboard.figures)
        self.ranking.set_ranking(dashboard.grids)
        d = dashboard
        self.alerts.set_counts(
            d.alerts, d.bucket_seconds, None if d.since is None else (d.since, d.at)
        )
        self.orders.set_days(dashboard.days)

    def set_alarm_load(self, load: dict[str, int]) -> None:
        """Open alarms per grid cell: the map's fill, as in the console's map."""
        self.map.set_cell_load(load)

    def set_district(self, district: DistrictMap) -> None:
        self.map.set_district(district)
        QTimer.singleShot(0, self.map.fit_district)

    def next_page(self) -> None:
        i = (self.pages.currentIndex() + 1) % self.pages.count()
        if self.pages.widget(i) is self.notice:
            self.notice.next_item()
        self.pages.setCurrentIndex(i)
        self._show_page_number()
        if i == 0:
            QTimer.singleShot(0, self.map.fit_district)

    def _show_page_number(self) -> None:
        self.page_label.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(self.pages.currentIndex() + 1))
            .replace("%2", str(self.pages.count()))
        )

    def _show_time(self) -> None:
        self.clock.setText(datetime.now(district_tz()).strftime("%Y-%m-%d %H:%M:%S"))

    # --- leaving ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F10):
            self.close()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
            self.turn.start()  # a full period on the page chosen
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.turn.stop()
        self.tick.stop()
        super().closeEvent(event)
        self.closed.emit()
