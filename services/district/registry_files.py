"""Device-registry files: CSV and GeoJSON, read into records and written back.

Both hold the same fields: ``id``, ``kind``, ``name``, ``community`` (a
community code), ``lon``/``lat`` (WGS 84 degrees), ``camera_ids`` and
``reporting_interval_s``.  In CSV the camera ids are separated by ``;`` and
lines starting with ``#`` before the header are comments; in GeoJSON each device
is a Point feature, its camera ids a list.  Reading checks each record on its
own (the store checks communities, cameras and the district); every problem is
collected with its line (CSV) or feature index (GeoJSON), and any problem
refuses the whole file.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from services.alerts.messages import NAME, NAME_RULE, DeviceKind
from services.errors import ConfigError, RefusedFileError, ValidationError
from services.text_rules import check_line, shown

FIELDS = ("id", "kind", "name", "community", "lon", "lat", "camera_ids", "reporting_interval_s")
REQUIRED = ("id", "kind", "name", "lon", "lat")
#: Kinds without a fixed place (officers' handsets report their position).
MOBILE_KINDS = frozenset({DeviceKind.MOBILE})


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    id: str
    kind: DeviceKind
    name: str
    community: str | None
    lon: float | None
    lat: float | None
    camera_ids: tuple[str, ...] = ()
    reporting_interval_s: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A record and where it is in its file ("line 7", "features[3]");
    ``order`` sorts problems in file order."""

    where: str
    record: DeviceRecord
    order: int = 0

    @property
    def label(self) -> str:
        return f"{self.where} ({self.record.id})"


class _ProblemError(Exception):
    pass


def file_format(path: Path) -> str:
    """``csv`` or ``geojson``, from the file name's extension."""
    ext = path.suffix.lower()
    if ext == ".csv":
        return "csv"
    if ext in (".geojson", ".json"):
        return "geojson"
    raise ConfigError(f"{path.name}: unknown format {ext or '(none)'}: use .csv, .geojson or .json")


@dataclass(slots=True)
class DeviceFile:
    """A file's good records, and its bad ones as (order, "where: why")."""

    source: str
    entries: list[Entry]
    problems: list[tuple[int, str]]

    def refuse(self, more: Sequence[tuple[int, str]] = ()) -> None:
        """Raise RefusedFileError listing every problem, in file order, if any."""
        found = sorted([*self.problems, *more])
        if found:
            raise RefusedFileError(self.source, [message for _, message in found])


