"""The Administration window in the console: only administrators have the menu;
each change is made through the same services as ``youyi-console users``,
``devices`` and ``grids``, so the command line sees it afterwards and the audit
trail holds it; a refusal is one plain line and changes nothing.  On SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.admin_controller import AdminController
from console.main_window import MainWindow
from services.access.auth import add_demo_users
from services.db.store import Store
from services.domain import Role
from tests.support.gui import shown_session, signed_in
from tests.support.store import cli_sign_in, rows, run


@pytest.fixture
def admin_window(qtbot: QtBot, store: Store) -> Iterator[tuple[MainWindow, AdminController]]:
    """The console signed in as the demo's administrator, the window open on
    its accounts."""
    add_demo_users(store)
    window, session = shown_session(qtbot, store)
    ws = signed_in(qtbot, session, "admin")
    assert ws.admin is not None
    window.admin_action.trigger()
    qtbot.waitUntil(lambda: ws.admin is not None and ws.admin.window.accounts.model.rowCount() == 4)
    yield window, ws.admin
    session.close()


def cli(store: Store, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert run(store, *argv) == 0
    return capsys.readouterr().out


@pytest.fixture
def cli_admin(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line signed in as another administrator, ``root``."""
    cli_sign_in(store, monkeypatch, "root", Role.ADMIN)
    capsys.readouterr()


def audit_of(store: Store, subject: str) -> list[tuple[object, ...]]:
    return rows(
        store, f"SELECT action, actor FROM audit_log WHERE subject = '{subject}' ORDER BY seq"
    )


def wait_status(qtbot: QtBot, admin: AdminController, text: str) -> None:
    status = admin.window.accounts.status
    qtbot.waitUntil(lambda: status.text() == text, timeout=5000)


def test_only_administrators_have_the_menu(qtbot: QtBot, store: Store) -> None:
    add_demo_users(store)
    window, session = shown_session(qtbot, store)
    ws = signed_in(qtbot, session, "operator")
    assert ws.admin is None and not window.admin_menu.menuAction().isVisible()
    window.sign_out_action.trigger()
    session.sign_in_as("admin")
    qtbot.waitUntil(lambda: session.workspace is not None, timeout=5000)
    assert window.admin_menu.menuAction().isVisible()
    window.sign_out_action.trigger()
    assert not window.admin_menu.menuAction().isVisible()
    session.close()


def test_add_an_account_through_the_dialog(
    qtbot: QtBot,
    store: Store,
    admin_window: tuple[MainWindow, AdminController],
    cli_admin: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, admin = admin_window
    tab = admin.window.accounts
    tab.ask_add()
    dialog = tab.dialog
    assert dialog is not None
    dialog.login.setText("li.na")  # type: ignore[attr-defined]
    dialog.name.setText("李娜")  # type: ignore[attr-defined]
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))  # type: ignore[attr-defined]
    dialog.set_grids(["G21", "G22"])  # type: ignore[attr-defined]
    dialog.password.first.setText("Lanterns-at-dusk-7")  # type: ignore[attr-defined]
    dialog.password.again.setText("Lanterns-at-dusk-8")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
    assert dialog.isVisible()  # not sent: the same password twice, as the command line asks
    assert dialog.problem.text() == "The two passwords differ."  # type: ignore[attr-defined]
    dialog.password.again.setText("Lanterns-at-dusk-7")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
    wait_status(qtbot, admin, "Account li.na added")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6)  # root from the command line, li.na
    listed = cli(store, capsys, "users", "list")
    assert "li.na" in listed and "supervisor" in listed and "G21,G22" in listed
    assert audit_of(store, "li.na") == [("user.add", "admin")]


def test_disable_enable_password_and_role(
    qtbot: QtBot,
    store: Store,
    admin_window: tuple[MainWindow, AdminController],
    cli_admin: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, admin = admin_window
    tab = admin.window.accounts
    admin.load_accounts()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5)
    assert tab.select("officer")
    tab.disable_button.click()
    wait_status(qtbot, admin, "officer disabled")
    assert "(disabled)" in next(
        line for line in cli(store, capsys, "users", "list").splitlines() if "officer" in line
    )
    qtbot.waitUntil(lambda: tab.selected() is not None and not tab.selected().active)  # type: ignore[union-attr]
    assert tab.enable_button.isEnabled() and not tab.disable_button.isEnabled()
    tab.enable_button.click()
    wait_status(qtbot, admin, "officer enabled")
    tab.password_requested.emit("officer", "short")
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert "\n" not in tab.status.text() and "8" in tab.status.text()
    tab.password_requested.emit("officer", "Harbour-lights-at-9")
    wait_status(qtbot, admin, "Password of officer set; its kept sign-ins ended")
    tab.role_requested.emit("officer", Role.SUPERVISOR, ("G11",), None)
    wait_status(qtbot, admin, "officer changed")
    listed = cli(store, capsys, "users", "list").splitlines()
    line = next(text for text in listed if "officer" in text)
    assert "supervisor" in line and "G11" in line and "law-youyi" not in line
    tab.role_requested.emit("officer", Role.OFFICER, (), None)
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert tab.status.text() == "an officer belongs to a unit (--unit)"
    assert [a for a, _ in audit_of(store, "officer")] == [
        "user.add",
        "user.deactivate",
        "user.activate",
        "user.passwd",
        "user.role",
    ]
    assert {who for _, who in audit_of(store, "officer")[1:]} == {"admin"}
    tab.filter.setText("G11")
    assert tab.proxy.rowCount() == 2  # the supervisor's G11 and now the officer's
    assert tab.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole) in {"officer", "supervisor"}
