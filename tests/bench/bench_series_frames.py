"""Frame time of the arc-fault curve with a year of minute data (issue 14):

    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.bench.bench_series_frames

A week's window walked along the year (30 frames), then the whole year, each
frame the view moved and the plot rendered (``grab()``: every item painted, as
on screen), the console's settings beside pyqtgraph's defaults (antialiased, 5
samples a pixel) in one run.  Goal: under 16 ms a frame.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from PySide6.QtWidgets import QApplication

from tests.widgets.dashboard.data import YEAR_OF_MINUTES, year_series
from widgets.dashboard.series_plot import SeriesPlot

DAY = 86_400.0


def frames(app: QApplication, defaults: bool) -> tuple[float, float, float]:
    plot = SeriesPlot()
    plot.resize(1600, 400)
    plot.show()
    app.processEvents()
    if defaults:  # what pyqtgraph does unless told
        plot.curve.opts.update(antialias=True, autoDownsampleFactor=5.0)
    series = year_series()
    plot.set_series(series)
    t = np.asarray(series.times)
    took = []
    for i in range(30):
        start = t[0] + i * 11 * DAY
        began = time.perf_counter()
        plot.show_range(start, start + 7 * DAY)
        plot.grab()
        took.append((time.perf_counter() - began) * 1000)
    began = time.perf_counter()
    plot.show_range(t[0], t[-1])
    plot.grab()
    whole = (time.perf_counter() - began) * 1000
    plot.close()
    return statistics.median(took), max(took), whole


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    ours = frames(app, defaults=False)
    theirs = frames(app, defaults=True)
    print(f"{YEAR_OF_MINUTES:,} points, a week in view, 1600 px wide ({app.platformName()}):")
    for name, (median, worst, whole) in (("console", ours), ("pyqtgraph defaults", theirs)):
        print(f"  {name}: median {median:.1f} ms, worst {worst:.1f} ms, whole year {whole:.1f} ms")
    print(f"  ratio of medians (defaults / console): {theirs[0] / ours[0]:.1f}")


if __name__ == "__main__":
    main()