def read_devices(path: Path) -> DeviceFile:
    """The file's records; the bad ones are collected, not raised (``refuse``)."""
    fmt = file_format(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text = _decode(raw, path.name)
    rows = _csv_rows(text, path.name) if fmt == "csv" else _geojson_rows(text, path.name)
    result = DeviceFile(path.name, [], [])
    for order, (where, values) in enumerate(rows):
        did = values.get("id")
        label = f"{where} ({did.strip()})" if isinstance(did, str) and did.strip() else where
        try:
            result.entries.append(Entry(where, _record(values), order))
        except _ProblemError as exc:
            result.problems.append((order, f"{label}: {exc}"))
    return result


def write_devices(path: Path, records: Iterable[DeviceRecord]) -> int:
    """Write the records (format by extension), atomically; returns how many."""
    fmt = file_format(path)
    items = list(records)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as f:
            (_write_csv if fmt == "csv" else _write_geojson)(f, items)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return len(items)


def _decode(raw: bytes, source: str) -> str:
    """UTF-8, else GBK as Excel saves CSV on Chinese Windows; anything else (Big5,
    Latin-1 …) is refused naming its first bad line, never read garbled.  Text
    that decodes as GBK only by landing on characters outside GB2312's common
    set is taken for another encoding: a district's names are common characters."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_line = raw[: exc.start].count(b"\n") + 1
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{source}: line {max(line, utf8_line)} is neither UTF-8 nor GBK text; save the "
            "file as UTF-8"
        ) from None
    for n, line_text in enumerate(text.splitlines(), 1):
        try:
            line_text.encode("gb2312")
        except UnicodeEncodeError:
            raise ConfigError(
                f"{source}: line {n} is not UTF-8, and read as GBK it gives rare characters "
                f"({line_text[:40]!r}): is it Big5 or Latin-1? Save the file as UTF-8"
            ) from None
    return text


#: A cell a spreadsheet would run as a formula (``=cmd|' /C calc'!A0``).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A text cell, exported so that a spreadsheet shows it and runs nothing."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _uncell(text: str) -> str:
    """A text cell as exported by ``_cell``, back to its value."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def _csv_rows(text: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and lines[skip].lstrip().startswith("#"):
        skip += 1
    reader = csv.reader(lines[skip:])
    header = [h.strip() for h in next(_rows_or_refuse(reader, source, skip), [])]
    unknown = [h for h in header if h not in FIELDS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing or len(set(header)) < len(header):
        why = (f"unknown columns {unknown}; " if unknown else "") + (
            f"missing columns {missing}; " if missing else ""
        )
        raise RefusedFileError(
            source, [f"line {skip + 1}: {why}expected the columns {', '.join(FIELDS)}"]
        )
    for row in _rows_or_refuse(reader, source, skip):
        line = skip + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problem = f"{len(row)} fields, the header has {len(header)}"
            yield f"line {line}", {"id": row[0], "_fields": problem}
            continue
        values: dict[str, Any] = dict(zip(header, map(_uncell, row), strict=True))
        values["camera_ids"] = values.get("camera_ids", "").split(";")
        yield f"line {line}", values


def _rows_or_refuse(reader: Any, source: str, skip: int) -> Iterator[list[str]]:
    """The reader's rows; a line the csv module cannot read (a field over its
    128 KiB limit, a NUL byte) refuses the file, naming the line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RefusedFileError(source, [f"line {skip + reader.line_num}: {exc}"]) from None
        yield row


def _geojson_rows(text: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"{source}: not JSON: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{source}: nested too deep to be a list of devices") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ConfigError(f"{source}: a GeoJSON FeatureCollection of devices expected")
    if not isinstance(features, list):
        raise ConfigError(f"{source}: the FeatureCollection has no features list")
    for i, feature in enumerate(features):
        where = f"features[{i}]"
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            yield where, {"_fields": "a GeoJSON Feature with properties expected"}
            continue
        values = {k: props.get(k) for k in FIELDS if k not in ("lon", "lat")}
        geometry = feature.get("geometry")
        if geometry is not None:
            coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
            if (
                not isinstance(geometry, dict)
                or geometry.get("type") != "Point"
                or not isinstance(coords, list)
                or len(coords) not in (2, 3)
            ):
                values["_fields"] = "geometry must be a Point [lon, lat] (or null)"
            else:
                values["lon"], values["lat"] = coords[0], coords[1]
        yield where, values


def _record(v: dict[str, Any]) -> DeviceRecord:
    if "_fields" in v:
        raise _ProblemError(v["_fields"])
    did = _text(v.get("id"), "id", 64)
    if not NAME.fullmatch(did):  # what ingest takes from a topic, and nothing else
        raise _ProblemError(f"id {shown(did)!r} must be {NAME_RULE}")
    kind_text = _text(v.get("kind"), "kind", 32)
    try:
        kind = DeviceKind(kind_text)
    except ValueError:
        known = ", ".join(k.value for k in DeviceKind)
        raise _ProblemError(f"unknown kind {kind_text!r} (known: {known})") from None
    lon = _number(v.get("lon"), "lon", 180)
    lat = _number(v.get("lat"), "lat", 90)
    if (lon is None) != (lat is None):
        raise _ProblemError("lon and lat go together: give both or neither")
    if lon is None and kind not in MOBILE_KINDS:
        raise _ProblemError(f"missing coordinates (lon, lat): a {kind.value} has a fixed place")
    community = _text(v.get("community"), "community", 32, required=False) or None
    cams = v.get("camera_ids") or []
    if not isinstance(cams, list) or not all(isinstance(c, str) for c in cams):
        raise _ProblemError("camera_ids must be a list of camera ids")
    return DeviceRecord(
        id=did,
        kind=kind,
        name=_text(v.get("name"), "name", 128),
        community=community,
        lon=lon,
        lat=lat,
        camera_ids=tuple(dict.fromkeys(c.strip() for c in cams if c.strip())),
        reporting_interval_s=_interval(v.get("reporting_interval_s")),
    )


def _text(value: object, field: str, limit: int, *, required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _ProblemError(f"missing {field}")
        return ""
    if not isinstance(value, str):
        raise _ProblemError(f"{field} must be text, not {value!r}")
    if len(value.strip()) > limit:
        raise _ProblemError(f"{field} longer than {limit} characters")
    try:
        return check_line(field, value, limit)
    except ValidationError as exc:
        raise _ProblemError(str(exc)) from None


def _number(value: object, field: str, limit: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value) if isinstance(value, str | int | float) else math.nan
    except ValueError:
        raise _ProblemError(f"bad {field} {value!r}: a number in degrees expected") from None
    if isinstance(value, bool) or not math.isfinite(number) or abs(number) > limit:
        raise _ProblemError(f"bad {field} {value!r}: degrees between -{limit} and {limit} expected")
    return number


def _interval(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        seconds = int(value) if isinstance(value, str | int) and not isinstance(value, bool) else 0
    except ValueError:
        seconds = 0
    if seconds <= 0:
        raise _ProblemError(f"bad reporting_interval_s {value!r}: whole seconds above 0 expected")
    return seconds


def _write_csv(f: TextIO, records: list[DeviceRecord]) -> None:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(FIELDS)
    for r in records:
        w.writerow(
            [
                _cell(r.id),
                r.kind.value,
                _cell(r.name),
                _cell(r.community or ""),
                "" if r.lon is None else repr(r.lon),
                "" if r.lat is None else repr(r.lat),
                _cell(";".join(r.camera_ids)),
                "" if r.reporting_interval_s is None else r.reporting_interval_s,
            ]
        )


def _write_geojson(f: TextIO, records: list[DeviceRecord]) -> None:
    features = []
    for r in records:
        point = None if r.lon is None else {"type": "Point", "coordinates": [r.lon, r.lat]}
        props = {
            "id": r.id,
            "kind": r.kind.value,
            "name": r.name,
            "community": r.community,
            "camera_ids": list(r.camera_ids),
            "reporting_interval_s": r.reporting_interval_s,
        }
        feature = {"type": "Feature", "geometry": point, "properties": props}
        features.append(json.dumps(feature, ensure_ascii=False))
    f.write('{"type": "FeatureCollection", "features": [\n')
    f.write(",\n".join(features))
    f.write("\n]}\n")
