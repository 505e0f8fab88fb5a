"""The GUI tests' fixture (tests/console, tests/widgets): fresh QSettings in a
temporary folder for every test, the console's wall on four tiles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from console import settings as keys
from console.i18n import Translations


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path: Path) -> Iterator[Path]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    # The console's video wall on four tiles, not the district's 84: these tests are
    # about the rest of the console (tests/video decode 84 on purpose).
    keys.settings().setValue(keys.VIDEO_LAYOUT, "4")
    yield tmp_path
    app = QCoreApplication.instance()
    if app is not None:  # the next test starts in the source language, as if new
        Translations.remove_all(app)
