"""Every QSettings key of a workstation, declared in one place, and the typed
values read from them (the players' ``PlayerOptions``, the tour's seconds).

Widgets never read these settings: the console reads them here and hands the
widgets plain values. Shared operational configuration (grids, devices, routing,
deadlines) lives in the database, not here."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

if TYPE_CHECKING:  # imported when used: the command line reads these keys without Qt's GUI
    from widgets.video.player import PlayerOptions

log = logging.getLogger(__name__)

ORGANIZATION = "Youyi"
APPLICATION = "youyi-console"

LANGUAGE = "ui/language"  # "zh_CN" | "en"
# Where this workstation connects (console.connection: after flags and environment).
DATABASE = "connection/database"
BROKER = "connection/broker"
SITE = "connection/site"
# Set once the first-run set-up is done (console.first_run): "demo" | "control_room".
CONNECTION_MODE = "connection/mode"
# A password is never saved here: the URLs above are kept without one, and the
# password lives in the keyring under the entry named here ("" for none), or,
# where the system has no keyring, is asked for at each start (..._ask true).
DATABASE_KEYRING_ENTRY = "connection/database_keyring_entry"
DATABASE_ASK = "connection/database_ask_each_start"
BROKER_KEYRING_ENTRY = "connection/broker_keyring_entry"
BROKER_ASK = "connection/broker_ask_each_start"
# The broker client id's first part (the host name follows): brokers that admit
# client ids by prefix (Mosquitto's clientid_prefixes) are told this one.
BROKER_CLIENT_PREFIX = "connection/broker_client_prefix"
DEFAULT_CLIENT_PREFIX = "youyi"
# The window layout is kept per arrangement of screens (a laptop alone, docked
# beside two monitors, ...): window/<arrangement>/geometry and .../state.
WINDOW_GEOMETRY = "geometry"
WINDOW_STATE = "state"

# The video wall: its layout by name, the tour's seconds, and the workstation's own
# layouts (a JSON list of {"name", "rows", "cols", "cells": [[row, col, rowspan,
# colspan], ...]}).
VIDEO_LAYOUT = "video/layout"
VIDEO_TOUR_S = "video/tour_seconds"
VIDEO_CUSTOM_LAYOUTS = "video/custom_layouts"
# 报警联动: seconds of a popped-up camera kept as evidence (0: none).
ALARM_CLIP_S = "video/alarm_clip_seconds"
DEFAULT_ALARM_CLIP_S = 30
DEFAULT_TOUR_S = 30
# The players' options (widgets.video.player.PlayerOptions), for players made after
# a change: the field of each key.
VIDEO_RTSP_TCP = "video/rtsp_tcp"
VIDEO_NETWORK_CACHING_MS = "video/network_caching_ms"
VIDEO_AUDIO = "video/audio"
VIDEO_HARDWARE_DECODING = "video/hardware_decoding"
VIDEO_STALL_S = "video/stall_seconds"
VIDEO_RENDER = "video/render"  # "auto" | "callbacks" | "native"
PLAYER_KEYS = {
    "rtsp_tcp": VIDEO_RTSP_TCP,
    "network_caching_ms": VIDEO_NETWORK_CACHING_MS,
    "audio": VIDEO_AUDIO,
    "hardware_decoding": VIDEO_HARDWARE_DECODING,
    "stall_seconds": VIDEO_STALL_S,
    "render": VIDEO_RENDER,
}

# 大屏: a folder of images and text files its notice board (党建 and the like) shows.
BIGSCREEN_NOTICE_FOLDER = "bigscreen/notice_folder"

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def settings() -> QSettings:
    """The workstation's settings (honours QSettings.setDefaultFormat/setPath, which
    the two-argument constructor would not: tests point it at a temp folder)."""
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def language() -> str:
    value = str(settings().value(LANGUAGE, DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def window_key(arrangement: str, name: str) -> str:
    """The key of ``WINDOW_GEOMETRY`` or ``WINDOW_STATE`` for one arrangement."""
    return f"window/{arrangement}/{name}"


def tour_seconds() -> int:
    """The wall's tour interval in seconds (the default for a missing or broken value)."""
    return int(_as(int, settings().value(VIDEO_TOUR_S, DEFAULT_TOUR_S), DEFAULT_TOUR_S))


def alarm_clip_seconds() -> int:
    """How many seconds of a popped-up camera to keep (0: none; at most 600)."""
    value = int(
        _as(int, settings().value(ALARM_CLIP_S, DEFAULT_ALARM_CLIP_S), DEFAULT_ALARM_CLIP_S)
    )
    return min(max(value, 0), 600)


def player_options() -> PlayerOptions:
    """The players' options as saved on this workstation; a missing or broken value
    keeps its default."""
    from widgets.video.player import RENDER_MODES, PlayerOptions

    default, s = PlayerOptions(), settings()
    values: dict[str, Any] = {}
    for field, key in PLAYER_KEYS.items():
        fallback = getattr(default, field)
        values[field] = _as(type(fallback), s.value(key, fallback), fallback)
    if values["render"] not in RENDER_MODES:
        log.warning("settings: no render mode %r; %s instead", values["render"], default.render)
        values["render"] = default.render
    return PlayerOptions(**values)


def save_player_options(options: PlayerOptions) -> None:
    """Keep the operator's part of ``options`` (see ``PLAYER_KEYS``)."""
    s, chosen = settings(), asdict(options)
    for field, key in PLAYER_KEYS.items():
        s.setValue(key, chosen[field])


def _as(kind: type, raw: object, fallback: Any) -> Any:
    """``raw`` (as QSettings gives it: the value, or its text from an INI file) as a
    ``kind``; ``fallback`` when it is not one."""
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        return True if text == "true" else False if text == "false" else fallback
    try:
        return int(float(str(raw))) if kind is int else kind(str(raw))  # "30" or "30.0"
    except (ValueError, OverflowError):
        log.warning("settings: %r is not a %s; %r instead", raw, kind.__name__, fallback)
        return fallback
