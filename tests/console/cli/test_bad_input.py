"""Bad input: a clear error and an unchanged database, from services and the CLI."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.cli import main
from services.db.models import AuditEntry, WorkOrder
from services.db.store import Store
from services.db.url import resolve_url
from services.domain import OrderState as S
from services.errors import ConfigError, DatabaseUnavailableError, UnknownGridError, ValidationError
from services.workflow.orders import NewOrder, WorkOrderService
from tests.support.store import OPERATOR, raise_order


def _rows(store: Store) -> tuple[int, int, int]:
    with store.reading() as conn:
        orders = conn.execute(select(func.count()).select_from(WorkOrder)).scalar_one()
        audit = conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        counter = conn.exec_driver_sql(
            "SELECT COALESCE(SUM(last), 0) FROM order_counters"
        ).scalar_one()
    return orders, audit, counter


@pytest.mark.parametrize(
    ("new", "error", "message"),
    [
        (NewOrder(title="   ", grid="G11"), ValidationError, "needs a title"),
        (NewOrder(title="x" * 201, grid="G11"), ValidationError, "longer than 200"),
        (NewOrder(title="路灯不亮", grid="G99"), UnknownGridError, "unknown grid cell 'G99'"),
    ],
)
def test_refused_orders_leave_nothing(
    store: Store, service: WorkOrderService, new: NewOrder, error: type[Exception], message: str
) -> None:
    raise_order(service)
    before = _rows(store)
    with pytest.raises(error, match=message):
        service.raise_order(new, OPERATOR)
    assert _rows(store) == before  # not even a number was used up
    assert raise_order(service).number.endswith("-0002")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/db", "unsupported database 'mysql'"),
        ("not a url", "malformed database URL"),
        ("postgresql://postgres@/test", "names no host"),
        ("postgresql://postgres@127.0.0.1:5432", "names no database"),
    ],
)
def test_malformed_urls(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve_url(url)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_postgres_is_one_clear_error() -> None:
    port = _closed_port()
    started = time.monotonic()
    with pytest.raises(
        DatabaseUnavailableError, match=f"cannot reach PostgreSQL at 127.0.0.1:{port}/test"
    ):
        Store(f"postgresql://postgres@127.0.0.1:{port}/test")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--db", "foo:/bar", "db", "upgrade"], "malformed database URL 'foo:/bar'"),
        (
            ["--db", "postgresql://postgres@127.0.0.1:{port}/test", "db", "upgrade"],
            "cannot reach PostgreSQL at 127.0.0.1:{port}/test",
        ),
    ],
)
def test_cli_errors_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _closed_port()
    assert main([a.format(port=port) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("youyi-console: error: ")
    assert message.format(port=port) in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["orders", "raise", "--title", "", "--grid", "G11"], "needs a title"),
        (["orders", "raise", "--title", "占道", "--grid", "G77"], "unknown grid cell 'G77'"),
    ],
)
def test_cli_refuses_bad_orders(
    store: Store, args: list[str], message: str, capsys: pytest.CaptureFixture[str], signed_in: None
) -> None:
    before = _rows(store)
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert _rows(store) == before


def test_cli_unknown_unit(
    store: Store, capsys: pytest.CaptureFixture[str], signed_in: None
) -> None:
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "orders", "raise", "--title", "占道经营", "--grid", "G12"]) == 0
    number = capsys.readouterr().out.split()[0]
    assert main(["--db", url, "orders", "move", number, "filed"]) == 0
    assert main(["--db", url, "orders", "move", number, "dispatched", "--unit", "ghost"]) == 2
    assert "unknown unit 'ghost'" in capsys.readouterr().err
    assert main(["--db", url, "orders", "show", number]) == 0
    assert "filed" in capsys.readouterr().out.splitlines()[0]


def test_unmigrated_database_is_refused(
    tmp_path: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path}/empty.db"
    assert main(["--db", url, "orders", "list", "--grid", "G11"]) == 2
    assert "run `youyi-console db upgrade`" in capsys.readouterr().err
    assert not (Path(str(tmp_path)) / "empty.db").exists()  # refused, not made
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert main(["--db", url, "db", "seed-demo"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("demo\n"))
    assert main(["--db", url, "--user", "operator", "login", "--password-stdin"]) == 0
    assert main(["--db", url, "orders", "list", "--grid", "G11"]) == 0


def test_a_sqlite_path_in_no_folder_is_refused_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/no/such/dir/x.db"
    for args in (["orders", "list", "--grid", "G11"], ["db", "upgrade"]):
        assert main(["--db", url, *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"no folder {tmp_path}/no/such/dir" in err
    assert not (tmp_path / "no").exists()


def test_output_into_a_closed_pipe_ends_quietly(
    store: Store, service: WorkOrderService, signed_in: None
) -> None:
    for _ in range(150):
        raise_order(service)
    url = store.url.render_as_string(hide_password=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "console", "--db", url, "orders", "list", "--grid", "G11",
         "--limit", "150"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 0 and "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize(
    ("sqlstate", "message", "unavailable"),
    [
        ("57P03", "the database system is starting up", True),
        ("57P01", "terminating connection due to administrator command", True),
        ("08006", "server closed the connection unexpectedly", True),
        (None, "the database system is shutting down", True),
        ("23505", "duplicate key value violates unique constraint", False),
        ("42P01", 'relation "alerts" does not exist', False),
    ],
)
def test_a_server_starting_or_stopping_counts_as_unavailable(
    sqlstate: str | None, message: str, unavailable: bool
) -> None:
    """Writes wait (spool) while PostgreSQL restarts, instead of failing the
    messages into quarantine as if they were bad."""
    from sqlalchemy.exc import OperationalError

    from services.db.store import _is_connection_error

    class DriverError(Exception):
        pass

    orig = DriverError(message)
    orig.sqlstate = sqlstate  # type: ignore[attr-defined]
    assert _is_connection_error(OperationalError("INSERT ...", {}, orig)) is unavailable


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "#"], "site '#' is not a plain topic level"),
        (["--site", "youyi/+"], "site 'youyi/+' is not a plain topic level"),
        (["--shared", "a/b"], "shared group 'a/b' is not a plain topic level"),
        (["--broker", ""], "no broker URL given"),
        (["--broker", "mqtt://[::1"], "malformed broker URL 'mqtt://[::1': Invalid IPv6 URL"),
        (["--broker", "http://example"], "malformed broker URL 'http://example'"),
    ],
)
def test_cli_ingest_refuses_bad_sites_and_brokers(
    store: Store, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "ingest", *args, "--run-for", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["orders", "list", "--grid", "G11", "--limit", "-1"], "-1 is outside 1..10000"),
        (
            ["orders", "list", "--grid", "G11", "--limit", "99999999999999999999"],
            "outside 1..10000",
        ),
        (["orders", "list", "--grid", "G11", "--limit", "abc"], "'abc' is not a whole number"),
        (["quarantine", "list", "--limit", "0"], "0 is outside 1..10000"),
        (["grids", "locate", "1e23", "31"], "1e23 is outside -180..180"),
        (["grids", "locate", "nan", "31"], "nan is outside -180..180"),
        (["ingest", "--stats-every", "1e23"], "1e23 is outside 0.1..86400"),
        (["orders", "frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_cli_argument_errors_are_one_line(
    store: Store, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = store.url.render_as_string(hide_password=False)
    with pytest.raises(SystemExit) as stop:
        main(["--db", url, *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.rstrip().endswith("(see --help)")


def test_global_options_work_after_the_sub_command(
    store: Store, service: WorkOrderService, capsys: pytest.CaptureFixture[str], signed_in: None
) -> None:
    number = raise_order(service).number
    url = store.url.render_as_string(hide_password=False)
    assert main(["orders", "show", number, "--db", url]) == 0
    assert number in capsys.readouterr().out
    assert main(["orders", "list", "--grid", "G11", "-v", "--db", url]) == 0
    assert number in capsys.readouterr().out


@pytest.mark.parametrize(
    "title",
    ["楼道\x1b[2J堆物", "第一行\n伪造的第二行", "exe.\u202etxt", "半个\ud800字", "空\x00字"],
    ids=["escape", "newline", "rtl-override", "lone-surrogate", "nul"],
)
def test_titles_that_hide_or_forge_text_are_refused(
    store: Store, service: WorkOrderService, title: str
) -> None:
    before = _rows(store)
    with pytest.raises(ValidationError, match="holds a control or direction character"):
        service.raise_order(NewOrder(title=title, grid="G11"), OPERATOR)
    assert _rows(store) == before


def test_notes_and_names_follow_the_same_rule(store: Store, service: WorkOrderService) -> None:
    from services.access.auth import UserService
    from services.domain import Role
    from services.workflow.orders import Move

    order = raise_order(service)
    with pytest.raises(ValidationError, match=r"the note holds .*\\x1b"):
        service.move(
            order.id, Move(S.NOT_FILED, note="不予\x1b[31m立案"), version=1, actor=OPERATOR
        )
    assert service.get(order.id).version == 1  # nothing written
    multi = service.move(
        order.id, Move(S.FILED, note="第一行\r\n第二行\t附注"), version=1, actor=OPERATOR
    )
    assert service.history(multi.id)[-1].note == "第一行\n第二行\t附注"  # lines and tabs are text
    with pytest.raises(ValidationError, match="the name holds"):
        UserService(store).add_user("li", "李\u202e四", Role.OPERATOR, "a-long-enough-password")


def test_output_escapes_what_was_stored_before_the_rule(
    store: Store, service: WorkOrderService, capsys: pytest.CaptureFixture[str], signed_in: None
) -> None:
    order = raise_order(service)
    with store.engine.begin() as conn:  # as an older version of the console could have
        conn.execute(
            WorkOrder.__table__.update().values(title="假\x1b[2J标题\n伪造行")  # type: ignore[attr-defined]
        )
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "orders", "show", order.number]) == 0
    out = capsys.readouterr().out
    assert "假\\x1b[2J标题\\n伪造行" in out and "\x1b" not in out
    assert out.count("\n") == 2  # the order's line and its one step, nothing forged
