"""pyqtgraph in the control room's dark theme (resources/theme/dark.qss colours).

Imported before pyqtgraph anywhere in widgets/dashboard: PySide6 is loaded first
and named, so pyqtgraph never looks for another binding."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg
import PySide6.QtCore  # noqa: F401  (loaded before pyqtgraph picks its binding)
from PySide6.QtGui import QColor, QFont, QPen

from services.district.timezone import district_tz

__all__ = [
    "ACCENT",
    "AMBER",
    "BACKGROUND",
    "GREEN",
    "KIND_COLOURS",
    "LOCAL_UTC_OFFSET",
    "MUTED",
    "RED",
    "SECONDARY",
    "TEXT",
    "LocalTimeAxis",
    "kind_colour",
    "pen",
    "pg",
    "style_plot",
]

BACKGROUND = "#121922"
GRID = "#223041"
TEXT = "#e6edf5"
SECONDARY = "#9fb3c8"
MUTED = "#6f8297"
ACCENT = "#3d9bff"
GREEN = "#3ccf91"
AMBER = "#f5a524"
RED = "#ff5c5c"
#: Seconds west of UTC, as pyqtgraph's DateAxisItem counts them, of the district's
#: zone (calendar.toml) now.
LOCAL_UTC_OFFSET = -int((datetime.now(district_tz()).utcoffset() or timedelta()).total_seconds())

KIND_COLOURS = {
    "camera": "#3d9bff",
    "elevator": "#2ec4b6",
    "arc_fault": "#ff5c5c",
    "eagle_eye": "#a78bfa",
    "nonmotor_probe": "#f5a524",
    "storefront_probe": "#4ade80",
    "mobile": "#f472b6",
}
_SPARE = ("#94a3b8", "#facc15", "#38bdf8", "#fb7185")

pg.setConfigOptions(background=BACKGROUND, foreground=SECONDARY, antialias=True)


class LocalTimeAxis(pg.DateAxisItem):  # type: ignore[misc]
    """Times in Shanghai as numbers only ("06:00", "12-02"): no English day names."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation, utcOffset=LOCAL_UTC_OFFSET)

    def tickStrings(  # noqa: N802 (pyqtgraph's name)
        self, values: list[float], scale: float, spacing: float
    ) -> list[str]:
        out = []
        for value in values:
            local = datetime.fromtimestamp(value, UTC) + timedelta(seconds=-LOCAL_UTC_OFFSET)
            if spacing >= 86400 or (local.hour == 0 and local.minute == 0):
                out.append(local.strftime("%m-%d"))
            elif spacing >= 60:
                out.append(local.strftime("%H:%M"))
            else:
                out.append(local.strftime("%H:%M:%S"))
        return out


def kind_colour(kind: str) -> QColor:
    colour = KIND_COLOURS.get(kind) or _SPARE[sum(map(ord, kind)) % len(_SPARE)]
    return QColor(colour)


def style_plot(plot: pg.PlotItem, font: QFont | None = None) -> None:
    """Axes in the secondary text colour, a faint grid, no mouse menu."""
    plot.setMenuEnabled(False)
    plot.showGrid(x=False, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(GRID))
        axis.setTextPen(pg.mkPen(SECONDARY))
        if font is not None:
            axis.setStyle(tickFont=font)


def pen(colour: str | QColor, width: float = 1.5, dashed: bool = False) -> QPen:
    p: QPen = pg.mkPen(colour, width=width)
    if dashed:
        p.setStyle(pg.QtCore.Qt.PenStyle.DashLine)
    return p
