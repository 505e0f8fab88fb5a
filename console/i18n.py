"""Translations: ours (resources/i18n) and Qt's own, switchable while running.

Installing or removing a translator makes Qt send every widget a LanguageChange
event, on which the widget sets its texts again; nothing is rebuilt, so a
switch loses no state."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from console.paths import i18n_dir

log = logging.getLogger(__name__)

# The language the source texts are written in: it needs no translator of ours.
SOURCE_LANGUAGE = "en"


class Translations:
    """The translators of the current language; ``switch`` replaces them.

    The translators are owned here (no Qt parent): one that fails to load, or is
    removed, is simply dropped."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = ""

    def switch(self, language: str) -> None:
        if language == self.language:
            return
        self.remove()
        self.language = language
        QLocale.setDefault(QLocale(language))
        ours = QTranslator()
        if ours.load(f"youyi_{language}", str(i18n_dir())):
            self._install(ours)
        elif language != SOURCE_LANGUAGE:
            log.warning("no translation youyi_%s in %s", language, i18n_dir())
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        base = QTranslator()
        if language != SOURCE_LANGUAGE and base.load(f"qtbase_{language}", qt_dir):
            self._install(base)  # Qt's own dialogs and buttons ("Cancel", "OK", ...)
        log.info("language %s (%d translators)", language, len(self._installed))

    def remove(self) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = ""

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)
        _EVERY.append(translator)

    @staticmethod
    def remove_all(app: QCoreApplication) -> None:
        """Back to the source language, whoever installed what (tests, between tests)."""
        while _EVERY:
            app.removeTranslator(_EVERY.pop())
        QLocale.setDefault(QLocale(SOURCE_LANGUAGE))


#: Every translator installed by any ``Translations`` (kept alive while installed).
_EVERY: list[QTranslator] = []
