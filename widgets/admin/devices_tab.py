"""Devices and cameras (设备): the registry with filters by kind, grid cell and
text, those offline now in red; a device's name, place and interval edited;
a registry file imported (a refusal listed record by record) or exported."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.domain.admin import RegisteredDevice
from widgets.admin.device_dialog import DeviceDialog
from widgets.admin.device_model import DeviceFilter, DeviceModel, DeviceRole
from widgets.admin.row_table import row_table
from widgets.admin.status_line import StatusLine
from widgets.combos import refill
from widgets.labels import label

PROBLEMS_HEIGHT = 110
FILES = "*.csv *.geojson *.json"


class DevicesTab(QWidget):
    edit_requested = Signal(object)  # widgets.admin.device_dialog.DeviceEdit
    import_requested = Signal(object)  # Path
    export_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesTab")
        self.dialog: QDialog | None = None
        self.model = DeviceModel(self)
        self.proxy = DeviceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.kind, self.grid = QComboBox(self), QComboBox(self)
        self.text = QLineEdit(self)
        self.text.setClearButtonEnabled(True)
        for box in (self.kind, self.grid):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.text.textChanged.connect(self._on_filter_changed)
        self.table = row_table(self.proxy, self)
        self.table.doubleClicked.connect(lambda _i: self.ask_edit())
        self.edit_button, self.import_button = QPushButton(self), QPushButton(self)
        self.export_button = QPushButton(self)
        self.edit_button.clicked.connect(self.ask_edit)
        self.import_button.clicked.connect(self.ask_import)
        self.export_button.clicked.connect(self.ask_export)
        self.problems = QListWidget(self)
        self.problems.setObjectName("importProblems")
        self.problems.setFixedHeight(PROBLEMS_HEIGHT)
        self.problems.hide()
        self.status = StatusLine(self)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.grid)
        filters.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setPlaceholderText(self.tr("Filter: id, name, community"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.import_button.setText(self.tr("&Import…"))
        self.export_button.setText(self.tr("E&xport…"))
        self._fill_filters()

    def set_devices(self, devices: Sequence[RegisteredDevice]) -> None:
        self.model.set_devices(devices)
        self._fill_filters()
        self.table.resizeColumnsToContents()

    def _fill_filters(self) -> None:
        devices = [self.model.device(r) for r in range(self.model.rowCount())]
        kinds = sorted({d.kind for d in devices if d})
        grids = sorted({d.grid for d in devices if d and d.grid})
        refill(self.kind, [(k, label("device_kind", k)) for k in kinds], self.tr("Every kind"))
        refill(self.grid, [(g, g) for g in grids], self.tr("Every grid cell"))

    def _on_filter_changed(self) -> None:
        self.proxy.set_filter(self.kind.currentData(), self.grid.currentData(), self.text.text())

    def selected(self) -> RegisteredDevice | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(DeviceRole) if rows else None

    def select(self, device_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(DeviceRole).id == device_id:
                self.table.selectRow(row)
                return True
        return False

    def show_problems(self, problems: Sequence[str]) -> None:
        """A refused file's problems, one a record (none: the list goes)."""
        self.problems.clear()
        self.problems.addItems(list(problems))
        self.problems.setVisible(bool(problems))

    def ask_edit(self) -> None:
        d = self.selected()
        if d is None:
            return
        dialog = DeviceDialog(d, self)
        dialog.accepted.connect(lambda: self.edit_requested.emit(dialog.edit()))
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import devices"),
            "",
            self.tr("Device registry (%1)").replace("%1", FILES),
        )
        if name:
            self.import_requested.emit(Path(name))

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export devices"),
            "devices.csv",
            self.tr("Device registry (%1)").replace("%1", FILES),
        )
        if name:
            self.export_requested.emit(Path(name))
