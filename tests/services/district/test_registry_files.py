"""Device files from outside: a spreadsheet formula in a cell is exported so that
nothing runs, and a file in an encoding other than UTF-8 or GBK is refused with
its line, never read garbled."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.alerts.messages import DeviceKind
from services.district.registry_files import DeviceRecord, read_devices, write_devices
from services.errors import ConfigError, RefusedFileError

HEADER = "id,kind,name,community,lon,lat,camera_ids,reporting_interval_s\n"


def test_a_formula_in_a_name_is_exported_inert_and_read_back_as_it_was(tmp_path: Path) -> None:
    evil = "=cmd|' /C calc'!A0"
    record = DeviceRecord("EL-0001", DeviceKind.ELEVATOR, evil, None, 121.48, 31.40)
    path = tmp_path / "devices.csv"
    assert write_devices(path, [record]) == 1
    line = path.read_text(encoding="utf-8-sig").splitlines()[1]
    assert line.startswith("EL-0001,elevator,'=cmd|' /C calc'!A0,")  # a text cell: nothing runs
    for start in "+-@":
        assert write_devices(path, [DeviceRecord("EL-0001", DeviceKind.ELEVATOR, start + "1",
                                                 None, 121.48, 31.40)]) == 1  # fmt: skip
        assert f",'{start}1," in path.read_text(encoding="utf-8-sig")
    write_devices(path, [record])
    (entry,) = read_devices(path).entries
    assert entry.record.name == evil


@pytest.mark.parametrize(
    ("encoding", "name", "message"),
    [
        ("big5", "寶山八村電梯", "line 2 is neither UTF-8 nor GBK text"),
        ("big5", "寶龍公寓電梯", "line 2 is not UTF-8, and read as GBK it gives rare characters"),
        ("latin-1", "Café Müller", "line 2 is neither UTF-8 nor GBK text"),
    ],
)
def test_a_file_in_another_encoding_is_refused_with_its_line(
    tmp_path: Path, encoding: str, name: str, message: str
) -> None:
    path = tmp_path / "devices.csv"
    path.write_bytes((HEADER + f"EL-0001,elevator,{name},,121.48,31.40,,\n").encode(encoding))
    with pytest.raises(ConfigError, match=message):
        read_devices(path)


def test_gbk_as_excel_saves_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "devices.csv"
    path.write_bytes((HEADER + "EL-0001,elevator,宝山八村1号梯,,121.48,31.40,,\n").encode("gbk"))
    (entry,) = read_devices(path).entries
    assert entry.record.name == "宝山八村1号梯"


@pytest.mark.parametrize("device_id", ["电梯-20", "RT$20", "=cmd|calc!A0", "-EL1", "EL/1"])
def test_an_id_ingest_would_refuse_is_refused_at_import(tmp_path: Path, device_id: str) -> None:
    path = tmp_path / "devices.csv"
    path.write_text(HEADER + f'"{device_id}",elevator,梯,,121.48,31.40,,\n', encoding="utf-8")
    found = read_devices(path)
    assert found.entries == []
    ((_, problem),) = found.problems
    assert (
        "must be 1-64 letters, digits, '.', '_' or '-' starting with a letter or digit" in problem
    )


def test_a_field_over_the_csv_readers_limit_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "devices.csv"
    body = f'EL-0001,elevator,"{"长" * 140_000}",,121.48,31.40,,\n'
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(RefusedFileError, match="line 2: field larger than field limit"):
        read_devices(path)


def test_a_nul_or_an_escape_in_a_name_is_a_problem_of_its_line(tmp_path: Path) -> None:
    path = tmp_path / "devices.csv"
    rows = "EL-0001,elevator,梯\x00,,121.48,31.40,,\nEL-0002,elevator,\x1b[2J梯,,121.48,31.40,,\n"
    path.write_text(HEADER + rows, encoding="utf-8")
    found = read_devices(path)
    assert [p for _, p in found.problems] == [
        "line 2 (EL-0001): name holds a control or direction character (\\x00)",
        "line 3 (EL-0002): name holds a control or direction character (\\x1b)",
    ]


def test_nesting_deeper_than_any_map_is_refused(tmp_path: Path) -> None:
    from services.district.geo import read_cells

    path = tmp_path / "deep.geojson"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deep to be a list of devices"):
        read_devices(path)
    with pytest.raises(ConfigError, match="nested too deep to be a map of grid cells"):
        read_cells(path)
