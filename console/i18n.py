"""Translations: ours (resources/i18n) and Qt's own, switchable while running."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from services.resources import resource

log = logging.getLogger(__name__)


class Translations:
    """Installs the translators of one language; ``switch`` replaces them.  Qt
    sends every widget a LanguageChange event on each install and removal, on
    which the widget sets its texts again."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = ""

    def switch(self, language: str) -> None:
        self.remove()
        self.language = language
        QLocale.setDefault(QLocale(language))
        ours = QTranslator(self._app)
        if ours.load(f"youyi_{language}", str(resource("i18n"))):
            self._install(ours)
        else:
            log.warning("no translation youyi_%s in %s", language, resource("i18n"))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        base = QTranslator(self._app)
        if language != "en" and base.load(f"qtbase_{language}", qt_dir):
            self._install(base)

    def remove(self) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)
