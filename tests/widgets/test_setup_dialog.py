"""The set-up dialog with its flow (console.first_run) against real servers: the
demo chosen, a database nobody listens on, a broker that answers, a database at
the newest schema saved with its password in the keyring (never in the settings
file), a refused file's problems listed by record."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from console import settings as keys
from console.first_run import SetUpFlow, save_choice
from services.db.migrate import upgrade
from tests.console.test_first_run import (  # noqa: F401 (fixtures)
    MemoryKeyring,
    fresh_pg_db,
    ring,
    settings_text,
)
from tests.support.servers import ThrowawayMosquitto, free_port
from widgets.setup_dialog import CONTROL_ROOM, DEMO, SetupDialog

PASSWORD = "Room-Pa55-word"


@pytest.fixture
def dialog(qtbot: QtBot) -> Iterator[tuple[SetupDialog, SetUpFlow]]:
    d = SetupDialog()
    qtbot.addWidget(d)
    flow = SetUpFlow(d)
    d.show()
    yield d, flow
    flow.close()


def start_enabled(d: SetupDialog) -> bool:
    return d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def fill_database(d: SetupDialog, port: int, database: str = "test", password: str = "") -> None:
    d.room_radio.setChecked(True)
    d.database.host.setText("127.0.0.1")
    d.database.port.setValue(port)
    d.database.database.setText(database)
    d.database.user.setText("postgres")
    d.database.password.setText(password)


def test_the_demo_is_the_default_and_is_saved_as_chosen(
    dialog: tuple[SetupDialog, SetUpFlow],
) -> None:
    d, _flow = dialog
    assert d.choice() == DEMO and start_enabled(d)
    args = argparse.Namespace(db=None, broker=None)
    save_choice(d, args)
    assert keys.settings().value(keys.CONNECTION_MODE) == "demo"
    assert args.db is None  # the embedded default


def test_a_database_away_says_so_in_one_line_and_start_waits(
    qtbot: QtBot, dialog: tuple[SetupDialog, SetUpFlow]
) -> None:
    d, _flow = dialog
    fill_database(d, free_port())
    assert d.choice() == CONTROL_ROOM and not start_enabled(d)
    d.database.test_button.click()
    qtbot.waitUntil(lambda: "connection refused" in d.database.result_label.text(), timeout=15000)
    assert d.database.result_label.text() == "Cannot reach the database: connection refused."
    assert not start_enabled(d) and not d.migrate_button.isVisible()


def test_a_broker_that_answers_passes_and_an_edit_clears_it(
    qtbot: QtBot, dialog: tuple[SetupDialog, SetUpFlow]
) -> None:
    d, _flow = dialog
    d.room_radio.setChecked(True)
    with ThrowawayMosquitto() as broker:
        d.broker.host.setText("127.0.0.1")
        d.broker.port.setValue(broker.port)
        d.broker.client_prefix.setText("ops-room")
        d.broker.test_button.click()
        qtbot.waitUntil(lambda: d.broker.passed, timeout=15000)
    assert d.broker.result_label.text().startswith("Connected as client ops-room-")
    d.broker.port.setValue(d.broker.port.value() + 1)
    assert not d.broker.passed and d.broker.result_label.text() == ""


def test_a_room_saved_keeps_its_password_in_the_keyring_only(
    qtbot: QtBot,
    dialog: tuple[SetupDialog, SetUpFlow],
    fresh_pg_db: str,  # noqa: F811
    ring: MemoryKeyring,  # noqa: F811
    fresh_settings: Path,
) -> None:
    engine = create_engine(fresh_pg_db)
    upgrade(engine)
    engine.dispose()
    d, _flow = dialog
    d.set_keyring_note("MemoryKeyring")
    url = make_url(fresh_pg_db)
    fill_database(d, url.port or 5432, url.database or "", PASSWORD)
    d.database.test_button.click()
    qtbot.waitUntil(lambda: d.database.passed, timeout=20000)
    assert d.database.result_label.text().startswith("Connected; the schema is at")
    assert start_enabled(d)  # no broker named: ingest runs elsewhere
    args = argparse.Namespace(db=None, broker=None)
    save_choice(d, args)
    assert make_url(args.db).password == PASSWORD
    assert list(ring.held.values()) == [PASSWORD]
    saved = settings_text(fresh_settings)
    assert PASSWORD not in saved and f"postgres@127.0.0.1:{url.port}/{url.database}" in saved


def test_a_refused_file_lists_its_problems_by_record(
    dialog: tuple[SetupDialog, SetUpFlow],
) -> None:
    d, _flow = dialog
    d.room_radio.setChecked(True)
    problems = ["devices.csv line 3: unknown kind 'lift'", "devices.csv line 7: lat missing"]
    d.show_done("devices.csv: nothing imported, the file was refused:", problems)
    assert d.problems.isVisible()
    assert [d.problems.item(i).text() for i in range(d.problems.count())] == problems
