"""``youyi-console evidence import | list | show | verdict | attach | detach`` as
the signed-in account: an officer works, an operator is refused with one line
(exit 2), every error one line (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from console.cli import main
from console.cli.evidence import ProgressLine
from services.db.store import Store
from services.domain import Role
from services.evidence.intake import Progress
from services.workflow.orders import WorkOrderService
from tests.support import media
from tests.support.store import cli_sign_in, raise_order, rows


@pytest.fixture
def vault_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vault"
    monkeypatch.setenv("YOUYI_EVIDENCE_DIR", str(folder))
    return folder


@pytest.fixture
def officer(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_sign_in(store, monkeypatch, "ma.zf", Role.OFFICER, unit="law-youyi")
    capsys.readouterr()


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    folder = tmp_path / "DCIM"
    folder.mkdir()
    media.jpeg(folder / "IMG_0001.JPG", taken="2026:11:23 10:15:00", position=media.C01)
    media.jpeg(folder / "IMG_0002.JPG", colour=(1, 2, 3))
    media.wav(folder / "memo.wav")
    media.sidecar(folder / "memo.wav", officer="zf-007")
    return folder


def _run(store: Store, *argv: str) -> int:
    return main(["--db", store.url.render_as_string(hide_password=False), *argv])


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("youyi-console") and ": error: " in err, err
    return err


def _listed(
    store: Store, capsys: pytest.CaptureFixture[str], *argv: str
) -> list[dict[str, object]]:
    assert _run(store, "evidence", "list", "--json", *argv) == 0
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def test_import_reports_progress_refusals_and_a_summary(
    store: Store,
    officer: None,
    vault_dir: Path,
    dump: Path,
    service: WorkOrderService,
    capsys: pytest.CaptureFixture[str],
) -> None:
    order = raise_order(service)
    media.fifo(dump / "pipe.mp4")
    assert _run(store, "evidence", "import", str(dump), "--order", order.number) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"refused {dump / 'pipe.mp4'}: a named pipe (FIFO)",
        f"4 files: 3 taken in, 0 already kept, 1 refused (evidence store {vault_dir})",
    ]
    progress = err.splitlines()
    assert "\r" not in err
    assert [line.split(" files")[0] for line in progress] == ["1/3", "2/3", "3/3"]
    total = sum(p.stat().st_size for p in dump.iterdir() if p.suffix != ".json" and p.is_file())
    assert progress[-1].endswith(f"of {total / 1024:.3g} KiB")
    (dump / "pipe.mp4").unlink()
    assert _run(store, "evidence", "import", "--officer", "zf-001", str(dump)) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"3 files: 0 taken in, 3 already kept, 0 refused (evidence store {vault_dir})"
    ]
    assert rows(store, "SELECT count(*) FROM evidence_intakes") == [(6,)]
    assert rows(store, "SELECT count(*) FROM evidence_links") == [(3,)]
    assert len(list(vault_dir.rglob("*/*"))) == 3


def test_an_officer_lists_shows_judges_and_attaches(
    store: Store,
    officer: None,
    vault_dir: Path,
    dump: Path,
    service: WorkOrderService,
    capsys: pytest.CaptureFixture[str],
) -> None:
    order = raise_order(service)
    assert _run(store, "evidence", "import", str(dump)) == 0
    capsys.readouterr()
    listed = _listed(store, capsys)
    assert [i["name"] for i in listed] == ["IMG_0001.JPG", "memo.wav", "IMG_0002.JPG"]
    photo = listed[0]
    assert (photo["captured_at"], photo["grid"]) == ("2026-11-23T10:15:00+08:00", "G11")
    assert [i["name"] for i in _listed(store, capsys, "--kind", "audio")] == ["memo.wav"]
    assert [i["name"] for i in _listed(store, capsys, "--officer", "zf-007")] == ["memo.wav"]
    photo_id = str(photo["id"])

    assert _run(store, "evidence", "attach", photo_id, order.number) == 0
    assert order.number in capsys.readouterr().out
    assert [i["name"] for i in _listed(store, capsys, "--order", order.number)] == ["IMG_0001.JPG"]
    assert _run(store, "evidence", "verdict", photo_id, "needs_more", "--note", "车牌看不清") == 0
    assert "needs_more" in capsys.readouterr().out
    assert len(_listed(store, capsys, "--unreviewed")) == 2
    assert _run(store, "evidence", "detach", photo_id, order.number) == 0
    capsys.readouterr()

    assert _run(store, "evidence", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "2026-11-23 10:15" in lines[0] and "needs_more" in lines[0]
    assert _run(store, "evidence", "show", photo_id) == 0
    shown = capsys.readouterr().out
    assert "  grid         G11" in shown and f"  sha256       {photo['sha256']}" in shown
    custody = [line.split()[4] for line in shown.splitlines() if line.startswith("    #")]
    assert custody == ["intake", "attach", "verdict", "detach"]
    assert all("ma.zf@cli:" in line for line in shown.splitlines() if line.startswith("    #"))


def test_an_operator_is_refused_in_one_line(
    store: Store,
    signed_in: None,
    vault_dir: Path,
    dump: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(store, "evidence", "import", str(dump)) == 2
    assert _error(capsys) == (
        "youyi-console: error: only officers and administrators may take evidence in "
        "(signed in: wang, operator)\n"
    )
    assert not vault_dir.exists()
    assert _run(store, "evidence", "list") == 2
    assert "may list evidence" in _error(capsys)
    assert _run(store, "evidence", "show", "1") == 2
    assert "may see evidence" in _error(capsys)
    refused = rows(store, "SELECT actor, subject FROM audit_log WHERE action = 'evidence.refused'")
    assert refused == [("wang", "evidence"), ("wang", "evidence"), ("wang", "evidence item 1")]
    assert rows(store, "SELECT count(*) FROM evidence_items") == [(0,)]


def test_every_error_is_one_line(
    store: Store,
    officer: None,
    vault_dir: Path,
    dump: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(store, "evidence", "import", str(dump)) == 0
    capsys.readouterr()
    cases = [
        (["evidence", "show", "999"], "no evidence item 999"),
        (["evidence", "verdict", "1", "not_usable"], "not_usable needs a note"),
        (["evidence", "verdict", "1", "maybe"], "invalid choice: 'maybe'"),
        (["evidence", "attach", "1", "YY-19990101-0001"], "no work order YY-19990101-0001"),
        (["evidence", "import", str(dump), "--max-size", "0"], "0 is outside 1.."),
        (["evidence", "import", str(dump), "--order", "YY-1"], "no work order YY-1"),
        (["evidence", "show", "one"], "'one' is not a whole number"),
        (["evidence", "import"], "the following arguments are required: PATH"),
    ]
    for argv, message in cases:
        assert _exit_code(store, *argv) == 2, argv
        assert message in _error(capsys), argv


def _exit_code(store: Store, *argv: str) -> int:
    """The exit status, whether the parser exits (usage) or ``main`` returns."""
    try:
        return _run(store, *argv)
    except SystemExit as exc:
        return int(str(exc.code))


def test_options_after_the_sub_command_and_a_store_of_its_own(
    store: Store, officer: None, tmp_path: Path, dump: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = store.url.render_as_string(hide_password=False)
    elsewhere = tmp_path / "shared-evidence"
    argv = ["evidence", "import", str(dump), "--evidence-dir", str(elsewhere), "--db", url]
    assert main(argv) == 0
    assert f"(evidence store {elsewhere})" in capsys.readouterr().out
    assert len(list(elsewhere.rglob("*/*"))) == 3


def test_the_progress_bar_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    line = ProgressLine(screen)
    line(Progress(0, 0, 2048, 2))
    line(Progress(2, 2048, 2048, 2))
    line.close()
    drawn = screen.getvalue()
    assert drawn.startswith("\r[") and drawn.endswith("\n")
    assert drawn.rstrip("\n").split("\r")[-1] == (
        "[##############################] 100%  2/2 files, 2 KiB of 2 KiB"
    )


def test_fetches_list_what_mobile_events_named_and_why_one_failed(
    store: Store, officer: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import insert

    from services.db.evidence_models import EvidenceFetch
    from services.db.models import table_of
    from tests.support.store import T0

    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(EvidenceFetch)),
            [
                {"alert_id": 7, "ref": "a.jpg", "state": "pending", "attempts": 1,
                 "next_try_at": T0, "last_error": "not there yet", "created_at": T0},
                {"alert_id": 8, "ref": "https://evil/x.jpg", "state": "failed", "attempts": 1,
                 "next_try_at": T0, "last_error": "host 'evil' is not on the allow-list",
                 "created_at": T0},
            ],
        )  # fmt: skip
    assert _run(store, "evidence", "fetches") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "failed" in lines[0] and "allow-list" in lines[0]
    assert _run(store, "evidence", "fetches", "--failed") == 0
    assert capsys.readouterr().out.count("\n") == 1
