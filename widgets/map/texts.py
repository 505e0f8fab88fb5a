"""The map's words: cell names (the code alone where the cell is narrow on
screen, and the open-alarm count) and block names, as text with a dark halo
that keeps its size at any zoom.  A block's name moves up clear of the cell
names it would cover.  And the tooltips of an alarm's marker and a device."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from services.domain import MapDevice, QueuedAlarm
from widgets.alerts.texts import when
from widgets.labels import label


def alarm_tip(a: QueuedAlarm) -> str:
    state = f"{label('alarm_state', a.state)} · {when(a.last_seen)}"
    return f"{a.label} · {label('severity', str(a.severity))}\n{a.device_name}\n{state}"


def device_tip(d: MapDevice) -> str:
    place = d.community_name or d.community or d.grid
    lines = [d.name, f"{label('device_kind', d.kind)} · {d.id}"]
    return "\n".join(lines + ([place] if place else []))


TEXT, CODE, BUSY, BLOCK = "#eef3f8", "#9fb3c8", "#ffc24d", "#a9c8ea"
Line = tuple[str, QFont, QColor]


class LabelItem(QGraphicsItem):
    """Lines of text centred on its position, a dark halo around each glyph."""

    HALO = QColor(13, 21, 32, 220)

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setCacheMode(QGraphicsItem.CacheMode.ItemCoordinateCache)  # its size never changes
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(4)
        self._paths: list[tuple[QPainterPath, QColor]] = []
        self._rect = QRectF()
        self.offset = QPointF()  # a shift in pixels (to keep clear of another label)
        self._key: list[tuple[str, str, int]] = []

    def set_lines(self, lines: Sequence[Line]) -> None:
        key = [(text, font.toString(), colour.rgba()) for text, font, colour in lines]
        if key == self._key:
            return  # unchanged: keep the cached picture
        self._key = key
        self.prepareGeometryChange()
        self._paths = []
        heights = [QFontMetricsF(f).height() for _, f, _ in lines]
        y = -sum(heights) / 2
        for (text, font, colour), h in zip(lines, heights, strict=True):
            fm = QFontMetricsF(font)
            path = QPainterPath()
            path.addText(-fm.horizontalAdvance(text) / 2, y + fm.ascent(), font, text)
            self._paths.append((path, colour))
            y += h
        rect = QRectF()
        for path, _ in self._paths:
            rect = rect.united(path.boundingRect())
        self._rect = rect.adjusted(-3, -3, 3, 3)
        self.update()

    def set_offset(self, offset: QPointF) -> None:
        if offset != self.offset:
            self.prepareGeometryChange()
            self.offset = offset

    def text_rect(self) -> QRectF:
        """The label's box in pixels around its position."""
        return self._rect.translated(self.offset)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.text_rect()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(self.offset)
        halo = QPen(self.HALO, 3.5)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for path, colour in self._paths:
            painter.strokePath(path, halo)
            painter.fillPath(path, colour)
        painter.restore()


class MapLabels:
    """The cell and block labels of one district, laid out for the view's zoom."""

    def __init__(self) -> None:
        self.cells: dict[str, tuple[LabelItem, str, float]] = {}  # name, width (scene)
        self.blocks: list[tuple[LabelItem, str]] = []

    def add_cell(self, code: str, name: str, width: float) -> LabelItem:
        item = LabelItem()
        self.cells[code] = (item, name, width)
        return item

    def add_block(self, name: str) -> LabelItem:
        item = LabelItem()
        item.setZValue(5)
        self.blocks.append((item, name))
        return item

    def layout(
        self, view: QGraphicsView, load: dict[str, int], open_text: Callable[[int], str]
    ) -> None:
        scale, base = view.transform().m11(), QFont(view.font())
        big, small, block = QFont(base), QFont(base), QFont(base)
        big.setPointSizeF(base.pointSizeF() * 1.05)
        big.setBold(True)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        block.setPointSizeF(base.pointSizeF() * 1.25)
        block.setBold(True)
        block.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        for code, (item, name, width) in self.cells.items():
            fits = QFontMetricsF(big).horizontalAdvance(name) <= width * scale * 0.85
            lines: list[Line] = (
                [(name, big, QColor(TEXT)), (code, small, QColor(CODE))]
                if fits
                else [(code, big, QColor(TEXT))]
            )
            if load.get(code, 0):
                lines.append((open_text(load[code]), small, QColor(BUSY)))
            item.set_lines(lines)
        taken = [_on_screen(view, item) for item, _, _ in self.cells.values()]
        for item, name in self.blocks:
            item.set_lines([(name, block, QColor(BLOCK))])
            item.set_offset(QPointF())
            spot = _clear_spot(_on_screen(view, item), taken)
            item.setVisible(spot is not None)  # no room at this zoom: the cells' names win
            if spot is not None:
                item.set_offset(spot)
                taken.append(_on_screen(view, item))


def _clear_spot(mine: QRectF, taken: list[QRectF]) -> QPointF | None:
    """Where a block's name clears every label placed so far: where it is, else
    just above or below what it covers; None if nowhere near."""
    clash = [r for r in taken if r.intersects(mine)]
    if not clash:
        return QPointF()
    up = min(r.top() for r in clash) - mine.bottom() - 2
    down = max(r.bottom() for r in clash) - mine.top() + 2
    for dy in sorted((up, down), key=abs):
        moved = mine.translated(0, dy)
        if not any(r.intersects(moved) for r in taken):
            return QPointF(0, dy)
    return None


def _on_screen(view: QGraphicsView, item: LabelItem) -> QRectF:
    return item.text_rect().translated(QPointF(view.mapFromScene(item.pos())))
