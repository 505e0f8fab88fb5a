"""The main window: docks the operator arranges, menus, status bar.

The areas (console/docks.py) fill in with later releases; each dock keeps its
object name so that its place is restored at the next start.  Every text is set
in ``_retranslate``, which runs again on each language change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from console import __version__
from console import settings as keys
from console.diagnostics import copy_diagnostics
from console.docks import DOCKS, DockSpec
from console.settings_flow import open_settings
from services.domain import Principal
from widgets.about_dialog import AboutDialog
from widgets.labels import label
from widgets.placeholder import PlaceholderPanel
from widgets.status_bar import ConsoleStatusBar

log = logging.getLogger(__name__)

# The language menu names each language in itself, so it is never translated.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class MainWindow(QMainWindow):
    language_chosen = Signal(str)  # a language code from keys.LANGUAGES
    sign_out_requested = Signal()  # the account menu's "sign out / switch user"

    def __init__(self, db_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(True)
        self.db_label = db_label
        self.user: Principal | None = None
        self.broker_status: Any = None  # console.broker_status.BrokerStatus, once set
        self.session: Any = None  # console.session.Session, once set
        self.layout_restored = False
        self.unacknowledged = 0
        self.docks: dict[str, QDockWidget] = {}
        self.panels: dict[str, PlaceholderPanel] = {}  # areas still waiting for their widget
        for spec in DOCKS:
            self._add_dock(spec)
        self._arrange_default()
        self.status = ConsoleStatusBar(self)
        self.setStatusBar(self.status)
        self._build_menus()
        self._retranslate()

    # --- construction ----------------------------------------------------------

    def _add_dock(self, spec: DockSpec) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(spec.object_name)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.docks[spec.name] = dock
        self._put_placeholder(spec)

    def _put_placeholder(self, spec: DockSpec) -> None:
        dock = self.docks[spec.name]
        old = dock.widget()
        panel = PlaceholderPanel(dock)
        panel.set_texts(spec.translated_title(), spec.translated_note())
        dock.setWidget(panel)
        self.panels[spec.name] = panel
        if old is not None:
            old.deleteLater()

    def signed_out(self) -> None:
        """Nobody signed in: each area says what it will show, the title and the
        status bar name no one."""
        for spec in DOCKS:
            self._put_placeholder(spec)
        self.user = None
        self.unacknowledged = 0
        self.evidence_menu.menuAction().setVisible(False)
        self.admin_menu.menuAction().setVisible(False)
        self._retranslate()

    def set_panel(self, name: str, widget: QWidget) -> None:
        """Put the area's real widget in its dock (in place of the placeholder)."""
        dock = self.docks[name]
        old = dock.widget()
        dock.setWidget(widget)
        self.panels.pop(name, None)
        if old is not None and old is not widget:
            old.deleteLater()

    def _arrange_default(self) -> None:
        """Video wall large on the left, map over alerts on the right, desk below."""
        for spec in DOCKS:
            dock = self.docks[spec.name]
            if spec.below is not None:
                self.splitDockWidget(self.docks[spec.below], dock, Qt.Orientation.Vertical)
            elif spec.beside is not None:
                self.splitDockWidget(self.docks[spec.beside], dock, Qt.Orientation.Horizontal)
            else:
                self.addDockWidget(spec.area, dock)
        self._size_default()

    def _size_default(self) -> None:
        self.resizeDocks(
            [self.docks["video"], self.docks["map"]], [980, 940], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [self.docks["video"], self.docks["orders"]], [700, 300], Qt.Orientation.Vertical
        )
        self.resizeDocks(
            [self.docks["orders"], self.docks["dashboard"]], [1100, 820], Qt.Orientation.Horizontal
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.view_menu = bar.addMenu("")
        for spec in DOCKS:
            self.view_menu.addAction(self.docks[spec.name].toggleViewAction())
        self.view_menu.addSeparator()
        # 大屏: the workspace connects it once someone has signed in.
        self.big_screen_action = self.view_menu.addAction("")
        self.big_screen_action.setObjectName("bigScreenAction")
        self.big_screen_action.setShortcut(QKeySequence(Qt.Key.Key_F10))
        self.big_screen_action.setEnabled(False)
        # 导出统计报表: likewise connected once someone has signed in (console/report_flow.py).
        self.report_action = self.view_menu.addAction("")
        self.report_action.setObjectName("reportAction")
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.report_action.setEnabled(False)
        self.reset_layout_action = self.view_menu.addAction("")
        self.reset_layout_action.triggered.connect(self._on_reset_layout_triggered)
        self.view_menu.addSeparator()
        self.settings_action = self.view_menu.addAction("")
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut("Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(lambda: open_settings(self))

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in keys.LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self, checkable=True)
            group.addAction(action)
            self.language_menu.addAction(action)
            action.triggered.connect(self._language_slot(code))
            self.language_actions[code] = action

        # Evidence (officers and administrators): shown by the workspace that may.
        self.evidence_menu = bar.addMenu("")
        self.evidence_action = self.evidence_menu.addAction("")
        self.evidence_action.setObjectName("evidenceAction")
        self.evidence_action.setShortcut("Ctrl+E")
        self.evidence_import_action = self.evidence_menu.addAction("")
        self.evidence_import_action.setObjectName("evidenceImportAction")
        self.evidence_menu.menuAction().setVisible(False)
        # Administration (administrators): shown by the workspace (console/admin_controller.py).
        self.admin_menu = bar.addMenu("")
        self.admin_action = self.admin_menu.addAction("")
        self.admin_action.setObjectName("adminAction")
        self.admin_menu.menuAction().setVisible(False)

        self.account_menu = bar.addMenu("")
        self.sign_out_action = self.account_menu.addAction("")
        self.sign_out_action.setObjectName("signOutAction")
        self.sign_out_action.setShortcut("Ctrl+Shift+L")
        self.sign_out_action.setEnabled(False)
        self.sign_out_action.triggered.connect(self.sign_out_requested)

        self.help_menu = bar.addMenu("")
        # Versions, settings without secrets, screens and the log's tail (console/diagnostics.py).
        self.diagnostics_action = self.help_menu.addAction("")
        self.diagnostics_action.setObjectName("diagnosticsAction")
        self.diagnostics_action.triggered.connect(lambda: copy_diagnostics(self))
        self.about_action = self.help_menu.addAction("")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)

    def _language_slot(self, code: str) -> Callable[[], None]:
        return lambda: self.language_chosen.emit(code)

    # --- texts -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_user(self, principal: Principal | None) -> None:
        self.user = principal
        self._retranslate()

    def show_message(self, text: str, ms: int) -> None:
        """A line in the status bar for ``ms`` milliseconds."""
        self.status.showMessage(text, ms)

    def set_unacknowledged(self, count: int) -> None:
        """The count of unacknowledged alarms, shown in the title bar."""
        self.unacknowledged = count
        self._retitle()

    def _retitle(self) -> None:
        title = self.tr("Youyi Road Sub-district Operations Center")
        if self.unacknowledged:
            title = self.tr("(%1 unacknowledged) ").replace("%1", str(self.unacknowledged)) + title
        self.setWindowTitle(title)

    def _retranslate(self) -> None:
        self._retitle()
        for spec in DOCKS:
            title = spec.translated_title()
            self.docks[spec.name].setWindowTitle(title)
            if spec.name in self.panels:
                self.panels[spec.name].set_texts(title, spec.translated_note())
        self.view_menu.setTitle(self.tr("&View"))
        self.big_screen_action.setText(self.tr("&Big screen"))
        self.report_action.setText(self.tr("&Export report…"))
        self.reset_layout_action.setText(self.tr("&Reset layout"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.evidence_menu.setTitle(self.tr("&Evidence"))
        self.evidence_action.setText(self.tr("&Browse evidence…"))
        self.evidence_import_action.setText(self.tr("&Take in evidence…"))
        self.admin_menu.setTitle(self.tr("Ad&ministration"))
        self.admin_action.setText(self.tr("&Accounts, devices, grid cells, rules…"))
        self.account_menu.setTitle(self.tr("&Account"))
        self.sign_out_action.setText(self.tr("&Sign out / switch user"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.diagnostics_action.setText(self.tr("Copy &diagnostics"))
        self.about_action.setText(self.tr("&About"))
        #: %1 is the database's kind and place, e.g. "SQLite · /home/op/youyi.db"
        self.status.set_database(self.tr("Database: %1").replace("%1", self.db_label))
        if self.broker_status is not None:
            self.broker_status.refresh()
        else:
            self.status.set_broker(self.tr("Message bus: not connected"), connected=False)
        self.sign_out_action.setEnabled(self.user is not None)
        if self.user is not None:
            role = label("role", self.user.role)
            self.status.set_user(f"{self.user.name} · {role}")
        else:
            self.status.set_user(self.tr("Not signed in"))

    def mark_language(self, code: str) -> None:
        """Check the language's entry in the menu (without switching anything)."""
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)

    # --- layout persistence ------------------------------------------------------

    def restore_layout(self) -> bool:
        """Geometry and dock layout of the last session on this arrangement of
        screens; False if there was none."""
        s, where = keys.settings(), screen_arrangement()
        geometry = s.value(keys.window_key(where, keys.WINDOW_GEOMETRY))
        state = s.value(keys.window_key(where, keys.WINDOW_STATE))
        if not isinstance(geometry, QByteArray) or not isinstance(state, QByteArray):
            return False
        if not (self.restoreGeometry(geometry) and self.restoreState(state)):
            log.warning("saved window layout could not be restored; using the default")
            return False
        return True

    def save_layout(self) -> None:
        s, where = keys.settings(), screen_arrangement()
        s.setValue(keys.window_key(where, keys.WINDOW_GEOMETRY), self.saveGeometry())
        s.setValue(keys.window_key(where, keys.WINDOW_STATE), self.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_layout()
        super().closeEvent(event)

    def _on_reset_layout_triggered(self) -> None:
        """Back to the arrangement of a first start."""
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self._arrange_default()

    def _on_about_triggered(self) -> None:
        dialog = AboutDialog(
            self.tr("About"),
            self.tr("Youyi Road Sub-district Operations Center"),
            [
                self.tr("Console version %1").replace("%1", __version__),
                self.tr("Baoshan District, Shanghai · one network to see and manage it all"),
                self.tr("Database: %1").replace("%1", self.db_label),
            ],
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def screen_arrangement() -> str:
    """The screens as placed now, e.g. ``1920x1080+0+0_1366x768+1920+0``: a laptop
    docked at the desk and the same laptop alone keep a layout each."""
    screens = sorted(
        (g.x(), g.y(), g.width(), g.height())
        for g in (screen.geometry() for screen in QGuiApplication.screens())
    )
    return "_".join(f"{w}x{h}+{x}+{y}" for x, y, w, h in screens) or "none"
