"""The administration tables' models without their views: what a row says, the
offline devices marked, the filters by kind, grid cell and text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.domain import Role
from services.domain.admin import Account, RegisteredDevice
from widgets.admin.account_model import MUTED, AccountModel, filter_proxy
from widgets.admin.device_model import OFFLINE, DeviceFilter, DeviceModel

DISPLAY, FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole


def device(i: str, kind: str, grid: str | None, online: bool | None) -> RegisteredDevice:
    return RegisteredDevice(i, kind, f"{i} 名称", "C01", grid, 121.49, 31.40, 300, (), online, None)


def test_accounts_disabled_muted_and_filtered(qtbot: QtBot) -> None:
    model = AccountModel()
    model.set_accounts(
        [
            Account("li.na", "李娜", Role.SUPERVISOR, ("G21", "G22"), None, True, True),
            Account("zhao", "赵强", Role.OFFICER, (), "law-youyi", False, False),
        ]
    )
    row = [model.index(0, c).data(DISPLAY) for c in range(model.columnCount())]
    assert row[0] == "li.na" and row[3] == "G21, G22" and row[4] == "—"
    assert (
        model.index(1, 0).data(FOREGROUND) == MUTED and model.index(0, 0).data(FOREGROUND) is None
    )
    proxy = filter_proxy(model)
    proxy.setFilterFixedString("LAW-")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(DISPLAY) == "zhao"


def test_devices_offline_red_and_filters(qtbot: QtBot) -> None:
    model = DeviceModel()
    model.set_devices(
        [
            device("EL-0001", "elevator", "G11", False),
            device("EL-0002", "elevator", "G12", True),
            device("AF-0001", "arc_fault", "G11", None),
        ]
    )
    assert model.index(0, 7).data(FOREGROUND) == OFFLINE
    assert model.index(1, 7).data(FOREGROUND) is None
    proxy = DeviceFilter()
    proxy.setSourceModel(model)
    proxy.set_filter("elevator", None, "")
    assert proxy.rowCount() == 2
    proxy.set_filter(None, "G11", "")
    assert proxy.rowCount() == 2
    proxy.set_filter("elevator", "G11", "")
    assert proxy.rowCount() == 1
    proxy.set_filter(None, None, "af-0001")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(DISPLAY) == "AF-0001"
