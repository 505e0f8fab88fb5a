"""Sidecar JSON files: what an officer's phone or the unit's upload tool states
about the files of a dump, beside them.

``NAME.json`` beside the file ``NAME`` speaks for that file; ``evidence.json`` in
a folder speaks for the files of that folder: its keys that are fields are
defaults for every file, every other key is a file name of that folder whose
object states that file's fields.  The fields: officer, device, captured_at
(ISO 8601 with a UTC offset), lon and lat (together), order (a work-order
number).  The file's own sidecar wins over the folder's entry for it, that over
the folder's defaults, and all of them over the file's embedded metadata.

A sidecar that does not parse, holds an unknown key (a typo would drop a fact
quietly) or a bad value is a ``SidecarError`` with a one-line reason.  The
intake refuses the files it speaks for rather than take them in with the wrong
officer, time or place: those facts are the custody record's and are never
corrected afterwards.  The files stay in the dump, to be imported again once
the sidecar is fixed.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.errors import ValidationError
from services.evidence.metadata import Stated
from services.evidence.vault import SAFE_OPEN
from services.text_rules import check_line, shown

FOLDER_SIDECAR = "evidence.json"
SIDECAR_SUFFIX = ".json"
SIDECAR_MAX = 1 << 20
FIELDS = ("officer", "device", "captured_at", "lon", "lat", "order")


class SidecarError(ValidationError):
    """A sidecar that cannot be taken at its word; the message is one line."""


def is_sidecar_name(name: str, siblings: set[str]) -> bool:
    """Is the file ``name`` a sidecar, given the names in its folder?"""
    if name == FOLDER_SIDECAR:
        return True
    return name.endswith(SIDECAR_SUFFIX) and name[: -len(SIDECAR_SUFFIX)] in siblings


def file_sidecar(path: Path) -> Stated | None:
    """What ``NAME.json`` beside the file ``path`` states, None without one."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    data = _read_json(side)
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SidecarError(f"sidecar {side.name}: not a JSON object")
    return stated(data, f"sidecar {side.name}")


@dataclass(frozen=True, slots=True)
class FolderSidecar:
    """What a folder's ``evidence.json`` states."""

    defaults: Stated = field(default_factory=Stated)
    files: dict[str, Stated] = field(default_factory=dict)

    def for_file(self, name: str) -> Stated:
        """The folder's word on one of its files."""
        own = self.files.get(name)
        return own.over(self.defaults) if own is not None else self.defaults


def folder_sidecar(folder: Path) -> FolderSidecar:
    """What ``evidence.json`` in ``folder`` states (nothing without one)."""
    where = f"{folder.name or folder}/{FOLDER_SIDECAR}"
    data = _read_json(folder / FOLDER_SIDECAR)
    if data is None:
        return FolderSidecar()
    if not isinstance(data, dict):
        raise SidecarError(f"sidecar {where}: not a JSON object")
    defaults = {k: v for k, v in data.items() if k in FIELDS}
    files: dict[str, Stated] = {}
    for name, entry in data.items():
        if name in FIELDS:
            continue
        if not isinstance(entry, dict):
            raise SidecarError(
                f"sidecar {where}: unknown field {shown(name)!r} (fields: {', '.join(FIELDS)}; "
                "any other key names a file and holds an object)"
            )
        if name in ("", ".", "..") or "/" in name or "\\" in name:
            raise SidecarError(f"sidecar {where}: {shown(name)!r} is not a file name of the folder")
        files[name] = stated(entry, f"sidecar {where} [{shown(name)}]")
    return FolderSidecar(stated(defaults, f"sidecar {where}"), files)


def stated(data: dict[str, Any], where: str) -> Stated:
    """The fields of one sidecar object, each checked; SidecarError otherwise."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise SidecarError(
            f"{where}: unknown field {shown(unknown[0])!r} (fields: {', '.join(FIELDS)})"
        )
    try:
        found = Stated(
            officer=_text(data, "officer", 64),
            device=_text(data, "device", 128),
            captured_at=_when(data.get("captured_at")),
            position=_where(data.get("lon"), data.get("lat")),
            order=_text(data, "order", 32),
        )
    except ValidationError as exc:
        raise SidecarError(f"{where}: {exc}") from None
    return found


def _text(data: dict[str, Any], key: str, limit: int) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{key} is not text")
    return check_line(key, value, limit)


def _when(value: Any) -> datetime | None:
    if value is None:
        return None
    example = "e.g. 2026-11-23T10:00:00+08:00"
    if not isinstance(value, str):
        raise ValidationError(f"captured_at is not text ({example})")
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(f"captured_at {shown(value)!r} is not ISO 8601 ({example})") from None
    if when.tzinfo is None:
        raise ValidationError(f"captured_at {shown(value)!r} has no UTC offset ({example})")
    return when.astimezone(UTC)


def _where(lon: Any, lat: Any) -> tuple[float, float] | None:
    if lon is None and lat is None:
        return None
    if lon is None or lat is None:
        raise ValidationError("lon and lat go together: one of them is missing")
    for name, v in (("lon", lon), ("lat", lat)):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise ValidationError(f"{name} is not a number")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(f"lon {lon}, lat {lat} is not a position on Earth")
    return float(lon), float(lat)


def _read_json(path: Path) -> Any:
    """The JSON document at ``path`` (None when there is none); a symbolic
    link, a non-file, an oversized or unparsable one is a SidecarError."""
    try:
        fd = os.open(path, SAFE_OPEN)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SidecarError(f"sidecar {path.name}: a symbolic link (not followed)") from exc
        raise SidecarError(f"sidecar {path.name}: cannot be read ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise SidecarError(f"sidecar {path.name}: not a regular file")
        raw = f.read(SIDECAR_MAX + 1)
    if len(raw) > SIDECAR_MAX:
        raise SidecarError(f"sidecar {path.name}: larger than {SIDECAR_MAX // 1024} KiB")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise SidecarError(
            f"sidecar {path.name}: not JSON in UTF-8 ({shown(str(exc))[:200]})"
        ) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")
