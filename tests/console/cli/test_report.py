"""``youyi-console report``: the JSON of orders made through the command line,
the other formats sane, and every refusal one line with exit 2."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from services.db.store import Store
from services.district.timezone import district_tz
from services.domain import Role
from tests.support.store import cli_sign_in, run


def _today() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).astimezone(district_tz()).date().isoformat()


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("youyi-console"), err
    assert ": error: " in err, err
    return err


def _raise(store: Store, capsys: pytest.CaptureFixture[str], grid: str) -> str:
    capsys.readouterr()
    assert run(store, "orders", "raise", "--title", "占道经营", "--grid", grid) == 0
    return capsys.readouterr().out.split()[0]


def test_the_json_counts_orders_made_through_the_command_line(
    store: Store, signed_in: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = _raise(store, capsys, "G11")
    for target in ("filed", "dispatched", "acknowledged", "in_progress", "resolved"):
        assert run(store, "orders", "move", closed, target, "--note", "处理") == 0
    assert run(store, "orders", "move", closed, "closed", "--outcome", "fixed") == 0
    refused = _raise(store, capsys, "G12")
    assert run(store, "orders", "move", refused, "not_filed", "--note", "重复") == 0
    _raise(store, capsys, "G12")
    capsys.readouterr()
    out = tmp_path / "r.json"
    day = _today()
    assert run(store, "report", "--from", day, "--to", day, "--format", "json",
               "--out", str(out)) == 0  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["orders_opened"], report["orders_closed"]) == (3, 1)
    assert (report["orders_not_filed"], report["closed_on_time"]) == (1, 1)
    assert report["on_time_rate"] == 1.0 and report["overdue_open"] == 0
    assert report["by_grid"]["G12"]["orders_opened"] == 2
    assert report["by_grid"]["G33"]["orders_opened"] == 0
    assert report["by_category"]["other"]["median_hours_to_close"] is not None
    assert report["zone"] == str(district_tz()) and report["made_by"] == "wang"
    assert report["alerts_by_kind"] == {}

    out = tmp_path / "g11.json"
    assert run(store, "report", "--from", day, "--to", day, "--grid", "G11", "--format",
               "json", "--out", str(out)) == 0  # fmt: skip
    assert json.loads(out.read_text(encoding="utf-8"))["orders_opened"] == 1


def test_csv_html_and_pdf_are_sane(
    store: Store, signed_in: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _raise(store, capsys, "G11")
    day = _today()
    files = {}
    for fmt in ("csv", "html", "pdf"):
        files[fmt] = tmp_path / f"r.{fmt}"
        assert run(store, "report", "--from", day, "--to", day, "--format", fmt,
                   "--out", str(files[fmt])) == 0  # fmt: skip
    csv = files["csv"].read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "# 工单总体" in csv.decode("utf-8-sig")
    assert "\r\n新增工单,结案," in csv.decode("utf-8-sig")
    html = files["html"].read_text(encoding="utf-8")
    assert "<svg" in html and "城运中心统计报表" in html and "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    pdf = files["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and (b"STSong-Light" in pdf or b"ReportCJK" in pdf)


def test_refusals_are_one_line(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = str(tmp_path / "r.json")
    assert run(store, "report", "--from", "2026-11-23", "--to", "2026-11-23",
               "--format", "json", "--out", out) == 2  # fmt: skip
    assert "acts as an account" in _error(capsys)
    cli_sign_in(store, monkeypatch, "li", Role.SUPERVISOR, grids=("G11",))
    capsys.readouterr()
    bad = [
        (["--from", "2026-11-24", "--to", "2026-11-23"], "is before --from"),
        (["--from", "2026-02-30", "--to", "2026-03-01"], "not a date"),
        (["--from", "23/11/2026", "--to", "2026-11-23"], "not a date"),
        (["--from", "2026-11-23", "--to", "2026-11-23", "--grid", "G12"], "not one of yours"),
        (["--from", "2026-11-23", "--to", "2026-11-23", "--grid", "G99"], "G99"),
    ]
    for argv, message in bad:
        try:
            code = run(store, "report", *argv, "--format", "json", "--out", out)
        except SystemExit as exc:  # argparse's own refusals
            code = int(str(exc.code))
        assert code == 2, argv
        assert message in _error(capsys)
    assert not Path(out).exists()
    # A supervisor's report covers their own grid cells.
    assert run(store, "report", "--from", "2026-11-23", "--to", "2026-11-23",
               "--format", "json", "--out", out) == 0  # fmt: skip
    assert json.loads(Path(out).read_text(encoding="utf-8"))["grids"] == ["G11"]
    assert date.fromisoformat("2026-11-23")  # the dates above are real ones
