"""The dashboard's breakdowns as horizontal bars, one row per thing counted:
work orders by source, hours to close per category (median, with the 90th
percentile behind it), and the elevators with most faults.

A click on a row says which: ``source_clicked``, ``category_clicked``,
``device_clicked`` (plain codes)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from services.domain import CategoryTimes, DeviceFaults, SourceCount
from widgets.dashboard.charts import CATEGORY_AXIS_WIDTH, BarChart
from widgets.dashboard.style import ACCENT, AMBER, MUTED, RED, TEXT, pg
from widgets.labels import label

ROOM = 1.9  # the x range over the longest bar: room for the note beside it
ROWS_SHOWN = 5  # fewer rows than this keep their height (one row is not a wall)


class RowChart(BarChart):
    """Rows of bars from the top, a name on the left of each and a note on its right."""

    row_clicked = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, room: float = ROOM, rows: int = ROWS_SHOWN
    ) -> None:
        super().__init__(parent)
        self.room, self.rows_shown = room, rows
        self.plot.invertY(True)
        self.plot.showGrid(x=False, y=False)
        self.plot.getAxis("left").setWidth(CATEGORY_AXIS_WIDTH)
        self.codes: list[str] = []
        self.note_font: QFont | None = None  # the notes' type (None: the widget's)

    def set_rows(
        self,
        rows: Sequence[tuple[str, str, float, str]],
        behind: Sequence[float] = (),
        colour: str = ACCENT,
    ) -> None:
        """``rows`` of (code, name, length, note); ``behind``: a longer, faint bar
        under each (e.g. the 90th percentile behind the median)."""
        self.plot.clear()
        self.codes = [code for code, _n, _v, _t in rows]
        ys = list(range(len(rows)))
        if behind:
            faint = QColor(colour)
            faint.setAlpha(70)
            self.plot.addItem(
                pg.BarGraphItem(
                    x0=0, y=ys, height=0.62, width=list(behind), brush=faint, pen=pg.mkPen(None)
                )
            )
        widths = [float(v) for _c, _n, v, _t in rows]
        self.plot.addItem(
            pg.BarGraphItem(
                x0=0, y=ys, height=0.62, width=widths, brush=QColor(colour), pen=pg.mkPen(None)
            )
        )
        longest = [max(w, b) for w, b in zip(widths, list(behind) or widths, strict=True)]
        for y, ((_c, _n, _v, note), x) in enumerate(zip(rows, longest, strict=True)):
            text = pg.TextItem(note, color=TEXT, anchor=(0, 0.5))
            if self.note_font is not None:
                text.setFont(self.note_font)
            text.setPos(x, y)
            self.plot.addItem(text)
        self.set_row_names([(y, r[1]) for y, r in enumerate(rows)])
        top = max(longest, default=0.0)
        self.plot.setXRange(0, max(top, 1.0) * self.room, padding=0)
        self.plot.setYRange(-0.6, max(len(rows), self.rows_shown) - 0.4, padding=0)
        self.show_empty(not rows)

    def clicked_at(self, x: float, y: float) -> None:
        i = round(y)
        if 0 <= i < len(self.codes) and abs(y - i) <= 0.4:
            self.row_clicked.emit(self.codes[i])


class SourcesChart(RowChart):
    """Work orders raised by each source (rules, operators, residents …), most first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, rows=3)  # a handful of sources

    def set_sources(self, sources: Sequence[SourceCount]) -> None:
        total = sum(s.count for s in sources) or 1
        self.set_rows(
            [
                (
                    s.source,
                    label("order_source", s.source),
                    float(s.count),
                    f"{s.count}  ({s.count * 100 / total:.0f}%)",
                )
                for s in sources
            ]
        )


class CloseTimesChart(RowChart):
    """Hours to close per category: the median as the bar, the 90th percentile
    as a faint bar behind it, the slowest category at the top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, room=2.8)  # a long note: median, 90%, closed

    def set_times(self, times: Sequence[CategoryTimes]) -> None:
        ordered = sorted(times, key=lambda t: (-(t.median_hours or 0.0), t.category))
        rows = [
            (t.category, label("category", t.category), t.median_hours or 0.0, self.describe(t))
            for t in ordered
        ]
        self.set_rows(rows, [t.p90_hours or 0.0 for t in ordered], colour=AMBER)

    def describe(self, t: CategoryTimes) -> str:
        parts = [self.tr("median %1 h").replace("%1", f"{t.median_hours or 0:.1f}")]
        if t.p90_hours is not None:
            parts.append(self.tr("90% within %1 h").replace("%1", f"{t.p90_hours:.1f}"))
        parts.append(self.tr("%1 closed").replace("%1", str(t.closed)))
        return " · ".join(parts)


class FaultsChart(RowChart):
    """The elevators with most faults: name and community on the left, the count
    on the bar; a click names the device."""

    def set_faults(self, faults: Sequence[DeviceFaults]) -> None:
        rows = []
        for f in faults:
            name = f.name or f.device_id
            if f.community and not name.startswith(f.community):
                name = f"{f.community} {name}"
            rows.append((f.device_id, name, float(f.faults), self.describe(f)))
        self.set_rows(rows, colour=RED if faults else MUTED)

    def describe(self, f: DeviceFaults) -> str:
        count: str = self.tr("%1 faults").replace("%1", str(f.faults))
        return f"{count} · {f.device_id}"
