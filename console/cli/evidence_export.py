"""``youyi-console evidence export`` and ``evidence verify``."""

from __future__ import annotations

from typing import Any


def add_export_commands(e_sub: Any) -> None:
    """Register ``export`` and ``verify`` under ``evidence``."""
