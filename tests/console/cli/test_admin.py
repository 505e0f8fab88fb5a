"""`youyi-console grids ...` and `devices ...` through console.cli.main: output,
one-line errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.db.store import Store
from services.resources import resource
from tests.support.store import HEADER, c01, rows, run


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("youyi-console: error: "), err
    return err


def test_devices_import_and_export(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store, "devices", "import", str(resource("demo", "devices.csv"))) == 0
    n = rows(store, "SELECT count(*) FROM devices")[0][0]
    assert capsys.readouterr().out == f"devices.csv: {n} devices imported ({n} new, 0 updated)\n"
    out = tmp_path / "registry.geojson"
    assert run(store, "devices", "export", str(out)) == 0
    assert capsys.readouterr().out == f"{n} devices written to {out}\n"
    assert len(json.loads(out.read_text())["features"]) == n
    assert run(store, "devices", "import", str(out)) == 0
    assert f"(0 new, {n} updated)" in capsys.readouterr().out


def test_devices_errors_are_one_line(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lon, lat = c01(store)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"{HEADER}\nEL-9001,elevator,梯,C01,{lon},{lat},CAM-001,300\n"
        f"EL-9002,lift,梯,C01,{lon},{lat},CAM-001,300\n",
        encoding="utf-8",
    )
    assert run(store, "devices", "import", str(bad)) == 2
    assert one_line_error(capsys) == (
        "youyi-console: error: bad.csv: nothing imported, 1 problem: "
        "line 3 (EL-9002): unknown kind 'lift' (known: camera, elevator, arc_fault, "
        "eagle_eye, nonmotor_probe, storefront_probe, mobile)\n"
    )
    assert rows(store, "SELECT count(*) FROM devices") == [(0,)]
    assert run(store, "devices", "export", str(tmp_path / "devices.xlsx")) == 2
    assert "unknown format .xlsx" in one_line_error(capsys)
    assert run(store, "devices", "import", str(tmp_path / "missing.csv")) == 2
    assert "cannot read" in one_line_error(capsys)


def test_grids_import_and_locate(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store, "grids", "import", str(resource("demo", "grids.geojson"))) == 0
    assert capsys.readouterr().out.startswith("grids.geojson: 9 grid cells imported (0 new")
    lon, lat = c01(store)
    assert run(store, "grids", "locate", str(lon), str(lat)) == 0
    assert capsys.readouterr().out == "block B1 长滩街区, grid cell G11 长滩一网格\n"
    assert run(store, "grids", "locate", "121.6", "31.2") == 1
    out = capsys.readouterr().out
    assert out == (
        "point (lon 121.600000, lat 31.200000) is outside the district: no grid cell covers it\n"
    )


def test_grids_import_error_is_one_line(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "grids.geojson"
    bad.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"code": "G11"}, "geometry": null}]}'
    )
    assert run(store, "grids", "import", str(bad)) == 2
    assert one_line_error(capsys) == (
        "youyi-console: error: grids.geojson features[0] (G11): "
        "missing or empty properties: name, block, block_name\n"
    )
