"""GUI tests: fresh QSettings in a temporary folder for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from sqlalchemy import insert

from console import settings as keys
from console.i18n import Translations
from services.auth import add_demo_users
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.models import Device, table_of
from services.db.store import Store


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


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'console.db'}")
    upgrade(store.engine)
    load_demo_district(store, devices=False)
    add_demo_users(store)
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {
                    "id": "EL-0231",
                    "kind": "elevator",
                    "name": "8号楼电梯",
                    "grid_code": "G21",
                    "lon": 121.492,
                    "lat": 31.398,
                },
                {
                    "id": "AF-1102",
                    "kind": "arc_fault",
                    "name": "配电箱",
                    "grid_code": "G12",
                    "lon": 121.487,
                    "lat": 31.402,
                },
            ],
        )
    yield store
    store.close()
