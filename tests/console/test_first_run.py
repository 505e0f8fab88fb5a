"""The first-run checks and the connection's passwords, against real servers: the
machine's PostgreSQL and throwaway ones (one with password authentication),
throwaway Mosquittos with and without TLS, accounts and client id prefixes, a
port nobody listens on, an old schema; the keyring through an in-memory back-end,
and the settings file read to hold no password."""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import psycopg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from console import settings as keys
from console.cli.main import build_parser, main
from console.connection import apply_saved
from console.first_run import prepare
from console.setup_checks import (
    AHEAD,
    BEHIND,
    OK,
    PASSWORD,
    REFUSED,
    TLS,
    UNREACHABLE,
    check_broker,
    check_database,
    migrate,
)  # fmt: skip
from services.bus import BrokerSettings
from services.db.migrate import head_from_files, upgrade
from tests.support.keyrings import MemoryKeyring
from tests.support.pki import make_pki
from tests.support.servers import (
    ThrowawayPostgres,
    TlsMosquitto,
    free_port,
    machine_postgres_url,
)

PG_PASSWORD = "s3cret-Pa55-youyi"


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    previous, ring = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


def settings_text(folder: Path) -> str:
    keys.settings().sync()
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.ini"))


# --- certificates --------------------------------------------------------------


# --- the database --------------------------------------------------------------


def test_a_database_nobody_listens_on_is_unreachable() -> None:
    url = make_url(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test")
    check = check_database(url)
    assert (check.state, check.detail) == (UNREACHABLE, "connection refused")


def test_a_host_with_no_name_is_unreachable() -> None:
    check = check_database(make_url("postgresql+psycopg://postgres@nosuch.invalid/test"))
    assert (check.state, check.detail) == (UNREACHABLE, "name unknown")


def test_tls_refused_by_a_server_without_it_says_why() -> None:
    base = machine_postgres_url()
    if base is None:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    with create_engine(base).connect() as conn:
        if conn.execute(text("SHOW ssl")).scalar() == "on":
            pytest.skip("this PostgreSQL speaks TLS")
    check = check_database(make_url(base).update_query_dict({"sslmode": "require"}))
    assert check.state == TLS
    assert "server does not support SSL" in check.detail


@pytest.fixture
def fresh_pg_db() -> Iterator[str]:
    base = machine_postgres_url()
    if base is None:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"youyi_setup_{uuid.uuid4().hex[:8]}"
    admin = make_url(base)
    conninfo = f"host={admin.host} port={admin.port} user={admin.username} dbname={admin.database}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_an_old_schema_is_behind_says_the_command_and_migrates_with_progress(
    fresh_pg_db: str,
) -> None:
    engine = create_engine(fresh_pg_db)
    upgrade(engine, "0010")
    engine.dispose()
    url = make_url(fresh_pg_db)
    check = check_database(url)
    head = head_from_files()
    assert (check.state, check.revision, check.head) == (BEHIND, "0010", head)
    assert check.fix == f"youyi-console --db {fresh_pg_db} db upgrade"
    steps: list[tuple[int, int, str]] = []
    assert migrate(url, lambda done, of, rev: steps.append((done, of, rev))) == head
    assert steps[-1] == (len(steps), len(steps), head) and steps[0][0] == 1
    assert check_database(url).state == OK


def test_a_schema_newer_than_the_console_is_ahead(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    engine = create_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    check = check_database(make_url(url))
    assert (check.state, check.revision) == (AHEAD, "9999")


def test_a_wrong_password_is_told_apart_from_a_server_away() -> None:
    with ThrowawayPostgres() as pg:
        url = make_url(pg.url)
        conninfo = f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f"ALTER ROLE postgres PASSWORD '{PG_PASSWORD}'")
        hba = pg.data / "pg_hba.conf"
        hba.write_text("local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n")
        pg.stop()
        pg.start()
        wrong = check_database(url.set(password="not-it"))
        assert wrong.state == PASSWORD
        assert 'password authentication failed for user "postgres"' in wrong.detail
        assert check_database(url.set(password=PG_PASSWORD)).state not in (PASSWORD, UNREACHABLE)


# --- the broker ------------------------------------------------------------------


