"""The district's time zone: shown times are local to it (stored ones are UTC).

One place says which zone that is, ``timezone`` in resources/calendar.toml (the
working calendar's file), read once."""

from __future__ import annotations

import functools
import tomllib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.errors import ConfigError
from services.resources import resource

DEFAULT_ZONE = "Asia/Shanghai"


@functools.cache
def district_tz() -> ZoneInfo:
    path = resource("calendar.toml")
    try:
        name = str(tomllib.loads(path.read_text(encoding="utf-8")).get("timezone", DEFAULT_ZONE))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"working calendar {path}: {exc}") from exc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"working calendar {path}: unknown time zone {name!r}") from exc
