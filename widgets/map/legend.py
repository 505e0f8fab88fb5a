"""The map's legend, in a corner over the map: the device kinds shown (their
badges), the alarm markers (pulsing while unacknowledged) and the scale of the
cells' fill by open alarms.  Clicks pass through it to the map."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QWidget

from services.domain import AlarmState
from widgets.labels import label
from widgets.map import icons as icons
from widgets.map.cells import LOAD_RAMP

PAD, ROW, SWATCH = 8, 20, 16
TEXT, MUTED, LINE = QColor("#e6edf5"), QColor("#9fb3c8"), QColor("#2a3644")
PANEL = QColor(15, 20, 27, 215)  # the theme's #0f141b, nearly opaque


class MapLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.kinds: list[str] = []
        self._picture: QPixmap | None = None
        self._badges = {
            k: icons.device_badge(k, self.devicePixelRatioF()) for k in icons.KIND_COLOURS
        }
        self._markers = icons.marker_frames(4, self.devicePixelRatioF())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)

    def set_kinds(self, kinds: Iterable[str]) -> None:
        """The device kinds on the map, in the legend's order."""
        shown = set(kinds)
        self.kinds = [k for k in icons.KIND_COLOURS if k in shown]
        self._picture = None
        self.adjustSize()
        self.update()

    def _rows(self) -> list[tuple[str, str]]:
        rows = [("kind", k) for k in self.kinds]
        rows += [("unacked", label("alarm_state", AlarmState.ACTIVE_UNACK))]
        rows += [("acked", label("alarm_state", AlarmState.ACTIVE_ACK))]
        return rows

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        fm = QFontMetrics(self.font())
        texts = [label("device_kind", k) if kind == "kind" else k for kind, k in self._rows()]
        texts.append(self.tr("Open alarms in the grid"))
        width = max(fm.horizontalAdvance(t) for t in texts) + SWATCH + 3 * PAD
        return QSize(width, PAD * 2 + ROW * (len(self._rows()) + 2))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """From a picture drawn once: the map's pulse repaints what lies under it."""
        dpr = self.devicePixelRatioF()
        if self._picture is None or self._picture.size() != self.size() * dpr:
            self._picture = QPixmap(self.size() * dpr)
            self._picture.setDevicePixelRatio(dpr)
            self._picture.fill(Qt.GlobalColor.transparent)
            self._draw(QPainter(self._picture))
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            self._picture = None
        super().changeEvent(event)

    def _draw(self, p: QPainter) -> None:
        p.setFont(self.font())  # a pixmap's painter has the application's
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(LINE, 1))
        p.setBrush(PANEL)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        y = PAD
        for kind, key in self._rows():
            centre = QPointF(PAD + SWATCH / 2, y + ROW / 2)
            if kind == "kind":
                badge = self._badges[key]
                p.drawPixmap(centre - QPointF(icons.BADGE / 2, icons.BADGE / 2), badge)
                text = label("device_kind", key)
            else:
                pixmap, half = self._markers[1][3] if kind == "unacked" else self._markers[0]
                p.drawPixmap(centre - QPointF(half, half), pixmap)
                text = key
            p.setPen(TEXT)
            p.drawText(
                QRectF(PAD * 2 + SWATCH, y, self.width(), ROW), Qt.AlignmentFlag.AlignVCenter, text
            )
            y += ROW
        p.setPen(MUTED)
        p.drawText(
            QRectF(PAD, y, self.width(), ROW),
            Qt.AlignmentFlag.AlignVCenter,
            self.tr("Open alarms in the grid"),
        )
        y += ROW
        bar = QRectF(PAD, y + 3, self.width() - 2 * PAD - 28, ROW - 8)
        ramp = QLinearGradient(bar.topLeft(), bar.topRight())
        top = LOAD_RAMP[-1][0]
        for n, colour in LOAD_RAMP:
            ramp.setColorAt(n / top, colour)
        p.fillRect(bar, ramp)
        p.drawText(
            QRectF(bar.left() + 3, bar.top(), 20, bar.height()), Qt.AlignmentFlag.AlignVCenter, "0"
        )
        p.drawText(QRectF(bar.right() + 4, y, 30, ROW), Qt.AlignmentFlag.AlignVCenter, f"{top}+")
        p.end()
