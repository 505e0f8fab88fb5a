"""The device card: what it shows of a device, and what its rows and buttons ask for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.domain import DeviceAlert, DeviceDetails, LinkedCamera, MapDevice
from widgets.alerts.texts import SEVERITY_COLOURS
from widgets.map.device_card import DeviceCard

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
LIFT = MapDevice("EL-0231", "elevator", "8号楼1号梯", 121.48, 31.41, "G11", "C01", "长滩一期")


def details(**kw: object) -> DeviceDetails:
    fields: dict[str, object] = {
        "device": LIFT,
        "id": LIFT.id,
        "kind": LIFT.kind,
        "name": LIFT.name,
        "online": True,
        "last_seen": T0,
        "alerts": (
            DeviceAlert(T0, "trapped_passenger", "电梯困人", 4, 17),
            DeviceAlert(T0 - timedelta(hours=1), "door_fault", "电梯门故障", 2, None),
        ),
        "cameras": (LinkedCamera("CAM-001", "长滩一期主出入口"), LinkedCamera("CAM-002", "二期")),
    }
    return DeviceDetails(**(fields | kw))  # type: ignore[arg-type]


def test_the_card_shows_the_device_and_asks_for_alarms_and_cameras(qtbot: QtBot) -> None:
    card = DeviceCard()
    qtbot.addWidget(card)
    card.show_details(details())
    card.show()
    assert card.title.text() == "8号楼1号梯"
    assert card.subtitle.text() == "Smart elevator · EL-0231"
    assert card.place.text() == "长滩一期 · G11" and card.status.text() == "Online"
    rows = [card.alerts.topLevelItem(i) for i in range(card.alerts.topLevelItemCount())]
    assert all(rows)
    assert [r.text(1) for r in rows if r] == ["电梯困人", "电梯门故障"]
    assert rows[0] and rows[0].foreground(2).color().name() == SEVERITY_COLOURS[4]
    with qtbot.waitSignal(card.alarm_requested) as asked:
        card.alerts.itemActivated.emit(rows[0], 0)
    assert asked.args == [17]
    with qtbot.assertNotEmitted(card.alarm_requested):
        card.alerts.itemActivated.emit(rows[1], 0)  # an alert without an alarm
    assert [b.text() for b in card.camera_buttons] == ["长滩一期主出入口", "二期"]
    with qtbot.waitSignal(card.camera_requested) as camera:
        qtbot.mouseClick(card.camera_buttons[1], Qt.MouseButton.LeftButton)
    assert camera.args == ["CAM-002"]


def test_a_card_without_alerts_cameras_or_place_says_so(qtbot: QtBot) -> None:
    card = DeviceCard()
    qtbot.addWidget(card)
    card.show()
    card.show_details(details())
    card.show_details(details(device=None, online=None, last_seen=None, alerts=(), cameras=()))
    assert card.camera_buttons == [] and card.no_cameras.isVisible()
    assert card.place.text() == "Not on the map" and card.status.text() == "Unknown"
    only = card.alerts.topLevelItem(0)
    assert card.alerts.topLevelItemCount() == 1 and only and only.text(1) == "No alerts"
    card.show_details(None)
    assert card.title.text() == "" and card.alerts.topLevelItemCount() == 0
