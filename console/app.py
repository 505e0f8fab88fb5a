"""Start-up of the windowed console."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console import __version__
from console import settings as keys
from console.i18n import Translations
from console.main_window import MainWindow
from services.resources import resource
from widgets.theme import apply_theme

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(keys.ORGANIZATION)
    app.setApplicationName(keys.APPLICATION)
    app.setApplicationVersion(__version__)
    return app


def build_window(
    app: QApplication, db_label: str, language: str | None = None
) -> tuple[MainWindow, Translations]:
    """The themed, translated main window, its layout restored (not shown yet)."""
    apply_theme(app, resource("theme", "dark.qss").read_text(encoding="utf-8"))
    translations = Translations(app)
    chosen = language or keys.language()
    translations.switch(chosen)
    window = MainWindow(db_label)
    window.mark_language(chosen)

    def on_language_chosen(code: str) -> None:
        translations.switch(code)
        keys.settings().setValue(keys.LANGUAGE, code)

    window.language_chosen.connect(on_language_chosen)
    if not window.restore_layout():
        window.resize(1600, 900)
    return window, translations


def run_gui(db_url: str, db_label: str, language: str | None = None) -> int:
    app = create_app()
    window, _translations = build_window(app, db_label, language)
    window.show()
    quit_after = int(os.environ.get("YOUYI_QUIT_AFTER_MS", "0") or 0)
    if quit_after > 0:
        QTimer.singleShot(quit_after, window.close)
    log.info("console started on %s", db_label)
    return app.exec()
