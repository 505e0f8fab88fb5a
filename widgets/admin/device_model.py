"""The devices table: one row a device, those offline now in red; a proxy that
filters by kind, grid cell and text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from services.domain.admin import RegisteredDevice
from widgets.admin.records_model import RecordRole, RecordsModel
from widgets.labels import label

_Index = QModelIndex | QPersistentModelIndex
DeviceRole = RecordRole
OFFLINE = QColor("#ff6b6b")
OFFLINE_BACK = QColor(255, 107, 107, 40)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COLUMNS = (
    QT_TRANSLATE_NOOP("DeviceList", "Id"),
    QT_TRANSLATE_NOOP("DeviceList", "Kind"),
    QT_TRANSLATE_NOOP("DeviceList", "Name"),
    QT_TRANSLATE_NOOP("DeviceList", "Community"),
    QT_TRANSLATE_NOOP("DeviceList", "Grid"),
    QT_TRANSLATE_NOOP("DeviceList", "Position"),
    QT_TRANSLATE_NOOP("DeviceList", "Reports every"),
    QT_TRANSLATE_NOOP("DeviceList", "Now"),
)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")


class DeviceModel(RecordsModel[RegisteredDevice]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__("DeviceList", COLUMNS, parent)

    def set_devices(self, devices: Sequence[RegisteredDevice]) -> None:
        self.set_records(devices)

    def device(self, row: int) -> RegisteredDevice | None:
        return self.record(row)

    def look(self, d: RegisteredDevice, column: int, role: int) -> Any:
        if d.online is False and role == Qt.ItemDataRole.ForegroundRole:
            return OFFLINE
        if d.online is False and role == Qt.ItemDataRole.BackgroundRole:
            return OFFLINE_BACK
        return None

    def text(self, d: RegisteredDevice, column: int) -> str:
        if column == 0:
            return d.id
        if column == 1:
            return label("device_kind", d.kind)
        if column == 2:
            return d.name
        if column == 3:
            return d.community or "—"
        if column == 4:
            return d.grid or "—"
        if column == 5:
            return "—" if d.lon is None or d.lat is None else f"{d.lon:.6f}, {d.lat:.6f}"
        if column == 6:
            s = d.reporting_interval_s
            return "—" if s is None else translate("DeviceList", "%1 s").replace("%1", str(s))
        if d.online is None:
            return translate("DeviceList", "Never heard")
        return translate("DeviceList", "Online") if d.online else translate("DeviceList", "Offline")


class DeviceFilter(QSortFilterProxyModel):
    """Rows of one kind, one grid cell (None: any) and holding a text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.grid: str | None = None
        self.text = ""
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter(self, kind: str | None, grid: str | None, text: str) -> None:
        self.beginFilterChange()
        self.kind, self.grid, self.text = kind, grid, text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:  # noqa: N802 (Qt's name)
        model = self.sourceModel()
        assert isinstance(model, DeviceModel)
        d = model.device(row)
        if d is None or (self.kind and d.kind != self.kind) or (self.grid and d.grid != self.grid):
            return False
        if not self.text:
            return True
        words = (d.id, d.name, d.community or "", d.grid or "", label("device_kind", d.kind))
        return any(self.text in w.casefold() for w in words)
