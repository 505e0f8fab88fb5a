"""The alert-type table (``resources/alert_types.toml``): severity, label,
latching and hold time of every (device kind, type) a device may report."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import msgspec

from services.alerts.messages import DeviceKind
from services.domain import DEVICE_OFFLINE
from services.errors import ConfigError
from services.resources import resource

log = logging.getLogger(__name__)


class AlertType(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    kind: DeviceKind
    type: Annotated[str, msgspec.Meta(pattern=r"\A[a-z][a-z0-9_]{0,47}\Z")]
    severity: Annotated[int, msgspec.Meta(ge=1, le=4)]
    label: Annotated[str, msgspec.Meta(min_length=1)]
    label_en: str = ""
    latches: bool = False
    hold_s: Annotated[int, msgspec.Meta(ge=0, le=86_400)] = 0


class _Table(msgspec.Struct, forbid_unknown_fields=True):
    type: list[AlertType]


OFFLINE_SEVERITY = 2  # minor: the room should know, nobody is in danger yet


def _offline(kind: DeviceKind) -> AlertType:
    return AlertType(
        kind=kind,
        type=DEVICE_OFFLINE,
        severity=OFFLINE_SEVERITY,
        label="设备离线",
        label_en="Device offline",
        latches=False,
        hold_s=0,
    )


class AlertTypes:
    """Look-ups by (kind, type); unknown pairs are None / False / 0.  Iterating
    and ``of_kind`` give the types devices report; look-ups also know the
    system's own ``device_offline`` of every kind."""

    def __init__(self, types: list[AlertType]) -> None:
        self._system = {(k.value, DEVICE_OFFLINE): _offline(k) for k in DeviceKind}
        self._types: dict[tuple[str, str], AlertType] = {}
        for t in types:
            key = (t.kind.value, t.type)
            if key in self._types:
                raise ConfigError(f"alert type {t.kind.value}/{t.type} is listed twice")
            self._types[key] = t

    @classmethod
    def load(cls, path: Path | None = None) -> AlertTypes:
        path = path or resource("alert_types.toml")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            table = msgspec.convert(data, _Table)
        except (OSError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
            raise ConfigError(f"alert types {path}: {exc}") from exc
        log.debug("%d alert types from %s", len(table.type), path)
        return cls(table.type)

    def get(self, kind: str, alert_type: str) -> AlertType | None:
        key = (kind, alert_type)
        return self._types.get(key) or self._system.get(key)

    def severity(self, kind: str, alert_type: str) -> int | None:
        t = self.get(kind, alert_type)
        return t.severity if t else None

    def latches(self, kind: str, alert_type: str) -> bool:
        t = self.get(kind, alert_type)
        return bool(t and t.latches)

    def hold_s(self, kind: str, alert_type: str) -> int:
        t = self.get(kind, alert_type)
        return t.hold_s if t else 0

    def label(self, kind: str, alert_type: str, lang: str = "zh_CN") -> str:
        t = self.get(kind, alert_type)
        if t is None:
            return alert_type
        return (t.label_en or t.label) if lang == "en" else t.label

    def of_kind(self, kind: str) -> list[AlertType]:
        return [t for (k, _), t in self._types.items() if k == kind]

    def __iter__(self) -> Iterator[AlertType]:
        return iter(self._types.values())

    def __len__(self) -> int:
        return len(self._types)
