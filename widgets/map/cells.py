"""The grid cells on the map: their outlines as painter paths (holes and
exclaves kept), where a cell's name goes, the blocks' outlines, the fill that
says how many alarms are open in a cell, and the outline of the selected one;
all painted as the map's background."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsScene

from services.domain import MapCell
from widgets.map.texts import MapLabels

Project = Callable[[float, float], QPointF]
M_PER_DEG = 111_320.0


@dataclass(frozen=True, slots=True)
class Projection:
    """Local equirectangular around the district's middle, in metres:
    x = Δlon·cos φ₀, y = −Δlat (north up), so the district is not stretched."""

    lon0: float = 0.0
    lat0: float = 0.0

    @classmethod
    def around(cls, cells: Sequence[MapCell]) -> Projection:
        points = [p for c in cells for polygon in c.polygons for p in polygon[0]]
        if not points:
            return cls()
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return cls((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)

    def __call__(self, lon: float, lat: float) -> QPointF:
        k = math.cos(math.radians(self.lat0))
        return QPointF((lon - self.lon0) * M_PER_DEG * k, (self.lat0 - lat) * M_PER_DEG)

    def many(self, lons: Sequence[float], lats: Sequence[float]) -> np.ndarray:
        """An n×2 array of scene points."""
        k = math.cos(math.radians(self.lat0))
        xs = (np.asarray(lons, dtype=float) - self.lon0) * M_PER_DEG * k
        ys = (self.lat0 - np.asarray(lats, dtype=float)) * M_PER_DEG
        return np.column_stack([xs, ys]) if len(xs) else np.zeros((0, 2))


#: Open alarms → fill, from calm slate through amber to red; every step dark
#: enough for the light labels and lighter than the map's background.
LOAD_RAMP = (
    (0, QColor("#172638")),
    (1, QColor("#2a3253")),
    (3, QColor("#4c2f5a")),
    (6, QColor("#752b4a")),
    (10, QColor("#9a2434")),
)
CELL_LINE, BLOCK_LINE, SELECTED_LINE = "#5f7d9c", "#a9c8ea", "#3d9bff"


def _pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)  # the same width at any zoom
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class CellLayer:
    """The cells and blocks of one district: painted by the view's background
    (cached by the view: the pulse and panning only blit them), their names as
    scene items."""

    def __init__(self, scene: QGraphicsScene, cells: Sequence[MapCell], project: Project) -> None:
        self.paths = {c.code: cell_path(c, project) for c in cells}
        self.info = {c.code: c for c in cells}
        self.fills = {c.code: load_colour(0) for c in cells}
        self.labels = MapLabels()
        self.bounds = QRectF()  # the district (scene)
        self.selected: str | None = None
        for cell in cells:
            self.bounds = self.bounds.united(self.paths[cell.code].boundingRect())
            largest = max(cell.polygons, key=lambda p: len(p[0]))
            rings = [QPolygonF([project(x, y) for x, y in ring]) for ring in largest]
            name = self.labels.add_cell(cell.code, cell.name, rings[0].boundingRect().width())
            name.setPos(label_point(self.paths[cell.code], rings))
            scene.addItem(name)
        names = {c.block_code: c.block_name for c in cells}
        self.blocks = block_outlines(cells, self.paths)
        for code, outline in self.blocks.items():
            name = self.labels.add_block(names[code])
            name.setPos(outline.boundingRect().center())
            scene.addItem(name)
        self._pens: tuple[float, list[QPen]] = (0.0, [])  # for a device pixel ratio

    def set_load(self, load: dict[str, int]) -> None:
        self.fills = {code: load_colour(load.get(code, 0)) for code in self.paths}

    def select(self, code: str | None) -> str | None:
        """Outline the cell (None: no cell); returns the code if there is such a cell."""
        self.selected = code if code in self.paths else None
        return self.selected

    def at(self, point: QPointF) -> str:
        """The cell at a scene point ("" if none); on a border the lowest code, as
        services.district.geo places a device."""
        hits = sorted(code for code, path in self.paths.items() if path.contains(point))
        return hits[0] if hits else ""

    def pens(self, dpr: float) -> list[QPen]:
        """Cell, block and selection lines.  Cosmetic widths are device pixels:
        times the ratio for a high-DPI screen.  Cell lines 1 px wide on a plain
        screen: Qt's fast path for cosmetic pens (a tenth of the time of 1.2 px)."""
        if self._pens[0] != dpr:
            widths = ((CELL_LINE, 1.0), (BLOCK_LINE, 3.0), (SELECTED_LINE, 3.5))
            self._pens = (dpr, [_pen(colour, w * dpr) for colour, w in widths])
        return self._pens[1]

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        cell_pen, block_pen, selected_pen = self.pens(painter.device().devicePixelRatioF())
        for code, path in self.paths.items():
            if path.boundingRect().intersects(exposed):
                painter.fillPath(path, self.fills[code])
                painter.strokePath(path, cell_pen)
        for outline in self.blocks.values():
            painter.strokePath(outline, block_pen)
        if self.selected is not None:
            painter.strokePath(self.paths[self.selected], selected_pen)


