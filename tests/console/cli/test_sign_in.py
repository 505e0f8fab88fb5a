"""The command line acts as an account that signed in, under the console's rights
table; account, grid and device administration needs an administrator."""

from __future__ import annotations

import io
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from console.cli import main
from console.cli.sign_in import TokenKeeper, db_key
from services.access.auth import UserService
from services.access.tokens import SignInTokens, TokenRefusedError
from services.db.store import Store
from services.domain import Role
from services.errors import ServiceError
from services.resources import resource
from tests.support.keyrings import MemoryKeyring
from tests.support.store import CLI_PASSWORD, cli_sign_in


def _url(store: Store) -> str:
    return store.url.render_as_string(hide_password=False)


def _run(store: Store, *argv: str) -> int:
    return main(["--db", _url(store), *argv])


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("youyi-console: error: "), err
    return err


def _count(store: Store, table: str) -> int:
    with store.reading() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _raise(store: Store, grid: str = "G11") -> int:
    return _run(store, "orders", "raise", "--title", "占道经营", "--grid", grid)


def test_orders_need_a_signed_in_account(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _raise(store) == 2
    assert "acts as an account: sign in with `youyi-console --user LOGIN login`" in _error(capsys)
    # An invented name is no sign-in either: off a terminal nothing asks for a password.
    assert _run(store, "--user", "nobody-at-all", "orders", "raise", "--title", "x",
                "--grid", "G11") == 2  # fmt: skip
    assert "--user nobody-at-all login" in _error(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("guess-1234\n"))
    assert _run(store, "--user", "nobody-at-all", "login", "--password-stdin") == 2
    assert "wrong user name or password" in _error(capsys)
    assert _count(store, "work_orders") == 0 and _count(store, "sign_in_tokens") == 0
    with store.reading() as conn:
        refused = conn.execute(
            text("SELECT subject FROM audit_log WHERE action = 'user.sign_in_refused'")
        ).scalars()
        assert list(refused) == ["nobody-at-all"]


def test_what_a_signed_in_account_does_names_it_and_the_machine(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_sign_in(store, monkeypatch, "wang", Role.OPERATOR)
    assert "signed in as wang (operator)" in capsys.readouterr().out
    assert _run(store, "whoami") == 0
    assert capsys.readouterr().out.startswith("wang (operator) as cli:")
    assert _raise(store) == 0
    number = capsys.readouterr().out.split()[0]
    assert _run(store, "orders", "move", number, "filed") == 0
    with store.reading() as conn:
        rows = conn.execute(text("SELECT actor, console FROM work_order_events ORDER BY id")).all()
        sign_in = conn.execute(
            text("SELECT console FROM audit_log WHERE action = 'user.sign_in'")
        ).scalar_one()
    assert [r.actor for r in rows] == ["wang", "wang"]
    assert all(r.console.startswith("cli:") and "@" in r.console for r in rows)
    assert sign_in.startswith("cli:")


def test_the_rights_table_holds_on_the_command_line(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_sign_in(store, monkeypatch, "wang", Role.OPERATOR)
    capsys.readouterr()
    assert _raise(store, "G21") == 0
    number = capsys.readouterr().out.split()[0]
    assert _run(store, "logout") == 0
    cli_sign_in(store, monkeypatch, "li", Role.SUPERVISOR, grids=("G11",))
    capsys.readouterr()
    assert _run(store, "orders", "show", number) == 2
    assert "not in your grid cells" in _error(capsys)
    assert _run(store, "orders", "list", "--grid", "G21") == 2
    assert "G21 is not one of yours" in _error(capsys)
    assert _raise(store, "G21") == 2
    assert "G21 is not one of yours" in _error(capsys)
    cli_sign_in(store, monkeypatch, "ma", Role.OFFICER, unit="law-youyi")
    capsys.readouterr()
    assert _run(store, "orders", "move", number, "filed") == 2  # the centre files
    assert "a officer may not move" in _error(capsys)
    with store.reading() as conn:
        states = conn.execute(text("SELECT state FROM work_orders")).scalars().all()
    assert states == ["reported"]


def test_a_kept_sign_in_ends(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_sign_in(store, monkeypatch, "wang", Role.OPERATOR)
    token = TokenKeeper().get(db_key(store))
    assert token and _count(store, "sign_in_tokens") == 1
    with store.reading() as conn:  # the database holds a hash, never the token
        held = conn.execute(text("SELECT token_sha256 FROM sign_in_tokens")).scalar_one()
    assert token not in held and len(held) == 64
    later = SignInTokens(store, clock=lambda: datetime.now(UTC) + timedelta(hours=13))
    with pytest.raises(TokenRefusedError, match="expired"):
        later.principal(token)
    # A new password ends the sign-ins kept with the old one.
    UserService(store).set_password("wang", "Qx7-river-lamp")
    assert _raise(store) == 2
    assert "the kept sign-in was ended: sign in again" in _error(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("Qx7-river-lamp\n"))
    assert _run(store, "--user", "wang", "login", "--password-stdin", "--hours", "1") == 0
    UserService(store).deactivate("wang")
    assert _raise(store) == 2
    assert "was ended" in _error(capsys)
    UserService(store).set_active("wang", True)
    monkeypatch.setattr("sys.stdin", io.StringIO("Qx7-river-lamp\n"))
    assert _run(store, "--user", "wang", "login", "--password-stdin") == 0
    assert _run(store, "logout") == 0
    assert "wang signed out" in capsys.readouterr().out
    assert _raise(store) == 2 and TokenKeeper().get(db_key(store)) is None
    assert _count(store, "work_orders") == 0
    with store.reading() as conn:
        outs = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'user.sign_out'"))
        assert outs.scalar_one() == 1


def test_login_refuses_bad_hours_and_needs_a_user(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(store, "login", "--password-stdin") == 2
    assert "who signs in?" in _error(capsys)
    with pytest.raises(SystemExit) as stop:
        _run(store, "--user", "wang", "login", "--password-stdin", "--hours", "1000")
    err = capsys.readouterr().err
    assert stop.value.code == 2 and err.count("\n") == 1 and "1000 is outside 1..168" in err
    with pytest.raises(ServiceError, match="1 to 168 hours"):
        SignInTokens(store).sign_in("wang", CLI_PASSWORD, console="t", hours=0)


def test_administration_needs_an_administrator_once_there_is_one(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first administrator is added by the operating-system user.
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-77\n"))
    assert _run(store, "users", "add", "root1", "--role", "admin", "--password-stdin") == 0
    grids, devices = str(resource("demo", "grids.geojson")), str(resource("demo", "devices.csv"))
    attempts = [
        ("users", "add", "zhao", "--role", "operator", "--password-stdin"),
        ("users", "list"),
        ("users", "disable", "root1"),
        ("users", "passwd", "root1", "--password-stdin"),
        ("users", "role", "root1", "--role", "operator"),
        ("grids", "import", grids),
        ("devices", "import", devices),
        ("db", "seed-demo"),
    ]
    for argv in attempts:  # nobody signed in
        monkeypatch.setattr("sys.stdin", io.StringIO("new-pass-1234\n"))
        assert _run(store, *argv) == 2, argv
        assert "acts as an account" in _error(capsys)
    cli_sign_in(store, monkeypatch, "wang", Role.OPERATOR)
    capsys.readouterr()
    for argv in attempts:  # an operator
        monkeypatch.setattr("sys.stdin", io.StringIO("new-pass-1234\n"))
        assert _run(store, *argv) == 2, argv
        assert "only an administrator may do this (signed in: wang, operator)" in _error(capsys)
    assert _count(store, "devices") == 0 and _count(store, "users") == 2
    # Their own password, though, anyone signed in may change.
    monkeypatch.setattr("sys.stdin", io.StringIO("lotus-9-harbour\n"))
    assert _run(store, "users", "passwd", "wang", "--password-stdin") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-77\n"))
    assert _run(store, "--user", "root1", "login", "--password-stdin") == 0
    assert _run(store, "devices", "import", devices) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("new-pass-1234\n"))
    assert _run(store, *attempts[0]) == 0
    with store.reading() as conn:
        by = dict(
            conn.execute(
                text(
                    "SELECT action, actor FROM audit_log WHERE action IN "
                    "('user.add', 'devices.import', 'user.passwd')"
                )
            ).all()
        )
    assert by["devices.import"] == "root1" and by["user.passwd"] == "wang"
    assert _count(store, "devices") > 0
    # A change of role, by the administrator: audited, and wang's kept sign-in ends.
    assert _run(store, "users", "role", "wang", "--role", "supervisor", "--grid", "G12") == 0
    assert "wang is now supervisor: G12; kept sign-ins ended" in capsys.readouterr().out
    assert UserService(store).principal("wang").grids == frozenset({"G12"})
    assert _count(store, "sign_in_tokens") == 1  # root1's own
    assert _run(store, "users", "role", "wang", "--role", "supervisor") == 2
    assert "needs at least one grid cell" in _error(capsys)
    assert _run(store, "users", "role", "nobody", "--role", "operator") == 2
    assert "no user 'nobody'" in _error(capsys)


def test_on_a_terminal_user_asks_for_the_password_once(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    UserService(store).add_user("wang", "王伟", Role.OPERATOR, CLI_PASSWORD)
    asked: list[str] = []
    monkeypatch.setattr("console.cli.sign_in._interactive", lambda: True)
    monkeypatch.setattr(
        "console.cli.sign_in.getpass.getpass", lambda prompt: asked.append(prompt) or CLI_PASSWORD
    )
    assert _run(store, "--user", "wang", "orders", "raise", "--title", "占道", "--grid",
                "G11") == 0  # fmt: skip
    assert asked == ["password of wang: "]
    assert TokenKeeper().get(db_key(store)) is None  # nothing kept for later
    monkeypatch.setattr("console.cli.sign_in.getpass.getpass", lambda prompt: "wrong-one-99")
    assert _raise(store) == 2  # a terminal, but no --user
    assert "acts as an account" in _error(capsys)
    assert _run(store, "--user", "wang", "orders", "list", "--grid", "G11") == 2
    assert "wrong user name or password" in _error(capsys)


def test_the_file_of_kept_sign_ins_is_the_users_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_sign_in(store, monkeypatch)
    kept = TokenKeeper().file
    assert kept.is_file() and stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_system_keyring_keeps_the_token_when_there_is_one(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import keyring

    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    try:
        cli_sign_in(store, monkeypatch)
        token = ring.held[("youyi-console", db_key(store))]
        assert SignInTokens(store).principal(token).login == "wang"
        assert token not in (TokenKeeper().file.read_text() if TokenKeeper().file.exists() else "")
        assert _run(store, "logout") == 0
        assert not ring.held
    finally:
        keyring.set_keyring(previous)


class _LockedKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("the unlock prompt was dismissed")


def test_a_keyring_that_refuses_is_one_line(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring

    UserService(store).add_user("wang", "王伟", Role.OPERATOR, CLI_PASSWORD)
    previous = keyring.get_keyring()
    keyring.set_keyring(_LockedKeyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(CLI_PASSWORD + "\n"))
        assert _run(store, "--user", "wang", "login", "--password-stdin") == 2
    finally:
        keyring.set_keyring(previous)
    assert "_LockedKeyring) refused: the unlock prompt was dismissed" in _error(capsys)
    assert _count(store, "sign_in_tokens") == 0
