"""Device files from outside: a spreadsheet formula in a cell is exported so that
nothing runs, and a file in an encoding other than UTF-8 or GBK is refused with
its line, never read garbled."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.alerts.messages import DeviceKind
from services.errors import ConfigError
from services.registry_files import DeviceRecord, read_devices, write_devices

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
