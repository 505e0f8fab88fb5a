"""`youyi-console grids locate --grids FILE`: no database involved."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.cli import main


def test_locate_against_a_file_touches_no_database(
    district_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'x.db'}"
    argv = ["--db", nowhere, "grids", "locate", "--grids", str(district_file)]
    assert main([*argv, "121.5", "31.5"]) == 0  # the corner of four cells
    assert capsys.readouterr().out == "block A block A, grid cell A1 A1 cell\n"
    assert main([*argv, "121.25", "31.75"]) == 0  # in B1's hole: B2's second part
    assert "grid cell B2" in capsys.readouterr().out
    assert main([*argv, "-73.98", "40.75"]) == 1
    assert "outside the district" in capsys.readouterr().out
    assert not (tmp_path / "no").exists()


def test_a_bad_grid_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "grids.geojson"
    path.write_text("[]")
    assert main(["grids", "locate", "--grids", str(path), "121.5", "31.4"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "youyi-console: error: grids.geojson: a GeoJSON FeatureCollection of grid cells expected\n"
    )
