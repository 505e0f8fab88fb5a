"""Users and sign-in: scrypt hashes, one refusal message, roles and grids."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from services import audit
from services.access.auth import (
    DEMO_PASSWORD,
    SignInError,
    UserService,
    add_demo_users,
    hash_password,
    verify_password,
)
from services.db.store import Store
from services.domain import Actor, Role
from services.errors import NotFoundError, UnknownGridError, UnknownUnitError, ValidationError


def test_hashes_are_salted_and_verify_only_the_right_password() -> None:
    a, b = hash_password("s3cret", n=2**10), hash_password("s3cret", n=2**10)
    assert a != b and a.startswith("scrypt$1024$8$1$")
    assert verify_password("s3cret", a) and verify_password("s3cret", b)
    assert not verify_password("s3cret!", a)
    assert not verify_password("s3cret", None) and not verify_password("s3cret", "md5$x")
    assert not verify_password("s3cret", "scrypt$1024$8$1$!!$??")  # garbled: no crash


def test_sign_in_gives_one_message_for_every_refusal(store: Store) -> None:
    users = UserService(store)
    users.add_user("wang", "王伟", Role.OPERATOR, "pass-1234")
    assert users.sign_in("wang", "pass-1234").role is Role.OPERATOR
    messages = set()
    for login, password in (("wang", "wrong"), ("nobody", "pass-1234")):
        with pytest.raises(SignInError) as refused:
            users.sign_in(login, password)
        messages.add(str(refused.value))
    users.deactivate("wang")
    with pytest.raises(SignInError) as refused:
        users.sign_in("wang", "pass-1234")
    messages.add(str(refused.value))
    assert len(messages) == 1
    users.set_active("wang", True)
    users.set_password("wang", "new-pass")
    assert users.sign_in("wang", "new-pass").login == "wang"
    with pytest.raises(NotFoundError):
        users.set_password("nobody", "new-pass")


def test_sign_ins_and_account_changes_are_audited(store: Store) -> None:
    users = UserService(store)
    admin = Actor("admin", "cli@ops-01")
    users.add_user("wang", "王伟", Role.OPERATOR, "pass-1234", actor=admin)
    users.sign_in("wang", "pass-1234", console="ops-02")
    for login, password in (("wang", "guess-9"), ("nobody", "guess-8")):
        with pytest.raises(SignInError):
            users.sign_in(login, password)
    users.deactivate("wang", actor=admin)
    with pytest.raises(SignInError):
        users.sign_in("wang", "pass-1234")
    users.set_password("wang", "new-pass", actor=admin)
    with store.reading() as conn:
        entries = conn.execute(text("SELECT * FROM audit_log ORDER BY seq")).all()
        assert audit.verify(conn).ok
    trail = [(r.actor, r.action, r.subject, json.loads(r.detail).get("reason")) for r in entries]
    assert trail == [
        ("admin", "user.add", "wang", None),
        ("wang", "user.sign_in", "wang", None),
        ("wang", "user.sign_in_refused", "wang", "wrong password"),
        ("nobody", "user.sign_in_refused", "nobody", "unknown user"),
        ("admin", "user.deactivate", "wang", None),
        ("wang", "user.sign_in_refused", "wang", "account disabled"),
        ("admin", "user.passwd", "wang", None),
    ]
    written = " ".join(r.detail for r in entries)
    assert not any(p in written for p in ("pass-1234", "new-pass", "guess-", "scrypt"))


def test_supervisors_have_grids_and_bad_accounts_are_refused(store: Store) -> None:
    users = UserService(store)
    p = users.add_user("li", "李娜", Role.SUPERVISOR, "pass-1234", grids=["G12", "G11"])
    assert p.grids == frozenset({"G11", "G12"}) and p.scoped
    with pytest.raises(ValidationError, match="at least one grid"):
        users.add_user("zhao", "赵", Role.SUPERVISOR, "pass-1234")
    with pytest.raises(ValidationError, match="exists already"):
        users.add_user("li", "李娜", Role.OPERATOR, "pass-1234")
    with pytest.raises(ValidationError, match="at least 8"):
        users.add_user("qian", "钱", Role.OPERATOR, "abc")
    with pytest.raises(ValidationError, match="belongs to a unit"):
        users.add_user("sun", "孙", Role.OFFICER, "pass-1234")
    with pytest.raises(ValidationError, match="only a grid supervisor"):
        users.add_user("sun", "孙", Role.OPERATOR, "pass-1234", grids=["G11"])
    with pytest.raises(UnknownGridError):
        users.add_user("zhou", "周", Role.SUPERVISOR, "pass-1234", grids=["G99"])
    with pytest.raises(UnknownUnitError):
        users.add_user("sun", "孙", Role.OFFICER, "pass-1234", unit="no-such-unit")
    with pytest.raises(ValidationError, match="one word"):
        users.add_user("two words", "x", Role.OPERATOR, "pass-1234")
    assert users.add_user("sun", "孙", Role.OFFICER, "pass-1234", unit="law-youyi").unit == (
        "law-youyi"
    )
    users.set_grids("li", ["G21"])
    assert users.principal("li").grids == frozenset({"G21"})
    with pytest.raises(UnknownGridError):
        users.set_grids("li", ["G21", "G99"])
    assert users.principal("li").grids == frozenset({"G21"})  # nothing changed
    assert [p.login for p, _ in users.list_users()] == ["li", "sun"]


def test_demo_accounts_once(store: Store) -> None:
    assert add_demo_users(store) == 4
    assert add_demo_users(store) == 0
    users = UserService(store)
    assert users.sign_in("supervisor", DEMO_PASSWORD).grids == frozenset({"G11", "G12", "G13"})
    assert users.sign_in("officer", DEMO_PASSWORD).unit == "law-youyi"
    assert [p.role for p, _ in users.list_users()] == [
        Role.ADMIN,
        Role.OFFICER,
        Role.OPERATOR,
        Role.SUPERVISOR,
    ]


def test_users_command_line(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from tests.support.store import run

    monkeypatch.setattr("sys.stdin", io.StringIO("pass-1234\n"))
    argv = ["users", "add", "li", "--role", "supervisor", "--grid", "G11", "--password-stdin"]
    assert run(store, *argv) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("pass-1234\n"))
    assert run(store, "users", "add", "x", "--role", "supervisor", "--password-stdin") == 2
    assert run(store, "users", "list") == 0
    out = capsys.readouterr()
    assert "added li (supervisor: G11)" in out.out
    assert "needs at least one grid" in out.err
    assert "li               supervisor  G11" in out.out
    assert UserService(store).sign_in("li", "pass-1234").grids == frozenset({"G11"})
    monkeypatch.setattr("sys.stdin", io.StringIO("pass-5678\n"))
    argv = ["users", "add", "ma", "--role", "officer", "--unit", "law-youyi", "--password-stdin"]
    assert run(store, *argv) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("pass-0000\n"))
    assert run(store, "users", "passwd", "li", "--password-stdin") == 0
    assert run(store, "users", "disable", "ma") == 0
    assert run(store, "users", "list") == 0
    out = capsys.readouterr().out
    assert "ma               officer     -                    law-youyi" in out
    assert out.rstrip().endswith("(disabled)")
    users = UserService(store)
    assert users.sign_in("li", "pass-0000").login == "li"
    with pytest.raises(SignInError):
        users.sign_in("ma", "pass-5678")
    assert run(store, "users", "enable", "ma") == 0
    assert users.sign_in("ma", "pass-5678").unit == "law-youyi"
    with store.reading() as conn:
        by = conn.execute(
            text("SELECT actor, console FROM audit_log WHERE action = 'user.add'")
        ).all()
    # No administrator account yet: the operating-system user acts, and says so.
    assert by and all(a.startswith("os:") and c.startswith("cli:") for a, c in by)


@pytest.mark.parametrize(
    "password", ["pass-12", "12345678", "password", "Qwerty123", "aaaaaaaaaa", "wang-secret"]
)
def test_short_common_and_guessable_passwords_are_refused(store: Store, password: str) -> None:
    with pytest.raises(ValidationError, match=r"at least 8 characters|first ones guessed"):
        UserService(store).add_user("wang", "王伟", Role.OPERATOR, password)


def test_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it(
    store: Store,
) -> None:
    waits: list[float] = []
    users = UserService(store, sleep=waits.append)
    users.add_user("wang", "王伟", Role.OPERATOR, "pass-1234")
    for _ in range(10):
        with pytest.raises(SignInError):
            users.sign_in("wang", "guess-again")
    with pytest.raises(SignInError):  # locked: the right password is refused too
        users.sign_in("wang", "pass-1234")
    assert waits[:4] == [0.0, 0.0, 1.0, 2.0] and max(waits) == 30.0  # this console backs off
    users.unlock("wang", actor=Actor("admin", "cli@ops"))
    assert users.sign_in("wang", "pass-1234").login == "wang"
    assert waits[-1] == 30.0 and len(waits) == 11  # a sign-in that works waits for nothing
    with store.reading() as conn:
        actions = (
            conn.execute(text("SELECT action FROM audit_log WHERE subject = 'wang' ORDER BY seq"))
            .scalars()
            .all()
        )
    assert actions.count("user.sign_in_refused") == 11
    assert actions[-3:] == ["user.sign_in_refused", "user.unlock", "user.sign_in"]
    assert "user.locked" in actions


def test_a_non_utf8_password_on_stdin_is_one_line(store: Store) -> None:
    import subprocess
    import sys

    url = store.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-m", "console", "--db", url, "users", "add", "li", "--role",
         "operator", "--password-stdin"],
        input=b"pass-\xff\xfe-1234\n", capture_output=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.decode() == "youyi-console: error: the password on stdin is not UTF-8 text\n"
