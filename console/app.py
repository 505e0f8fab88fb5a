"""Start-up of the windowed console: application, translations, theme, window.

``run_gui`` runs Qt's own event loop: the console's waiting is done by worker
threads whose results come back as queued signals (console/jobs.py), so no
asyncio loop is needed on the GUI thread (README, design notes)."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from console import __version__
from console import settings as keys
from console.broker_status import BrokerStatus
from console.i18n import Translations
from console.main_window import MainWindow
from console.paths import icon_file, theme_file
from console.session import Session
from services.db.store import Store
from services.ingest.workers import workers
from widgets.theme import apply_theme

log = logging.getLogger(__name__)

# Quit this many milliseconds after start (smoke tests, screenshots).
QUIT_AFTER_ENV = "YOUYI_QUIT_AFTER_MS"
FIRST_RUN_SIZE = (1600, 900)
# With $YOUYI_QUIT_AFTER_MS: save a screenshot of the screen here just before quitting.
SCREENSHOT_ENV = "YOUYI_SCREENSHOT"


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so that QSettings finds the workstation's settings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(keys.ORGANIZATION)
    app.setApplicationName(keys.APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(icon_file())))
    app.setDesktopFileName("youyi-console")  # the menu entry build/package_linux.sh installs
    return app


def build_window(
    app: QApplication, db_label: str, language: str | None = None
) -> tuple[MainWindow, Translations]:
    """The themed, translated main window with its layout restored (not shown yet).

    ``language`` overrides the saved choice for this run only; a choice made in
    the Language menu is switched live and saved."""
    apply_theme(app, theme_file())
    translations = Translations(app)
    chosen = language if language in keys.LANGUAGES else keys.language()
    translations.switch(chosen)
    window = MainWindow(db_label)
    window.mark_language(chosen)

    def on_language_chosen(code: str) -> None:
        translations.switch(code)
        keys.settings().setValue(keys.LANGUAGE, code)

    window.language_chosen.connect(on_language_chosen)
    window.layout_restored = window.restore_layout()
    if not window.layout_restored:
        window.resize(*FIRST_RUN_SIZE)
        screen = app.primaryScreen()
        if screen is not None:  # also where no window manager maximizes (Xvfb)
            window.setGeometry(screen.availableGeometry())
        window.setWindowState(Qt.WindowState.WindowMaximized)
    return window, translations


def quit_after_ms() -> int | None:
    """``$YOUYI_QUIT_AFTER_MS`` as a positive number, or None."""
    raw = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        log.warning("ignoring %s=%r: not a number of milliseconds", QUIT_AFTER_ENV, raw)
        return None
    return value if value > 0 else None


def run_gui(
    db_url: str,
    db_label: str,
    language: str | None = None,
    *,
    store: Store | None = None,
    user: str | None = None,
    login_hint: str = "",
    bus: Any = None,
    bus_where: str = "",
    health: Any = None,
) -> int:
    """Open the console on the database ``db_url`` (shown as ``db_label``) and run
    until the window closes; the exit status of the event loop.

    ``user`` signs that user in at once (the demo's operator); otherwise the
    sign-in dialog asks.  ``store`` is shared with what runs beside the window
    (so that on SQLite this console hears the ingest's changes)."""
    app = create_app()
    window, translations = build_window(app, db_label, language)
    window.show()
    own_store = store is None
    store = store or Store(db_url, check=False)
    shared = store
    headless = bus is None and bus_where == ""  # a headless `ingest` does the ingesting
    window.broker_status = BrokerStatus(
        window.status, bus, bus_where, health, (lambda: workers(shared)) if headless else None
    )
    session = Session(window, store, translations.language)
    window.session = session
    if user is not None:
        session.sign_in_as(user)
    else:
        session.last_login = login_hint  # --user on a real database: who is asked for
        session.ask()
    delay = quit_after_ms()
    if delay is not None:
        log.info("quitting after %d ms (%s)", delay, QUIT_AFTER_ENV)

        def quit_now() -> None:
            shot = os.environ.get(SCREENSHOT_ENV)
            if shot:  # the window's part of the screen, as a person sees it (dialogs too)
                g = window.frameGeometry()
                window.screen().grabWindow(0, g.x(), g.y(), g.width(), g.height()).save(shot)
                log.info("screenshot saved to %s", shot)
            window.close()  # saves the layout
            app.quit()  # even if a dialog is still open

        QTimer.singleShot(delay, quit_now)
    log.info("console started on %s, language %s", db_label, translations.language)
    try:
        return _run_event_loop(app)
    finally:
        window.broker_status.close()
        session.close()
        if own_store:
            store.close()


def _run_event_loop(app: QApplication) -> int:
    return app.exec()
