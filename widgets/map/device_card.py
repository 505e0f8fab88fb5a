"""A device's card, for a click on it on the map: what it is and where, whether
it is online, its recent alerts and its linked cameras.  Plain data in
(``services.district.map.DeviceDetails``), plain values out:
``camera_requested(camera_id)`` for a camera's button, ``alarm_requested(id)``
for an alert (double-click or Enter) that belongs to an alarm."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.domain import DeviceDetails
from widgets.alerts.texts import SEVERITY_COLOURS, when
from widgets.labels import label

ALARM_ROLE = Qt.ItemDataRole.UserRole
#: The theme's colours (resources/theme/dark.qss): online green, offline amber.
STATE_COLOURS = {True: "#4cd37a", False: "#f5a524", None: "#9fb3c8"}
SECTION = "color: #9fb3c8; margin-top: 6px;"


class DeviceCard(QFrame):
    camera_requested = Signal(str)
    alarm_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceCard")
        self.details: DeviceDetails | None = None
        self.title = QLabel()
        self.title.setObjectName("deviceCardTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("deviceCardSubtitle")
        self.facts = QFormLayout()
        self.place, self.status, self.seen = QLabel(), QLabel(), QLabel()
        self.alerts_title, self.cameras_title = QLabel(), QLabel()
        self.alerts = QTreeWidget()
        self.alerts.setObjectName("deviceCardAlerts")
        self.alerts.setRootIsDecorated(False)
        self.alerts.setUniformRowHeights(True)
        self.alerts.setColumnCount(3)
        self.alerts.itemActivated.connect(self._on_alert_activated)
        for title in (self.alerts_title, self.cameras_title):
            title.setStyleSheet(SECTION)
        self.cameras = QHBoxLayout()
        self.no_cameras = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(self.facts)
        layout.addWidget(self.alerts_title)
        layout.addWidget(self.alerts, 1)
        layout.addWidget(self.cameras_title)
        layout.addLayout(self.cameras)
        self.camera_buttons: list[QPushButton] = []
        self.retranslate()

    def retranslate(self) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)  # the value labels go too: make them again
        self.place, self.status, self.seen = QLabel(), QLabel(), QLabel()
        self.facts.addRow(self.tr("Place"), self.place)
        self.facts.addRow(self.tr("Status"), self.status)
        self.facts.addRow(self.tr("Last report"), self.seen)
        self.alerts_title.setText(self.tr("Recent alerts"))
        self.cameras_title.setText(self.tr("Linked cameras"))
        self.alerts.setHeaderLabels([self.tr("Time"), self.tr("Alert"), self.tr("Level")])
        self.no_cameras.setText(self.tr("No linked cameras"))
        self.show_details(self.details)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_details(self, details: DeviceDetails | None) -> None:
        """The card of a device (None: an empty card)."""
        self.details = details
        self.alerts.clear()
        for button in self.camera_buttons:
            button.deleteLater()
        self.camera_buttons = []
        self.cameras.removeWidget(self.no_cameras)
        self.no_cameras.hide()
        if details is None:
            for text in (self.title, self.subtitle, self.place, self.status, self.seen):
                text.clear()
            return
        self.title.setText(details.name)
        self.subtitle.setText(f"{label('device_kind', details.kind)} · {details.id}")
        device = details.device
        where = [p for p in (device.community_name, device.grid) if p] if device else []
        self.place.setText(" · ".join(where) or self.tr("Not on the map"))
        states = {True: self.tr("Online"), False: self.tr("Offline"), None: self.tr("Unknown")}
        self.status.setText(states[details.online])
        self.status.setStyleSheet(f"color: {STATE_COLOURS[details.online]};")
        self.seen.setText(when(details.last_seen) if details.last_seen else "—")
        for alert in details.alerts:
            row = QTreeWidgetItem(
                [when(alert.at), alert.label, label("severity", str(alert.severity))]
            )
            row.setForeground(2, QBrush(QColor(SEVERITY_COLOURS.get(alert.severity, "#e6edf5"))))
            row.setData(0, ALARM_ROLE, alert.alarm_id)
            self.alerts.addTopLevelItem(row)
        if not details.alerts:
            self.alerts.addTopLevelItem(QTreeWidgetItem(["", self.tr("No alerts"), ""]))
        for column in range(3):
            self.alerts.resizeColumnToContents(column)
        for camera in details.cameras:
            button = QPushButton(camera.name)
            button.setToolTip(self.tr("Show camera %1 on the video wall").replace("%1", camera.id))
            button.clicked.connect(lambda _=False, c=camera.id: self.camera_requested.emit(c))
            self.cameras.addWidget(button)
            self.camera_buttons.append(button)
        if not details.cameras:
            self.cameras.addWidget(self.no_cameras)
            self.no_cameras.show()

    def _on_alert_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        alarm_id = item.data(0, ALARM_ROLE)
        if alarm_id is not None:
            self.alarm_requested.emit(int(alarm_id))
