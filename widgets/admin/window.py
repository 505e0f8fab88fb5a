"""The administration window (管理): a tab each for accounts, devices, the grid
cells and the alarm rules.  Plain data in, signals out: the console's
``AdminController`` makes the changes through the services."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from widgets.admin.accounts_tab import AccountsTab
from widgets.admin.devices_tab import DevicesTab
from widgets.admin.grids_tab import GridsTab

WINDOW_SIZE = (1180, 760)


class AdminWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminWindow")
        self.resize(*WINDOW_SIZE)
        self.tabs = QTabWidget(self)
        self.accounts = AccountsTab(self.tabs)
        self.devices = DevicesTab(self.tabs)
        self.grids = GridsTab(self.tabs)
        for tab in (self.accounts, self.devices, self.grids):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Administration"))
        titles = {
            "accountsTab": self.tr("Accounts"),
            "devicesTab": self.tr("Devices and cameras"),
            "gridsTab": self.tr("Grid cells"),
            "rulesTab": self.tr("Alarm rules"),
        }
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            assert tab is not None
            self.tabs.setTabText(i, titles.get(tab.objectName(), tab.objectName()))
            retranslate = getattr(tab, "retranslate", None)
            if retranslate is not None:
                retranslate()
