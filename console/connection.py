"""Where a workstation's console connects: the database, the message broker and the
site's topic root, kept in the workstation's settings so that an installer sets
them once (``youyi-console --db URL --broker URL --site NAME --remember``) and
the operator just starts the console.

Precedence: the command line, then the environment ($YOUYI_DB, $YOUYI_BROKER),
then the saved settings, then the embedded default (SQLite, the demo).  A saved
URL may hold a password in clear text in the settings file: prefer PostgreSQL's
~/.pgpass (or pg_service.conf) and a broker account without one where you can.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from console import settings as keys

DEFAULT_SITE = "youyi"


def apply_saved(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> None:
    """Fill ``args.db``, ``args.broker`` and ``args.site`` from the saved settings
    where neither the command line nor the environment says; with ``--remember``,
    save what the command line says first."""
    s = keys.settings()
    given = {
        keys.DATABASE: getattr(args, "db", None),
        keys.BROKER: getattr(args, "broker", None),
        keys.SITE: getattr(args, "site", None),
    }
    if getattr(args, "remember", False):
        for key, value in given.items():
            if value:
                s.setValue(key, value)
        s.sync()
    if hasattr(args, "db") and not args.db and not environ.get("YOUYI_DB"):
        args.db = _saved(s.value(keys.DATABASE))
    if hasattr(args, "broker") and not args.broker and not environ.get("YOUYI_BROKER"):
        args.broker = _saved(s.value(keys.BROKER))
    if hasattr(args, "site") and not args.site:
        args.site = _saved(s.value(keys.SITE)) or DEFAULT_SITE


def _saved(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
