"""This workstation, as the audit trail and the custody logs name it."""

from __future__ import annotations

import socket


def console_name() -> str:
    """``gui:<host name>`` (at most 64 characters)."""
    return f"gui:{socket.gethostname()}"[:64]
