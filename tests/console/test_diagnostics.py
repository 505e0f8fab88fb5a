"""Help › Copy diagnostics: the versions, the settings without secrets, the screens
and the log's tail, from the plain gathering functions and from the menu."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from console import __version__
from console import settings as keys
from console.diagnostics import Servers, broker_version, database_version, report
from console.logs import reset_logging, setup_logging
from console.main_window import MainWindow
from services.bus import BrokerSettings
from services.db.store import Store
from services.simulation.local_broker import LocalMosquitto, free_port

SAVED_DB = "postgresql://operator:hunter2@db.example:5432/youyi"
SAVED_BROKER = "mqtts://ingest:s3cr3t@broker.example:8883"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(folder=tmp_path / "log")
    assert path is not None
    yield path
    reset_logging()


def test_the_text_has_versions_no_secrets_and_the_log_tail(
    qtbot: QtBot, store: Store, log_file: Path
) -> None:
    s = keys.settings()
    s.setValue(keys.DATABASE, SAVED_DB)
    s.setValue(keys.BROKER, SAVED_BROKER)
    s.setValue("connection/api_token", "tok-0123456789")
    s.setValue(keys.LANGUAGE, "en")
    logging.getLogger("tests.diagnostics").warning("marker line 42 from %s", SAVED_DB)
    for i in range(300):
        logging.getLogger("tests.diagnostics").info("filler %d", i)
    logging.getLogger("tests.diagnostics").warning("last marker from %s", SAVED_DB)

    text = report(Servers(database_version(store), broker_version(None, "direct")))

    assert f"console   {__version__}" in text
    for name in ("Python", "Qt", "PySide6", "libVLC", "PyAV"):
        assert f"\n{name} " in text
    server = "PostgreSQL 1" if store.is_postgres else "SQLite 3."
    assert f"database  {store.label}: {server}" in text
    assert "broker    direct" in text
    # Settings: every key, passwords in URLs and secret-named keys masked.
    assert "connection/database = postgresql://operator:***@db.example:5432/youyi" in text
    assert "connection/broker = mqtts://ingest:***@broker.example:8883" in text
    assert "connection/api_token = ***" in text
    assert "ui/language = en" in text
    for secret in ("hunter2", "s3cr3t", "tok-0123456789"):
        assert secret not in text
    assert "x" in text.split("== screens\n")[1].split("\n")[0]  # e.g. 0: offscreen 800x600+0+0
    # The log: its last 200 lines (the marker is older than that), masked.
    log_part = text.split(f"== log (last 200 lines of {log_file})\n")[1]
    assert len(log_part.splitlines()) == 200
    assert "filler 299" in log_part and "marker line 42" not in log_part  # older than 200
    assert "last marker from postgresql://operator:***@db.example:5432/youyi" in log_part
    assert "hunter2" not in log_file.read_text(encoding="utf-8")  # never written at all


def test_the_broker_says_its_version_or_is_named_by_its_address() -> None:
    with LocalMosquitto() as broker:
        said = broker_version(BrokerSettings.from_url(broker.url, client_id="x"))
    assert said.startswith(f"127.0.0.1:{broker.port}: mosquitto version ")
    gone = broker_version(BrokerSettings.from_url(f"mqtt://127.0.0.1:{free_port()}"))
    assert gone.startswith("127.0.0.1:") and "cannot reach" in gone


def test_help_menu_copies_them_and_says_so(qtbot: QtBot, store: Store, log_file: Path) -> None:
    keys.settings().setValue(keys.DATABASE, SAVED_DB)
    logging.getLogger("tests.diagnostics").warning("the menu's marker")
    window = MainWindow(store.label)
    qtbot.addWidget(window)
    window.session = type("S", (), {"store": store})()  # what copy_diagnostics reads
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    assert window.diagnostics_action in window.help_menu.actions()

    window.diagnostics_action.trigger()

    qtbot.waitUntil(lambda: "Youyi console diagnostics" in clipboard.text(), timeout=10_000)
    text = clipboard.text()
    assert "hunter2" not in text and "operator:***@db.example" in text
    assert "the menu's marker" in text
    assert f"database  {store.label}: " in text
    assert window.status.currentMessage() == "Diagnostics copied to the clipboard"