def test_broker_checks_plain_and_tls_refusals_in_words(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    accounts = tmp_path / "accounts"
    subprocess.run(["mosquitto_passwd", "-c", "-b", str(accounts), "ops", "right"], check=True)
    accounts.chmod(0o644)
    extra = f"allow_anonymous false\npassword_file {accounts}\nclientid_prefixes youyi-\n"
    with TlsMosquitto(pki["ca"], pki["cert"], pki["key"], extra) as broker:
        plain = BrokerSettings(
            host="127.0.0.1",
            port=broker.port,
            client_id="youyi-ws1",
            username="ops",
            password="right",
        )
        assert check_broker(plain).state == OK
        wrong = check_broker(
            BrokerSettings(
                host="127.0.0.1",
                port=broker.port,
                client_id="youyi-ws1",
                username="ops",
                password="wrong",
            )
        )
        assert (wrong.state, wrong.detail) == (REFUSED, "Not authorized")  # Mosquitto 2's word
        other = check_broker(
            BrokerSettings(
                host="127.0.0.1",
                port=broker.port,
                client_id="acme-ws1",
                username="ops",
                password="right",
            )
        )
        assert (other.state, other.detail) == (REFUSED, "Not authorized")
        tls = BrokerSettings(
            host="127.0.0.1",
            port=broker.tls_port,
            client_id="youyi-ws1",
            username="ops",
            password="right",
            tls=True,
        )
        untrusted = check_broker(tls)  # the system's CAs do not know ours
        assert untrusted.state == TLS and "certificate" in untrusted.detail
        trusted = dataclasses.replace(tls, ca_file=str(pki["ca"]))
        assert check_broker(trusted).state == OK
        on_plain = dataclasses.replace(trusted, port=broker.port)
        assert check_broker(on_plain).state == TLS


def test_a_broker_nobody_listens_on_is_unreachable() -> None:
    check = check_broker(BrokerSettings(host="127.0.0.1", port=free_port(), client_id="youyi-ws1"))
    assert (check.state, check.detail) == (UNREACHABLE, "connection refused")


# --- passwords: the keyring, never the settings file -----------------------------------


def parsed(*argv: str) -> argparse.Namespace:
    args = build_parser().parse_args(list(argv))
    apply_saved(args, {})
    return args


def test_remember_moves_the_password_to_the_keyring(
    ring: MemoryKeyring, fresh_settings: Path
) -> None:
    pg = f"postgresql://ops:{PG_PASSWORD}@10.0.0.5:5432/youyi"
    mqtt = "mqtt://ops:Br0ker-pw@10.0.0.6:1883"
    parsed("--db", pg, "--broker", mqtt, "--remember")
    saved = settings_text(fresh_settings)
    assert "ops@10.0.0.5:5432/youyi" in saved and "ops@10.0.0.6:1883" in saved
    assert PG_PASSWORD not in saved and "Br0ker-pw" not in saved
    assert sorted(ring.held.values()) == sorted([PG_PASSWORD, "Br0ker-pw"])
    later = parsed()
    assert make_url(later.db).password == PG_PASSWORD
    assert later.broker == mqtt and later.ask_passwords == []


def test_remember_with_a_password_and_no_keyring_is_one_line_exit_2(
    fresh_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://ops:{PG_PASSWORD}@10.0.0.5:5432/youyi"
    assert main(["--db", url, "--remember", "db", "current"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no keyring" in err
    assert PG_PASSWORD not in settings_text(fresh_settings)
    assert keys.settings().value(keys.DATABASE) is None


def test_no_keyring_asks_the_password_at_each_start(
    qapp: QApplication, fresh_settings: Path
) -> None:
    from console.connection import PARTS, save_part

    save_part(PARTS[0], "postgresql://ops@10.0.0.5:5432/youyi", PG_PASSWORD, ask=True)
    keys.settings().setValue(keys.CONNECTION_MODE, "control_room")
    assert PG_PASSWORD not in settings_text(fresh_settings)
    for _start in range(2):
        args = parsed()
        assert args.ask_passwords == ["database"] and make_url(args.db).password is None

        def answer() -> None:
            prompt = QApplication.activeModalWidget()
            assert isinstance(prompt, QInputDialog)
            prompt.setTextValue(PG_PASSWORD)
            prompt.accept()

        QTimer.singleShot(50, answer)
        assert prepare(args)
        assert make_url(args.db).password == PG_PASSWORD
    assert PG_PASSWORD not in settings_text(fresh_settings)


def test_the_set_up_is_asked_on_a_first_run_but_not_by_build_demo() -> None:
    from console.cli.main import build_parser
    from console.first_run import needs_set_up

    parser = build_parser()
    assert needs_set_up(parser.parse_args([]), environ={})  # nothing saved, nothing given
    assert not needs_set_up(parser.parse_args(["--demo"]), environ={})  # bash build/demo
    assert not needs_set_up(parser.parse_args(["--db", "sqlite:///x.db"]), environ={})
    assert not needs_set_up(parser.parse_args([]), environ={"YOUYI_DB": "sqlite:///x.db"})


def test_a_command_line_asks_the_passwords_it_cannot_keep_on_its_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from console.connection import BROKER, DATABASE, ask_on_terminal

    asked: list[str] = []
    args = argparse.Namespace(
        db="postgresql+psycopg://ops@db.youyi.local:5432/youyi",
        broker="mqtts://ops@10.0.0.6:8883",
        ask_passwords=[DATABASE, BROKER],
    )
    ask_on_terminal(args, lambda prompt: asked.append(prompt) or "pa:ss")
    assert asked == [
        "password for postgresql+psycopg://ops@db.youyi.local:5432/youyi: ",
        "password for mqtts://ops@10.0.0.6:8883: ",
    ]
    assert (
        make_url(args.db).password == "pa:ss" and args.broker == "mqtts://ops:pa%3Ass@10.0.0.6:8883"
    )
    assert args.ask_passwords == []
    quiet = argparse.Namespace(db="postgresql+psycopg://ops@h/youyi", ask_passwords=[DATABASE])
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)  # piped: nothing asked
    ask_on_terminal(quiet)
    assert quiet.db == "postgresql+psycopg://ops@h/youyi"
