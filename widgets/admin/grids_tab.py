"""Grid cells (网格): a new map of the district chosen from a GeoJSON file is
first drawn here, beside what importing it would do (cells added and removed,
communities and devices that would move to another cell), and replaces the old
map only once confirmed.  A file the import would refuse is refused here, with
each problem listed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.domain import DistrictMap
from widgets.admin.status_line import StatusLine
from widgets.map.grid_map import GridMap

SUMMARY_WIDTH = 320


class GridsTab(QWidget):
    preview_requested = Signal(object)  # Path: a dry run of its import
    import_requested = Signal(object)  # Path: the import itself, once previewed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridsTab")
        self.path: Path | None = None  # the file previewed, not yet imported
        self.current: DistrictMap | None = None  # the map as the store holds it
        self.map = GridMap(self)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.ask_file)
        self.heading = QLabel(self)
        self.heading.setObjectName("previewHeading")
        self.heading.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setObjectName("importProblems")
        self.problems.hide()
        self.confirm_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.confirm_button.setObjectName("confirmGridImport")
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.cancel_button.clicked.connect(self.clear_preview)
        self.status = StatusLine(self)
        side = QVBoxLayout()
        side.addWidget(self.choose_button)
        side.addWidget(self.heading)
        side.addWidget(self.summary)
        side.addWidget(self.problems, 1)
        side.addStretch(0)
        side.addWidget(self.confirm_button)
        side.addWidget(self.cancel_button)
        panel = QWidget(self)
        panel.setLayout(side)
        panel.setFixedWidth(SUMMARY_WIDTH)
        row = QHBoxLayout()
        row.addWidget(self.map, 1)
        row.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self.clear_preview()

    def retranslate(self) -> None:
        self.choose_button.setText(self.tr("&Choose a GeoJSON file…"))
        self.confirm_button.setText(self.tr("Replace the grid cells"))
        self.cancel_button.setText(self.tr("Cancel"))
        if self.path is None:
            self.heading.setText(self.tr("The district's grid cells now"))

    def set_current(self, district: DistrictMap) -> None:
        """The map as the store holds it (shown while nothing is previewed)."""
        self.current = district
        if self.path is None:
            self.map.set_district(district)

    def ask_file(self) -> None:
        files = self.tr("GeoJSON (%1)").replace("%1", "*.geojson *.json")
        name, _ = QFileDialog.getOpenFileName(self, self.tr("New grid cells"), "", files)
        if name:
            self.preview_requested.emit(Path(name))

    def show_preview(
        self,
        path: Path,
        district: DistrictMap,
        counts: tuple[int, int, Sequence[str], int, int],
    ) -> None:
        """The file's cells on the map; ``counts``: cells, added, the codes
        removed, communities and devices that would move."""
        cells, added, removed, communities, devices = counts
        self.path = path
        self.map.set_district(district)
        self.heading.setText(self.tr("Preview of %1 (not imported yet)").replace("%1", path.name))
        lines = [
            self.tr("%1 grid cells, %2 new").replace("%1", str(cells)).replace("%2", str(added)),
            self.tr("Removed: %1").replace("%1", ", ".join(removed) or "—"),
            self.tr("Communities moving to another cell: %1").replace("%1", str(communities)),
            self.tr("Devices moving to another cell: %1").replace("%1", str(devices)),
        ]
        self.summary.setText("\n".join(lines))
        self.show_problems([])
        self.confirm_button.setEnabled(True)
        self.cancel_button.setEnabled(True)

    def show_problems(self, problems: Sequence[str]) -> None:
        self.problems.clear()
        self.problems.addItems(list(problems))
        self.problems.setVisible(bool(problems))

    def clear_preview(self) -> None:
        if self.path is not None and self.current is not None:
            self.map.set_district(self.current)
        self.path = None
        self.summary.setText("")
        self.confirm_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.retranslate()

    def _on_confirm_clicked(self) -> None:
        if self.path is not None:
            self.confirm_button.setEnabled(False)
            self.import_requested.emit(self.path)
