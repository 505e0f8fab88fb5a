"""The main window: docks the operator arranges, menus, status bar.

Areas fill in with later releases (video wall, nine-grid map, alert queue,
work-order desk); each dock keeps an object name so its place is restored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QWidget

from console import __version__
from console import settings as keys
from widgets.placeholder import PlaceholderPanel
from widgets.status_bar import ConsoleStatusBar

log = logging.getLogger(__name__)

DOCKS = ("video", "map", "alerts", "orders")


class MainWindow(QMainWindow):
    language_chosen = Signal(str)

    def __init__(self, db_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(True)
        self.db_label = db_label
        self.docks: dict[str, QDockWidget] = {}
        self.panels: dict[str, PlaceholderPanel] = {}
        for name in DOCKS:
            self._add_dock(name)
        self._arrange_default()
        self.status = ConsoleStatusBar(self)
        self.setStatusBar(self.status)
        self._build_menus()
        self._retranslate()

    # --- construction ----------------------------------------------------------

    def _add_dock(self, name: str) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        panel = PlaceholderPanel(dock)
        dock.setWidget(panel)
        self.docks[name], self.panels[name] = dock, panel

    def _arrange_default(self) -> None:
        """Video wall large on the left; map over alerts on the right; desk below."""
        area = Qt.DockWidgetArea
        self.addDockWidget(area.LeftDockWidgetArea, self.docks["video"])
        self.addDockWidget(area.RightDockWidgetArea, self.docks["map"])
        self.splitDockWidget(self.docks["map"], self.docks["alerts"], Qt.Orientation.Vertical)
        self.addDockWidget(area.BottomDockWidgetArea, self.docks["orders"])
        self.resizeDocks(
            [self.docks["video"], self.docks["map"]], [1100, 800], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [self.docks["video"], self.docks["orders"]], [700, 300], Qt.Orientation.Vertical
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.view_menu = bar.addMenu("")
        for name in DOCKS:
            self.view_menu.addAction(self.docks[name].toggleViewAction())
        self.view_menu.addSeparator()
        self.reset_layout_action = self.view_menu.addAction("")
        self.reset_layout_action.triggered.connect(self._on_reset_layout_triggered)
        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setData(code)
            group.addAction(action)
            self.language_menu.addAction(action)
            action.triggered.connect(self._language_slot(code))
            self.language_actions[code] = action
        self.help_menu = bar.addMenu("")
        self.about_action = self.help_menu.addAction("")
        self.about_action.triggered.connect(self._on_about_triggered)

    def _language_slot(self, code: str) -> Callable[[], None]:
        return lambda: self.language_chosen.emit(code)

    # --- texts -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Youyi Road Sub-district Operations Center"))
        titles = {
            "video": (
                self.tr("Video wall"),
                self.tr("84 community cameras at a glance — arrives with the video wall release"),
            ),
            "map": (
                self.tr("Nine-grid map"),
                self.tr(
                    "Blocks, grid cells, devices and live alerts — arrives with the map release"
                ),
            ),
            "alerts": (
                self.tr("Alert queue"),
                self.tr("Newest and most severe alerts first — arrives with the alert release"),
            ),
            "orders": (
                self.tr("Work-order desk"),
                self.tr("Raise, dispatch and close work orders — arrives with the desk release"),
            ),
        }
        for name, (title, note) in titles.items():
            self.docks[name].setWindowTitle(title)
            self.panels[name].set_texts(title, note)
        self.view_menu.setTitle(self.tr("&View"))
        self.reset_layout_action.setText(self.tr("Reset layout"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("About"))
        self.status.set_database(self.tr("Database: %1").replace("%1", self.db_label))
        self.status.set_broker(self.tr("Message bus: not connected"), connected=False)

    def mark_language(self, code: str) -> None:
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)

    # --- layout persistence ------------------------------------------------------

    def restore_layout(self) -> bool:
        s = keys.settings()
        geometry, state = s.value(keys.WINDOW_GEOMETRY), s.value(keys.WINDOW_STATE)
        restored = False
        if isinstance(geometry, QByteArray):
            restored = self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            restored = self.restoreState(state) and restored
        return restored

    def save_layout(self) -> None:
        s = keys.settings()
        s.setValue(keys.WINDOW_GEOMETRY, self.saveGeometry())
        s.setValue(keys.WINDOW_STATE, self.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_layout()
        super().closeEvent(event)

    def _on_reset_layout_triggered(self) -> None:
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self._arrange_default()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr("Youyi Road Sub-district Operations Center console, version %1").replace(
                "%1", __version__
            ),
        )
