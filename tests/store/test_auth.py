"""Users and sign-in: scrypt hashes, one refusal message, roles and grids."""

from __future__ import annotations

import pytest

from services.auth import (
    DEMO_PASSWORD,
    SignInError,
    UserService,
    add_demo_users,
    hash_password,
    verify_password,
)
from services.db.store import Store
from services.domain import Role
from services.errors import ValidationError


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
    users.set_active("wang", False)
    with pytest.raises(SignInError) as refused:
        users.sign_in("wang", "pass-1234")
    messages.add(str(refused.value))
    assert len(messages) == 1
    users.set_active("wang", True)
    users.set_password("wang", "new-pass")
    assert users.sign_in("wang", "new-pass").login == "wang"


def test_supervisors_have_grids_and_bad_accounts_are_refused(store: Store) -> None:
    users = UserService(store)
    p = users.add_user("li", "李娜", Role.SUPERVISOR, "pass-1234", grids=["G12", "G11"])
    assert p.grids == frozenset({"G11", "G12"}) and p.scoped
    with pytest.raises(ValidationError, match="at least one grid"):
        users.add_user("zhao", "赵", Role.SUPERVISOR, "pass-1234")
    with pytest.raises(ValidationError, match="exists already"):
        users.add_user("li", "李娜", Role.OPERATOR, "pass-1234")
    with pytest.raises(ValidationError, match="at least 4"):
        users.add_user("qian", "钱", Role.OPERATOR, "abc")
    users.set_grids("li", ["G21"])
    assert users.principal("li").grids == frozenset({"G21"})


def test_demo_accounts_once(store: Store) -> None:
    assert add_demo_users(store) == 4
    assert add_demo_users(store) == 0
    users = UserService(store)
    assert users.sign_in("supervisor", DEMO_PASSWORD).grids == frozenset({"G11", "G12", "G13"})
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

    from tests.store.test_admin_cli import run

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
