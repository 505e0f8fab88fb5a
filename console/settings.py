"""Every QSettings key of a workstation, declared in one place.

Shared operational configuration (grids, devices, routing, deadlines) lives in
the database, not here."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "Youyi"
APPLICATION = "youyi-console"

LANGUAGE = "ui/language"  # "zh_CN" | "en"
# Where this workstation connects (console.connection: after flags and environment).
DATABASE = "connection/database"
BROKER = "connection/broker"
SITE = "connection/site"
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
# The players' options (RTSP over TCP, network caching, audio, hardware decoding,
# stall time, rendering) are widgets.video.player.SETTINGS_KEYS, read by the wall.

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