def cell_path(cell: MapCell, project: Project) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for polygon in cell.polygons:
        for ring in polygon:
            path.addPolygon(QPolygonF([project(x, y) for x, y in ring]))
            path.closeSubpath()
    return path


def block_outlines(
    cells: Sequence[MapCell], paths: dict[str, QPainterPath]
) -> dict[str, QPainterPath]:
    """Each block's outline: the union of its cells."""
    blocks: dict[str, QPainterPath] = {}
    for cell in cells:
        so_far = blocks.get(cell.block_code)
        path = paths[cell.code]
        blocks[cell.block_code] = path if so_far is None else so_far.united(path)
    return blocks


def label_point(path: QPainterPath, rings: Sequence[QPolygonF]) -> QPointF:
    """A point well inside the cell for its name: the outer ring's centroid when
    it lies inside (not in a hole), else the middle of the longest inside
    stretch of the horizontal or vertical line through it."""
    centre = _centroid(rings[0])
    if path.contains(centre):
        return centre
    box = rings[0].boundingRect()
    across = QLineF(box.left() - 1, centre.y(), box.right() + 1, centre.y())
    down = QLineF(centre.x(), box.top() - 1, centre.x(), box.bottom() + 1)
    best, longest = box.center(), 0.0
    for line in (across, down):
        cuts = sorted(
            (p for ring in rings for p in _crossings(ring, line)),
            key=lambda p: (p.x(), p.y()),
        )
        for a, b in itertools.pairwise(cuts):
            mid, length = (a + b) / 2, QLineF(a, b).length()
            if length > longest and path.contains(mid):
                best, longest = mid, length
    return best


def _centroid(polygon: QPolygonF) -> QPointF:
    area = cx = cy = 0.0
    pts = [polygon.at(i) for i in range(polygon.size())]
    for p, q in zip(pts, pts[1:] + pts[:1], strict=True):
        cross = p.x() * q.y() - q.x() * p.y()
        area += cross
        cx += (p.x() + q.x()) * cross
        cy += (p.y() + q.y()) * cross
    if abs(area) < 1e-9:
        return polygon.boundingRect().center()
    return QPointF(cx / (3 * area), cy / (3 * area))


def _crossings(polygon: QPolygonF, line: QLineF) -> Iterable[QPointF]:
    pts = [polygon.at(i) for i in range(polygon.size())]
    for p, q in zip(pts, pts[1:] + pts[:1], strict=True):
        kind, where = QLineF(p, q).intersects(line)
        if kind == QLineF.IntersectionType.BoundedIntersection:
            yield where


def load_colour(n: int) -> QColor:
    """The fill of a cell with ``n`` open alarms (interpolated along LOAD_RAMP)."""
    for (a, ca), (b, cb) in itertools.pairwise(LOAD_RAMP):
        if n <= b:
            t = (max(n, a) - a) / (b - a)
            return QColor.fromRgbF(
                ca.redF() + (cb.redF() - ca.redF()) * t,
                ca.greenF() + (cb.greenF() - ca.greenF()) * t,
                ca.blueF() + (cb.blueF() - ca.blueF()) * t,
            )
    return QColor(LOAD_RAMP[-1][1])
