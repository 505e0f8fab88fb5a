"""A device's name, place and reporting interval, as an administrator edits them
(what else a device has comes from its registry file)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from services.domain.admin import RegisteredDevice

DEGREE_DECIMALS = 6
MAX_INTERVAL_S = 7 * 86_400


@dataclass(frozen=True, slots=True)
class DeviceEdit:
    id: str
    name: str
    lon: float | None
    lat: float | None
    reporting_interval_s: int | None


class DeviceDialog(QDialog):
    def __init__(self, device: RegisteredDevice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceDialog")
        self.device = device
        self.setWindowTitle(self.tr("Device %1").replace("%1", device.id))
        self.name = QLineEdit(device.name, self)
        self.lon, self.lat = QDoubleSpinBox(self), QDoubleSpinBox(self)
        for box, limit, value in ((self.lon, 180.0, device.lon), (self.lat, 90.0, device.lat)):
            box.setDecimals(DEGREE_DECIMALS)
            box.setRange(-limit, limit)
            box.setSingleStep(0.0001)
            box.setValue(value or 0.0)
            box.setEnabled(value is not None)  # a mobile device has no fixed place
        self.interval = QSpinBox(self)
        self.interval.setRange(0, MAX_INTERVAL_S)
        self.interval.setSpecialValueText("—")  # 0: not watched for silence
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(device.reporting_interval_s or 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Longitude"), self.lon)
        form.addRow(self.tr("Latitude"), self.lat)
        form.addRow(self.tr("Reports every"), self.interval)
        form.addRow(buttons)

    def edit(self) -> DeviceEdit:
        placed = self.device.lon is not None
        return DeviceEdit(
            self.device.id,
            self.name.text().strip(),
            self.lon.value() if placed else None,
            self.lat.value() if placed else None,
            self.interval.value() or None,
        )
